// Chat over real HTTP and real WebSockets on a real SQLite file: consent, delivery guarantees,
// isolation between visitors, staff sign-in, and how bad input is answered.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '../../protocol/chat.ts';
import { agentSocket, clientId, consent, json, openSocket, signIn, startConversation, visitorSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
const sql = <T = Record<string, unknown>>(query: string, ...params: unknown[]): T[] => {
  const db = new Database(join(server.dataDir, 'atiende.sqlite'), { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password, allowedOrigins: ['https://shop.example.com'] });
  base = server.url;
});
afterAll(() => server.close());

describe('consent', () => {
  it('serves the versioned consent text in both languages', async () => {
    const es = await json(await fetch(`${base}/api/chat/config?locale=es`));
    const en = await json(await fetch(`${base}/api/chat/config?locale=en`));
    expect(es.consent.version).toBe(en.consent.version);
    expect(es.consent.hash).toBe(createHash('sha256').update(es.consent.text).digest('hex'));
    expect(es.consent.text).toMatch(/consentimiento/);
    expect(en.consent.text).toMatch(/consent/);
    expect(es.replyWithinHours).toBe(24);
  });

  it('records who, when, which text, channel, page and purpose, and stores only a hash of the token', async () => {
    const v = await consent(base, 'es', { name: 'Ana', email: 'ana@example.com' });
    const [record] = sql<Record<string, string>>('SELECT * FROM consent_records WHERE visitor_id = ?', v.visitorId);
    const cfg = await json(await fetch(`${base}/api/chat/config?locale=es`));
    expect(record).toMatchObject({ action: 'granted', text_version: cfg.consent.version, text_hash: cfg.consent.hash, channel: 'web', page_url: `${base}/pricing`, purpose: 'support_chat', locale: 'es' });
    expect(record!.created_at).toBeGreaterThan(Date.now() - 60_000);
    const [visitor] = sql<Record<string, string>>('SELECT * FROM visitors WHERE id = ?', v.visitorId);
    expect(visitor!.token_hash).toBe(createHash('sha256').update(v.token).digest('hex'));
    expect(JSON.stringify(sql('SELECT * FROM visitors'))).not.toContain(v.token);
  });

  it('refuses consent to a text that is not the current one, and stores nothing', async () => {
    const before = sql<{ n: number }>('SELECT count(*) AS n FROM consent_records')[0]!.n;
    const res = await fetch(`${base}/api/chat/consent`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'es', channel: 'web', pageUrl: base, purpose: 'support_chat', consentVersion: 'old', consentHash: 'a'.repeat(64) }),
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe('ATIENDE_ERR_CONSENT_CHANGED');
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM consent_records')[0]!.n).toBe(before);
  });

  it('lets nobody start a conversation without a token', async () => {
    const res = await fetch(`${base}/api/chat/conversations`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'es', context: { searches: [], articles: [], pageUrl: base } }),
    });
    expect(res.status).toBe(401);
    expect((await json(res)).error.message).toMatch(/token/);
  });
});

