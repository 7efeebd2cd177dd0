// npm run bench:chat — live-chat delivery latency and throughput, beside a bare `ws` relay.
//
// The real server runs as `npm start` runs it (node dist/server/main.js, its own process, a fresh
// DATA_DIR). This process is the load generator. Setup: BENCH_CONVERSATIONS (1,000) visitors, each
// with consent, a conversation, a ticket and a socket joined to it, every visitor from its own source
// address in 127.0.0.0/8 (the consent and ticket rate limits are per address); one staff sign-in and,
// per conversation, a console socket joined to it. So 2,000 sockets, half of them agents. Of the console
// sockets, BENCH_INBOX_FOLLOWERS (10: a team of ten watching the inbox) keep following the inbox; the
// others are conversation views and send `inbox follow:false`.
//
// Load: messages are spread round-robin over all 2,000 sockets (visitors → agents and agents →
// visitors), at a fixed total rate, each at its scheduled instant; a socket sends one message every
// 2,000/rate seconds, well under the server's per-socket limit (20 frames/s). Latency is measured from
// the scheduled send instant (so a late generator counts against the figure, no coordinated omission)
// to the `message` frame on the other side of the conversation. A message never delivered counts as
// infinitely slow in the percentiles. `lost` = acknowledged but never delivered to the other side
// (after a drain; a socket the server closes is reconnected and resumed with `join afterSeq`, as the
// widget and console do, and what arrives in `joined` counts as delivered, late). Each line also gives
// the target's CPU time per message, the figure least disturbed by a busy machine.
//
// The baseline, bench/ws-relay.mjs (a plain ws server forwarding each frame to the paired socket, no
// storage, no ack, its own process), is set up beside the server with its own 2,000 sockets and measured
// the same way, in turns with the server, so that both meet the same noise of a shared machine.
// Phases: a warm-up; a ladder of rates up to the first rate not held, then one rate halfway back (or
// halving below the first rung): each rate is tried BENCH_ATTEMPTS (3) times per target, each attempt at
// least BENCH_STEP_SECONDS (4 s) and 500 messages, after both processes are quiet, and it is held if the
// median of the attempts' p99 is under 100 ms; last, BENCH_FIXED_RATE (2,000 msg/s) for
// BENCH_FIXED_SECONDS (10 s), relay first (a server that cannot hold a rate works through the backlog for
// minutes). The generator is one Node process: when it falls behind (`gen lag`), the relay's figure is a floor.
//
// BENCH_SERVER=path/to/main.js runs another build of the server (e.g. a patched copy) the same way.
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" passes flags to the server's node,
// BENCH_RELAY_NODE_ARGS to the relay's.
// BENCH_SKIP_RELAY=1, BENCH_SKIP_SERVER=1, BENCH_LADDER=none or a list of rates: shorter runs.
// BENCH_FLOORS=1 also climbs the ladder with two floors of bench/ws-relay.mjs: `ack` (parses and
// acknowledges each frame) and `store` (writes it to SQLite, group-committed, before the ack and the
// forward): what any server that keeps the chat's promises pays, whatever else it does.
// Last line: one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import type { WebSocket } from 'ws';
import {
  cpuSeconds, createVisitor, freePort, median, openWs, pct, pool, round, root, signIn, sleep, startConversation, startServer, ticket,
  type BenchVisitor, type ServerProcess,
} from './chat-client.ts';

