// Auto-answer: the admin's settings, the acceptance report, and the visitor's answer to an offer.
import { Type, type Static } from 'typebox';

export const AutoAnswerSettingsSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    /** 0 to 1: offer an article only when the confidence reaches it (bench:auto-answer tunes it). */
    threshold: Type.Number({ minimum: 0.2, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type AutoAnswerSettings = Static<typeof AutoAnswerSettingsSchema>;

export const AutoAnswerReportQuerySchema = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })) },
  { additionalProperties: false },
);
export const AutoAnswerReportSchema = Type.Object({
  days: Type.Integer(),
  offered: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  /** Offers the visitor never answered. */
  unanswered: Type.Integer(),
  /** accepted / (accepted + rejected); null when nobody answered. */
  acceptance: Type.Union([Type.Number(), Type.Null()]),
  articles: Type.Array(Type.Object({ slug: Type.String(), locale: Type.String(), offered: Type.Integer(), accepted: Type.Integer() })),
});
export type AutoAnswerReport = Static<typeof AutoAnswerReportSchema>;

/** Visitor → server: the answer to "Did this solve it?" under an automatic answer (the message's seq). */
export const AutoAnswerReplyFrame = Type.Object(
  { type: Type.Literal('auto_answer_reply'), conversationId: Type.String({ minLength: 1, maxLength: 64 }), seq: Type.Integer({ minimum: 1 }), accepted: Type.Boolean() },
  { additionalProperties: false, description: 'Visitors only: yes (resolves the conversation) or no (a person answers).' },
);