describe('conversations', () => {
  it('makes one conversation of two simultaneous starts', async () => {
    const v = await consent(base);
    const [a, b] = await Promise.all([startConversation(base, v), startConversation(base, v)]);
    expect(a).toBe(b);
    expect(sql('SELECT id FROM conversations WHERE visitor_id = ?', v.visitorId)).toHaveLength(1);
  });

  it('acknowledges a message only once committed, numbers it, and answers a repeated client id with the first ack', async () => {
    const v = await consent(base);
    const id = await startConversation(base, v);
    const s = await visitorSocket(base, v);
    const cid = clientId();
    s.send({ type: 'send', conversationId: id, clientId: cid, body: 'Hola' });
    const ack = await s.next('ack');
    expect(ack).toMatchObject({ conversationId: id, clientId: cid, seq: 1, duplicate: false });
    // The ack means the row is readable by another connection to the database file.
    expect(sql('SELECT seq, body FROM messages WHERE conversation_id = ?', id)).toEqual([{ seq: 1, body: 'Hola' }]);
    s.send({ type: 'send', conversationId: id, clientId: cid, body: 'Hola' });
    expect(await s.next('ack')).toMatchObject({ seq: 1, duplicate: true, createdAt: ack.createdAt });
    s.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'Otra' });
    expect((await s.next('ack')).seq).toBe(2);
    expect(sql('SELECT seq FROM messages WHERE conversation_id = ?', id)).toHaveLength(2);
    s.close();
  });

  it('gives a reconnecting client everything after the last sequence it saw, in order, once', async () => {
    const v = await consent(base);
    const id = await startConversation(base, v);
    const first = await visitorSocket(base, v);
    for (const body of ['uno', 'dos', 'tres', 'cuatro']) {
      first.send({ type: 'send', conversationId: id, clientId: clientId(), body });
      await first.next('ack');
    }
    first.close();
    const again = await visitorSocket(base, v);
    again.send({ type: 'join', conversationId: id, afterSeq: 2 });
    const joined = await again.next('joined');
    expect(joined.messages.map((m) => [m.seq, m.body])).toEqual([[3, 'tres'], [4, 'cuatro']]);
    expect(joined.conversation.lastSeq).toBe(4);
    again.close();
  });

  it('never shows or accepts another visitor’s conversation, whatever ids are sent', async () => {
    const alice = await consent(base);
    const aliceConversation = await startConversation(base, alice);
    const as = await visitorSocket(base, alice);
    as.send({ type: 'send', conversationId: aliceConversation, clientId: clientId(), body: 'secreto de Alice' });
    await as.next('ack');
    const bob = await consent(base);
    await startConversation(base, bob);
    const bs = await visitorSocket(base, bob);
    for (const frame of [
      { type: 'join', conversationId: aliceConversation, afterSeq: 0 },
      { type: 'send', conversationId: aliceConversation, clientId: clientId(), body: 'intruso' },
      { type: 'typing', conversationId: aliceConversation, typing: true },
      { type: 'read', conversationId: aliceConversation, seq: 1 },
    ]) {
      bs.send(frame);
      expect(await bs.next('error')).toMatchObject({ code: 'ATIENDE_ERR_NOT_FOUND' });
    }
    const list = await json(await fetch(`${base}/api/chat/conversations`, { headers: bob.auth }));
    expect(list.conversations.map((c: { id: string }) => c.id)).not.toContain(aliceConversation);
    for (const path of ['reopen', 'rating']) {
      const res = await fetch(`${base}/api/chat/conversations/${aliceConversation}/${path}`, {
        method: 'POST', headers: { ...bob.auth, 'content-type': 'application/json' }, body: JSON.stringify({ rating: 1 }),
      });
      expect(res.status, path).toBe(404);
    }
    expect(bs.frames.some((f) => JSON.stringify(f).includes('secreto'))).toBe(false);
    expect(as.frames.some((f) => JSON.stringify(f).includes('intruso'))).toBe(false);
    expect(sql('SELECT body FROM messages WHERE conversation_id = ?', aliceConversation)).toEqual([{ body: 'secreto de Alice' }]);
    as.close();
    bs.close();
  });
});

describe('sockets refuse before the upgrade', () => {
  it('without a ticket, with a used ticket, or from an origin not allowed', async () => {
    const ws = base.replace(/^http/, 'ws');
    await expect(openSocket(`${ws}/api/chat/ws`)).rejects.toMatchObject({ statusCode: 401 });
    const v = await consent(base);
    const { ticket } = await json(await fetch(`${base}/api/chat/tickets`, { method: 'POST', headers: v.auth }));
    const ok = await openSocket(`${ws}/api/chat/ws?ticket=${ticket}`, { origin: 'https://shop.example.com' });
    ok.close();
    await expect(openSocket(`${ws}/api/chat/ws?ticket=${ticket}`)).rejects.toMatchObject({ statusCode: 401 });
    const { ticket: t2 } = await json(await fetch(`${base}/api/chat/tickets`, { method: 'POST', headers: v.auth }));
    await expect(openSocket(`${ws}/api/chat/ws?ticket=${t2}`, { origin: 'https://evil.example' })).rejects.toMatchObject({ statusCode: 403 });
    await expect(openSocket(`${ws}/api/console/ws`, { origin: base })).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe('bad frames', () => {
  it('answer an error frame naming the problem, and the socket stays usable', async () => {
    const v = await consent(base);
    const id = await startConversation(base, v);
    const s = await visitorSocket(base, v);
    s.send('not json');
    expect((await s.next('error')).message).toMatch(/JSON/);
    s.send({ type: 'shout', conversationId: id });
    expect((await s.next('error')).message).toMatch(/Unknown frame type "shout"/);
    s.send({ type: 'send', conversationId: id, clientId: 'short', body: 'x' });
    expect((await s.next('error')).message).toMatch(/clientId/);
    const long = clientId();
    s.send({ type: 'send', conversationId: id, clientId: long, body: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) });
    expect(await s.next('error')).toMatchObject({ code: 'ATIENDE_ERR_TOO_LONG', ref: long });
    s.send({ type: 'join', conversationId: id, afterSeq: 0, extra: true });
    expect((await s.next('error')).message).toMatch(/"extra" is not allowed/);
    s.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'still works' });
    expect((await s.next('ack')).seq).toBe(1);
    s.close();
  });

  it('closes a socket that sends a frame over the size limit, storing nothing', async () => {
    const v = await consent(base);
    const id = await startConversation(base, v);
    const s = await visitorSocket(base, v);
    s.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'x'.repeat(MAX_MESSAGE_LENGTH * 5) });
    expect((await s.waitClosed()).code).toBe(1009);
    expect(sql('SELECT * FROM messages WHERE conversation_id = ?', id)).toHaveLength(0);
  });

  it('limits how fast one socket may send', async () => {
    const v = await consent(base);
    const id = await startConversation(base, v);
    const s = await visitorSocket(base, v);
    for (let i = 0; i < 60; i++) s.send({ type: 'typing', conversationId: id, typing: i % 2 === 0 });
    expect((await s.next('error')).code).toBe('ATIENDE_ERR_RATE_LIMITED');
    s.close();
  });
});