const N = Number(process.env.BENCH_CONVERSATIONS ?? 1000);
const FIXED_RATE = Number(process.env.BENCH_FIXED_RATE ?? 2000);
const FIXED_SECONDS = Number(process.env.BENCH_FIXED_SECONDS ?? 10);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 4);
const P99_LIMIT_MS = 100;
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 3);
/** A step lasts long enough for its p99 to be more than its maximum. */
const MIN_SAMPLES = 500;
const LADDER_SPEC = process.env.BENCH_LADDER ?? '100,250,500,1000,2000,3000,4000,6000,8000,12000,16000,24000,32000';
const LADDER = LADDER_SPEC === 'none' ? [] : LADDER_SPEC.split(',').map(Number);
const SKIP_RELAY = process.env.BENCH_SKIP_RELAY === '1';
const SKIP_SERVER = process.env.BENCH_SKIP_SERVER === '1';
/** Also climb the ladder with the relay's floors (`ack`, `store`: see bench/ws-relay.mjs). */
const FLOORS = process.env.BENCH_FLOORS === '1';
/** How many of the console sockets keep following the inbox (every conversation's changes); the others send `inbox follow:false`. */
const INBOX_FOLLOWERS = Math.min(N, Number(process.env.BENCH_INBOX_FOLLOWERS ?? 10));

const BODIES = [
  'Hola, mi pedido no ha llegado todavía y ya pasaron cinco días',
  'Gracias, ¿me puede dar el número de seguimiento por favor?',
  'Claro, el número es el que aparece en su correo de confirmación',
  'Perfecto, ya lo veo en la web de la mensajería. ¡Muchas gracias!',
];

type Side = 'v' | 'a';
interface Endpoint {
  pair: number;
  side: Side;
  ws: WebSocket | undefined;
  conversationId: string;
  /** Highest seq received from the other side (server only): where a resumed socket continues. */
  lastSeq: number;
  reconnecting: boolean;
  visitor?: BenchVisitor;
  joined?: () => void;
}

interface Rec {
  t: number;
  from: Endpoint;
  ackAt: number;
  deliveredAt: number;
}

interface Target {
  name: string;
  pid: number;
  endpoints: Endpoint[];
  acks: boolean;
  frame(e: Endpoint, clientId: string, body: string): string;
  reopen?(e: Endpoint): Promise<void>;
  stop(): Promise<void>;
}

// ---- message accounting -------------------------------------------------------------------------------

const recs = new Map<string, Rec>();
const counters = { duplicates: 0, inboxFrames: 0, otherFrames: 0, closes: new Map<string, number>(), errors: new Map<string, number>(), reconnects: 0, reconnectFailures: 0 };
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
let stopping = false;

function delivered(clientId: string, to: Endpoint): void {
  const r = recs.get(clientId);
  if (!r || r.from.pair !== to.pair || r.from.side === to.side) return;
  if (r.deliveredAt) counters.duplicates++;
  else r.deliveredAt = performance.now();
}

function attach(target: Target, e: Endpoint, ws: WebSocket): void {
  e.ws = ws;
  ws.on('message', (data: Buffer) => {
    // {"type":"conversation",… (the inbox update every agent gets for every message): counted, not parsed.
    if (data[9] === 0x63 && data[10] === 0x6f) {
      counters.inboxFrames++;
      return;
    }
    const f = JSON.parse(data.toString());
    switch (f.type) {
      case 'message':
        if (f.message.seq > e.lastSeq) e.lastSeq = f.message.seq;
        delivered(f.message.clientId, e);
        return;
      case 'send': // the relay forwards the sender's frame as it is
        delivered(f.clientId, e);
        return;
      case 'ack': {
        const r = recs.get(f.clientId);
        if (r && !r.ackAt) r.ackAt = performance.now();
        return;
      }
      case 'joined':
        for (const m of f.messages) {
          if (m.author === (e.side === 'v' ? 'agent' : 'visitor')) {
            if (m.seq > e.lastSeq) e.lastSeq = m.seq;
            delivered(m.clientId, e);
          }
        }
        e.joined?.();
        e.joined = undefined;
        return;
      case 'error':
        bump(counters.errors, f.code);
        return;
      default:
        counters.otherFrames++;
    }
  });
  ws.on('close', (code) => {
    if (e.ws === ws) e.ws = undefined;
    if (stopping) return;
    bump(counters.closes, `${target.name} ${e.side} ${code}`);
    if (target.reopen && !e.reconnecting) {
      e.reconnecting = true;
      counters.reconnects++;
      // Backoff with jitter, as the widget does, then resume after the last seq seen.
      sleep(200 + Math.random() * 300).then(() => target.reopen!(e)).catch(() => counters.reconnectFailures++).finally(() => { e.reconnecting = false; });
    }
  });
  ws.on('error', () => {});
}

