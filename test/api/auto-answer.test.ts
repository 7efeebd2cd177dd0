// Auto-answer over real HTTP and WebSockets: off by default; an admin turns it on; a confident question gets
// an automatic message (committed, in the history, offered once); "yes" resolves the conversation as
// self-service, "no" hands it to a person; off-topic questions and other visitors' conversations get nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutoAnswerReport, AutoAnswerSettings } from '../../protocol/auto-answer.ts';
import { agentSocket, clientId, consent, json, signIn, startConversation, visitorSocket, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
let admin: string;
let agentCookie: string;
let agent: FrameSocket;

const settings = (cookie: string, body: unknown) => fetch(`${base}/api/console/auto-answer`, {
  method: 'POST', headers: { cookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify(body),
});

async function visitorAsks(body: string, locale: 'es' | 'en' = 'es') {
  const v = await consent(base, locale);
  const res = await fetch(`${base}/api/chat/conversations`, {
    method: 'POST', headers: { ...v.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ locale, context: { searches: [], articles: [], pageUrl: `${base}/` } }),
  });
  const id = (await json(res)).conversation.id as string;
  const socket = await visitorSocket(base, v);
  socket.send({ type: 'join', conversationId: id, afterSeq: 0 });
  await socket.next('joined');
  const cid = clientId();
  socket.send({ type: 'send', conversationId: id, clientId: cid, body });
  await socket.next('ack', (f) => f.clientId === cid);
  return { v, id, socket };
}

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password, publicUrl: 'https://help.example.com' });
  base = server.url;
  admin = await signIn(base, ADMIN.email, ADMIN.password);
  await fetch(`${base}/api/console/staff`, {
    method: 'POST', headers: { cookie: admin, origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@example.com', name: 'Agente', role: 'agent', password: 'a long enough password' }),
  });
  agentCookie = await signIn(base, 'agent@example.com', 'a long enough password');
  agent = await agentSocket(base, agentCookie);
});
afterAll(async () => {
  agent.close();
  await server.close();
});

describe('auto-answer settings', () => {
  it('is off by default; only admins change it; a bad threshold is a 400', async () => {
    const current = await json<AutoAnswerSettings>(await fetch(`${base}/api/console/auto-answer`, { headers: { cookie: agentCookie } }));
    expect(current).toEqual({ enabled: false, threshold: 0.55 });
    expect((await settings(agentCookie, { enabled: true, threshold: 0.55 })).status).toBe(403);
    const bad = await settings(admin, { enabled: true, threshold: 7 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.field).toBe('threshold');
  });

  it('offers nothing while it is off', async () => {
    const { socket, id } = await visitorAsks('¿Cómo valoro una conversación con el equipo?');
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.frames.some((f) => f.type === 'message' && f.message.conversationId === id)).toBe(false);
    socket.close();
  });
});

