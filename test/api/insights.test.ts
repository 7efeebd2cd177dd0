// Insights over real HTTP on a real SQLite file: the numbers come from a small dataset made through the
// public API (searches, views, votes, a conversation begun after an article), who may read them, how
// bad periods are refused, and the CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insights } from '../../protocol/insights.ts';
import { createAgent } from '../../server/auth/staff.ts';
import { consent, json, signIn } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'another good long password';
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
const cookies: Record<'admin' | 'agent' | 'editor', string> = { admin: '', agent: '', editor: '' };
const today = new Date().toISOString().slice(0, 10);

const OFFICE_HOURS = 'chat-and-agents/office-hours-and-reply-times';
const CONTACT = 'chat-and-agents/contact-a-person';
const visitA = 'a'.repeat(32);
const visitB = 'b'.repeat(32);
const visitC = 'c'.repeat(32);
const visitD = 'd'.repeat(32);

async function search(q: string, locale: 'es' | 'en', visit?: string): Promise<number> {
  const params = new URLSearchParams({ q, locale, ...(visit ? { visit } : {}) });
  const res = await fetch(`${base}/api/kb/search?${params}`);
  expect(res.status).toBe(200);
  return (await json(res)).results.length;
}

async function post(path: string, body: object, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(300);
  return res;
}

const insights = async (query = '', cookie = cookies.editor): Promise<Response> =>
  fetch(`${base}/api/console/insights${query}`, { headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  base = server.url;
  await createAgent(server.app.db, { email: 'agent@example.com', name: 'Agente', role: 'agent', password: PASSWORD });
  await createAgent(server.app.db, { email: 'editor@example.com', name: 'Editora', role: 'editor', password: PASSWORD });
  cookies.admin = await signIn(base, ADMIN.email, ADMIN.password);
  cookies.agent = await signIn(base, 'agent@example.com', PASSWORD);
  cookies.editor = await signIn(base, 'editor@example.com', PASSWORD);

  // Visit A types "hor", then "Horario" (one settled search), opens the office-hours article, finds it helpful.
  await search('hor', 'es', visitA);
  expect(await search('Horario', 'es', visitA)).toBeGreaterThan(0);
  await post('/api/kb/views', { slug: OFFICE_HOURS, locale: 'es', visit: visitA });
  await post('/api/kb/votes', { slug: OFFICE_HOURS, locale: 'es', helpful: true, visit: visitA });
  // Visit B finds nothing.
  expect(await search('zzqx wompf', 'es', visitB)).toBe(0);
  // Visit C gets results in English and opens none.
  expect(await search('rate a conversation', 'en', visitC)).toBeGreaterThan(0);
  // Two searches from no widget (no visit): each counts.
  await search('horario', 'es');
  await search('horario', 'es');
  // Visit D reads "contact a person", finds it unhelpful, and asks for a person.
  await post('/api/kb/views', { slug: CONTACT, locale: 'es', visit: visitD });
  await post('/api/kb/votes', { slug: CONTACT, locale: 'es', helpful: false, visit: visitD });
  const v = await consent(base, 'es');
  await post('/api/chat/conversations', { locale: 'es', visit: visitD, context: { searches: [], articles: [], pageUrl: `${base}/` } }, v.auth);
  // Starting again while that conversation is open is the same conversation, not another start.
  await post('/api/chat/conversations', { locale: 'es', visit: visitD, context: { searches: [], articles: [], pageUrl: `${base}/` } }, v.auth);
});
afterAll(() => server.close());

