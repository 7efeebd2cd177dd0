// npm run bench:kb-rebuild — from "publish" to "found by search", on a server started as `npm start`
// starts it, with the shipped articles and with 2,000 generated articles per locale (real text from the
// shipped articles and the Login.gov help centre). Each round an editor creates and publishes a Spanish
// article with a word no other article has, then search is polled until it answers with it; meanwhile
// another client keeps searching (until 5 s after it is found, which covers the worker's full rebuild),
// and its latencies show that searches are served during the rebuild.
// Last line: one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCorpus } from './corpus.ts';

const PER_LOCALE = Number(process.env.BENCH_ARTICLES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** How long searches go on after the article is found, to cover the worker's full rebuild. */
const AFTER_MS = Number(process.env.BENCH_AFTER_MS ?? 5000);
const root = resolve(import.meta.dirname, '..');
const ADMIN = { email: 'bench@example.com', password: 'bench password 1234' };

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const round = (x: number) => Math.round(x * 10) / 10;

async function start(kbDir: string, dataDir: string): Promise<{ child: ChildProcess; base: string; readyMs: number }> {
  const port = 4300 + Math.floor(Math.random() * 1000);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: root,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', KB_DIR: kbDir, DATA_DIR: dataDir, SEARCH_RATE_LIMIT: '0', LOG_LEVEL: 'warn',
      ATIENDE_ADMIN_EMAIL: ADMIN.email, ATIENDE_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base, readyMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function scenario(name: string, kbDir: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-bench-rebuild-'));
  const { child, base, readyMs } = await start(kbDir, dataDir);
  try {
    const login = await fetch(`${base}/api/console/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(ADMIN),
    });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base, cookie }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const health = await (await fetch(`${base}/api/health`)).json();
    const publishToFound: number[] = [];
    const during: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const word = `zqxbench${i}${Date.now().toString(36)}`;
      const slug = `bench/round-${i}`;
      const created = await post('/api/console/articles', {
        slug, locale: 'es', title: `Artículo de prueba ${i}`, summary: '', category: 'bench', tags: [], paths: [], extra: {},
        body: `Este artículo contiene la palabra ${word} en su cuerpo.\n`,
      });
      // A visitor keeps searching while the index is rebuilt.
      let rebuilding = true;
      const visitor = (async () => {
        while (rebuilding) {
          const t = performance.now();
          await fetch(`${base}/api/kb/search?q=contrase%C3%B1a&locale=es&record=false`).then((r) => r.json());
          during.push(performance.now() - t);
        }
      })();
      const t0 = performance.now();
      await post('/api/console/articles/publish', { locale: 'es', slug, version: created.article.version });
      for (;;) {
        const res = await (await fetch(`${base}/api/kb/search?q=${word}&locale=es&record=false`)).json();
        if (res.results.some((r: { slug: string }) => r.slug === slug)) break;
      }
      publishToFound.push(performance.now() - t0);
      // The full index is rebuilt in the worker after the article is found: keep searching through it.
      await new Promise((r) => setTimeout(r, AFTER_MS));
      rebuilding = false;
      await visitor;
    }
    const result = {
      scenario: name,
      articles_per_locale: health.articles.byLocale,
      first_start_ms: Math.round(readyMs),
      publish_to_searchable_ms: publishToFound.map(round),
      publish_to_searchable_max_ms: round(Math.max(...publishToFound)),
      searches_during_rebuild: during.length,
      search_during_rebuild_p50_ms: round(pct(during, 0.5)),
      search_during_rebuild_p95_ms: round(pct(during, 0.95)),
      search_during_rebuild_max_ms: round(Math.max(...during)),
    };
    console.log(
      `${name}: ${JSON.stringify(health.articles.byLocale)} articles; publish→searchable ${result.publish_to_searchable_ms.join(', ')} ms ` +
        `(max ${result.publish_to_searchable_max_ms}); ${during.length} searches served meanwhile, p50 ${result.search_during_rebuild_p50_ms} ms, ` +
        `p95 ${result.search_during_rebuild_p95_ms} ms, max ${result.search_during_rebuild_max_ms} ms`,
    );
    return result;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const corpus = mkdtempSync(join(tmpdir(), 'atiende-bench-corpus-'));
try {
  const shipped = await scenario('shipped', join(root, 'kb-content'));
  generateCorpus(corpus, PER_LOCALE);
  const large = await scenario(`${PER_LOCALE} per locale`, corpus);
  console.log(JSON.stringify({ bench: 'kb-rebuild', rounds: ROUNDS, results: [shipped, large] }));
} finally {
  rmSync(corpus, { recursive: true, force: true });
}
