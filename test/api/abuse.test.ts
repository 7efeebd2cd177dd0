// Spam and abuse over real HTTP and WebSockets on a real SQLite file: blocking a visitor (and their
// address), unblocking, the automatic limits, and held messages kept from agents until released.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, clientId, consent, json, signIn, startConversation, visitorSocket, type FrameSocket, type Visitor } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';
import { createAgent } from '../../server/auth/staff.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
let cookie: string;
let agent: FrameSocket;
const sql = <T = Record<string, unknown>>(query: string, ...params: unknown[]): T[] => {
  const db = new Database(join(server.dataDir, 'atiende.sqlite'), { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
};
const staff = (method: string, path: string, body?: unknown) => fetch(`${base}${path}`, {
  method, headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : JSON.stringify(body),
});

beforeAll(async () => {
  server = await startServer({
    adminEmail: ADMIN.email, adminPassword: ADMIN.password,
    limits: { conversationsPerHour: 3, messagesPerMinute: 8, linksPerMessage: 2, repeatedMessages: 2 },
  });
  base = server.url;
  cookie = await signIn(base, ADMIN.email, ADMIN.password);
  agent = await agentSocket(base, cookie);
});
afterAll(async () => {
  agent.close();
  await server.close();
});

async function send(socket: FrameSocket, conversationId: string, body: string) {
  const id = clientId();
  socket.send({ type: 'send', conversationId, clientId: id, body });
  return Promise.race([
    socket.next('ack', (f) => f.clientId === id),
    socket.next('error', (f) => f.ref === id),
  ]);
}

async function visitorIn(): Promise<{ v: Visitor; id: string; socket: FrameSocket }> {
  const v = await consent(base, 'es');
  const id = await startConversation(base, v);
  const socket = await visitorSocket(base, v);
  socket.send({ type: 'join', conversationId: id, afterSeq: 0 });
  await socket.next('joined');
  return { v, id, socket };
}

describe('blocking', () => {
  it('refuses a blocked visitor on the socket and over HTTP with ATIENDE_ERR_BLOCKED, lists the block, then unblocks', async () => {
    const { v, id, socket } = await visitorIn();
    expect(sql<{ ip_hash: string }>('SELECT ip_hash FROM visitors WHERE id = ?', v.visitorId)[0]!.ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(sql('SELECT * FROM visitors'))).not.toContain('127.0.0.1');

    expect((await staff('POST', `/api/console/conversations/${id}/block`, { reason: '   ' })).status).toBe(400);
    expect((await fetch(`${base}/api/console/conversations/${id}/block`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ reason: 'x' }),
    })).status).toBe(401);
    const blocked = await staff('POST', `/api/console/conversations/${id}/block`, { reason: 'Insultos repetidos' });
    expect(blocked.status).toBe(201);
    const { block } = await json(blocked);
    expect(block).toMatchObject({ visitorId: v.visitorId, reason: 'Insultos repetidos' });
    // The open socket hears of it at once; what it sends now is refused and not stored.
    await socket.next('error', (f) => f.code === 'ATIENDE_ERR_BLOCKED');
    const refused = await send(socket, id, 'hola?');
    expect(refused).toMatchObject({ type: 'error', code: 'ATIENDE_ERR_BLOCKED' });
    expect(sql('SELECT * FROM messages WHERE conversation_id = ?', id)).toHaveLength(0);

    // No new socket, no new conversation, and nobody new from the same address.
    const ticket = await fetch(`${base}/api/chat/tickets`, { method: 'POST', headers: v.auth });
    expect(ticket.status).toBe(403);
    expect((await json(ticket)).error.code).toBe('ATIENDE_ERR_BLOCKED');
    const start = await fetch(`${base}/api/chat/conversations`, {
      method: 'POST', headers: { ...v.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'es', context: { searches: [], articles: [], pageUrl: base } }),
    });
    expect(start.status).toBe(403);
    await expect(consent(base, 'es')).rejects.toThrow(/403.*ATIENDE_ERR_BLOCKED/);

    const list = await json(await staff('GET', '/api/console/blocks'));
    expect(list.blocks).toEqual([expect.objectContaining({ id: block.id, reason: 'Insultos repetidos', blockedBy: expect.any(String) })]);

    expect((await staff('DELETE', `/api/console/blocks/${block.id}`)).status).toBe(204);
    expect((await staff('DELETE', `/api/console/blocks/${block.id}`)).status).toBe(404);
    expect((await json(await staff('GET', '/api/console/blocks'))).blocks).toEqual([]);
    expect(sql<{ lifted_at: number }>('SELECT lifted_at FROM blocks WHERE id = ?', block.id)[0]!.lifted_at).toBeGreaterThan(0);
    const again = await visitorSocket(base, v);
    again.send({ type: 'join', conversationId: id, afterSeq: 0 });
    await again.next('joined');
    expect(await send(again, id, 'Gracias por desbloquearme')).toMatchObject({ type: 'ack' });
    again.close();
    socket.close();
  });
});

