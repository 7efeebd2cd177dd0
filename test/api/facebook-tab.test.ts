// /facebook/tab over real HTTP: a verified signed_request renders the widget full-page with a channel
// ticket; anything else renders a page with no widget; only this page may be framed, and only by
// Facebook's origins; consent and conversations from the tab are recorded as channel facebook.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueChannelTicket } from '../../server/facebook/channel-ticket.ts';
import { signRequest } from '../../server/facebook/signed-request.ts';
import { json } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const SECRET = 'f00dfacef00dfacef00dfacef00dface';
const PAGE = '1234567890';
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
const logs: Array<{ msg?: string; reason?: string }> = [];

const signed = (extra: object = {}) =>
  signRequest({ algorithm: 'HMAC-SHA256', issued_at: Math.floor(Date.now() / 1000), page: { id: PAGE }, user: { locale: 'es_LA' }, ...extra }, SECRET);
const post = (body: string) =>
  fetch(`${base}/facebook/tab`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
const sql = <T>(query: string, ...params: unknown[]): T[] => {
  const db = new Database(join(server.dataDir, 'atiende.sqlite'), { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  const stream = { write: (line: string) => logs.push(JSON.parse(line)) };
  server = await startServer({
    facebookAppSecret: SECRET, facebookPageIds: [PAGE], facebookMaxAgeSeconds: 600,
    facebookFrameAncestors: ['https://www.facebook.com', 'https://web.facebook.com', 'https://m.facebook.com'],
    allowedOrigins: ['https://shop.example.com'],
    logger: { level: 'warn', stream },
  });
  base = server.url;
});
afterAll(() => server.close());

describe('/facebook/tab', () => {
  it('renders the widget full-page in the viewer\'s language, with a channel ticket, framable by Facebook only', async () => {
    const res = await post(`signed_request=${encodeURIComponent(signed())}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain('frame-ancestors https://www.facebook.com https://web.facebook.com https://m.facebook.com');
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await res.text();
    expect(page).toMatch(/<html lang="es">/);
    expect(page).toMatch(/<atiende-widget open position="inline" locale="es" channel-ticket="facebook\.1234567890\.\d+\.[\w-]{43}">/);
    expect(page).toContain('/widget.js');
  });

  it('maps en_GB and en_US to English', async () => {
    for (const locale of ['en_GB', 'en_US']) {
      const page = await (await post(`signed_request=${encodeURIComponent(signed({ user: { locale } }))}`)).text();
      expect(page).toContain('locale="en"');
    }
  });

  it('refuses a bad, stale, foreign or missing request with a 200 page that loads no widget, and logs why', async () => {
    const cases: Array<[string, string]> = [
      [`signed_request=${encodeURIComponent(signRequest({ algorithm: 'HMAC-SHA256', issued_at: Math.floor(Date.now() / 1000), page: { id: PAGE } }, 'wrong-secret-wrong-secret-wrong-00'))}`, 'signature does not match'],
      [`signed_request=${encodeURIComponent(signed({ issued_at: Math.floor(Date.now() / 1000) - 3600 }))}`, 'old'],
      [`signed_request=${encodeURIComponent(signed({ page: { id: '42' } }))}`, 'not in FACEBOOK_PAGE_IDS'],
      [`signed_request=${encodeURIComponent(signed({ algorithm: 'HMAC-SHA1' }))}`, 'algorithm'],
      ['', 'no signed_request'],
    ];
    for (const [body, reason] of cases) {
      logs.length = 0;
      const res = await post(body);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).not.toContain('atiende-widget');
      expect(page).not.toContain('widget.js');
      expect(page).toMatch(/Facebook/);
      expect(res.headers.get('content-security-policy')).toContain('frame-ancestors https://www.facebook.com');
      expect(logs.some((l) => l.msg === 'facebook tab refused' && l.reason?.includes(reason))).toBe(true);
    }
    const get = await fetch(`${base}/facebook/tab`);
    expect(get.status).toBe(200);
    expect(await get.text()).not.toContain('atiende-widget');
  });

  it('keeps every other page out of Facebook\'s frames', async () => {
    for (const path of ['/', '/help', '/api/health']) {
      const res = await fetch(`${base}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain('frame-ancestors https://shop.example.com');
      expect(csp).not.toContain('facebook.com');
    }
    const consolePage = await fetch(`${base}/console`);
    expect(consolePage.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('channel facebook', () => {
  const consentBody = async (extra: object) => {
    const cfg = await json(await fetch(`${base}/api/chat/config?locale=es`));
    return JSON.stringify({ locale: 'es', channel: 'facebook', pageUrl: `${base}/facebook/tab`, purpose: 'support_chat', consentVersion: cfg.consent.version, consentHash: cfg.consent.hash, ...extra });
  };
  const consent = async (extra: object) =>
    fetch(`${base}/api/chat/consent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: await consentBody(extra) });

  it('is recorded in consent and conversations with the ticket from the tab', async () => {
    const page = await (await post(`signed_request=${encodeURIComponent(signed())}`)).text();
    const channelTicket = /channel-ticket="([^"]+)"/.exec(page)![1]!;
    const res = await consent({ channelTicket });
    expect(res.status).toBe(201);
    const { visitorId, visitorToken } = await json(res);
    const [record] = sql<{ channel: string }>('SELECT channel FROM consent_records WHERE visitor_id = ?', visitorId);
    expect(record!.channel).toBe('facebook');
    const start = await fetch(`${base}/api/chat/conversations`, {
      method: 'POST', headers: { authorization: `Bearer ${visitorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'es', channel: 'facebook', channelTicket, context: { searches: [], articles: [], pageUrl: `${base}/facebook/tab` } }),
    });
    expect(start.status).toBe(200);
    expect((await json(start)).conversation.channel).toBe('facebook');
  });

  it('is refused without a ticket, with a forged one, or one for another Page, and nothing is stored', async () => {
    const before = sql<{ n: number }>('SELECT count(*) AS n FROM consent_records')[0]!.n;
    const forged = issueChannelTicket(PAGE, 'another-secret-another-secret-0000');
    for (const extra of [{}, { channelTicket: forged }, { channelTicket: issueChannelTicket('42', SECRET) }, { channelTicket: issueChannelTicket(PAGE, SECRET, Date.now() - 13 * 3600_000) }]) {
      const res = await consent(extra);
      expect(res.status).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: 'ATIENDE_ERR_BAD_REQUEST', field: 'channelTicket' });
    }
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM consent_records')[0]!.n).toBe(before);
  });
});