function join(e: Endpoint, afterSeq: number): Promise<void> {
  return new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no joined frame for ${e.side}${e.pair}`)), 30_000);
    e.joined = () => {
      clearTimeout(timer);
      res();
    };
    e.ws!.send(JSON.stringify({ type: 'join', conversationId: e.conversationId, afterSeq }));
  });
}

// ---- targets ------------------------------------------------------------------------------------------

async function serverTarget(): Promise<Target & { server: ServerProcess }> {
  const server = await startServer();
  const wsBase = server.base.replace(/^http/, 'ws');
  const endpoints: Endpoint[] = [];
  const target: Target & { server: ServerProcess } = {
    name: 'server', pid: server.child.pid!, endpoints, acks: true, server,
    frame: (e, clientId, body) => JSON.stringify({ type: 'send', conversationId: e.conversationId, clientId, body }),
    async reopen(e) {
      const url = e.side === 'v' ? `${wsBase}/api/chat/ws?ticket=${await ticket(server.base, e.visitor!)}` : `${wsBase}/api/console/ws`;
      const ws = await openWs(url, e.side === 'v' ? { localAddress: e.visitor!.address } : { headers: { cookie, origin: server.base } });
      attach(target, e, ws);
      if (e.side === 'a' && e.pair >= INBOX_FOLLOWERS) ws.send(JSON.stringify({ type: 'inbox', follow: false }));
      await join(e, e.lastSeq);
    },
    stop: () => server.stop(),
  };
  let cookie = '';
  const t0 = performance.now();
  const visitors = await pool(Array.from({ length: N }, (_, i) => i), 16, async (i) => {
    const v = await createVisitor(server.base, i);
    const conversationId = await startConversation(server.base, v);
    const e: Endpoint = { pair: i, side: 'v', ws: undefined, conversationId, lastSeq: 0, reconnecting: false, visitor: v };
    const ws = await openWs(`${wsBase}/api/chat/ws?ticket=${await ticket(server.base, v)}`, { localAddress: v.address });
    attach(target, e, ws);
    await join(e, 0);
    return e;
  });
  const visitorsMs = performance.now() - t0;
  cookie = await signIn(server.base);
  const agents = await pool(visitors, 32, async (v) => {
    const e: Endpoint = { pair: v.pair, side: 'a', ws: undefined, conversationId: v.conversationId, lastSeq: 0, reconnecting: false };
    attach(target, e, await openWs(`${wsBase}/api/console/ws`, { headers: { cookie, origin: server.base } }));
    if (v.pair >= INBOX_FOLLOWERS) e.ws!.send(JSON.stringify({ type: 'inbox', follow: false }));
    await join(e, 0);
    return e;
  });
  endpoints.push(...visitors, ...agents);
  console.log(`server: ${N} visitors (consent, conversation, ticket, socket joined) in ${(visitorsMs / 1000).toFixed(1)} s; ${N} console sockets in ${((performance.now() - t0 - visitorsMs) / 1000).toFixed(1)} s, ${INBOX_FOLLOWERS} of them following the inbox`);
  return target;
}

/** bench/ws-relay.mjs in one of its modes: `plain` (the baseline), or the floors `ack` and `store`. */
async function relayTarget(mode: 'plain' | 'ack' | 'store' = 'plain'): Promise<Target> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_RELAY_NODE_ARGS?.split(' ') ?? []), 'bench/ws-relay.mjs', String(port), mode], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((res, rej) => {
    child.stdout!.on('data', (d: Buffer) => { if (String(d).includes('ready')) res(); });
    child.once('exit', (code) => rej(new Error(`relay exited with ${code}`)));
  });
  const endpoints: Endpoint[] = [];
  const name = mode === 'plain' ? 'relay' : `relay+${mode}`;
  const target: Target = {
    name, pid: child.pid!, endpoints, acks: mode !== 'plain',
    frame: (e, clientId, body) => JSON.stringify({ type: 'send', conversationId: e.conversationId, clientId, body }),
    stop: () => new Promise<void>((r) => {
      child.once('exit', () => r());
      child.kill('SIGTERM');
    }),
  };
  const open = (pair: number, side: Side) => pool([0], 1, async () => {
    const e: Endpoint = { pair, side, ws: undefined, conversationId: `relay-${pair}`, lastSeq: 0, reconnecting: false };
    attach(target, e, await openWs(`ws://127.0.0.1:${port}/?pair=${pair}&side=${side}`));
    return e;
  }).then(([e]) => e!);
  const ids = Array.from({ length: N }, (_, i) => i);
  endpoints.push(...(await pool(ids, 32, (i) => open(i, 'v'))), ...(await pool(ids, 32, (i) => open(i, 'a'))));
  console.log(`${name}: ${2 * N} sockets open`);
  return target;
}

