// <atiende-widget> on the demo shop page (/), in real Chromium against the real server: a visitor
// opens the launcher, searches, reads an article, votes, switches language and closes it again.
// The demo page has hostile global CSS and a strict CSP; both must leave the widget untouched.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  axeViolations,
  cspViolations,
  focusedElement,
  launchBrowser,
  newContext,
  recordedEvents,
} from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

const SWITCH_LANGUAGE = {
  slug: 'getting-started/switch-language',
  es: 'Cómo cambiar el idioma entre español e inglés',
  en: 'How to switch between Spanish and English',
};

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every request the page made, as `METHOD /path?query`. */
let requests: string[];

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
  requests = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    requests.push(`${request.method()} ${url.pathname}${url.search}`);
  });
});

afterEach(async () => {
  // The widget runs under the page's CSP (script-src 'self'; style-src 'self') without a violation.
  expect(await cspViolations(page)).toEqual([]);
  await context.close();
});

const widget = () => page.locator('atiende-widget');
const launcher = () => page.getByRole('button', { name: 'Ayuda', exact: true });
const panel = () => page.getByRole('dialog');
const searchBox = () => page.getByRole('combobox', { name: 'Buscar en el centro de ayuda' });
const options = () => panel().getByRole('option');
const status = () => panel().locator('[part~="message"][role="status"]').first();
const apiCalls = () => requests.filter((r) => r.includes(' /api/'));

async function openDemo(): Promise<void> {
  await page.goto(`${server.url}/`);
  await launcher().click();
  await searchBox().waitFor();
}

/** Types like a person and waits until the results for the whole text are on screen. */
async function searchFor(text: string, p: Page = page): Promise<void> {
  await p.getByRole('combobox').pressSequentially(text, { delay: 25 });
  await expect
    .poll(async () => (await recordedEvents(p)).some((e) => e.type === 'atiende-search' && e.detail.query === text))
    .toBe(true);
}

function votes(slug: string): Array<{ locale: string; helpful: number }> {
  const db = new Database(join(server.dataDir, 'atiende.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT locale, helpful FROM article_votes WHERE slug = ? ORDER BY id').all(slug) as Array<{
      locale: string;
      helpful: number;
    }>;
  } finally {
    db.close();
  }
}

describe('before the visitor acts', () => {
  it('shows only the launcher, calls no API and writes no cookie or storage', async () => {
    await page.goto(`${server.url}/`);
    await launcher().waitFor();
    await page.waitForTimeout(300);

    expect(requests).toContain('GET /widget.js');
    expect(apiCalls()).toEqual([]);
    // The panel's code is not loaded until the first open.
    expect(requests.filter((r) => r.includes('/chunks/panel-'))).toEqual([]);
    expect(await panel().count()).toBe(0);
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');

    // Using the widget still stores nothing: reading and voting are anonymous.
    await launcher().click();
    await searchFor('ingles');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await panel().getByRole('button', { name: 'Sí', exact: true }).click();
    await panel().getByText('¡Gracias por tu opinión!').waitFor();
    const storage = await page.evaluate(() => ({
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
    }));
    expect(storage).toEqual({ cookie: '', local: 0, session: 0 });
    expect(await context.cookies()).toEqual([]);
    // Nor is the chat's code loaded before the visitor asks for a person.
    expect(requests.filter((r) => r.includes('/chunks/chat-'))).toEqual([]);
  });
});

describe('opening and closing', () => {
  it('moves focus into the search box, suggests articles for the page, and Escape returns focus to the launcher', async () => {
    await openDemo();

    expect(await focusedElement(page)).toBe('input#q[search-input]');
    expect(await page.getByRole('dialog', { name: 'Centro de ayuda' }).count()).toBe(1);
    expect(await widget().getAttribute('open')).toBe('');
    expect(await launcher().getAttribute('aria-expanded')).toBe('true');
    // The empty search box shows the articles suggested for this page's path.
    await panel().getByRole('listbox', { name: 'Artículos sugeridos' }).waitFor();
    expect(await options().count()).toBeGreaterThan(0);
    expect(apiCalls()).toContain('GET /api/kb/suggestions?locale=es&path=%2F&limit=5');

    await page.keyboard.press('Escape');
    await panel().waitFor({ state: 'hidden' });
    expect(await widget().getAttribute('open')).toBeNull();
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
    expect(await focusedElement(page)).toBe('button[launcher]');
    expect((await recordedEvents(page)).map((e) => e.type)).toEqual(['atiende-open', 'atiende-close']);
  });

  it('returns focus to the element that opened it through the open() method', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('#site-search').focus();
    await page.evaluate(() => document.querySelector('atiende-widget')!.open());
    expect(await focusedElement(page)).toBe('input#q[search-input]');
    await panel().getByRole('button', { name: 'Cerrar ayuda' }).click();
    await panel().waitFor({ state: 'hidden' });
    expect(await focusedElement(page)).toBe('input#site-search');
  });
});

