// Triage on a controlled clock: the priority and response target of a conversation, from the visitor's
// mood (scored by the Spanish and English lexicons), waiting time against the targets, and customer flags.
// The stored part runs on a real SQLite file, migrated as in production.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/client.ts';
import { openDatabase } from '../../server/db/client.ts';
import { chatStatements, DEFAULT_TARGETS } from '../../server/chat/statements.ts';
import { appendMessage, grantConsent, setVip, startConversation } from '../../server/chat/store.ts';
import { ANGRY_BELOW, moodOf } from '../../server/triage/mood.ts';
import { priorityOf, targetOf, type TriageInput } from '../../server/triage/priority.ts';
import { tempDir } from '../helpers/server.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const waiting = (over: Partial<TriageInput> = {}): TriageInput => ({
  status: 'open', channel: 'web', waitingSince: T0, waitingOffline: false, answeredBefore: false, mood: 0, vip: false, ...over,
});

describe('mood of a message', () => {
  it('reads anger in Spanish and in English, and calm questions as not angry', async () => {
    expect(await moodOf('Estoy muy enfadado, es una vergüenza, el peor servicio que he tenido', 'es')).toBeLessThanOrEqual(ANGRY_BELOW);
    expect(await moodOf('This is terrible, I am furious, the worst service ever', 'en')).toBeLessThanOrEqual(ANGRY_BELOW);
    expect(await moodOf('Hola, tengo una pregunta sobre mi factura', 'es')).toBeGreaterThan(ANGRY_BELOW);
    expect(await moodOf('Hello, I have a question about my invoice', 'en')).toBeGreaterThan(ANGRY_BELOW);
  });

  it('scores a message in the language it is written in, whatever the conversation locale', async () => {
    expect(await moodOf('This is terrible, I am furious, the worst service ever', 'es')).toBeLessThanOrEqual(ANGRY_BELOW);
    expect(await moodOf('Estoy muy enfadado, es una vergüenza', 'en')).toBeLessThanOrEqual(ANGRY_BELOW);
  });
});

describe('response target', () => {
  it('runs the first-response chat target (5 min) with a warning in its last fifth, then breached', () => {
    expect(targetOf(waiting(), DEFAULT_TARGETS, T0 + 3 * MIN)).toEqual({ kind: 'first', since: T0, dueAt: T0 + 5 * MIN, breached: false, warning: false });
    expect(targetOf(waiting(), DEFAULT_TARGETS, T0 + 4 * MIN)).toMatchObject({ breached: false, warning: true });
    expect(targetOf(waiting(), DEFAULT_TARGETS, T0 + 5 * MIN + 1)).toMatchObject({ breached: true, warning: false });
  });

  it('uses the offline target (24 h) when no agent was online, and the next-response target after a reply', () => {
    const offline = targetOf(waiting({ waitingOffline: true }), DEFAULT_TARGETS, T0 + 60 * MIN)!;
    expect(offline.dueAt).toBe(T0 + 24 * 60 * MIN);
    expect(offline).toMatchObject({ breached: false, warning: false });
    expect(targetOf(waiting({ waitingOffline: true }), DEFAULT_TARGETS, T0 + 20 * 60 * MIN)).toMatchObject({ warning: true });
    const targets = { ...DEFAULT_TARGETS, nextChatMinutes: 10 };
    expect(targetOf(waiting({ answeredBefore: true }), targets, T0)).toMatchObject({ kind: 'next', dueAt: T0 + 10 * MIN });
  });

  it('has no target when nobody waits or the conversation is closed', () => {
    expect(targetOf(waiting({ waitingSince: null }), DEFAULT_TARGETS, T0)).toBeNull();
    expect(targetOf(waiting({ status: 'closed' }), DEFAULT_TARGETS, T0)).toBeNull();
  });
});

