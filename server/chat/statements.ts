// The chat's hot path in SQL prepared once per database: appending a message, the ownership check every
// frame makes, and a conversation's summary. drizzle builds its SQL again on every call, which cost more
// than the write itself (bench/chat-store.ts); these statements read and write the same tables.
import type Database from 'better-sqlite3';
import type { ChatMessage, ConversationSummary } from '../../protocol/chat.ts';
import type { Locale } from '../../protocol/locales.ts';
import type { ResponseTargets } from '../config.ts';
import { AtiendeError } from '../errors.ts';
import { priorityOf } from '../triage/priority.ts';

/** The defaults of ATIENDE_TARGET_*; the app sets the configured ones (`ChatStatements.targets`). */
export const DEFAULT_TARGETS: ResponseTargets = { firstChatMinutes: 5, nextChatMinutes: 5, firstOfflineMinutes: 24 * 60, nextOfflineMinutes: 24 * 60 };

export interface MessageInput {
  conversationId: string;
  author: 'visitor' | 'agent' | 'system';
  agentId?: string;
  clientId: string;
  body: string;
  /** A visitor's message written while no agent was online (the offline response target applies). */
  offline?: boolean;
  /** `held`: kept from agents for review (looked like spam). */
  state?: 'delivered' | 'held';
  heldReason?: 'links' | 'repeated';
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
  locale: Locale;
}

interface MessageRow { seq: number; client_id: string; author: ChatMessage['author']; body: string; created_at: number; conversation_id: string }

interface SummaryRow {
  id: string; status: ConversationSummary['status']; channel: string; locale: Locale; created_at: number; updated_at: number;
  last_seq: number; rating: number | null; visitor_name: string | null; visitor_email: string | null;
  last_author: ChatMessage['author'] | null; last_body: string | null; last_at: number | null; waiting_since: number | null;
  waiting_offline: number | null; answered_before: number; mood: number | null; vip: number;
  team_id: string | null; team_name: string | null; assignee_id: string | null; assignee_name: string | null;
}

// SQLite writes created_at as fractional milliseconds; the rest of the code reads it through Date, which truncates.
const ms = (n: number) => Math.trunc(n);

const toMessage = (r: MessageRow): ChatMessage => ({
  conversationId: r.conversation_id, seq: r.seq, clientId: r.client_id, author: r.author, body: r.body, createdAt: ms(r.created_at),
});

export class ChatStatements {
  private readonly prior: Database.Statement<[string, string, string], MessageRow>;
  private readonly bump: Database.Statement<[number, string], { last_seq: number }>;
  private readonly insert: Database.Statement<[string, number, string, string | null, string, string, number, string, string | null], MessageRow>;
  private readonly access: Database.Statement<[string], { id: string; visitor_id: string; status: ConversationAccess['status']; last_seq: number; locale: Locale }>;
  private readonly summary: Database.Statement<[string], SummaryRow>;
  private readonly setMood: Database.Statement<[number, string, number]>;
  private readonly firstResponse: Database.Statement<[number, string, string]>;
  /** The response targets triage measures waiting against (ATIENDE_TARGET_*). */
  targets: ResponseTargets = DEFAULT_TARGETS;