describe('searching', () => {
  it('finds a Spanish article typed without accents, marks the matched words and announces the count', async () => {
    await openDemo();
    await searchFor('ingles');

    const first = options().first();
    expect(await first.locator('.result-title').textContent()).toBe(SWITCH_LANGUAGE.es);
    expect(await first.locator('.result-title mark').allTextContents()).toContain('inglés');
    const count = await options().count();
    expect(await status().textContent()).toBe(`${count} resultados`);
    expect(await status().getAttribute('role')).toBe('status');
    const event = (await recordedEvents(page)).filter((e) => e.type === 'atiende-search').at(-1);
    expect(event?.detail).toEqual({ query: 'ingles', locale: 'es', resultCount: count });
  });

  it('waits for a pause in typing: six quick keystrokes make one search', async () => {
    await openDemo();
    // Keystrokes 30 ms apart, timed inside the page so a busy test machine cannot space them out.
    await page.evaluate(async (text) => {
      const panel = document.querySelector('atiende-widget')!.shadowRoot!.querySelector('atiende-panel')!;
      const input = panel.shadowRoot!.querySelector('input')!;
      for (let i = 1; i <= text.length; i++) {
        input.value = text.slice(0, i);
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }, 'ingles');
    await expect.poll(() => options().first().locator('.result-title').textContent()).toBe(SWITCH_LANGUAGE.es);
    // One search, carrying the page load's visit id (random, in memory only) for insights.
    expect(apiCalls().filter((r) => r.startsWith('GET /api/kb/search'))).toEqual([
      expect.stringMatching(/^GET \/api\/kb\/search\?q=ingles&locale=es&limit=8&visit=[0-9a-f]{32}$/),
    ]);
  });

  it('renders snippet text as text, never as markup', async () => {
    const title = '<img src=x onerror=alert(1)> título';
    const snippet = '<b>negrita</b> y más';
    const at = (text: string, word: string) => [text.indexOf(word), text.indexOf(word) + word.length];
    await page.route('**/api/kb/search?*', (route) =>
      route.fulfill({
        json: {
          query: 'x',
          locale: 'es',
          results: [
            {
              slug: 'a/b', locale: 'es', title, titleHighlights: [at(title, 'título')],
              summary: '', category: 'a', snippet, highlights: [at(snippet, 'negrita')], score: 1,
            },
          ],
        },
      }),
    );
    await openDemo();
    await searchFor('x');
    const first = options().first();
    expect(await first.locator('.result-title').textContent()).toBe(title);
    expect(await first.locator('.result-text').textContent()).toBe(snippet);
    expect(await first.locator('img, b').count()).toBe(0);
    expect(await first.locator('mark').allTextContents()).toEqual(['título', 'negrita']);
  });

  it('shows results in the order typed even when an older request answers last', async () => {
    await page.route('**/api/kb/search?*', async (route) => {
      const q = new URL(route.request().url()).searchParams.get('q');
      if (q === 'tecla') await new Promise((r) => setTimeout(r, 700)); // the stale query answers late
      await route.continue().catch(() => {}); // the widget may have aborted it meanwhile
    });
    await openDemo();
    await searchBox().fill('tecla');
    await page.waitForTimeout(200); // the first search is on its way
    await searchBox().fill('ingles');
    await expect.poll(() => options().first().locator('.result-title').textContent()).toBe(SWITCH_LANGUAGE.es);
    await page.waitForTimeout(800);
    expect(await options().first().locator('.result-title').textContent()).toBe(SWITCH_LANGUAGE.es);
    expect(await searchBox().inputValue()).toBe('ingles');
  });

  it('says when nothing is found and offers to contact the team', async () => {
    await openDemo();
    await searchFor('xqzjwk');
    expect(await status().textContent()).toBe('Sin resultados');
    await panel().getByText('No encontramos nada para «xqzjwk»').waitFor();
    await panel().getByRole('button', { name: 'Contáctanos' }).click();

    // The chat's first step (test/browser/widget-chat.test.ts follows it to the end), loaded only now.
    await panel().getByRole('heading', { name: 'Describe tu problema' }).waitFor();
    const message = panel().getByRole('textbox', { name: 'Tu mensaje' });
    expect(await message.getAttribute('part')).toBe('chat-input');
    expect(requests.filter((r) => r.includes('/chunks/chat-'))).toHaveLength(1);
  });

  it('shows a visible message when the server cannot be reached or fails, in the visitor’s language', async () => {
    await page.route('**/api/kb/search?*', (route) => route.abort('internetdisconnected'));
    await openDemo();
    await searchBox().fill('pan');
    await expect.poll(() => status().textContent()).toBe(
      'No pudimos conectar con el centro de ayuda. Revisa tu conexión y vuelve a intentarlo.',
    );
    await page.unroute('**/api/kb/search?*');
    await page.route('**/api/kb/search?*', (route) =>
      route.fulfill({ status: 500, json: { error: { code: 'ATIENDE_ERR_INTERNAL', message: 'boom' } } }),
    );
    await panel().getByRole('button', { name: 'English' }).click();
    await expect.poll(() => status().textContent()).toBe('Something went wrong on our side. Please try again.');
    await page.unroute('**/api/kb/search?*');
    await panel().getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => status().textContent()).toMatch(/^\d+ results?$|^No results$/);
  });
});

