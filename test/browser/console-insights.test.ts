// The insights page in real Chromium against the real server: a visitor types searches into the widget
// on the demo page, letter by letter; an editor opens /console#insights and sees the settled query (not
// its prefixes), the content gap with its "Write an article" link, the charts with their values drawn,
// the CSV link, the locale filter and a custom period; no axe violation and no CSP violation.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createAgent } from '../../server/auth/staff.ts';
import { axeViolations, cspViolations, launchBrowser, newContext, recordedEvents } from '../helpers/browser.ts';
import { signIn } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const EDITOR = { email: 'editora@example.com', password: 'a long enough editor password' };
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let session: string;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ searchRateLimit: 0 }), launchBrowser()]);
  await createAgent(server.app.db, { ...EDITOR, name: 'Editora', role: 'editor' });
  session = await signIn(server.url, EDITOR.email, EDITOR.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  for (const page of pages.splice(0)) if (!page.isClosed()) expect(await cspViolations(page)).toEqual([]);
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function newPage(): Promise<Page> {
  const context = await newContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  pages.push(page);
  return page;
}

/** A visitor on the demo page types `text` into the widget like a person and waits for its results. */
async function visitorSearches(page: Page, text: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Buscar en el centro de ayuda' });
  await box.fill('');
  await box.pressSequentially(text, { delay: 40 });
  await expect
    .poll(async () => (await recordedEvents(page)).some((e) => e.type === 'atiende-search' && e.detail.query === text))
    .toBe(true);
}

async function openInsights(): Promise<Page> {
  const page = await newPage();
  const [name, value] = session.split(/=(.*)/s);
  await page.context().addCookies([{ name: name!, value: value!, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
  await page.goto(`${server.url}/console#insights`);
  await page.getByRole('heading', { name: 'Estadísticas', level: 2 }).waitFor();
  await page.getByRole('table', { name: 'Búsquedas más frecuentes' }).or(page.getByText('Nada en este periodo.').first()).first().waitFor();
  return page;
}

const table = (page: Page, name: string) => page.getByRole('table', { name, exact: true });
const rowTexts = async (page: Page, name: string) =>
  (await table(page, name).locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());

describe('the insights page', () => {
  it('shows what a visitor searched for on the demo page, and what found nothing', async () => {
    const visitor = await newPage();
    await visitor.goto(`${server.url}/`);
    await visitor.getByRole('button', { name: 'Ayuda', exact: true }).click();
    await visitorSearches(visitor, 'horario de atencion');
    await visitorSearches(visitor, 'qwzx plof');

    const page = await openInsights();
    expect(await page.getByRole('link', { name: 'Estadísticas' }).getAttribute('aria-current')).toBe('page');
    const top = await rowTexts(page, 'Búsquedas más frecuentes');
    expect(top).toContain('horario de atencion es 1 0');
    // The prefixes typed on the way ("h", "ho", "hor"…) were never counted.
    expect(top.filter((r) => r.startsWith('horario de atencion'))).toHaveLength(1);
    expect(top.some((r) => /^(h|ho|hor|horario) es/.test(r))).toBe(false);
    expect(await rowTexts(page, 'Búsquedas sin resultado')).toEqual(['qwzx plof es 1 Escribir un artículo']);
    const write = page.getByRole('link', { name: 'Escribir un artículo sobre «qwzx plof»' });
    expect(await write.getAttribute('href')).toBe('/console#articles/new?locale=es&title=qwzx%20plof');
    // Results, but the visitor opened none: a content gap too.
    expect(await rowTexts(page, 'Búsquedas con resultados en las que no se abrió ningún artículo')).toEqual(['horario de atencion es 1 Escribir un artículo']);

    // Summary and charts carry their numbers in text, no hovering needed.
    expect(await page.locator('.summary').innerText()).toMatch(/Búsquedas\s+2/);
    const searchesChart = page.getByRole('img', { name: /^Búsquedas por semana/ });
    expect(await searchesChart.locator('text').allTextContents()).toContain('2');
    expect((await page.getByRole('img', { name: /^Tasa de autoservicio/ }).locator('text').allTextContents()).some((s) => /^100\s%$/.test(s))).toBe(true);

    const csv = page.getByRole('link', { name: 'Descargar CSV' });
    expect(await csv.getAttribute('href')).toMatch(/^\/api\/console\/insights\/export\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&lang=es$/);
    const download = await page.request.get(`${server.url}${await csv.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain('búsqueda sin resultado,,es,qwzx plof');

    expect(await axeViolations(page, 'atiende-console')).toEqual([]);
  });

  it('filters by content language and by a custom period, and refuses a reversed one', async () => {
    const page = await openInsights();
    await page.getByRole('combobox', { name: 'Idioma del contenido' }).selectOption('en');
    await expect.poll(() => table(page, 'Búsquedas más frecuentes').count()).toBe(0);
    expect(await page.locator('.page > p.muted').innerText()).toMatch(/Inglés/);

    await page.getByRole('combobox', { name: 'Idioma del contenido' }).selectOption('');
    await page.getByRole('button', { name: 'Personalizado' }).click();
    await page.getByLabel('Desde').fill('2026-03-10');
    await page.getByLabel('Hasta').fill('2026-03-01');
    await page.getByRole('button', { name: 'Mostrar' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/fecha de inicio/);

    await page.getByLabel('Desde').fill('2020-01-01');
    await page.getByLabel('Hasta').fill('2020-01-05');
    await page.getByRole('button', { name: 'Mostrar' }).click();
    await expect.poll(() => page.locator('.page > p.muted').innerText()).toMatch(/2020/);
    // Five days: one bar per day, each with its date and value.
    expect(await page.getByRole('img', { name: /^Búsquedas por día/ }).locator('rect').count()).toBe(0);
    expect(await page.getByRole('img', { name: /^Búsquedas por día/ }).locator('text').allTextContents()).toHaveLength(10);
    expect(await axeViolations(page, 'atiende-console')).toEqual([]);

    // The interface language switches the page's strings.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Insights', level: 2 }).waitFor();
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toMatch(/lang=en$/);
  });
});
