// The Figures section in real Chromium: an admin sees the seeded conversations' first response, CSAT and
// automatic answers, overall, by team and by agent, in Spanish and English, with no axe or CSP violation;
// a bad period shows the server's message.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, cspViolations, launchBrowser, openConsole } from '../helpers/browser.ts';
import { signIn } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;
let session: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password }), launchBrowser()]);
  session = await signIn(server.url, ADMIN.email, ADMIN.password);
  const sqlite = server.app.db.$client;
  const adminId = (sqlite.prepare('SELECT id FROM agents').get() as { id: string }).id;
  sqlite.prepare(`INSERT INTO teams (id, name) VALUES ('ventas', 'Ventas')`).run();
  const t0 = Date.now() - 2 * 86_400_000;
  const visitor = sqlite.prepare(`INSERT INTO visitors (id, token_hash, locale) VALUES (?, ?, 'es')`);
  const conversation = sqlite.prepare(`INSERT INTO conversations (id, visitor_id, status, channel, locale, created_at, updated_at, closed_at,
    team_id, assignee_id, first_response_at, first_responder_id, resolution, rating) VALUES (?, ?, 'closed', 'web', 'es', ?, ?, ?, 'ventas', ?, ?, ?, 'agent', ?)`);
  [[120, 5], [240, 4], [360, 1]].forEach(([frt, rating], i) => {
    visitor.run(`v${i}`, `h${i}`);
    conversation.run(`c${i}`, `v${i}`, t0, t0, t0 + 3_600_000, adminId, t0 + frt! * 1000, adminId, rating);
  });
  sqlite.prepare(`INSERT INTO auto_answers (conversation_id, seq, slug, locale, confidence, outcome) VALUES ('c0', 2, 'a', 'es', 0.7, 'accepted')`).run();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('figures in the console', () => {
  it('shows first response, CSAT and automatic answers by team and agent', async () => {
    const page: Page = await openConsole(browser, server.url, session, '#figures');
    context = page.context();
    const overall = page.locator('table[data-table="overall"] tbody tr');
    await overall.waitFor();
    expect(await overall.locator('[data-first-response]').textContent()).toMatch(/^4 min\s*p90 6 min$/);
    expect((await overall.locator('[data-csat]').textContent())!.replace(/\s+/g, ' ').trim()).toBe('3,33 3 valoraciones');
    expect(await overall.locator('td').last().textContent()).toBe('1 de 1 aceptadas');
    expect(await page.locator('table[data-table="teams"] tbody tr').first().getAttribute('data-row')).toBe('Ventas');
    expect(await page.locator('table[data-table="agents"] tbody tr').first().getAttribute('data-row')).toBe('Admin');
    expect(await page.getByRole('img', { name: 'Valoraciones de 1 a 5: 1, 0, 0, 1, 1' }).count()).toBe(2 + 1);
    expect(await axeViolations(page, 'atiende-console')).toEqual([]);

    // A period longer than 366 days: the server's message, shown.
    await page.getByLabel('Desde').fill('2020-01-01');
    await page.getByRole('button', { name: 'Ver' }).click();
    await page.getByRole('alert').getByText(/at most 366 days/).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Response and satisfaction' }).waitFor();
    expect(await cspViolations(page)).toEqual([]);
  });
});