// ---- one phase at a fixed rate ------------------------------------------------------------------------

interface PhaseResult {
  target: string;
  label: string;
  rate: number;
  seconds: number;
  sent: number;
  notSent: number;
  acked: number;
  delivered: number;
  lost: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
  genLagMaxMs: number;
  targetCpuPct: number;
  /** CPU time the target spent per message sent: less sensitive to a busy machine than latency. */
  targetCpuMsPerMsg: number;
  genCpuPct: number;
  achievedRate: number;
  held: boolean;
}

let phaseNo = 0;

async function runPhase(target: Target, rate: number, seconds: number, label: string, drainMs = 5000): Promise<PhaseResult> {
  const prefix = `p${(phaseNo++).toString(36).padStart(3, '0')}_`;
  const total = Math.round(rate * seconds);
  const eps = target.endpoints;
  const mine: Rec[] = [];
  let notSent = 0;
  let genLagMax = 0;
  const cpu0 = cpuSeconds(target.pid);
  const gen0 = process.cpuUsage();
  const w0 = performance.now();
  const start = performance.now() + 5;
  let sent = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      // Message i is due at start + i/rate, and never sent before it.
      const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
      while (sent < due) {
        const i = sent++;
        const e = eps[(i % N) + (Math.floor(i / N) % 2) * N]!;
        const t = start + (i * 1000) / rate;
        if (now - t > genLagMax) genLagMax = now - t;
        const clientId = prefix + i.toString(36).padStart(6, '0');
        const rec: Rec = { t, from: e, ackAt: 0, deliveredAt: 0 };
        mine.push(rec);
        if (!e.ws || e.ws.readyState !== e.ws.OPEN) {
          notSent++;
          continue;
        }
        recs.set(clientId, rec);
        e.ws.send(target.frame(e, clientId, `${BODIES[i % BODIES.length]} (${i})`));
      }
      if (sent >= total) {
        clearInterval(timer);
        done();
      }
    };
    const timer = setInterval(tick, 1);
    tick();
  });
  const sendWall = performance.now() - w0;
  const deadline = performance.now() + drainMs;
  while (performance.now() < deadline && mine.some((r) => !r.deliveredAt || (target.acks && !r.ackAt))) await sleep(20);
  // An ack and its delivery leave the server in the same turn; give late ones a second before calling them lost.
  const pending = mine.filter((r) => r.ackAt && !r.deliveredAt);
  if (pending.length) await sleep(1000);
  const wall = performance.now() - w0;
  const cpu = cpuSeconds(target.pid) - cpu0;
  const gen = process.cpuUsage(gen0);

  const lat = mine.map((r) => (r.deliveredAt ? r.deliveredAt - r.t : Infinity)).sort((a, b) => a - b);
  const ackLat = target.acks ? mine.map((r) => (r.ackAt ? r.ackAt - r.t : Infinity)).sort((a, b) => a - b) : [];
  const deliveredN = mine.filter((r) => r.deliveredAt).length;
  const lastDelivery = mine.reduce((m, r) => Math.max(m, r.deliveredAt || 0), 0);
  const res: PhaseResult = {
    target: target.name, label, rate, seconds, sent: total - notSent, notSent,
    acked: target.acks ? mine.filter((r) => r.ackAt).length : 0,
    delivered: deliveredN,
    lost: pending.filter((r) => !r.deliveredAt).length,
    p50: pct(lat, 0.5), p90: pct(lat, 0.9), p99: pct(lat, 0.99), max: lat[lat.length - 1]!,
    ackP50: target.acks ? pct(ackLat, 0.5) : NaN, ackP99: target.acks ? pct(ackLat, 0.99) : NaN,
    genLagMaxMs: genLagMax,
    targetCpuPct: (cpu / (wall / 1000)) * 100,
    targetCpuMsPerMsg: (cpu * 1000) / Math.max(1, total - notSent),
    genCpuPct: ((gen.user + gen.system) / 1000 / wall) * 100,
    achievedRate: deliveredN / ((Math.max(lastDelivery, start + sendWall) - start) / 1000),
    held: false,
  };
  res.held = res.p99 < P99_LIMIT_MS && res.notSent === 0;
  for (const r of mine) r.from = undefined as unknown as Endpoint; // let the records go
  for (const key of [...recs.keys()]) if (key.startsWith(prefix)) recs.delete(key);
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1).padStart(7) : '    inf');
  console.log(
    `${target.name.padEnd(6)} ${label.padEnd(8)} ${String(rate).padStart(6)} msg/s × ${seconds}s  sent ${res.sent}  ` +
    `${target.acks ? `acked ${res.acked}  ` : ''}delivered ${res.delivered}${target.acks ? `  lost ${res.lost}` : ''}  ` +
    `p50 ${f(res.p50)}  p90 ${f(res.p90)}  p99 ${f(res.p99)}  max ${f(res.max)} ms` +
    `${target.acks ? `  ack p50 ${f(res.ackP50)} p99 ${f(res.ackP99)}` : ''}  ` +
    `${target.name} cpu ${res.targetCpuPct.toFixed(0)}% (${res.targetCpuMsPerMsg.toFixed(3)} ms/msg)  gen cpu ${res.genCpuPct.toFixed(0)}%  gen lag max ${res.genLagMaxMs.toFixed(0)} ms  ${res.held ? 'held' : 'NOT held'}`,
  );
  return res;
}

