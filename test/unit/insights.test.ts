// Insights without HTTP: periods, CSV quoting, and the recording rules (settled searches, opened
// searches, conversations after an article) on a real SQLite file, with the clock passed in; and the
// rebuild from raw events agreeing with the counters kept on write.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/client.ts';
import { AtiendeError } from '../../server/errors.ts';
import { barNumber, bucketize, bucketLabel } from '../../console/insights/chart.ts';
import { toCsv } from '../../server/insights/csv.ts';
import { parseDay, resolvePeriod } from '../../server/insights/period.ts';
import { readInsights } from '../../server/insights/queries.ts';
import { rebuildInsights, ensureInsightCounters } from '../../server/insights/rebuild.ts';
import {
  BURST_MS, normalizeQuery, recordConversationStart, recordDeflection, recordSearch, recordView, recordVote,
} from '../../server/insights/record.ts';
import { tempDir } from '../helpers/server.ts';

describe('resolvePeriod', () => {
  const now = Date.parse('2026-12-03T15:00:00Z');

  it('defaults to the 30 days ending today (UTC), both ends included', () => {
    const p = resolvePeriod({}, now);
    expect([p.from, p.to, p.days.length]).toEqual(['2026-11-04', '2026-12-03', 30]);
  });

  it('walks the calendar across months and leap days', () => {
    expect(resolvePeriod({ from: '2028-02-27', to: '2028-03-01' }, now).days).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(resolvePeriod({ to: '2026-01-03' }, now).from).toBe('2025-12-05');
  });

  it('refuses dates that do not exist, reversed periods and more than 366 days', () => {
    expect(parseDay('2027-02-29')).toBeUndefined();
    expect(parseDay('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
    const refused = (q: { from?: string; to?: string }) => {
      try {
        resolvePeriod(q, now);
      } catch (error) {
        expect(error).toBeInstanceOf(AtiendeError);
        return [(error as AtiendeError).statusCode, (error as AtiendeError).field];
      }
      return undefined;
    };
    expect(refused({ from: '2026-04-31' })).toEqual([400, 'from']);
    expect(refused({ to: '2026-00-10' })).toEqual([400, 'to']);
    expect(refused({ from: '2026-12-04', to: '2026-12-03' })).toEqual([400, 'from']);
    expect(refused({ from: '2025-12-02', to: '2026-12-03' })).toEqual([400, 'from']);
    expect(refused({ from: '2025-12-03', to: '2026-12-03' })).toBeUndefined(); // 366 days
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting, doubles quotes, ends lines with CRLF and defuses formulas', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', null, 3, -2], ['=1+1', '+x', '@y', '-z']])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,3,-2\r\n\'=1+1,\'+x,\'@y,\'-z\r\n',
    );
  });
});

