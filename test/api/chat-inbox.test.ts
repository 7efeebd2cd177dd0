// The live inbox under load, over real sockets on a real SQLite file: changes gathered into frames of at
// most 25 conversations, a busy conversation's summary at most once a second (its latest state), and
// no change dropped on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, clientId, consent, signIn, startConversation, visitorSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
let cookie: string;

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  base = server.url;
  cookie = await signIn(base, ADMIN.email, ADMIN.password);
});
afterAll(() => server.close());

describe('inbox changes', () => {
  it('reach the agent for every new conversation, never more than 25 in a frame', async () => {
    const agent = await agentSocket(base, cookie);
    const ids = await Promise.all(Array.from({ length: 30 }, async () => startConversation(base, await consent(base))));
    const seen = new Set<string>();
    const sizes: number[] = [];
    while (ids.some((id) => !seen.has(id))) {
      const frame = await agent.next('conversations');
      sizes.push(frame.conversations.length);
      for (const c of frame.conversations) seen.add(c.id);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(25);
    expect(sizes.length).toBeGreaterThan(1);
    agent.close();
  });

  it('send a busy conversation at most once a second, with its latest state', async () => {
    const agent = await agentSocket(base, cookie);
    const v = await consent(base);
    const id = await startConversation(base, v);
    const vs = await visitorSocket(base, v);
    vs.send({ type: 'join', conversationId: id, afterSeq: 0 });
    await vs.next('joined');
    const has = (body: string) => (f: { conversations: { id: string; lastMessage?: { body: string } }[] }) =>
      f.conversations.some((c) => c.id === id && c.lastMessage?.body === body);
    vs.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'uno' });
    await agent.next('conversations', has('uno'));
    const firstAt = Date.now();
    for (const body of ['dos', 'tres']) {
      const cid = clientId();
      vs.send({ type: 'send', conversationId: id, clientId: cid, body });
      await vs.next('ack', (f) => f.clientId === cid);
    }
    // The next summary of this conversation carries the last message; "dos" never went out on its own.
    const next = await agent.next('conversations', (f) => f.conversations.some((c) => c.id === id), 5000);
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(900);
    expect(next.conversations.find((c) => c.id === id)!.lastMessage?.body).toBe('tres');
    vs.close();
    agent.close();
  });
});
