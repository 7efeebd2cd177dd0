// Delivery guarantees across a crash: the real server process (dist/server/main.js, built by `npm test`)
// on a real SQLite file, a client that pipelines 1,000 messages with unique client ids, and SIGKILL at a
// moment chosen by a seeded PRNG (after the k-th ack arrives); a few of its sockets drop right after
// sending, as a phone losing its network would, so some messages are committed but their ack never
// arrives. After a restart on the same DATA_DIR:
// every acknowledged message is stored exactly once with the seq and body it was acknowledged with, the
// seqs are 1..n with no gap or repeat, and re-sending the unacknowledged messages with the same client
// ids stores each at most once (a message committed before the kill but whose ack was lost comes back as
// `duplicate: true` with its original seq). Read both as the console reads it (GET as the admin) and as a
// reconnecting widget does (join with afterSeq 0).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consent, json, signIn, startConversation, type Visitor } from '../helpers/chat-client.ts';
import { tempDir } from '../helpers/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER = resolve(ROOT, 'dist/server/main.js');
const ADMIN = { email: 'durability@example.com', password: 'durability-password-1234' };
const MESSAGES = 1000;
/** The server lets a socket send a burst of 40 frames; 34 messages per socket stays under it. */
const PER_SOCKET = 34;
const SEEDS = [1, 2, 3];
/** Sockets (of the 30) cut by the client right after sending: their acks are lost, not their messages. */
const CUT_SOCKETS = 2;

/** mulberry32: a small seeded PRNG, so each seed kills at its own, reproducible point. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
}

const running = new Set<ChildProcess>();
// One DATA_DIR for the seeds, one after the other: each seed kills the server the previous one restarted,
// in its own conversation, so only the first start builds the search index.
let dataDir: string;
let server: Running | undefined;
let cookie: string;
beforeAll(async () => {
  expect(existsSync(SERVER), `${SERVER} is built by npm test (npm run build)`).toBe(true);
  dataDir = tempDir('atiende-durability-');
  server = await startServer(dataDir);
  cookie = await signIn(server.base, ADMIN.email, ADMIN.password); // sessions are stored: it outlives restarts
});
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(dataDir: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn',
      SEARCH_RATE_LIMIT: '0', CHAT_RATE_LIMIT: '0', ATIENDE_LIMIT_MESSAGES_PER_MINUTE: '0', ATIENDE_ADMIN_EMAIL: ADMIN.email, ATIENDE_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += String(d); });
  const exited = new Promise<void>((r) => child.once('exit', () => { running.delete(child); r(); }));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`server not ready within 20 s: ${stderr}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Ack { seq: number; createdAt: number; duplicate: boolean }

/** A visitor socket whose acks and errors are collected as they come. */
async function visitorWs(base: string, v: Visitor, onAck: (clientId: string, ack: Ack) => void, errors: unknown[]): Promise<WebSocket> {
  const { ticket } = await json(await fetch(`${base}/api/chat/tickets`, { method: 'POST', headers: v.auth }));
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/chat/ws?ticket=${ticket}`);
  ws.on('message', (data) => {
    const f = JSON.parse(String(data));
    if (f.type === 'ack') onAck(f.clientId, { seq: f.seq, createdAt: f.createdAt, duplicate: f.duplicate });
    else if (f.type === 'error') errors.push(f);
  });
  ws.on('error', () => {}); // the kill resets the connection
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('unexpected-response', (_q, r) => rej(new Error(`upgrade refused: ${r.statusCode}`)));
  });
  return ws;
}

/** Sends every message once, PER_SOCKET per socket, all at once; resolves when each is acknowledged. */
async function sendAll(base: string, v: Visitor, conversationId: string, batch: { clientId: string; body: string }[], timeoutMs = 15_000): Promise<Map<string, Ack>> {
  const acks = new Map<string, Ack>();
  const errors: unknown[] = [];
  let done!: () => void;
  const all = new Promise<void>((r) => { done = r; });
  const sockets = await Promise.all(Array.from({ length: Math.ceil(batch.length / PER_SOCKET) }, () => visitorWs(base, v, (id, ack) => {
    acks.set(id, ack);
    if (acks.size === batch.length) done();
  }, errors)));
  batch.forEach((m, i) => sockets[Math.floor(i / PER_SOCKET)]!.send(JSON.stringify({ type: 'send', conversationId, ...m })));
  if (!batch.length) done();
  const timer = setTimeout(done, timeoutMs);
  await all;
  clearTimeout(timer);
  for (const ws of sockets) ws.close();
  expect(errors, 'error frames while re-sending').toEqual([]);
  expect(acks.size, 'every re-sent message is acknowledged').toBe(batch.length);
  return acks;
}

interface Stored { seq: number; clientId: string; body: string; author: string; createdAt: number }

/** The history twice: as the console reads it, and as a reconnecting widget gets it; both must agree. */
async function history(base: string, cookie: string, v: Visitor, conversationId: string): Promise<{ messages: Stored[]; lastSeq: number }> {
  const res = await fetch(`${base}/api/console/conversations/${conversationId}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const consoleView = await json(res);
  const errors: unknown[] = [];
  const ws = await visitorWs(base, v, () => {}, errors);
  const joined = await new Promise<{ messages: Stored[] }>((res2, rej) => {
    const timer = setTimeout(() => rej(new Error('no joined frame')), 10_000);
    ws.on('message', (data) => {
      const f = JSON.parse(String(data));
      if (f.type === 'joined') {
        clearTimeout(timer);
        res2(f);
      }
    });
    ws.send(JSON.stringify({ type: 'join', conversationId, afterSeq: 0 }));
  });
  ws.close();
  expect(errors).toEqual([]);
  expect(joined.messages).toEqual(consoleView.messages);
  return { messages: consoleView.messages, lastSeq: consoleView.conversation.lastSeq };
}

