// The chat's hot path in SQL prepared once per database: appending a message, the ownership check every
// frame makes, and a conversation's summary. drizzle builds its SQL again on every call, which cost more
// than the write itself (bench/chat-store.ts); these statements read and write the same tables.
import type Database from 'better-sqlite3';
import type { ChatMessage, ConversationSummary } from '../../protocol/chat.ts';
import type { Locale } from '../../protocol/locales.ts';

export interface MessageInput {
  conversationId: string;
  author: 'visitor' | 'agent' | 'system';
  agentId?: string;
  clientId: string;
  body: string;
}

export interface AppendResult {
  message: ChatMessage;
  duplicate: boolean;
}

/** What every frame needs to know to allow it: whose conversation it is and whether it is open. */
export interface ConversationAccess {
  id: string;
  visitorId: string;
  status: 'open' | 'closed' | 'withdrawn';
  lastSeq: number;
}

interface MessageRow { seq: number; client_id: string; author: ChatMessage['author']; body: string; created_at: number; conversation_id: string }

interface SummaryRow {
  id: string; status: ConversationSummary['status']; channel: string; locale: Locale; created_at: number; updated_at: number;
  last_seq: number; rating: number | null; visitor_name: string | null; visitor_email: string | null;
  last_author: ChatMessage['author'] | null; last_body: string | null; last_at: number | null; waiting_since: number | null;
}

// SQLite writes created_at as fractional milliseconds; the rest of the code reads it through Date, which truncates.
const ms = (n: number) => Math.trunc(n);

const toMessage = (r: MessageRow): ChatMessage => ({
  conversationId: r.conversation_id, seq: r.seq, clientId: r.client_id, author: r.author, body: r.body, createdAt: ms(r.created_at),
});

export class ChatStatements {
  private readonly prior: Database.Statement<[string, string, string], MessageRow>;
  private readonly bump: Database.Statement<[number, string], { last_seq: number }>;
  private readonly insert: Database.Statement<[string, number, string, string | null, string, string], MessageRow>;
  private readonly access: Database.Statement<[string], { id: string; visitor_id: string; status: ConversationAccess['status']; last_seq: number }>;
  private readonly summary: Database.Statement<[string], SummaryRow>;

  constructor(readonly sqlite: Database.Database) {
    this.prior = sqlite.prepare(
      `SELECT conversation_id, seq, client_id, author, body, created_at FROM messages
       WHERE conversation_id = ? AND author = ? AND client_id = ?`,
    );
    this.bump = sqlite.prepare('UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq');
    this.insert = sqlite.prepare(
      `INSERT INTO messages (conversation_id, seq, author, agent_id, client_id, body) VALUES (?, ?, ?, ?, ?, ?)
       RETURNING conversation_id, seq, client_id, author, body, created_at`,
    );
    this.access = sqlite.prepare('SELECT id, visitor_id, status, last_seq FROM conversations WHERE id = ?');
    // One statement for the whole summary: the last message, and the oldest visitor message after the
    // last agent message (what waits for an answer).
    this.summary = sqlite.prepare(`
      SELECT c.id, c.status, c.channel, c.locale, c.created_at, c.updated_at, c.last_seq, c.rating,
             v.name AS visitor_name, v.email AS visitor_email,
             l.author AS last_author, substr(l.body, 1, 200) AS last_body, l.created_at AS last_at,
             (SELECT w.created_at FROM messages w
               WHERE w.conversation_id = c.id AND w.author = 'visitor'
                 AND w.seq > coalesce((SELECT max(a.seq) FROM messages a WHERE a.conversation_id = c.id AND a.author = 'agent'), 0)
               ORDER BY w.seq LIMIT 1) AS waiting_since
      FROM conversations c
      JOIN visitors v ON v.id = c.visitor_id
      LEFT JOIN messages l ON l.conversation_id = c.id AND l.seq = c.last_seq
      WHERE c.id = ?`);
  }

  /**
   * Appends one message with the conversation's next sequence number. The caller holds the transaction.
   * A clientId already stored for this author is answered with the stored message, not a copy.
   */
  append(input: MessageInput): AppendResult {
    const prior = this.prior.get(input.conversationId, input.author, input.clientId);
    if (prior) return { message: toMessage(prior), duplicate: true };
    const bumped = this.bump.get(Date.now(), input.conversationId);
    if (!bumped) throw new Error(`No conversation ${input.conversationId}`);
    const row = this.insert.get(input.conversationId, bumped.last_seq, input.author, input.agentId ?? null, input.clientId, input.body)!;
    return { message: toMessage(row), duplicate: false };
  }

  conversationAccess(id: string): ConversationAccess | undefined {
    const r = this.access.get(id);
    return r && { id: r.id, visitorId: r.visitor_id, status: r.status, lastSeq: r.last_seq };
  }

  /** The summary of a conversation; `withVisitor` adds who the visitor said they are (agents only). */
  summaryOf(id: string, withVisitor: boolean): ConversationSummary | undefined {
    const r = this.summary.get(id);
    if (!r) return undefined;
    return {
      id: r.id, status: r.status, channel: r.channel, locale: r.locale,
      createdAt: ms(r.created_at), updatedAt: ms(r.updated_at), lastSeq: r.last_seq,
      ...(r.last_author ? { lastMessage: { author: r.last_author, body: r.last_body ?? '', createdAt: ms(r.last_at!) } } : {}),
      waitingSince: r.status === 'open' && r.waiting_since !== null ? ms(r.waiting_since) : null,
      rating: r.rating ?? null,
      ...(withVisitor ? { visitor: { name: r.visitor_name, email: r.visitor_email } } : {}),
    };
  }
}

const cache = new WeakMap<Database.Database, ChatStatements>();

/** The statements of this database, prepared on first use. */
export function chatStatements(sqlite: Database.Database): ChatStatements {
  let s = cache.get(sqlite);
  if (!s) cache.set(sqlite, (s = new ChatStatements(sqlite)));
  return s;
}
