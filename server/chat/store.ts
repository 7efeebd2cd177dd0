// Chat storage: visitors, consent records, conversations and messages. Every write that a client is
// told about (an ack, a conversation) is committed before the function returns.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { ChatMessage, ConversationSummary } from '../../protocol/chat.ts';
import type { Locale } from '../../protocol/locales.ts';
import type { Db } from '../db/client.ts';
import { chatStatements, type AppendResult, type MessageInput } from './statements.ts';
import { agents, autoAnswers, consentRecords, conversations, messages, visitors } from '../db/schema.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

export interface ConsentInput {
  locale: Locale;
  channel: string;
  pageUrl: string;
  purpose: string;
  textVersion: string;
  textHash: string;
  name?: string;
  email?: string;
  notifyByEmail?: boolean;
  /** The salted hash of the address consent came from (server/abuse/ip-hash.ts). */
  ipHash?: string;
}

/** Records consent and creates the visitor; returns the token, which is stored only as a hash. */
export function grantConsent(db: Db, input: ConsentInput): { visitorId: string; visitorToken: string } {
  const visitorId = randomUUID();
  const visitorToken = randomBytes(32).toString('base64url');
  db.transaction((tx) => {
    tx.insert(visitors).values({
      id: visitorId, tokenHash: sha256(visitorToken), name: input.name || null, email: input.email || null, locale: input.locale,
      ipHash: input.ipHash ?? null,
    }).run();
    tx.insert(consentRecords).values({
      visitorId, action: 'granted', textVersion: input.textVersion, textHash: input.textHash, locale: input.locale,
      channel: input.channel, pageUrl: input.pageUrl, purpose: input.purpose, notifyByEmail: input.notifyByEmail ?? false,
    }).run();
  });
  return { visitorId, visitorToken };
}

/** The visitor a token belongs to, unless consent was withdrawn. */
export function visitorForToken(db: Db, token: string | undefined): { id: string; name: string | null; customerId: string | null } | undefined {
  if (!token) return undefined;
  return db.select({ id: visitors.id, name: visitors.name, customerId: visitors.customerId }).from(visitors)
    .where(and(eq(visitors.tokenHash, sha256(token)), isNull(visitors.revokedAt))).get();
}

/**
 * Withdrawal: a new consent record, the token revoked, open conversations stopped. History is kept.
 * A verified customer's consent is one, given on any of their devices: withdrawing it revokes them all.
 */
export function withdrawConsent(db: Db, visitorId: string, pageUrl: string): string[] {
  return db.transaction((tx) => {
    const customerId = tx.select({ customerId: visitors.customerId }).from(visitors).where(eq(visitors.id, visitorId)).get()?.customerId;
    const ids = customerId
      ? tx.select({ id: visitors.id }).from(visitors).where(and(eq(visitors.customerId, customerId), isNull(visitors.revokedAt))).all().map((r) => r.id)
      : [visitorId];
    if (!ids.includes(visitorId)) ids.push(visitorId);
    for (const id of ids) {
      const last = tx.select().from(consentRecords).where(eq(consentRecords.visitorId, id))
        .orderBy(desc(consentRecords.id)).limit(1).get();
      // A device the customer only signed in on has no record of its own: its consent was the customer's.
      if (last) tx.insert(consentRecords).values({ ...last, id: undefined, action: 'withdrawn', pageUrl, createdAt: undefined }).run();
    }
    tx.update(visitors).set({ revokedAt: new Date() }).where(inArray(visitors.id, ids)).run();
    const open = tx.select({ id: conversations.id }).from(conversations)
      .where(and(inArray(conversations.visitorId, ids), eq(conversations.status, 'open'))).all().map((r) => r.id);
    if (open.length) {
      tx.update(conversations).set({ status: 'withdrawn', closedAt: new Date(), updatedAt: new Date() })
        .where(inArray(conversations.id, open)).run();
    }
    return open;
  });
}

export function consentHistory(db: Db, visitorId: string) {
  return db.select().from(consentRecords).where(eq(consentRecords.visitorId, visitorId)).orderBy(asc(consentRecords.id)).all();
}

export interface ConversationContext {
  searches: string[];
  articles: { slug: string; title: string }[];
  pageUrl: string;
}

/**
 * The visitor's open conversation, or a new one. The partial unique index on (visitor) where open
 * makes a second concurrent start fail; it then reads the conversation the first one made. `created`
 * says whether this call made it.
 */
export function startConversation(
  db: Db, visitorId: string, locale: Locale, channel: string, context: ConversationContext,
): ConversationRow & { created: boolean } {
  const open = () => db.select().from(conversations)
    .where(and(eq(conversations.visitorId, visitorId), eq(conversations.status, 'open'))).get();
  const existing = open();
  if (existing) return { ...existing, created: false };
  try {
    return { ...db.insert(conversations).values({ id: randomUUID(), visitorId, locale, channel, context }).returning().get(), created: true };
  } catch (err) {
    const again = open();
    if (again) return { ...again, created: false };
    throw err;
  }
}

export function conversationFor(db: Db, id: string): ConversationRow | undefined {
  return db.select().from(conversations).where(eq(conversations.id, id)).get();
}