  constructor(readonly sqlite: Database.Database) {
    this.prior = sqlite.prepare(
      `SELECT conversation_id, seq, client_id, author, body, created_at FROM messages
       WHERE conversation_id = ? AND author = ? AND client_id = ?`,
    );
    // Only an open conversation takes messages: the write itself checks, so a close that lands between a
    // frame's checks and its group commit still refuses it.
    this.bump = sqlite.prepare(`UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? AND status = 'open' RETURNING last_seq`);
    this.insert = sqlite.prepare(
      `INSERT INTO messages (conversation_id, seq, author, agent_id, client_id, body, offline, state, held_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING conversation_id, seq, client_id, author, body, created_at`,
    );
    this.access = sqlite.prepare('SELECT id, visitor_id, status, last_seq, locale FROM conversations WHERE id = ?');
    // One statement for the whole summary: the last delivered message, the oldest delivered visitor message
    // after the last agent message (what waits for an answer, and whether it came while nobody was online),
    // whether an agent ever answered, and the lowest mood of the visitor's last five messages.
    // Held messages (possible spam) count for none of these until an agent releases them.
    this.summary = sqlite.prepare(`
      SELECT c.id, c.status, c.channel, c.locale, c.created_at, c.updated_at, c.last_seq, c.rating,
             c.team_id, tm.name AS team_name, c.assignee_id, ag.name AS assignee_name,
             v.name AS visitor_name, v.email AS visitor_email, v.vip,
             l.author AS last_author, substr(l.body, 1, 200) AS last_body, l.created_at AS last_at,
             w.created_at AS waiting_since, w.offline AS waiting_offline,
             EXISTS (SELECT 1 FROM messages a WHERE a.conversation_id = c.id AND a.author = 'agent') AS answered_before,
             (SELECT min(r.sentiment) FROM (SELECT m.sentiment FROM messages m
               WHERE m.conversation_id = c.id AND m.author = 'visitor' AND m.state = 'delivered'
               ORDER BY m.seq DESC LIMIT 5) r) AS mood
      FROM conversations c
      JOIN visitors v ON v.id = c.visitor_id
      LEFT JOIN teams tm ON tm.id = c.team_id
      LEFT JOIN agents ag ON ag.id = c.assignee_id
      LEFT JOIN messages l ON l.id = (SELECT d.id FROM messages d WHERE d.conversation_id = c.id AND d.state = 'delivered' ORDER BY d.seq DESC LIMIT 1)
      LEFT JOIN messages w ON w.id = (SELECT x.id FROM messages x
               WHERE x.conversation_id = c.id AND x.author = 'visitor' AND x.state = 'delivered'
                 AND x.seq > coalesce((SELECT max(a.seq) FROM messages a WHERE a.conversation_id = c.id AND a.author = 'agent'), 0)
               ORDER BY x.seq LIMIT 1)
      WHERE c.id = ?`);
    this.setMood = sqlite.prepare('UPDATE messages SET sentiment = ? WHERE conversation_id = ? AND seq = ?');
    // The first agent reply of a conversation, kept on it so response figures are one aggregate (server/figures).
    this.firstResponse = sqlite.prepare('UPDATE conversations SET first_response_at = ?, first_responder_id = ? WHERE id = ? AND first_response_at IS NULL');
  }

  /**
   * Appends one message with the conversation's next sequence number. The caller holds the transaction.
   * A clientId already stored for this author is answered with the stored message, not a copy.
   */
  append(input: MessageInput): AppendResult {
    const prior = this.prior.get(input.conversationId, input.author, input.clientId);
    if (prior) return { message: toMessage(prior), duplicate: true };
    const bumped = this.bump.get(Date.now(), input.conversationId);
    if (!bumped) {
      if (this.access.get(input.conversationId)) throw new AtiendeError('ATIENDE_ERR_CONVERSATION_CLOSED', 409, 'This conversation is closed; reopen it to write');
      throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such conversation');
    }
    const row = this.insert.get(input.conversationId, bumped.last_seq, input.author, input.agentId ?? null, input.clientId, input.body, input.offline ? 1 : 0, input.state ?? 'delivered', input.heldReason ?? null)!;
    if (input.author === 'agent' && input.agentId) this.firstResponse.run(Math.trunc(row.created_at), input.agentId, input.conversationId);
    return { message: toMessage(row), duplicate: false };
  }

  conversationAccess(id: string): ConversationAccess | undefined {
    const r = this.access.get(id);
    return r && { id: r.id, visitorId: r.visitor_id, status: r.status, lastSeq: r.last_seq, locale: r.locale };
  }

  /** Stores the mood of a visitor's message, scored after its write. */
  recordMood(conversationId: string, seq: number, mood: number): void {
    this.setMood.run(mood, conversationId, seq);
  }

  /**
   * The summary of a conversation; `forAgent` adds who the visitor said they are and the triage
   * (priority and response target at `now`), which only agents see.
   */
  summaryOf(id: string, forAgent: boolean, now = Date.now()): ConversationSummary | undefined {
    const r = this.summary.get(id);
    if (!r) return undefined;
    const waitingSince = r.status === 'open' && r.waiting_since !== null ? ms(r.waiting_since) : null;
    const summary: ConversationSummary = {
      id: r.id, status: r.status, channel: r.channel, locale: r.locale,
      createdAt: ms(r.created_at), updatedAt: ms(r.updated_at), lastSeq: r.last_seq,
      ...(r.last_author ? { lastMessage: { author: r.last_author, body: r.last_body ?? '', createdAt: ms(r.last_at!) } } : {}),
      waitingSince,
      rating: r.rating ?? null,
    };
    if (!forAgent) return summary;
    const triage = priorityOf({
      status: r.status, channel: r.channel, waitingSince, waitingOffline: r.waiting_offline === 1,
      answeredBefore: r.answered_before === 1, mood: r.mood, vip: r.vip === 1,
    }, this.targets, now);
    return {
      ...summary, visitor: { name: r.visitor_name, email: r.visitor_email }, vip: r.vip === 1, ...triage,
      team: r.team_id && r.team_name ? { id: r.team_id, name: r.team_name } : null,
      assignee: r.assignee_id && r.assignee_name ? { id: r.assignee_id, name: r.assignee_name } : null,
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