describe('agents', () => {
  it('sign in with argon2id-hashed passwords into an HttpOnly, SameSite session cookie', async () => {
    const wrong = await fetch(`${base}/api/console/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ email: ADMIN.email, password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    const res = await fetch(`${base}/api/console/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(sql<{ password_hash: string }>('SELECT password_hash FROM agents')[0]!.password_hash).toMatch(/^\$argon2id\$/);
    const foreign = await fetch(`${base}/api/console/logout`, { method: 'POST', headers: { cookie: cookie.split(';')[0]!, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
  });

  it('chat with a visitor: presence, joined, messages both ways, typing, read, close and reopen', async () => {
    const v = await consent(base);
    const id = await startConversation(base, v, ['contraseña']);
    const vs = await visitorSocket(base, v);
    vs.send({ type: 'join', conversationId: id, afterSeq: 0 });
    await vs.next('joined');
    const cookie = await signIn(base, ADMIN.email, ADMIN.password);
    const as = await agentSocket(base, cookie);
    expect(await vs.next('presence')).toMatchObject({ agentsOnline: true });

    const detail = await json(await fetch(`${base}/api/console/conversations/${id}`, { headers: { cookie } }));
    expect(detail.context.searches).toEqual(['contraseña']);

    as.send({ type: 'join', conversationId: id, afterSeq: 0 });
    await as.next('joined');
    expect(await vs.next('agent_joined')).toMatchObject({ conversationId: id, agentName: 'Admin' });

    vs.send({ type: 'send', conversationId: id, clientId: clientId(), body: '<img src=x onerror=alert(1)>' });
    expect((await as.next('message')).message).toMatchObject({ author: 'visitor', body: '<img src=x onerror=alert(1)>', seq: 1 });
    expect((await as.next('conversations', (f) => f.conversations.some((c) => c.id === id))).conversations.find((c) => c.id === id)!.waitingSince).not.toBeNull();

    as.send({ type: 'typing', conversationId: id, typing: true });
    expect(await vs.next('typing')).toMatchObject({ author: 'agent', typing: true });
    as.send({ type: 'read', conversationId: id, seq: 1 });
    expect(await vs.next('read')).toMatchObject({ author: 'agent', seq: 1 });
    as.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'Hola, soy Admin' });
    expect((await vs.next('message')).message).toMatchObject({ author: 'agent', authorName: 'Admin', body: 'Hola, soy Admin', seq: 2 });

    as.send({ type: 'presence', status: 'away' });
    expect(await vs.next('presence')).toMatchObject({ agentsOnline: false });

    as.send({ type: 'close', conversationId: id });
    expect((await vs.next('conversation')).conversation.status).toBe('closed');
    vs.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'otra cosa' });
    expect((await vs.next('error')).code).toBe('ATIENDE_ERR_CONVERSATION_CLOSED');
    // Both had written in it before: the write itself refuses a conversation closed since.
    as.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'una más' });
    expect((await as.next('error')).code).toBe('ATIENDE_ERR_CONVERSATION_CLOSED');
    const reopened = await fetch(`${base}/api/chat/conversations/${id}/reopen`, { method: 'POST', headers: v.auth });
    expect((await json(reopened)).conversation.status).toBe('open');
    // Nothing of the refused messages was stored: the next one takes the next number.
    const again = clientId();
    vs.send({ type: 'send', conversationId: id, clientId: again, body: 'de nuevo' });
    expect((await vs.next('ack', (f) => f.clientId === again)).seq).toBe(3);

    vs.send({ type: 'close', conversationId: id });
    expect((await vs.next('error')).code).toBe('ATIENDE_ERR_FORBIDDEN');
    vs.close();
    as.close();
  });

  it('sign-out closes the agent’s sockets', async () => {
    const cookie = await signIn(base, ADMIN.email, ADMIN.password);
    const as = await agentSocket(base, cookie);
    const res = await fetch(`${base}/api/console/logout`, { method: 'POST', headers: { cookie, origin: base } });
    expect(res.status).toBe(204);
    expect((await as.waitClosed()).code).toBe(4001);
    expect((await fetch(`${base}/api/console/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('sends inbox changes to agents who follow the inbox only', async () => {
    const cookie = await signIn(base, ADMIN.email, ADMIN.password);
    const following = await agentSocket(base, cookie);
    const quiet = await agentSocket(base, cookie);
    quiet.send({ type: 'inbox', follow: false });
    await new Promise((r) => setTimeout(r, 50));
    const v = await consent(base);
    const id = await startConversation(base, v);
    expect((await following.next('conversations', (f) => f.conversations.some((c) => c.id === id))).conversations.find((c) => c.id === id)!.status).toBe('open');
    await new Promise((r) => setTimeout(r, 300));
    expect(quiet.frames.some((f) => f.type === 'conversations' || f.type === 'conversation')).toBe(false);
    following.close();
    quiet.close();
  });

  it('names the visitor in inbox changes', async () => {
    const cookie = await signIn(base, ADMIN.email, ADMIN.password);
    const agent = await agentSocket(base, cookie);
    const v = await consent(base, 'es', { name: 'Lucía' });
    const id = await startConversation(base, v);
    const change = await agent.next('conversations', (f) => f.conversations.some((c) => c.id === id));
    expect(change.conversations.find((c) => c.id === id)!.visitor).toEqual({ name: 'Lucía', email: null });
    agent.close();
  });

  it('keeps visitors out of the console', async () => {
    const v = await consent(base);
    expect((await fetch(`${base}/api/console/conversations`, { headers: v.auth })).status).toBe(401);
  });
});

describe('rating and withdrawal', () => {
  it('rates a conversation 1 to 5, refusing anything else', async () => {
    const v = await consent(base);
    const id = await startConversation(base, v);
    const rate = (body: object) => fetch(`${base}/api/chat/conversations/${id}/rating`, { method: 'POST', headers: { ...v.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await rate({ rating: 6 })).status).toBe(400);
    expect((await rate({ rating: 0 })).status).toBe(400);
    const ok = await json(await rate({ rating: 5, comment: '¡Genial!' }));
    expect(ok.conversation.rating).toBe(5);
    expect(sql('SELECT rating, rating_comment FROM conversations WHERE id = ?', id)).toEqual([{ rating: 5, rating_comment: '¡Genial!' }]);
  });

  it('withdrawal stops the conversation, keeps the record and the history, and voids the token', async () => {
    const v = await consent(base);
    const id = await startConversation(base, v);
    const s = await visitorSocket(base, v);
    s.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'antes de retirar' });
    await s.next('ack');
    const res = await fetch(`${base}/api/chat/consent?pageUrl=${encodeURIComponent(`${base}/help`)}`, { method: 'DELETE', headers: v.auth });
    expect(res.status).toBe(204);
    await s.waitClosed();
    const records = sql<{ action: string }>('SELECT action FROM consent_records WHERE visitor_id = ? ORDER BY id', v.visitorId);
    expect(records.map((r) => r.action)).toEqual(['granted', 'withdrawn']);
    expect(sql('SELECT status FROM conversations WHERE id = ?', id)).toEqual([{ status: 'withdrawn' }]);
    expect(sql('SELECT body FROM messages WHERE conversation_id = ?', id)).toEqual([{ body: 'antes de retirar' }]);
    expect((await fetch(`${base}/api/chat/conversations`, { headers: v.auth })).status).toBe(401);
    expect((await fetch(`${base}/api/chat/tickets`, { method: 'POST', headers: v.auth })).status).toBe(401);
  });

  it('records a self-service resolution without anything about the visitor', async () => {
    const res = await fetch(`${base}/api/chat/deflections`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'es', slug: 'chat-and-agents/contact-a-person' }) });
    expect(res.status).toBe(204);
    expect(sql('SELECT locale, slug FROM deflections')).toEqual([{ locale: 'es', slug: 'chat-and-agents/contact-a-person' }]);
  });
});

describe('chat rate limit', () => {
  it('limits consents per client per minute (CHAT_RATE_LIMIT) with a JSON 429 and nothing stored', async () => {
    const limited = await startServer({ chatRateLimit: 2 });
    try {
      await consent(limited.url);
      await consent(limited.url);
      await expect(consent(limited.url)).rejects.toThrow(/429.*ATIENDE_ERR_RATE_LIMITED/);
      const db = new Database(join(limited.dataDir, 'atiende.sqlite'), { readonly: true });
      expect((db.prepare('SELECT count(*) AS n FROM visitors').get() as { n: number }).n).toBe(2);
      db.close();
    } finally {
      await limited.close();
    }
  });
});