describe('automatic answers', () => {
  beforeAll(async () => {
    const res = await settings(admin, { enabled: true, threshold: 0.55 });
    expect(await json(res)).toEqual({ enabled: true, threshold: 0.55 });
  });

  it('answers a confident question with the article, says it is automatic, and "yes" resolves it as self-service', async () => {
    const { socket, id, v } = await visitorAsks('¿Cómo valoro una conversación con el equipo?');
    const frame = await socket.next('message', (f) => f.message.conversationId === id);
    expect(frame.message).toMatchObject({ author: 'system', offer: true, seq: 2 });
    expect(frame.message.body).toContain('Respuesta automática');
    expect(frame.message.body).toContain('https://help.example.com/help#/article/es/chat-and-agents/rate-a-conversation');
    expect(frame.message.body).toContain('¿Te ha resuelto la duda?');

    // Kept in the history, still waiting for an answer, after a reload.
    const reloaded = await visitorSocket(base, v);
    reloaded.send({ type: 'join', conversationId: id, afterSeq: 0 });
    const joined = await reloaded.next('joined');
    expect(joined.messages.at(-1)).toMatchObject({ author: 'system', offer: true, seq: 2 });
    reloaded.close();

    socket.send({ type: 'auto_answer_reply', conversationId: id, seq: 2, accepted: true });
    const closed = await socket.next('conversation', (f) => f.conversation.id === id);
    expect(closed.conversation.status).toBe('closed');
    const row = server.app.db.$client.prepare('SELECT resolution FROM conversations WHERE id = ?').get(id) as { resolution: string };
    expect(row.resolution).toBe('auto_answer');
    // A second answer to the same offer is refused, and the socket stays usable.
    socket.send({ type: 'auto_answer_reply', conversationId: id, seq: 2, accepted: false });
    expect((await socket.next('error')).code).toBe('ATIENDE_ERR_CONVERSATION_CLOSED');
    socket.close();
  });

  it('"no" hands it to a person and offers nothing more in that conversation', async () => {
    const { socket, id } = await visitorAsks('How do I rate a conversation?', 'en');
    const offer = await socket.next('message', (f) => f.message.conversationId === id && f.message.author === 'system');
    socket.send({ type: 'auto_answer_reply', conversationId: id, seq: offer.message.seq, accepted: false });
    const handed = await socket.next('message', (f) => f.message.seq === offer.message.seq + 1);
    expect(handed.message.body).toContain('a person from the team will answer here');
    const cid = clientId();
    socket.send({ type: 'send', conversationId: id, clientId: cid, body: 'How do I rate a conversation with the team?' });
    await socket.next('ack', (f) => f.clientId === cid);
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.frames.filter((f) => f.type === 'message' && f.message.author === 'system')).toHaveLength(0);
    // The offer answered "no" is no longer pending in the history.
    socket.send({ type: 'join', conversationId: id, afterSeq: 0 });
    const joined = await socket.next('joined');
    expect(joined.messages.filter((m) => m.author === 'system').map((m) => m.offer ?? false)).toEqual([false, false]);
    const s = await json(await fetch(`${base}/api/console/conversations/${id}`, { headers: { cookie: agentCookie } }));
    expect(s.conversation.status).toBe('open');
    socket.close();
  });

  it('offers nothing for an off-topic question, nor after an agent replied', async () => {
    const off = await visitorAsks('What is your refund policy for damaged bread?', 'en');
    await new Promise((r) => setTimeout(r, 300));
    expect(off.socket.frames.some((f) => f.type === 'message' && f.message.author === 'system')).toBe(false);
    agent.send({ type: 'join', conversationId: off.id, afterSeq: 0 });
    await agent.next('joined', (f) => f.conversation.id === off.id);
    const cid = clientId();
    agent.send({ type: 'send', conversationId: off.id, clientId: cid, body: 'Hello! Let me check.' });
    await agent.next('ack', (f) => f.clientId === cid);
    const vid = clientId();
    off.socket.send({ type: 'send', conversationId: off.id, clientId: vid, body: 'How do I rate a conversation?' });
    await off.socket.next('ack', (f) => f.clientId === vid);
    await new Promise((r) => setTimeout(r, 300));
    expect(off.socket.frames.some((f) => f.type === 'message' && f.message.author === 'system')).toBe(false);
    off.socket.close();
  });

  it('never lets a visitor answer the offer of another visitor’s conversation, nor an agent answer it', async () => {
    const a = await visitorAsks('Quiero valorar la conversación');
    const offer = await a.socket.next('message', (f) => f.message.author === 'system');
    const b = await visitorAsks('hola');
    b.socket.send({ type: 'auto_answer_reply', conversationId: a.id, seq: offer.message.seq, accepted: true });
    expect((await b.socket.next('error')).code).toBe('ATIENDE_ERR_NOT_FOUND');
    agent.send({ type: 'auto_answer_reply', conversationId: a.id, seq: offer.message.seq, accepted: true });
    expect((await agent.next('error', (f) => f.code === 'ATIENDE_ERR_FORBIDDEN')).code).toBe('ATIENDE_ERR_FORBIDDEN');
    b.socket.send({ type: 'auto_answer_reply', conversationId: a.id, seq: 'two', accepted: true });
    expect((await b.socket.next('error', (f) => f.code === 'ATIENDE_ERR_BAD_FRAME')).message).toMatch(/seq/);
    const s = await json(await fetch(`${base}/api/console/conversations/${a.id}`, { headers: { cookie: agentCookie } }));
    expect(s.conversation.status).toBe('open');
    a.socket.close();
    b.socket.close();
  });

  it('reports how often automatic answers were offered and accepted', async () => {
    const report = await json<AutoAnswerReport>(await fetch(`${base}/api/console/auto-answer/report?days=7`, { headers: { cookie: agentCookie } }));
    expect(report).toMatchObject({ days: 7, offered: 3, accepted: 1, rejected: 1, unanswered: 1, acceptance: 0.5 });
    expect(report.articles).toEqual([
      { slug: 'chat-and-agents/rate-a-conversation', locale: 'es', offered: 2, accepted: 1 },
      { slug: 'chat-and-agents/rate-a-conversation', locale: 'en', offered: 1, accepted: 0 },
    ]);
    expect((await fetch(`${base}/api/console/auto-answer/report?days=0`, { headers: { cookie: agentCookie } })).status).toBe(400);
  });
});