describe('who may', () => {
  it('refuses an editor every block, VIP and held-message route', async () => {
    await createAgent(server.app.db, { email: 'editor@example.com', name: 'Eva', role: 'editor', password: 'editor password 123' });
    const editor = await signIn(base, 'editor@example.com', 'editor password 123');
    const { id } = await visitorIn();
    const as = (method: string, path: string, body?: unknown) => fetch(`${base}${path}`, {
      method, headers: { cookie: editor, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect((await as('POST', `/api/console/conversations/${id}/block`, { reason: 'x' })).status).toBe(403);
    expect((await as('PUT', `/api/console/conversations/${id}/vip`, { vip: true })).status).toBe(403);
    expect((await as('GET', '/api/console/blocks')).status).toBe(403);
    expect((await as('GET', '/api/console/held')).status).toBe(403);
    expect((await as('POST', `/api/console/conversations/${id}/messages/1/release`)).status).toBe(403);
    expect(sql('SELECT * FROM blocks WHERE visitor_id IN (SELECT visitor_id FROM conversations WHERE id = ?)', id)).toHaveLength(0);
  });
});

describe('automatic limits', () => {
  it('refuses more than ATIENDE_LIMIT_MESSAGES_PER_MINUTE messages a minute in a conversation', async () => {
    const { id, socket } = await visitorIn();
    for (let i = 0; i < 8; i++) expect(await send(socket, id, `mensaje ${i}`)).toMatchObject({ type: 'ack' });
    expect(await send(socket, id, 'uno más')).toMatchObject({ type: 'error', code: 'ATIENDE_ERR_RATE_LIMITED' });
    expect(sql('SELECT * FROM messages WHERE conversation_id = ?', id)).toHaveLength(8);
    socket.close();
  });

  it('refuses more than ATIENDE_LIMIT_CONVERSATIONS_PER_HOUR new conversations', async () => {
    const v = await consent(base, 'es');
    for (let i = 0; i < 3; i++) {
      const id = await startConversation(base, v);
      agent.send({ type: 'close', conversationId: id });
      await expect.poll(() => sql<{ status: string }>('SELECT status FROM conversations WHERE id = ?', id)[0]!.status).toBe('closed');
    }
    const res = await fetch(`${base}/api/chat/conversations`, {
      method: 'POST', headers: { ...v.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'es', context: { searches: [], articles: [], pageUrl: base } }),
    });
    expect(res.status).toBe(429);
    expect((await json(res)).error.code).toBe('ATIENDE_ERR_RATE_LIMITED');
  });
});

describe('held messages', () => {
  it('acknowledges but keeps from agents a message with many links or repeated text, until released; discards others', async () => {
    const { id, socket } = await visitorIn();
    agent.send({ type: 'join', conversationId: id, afterSeq: 0 });
    await agent.next('joined', (f) => f.conversation.id === id);

    const spam = 'Oferta http://a.example http://b.example http://c.example';
    const ack = await send(socket, id, spam);
    expect(ack).toMatchObject({ type: 'ack' });
    const seq = (ack as { seq: number }).seq;
    for (let i = 0; i < 3; i++) await send(socket, id, 'Compra ya');
    expect(await send(socket, id, 'Una pregunta de verdad')).toMatchObject({ type: 'ack' });

    // The agent hears only the real question, and its history holds nothing else.
    const heard: string[] = [];
    while (heard.at(-1) !== 'Una pregunta de verdad') heard.push((await agent.next('message', (f) => f.message.conversationId === id)).message.body);
    expect(heard).toEqual(['Compra ya', 'Compra ya', 'Una pregunta de verdad']); // the third "Compra ya" is held
    const detail = await json(await staff('GET', `/api/console/conversations/${id}`));
    expect(detail.messages.map((m: { body: string }) => m.body)).toEqual(['Compra ya', 'Compra ya', 'Una pregunta de verdad']);
    // The visitor still sees all they wrote.
    socket.send({ type: 'join', conversationId: id, afterSeq: 0 });
    expect((await socket.next('joined')).messages).toHaveLength(5);

    const held = (await json(await staff('GET', '/api/console/held'))).messages.filter((m: { conversationId: string }) => m.conversationId === id);
    expect(held.map((m: { body: string; reason: string }) => [m.body, m.reason])).toEqual([[spam, 'links'], ['Compra ya', 'repeated']]);

    agent.frames.splice(0);
    const released = await staff('POST', `/api/console/conversations/${id}/messages/${seq}/release`);
    expect(released.status).toBe(200);
    expect((await agent.next('message', (f) => f.message.seq === seq)).message.body).toBe(spam);
    // Scored for mood once released (held messages are not).
    await expect.poll(() => sql<{ s: number | null }>('SELECT sentiment AS s FROM messages WHERE conversation_id = ? AND seq = ?', id, seq)[0]!.s).not.toBeNull();
    expect(sql<{ s: number | null }>('SELECT sentiment AS s FROM messages WHERE conversation_id = ? AND seq = ?', id, held[1].seq)[0]!.s).toBeNull();
    expect((await staff('POST', `/api/console/conversations/${id}/messages/${held[1].seq}/discard`)).status).toBe(204);
    expect((await staff('POST', `/api/console/conversations/${id}/messages/${held[1].seq}/release`)).status).toBe(404);
    expect((await json(await staff('GET', '/api/console/held'))).messages.filter((m: { conversationId: string }) => m.conversationId === id)).toEqual([]);
    expect(sql<{ state: string }>('SELECT state FROM messages WHERE conversation_id = ? ORDER BY seq', id).map((r) => r.state))
      .toEqual(['delivered', 'delivered', 'delivered', 'discarded', 'delivered']);
    socket.close();
  });
});

describe('behind a reverse proxy (TRUST_PROXY_HOPS)', () => {
  it('blocks the address X-Forwarded-For names, not the proxy', async () => {
    const proxied = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password, trustProxyHops: 1 });
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      const cfg = await json(await fetch(`${proxied.url}/api/chat/config?locale=es`));
      const consentFrom = (ip: string) => fetch(`${proxied.url}/api/chat/consent`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...from(ip) },
        body: JSON.stringify({ locale: 'es', channel: 'web', pageUrl: proxied.url, purpose: 'support_chat', consentVersion: cfg.consent.version, consentHash: cfg.consent.hash }),
      });
      const first = await json(await consentFrom('203.0.113.5'));
      const conv = await json(await fetch(`${proxied.url}/api/chat/conversations`, {
        method: 'POST', headers: { authorization: `Bearer ${first.visitorToken}`, 'content-type': 'application/json', ...from('203.0.113.5') },
        body: JSON.stringify({ locale: 'es', context: { searches: [], articles: [], pageUrl: proxied.url } }),
      }));
      const staffCookie = await signIn(proxied.url, ADMIN.email, ADMIN.password);
      const blocked = await fetch(`${proxied.url}/api/console/conversations/${conv.conversation.id}/block`, {
        method: 'POST', headers: { cookie: staffCookie, origin: proxied.url, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'Spam' }),
      });
      expect(blocked.status).toBe(201);
      expect((await consentFrom('203.0.113.5')).status).toBe(403);
      expect((await consentFrom('198.51.100.7')).status).toBe(201);
    } finally {
      await proxied.close();
    }
  });
});