/** Waits until the target's CPU is quiet (the backlog of a failed step is gone). */
async function settle(target: Target, maxMs = 15_000): Promise<void> {
  const until = performance.now() + maxMs;
  while (performance.now() < until) {
    const c0 = cpuSeconds(target.pid);
    await sleep(500);
    if (cpuSeconds(target.pid) - c0 < 0.1) return;
  }
}

interface RateResult {
  rate: number;
  attempts: PhaseResult[];
  /** Median of the attempts' p99: one stall of a busy machine does not decide a rate either way. */
  p99: number;
  held: boolean;
}

/** Every target still climbing tries the rate ATTEMPTS times, the targets taking turns, each after the machine is quiet. */
async function tryRate(targets: Target[], all: Target[], rate: number, label: string): Promise<Map<Target, RateResult>> {
  const seconds = Math.min(20, Math.max(STEP_SECONDS, MIN_SAMPLES / rate));
  const out = new Map(targets.map((t) => [t, { rate, attempts: [] as PhaseResult[], p99: NaN, held: false }]));
  for (let a = 1; a <= ATTEMPTS; a++) {
    for (const t of targets) {
      for (const x of all) await settle(x);
      out.get(t)!.attempts.push(await runPhase(t, rate, seconds, `${label} ${a}/${ATTEMPTS}`));
    }
  }
  for (const [t, r] of out) {
    r.p99 = median(r.attempts.map((x) => x.p99));
    r.held = r.p99 < P99_LIMIT_MS && r.attempts.every((x) => x.notSent === 0);
    console.log(`${t.name.padEnd(6)} ${String(rate).padStart(6)} msg/s: median p99 ${r.p99.toFixed(1)} ms (${r.attempts.map((x) => x.p99.toFixed(1)).join(', ')}) → ${r.held ? 'held' : 'NOT held'}`);
  }
  return out;
}

