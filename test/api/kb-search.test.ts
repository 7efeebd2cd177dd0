// GET /api/kb/search through the real app (fastify.inject) on the shipped articles and a real SQLite file.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/server.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const search = (qs: string) => app.inject({ method: 'GET', url: `/api/kb/search?${qs}` });

describe('GET /api/kb/search', () => {
  it('answers results with the public fields, best first', async () => {
    const res = await search('q=contact%20a%20person&locale=en');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results.length).toBeGreaterThan(0);
    const first = body.results[0];
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['slug', 'locale', 'title', 'snippet', 'score']));
    expect(first.slug).toBe('chat-and-agents/contact-a-person');
    expect(first.locale).toBe('en');
    const scores = body.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds Spanish words typed without accents exactly as with them', async () => {
    const accented = (await search(`q=${encodeURIComponent('atención')}&locale=es`)).json().results;
    const plain = (await search('q=atencion&locale=es')).json().results;
    expect(accented.length).toBeGreaterThan(0);
    expect(plain.map((r: { slug: string }) => r.slug)).toEqual(accented.map((r: { slug: string }) => r.slug));
    expect(plain[0].title.toLowerCase()).toContain('atención');
  });

  it('marks the matched words of title and snippet with offsets into the text', async () => {
    const [first] = (await search('q=consentimiento&locale=es')).json().results;
    expect(first).toBeDefined();
    const marked = first.highlights.map(([s, e]: [number, number]) => first.snippet.slice(s, e).toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(word.startsWith('consent')).toBe(true);
  });

  it('matches the word being typed as a prefix', async () => {
    const res = (await search('q=privac&locale=en')).json();
    expect(res.results.length).toBeGreaterThan(0);
    expect(res.results[0].category).toBe('privacy-and-data');
    expect(res.results[0].snippet.slice(...res.results[0].highlights[0]).toLowerCase()).toMatch(/^privac/);
  });

  it('tolerates a typo when the exact words find nothing', async () => {
    const res = (await search('q=conversaton&locale=en')).json();
    expect(res.results.length).toBeGreaterThan(0);
  });

  it('treats lunr query syntax as text and never errors', async () => {
    for (const q of ['title:chat', '+chat -agent', 'chat~2', 'chat^10', '*', ':::', '"unclosed', 'a*b~c^d:e+f-g', '¿?¡!']) {
      const res = await search(`q=${encodeURIComponent(q)}&locale=en`);
      expect(res.statusCode, q).toBe(200);
      expect(Array.isArray(res.json().results)).toBe(true);
    }
  });

  it('honours limit', async () => {
    const res = (await search('q=widget&locale=en&limit=2')).json();
    expect(res.results).toHaveLength(2);
  });

  it('refuses a missing, blank or too long q, and an unsupported locale, saying which', async () => {
    const cases: [string, string][] = [
      ['locale=en', 'q'],
      ['q=&locale=en', 'q'],
      ['q=%20%20&locale=en', 'q'],
      [`q=${'a'.repeat(201)}&locale=en`, 'q'],
      ['q=chat&locale=fr', 'locale'],
      ['q=chat', 'locale'],
      ['q=chat&locale=en&limit=0', 'limit'],
    ];
    for (const [qs, field] of cases) {
      const res = await search(qs);
      expect(res.statusCode, qs).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe('ATIENDE_ERR_BAD_REQUEST');
      expect(body.error.field, qs).toBe(field);
      expect(body.error.message).toContain(field);
    }
  });

  it('records each search with its result count and no personal data', async () => {
    await search('q=zzzxqv%20qqqwx&locale=en');
    await search(`q=${encodeURIComponent('my email is ana@example.com call +34 600 123 456 chat')}&locale=en`);
    const db = new Database(join(app.dataDir, 'atiende.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT query, locale, result_count FROM search_events ORDER BY id DESC LIMIT 2').all() as {
      query: string; locale: string; result_count: number;
    }[];
    db.close();
    expect(rows[1]).toEqual({ query: 'zzzxqv qqqwx', locale: 'en', result_count: 0 });
    expect(rows[0]!.query).not.toContain('ana@example.com');
    expect(rows[0]!.query).not.toContain('600');
    expect(rows[0]!.query).toContain('chat');
    await search('q=no%20record%20please&locale=en&record=false');
    const db2 = new Database(join(app.dataDir, 'atiende.sqlite'), { readonly: true });
    expect(db2.prepare("SELECT count(*) AS n FROM search_events WHERE query LIKE '%record%'").get()).toEqual({ n: 0 });
    db2.close();
  });
});

describe('GET /api/health', () => {
  it('says how many articles were loaded and skipped', async () => {
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.articles.byLocale.es).toBeGreaterThanOrEqual(24);
    expect(body.articles.byLocale.en).toBeGreaterThanOrEqual(24);
    expect(body.articles.skipped).toBe(0);
    expect(body.articles.drafts).toBe(0);
  });
});