describe('GET /api/console/insights', () => {
  it('answers visitors 401 and every staff role 200', async () => {
    const anonymous = await insights('', '');
    expect(anonymous.status).toBe(401);
    expect((await json(anonymous)).error.code).toBe('ATIENDE_ERR_UNAUTHENTICATED');
    for (const role of ['agent', 'editor', 'admin'] as const) expect((await insights('', cookies[role])).status, role).toBe(200);
  });

  it('counts what the visits did, from the stored events', async () => {
    const body: Insights = await json(await insights(`?from=${today}&to=${today}`));
    expect(body.period).toEqual({ from: today, to: today, locale: null });
    expect(body.totals).toEqual({
      searches: 5, noResult: 1, notOpened: 3, views: 2, helpful: 1, notHelpful: 1,
      engagedVisits: 4, selfServiceVisits: 3, selfServiceRate: 0.75,
      conversations: 1, conversationsAfterArticle: 1, deflections: 0,
    });
    // "hor" was a prefix on the way to "horario": never counted.
    expect(body.topSearches.map((s) => s.query)).not.toContain('hor');
    expect(body.topSearches[0]).toEqual({ query: 'horario', locale: 'es', searches: 3, noResult: 0, opened: 1 });
    expect(body.noResultSearches).toEqual([{ query: 'zzqx wompf', locale: 'es', searches: 1, noResult: 1, opened: 0 }]);
    expect(body.notOpenedSearches.map((s) => [s.query, s.searches - s.noResult - s.opened])).toEqual([['horario', 2], ['rate a conversation', 1]]);
    expect(body.articlesByViews.map((a) => [a.slug, a.views])).toEqual([[CONTACT, 1], [OFFICE_HOURS, 1]]);
    expect(body.articlesByViews[0]!.title).toBeTruthy();
    // Worst first: the article nobody found helpful.
    expect(body.articlesByVotes.map((a) => [a.slug, a.helpful, a.notHelpful])).toEqual([[CONTACT, 0, 1], [OFFICE_HOURS, 1, 0]]);
    expect(body.articlesBeforeConversations).toEqual([expect.objectContaining({ slug: CONTACT, locale: 'es', conversationsAfter: 1 })]);
    expect(body.daily).toEqual([{ day: today, searches: 5, noResult: 1, views: 2, engagedVisits: 4, selfServiceVisits: 3, conversations: 1 }]);
  });

  it('filters by locale and defaults to the last 30 days', async () => {
    const en: Insights = await json(await insights('?locale=en'));
    expect(en.daily).toHaveLength(30);
    expect(en.period.to).toBe(today);
    expect(en.totals.searches).toBe(1);
    expect(en.topSearches).toEqual([{ query: 'rate a conversation', locale: 'en', searches: 1, noResult: 0, opened: 0 }]);
    expect(en.articlesByViews).toEqual([]);
    const es: Insights = await json(await insights('?locale=es'));
    expect(es.totals.searches).toBe(4);
    expect(es.totals.engagedVisits).toBe(3);
  });

  it('is empty, not an error, for a period with nothing in it', async () => {
    const body: Insights = await json(await insights('?from=2020-01-01&to=2020-01-07'));
    expect(body.totals.searches).toBe(0);
    expect(body.totals.selfServiceRate).toBeNull();
    expect(body.daily.map((d) => d.day)).toEqual(['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-04', '2020-01-05', '2020-01-06', '2020-01-07']);
    expect(body.topSearches).toEqual([]);
  });

  it('refuses a bad period or filter with 400 and says what is wrong', async () => {
    const cases: [string, string, RegExp][] = [
      ['?from=2026-02-30', 'from', /exists/],
      ['?from=2026-13-01&to=2026-12-31', 'from', /exists/],
      ['?from=yesterday', 'from', /pattern|YYYY/],
      ['?from=2026-03-10&to=2026-03-01', 'from', /after it ends/],
      ['?from=2024-01-01&to=2026-01-01', 'from', /at most 366 days/],
      ['?locale=fr', 'locale', /es, en/],
      ['?days=7', 'days', /not allowed/],
    ];
    for (const [query, field, message] of cases) {
      const res = await insights(query);
      expect(res.status, query).toBe(400);
      const { error } = await json(res);
      expect(error.code, query).toBe('ATIENDE_ERR_BAD_REQUEST');
      expect(error.field, query).toBe(field);
      expect(error.message, query).toMatch(message);
    }
  });
});

describe('GET /api/console/insights/export.csv', () => {
  it('needs a staff session', async () => {
    expect((await fetch(`${base}/api/console/insights/export.csv`)).status).toBe(401);
  });

  it('downloads the period as CSV with English headers by default and Spanish for es', async () => {
    const res = await fetch(`${base}/api/console/insights/export.csv?from=${today}&to=${today}`, { headers: { cookie: cookies.agent } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="atiende-insights-${today}-${today}.csv"`);
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('section,day,locale,query or article,title,searches,no result,opened,views,helpful,not helpful,conversations,self-service visits');
    expect(lines).toContain('top search,,es,horario,,3,0,1,,,,,');
    expect(lines).toContain('search with no result,,es,zzqx wompf,,1,1,0,,,,,');
    expect(lines).toContain(`day,${today},all,,,5,1,,2,,,1,3`);

    const es = await fetch(`${base}/api/console/insights/export.csv?from=${today}&to=${today}&locale=es`, { headers: { cookie: cookies.editor } });
    const esLines = (await es.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(esLines[0]).toMatch(/^sección,día,idioma,búsqueda o artículo,título,búsquedas,sin resultado/);
    expect(esLines.some((l) => l.startsWith('búsqueda sin resultado,,es,zzqx wompf'))).toBe(true);
    expect(esLines.some((l) => l.includes('rate a conversation'))).toBe(false);
  });

  it('quotes commas and quotes, and keeps what visitors typed from running as a formula', async () => {
    await search('=HYPERLINK("x"), sumar', 'es');
    const res = await fetch(`${base}/api/console/insights/export.csv?locale=es&lang=en`, { headers: { cookie: cookies.admin } });
    const text = await res.text();
    expect(text).toContain(`,es,"'=hyperlink(""x""), sumar",`);
    expect(text).not.toMatch(/,=hyperlink/);
  });

  it('refuses a bad period with 400', async () => {
    const res = await fetch(`${base}/api/console/insights/export.csv?to=2026-04-31`, { headers: { cookie: cookies.admin } });
    expect(res.status).toBe(400);
    expect((await json(res)).error.field).toBe('to');
  });
});
