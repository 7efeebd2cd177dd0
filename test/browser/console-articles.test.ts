// The article editor in real Chromium against the real server: an editor signs in, writes a Spanish
// article, previews it, publishes it; a visitor on the demo page finds it by a word of its body; the
// editor unpublishes it and it disappears from the visitor's search. Also: the conflict message when
// someone else saved first, the prefilled "new article" link, the team page, and axe on every view.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { axeViolations, cspViolations, launchBrowser, newContext, recordedEvents } from '../helpers/browser.ts';
import { signIn } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const EDITOR = { email: 'editora@example.com', name: 'Editora Eva', role: 'editor', password: 'editora password 123' };
const WORD = 'ornitorrincos';
const TITLE = 'Cuidado de los ornitorrincos domésticos';
const SLUG = 'mascotas/ornitorrincos';
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let adminCookie: string;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password }), launchBrowser()]);
  adminCookie = await signIn(server.url, ADMIN.email, ADMIN.password);
  const res = await fetch(`${server.url}/api/console/staff`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie: adminCookie }, body: JSON.stringify(EDITOR),
  });
  expect(res.status).toBe(201);
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

async function expectNoAxeViolations(page: Page): Promise<void> {
  expect((await axeViolations(page, 'atiende-console')).map((v) => `${v.id}: ${v.help} ${v.targets.join(' ')}`)).toEqual([]);
}

/** The visitor types `word` in the widget's search and reports whether a result titled `title` shows. */
async function visitorFinds(page: Page, word: string, title: string): Promise<boolean> {
  const before = (await recordedEvents(page)).filter((e) => e.type === 'atiende-search' && e.detail.query === word).length;
  const box = page.getByRole('combobox', { name: 'Buscar en el centro de ayuda' });
  await box.fill('');
  await box.fill(word);
  await expect
    .poll(async () => (await recordedEvents(page)).filter((e) => e.type === 'atiende-search' && e.detail.query === word).length)
    .toBeGreaterThan(before);
  const titles = await page.getByRole('dialog').getByRole('option').locator('.result-title').allTextContents();
  return titles.includes(title);
}

/** Searches until `want` holds: the index is rebuilt off the request path, so it may take a moment. */
async function untilVisitor(page: Page, want: boolean): Promise<void> {
  for (let attempt = 0; (await visitorFinds(page, WORD, TITLE)) !== want; attempt++) {
    if (attempt > 200) throw new Error(`the visitor's search never ${want ? 'found' : 'lost'} the article`);
  }
}

