// Review of trainees' replies: in a team that reviews them, a trainee's reply waits as a draft until a lead
// approves it (perhaps edited) or rejects it.
import { Type, type Static } from 'typebox';
import { MAX_MESSAGE_LENGTH } from './limits.ts';

const Millis = Type.Integer({ description: 'milliseconds since 1970' });

export const ReplyDraftSchema = Type.Object({
  id: Type.Integer(),
  conversationId: Type.String(),
  visitorName: Type.Union([Type.String(), Type.Null()]),
  teamName: Type.String(),
  authorId: Type.String(),
  authorName: Type.String(),
  /** The trainee's client id: the message keeps it once approved. */
  clientId: Type.String(),
  body: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  reviewerName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Millis,
});
export type ReplyDraft = Static<typeof ReplyDraftSchema>;

export const ReviewParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ApproveBodySchema = Type.Object(
  { body: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH, description: 'the text as the lead edited it' })) },
  { additionalProperties: false },
);
export const ReviewsResponseSchema = Type.Object({ drafts: Type.Array(ReplyDraftSchema) });
