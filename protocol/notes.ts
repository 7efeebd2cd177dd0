// Internal notes and mentions: staff only, never sent to a visitor.
import { Type, type Static } from 'typebox';

const Millis = Type.Integer({ description: 'milliseconds since 1970' });

export const NoteMentionSchema = Type.Object({
  kind: Type.Union([Type.Literal('agent'), Type.Literal('team')]),
  id: Type.String(),
  name: Type.String(),
  respondedAt: Type.Union([Millis, Type.Null()]),
});

export const NoteSchema = Type.Object({
  id: Type.Integer(),
  conversationId: Type.String(),
  agentId: Type.String(),
  agentName: Type.String(),
  body: Type.String(),
  createdAt: Millis,
  mentions: Type.Array(NoteMentionSchema),
});
export type Note = Static<typeof NoteSchema>;

export const NoteBodySchema = Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
export const NotesResponseSchema = Type.Object({ notes: Type.Array(NoteSchema) });

/** A mention still waiting for an answer: to me (or a team of mine), or asked by me. */
export const OpenMentionSchema = Type.Object({
  id: Type.Integer(),
  conversationId: Type.String(),
  visitorName: Type.Union([Type.String(), Type.Null()]),
  /** Who asked, and whom: an agent's or a team's name. */
  byName: Type.String(),
  toName: Type.String(),
  excerpt: Type.String(),
  createdAt: Millis,
});
export type OpenMention = Static<typeof OpenMentionSchema>;
export const MentionsResponseSchema = Type.Object({
  /** Mentions of me or of a team I am in, until one of us replies or writes a note there. */
  forMe: Type.Array(OpenMentionSchema),
  /** Mentions I made that nobody has answered yet: how long they have waited. */
  byMe: Type.Array(OpenMentionSchema),
});
export type MentionsResponse = Static<typeof MentionsResponseSchema>;