describe('priority', () => {
  it('explains itself: angry, waiting, VIP, public channel', () => {
    const { priority } = priorityOf(waiting({ mood: -1.3, vip: true, channel: 'facebook' }), DEFAULT_TARGETS, T0 + 180 * MIN);
    expect(priority.reasons).toEqual([
      { code: 'angry', mood: -1.3 }, { code: 'waiting', minutes: 180 }, { code: 'vip' }, { code: 'public_channel', channel: 'facebook' },
    ]);
  });

  it('ranks the longer wait, then flags, higher; and those nobody waits on below every waiting one', () => {
    const at = T0 + 4 * MIN;
    const calm = priorityOf(waiting(), DEFAULT_TARGETS, at).priority.score;
    expect(priorityOf(waiting({ waitingSince: T0 - 2 * MIN }), DEFAULT_TARGETS, at).priority.score).toBeGreaterThan(calm);
    expect(priorityOf(waiting({ vip: true }), DEFAULT_TARGETS, at).priority.score).toBeGreaterThan(calm);
    expect(priorityOf(waiting({ channel: 'facebook' }), DEFAULT_TARGETS, at).priority.score).toBeGreaterThan(calm);
    expect(priorityOf(waiting({ waitingSince: null, vip: true, mood: -2 }), DEFAULT_TARGETS, at).priority.score).toBeLessThan(calm);
  });
});

describe('stored conversations', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = tempDir();
    db = openDatabase(dir);
  });
  afterAll(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A conversation whose visitor wrote `body` at T0, its mood scored as the socket handler does. */
  async function conversationWith(body: string, locale: 'es' | 'en', offline = false) {
    const { visitorId } = grantConsent(db, { locale, channel: 'web', pageUrl: 'https://shop.example.com', purpose: 'support_chat', textVersion: '1', textHash: 'x' });
    const c = startConversation(db, visitorId, locale, 'web', { searches: [], articles: [], pageUrl: '' });
    const { message } = appendMessage(db, { conversationId: c.id, author: 'visitor', clientId: `client-${c.id}`, body, offline });
    db.$client.prepare('UPDATE messages SET created_at = ? WHERE conversation_id = ?').run(T0, c.id);
    chatStatements(db.$client).recordMood(c.id, message.seq, await moodOf(body, locale));
    return c.id;
  }

  it('puts an angry Spanish message above a calm English one that waited the same', async () => {
    const calm = await conversationWith('Hello, I have a question about my invoice', 'en');
    const angry = await conversationWith('Estoy muy enfadado, es una vergüenza, nadie me responde', 'es');
    const s = chatStatements(db.$client);
    const now = T0 + 2 * MIN;
    const a = s.summaryOf(angry, true, now)!;
    const b = s.summaryOf(calm, true, now)!;
    expect(a.priority!.score).toBeGreaterThan(b.priority!.score);
    expect(a.priority!.reasons.map((r) => r.code)).toEqual(['angry', 'waiting']);
    expect(b.priority!.reasons.map((r) => r.code)).toEqual(['waiting']);
    expect(a.target).toMatchObject({ kind: 'first', dueAt: T0 + 5 * MIN, breached: false, warning: false });
    // Visitors never see triage.
    expect(s.summaryOf(angry, false, now)).not.toHaveProperty('priority');
  });

  it('warns, then marks breached, as the clock runs; an agent reply ends the wait', async () => {
    const id = await conversationWith('¿Cuándo llega mi pedido?', 'es');
    const s = chatStatements(db.$client);
    expect(s.summaryOf(id, true, T0 + 4.5 * MIN)!.target).toMatchObject({ warning: true, breached: false });
    expect(s.summaryOf(id, true, T0 + 6 * MIN)!.target).toMatchObject({ warning: false, breached: true });
    appendMessage(db, { conversationId: id, author: 'agent', agentId: 'a1', clientId: 'agent-reply-1', body: 'Hoy mismo' });
    expect(s.summaryOf(id, true, T0 + 6 * MIN)!.target).toBeNull();
  });

  it('measures a message written while nobody was online against the offline target', async () => {
    const id = await conversationWith('Necesito ayuda con mi cuenta', 'es', true);
    const summary = chatStatements(db.$client).summaryOf(id, true, T0 + 60 * MIN)!;
    expect(summary.target).toMatchObject({ dueAt: T0 + 24 * 60 * MIN, breached: false });
  });

  it('raises a VIP visitor', async () => {
    const id = await conversationWith('Hola, una consulta', 'es');
    const s = chatStatements(db.$client);
    const before = s.summaryOf(id, true, T0 + MIN)!.priority!.score;
    setVip(db, id, true);
    const after = s.summaryOf(id, true, T0 + MIN)!;
    expect(after.vip).toBe(true);
    expect(after.priority!.score).toBeGreaterThan(before);
    expect(after.priority!.reasons).toContainEqual({ code: 'vip' });
  });
});
