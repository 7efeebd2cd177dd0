// Sockets that stop answering or stop reading are ended before they cost the server anything more.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientId, consent, FrameSocket, json, startConversation, visitorSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

describe('liveness', () => {
  // A short heartbeat for the dead-socket test only: under load a test process can miss a 200 ms pong,
  // so the slow-reader test runs on a server with the usual heartbeat and counts only what it drops itself.
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ heartbeatMs: 200 });
  });
  afterAll(() => server.close());

  it('ends a socket that stops answering pings, and keeps one that answers', async () => {
    const v = await consent(server.url);
    const alive = await visitorSocket(server.url, v);
    const { ticket } = await json(await fetch(`${server.url}/api/chat/tickets`, { method: 'POST', headers: v.auth }));
    const deadWs = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/chat/ws?ticket=${ticket}`, { autoPong: false });
    const dead = new FrameSocket(deadWs);
    await dead.next('ready');
    await dead.waitClosed(3000);
    await expect.poll(() => server.app.hub.counts.visitors, { timeout: 3000 }).toBe(1);
    expect(alive.closed).toBeUndefined();
    alive.close();
  });
});

describe('slow readers', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    // A hundred identical messages in a minute: far past the anti-spam limits, which are not the subject here.
    server = await startServer({ limits: { conversationsPerHour: 0, messagesPerMinute: 0, linksPerMessage: 0, repeatedMessages: 0 } });
  });
  afterAll(() => server.close());

  it('closes a client that stops reading before its unsent frames grow without bound', async () => {
    const v = await consent(server.url);
    const id = await startConversation(server.url, v);
    const writer = await visitorSocket(server.url, v);
    // A long history: every join sends it all again.
    for (let i = 0; i < 100; i++) {
      writer.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'x'.repeat(4000) });
      await writer.next('ack');
      if (i % 30 === 29) await new Promise((r) => setTimeout(r, 1600)); // stay under the frame rate limit
    }
    const slow = await visitorSocket(server.url, v);
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 38; i++) slow.send({ type: 'join', conversationId: id, afterSeq: 0 });
    // The server gave up on the socket: it no longer counts it, whatever the paused client has seen.
    await expect.poll(() => server.app.hub.counts.visitors, { timeout: 15_000 }).toBe(1);
    writer.close();
  }, 40_000);
});