describe('writing and publishing an article', () => {
  it('an editor signs in, writes a Spanish article, previews and publishes it; a visitor finds it; unpublished, it disappears', async () => {
    const console_ = await newPage();
    await console_.goto(`${server.url}/console`);
    await console_.getByRole('textbox', { name: 'Correo electrónico' }).fill(EDITOR.email);
    await console_.getByLabel('Contraseña').fill(EDITOR.password);
    await console_.getByRole('button', { name: 'Iniciar sesión' }).click();

    // Editors land on the articles: no inbox for them.
    const nav = console_.getByRole('navigation', { name: 'Secciones' });
    await nav.getByRole('link', { name: 'Artículos' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Artículos', 'Estadísticas']);
    await console_.getByRole('heading', { name: 'Artículos', level: 2 }).waitFor();
    await console_.getByRole('table').waitFor();
    await expectNoAxeViolations(console_);

    await console_.getByRole('link', { name: 'Nuevo artículo' }).click();
    await console_.getByRole('heading', { name: 'Nuevo artículo', level: 2 }).waitFor();
    await console_.getByLabel('Dirección (slug)').fill(SLUG);
    expect(await console_.getByRole('combobox', { name: 'Idioma', exact: true }).inputValue()).toBe('es');
    await console_.getByLabel('Título').fill(TITLE);
    await console_.getByLabel('Resumen').fill('Qué comen y cómo cuidarlos.');
    await console_.getByLabel('Categoría').fill('mascotas');
    await console_.getByLabel('Texto (Markdown)').fill(`Los ${WORD} comen **gusanos** y nadan a diario.\n\n<script>alert(1)</script>`);
    // The live preview is the server's rendering, sanitized as the widget's.
    const preview = console_.getByTestId('preview');
    await expect.poll(() => preview.locator('strong').textContent()).toBe('gusanos');
    expect(await preview.innerHTML()).not.toContain('<script');
    await expectNoAxeViolations(console_);

    await console_.getByRole('button', { name: 'Crear borrador' }).click();
    await console_.getByText('Guardado.').waitFor();
    await console_.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
    expect(console_.url()).toContain('#/articles/es/mascotas/ornitorrincos');

    // A draft: the visitor does not find it.
    const visitor = await newPage();
    await visitor.goto(`${server.url}/`);
    await visitor.getByRole('button', { name: 'Ayuda', exact: true }).click();
    expect(await visitorFinds(visitor, WORD, TITLE)).toBe(false);

    await console_.getByRole('button', { name: 'Publicar' }).click();
    await console_.getByText(/^Publicado\./).waitFor();
    await untilVisitor(visitor, true);

    await console_.getByRole('button', { name: 'Despublicar' }).click();
    await console_.getByText(/^Despublicado/).waitFor();
    await untilVisitor(visitor, false);

    // The history shows each save by its author, and a comparison marks what changed.
    await console_.getByLabel('Texto (Markdown)').fill(`Los ${WORD} comen **lombrices** y nadan a diario.\n`);
    await console_.getByRole('button', { name: 'Guardar borrador' }).click();
    await console_.getByText('Guardado.').waitFor();
    await console_.getByText('Historial').click();
    const history = console_.locator('atiende-article-history');
    await history.getByText(/Versión 1 · Editora Eva/).waitFor();
    await history.getByRole('button', { name: 'Comparar con la actual' }).click();
    await expect.poll(() => history.locator('.line.added mark').allTextContents()).toContain('lombrices');
    await expectNoAxeViolations(console_);
  }, 120_000);

  it('tells an editor who saved in between, and keeps their text', async () => {
    const created = await fetch(`${server.url}/api/console/articles`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie: adminCookie },
      body: JSON.stringify({ slug: 'conflicto/uno', locale: 'es', title: 'Conflicto', summary: '', category: '', tags: [], paths: [], extra: {}, body: 'Uno.\n' }),
    });
    expect(created.status).toBe(201);
    const page = await newPage();
    const cookie = await signIn(server.url, EDITOR.email, EDITOR.password);
    const [name, value] = cookie.split(/=(.*)/s);
    await page.context().addCookies([{ name: name!, value: value!, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(`${server.url}/console#/articles/es/conflicto/uno`);
    await page.getByRole('heading', { name: 'Conflicto', level: 2 }).waitFor();
    // The admin saves first, from elsewhere.
    await fetch(`${server.url}/api/console/articles/save`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie: adminCookie },
      body: JSON.stringify({ slug: 'conflicto/uno', locale: 'es', version: 1, title: 'Conflicto', summary: '', category: '', tags: [], paths: [], extra: {}, body: 'Del admin.\n' }),
    });
    await page.getByLabel('Texto (Markdown)').fill('De la editora.\n');
    await page.getByRole('button', { name: 'Guardar borrador' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/Admin guardó este artículo \(versión 2\)/).waitFor();
    expect(await page.getByLabel('Texto (Markdown)').inputValue()).toBe('De la editora.\n');
    await expectNoAxeViolations(page);
    await alert.getByRole('button', { name: 'Cargar su versión' }).click();
    expect(await page.getByLabel('Texto (Markdown)').inputValue()).toBe('Del admin.\n');
  });

  it('shows the translation beside an article, and inserts an uploaded image into the markdown and the preview', async () => {
    const page = await newPage();
    const [name, value] = adminCookie.split(/=(.*)/s);
    await page.context().addCookies([{ name: name!, value: value!, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(`${server.url}/console#/articles/en/for-editors/drafts-and-publishing`);
    const english = await (await fetch(`${server.url}/api/kb/article?locale=en&slug=for-editors%2Fdrafts-and-publishing`)).json();
    const spanish = await (await fetch(`${server.url}/api/kb/article?locale=es&slug=for-editors%2Fdrafts-and-publishing`)).json();
    await page.getByRole('heading', { name: english.title, level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Mostrar la traducción al lado' }).click();
    const translation = page.getByRole('region', { name: 'Traducción: español' });
    await translation.getByText(spanish.title, { exact: true }).first().waitFor();

    const body = page.getByLabel('Texto (Markdown)');
    await body.focus();
    await body.press('Control+Home');
    await page.locator('input[type=file]').setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('Imagen subida e insertada.').waitFor();
    const markdown = await body.inputValue();
    const match = /^!\[pixel\]\((http:\/\/[^)]+\/kb-images\/[0-9a-f]{64}\.png)\)/.exec(markdown);
    expect(match, markdown.slice(0, 120)).not.toBeNull();
    await expect.poll(() => page.getByTestId('preview').locator('img').first().getAttribute('src')).toBe(match![1]);
    // Served by this server and allowed by the console's CSP: the image loads.
    await expect.poll(() => page.getByTestId('preview').locator('img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('opens a prefilled new article from a link, and shows admins the team page in English', async () => {
    const page = await newPage();
    const [name, value] = adminCookie.split(/=(.*)/s);
    await page.context().addCookies([{ name: name!, value: value!, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(`${server.url}/console#articles/new?locale=en&title=${encodeURIComponent('How do I get a refund')}`);
    await page.getByRole('heading', { name: 'Nuevo artículo', level: 2 }).waitFor();
    expect(await page.getByLabel('Título').inputValue()).toBe('How do I get a refund');
    expect(await page.getByRole('combobox', { name: 'Idioma', exact: true }).inputValue()).toBe('en');

    await page.getByRole('button', { name: 'English' }).click();
    const nav = page.getByRole('navigation', { name: 'Sections' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Inbox', 'Articles', 'Insights', 'Figures', 'Team', 'Routing']);
    await nav.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('cell', { name: EDITOR.email }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: EDITOR.email }).getByRole('cell').allTextContents()).toEqual([EDITOR.name, EDITOR.email, 'Editor']);
    await expectNoAxeViolations(page);
  });
});