describe('recording', () => {
  const dirs: string[] = [];
  const open = (): Db => {
    const dir = tempDir();
    dirs.push(dir);
    return openDatabase(dir);
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const t0 = Date.parse('2026-06-10T10:00:00Z');
  const day = '2026-06-10';
  const read = (db: Db) => readInsights(db, { period: resolvePeriod({ from: day, to: day }), limit: 20, titleOf: () => undefined });
  const visit = 'f'.repeat(32);

  it('normalizes queries and drops personal data', () => {
    expect(normalizeQuery('  ¿Cómo   CAMBIO mi correo ana@example.com? ')).toBe('¿cómo cambio mi correo [email]?');
  });

  it('keeps the query a visit settles on, not each prefix typed', () => {
    const db = open();
    recordSearch(db, { query: 'ref', locale: 'en', resultCount: 0, visit, now: t0 });
    recordSearch(db, { query: 'refu', locale: 'en', resultCount: 2, visit, now: t0 + 300 });
    recordSearch(db, { query: 'Refund', locale: 'en', resultCount: 3, visit, now: t0 + 900 });
    // Backspacing is still the same burst; then a pause, and a new search.
    recordSearch(db, { query: 'refun', locale: 'en', resultCount: 3, visit, now: t0 + 1500 });
    recordSearch(db, { query: 'refund', locale: 'en', resultCount: 3, visit, now: t0 + 2000 });
    recordSearch(db, { query: 'refund policy', locale: 'en', resultCount: 1, visit, now: t0 + 2000 + BURST_MS + 1 });
    // An unrelated query right away is another search.
    recordSearch(db, { query: 'invoice', locale: 'en', resultCount: 0, visit, now: t0 + 2000 + BURST_MS + 500 });
    const insights = read(db);
    expect(insights.topSearches.map((s) => [s.query, s.searches, s.noResult])).toEqual([['invoice', 1, 1], ['refund', 1, 0], ['refund policy', 1, 0]]);
    expect(insights.totals).toMatchObject({ searches: 3, noResult: 1, engagedVisits: 1 });
    expect(db.$client.prepare('SELECT count(*) AS n FROM search_days WHERE searches = 0').get()).toEqual({ n: 0 });
  });

  it('marks the last search opened when the visit opens an article, and never twice', () => {
    const db = open();
    recordSearch(db, { query: 'horario', locale: 'es', resultCount: 4, visit, now: t0 });
    recordView(db, { slug: 'a', locale: 'es', visit, now: t0 + 10_000 });
    recordView(db, { slug: 'b', locale: 'es', visit, now: t0 + 20_000 });
    // Typing on after opening an article is a new search, not a replacement of the answered one.
    recordSearch(db, { query: 'horario de verano', locale: 'es', resultCount: 2, visit, now: t0 + 21_000 });
    const insights = read(db);
    expect(insights.topSearches.map((s) => [s.query, s.searches, s.opened])).toEqual([['horario', 1, 1], ['horario de verano', 1, 0]]);
    expect(insights.notOpenedSearches.map((s) => s.query)).toEqual(['horario de verano']);
    expect(insights.totals.views).toBe(2);
  });

  it('counts a conversation against the article read right before it, and the visit as not self-served', () => {
    const db = open();
    const other = 'e'.repeat(32);
    recordView(db, { slug: 'billing/refunds', locale: 'en', visit, now: t0 });
    recordVote(db, { slug: 'billing/refunds', locale: 'en', helpful: false, visit, now: t0 + 1000 });
    recordConversationStart(db, { locale: 'en', visit, now: t0 + 60_000 });
    recordSearch(db, { query: 'shipping', locale: 'en', resultCount: 1, visit: other, now: t0 });
    recordDeflection(db, { locale: 'en', slug: 'x', visit: other, now: t0 + 5000 });
    // Without a visit, the widget's own list of read articles names the article.
    recordConversationStart(db, { locale: 'es', fallback: { slug: 'pagos', locale: 'es' }, now: t0 + 70_000 });
    const insights = read(db);
    expect(insights.totals).toMatchObject({
      engagedVisits: 2, selfServiceVisits: 1, selfServiceRate: 0.5, conversations: 2, conversationsAfterArticle: 2, deflections: 1, notHelpful: 1,
    });
    expect(insights.articlesBeforeConversations.map((a) => [a.slug, a.locale, a.conversationsAfter])).toEqual([['billing/refunds', 'en', 1], ['pagos', 'es', 1]]);
  });

  it('ranks the lists exactly as a count of the raw events does, whether or not the long tail is read', () => {
    const db = open();
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const words = ['pago', 'factura', 'envío', 'clave', 'cuenta', 'horario', 'idioma', 'correo'];
    for (let i = 0; i < 400; i++) {
      // A few frequent queries, many typed once; some find nothing; some are answered by a view.
      const query = random() < 0.6 ? words[Math.floor(random() * random() * words.length)]! : `${words[Math.floor(random() * 8)]} ${i}`;
      const v = i.toString(16).padStart(32, '0');
      const now = t0 - Math.floor(random() * 5) * 86_400_000;
      recordSearch(db, { query, locale: random() < 0.7 ? 'es' : 'en', resultCount: random() < 0.2 ? 0 : 2, visit: v, now });
      if (random() < 0.4) recordView(db, { slug: 'a', locale: 'es', visit: v, now: now + 1000 });
    }
    const events = db.$client.prepare('SELECT query, locale, result_count AS results, opened FROM search_events').all() as
      { query: string; locale: 'es' | 'en'; results: number; opened: number }[];
    const sums = new Map<string, { query: string; locale: string; searches: number; noResult: number; opened: number }>();
    for (const e of events) {
      const row = sums.get(e.locale + e.query) ?? { query: e.query, locale: e.locale, searches: 0, noResult: 0, opened: 0 };
      row.searches += 1;
      row.noResult += e.results === 0 ? 1 : 0;
      row.opened += e.opened;
      sums.set(e.locale + e.query, row);
    }
    const expected = (rank: (r: { searches: number; noResult: number; opened: number }) => number, limit: number) =>
      [...sums.values()].filter((r) => rank(r) > 0)
        .sort((a, b) => rank(b) - rank(a) || (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : a.query < b.query ? -1 : a.query > b.query ? 1 : 0))
        .slice(0, limit);
    // A short period is read day first, a long one in query order: both give the same lists.
    for (const [from, limit] of [['2026-06-01', 3], ['2026-06-01', 8], ['2026-06-01', 40], ['2026-01-01', 3], ['2026-01-01', 40]] as const) {
      const got = readInsights(db, { period: resolvePeriod({ from, to: day }), limit, titleOf: () => undefined });
      expect(got.topSearches, `top ${limit}`).toEqual(expected((r) => r.searches, limit));
      expect(got.noResultSearches, `none ${limit}`).toEqual(expected((r) => r.noResult, limit));
      expect(got.notOpenedSearches, `gap ${limit}`).toEqual(expected((r) => r.searches - r.noResult - r.opened, limit));
      expect(got.totals.notOpened).toBe(events.filter((e) => e.results > 0 && !e.opened).length);
    }
  });

  it('rebuilds from the stored events exactly the counters kept on write', () => {
    const db = open();
    const v2 = '0'.repeat(32);
    recordSearch(db, { query: 'hor', locale: 'es', resultCount: 1, visit, now: t0 });
    recordSearch(db, { query: 'horario', locale: 'es', resultCount: 3, visit, now: t0 + 400 });
    recordView(db, { slug: 'a', locale: 'es', visit, now: t0 + 5000 });
    recordVote(db, { slug: 'a', locale: 'es', helpful: true, now: t0 + 6000 });
    recordSearch(db, { query: 'nada', locale: 'en', resultCount: 0, visit: v2, now: t0 + 86_400_000 });
    recordConversationStart(db, { locale: 'en', visit: v2, now: t0 + 86_400_000 + 1000 });
    recordDeflection(db, { locale: 'es', now: t0 });
    const dump = () => ['search_days', 'article_days', 'insight_days'].map((table) =>
      db.$client.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all());
    const kept = dump();
    rebuildInsights(db);
    expect(dump()).toEqual(kept);
    // A search stored before insights, with the visitor's capitals, counts as the query it normalizes to.
    db.$client.prepare('INSERT INTO search_events (query, locale, result_count, created_at) VALUES (?, ?, ?, ?)').run('HORARIO  Ámbar', 'es', 2, t0);
    rebuildInsights(db);
    expect(db.$client.prepare(`SELECT query, searches FROM search_days WHERE query LIKE 'horario%' ORDER BY query`).all())
      .toEqual([{ query: 'horario', searches: 1 }, { query: 'horario ámbar', searches: 1 }]);
    expect(db.$client.prepare("SELECT query FROM search_events WHERE query GLOB 'HORARIO*'").all()).toEqual([{ query: 'HORARIO  Ámbar' }]);
    db.$client.prepare("DELETE FROM search_events WHERE query = 'HORARIO  Ámbar'").run();
    rebuildInsights(db);
    expect(dump()).toEqual(kept);
    // A database whose counters are missing gets them back on start; one that has them is left alone.
    expect(ensureInsightCounters(db)).toBe(false);
    db.$client.exec('DELETE FROM search_days; DELETE FROM article_days; DELETE FROM insight_days');
    expect(ensureInsightCounters(db)).toBe(true);
    expect(dump()).toEqual(kept);
  });
});

describe('chart buckets', () => {
  const daily = (from: string, n: number) => resolvePeriod({ from, to: new Date(Date.parse(from) + (n - 1) * 86_400_000).toISOString().slice(0, 10) })
    .days.map((day) => ({ day, searches: 1, noResult: 0, views: 0, engagedVisits: 2, selfServiceVisits: 1, conversations: 0 }));

  it('draws days up to two weeks, weeks up to 92 days, else months, and says when a bucket is cut short', () => {
    expect(bucketize(daily('2026-11-01', 7)).buckets).toHaveLength(7);
    const weeks = bucketize(daily('2026-11-04', 30));
    expect(weeks.unit).toBe('week');
    expect(weeks.buckets.map((b) => [b.start, b.days, b.searches])).toEqual([
      ['2026-11-04', 7, 7], ['2026-11-11', 7, 7], ['2026-11-18', 7, 7], ['2026-11-25', 7, 7], ['2026-12-02', 2, 2],
    ]);
    expect(bucketLabel(weeks.buckets[4]!, 'week', 'en')).toBe('Dec 2 · 2 d');
    expect(bucketLabel(weeks.buckets[0]!, 'week', 'es')).toBe('4 nov');
    const months = bucketize(daily('2025-12-04', 365));
    expect(months.unit).toBe('month');
    expect(months.buckets.map((b) => b.days)).toEqual([28, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 3]);
    expect(bucketLabel(months.buckets[1]!, 'month', 'en')).toBe('Jan 26');
    expect(bucketLabel(months.buckets[0]!, 'month', 'en')).toBe('Dec 25 · 28 d');
    expect(barNumber(12_345, 'en')).toBe('12.3K');
    expect(barNumber(9_999, 'es')).toBe('9999');
  });
});
