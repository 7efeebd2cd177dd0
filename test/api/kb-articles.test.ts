// Articles, suggestions, views, votes, and the HTTP guards around them, through the real app.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/server.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
beforeAll(async () => {
  app = await buildTestApp({ allowedOrigins: ['https://shop.example.com'] });
});
afterAll(() => app.close());

const count = (table: string) => {
  const db = new Database(join(app.dataDir, 'atiende.sqlite'), { readonly: true });
  const n = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  db.close();
  return n;
};

describe('GET /api/kb/article', () => {
  it('answers the sanitized article with its translations', async () => {
    const res = await app.inject('/api/kb/article?slug=chat-and-agents/contact-a-person&locale=es');
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.title).toBe('Cómo contactar con una persona');
    expect(a.html).toMatch(/<h2>/);
    expect(a.translations).toEqual([
      { locale: 'es', title: 'Cómo contactar con una persona' },
      { locale: 'en', title: 'How to contact a person' },
    ]);
  });

  it('answers 404 with a JSON error for an unknown article and 400 for a malformed slug', async () => {
    const missing = await app.inject('/api/kb/article?slug=nope/none&locale=en');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ATIENDE_ERR_NOT_FOUND');
    const bad = await app.inject('/api/kb/article?slug=../../etc/passwd&locale=en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('slug');
  });
});

describe('GET /api/kb/suggestions', () => {
  it('suggests the articles whose paths match the host page', async () => {
    const res = (await app.inject('/api/kb/suggestions?locale=en&path=/pricing')).json();
    expect(res.reason).toBe('path');
    expect(res.results.length).toBeGreaterThan(0);
  });

  it('falls back to the most viewed articles', async () => {
    const slug = 'privacy-and-data/security';
    for (let i = 0; i < 3; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/kb/views', payload: { slug, locale: 'en' } });
      expect(r.statusCode).toBe(204);
    }
    const res = (await app.inject('/api/kb/suggestions?locale=en&path=/no/such/page&limit=3')).json();
    expect(res.reason).toBe('popular');
    expect(res.results[0].slug).toBe(slug);
    expect(res.results).toHaveLength(3);
  });
});

describe('POST /api/kb/votes and /api/kb/views', () => {
  it('stores a helpful vote', async () => {
    const before = count('article_votes');
    const res = await app.inject({ method: 'POST', url: '/api/kb/votes', payload: { slug: 'chat-and-agents/how-chat-works', locale: 'es', helpful: false } });
    expect(res.statusCode).toBe(201);
    expect(count('article_votes')).toBe(before + 1);
  });

  it('refuses bad votes with 4xx and stores nothing', async () => {
    const before = count('article_votes');
    const bad = [
      { slug: 'chat-and-agents/how-chat-works', locale: 'es' },
      { slug: 'chat-and-agents/how-chat-works', locale: 'es', helpful: 'maybe' },
      { slug: 'chat-and-agents/how-chat-works', locale: 'es', helpful: true, visitor: 'x' },
      { slug: 'nope', locale: 'es', helpful: true },
    ];
    for (const payload of bad) {
      const res = await app.inject({ method: 'POST', url: '/api/kb/votes', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toBeTruthy();
    }
    const junk = await app.inject({ method: 'POST', url: '/api/kb/votes', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(junk.statusCode).toBe(400);
    expect(count('article_votes')).toBe(before);
  });
});

describe('HTTP guards', () => {
  it('allows the API to origins in ALLOWED_ORIGINS only', async () => {
    const ok = await app.inject({ url: '/api/kb/search?q=chat&locale=en', headers: { origin: 'https://shop.example.com' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    const no = await app.inject({ url: '/api/kb/search?q=chat&locale=en', headers: { origin: 'https://evil.example' } });
    expect(no.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends security headers with a strict CSP', async () => {
    const res = await app.inject('/api/health');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors https:\/\/shop.example.com/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await app.inject('/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ATIENDE_ERR_NOT_FOUND');
  });
});

describe('search rate limit', () => {
  it('limits searches per client per minute with a JSON 429, and 0 turns it off', async () => {
    const limited = await buildTestApp({ searchRateLimit: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.inject('/api/kb/search?q=chat&locale=en')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const res = await limited.inject('/api/kb/search?q=chat&locale=en');
      expect(res.json().error.code).toBe('ATIENDE_ERR_RATE_LIMITED');
    } finally {
      await limited.close();
    }
    for (let i = 0; i < 10; i++) expect((await app.inject('/api/kb/search?q=chat&locale=en')).statusCode).toBe(200);
  });
});

describe('vote rate limit', () => {
  it('refuses a client that votes more than 30 times a minute, keeping what was stored', async () => {
    const fresh = await buildTestApp();
    try {
      const payload = { slug: 'chat-and-agents/how-chat-works', locale: 'en', helpful: true };
      const codes: number[] = [];
      for (let i = 0; i < 31; i++) codes.push((await fresh.inject({ method: 'POST', url: '/api/kb/votes', payload })).statusCode);
      expect(codes.slice(0, 30).every((c) => c === 201)).toBe(true);
      expect(codes[30]).toBe(429);
      const db = new Database(join(fresh.dataDir, 'atiende.sqlite'), { readonly: true });
      expect((db.prepare('SELECT count(*) AS n FROM article_votes').get() as { n: number }).n).toBe(30);
      db.close();
    } finally {
      await fresh.close();
    }
  });
});