/** The highest rate each target holds: up the ladder to the first rate not held, then once halfway back (or down by halves). */
async function ladder(all: Target[]): Promise<Map<Target, { maxRate: number; failedAt: number; rates: RateResult[] }>> {
  const out = new Map(all.map((t) => [t, { maxRate: 0, failedAt: 0, rates: [] as RateResult[] }]));
  let climbing = [...all];
  for (const rate of LADDER) {
    if (!climbing.length) break;
    for (const [t, r] of await tryRate(climbing, all, rate, 'step')) {
      const o = out.get(t)!;
      o.rates.push(r);
      if (r.held) o.maxRate = rate;
      else o.failedAt = rate;
    }
    climbing = climbing.filter((t) => !out.get(t)!.failedAt);
  }
  for (const t of all) {
    const o = out.get(t)!;
    if (!o.failedAt) continue;
    if (o.maxRate === 0) {
      for (let rate = Math.floor(o.failedAt / 2); rate >= 10; rate = Math.floor(rate / 2)) {
        const r = (await tryRate([t], all, rate, 'below')).get(t)!;
        o.rates.push(r);
        if (r.held) {
          o.maxRate = rate;
          break;
        }
      }
    } else {
      const mid = Math.round((o.maxRate + o.failedAt) / 2 / 50) * 50;
      if (mid > o.maxRate && mid < o.failedAt) {
        const r = (await tryRate([t], all, mid, 'between')).get(t)!;
        o.rates.push(r);
        if (r.held) o.maxRate = mid;
      }
    }
  }
  return out;
}

