// Held messages: committed, acknowledged to the visitor, kept from agents until one releases or discards it.
import { and, asc, eq } from 'drizzle-orm';
import type { ChatMessage } from '../../protocol/chat.ts';
import type { HeldMessage } from '../../protocol/abuse.ts';
import type { Db } from '../db/client.ts';
import { conversations, messages, visitors } from '../db/schema.ts';

export function heldMessages(db: Db): HeldMessage[] {
  return db.select({
    conversationId: messages.conversationId, seq: messages.seq, body: messages.body, createdAt: messages.createdAt,
    reason: messages.heldReason, visitorName: visitors.name,
  }).from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(eq(messages.state, 'held')).orderBy(asc(messages.createdAt)).all()
    .map((m) => ({ ...m, createdAt: m.createdAt.getTime(), reason: m.reason ?? 'spam' }));
}

/** Moves a held message to `delivered` or `discarded`; answers it, or undefined when no such message is held. */
export function settleHeld(db: Db, conversationId: string, seq: number, state: 'delivered' | 'discarded'): ChatMessage | undefined {
  const row = db.update(messages).set({ state })
    .where(and(eq(messages.conversationId, conversationId), eq(messages.seq, seq), eq(messages.state, 'held')))
    .returning().get();
  return row && { conversationId: row.conversationId, seq: row.seq, clientId: row.clientId, author: row.author, body: row.body, createdAt: row.createdAt.getTime() };
}