/** Seqs 1..n, each once, each client id once. */
function expectWellFormed(messages: Stored[], lastSeq: number): void {
  const seqs = messages.map((m) => m.seq);
  expect(seqs, 'seqs are 1..n in order, no gap, no repeat').toEqual(Array.from({ length: messages.length }, (_, i) => i + 1));
  expect(lastSeq).toBe(messages.length);
  expect(new Set(messages.map((m) => m.clientId)).size, 'no client id stored twice').toBe(messages.length);
}

describe('durability: SIGKILL while a client pipelines 1,000 messages', () => {
  it.each(SEEDS)('seed %i: every acknowledged message survives exactly once, and re-sending stores each at most once', async (seed) => {
    const rand = prng(seed);
    const socketCount = Math.ceil(MESSAGES / PER_SOCKET);
    const cut = new Set<number>();
    while (cut.size < CUT_SOCKETS) cut.add(Math.floor(rand() * socketCount));
    const ackable = MESSAGES - [...cut].reduce((n, i) => n + Math.min(PER_SOCKET, MESSAGES - i * PER_SOCKET), 0);
    const killAfterAcks = 1 + Math.floor(rand() * (ackable - 1));

    // 1. Write, and kill the server when the k-th ack arrives.
    let srv = server && server.child.exitCode === null ? server : await startServer(dataDir); // unless a previous seed failed midway
    server = srv;
    const v = await consent(srv.base);
    const conversationId = await startConversation(srv.base, v);
    const sent = Array.from({ length: MESSAGES }, (_, i) => ({ clientId: `s${seed}-msg-${String(i).padStart(4, '0')}`, body: `Mensaje ${i} (semilla ${seed}): ¿llegó?` }));
    const bodyOf = new Map(sent.map((m) => [m.clientId, m.body]));
    const acked = new Map<string, Ack>();
    const errors: unknown[] = [];
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      srv.child.kill('SIGKILL');
    };
    const sockets = await Promise.all(Array.from({ length: socketCount }, () => visitorWs(srv.base, v, (clientId, ack) => {
      acked.set(clientId, ack);
      if (acked.size >= killAfterAcks) kill();
    }, errors)));
    const closed = sockets.map((ws) => new Promise<void>((r) => (ws.readyState === ws.CLOSED ? r() : ws.once('close', () => r()))));
    sent.forEach((m, i) => sockets[Math.floor(i / PER_SOCKET)]!.send(JSON.stringify({ type: 'send', conversationId, ...m })));
    for (const i of cut) sockets[i]!.terminate();
    const safety = setTimeout(kill, 15_000); // the kill point is always reached; this only bounds a broken run
    await srv.exited;
    clearTimeout(safety);
    await Promise.all(closed); // every ack the dead server managed to send has been read
    expect(acked.size, `the server was killed after ${killAfterAcks} acks, not by the safety timer`).toBeGreaterThanOrEqual(killAfterAcks);
    expect(errors).toEqual([]);
    expect([...acked.values()].every((a) => !a.duplicate)).toBe(true);

    // 2. Restart on the same DATA_DIR: every acknowledged message is there once, as acknowledged.
    srv = server = await startServer(dataDir);
    const before = await history(srv.base, cookie, v, conversationId);
    expectWellFormed(before.messages, before.lastSeq);
    const storedBefore = new Map(before.messages.map((m) => [m.clientId, m]));
    for (const [clientId, ack] of acked) {
      const m = storedBefore.get(clientId);
      expect(m, `acknowledged ${clientId} (seq ${ack.seq}) is stored`).toBeDefined();
      expect({ seq: m!.seq, createdAt: m!.createdAt, body: m!.body, author: m!.author }).toEqual({ seq: ack.seq, createdAt: ack.createdAt, body: bodyOf.get(clientId), author: 'visitor' });
    }
    for (const m of before.messages) expect(bodyOf.get(m.clientId), `stored ${m.clientId} was sent`).toBe(m.body);
    // Committed but never acknowledged: the crash came between the commit and the ack reaching us.
    const unacked = sent.filter((m) => !acked.has(m.clientId));
    const committedUnacked = unacked.filter((m) => storedBefore.has(m.clientId)).length;

    // 3. Re-send what was not acknowledged, plus a sample of what was, with the same client ids.
    const sample = sent.filter((m) => acked.has(m.clientId)).filter(() => rand() < 0.05).slice(0, 30);
    const again = await sendAll(srv.base, v, conversationId, [...unacked, ...sample]);
    for (const m of sample) expect(again.get(m.clientId), `repeat of acknowledged ${m.clientId}`).toEqual({ ...acked.get(m.clientId)!, duplicate: true });
    for (const m of unacked) {
      const prior = storedBefore.get(m.clientId);
      const ack = again.get(m.clientId)!;
      if (prior) expect(ack, `repeat of committed-but-unacknowledged ${m.clientId}`).toEqual({ seq: prior.seq, createdAt: prior.createdAt, duplicate: true });
      else expect(ack.duplicate, `first delivery of ${m.clientId}`).toBe(false);
    }
    // And once more: now every one of them is a duplicate of the ack just received.
    const third = await sendAll(srv.base, v, conversationId, unacked);
    for (const m of unacked) expect(third.get(m.clientId)).toEqual({ ...again.get(m.clientId)!, duplicate: true });

    // 4. The final history: all 1,000 messages, each once, seqs 1..1000, as last acknowledged.
    const after = await history(srv.base, cookie, v, conversationId);
    expectWellFormed(after.messages, after.lastSeq);
    expect(after.messages.length).toBe(MESSAGES);
    expect(after.messages.slice(0, before.messages.length)).toEqual(before.messages);
    for (const m of after.messages) {
      const ack = acked.get(m.clientId) ?? again.get(m.clientId)!;
      expect({ seq: m.seq, body: m.body }).toEqual({ seq: ack.seq, body: bodyOf.get(m.clientId) });
    }
    console.log(`seed ${seed}: killed after ${killAfterAcks} acks; ${acked.size} acknowledged, ${before.messages.length} stored at restart (${committedUnacked} committed but unacknowledged), ${unacked.length} re-sent`);
  }, 45_000);
});
