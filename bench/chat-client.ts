// Shared by bench/chat.ts and bench/idle-sockets.ts: the real server started as `npm start` starts it
// (a child process on a fresh DATA_DIR), and the HTTP steps a widget takes before it opens a socket
// (consent, conversation, ticket), each visitor from its own source address in 127.0.0.0/8, since the
// server's rate limits on consent and tickets are per client address.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';

export const root = resolve(import.meta.dirname, '..');
export const ADMIN_EMAIL = 'bench-admin@localhost';
export const ADMIN_PASSWORD = 'bench-password-0123456789';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Nearest-rank percentile; Infinity counts (a message never delivered is slower than any delivered one). */
export function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
export const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);
export const median = (xs: number[]) => pct([...xs].sort((a, b) => a - b), 0.5);

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** A distinct loopback address per client index: 127.20.0.1, 127.20.0.2, … (never .0 or .255). */
export function clientAddress(i: number): string {
  return `127.${20 + Math.floor(i / 62_500)}.${(Math.floor(i / 250) % 250) + 1}.${(i % 250) + 1}`;
}

/** The node flags of package.json's `start` script (`node <flags> dist/server/main.js`). */
export function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
  const m = /\bnode ((?:--\S+ )*)dist\/server\/main\.js/.exec(start);
  if (!m) throw new Error(`package.json's start script does not run node … dist/server/main.js: ${start}`);
  return m[1]!.trim().split(' ').filter(Boolean);
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * `node dist/server/main.js` on a fresh DATA_DIR; resolves once GET /api/health answers.
 * BENCH_SERVER runs another build (e.g. a patched copy); BENCH_NODE_ARGS adds flags to its node.
 */
export async function startServer(opts: { env?: Record<string, string>; nodeArgs?: string[]; script?: string } = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-bench-chat-'));
  const port = await freePort();
  const script = opts.script ?? process.env.BENCH_SERVER ?? 'dist/server/main.js';
  // The flags `npm start` gives node (package.json), unless BENCH_NODE_ARGS says otherwise.
  const nodeArgs = opts.nodeArgs ?? (process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : startFlags());
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEARCH_RATE_LIMIT: '0', LOG_LEVEL: 'warn',
      // The load is many messages a second per conversation, far past the anti-spam limits.
      ATIENDE_LIMIT_MESSAGES_PER_MINUTE: '0', ATIENDE_LIMIT_REPEATED_MESSAGES: '0', ATIENDE_LIMIT_CONVERSATIONS_PER_HOUR: '0',
      ATIENDE_ADMIN_EMAIL: ADMIN_EMAIL, ATIENDE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server not ready within 60 s');
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return {
    child, port, base, dataDir,
    stop: () => new Promise<void>((r) => {
      const done = () => {
        rmSync(dataDir, { recursive: true, force: true });
        r();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(hard);
        done();
      });
      child.kill('SIGTERM');
    }),
  };
}

/** VmRSS of a process, in MB. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

export interface HttpAnswer {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request from a given source address (no keep-alive), JSON in and out. */
export function http(base: string, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; localAddress?: string } = {}): Promise<HttpAnswer> {
  const url = new URL(path, base);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((res, rej) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method, agent: false, localAddress: opts.localAddress,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...opts.headers },
    }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: any = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON
        }
        res({ status: r.statusCode ?? 0, body, headers: r.headers });
      });
      r.on('error', rej);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: timeout`)));
    req.on('error', rej);
    req.end(payload);
  });
}

function expect(a: HttpAnswer, status: number, what: string): any {
  if (a.status !== status) throw new Error(`${what}: HTTP ${a.status} ${JSON.stringify(a.body)}`);
  return a.body;
}

let consentConfig: { version: string; hash: string } | undefined;

export interface BenchVisitor {
  index: number;
  address: string;
  token: string;
  visitorId: string;
}

/** Consent as the widget gives it, from the visitor's own address. */
export async function createVisitor(base: string, index: number): Promise<BenchVisitor> {
  const address = clientAddress(index);
  consentConfig ??= expect(await http(base, 'GET', '/api/chat/config?locale=es'), 200, 'config').consent;
  const body = expect(await http(base, 'POST', '/api/chat/consent', {
    localAddress: address,
    body: { locale: 'es', channel: 'web', pageUrl: 'https://shop.example.com/pedidos', purpose: 'support_chat', consentVersion: consentConfig!.version, consentHash: consentConfig!.hash },
  }), 201, 'consent');
  return { index, address, token: body.visitorToken, visitorId: body.visitorId };
}

export async function startConversation(base: string, v: BenchVisitor): Promise<string> {
  return expect(await http(base, 'POST', '/api/chat/conversations', {
    localAddress: v.address,
    headers: { authorization: `Bearer ${v.token}` },
    body: { locale: 'es', context: { searches: ['pedido no llega'], articles: [], pageUrl: 'https://shop.example.com/pedidos' } },
  }), 200, 'conversation').conversation.id;
}

export async function ticket(base: string, v: BenchVisitor): Promise<string> {
  return expect(await http(base, 'POST', '/api/chat/tickets', { localAddress: v.address, headers: { authorization: `Bearer ${v.token}` } }), 201, 'ticket').ticket;
}

/** Signs in once; the cookie opens any number of console sockets. */
export async function signIn(base: string): Promise<string> {
  const a = await http(base, 'POST', '/api/console/login', { headers: { origin: base }, body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  expect(a, 200, 'sign in');
  const set = a.headers['set-cookie'];
  return (Array.isArray(set) ? set : [set ?? '']).map((c) => c.split(';')[0]).join('; ');
}

/** Opens a WebSocket and resolves once it is open; frames arriving before that are not lost (handlers attach first). */
export function openWs(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<WebSocket> {
  return new Promise((res, rej) => {
    const ws = new WebSocket(url, { skipUTF8Validation: true, perMessageDeflate: false, ...options });
    const timer = setTimeout(() => {
      ws.terminate();
      rej(new Error(`${url}: not open within 30 s`));
    }, 30_000);
    ws.once('open', () => {
      clearTimeout(timer);
      res(ws);
    });
    ws.once('unexpected-response', (_req, r) => {
      clearTimeout(timer);
      rej(new Error(`${url}: upgrade refused with ${r.statusCode}`));
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      rej(err);
    });
  });
}

/** Runs fn over items with at most `limit` at once. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}