describe('reading an article', () => {
  it('opens the active result with ArrowDown and Enter, stores a vote, and Back restores the list and focus', async () => {
    await openDemo();
    await searchFor('ingles');

    await page.keyboard.press('ArrowDown');
    expect(await searchBox().getAttribute('aria-activedescendant')).toBe('opt-0');
    expect(await options().first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');

    const article = panel().locator('[part~="article"]');
    await article.waitFor();
    expect(await article.getByRole('heading', { level: 3 }).textContent()).toBe(SWITCH_LANGUAGE.es);
    expect(await article.locator('.content p').count()).toBeGreaterThan(0);
    expect(await focusedElement(page)).toBe('h3#article-title');
    const opened = (await recordedEvents(page)).find((e) => e.type === 'atiende-article');
    expect(opened?.detail).toEqual({ slug: SWITCH_LANGUAGE.slug, locale: 'es' });
    await expect.poll(() => apiCalls()).toContain('POST /api/kb/views');

    const before = votes(SWITCH_LANGUAGE.slug);
    await panel().getByRole('group', { name: '¿Te ha sido útil este artículo?' }).getByRole('button', { name: 'Sí' }).click();
    await panel().getByText('¡Gracias por tu opinión!').waitFor();
    expect(votes(SWITCH_LANGUAGE.slug)).toEqual([...before, { locale: 'es', helpful: 1 }]);

    await panel().getByRole('button', { name: 'Atrás' }).click();
    await options().first().waitFor();
    expect(await focusedElement(page)).toBe('input#q[search-input]');
    expect(await searchBox().inputValue()).toBe('ingles');
    expect(await searchBox().getAttribute('aria-activedescendant')).toBe('opt-0');
  });

  it('"No" thanks the visitor and offers to contact the team', async () => {
    await openDemo();
    await searchFor('ingles');
    await options().first().click();
    await panel().locator('[part~="article"]').waitFor();
    await panel().getByRole('button', { name: 'No', exact: true }).click();
    await panel().getByText('Gracias por decírnoslo. ¿Te ayudamos de otra forma?').waitFor();
    await panel().getByRole('button', { name: 'Contáctanos' }).click();
    await panel().getByRole('textbox', { name: 'Tu mensaje' }).waitFor();
  });
});

describe('the public API', () => {
  it('search(q) opens the panel with results, and a link to another article opens it in the panel', async () => {
    await page.goto(`${server.url}/`);
    await page.evaluate(() => document.querySelector('atiende-widget')!.search('escribir'));
    expect(await widget().getAttribute('open')).toBe('');
    expect(await searchBox().inputValue()).toBe('escribir');
    await expect.poll(() => options().first().locator('.result-title').textContent()).toBe('Cómo escribir un artículo de ayuda');

    await options().first().click();
    const article = panel().locator('[part~="article"]');
    await article.getByRole('heading', { name: 'Cómo escribir un artículo de ayuda' }).waitFor();
    const link = article.getByRole('link', { name: 'Cómo traducir un artículo' });
    // Links leave the host page alone: absolute to the Atiende server, in a new tab if followed outside the panel.
    expect(await link.getAttribute('href')).toBe(`${server.url}/help#/article/es/for-editors/translate-an-article`);
    expect(await link.getAttribute('target')).toBe('_blank');
    await link.click();
    await article.getByRole('heading', { level: 3, name: 'Cómo traducir un artículo' }).waitFor();
    expect(page.url()).toBe(`${server.url}/`);
    expect(context.pages()).toHaveLength(1);
    const opened = (await recordedEvents(page)).filter((e) => e.type === 'atiende-article').map((e) => e.detail.slug);
    expect(opened).toEqual(['for-editors/write-an-article', 'for-editors/translate-an-article']);
  });

  it('Escape closes the panel from the launcher too, and the launcher toggles it', async () => {
    await openDemo();
    await launcher().focus();
    await page.keyboard.press('Escape');
    await panel().waitFor({ state: 'hidden' });
    await page.keyboard.press('Enter');
    await panel().waitFor();
    await launcher().click();
    await panel().waitFor({ state: 'hidden' });
    expect((await recordedEvents(page)).map((e) => e.type)).toEqual([
      'atiende-open', 'atiende-close', 'atiende-open', 'atiende-close',
    ]);
  });
});

describe('language', () => {
  it('the switch to English changes every string, the search locale, and the open article to its translation', async () => {
    await openDemo();
    await searchFor('ingles');
    await options().first().click();
    await panel().locator('[part~="article"]').waitFor();

    await panel().getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('dialog', { name: 'Help center' });
    await english.waitFor();
    await expect.poll(() => english.locator('[part~="article"] h3').textContent()).toBe(SWITCH_LANGUAGE.en);
    expect(await english.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await english.getByRole('button', { name: 'Close help' }).count()).toBe(1);
    expect(await english.getByRole('group', { name: 'Was this article helpful?' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Help', exact: true }).getAttribute('aria-expanded')).toBe('true');

    await english.getByRole('button', { name: 'Back' }).click();
    const box = english.getByRole('combobox', { name: 'Search the help center' });
    expect(await box.getAttribute('placeholder')).toBe('Search for answers');
    await box.fill('keyboard');
    await expect.poll(() => apiCalls().filter((r) => r.startsWith('GET /api/kb/search')).at(-1)).toMatch(
      /^GET \/api\/kb\/search\?q=keyboard&locale=en&limit=8&visit=[0-9a-f]{32}$/,
    );
    await expect.poll(() => english.getByRole('option').first().textContent()).toMatch(/keyboard/i);
    expect(await english.locator('[part~="message"][role="status"]').first().textContent()).toMatch(/^\d+ results?$/);
  });
});

describe('isolation from the host page', () => {
  /** Computed styles a visitor would notice, read from inside the shadow roots. */
  async function widgetLook(p: Page) {
    await p.getByRole('button', { name: 'Ayuda', exact: true }).click();
    await searchFor('ingles', p);
    return p.evaluate(() => {
      const host = document.querySelector('atiende-widget')!;
      const panel = host.shadowRoot!.querySelector('atiende-panel')!.shadowRoot!;
      const pick = (el: Element | null, ...props: string[]): Record<string, string | number> => {
        const style = getComputedStyle(el!);
        const rect = el!.getBoundingClientRect();
        return { ...Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])), width: rect.width, height: rect.height };
      };
      const text = ['font-size', 'font-family', 'font-style', 'font-weight', 'color', 'letter-spacing', 'text-transform', 'line-height', 'box-sizing'];
      return {
        launcher: pick(host.shadowRoot!.querySelector('[part=launcher]'), ...text, 'background-color', 'border-top-width'),
        panel: pick(panel.querySelector('[part=panel]'), ...text, 'background-color'),
        input: pick(panel.querySelector('[part=search-input]'), ...text, 'border-top-style', 'padding-left'),
        title: pick(panel.querySelector('.result-title'), ...text),
        mark: pick(panel.querySelector('mark'), ...text, 'background-color', 'padding-top'),
        icon: pick(panel.querySelector('.search svg'), 'fill'),
      };
    });
  }

  it('looks the same on the hostile demo page as on a blank page', async () => {
    await page.goto(`${server.url}/`);
    const hostile = await widgetLook(page);

    // A same-origin page with nothing but the embed snippet.
    await page.route(`${server.url}/blank-host`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="es"><head><title>blank</title><script type="module" src="/widget.js"></script></head><body><atiende-widget></atiende-widget></body></html>',
      }),
    );
    await page.goto(`${server.url}/blank-host`);
    const blank = await widgetLook(page);

    expect(hostile).toEqual(blank);
    expect(hostile.input['box-sizing']).toBe('border-box');
    expect(hostile.input['font-size']).toBe('15px');
    expect(hostile.launcher.height).toBe(52);
    expect(hostile.panel.width).toBe(390);
  });
});

describe('accessibility', () => {
  it('axe finds no violations in the open panel, the result list, an article and the contact form', async () => {
    await openDemo();
    await options().first().waitFor();
    // The whole page once: the open widget adds no duplicate landmark, id or label to its host.
    expect(await axeViolations(page, 'html')).toEqual([]);

    await searchFor('ingles');
    await page.keyboard.press('ArrowDown');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('Enter');
    await panel().locator('[part~="article"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await panel().getByRole('button', { name: 'No', exact: true }).click();
    await panel().getByRole('button', { name: 'Contáctanos' }).click();
    await panel().getByRole('textbox', { name: 'Tu mensaje' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('respects prefers-reduced-motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openDemo();
    const animation = await page.evaluate(() => {
      const panel = document.querySelector('atiende-widget')!.shadowRoot!.querySelector('atiende-panel')!.shadowRoot!;
      return getComputedStyle(panel.querySelector('[part=panel]')!).animationName;
    });
    expect(animation).toBe('none');
  });
});
