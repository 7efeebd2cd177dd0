// The full-page help centre (/help): the same <atiende-widget>, inline, opened by links shared
// anywhere: ?q= searches, #/article/<locale>/<slug> (or ?article=) opens an article.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { axeViolations, cspViolations, focusedElement, launchBrowser, newContext } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

const SLUG = 'getting-started/switch-language';
const TITLE = { es: 'Cómo cambiar el idioma entre español e inglés', en: 'How to switch between Spanish and English' };

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ searchRateLimit: 0 }), launchBrowser()]);
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
  expect(await cspViolations(page)).toEqual([]);
  await context.close();
});

const region = (name = 'Centro de ayuda') => page.getByRole('region', { name });
const articleTitle = () => page.locator('atiende-widget [part~="article"] h3');

describe('the help page', () => {
  it('shows the help centre in the page, with suggestions and no launcher, and passes axe as a whole page', async () => {
    await page.goto(`${server.url}/help`);
    await region().getByRole('listbox', { name: 'Artículos sugeridos' }).getByRole('option').first().waitFor();
    expect(await page.getByRole('button', { name: 'Ayuda', exact: true }).count()).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);
    // A page that just loaded does not move focus on its own.
    expect(await focusedElement(page)).toBe('body');
    // Escape does not hide a full-page help centre.
    await region().getByRole('combobox').focus();
    await page.keyboard.press('Escape');
    expect(await region().isVisible()).toBe(true);
    expect(await axeViolations(page, 'html')).toEqual([]);
  });

  it('?q= searches, and the address follows what the visitor types', async () => {
    await page.goto(`${server.url}/help?q=ingles`);
    const box = region().getByRole('combobox', { name: 'Buscar en el centro de ayuda' });
    await expect.poll(() => region().getByRole('option').first().locator('.result-title').textContent()).toBe(TITLE.es);
    expect(await box.inputValue()).toBe('ingles');
    expect(await region().getByRole('option').first().locator('mark').count()).toBeGreaterThan(0);

    await box.fill('teclado');
    await expect.poll(() => new URL(page.url()).search).toBe('?q=teclado&locale=es');
    expect(await axeViolations(page, 'html')).toEqual([]);
  });

  it('#/article/<locale>/<slug> opens the article in that language, and opening another article updates the address', async () => {
    await page.goto(`${server.url}/help#/article/en/${SLUG}`);
    await expect.poll(() => articleTitle().textContent()).toBe(TITLE.en);
    expect(await region('Help center').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await axeViolations(page, 'html')).toEqual([]);

    await region('Help center').getByRole('button', { name: 'Back' }).click();
    await region('Help center').getByRole('combobox').fill('keyboard');
    await region('Help center').getByRole('option').first().click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/article/en/search-and-articles/keyboard-navigation');
  });

  it('?article=<slug> opens the article, and a missing article says so', async () => {
    await page.goto(`${server.url}/help?article=${SLUG}&locale=es`);
    await expect.poll(() => articleTitle().textContent()).toBe(TITLE.es);

    await page.goto(`${server.url}/help#/article/es/no/such-article`);
    await region().getByText('Este artículo no existe o ya no está disponible.').waitFor();
  });
});
