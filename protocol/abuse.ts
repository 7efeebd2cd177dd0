// The HTTP bodies of blocking and of held messages (the console's side of spam and abuse).
import { Type, type Static } from 'typebox';

const Millis = Type.Integer({ description: 'milliseconds since 1970' });

export const BlockSchema = Type.Object({
  id: Type.Integer(),
  visitorId: Type.Union([Type.String(), Type.Null()]),
  /** The name the visitor gave at consent, if any. */
  visitorName: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  /** The name of the agent or admin who blocked. */
  blockedBy: Type.String(),
  createdAt: Millis,
});
export type Block = Static<typeof BlockSchema>;

export const BlockBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const BlockParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const HeldMessageSchema = Type.Object({
  conversationId: Type.String(),
  seq: Type.Integer({ minimum: 1 }),
  body: Type.String(),
  createdAt: Millis,
  /** `links`: more links than ATIENDE_LIMIT_LINKS_PER_MESSAGE; `repeated`: the same text sent again and again. */
  reason: Type.String(),
  visitorName: Type.Union([Type.String(), Type.Null()]),
});
export type HeldMessage = Static<typeof HeldMessageSchema>;

export const HeldParamsSchema = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }), seq: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
