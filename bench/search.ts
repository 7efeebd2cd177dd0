// npm run bench:search — search latency over HTTP and start-up time with 2,000 articles per locale.
//
// The corpus is generated from real text: the shipped articles and the Login.gov help centre in
// ../shared/data, each generated article joining the paragraphs of two real ones. The server is started
// as `npm start` starts it, on a fresh DATA_DIR (cold: the index is built and cached), then again on the
// same DATA_DIR (warm: the cached index is loaded). Queries are what visitors type: whole questions,
// words being typed, typos, Spanish without accents. GET /api/health is timed in the same run as the
// baseline cost of an HTTP round trip on this machine. Last line: one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ArticleRecord } from '../server/kb/loader.ts';
import { generateCorpus } from './corpus.ts';

const PER_LOCALE = Number(process.env.BENCH_ARTICLES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = resolve(import.meta.dirname, '..');

const median = (xs: number[]) => pct(xs, 0.5);
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}
const round = (x: number) => Math.round(x * 100) / 100;

function queriesFrom(byLocale: Record<'es' | 'en', ArticleRecord[]>): { q: string; locale: string }[] {
  const out: { q: string; locale: string }[] = [];
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  for (const locale of ['es', 'en'] as const) {
    for (const a of byLocale[locale].slice(0, 60)) {
      const t = a.title.replace(/[¿?¡!]/g, '');
      out.push({ q: t, locale }); // a whole question
      out.push({ q: t.slice(0, Math.max(3, Math.floor(t.length / 2))), locale }); // being typed
      out.push({ q: fold(t).toLowerCase(), locale }); // no accents
      const words = t.split(' ').filter((w) => w.length > 5);
      if (words[0]) out.push({ q: words[0].slice(0, -2) + words[0].slice(-1) + words[0].slice(-2, -1), locale }); // typo
    }
  }
  return out;
}

async function startServer(kbDir: string, dataDir: string, port: number): Promise<{ child: ChildProcess; readyMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', KB_DIR: kbDir, DATA_DIR: dataDir, SEARCH_RATE_LIMIT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { child, readyMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const stop = (child: ChildProcess) => new Promise<void>((r) => {
  child.once('exit', () => r());
  child.kill('SIGTERM');
});

async function timeRequests(urls: string[]): Promise<number[]> {
  const lat: number[] = [];
  for (const url of urls) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    lat.push(performance.now() - t0);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
  }
  return lat;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'atiende-bench-search-'));
  const kbDir = join(work, 'kb');
  const dataDir = join(work, 'data');
  const byLocale = generateCorpus(kbDir, PER_LOCALE);
  const queries = queriesFrom(byLocale);
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;

  const cold = await startServer(kbDir, dataDir, port);
  await stop(cold.child);
  const warmStarts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await startServer(kbDir, dataDir, port);
    warmStarts.push(s.readyMs);
    if (i < 2) await stop(s.child);
    else {
      const health = await fetch(`${base}/api/health`).then((r) => r.json());
      const searchUrls = queries.map(({ q, locale }) => `${base}/api/kb/search?q=${encodeURIComponent(q)}&locale=${locale}&limit=10`);
      await timeRequests(searchUrls); // warm-up: JIT and caches
      const search: number[] = [];
      const baseline: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        search.push(...(await timeRequests(searchUrls)));
        baseline.push(...(await timeRequests(searchUrls.map(() => `${base}/api/health`))));
      }
      await stop(s.child);
      rmSync(work, { recursive: true, force: true });
      const result = {
        articles_per_locale: health.articles.byLocale,
        queries: queries.length,
        requests: search.length,
        search_p50_ms: round(median(search)),
        search_p95_ms: round(pct(search, 0.95)),
        search_p99_ms: round(pct(search, 0.99)),
        health_baseline_p50_ms: round(median(baseline)),
        health_baseline_p95_ms: round(pct(baseline, 0.95)),
        start_cold_ms: Math.round(cold.readyMs),
        start_warm_median_ms: Math.round(median(warmStarts)),
        budget_p95_ms: 5,
        budget_start_ms: 2000,
      };
      console.log(`articles: ${JSON.stringify(result.articles_per_locale)}, ${result.requests} search requests`);
      console.log(`search  p50 ${result.search_p50_ms} ms  p95 ${result.search_p95_ms} ms  p99 ${result.search_p99_ms} ms (budget p95 < 5 ms)`);
      console.log(`health  p50 ${result.health_baseline_p50_ms} ms  p95 ${result.health_baseline_p95_ms} ms (HTTP round trip baseline)`);
      console.log(`start   cold ${result.start_cold_ms} ms (builds and caches the index)  warm median ${result.start_warm_median_ms} ms (budget < 2000 ms)`);
      console.log(JSON.stringify(result));
    }
  }
}

await main();