async function main() {
  console.log(`bench:chat — ${N} conversations (${2 * N} sockets), fixed ${FIXED_RATE} msg/s for ${FIXED_SECONDS} s; ladder ${LADDER.join(', ')} msg/s, ${ATTEMPTS} attempts of ≥ ${STEP_SECONDS} s (≥ ${MIN_SAMPLES} messages) each, held if the median p99 < ${P99_LIMIT_MS} ms`);
  const targets: Target[] = [];
  let server: Target | undefined;
  let relay: Target | undefined;
  let results: Awaited<ReturnType<typeof ladder>> | undefined;
  const fixed = new Map<Target, PhaseResult>();
  try {
    if (!SKIP_SERVER) targets.push((server = await serverTarget()));
    if (!SKIP_RELAY) targets.push((relay = await relayTarget()));
    if (FLOORS) targets.push(await relayTarget('ack'), await relayTarget('store'));
    for (const t of targets) {
      await settle(t);
      await runPhase(t, 50, 2, 'warm-up');
    }
    results = await ladder(targets);
    // The fixed rate last, the relay first: a server that cannot hold it works through its backlog for minutes.
    for (const t of [relay, server]) {
      if (!t) continue;
      for (const x of targets) await settle(x);
      fixed.set(t, await runPhase(t, FIXED_RATE, FIXED_SECONDS, 'fixed', 20_000));
    }
  } finally {
    stopping = true;
    for (const t of targets) for (const e of t.endpoints) e.ws?.terminate();
    for (const t of targets) await t.stop();
  }
  const sf = server && fixed.get(server);
  const rf = relay && fixed.get(relay);
  const maxRate = server ? results!.get(server)!.maxRate : null;
  const relayMaxRate = relay ? results!.get(relay)!.maxRate : null;
  const extra = server ? {
    inbox_frames: counters.inboxFrames,
    duplicates: counters.duplicates,
    closes: Object.fromEntries(counters.closes),
    errors: Object.fromEntries(counters.errors),
    reconnects: counters.reconnects,
    reconnect_failures: counters.reconnectFailures,
  } : {};
  if (server) console.log(`server: ${counters.inboxFrames} inbox ("conversation") frames received by the console sockets, ${counters.duplicates} duplicate deliveries, closes ${JSON.stringify(extra.closes)}, errors ${JSON.stringify(extra.errors)}`);
  const ladderOf = (t: Target | undefined) => t && results!.get(t)!.rates.map((r) => `${r.rate}:${r.held ? 'held' : 'fail'}:p99=${round(r.p99, 1)}`);
  const summary = {
    conversations: N,
    sockets: 2 * N,
    inbox_followers: INBOX_FOLLOWERS,
    fixed_rate: FIXED_RATE,
    fixed_seconds: FIXED_SECONDS,
    p50_ms: sf ? round(sf.p50) : null,
    p90_ms: sf ? round(sf.p90) : null,
    p99_ms: sf ? round(sf.p99) : null,
    max_ms: sf ? round(sf.max) : null,
    ack_p50_ms: sf ? round(sf.ackP50) : null,
    ack_p99_ms: sf ? round(sf.ackP99) : null,
    sent: sf?.sent ?? null,
    acks: sf?.acked ?? null,
    delivered: sf?.delivered ?? null,
    lost: sf?.lost ?? null,
    server_cpu_pct_at_fixed: sf ? Math.round(sf.targetCpuPct) : null,
    server_cpu_ms_per_msg_at_fixed: sf ? round(sf.targetCpuMsPerMsg, 3) : null,
    max_rate: maxRate,
    relay_p50_ms: rf ? round(rf.p50) : null,
    relay_p99_ms: rf ? round(rf.p99) : null,
    relay_max_rate: relayMaxRate,
    ratio: maxRate !== null && relayMaxRate ? round(maxRate / relayMaxRate, 3) : null,
    p99_limit_ms: P99_LIMIT_MS,
    target_p99_ms: 50,
    ...extra,
    ladder: { server: ladderOf(server), relay: ladderOf(relay) },
    ...(FLOORS ? { floors: Object.fromEntries(targets.filter((t) => t.name.startsWith('relay+')).map((t) => [t.name, { max_rate: results!.get(t)!.maxRate, ladder: ladderOf(t) }])) } : {}),
  };
  const ms = (x: number | null) => (x === null ? 'n/a' : `${x} ms`);
  if (sf) console.log(`server at ${FIXED_RATE} msg/s: p50 ${ms(summary.p50_ms)}, p99 ${ms(summary.p99_ms)} (target < 50 ms), ${sf.acked} of ${sf.sent} acknowledged, ${sf.delivered} delivered, ${sf.lost} lost`);
  if (rf) console.log(`relay  at ${FIXED_RATE} msg/s: p50 ${ms(summary.relay_p50_ms)}, p99 ${ms(summary.relay_p99_ms)}`);
  console.log(`highest rate held (median p99 < ${P99_LIMIT_MS} ms): server ${maxRate ?? 'n/a'} msg/s, relay ${relayMaxRate ?? 'n/a'} msg/s, ratio ${summary.ratio ?? 'n/a'} (target ≥ 0.5)`);
  console.log(JSON.stringify(summary));
}

await main();
process.exit(0);
