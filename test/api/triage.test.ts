// Triage over real HTTP and WebSockets: the inbox frame and GET /api/console/conversations carry each
// conversation's priority and target; an angry visitor outranks a calm one; VIP is set by staff only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../protocol/chat.ts';
import { agentSocket, clientId, consent, json, signIn, startConversation, visitorSocket, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
let cookie: string;
let agent: FrameSocket;

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  base = server.url;
  cookie = await signIn(base, ADMIN.email, ADMIN.password);
  agent = await agentSocket(base, cookie);
});
afterAll(async () => {
  agent.close();
  await server.close();
});

async function visitorWrites(locale: 'es' | 'en', body: string) {
  const v = await consent(base, locale);
  const id = await startConversation(base, v);
  const socket = await visitorSocket(base, v);
  const cid = clientId();
  socket.send({ type: 'send', conversationId: id, clientId: cid, body });
  await socket.next('ack', (f) => f.clientId === cid);
  return { v, id, socket };
}

/** The inbox frames until `id`'s summary satisfies `ok` (mood is scored just after the ack). */
async function inboxUntil(id: string, ok: (s: ConversationSummary) => boolean): Promise<ConversationSummary> {
  for (;;) {
    const frame = await agent.next('conversations', (f) => f.conversations.some((c) => c.id === id));
    const s = frame.conversations.find((c) => c.id === id)!;
    if (ok(s)) return s;
  }
}

describe('triage over sockets', () => {
  it('ranks an angry Spanish visitor above a calm English one, and explains why', async () => {
    const calm = await visitorWrites('en', 'Hello, I have a question about my invoice, thanks');
    const angry = await visitorWrites('es', 'Estoy muy enfadado, es una vergüenza, el peor servicio');
    const a = await inboxUntil(angry.id, (s) => s.priority!.reasons.some((r) => r.code === 'angry'));
    expect(a.target).toMatchObject({ kind: 'first', breached: false });
    expect(a.target!.dueAt - a.target!.since).toBe(5 * 60_000);

    const res = await fetch(`${base}/api/console/conversations`, { headers: { cookie } });
    const { conversations } = await json<{ conversations: ConversationSummary[] }>(res);
    const ids = conversations.map((c) => c.id);
    expect(ids.indexOf(angry.id)).toBeLessThan(ids.indexOf(calm.id));
    const c = conversations.find((x) => x.id === calm.id)!;
    expect(c.priority!.reasons.map((r) => r.code)).toEqual(['waiting']);

    // The visitor's own view of the conversation carries no triage.
    const mine = await json(await fetch(`${base}/api/chat/conversations/${angry.id}`, { headers: angry.v.auth }));
    expect(mine.conversation).not.toHaveProperty('priority');
    expect(mine.conversation).not.toHaveProperty('target');
    calm.socket.close();
    angry.socket.close();
  });

  it('measures against the offline target when no agent was online', async () => {
    agent.send({ type: 'presence', status: 'away' });
    await agent.next('presence', (f) => !f.agentsOnline);
    const w = await visitorWrites('es', 'Necesito ayuda con mi cuenta');
    agent.send({ type: 'presence', status: 'online' });
    const s = await inboxUntil(w.id, (x) => x.target !== null && x.target !== undefined);
    expect(s.target!.dueAt - s.target!.since).toBe(24 * 60 * 60_000);
    w.socket.close();
  });

  it('lets staff flag a visitor VIP, raising the priority; others are refused', async () => {
    const w = await visitorWrites('es', 'Hola, una consulta sobre envíos');
    const put = (body: unknown, headers: Record<string, string>) => fetch(`${base}/api/console/conversations/${w.id}/vip`, {
      method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
    });
    expect((await put({ vip: true }, { origin: base })).status).toBe(401);
    expect((await put({ vip: true }, { cookie })).status).toBe(403); // no Origin: CSRF check
    const bad = await put({ vip: 'yes' }, { cookie, origin: base });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('ATIENDE_ERR_BAD_REQUEST');
    const ok = await put({ vip: true }, { cookie, origin: base });
    expect(ok.status).toBe(200);
    const { conversation } = await json(ok);
    expect(conversation.vip).toBe(true);
    expect(conversation.priority.reasons).toContainEqual({ code: 'vip' });
    await inboxUntil(w.id, (s) => s.vip === true);
    const missing = await fetch(`${base}/api/console/conversations/nope/vip`, {
      method: 'PUT', headers: { 'content-type': 'application/json', cookie, origin: base }, body: JSON.stringify({ vip: true }),
    });
    expect(missing.status).toBe(404);
    w.socket.close();
  });
});