export function visitorConversations(db: Db, visitorId: string): ConversationRow[] {
  return db.select().from(conversations).where(eq(conversations.visitorId, visitorId)).orderBy(desc(conversations.updatedAt)).all();
}

export function openConversations(db: Db): ConversationRow[] {
  return db.select().from(conversations).where(eq(conversations.status, 'open')).orderBy(asc(conversations.createdAt)).all();
}

export function setConversationStatus(db: Db, id: string, status: 'open' | 'closed'): ConversationRow | undefined {
  const now = new Date();
  // Closed here means closed by an agent (auto-answers close with their own resolution); reopening clears it.
  return db.update(conversations).set({ status, updatedAt: now, closedAt: status === 'closed' ? now : null, resolution: status === 'closed' ? 'agent' : null })
    .where(eq(conversations.id, id)).returning().get();
}

export function rateConversation(db: Db, id: string, rating: number, comment: string | undefined): ConversationRow | undefined {
  return db.update(conversations).set({ rating, ratingComment: comment ?? null, updatedAt: new Date() })
    .where(eq(conversations.id, id)).returning().get();
}

export type { AppendResult } from './statements.ts';

/**
 * Appends a message with the conversation's next sequence number, in one transaction; returns only
 * after the commit. A clientId already stored for this author is answered with the stored message.
 * The socket handler writes through GroupCommit instead, which shares these statements.
 */
export function appendMessage(db: Db, input: MessageInput): AppendResult {
  const statements = chatStatements(db.$client);
  return db.$client.transaction(() => statements.append(input)).immediate();
}

const agentNames = new Map<string, string>();
function agentName(db: Db, id: string | null): string | undefined {
  if (!id) return undefined;
  let name = agentNames.get(id);
  if (name === undefined) {
    name = db.select({ name: agents.name }).from(agents).where(eq(agents.id, id)).get()?.name ?? '';
    agentNames.set(id, name);
  }
  return name || undefined;
}

function toMessage(row: MessageRow, db?: Db): ChatMessage {
  return {
    conversationId: row.conversationId, seq: row.seq, clientId: row.clientId, author: row.author,
    ...(db && row.author === 'agent' ? { authorName: agentName(db, row.agentId) } : {}),
    body: row.body, createdAt: row.createdAt.getTime(),
    ...(db && row.author === 'system' && offerPending(db, row.conversationId, row.seq) ? { offer: true } : {}),
  };
}

/** Whether the system message at `seq` is an automatic answer the visitor has not answered yet. */
function offerPending(db: Db, conversationId: string, seq: number): boolean {
  return !!db.select({ id: autoAnswers.id }).from(autoAnswers)
    .where(and(eq(autoAnswers.conversationId, conversationId), eq(autoAnswers.seq, seq), isNull(autoAnswers.outcome))).get();
}

export function withAgentName(db: Db, message: ChatMessage, agentId?: string): ChatMessage {
  return message.author === 'agent' ? { ...message, authorName: agentName(db, agentId ?? null) } : message;
}

/**
 * Messages after a sequence number, in order. Agents see only delivered ones (held and discarded
 * messages are kept from them); the visitor sees everything they wrote.
 */
export function messagesAfter(db: Db, conversationId: string, afterSeq: number, forAgent = false): ChatMessage[] {
  return db.select().from(messages)
    .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq), forAgent ? eq(messages.state, 'delivered') : undefined))
    .orderBy(asc(messages.seq)).all().map((r) => toMessage(r, db));
}

/** The summary every client sees of a conversation (as stored now). */
export function summarize(db: Db, c: Pick<ConversationRow, 'id'>): ConversationSummary {
  return chatStatements(db.$client).summaryOf(c.id, false)!;
}

/** The summary agents see: who the visitor is, and the triage (priority, response target) at `now`. */
export function summarizeForAgent(db: Db, id: string, now = Date.now()): ConversationSummary | undefined {
  return chatStatements(db.$client).summaryOf(id, true, now);
}

/** Flags (or unflags) the conversation's visitor as VIP, and every other device of the same verified customer. */
export function setVip(db: Db, conversationId: string, vip: boolean): boolean {
  const c = conversationFor(db, conversationId);
  if (!c) return false;
  const customerId = db.select({ customerId: visitors.customerId }).from(visitors).where(eq(visitors.id, c.visitorId)).get()?.customerId;
  db.update(visitors).set({ vip })
    .where(customerId ? eq(visitors.customerId, customerId) : eq(visitors.id, c.visitorId)).run();
  return true;
}

/** How many conversations this visitor started since `since`. */
export function conversationsStartedSince(db: Db, visitorId: string, since: Date): number {
  return db.select({ n: sql<number>`count(*)` }).from(conversations)
    .where(and(eq(conversations.visitorId, visitorId), gte(conversations.createdAt, since))).get()?.n ?? 0;
}

export function visitorProfile(db: Db, visitorId: string) {
  return db.select({ id: visitors.id, name: visitors.name, email: visitors.email, locale: visitors.locale })
    .from(visitors).where(eq(visitors.id, visitorId)).get();
}
