// Real Chromium for the browser tests, driven by playwright-core, plus axe-core and small probes
// that read the widget's shadow DOM the way a person (or a screen reader) meets it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A context that records, from before any page script runs, the widget's public events and any
 * Content-Security-Policy violation (the demo page's CSP is as strict as the console's).
 */
export async function newContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES', ...options });
  await context.addInitScript(() => {
    const w = window as unknown as { __events: Array<{ type: string; detail: unknown }>; __csp: string[] };
    w.__events = [];
    w.__csp = [];
    for (const type of ['atiende-open', 'atiende-close', 'atiende-search', 'atiende-article', 'atiende-contact']) {
      document.addEventListener(type, (e) => w.__events.push({ type, detail: (e as Event & { detail?: unknown }).detail ?? null }));
    }
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return context;
}

/**
 * The console at `/console<hash>` in a new context, signed in with a session cookie as `signIn` returns it.
 * The caller closes `page.context()`.
 */
export async function openConsole(browser: Browser, base: string, session: string, hash = ''): Promise<Page> {
  const context = await newContext(browser);
  const [name, value] = session.split(/=(.*)/s);
  await context.addCookies([{ name: name!, value: value!, url: base, httpOnly: true, sameSite: 'Strict' }]);
  const page = await context.newPage();
  await page.goto(`${base}/console${hash}`);
  return page;
}

export function recordedEvents(page: Page): Promise<Array<{ type: string; detail: any }>> {
  return page.evaluate(() => (window as unknown as { __events: Array<{ type: string; detail: unknown }> }).__events);
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** The focused element, looked up through shadow roots, described as `tag#id[part]`. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return 'body';
    const part = el.getAttribute('part');
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${part ? `[${part}]` : ''}`;
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices) over `selector`, shadow roots included. axe is
 * evaluated through the DevTools protocol, which the page's CSP does not govern, so the page under
 * test keeps its real policy.
 */
export async function axeViolations(page: Page, selector = 'atiende-widget'): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: any }).axe;
    const result = await axe.run(
      { include: [[include]] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } },
    );
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n: any) => JSON.stringify(n.target)),
    }));
  }, selector);
}
