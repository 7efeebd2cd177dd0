// Working together on a conversation: internal notes (never shown to the visitor), mentions that ask an agent
// or a team for help, replies of trainees waiting for a lead's review, and the record of who had it when.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';
import { conversations } from './chat.js';
import { agents } from './staff.js';

/** An internal note: agents see it in the conversation; the visitor never does. */
export const notes = sqliteTable(
  'notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    agentId: text('agent_id').notNull().references(() => agents.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('notes_conversation_idx').on(t.conversationId, t.createdAt)],
);

/**
 * "@Ana" or "@Facturación" in a note: the mentioned agent (or every member of the team) sees the conversation
 * in their inbox until one of them responds (a reply or a note in that conversation).
 */
export const noteMentions = sqliteTable(
  'note_mentions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    noteId: integer('note_id').notNull().references(() => notes.id),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    /** Exactly one of agentId and teamId is set. */
    agentId: text('agent_id'),
    teamId: text('team_id'),
    /** Who asked. */
    byAgentId: text('by_agent_id').notNull(),
    createdAt: createdAt(),
    respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
    respondedBy: text('responded_by'),
  },
  (t) => [
    index('note_mentions_agent_idx').on(t.agentId, t.respondedAt),
    index('note_mentions_team_idx').on(t.teamId, t.respondedAt),
    index('note_mentions_conversation_idx').on(t.conversationId),
  ],
);

/** A trainee's reply in a team that reviews them: held until a lead approves (perhaps edited) or rejects it. */
export const replyDrafts = sqliteTable(
  'reply_drafts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    teamId: text('team_id').notNull(),
    authorId: text('author_id').notNull().references(() => agents.id),
    /** The trainee's client id: approving sends the message with it, so a repeated approval is not a copy. */
    clientId: text('client_id').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
    reviewerId: text('reviewer_id'),
    /** The sequence number of the message it became once approved. */
    sentSeq: integer('sent_seq'),
    createdAt: createdAt(),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('reply_drafts_team_idx').on(t.teamId, t.status), index('reply_drafts_conversation_idx').on(t.conversationId)],
);

/** Every change of hands: routed to a team, auto-assigned, claimed, assigned, transferred (with a note), released. */
export const assignmentEvents = sqliteTable(
  'assignment_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    kind: text('kind', { enum: ['routed', 'auto_assigned', 'claimed', 'assigned', 'transferred', 'released'] }).notNull(),
    teamId: text('team_id'),
    agentId: text('agent_id'),
    /** The agent who did it; null when the system did. */
    byAgentId: text('by_agent_id'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('assignment_events_conversation_idx').on(t.conversationId, t.createdAt)],
);
