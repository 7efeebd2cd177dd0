// Saved replies: canned answers per team (or for everyone), in Spanish and English, with {name}-style fields.
import { Type, type Static } from 'typebox';
import { MAX_MESSAGE_LENGTH } from './limits.ts';

export const SavedReplySchema = Type.Object({
  id: Type.Integer(),
  /** Null: for every agent. */
  teamId: Type.Union([Type.String(), Type.Null()]),
  teamName: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  bodyEs: Type.String(),
  bodyEn: Type.String(),
  /** Whether the asker may change it (admins; leads of its team). */
  editable: Type.Boolean(),
});
export type SavedReply = Static<typeof SavedReplySchema>;

const Body = Type.String({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH });
export const SavedReplyBodySchema = Type.Object(
  { teamId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]), title: Type.String({ minLength: 1, maxLength: 120 }), bodyEs: Body, bodyEn: Body },
  { additionalProperties: false },
);
export const SavedReplyParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const SavedRepliesResponseSchema = Type.Object({ replies: Type.Array(SavedReplySchema) });
