// npm run bench:idle — the server's memory with 10,000 idle visitor sockets.
//
// The real server runs as `npm start` runs it (node dist/server/main.js, its own process, a fresh
// DATA_DIR). BENCH_VISITORS visitors (2,500) give consent and start a conversation over HTTP, each from
// its own source address in 127.0.0.0/8 (consent and tickets are rate-limited per address); RSS is read
// then (the baseline: everything but the sockets). Then each visitor opens BENCH_TABS sockets (4: a
// visitor with several tabs; BENCH_VISITORS=10000 BENCH_TABS=1 for one each), each with its own ticket, joined to the visitor's conversation, as the
// widget does. The sockets then sit idle for BENCH_IDLE_SECONDS (35 s: one heartbeat round of ping/pong
// included), RSS sampled every second from /proc/<pid>/status (VmRSS). Target: under 200 MB.
// Last line: one JSON object.
import type { WebSocket } from 'ws';
import { createVisitor, openWs, pool, round, rssMb, sleep, startConversation, startServer, ticket } from './chat-client.ts';

const VISITORS = Number(process.env.BENCH_VISITORS ?? 2_500);
const TABS = Number(process.env.BENCH_TABS ?? 4);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 35);
const TARGET_MB = 200;

async function main() {
  const sockets = VISITORS * TABS;
  console.log(`bench:idle — ${VISITORS} visitors × ${TABS} socket(s) = ${sockets} idle visitor sockets`);
  const server = await startServer();
  const pid = server.child.pid!;
  const wsBase = server.base.replace(/^http/, 'ws');
  let closedEarly = 0;
  const open: WebSocket[] = [];
  try {
    await sleep(2000);
    const atReady = rssMb(pid);
    console.log(`server ready: RSS ${atReady.toFixed(1)} MB`);

    const t0 = performance.now();
    const visitors = await pool(Array.from({ length: VISITORS }, (_, i) => i), 32, async (i) => {
      const v = await createVisitor(server.base, i);
      return { v, conversationId: await startConversation(server.base, v) };
    });
    const httpS = (performance.now() - t0) / 1000;
    await sleep(2000);
    const baseline = rssMb(pid);
    console.log(`${VISITORS} visitors with consent and a conversation over HTTP in ${httpS.toFixed(1)} s: RSS ${baseline.toFixed(1)} MB (baseline, no socket open)`);

    const t1 = performance.now();
    const jobs = visitors.flatMap((x) => Array.from({ length: TABS }, () => x));
    await pool(jobs, 32, async ({ v, conversationId }) => {
      const ws = await openWs(`${wsBase}/api/chat/ws?ticket=${await ticket(server.base, v)}`, { localAddress: v.address });
      open.push(ws);
      await new Promise<void>((res, rej) => {
        const timer = setTimeout(() => rej(new Error('no joined frame within 30 s')), 30_000);
        ws.on('message', (data: Buffer) => {
          if (String(data).startsWith('{"type":"joined"')) {
            clearTimeout(timer);
            res();
          }
        });
        ws.send(JSON.stringify({ type: 'join', conversationId, afterSeq: 0 }));
      });
      ws.once('close', () => closedEarly++);
    });
    const connectS = (performance.now() - t1) / 1000;
    const connected = rssMb(pid);
    console.log(`${open.length} sockets opened and joined in ${connectS.toFixed(1)} s: RSS ${connected.toFixed(1)} MB`);

    const samples: number[] = [];
    for (let s = 0; s < IDLE_SECONDS; s++) {
      await sleep(1000);
      samples.push(rssMb(pid));
    }
    const idle = samples[samples.length - 1]!;
    const peak = Math.max(connected, ...samples);
    const still = open.filter((ws) => ws.readyState === ws.OPEN).length;
    console.log(`after ${IDLE_SECONDS} s idle: RSS ${idle.toFixed(1)} MB (peak ${peak.toFixed(1)} MB), ${still} sockets still open, ${closedEarly} closed`);
    const perSocketKb = ((idle - baseline) * 1024) / sockets;
    console.log(`cost of the sockets: ${(idle - baseline).toFixed(1)} MB, ${perSocketKb.toFixed(1)} KB per socket (target: RSS under ${TARGET_MB} MB)`);
    console.log(JSON.stringify({
      visitors: VISITORS,
      tabs_per_visitor: TABS,
      sockets,
      sockets_open_at_end: still,
      rss_at_ready_mb: round(atReady, 1),
      rss_baseline_mb: round(baseline, 1),
      rss_connected_mb: round(connected, 1),
      rss_idle_mb: round(idle, 1),
      rss_peak_mb: round(peak, 1),
      sockets_cost_mb: round(idle - baseline, 1),
      per_socket_kb: round(perSocketKb, 1),
      idle_seconds: IDLE_SECONDS,
      target_rss_mb: TARGET_MB,
      under_target: peak < TARGET_MB,
      http_setup_s: round(httpS, 1),
      connect_s: round(connectS, 1),
    }));
  } finally {
    for (const ws of open) ws.terminate();
    await server.stop();
  }
}

await main();
process.exit(0);
