// Chat: visitors who consented, their consent records, conversations and messages.
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';
import { customers } from './customers.js';

/** A visitor who gave consent. Nothing about a visitor is stored before that. */
export const visitors = sqliteTable(
  'visitors',
  {
    id: text('id').primaryKey(),
    /** SHA-256 of the visitor token; the token itself lives only in the visitor's browser. */
    tokenHash: text('token_hash').notNull(),
    name: text('name'),
    email: text('email'),
    locale: text('locale').notNull(),
    createdAt: createdAt(),
    /** Set when consent is withdrawn: the token no longer opens anything. */
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    /** Set once a verified identity token links this visitor to a customer; then it sees the customer's history. */
    customerId: text('customer_id').references(() => customers.id),
    /** Set by an agent or admin: raises the priority of this visitor's conversations. */
    vip: integer('vip', { mode: 'boolean' }).notNull().default(false),
    /** SHA-256 of the IP address consent came from, salted with the server's secret; never the address itself. */
    ipHash: text('ip_hash'),
  },
  (t) => [uniqueIndex('visitors_token_hash_idx').on(t.tokenHash), index('visitors_customer_idx').on(t.customerId)],
);

/** Append-only: a grant and a withdrawal are each a row; no row is ever changed or deleted. */
export const consentRecords = sqliteTable(
  'consent_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitorId: text('visitor_id').notNull().references(() => visitors.id),
    action: text('action', { enum: ['granted', 'withdrawn'] }).notNull(),
    textVersion: text('text_version').notNull(),
    /** SHA-256 of the exact text shown, in the locale shown. */
    textHash: text('text_hash').notNull(),
    locale: text('locale').notNull(),
    channel: text('channel').notNull(),
    pageUrl: text('page_url').notNull(),
    purpose: text('purpose').notNull(),
    /** The visitor asked to be told by email when the team replies while they are away. */
    notifyByEmail: integer('notify_by_email', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('consent_records_visitor_idx').on(t.visitorId, t.createdAt)],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    visitorId: text('visitor_id').notNull().references(() => visitors.id),
    status: text('status', { enum: ['open', 'closed', 'withdrawn'] }).notNull().default('open'),
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    /** The last sequence number given to a message; the next message gets lastSeq + 1. */
    lastSeq: integer('last_seq').notNull().default(0),
    /** What the visitor searched and read in the widget before asking (JSON). */
    context: text('context', { mode: 'json' }).$type<{ searches: string[]; articles: { slug: string; title: string }[]; pageUrl: string }>(),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    /** When the last "you have a reply" email went out: at most one per ATIENDE_NOTIFY_INTERVAL_MINUTES. */
    notifiedAt: integer('notified_at', { mode: 'timestamp_ms' }),
    /** The team whose queue it is in (routing rules, or a transfer); null: the general queue. */
    teamId: text('team_id'),
    /** The agent who has it (auto-assigned, claimed or assigned); null: waiting in the queue. */
    assigneeId: text('assignee_id'),
    assignedAt: integer('assigned_at', { mode: 'timestamp_ms' }),
    /** When an agent first replied (kept so response figures are one indexed aggregate, not a scan of messages). */
    firstResponseAt: integer('first_response_at', { mode: 'timestamp_ms' }),
    /** How it ended: an agent closed it, the visitor said an article solved it, or accepted an automatic answer. */
    resolution: text('resolution', { enum: ['agent', 'self_service', 'auto_answer'] }),
    /** The agent who sent the first reply (first response figures are per agent). */
    firstResponderId: text('first_responder_id'),
  },
  (t) => [
    // Neither index holds updated_at, which every message changes: a message rewrites the conversation's
    // row and no index entry of it (WAL pages per message, npm run bench:chat-store: 9.1 → 5.9 alone, 3.9 → 3.4
    // in transactions of 30).
    // A visitor's few conversations are sorted after the lookup.
    index('conversations_visitor_idx').on(t.visitorId),
    index('conversations_status_idx').on(t.status, t.createdAt),
    index('conversations_assignee_idx').on(t.assigneeId, t.status),
    index('conversations_team_idx').on(t.teamId, t.status),
    index('conversations_created_idx').on(t.createdAt),
    // Covers every column the response figures read (server/figures/queries.ts): a year is one index scan.
    index('conversations_figures_idx').on(t.createdAt, t.teamId, t.assigneeId, t.firstResponderId, t.firstResponseAt, t.closedAt, t.status, t.rating),
    // At most one open conversation per visitor: two "start" requests at once make one.
    uniqueIndex('conversations_one_open_idx').on(t.visitorId).where(sql`status = 'open'`),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    seq: integer('seq').notNull(),
    author: text('author', { enum: ['visitor', 'agent', 'system'] }).notNull(),
    agentId: text('agent_id'),
    clientId: text('client_id').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    /** The visitor's mood in this message (Spanish or English lexicon; below 0 is negative); set shortly after the write. */
    sentiment: real('sentiment'),
    /** No agent was online when the visitor wrote it: the offline response target applies. */
    offline: integer('offline', { mode: 'boolean' }).notNull().default(false),
    /** `held`: looked like spam, kept from agents until one releases (delivered) or discards it. */
    state: text('state', { enum: ['delivered', 'held', 'discarded'] }).notNull().default('delivered'),
    /** Why it was held: `links` (too many) or `repeated` (the same text again and again). */
    heldReason: text('held_reason'),
  },
  (t) => [
    index('messages_held_idx').on(t.state).where(sql`state = 'held'`),
    uniqueIndex('messages_conversation_seq_idx').on(t.conversationId, t.seq),
    uniqueIndex('messages_client_id_idx').on(t.conversationId, t.author, t.clientId),
  ],
);

/** "Yes, this solved it" before talking to a person: a self-service resolution, counted, not attributed. */
export const deflections = sqliteTable(
  'deflections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    locale: text('locale').notNull(),
    slug: text('slug'),
    createdAt: createdAt(),
  },
  (t) => [index('deflections_created_idx').on(t.createdAt)],
);
