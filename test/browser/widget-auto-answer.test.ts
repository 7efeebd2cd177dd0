// Auto-answer in <atiende-widget>, in real Chromium against the real server: with auto-answer on, a visitor's
// question that an article answers gets an automatic message (labelled as such, with the article's link)
// and "Yes, this solved it" / "No, talk to a person"; yes ends in "Solved" and closes the conversation as
// an auto-answer, no hands it to a person and the buttons go, also after a reload.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cspViolations, launchBrowser, newContext } from '../helpers/browser.ts';
import { signIn } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { adminEmail: 'admin@example.com', adminPassword: 'correct horse battery' };
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ searchRateLimit: 0, ...ADMIN }), launchBrowser()]);
  const cookie = await signIn(server.url, ADMIN.adminEmail, ADMIN.adminPassword);
  const res = await fetch(`${server.url}/api/console/auto-answer`, {
    method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify({ enabled: true, threshold: 0.55 }),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await newContext(browser);
  page = await context.newPage();
});
afterEach(async () => {
  for (const p of context.pages()) expect(await cspViolations(p)).toEqual([]);
  await context.close();
});

const panel = () => page.getByRole('dialog');
const log = () => panel().getByRole('log');

function conversation(): { status: string; resolution: string | null; outcome: string | null } {
  const db = new Database(join(server.dataDir, 'atiende.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT c.status, c.resolution, a.outcome FROM conversations c JOIN auto_answers a ON a.conversation_id = c.id
      ORDER BY c.created_at DESC LIMIT 1`).get() as never;
  } finally {
    db.close();
  }
}

async function ask(problem: string): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'Ayuda', exact: true }).click();
  await page.getByRole('combobox').waitFor();
  await panel().getByRole('button', { name: 'Escribe al equipo' }).click();
  await panel().getByRole('textbox', { name: 'Tu mensaje' }).fill(problem);
  await panel().getByRole('button', { name: /hablar con una persona/i }).click();
  await panel().getByRole('heading', { name: 'Antes de empezar' }).waitFor();
  await panel().getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
  await log().getByText(problem).waitFor();
}

const automatic = () => log().locator('[part~="message"]', { hasText: 'Respuesta automática' });

describe('automatic answers in the widget', () => {
  it('accepted: the article answers, "Yes, this solved it" ends the conversation as solved', async () => {
    await ask('¿Cómo valoro una conversación con el equipo?');
    await automatic().waitFor();
    expect(await automatic().locator('.author').textContent()).toBe('Mensaje automático');
    const link = automatic().getByRole('link');
    expect(await link.getAttribute('href')).toMatch(/\/help#\/article\/es\/chat-and-agents\/rate-a-conversation$/);
    await automatic().getByRole('button', { name: 'Sí, esto lo resolvió' }).click();
    await panel().getByRole('heading', { name: 'Resuelto' }).waitFor();
    await expect.poll(() => conversation()).toEqual({ status: 'closed', resolution: 'auto_answer', outcome: 'accepted' });
  });

  it('rejected: "No, talk to a person" keeps the conversation open for the team, and the offer is gone after a reload', async () => {
    await ask('Quiero valorar la conversación');
    await automatic().waitFor();
    await automatic().getByRole('button', { name: 'No, hablar con una persona' }).click();
    await log().getByText('De acuerdo: una persona del equipo te responderá aquí.').waitFor();
    await expect.poll(() => automatic().getByRole('button').count()).toBe(0);
    expect(conversation()).toEqual({ status: 'open', resolution: null, outcome: 'rejected' });
    await page.reload();
    await page.getByRole('button', { name: 'Ayuda', exact: true }).click();
    await panel().getByRole('region', { name: 'Tus conversaciones' }).getByRole('button').first().click();
    await automatic().waitFor();
    expect(await automatic().getByRole('button').count()).toBe(0);
    await panel().getByRole('textbox', { name: 'Escribe un mensaje' }).waitFor();
  });
});
