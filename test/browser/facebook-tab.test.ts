// The Facebook Page tab in real Chromium: a test page on another site (standing in for Facebook) POSTs
// a valid signed_request into an iframe, as Facebook does; the visitor, identified by the shop, chats
// from there. The same verified customer then opens the demo site on another device and finds that
// conversation; a conversation link shows it to them and nothing to anyone else.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signRequest } from '../../server/facebook/signed-request.ts';
import { signIdentityToken } from '../../server/identity/identity-token.ts';
import { cspViolations, launchBrowser, newContext } from '../helpers/browser.ts';
import { agentSocket, signIn } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const APP_SECRET = 'f00dfacef00dfacef00dfacef00dface';
const IDENTITY_SECRET = 'identity-secret-identity-secret-0123';
const PAGE_ID = '1234567890';
const ADMIN = { adminEmail: 'admin@example.com', adminPassword: 'correct horse battery' };

let server: Awaited<ReturnType<typeof startServer>>;
let facebook: Server;
let facebookOrigin: string;
let browser: Browser;

/** Facebook's part: a page that POSTs signed_request into a named iframe, as a Page tab does. */
function facebookPage(): string {
  const signed = signRequest({ algorithm: 'HMAC-SHA256', issued_at: Math.floor(Date.now() / 1000), page: { id: PAGE_ID, liked: true }, user: { locale: 'es_ES', country: 'es' } }, APP_SECRET);
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Sol y Luna en Facebook</title></head><body>
    <h1>Sol y Luna</h1>
    <form id="f" method="post" action="${server.url}/facebook/tab" target="tab"><input type="hidden" name="signed_request" value="${signed}"></form>
    <iframe name="tab" title="Ayuda" style="width: 820px; height: 700px; border: 0"></iframe>
    <script>document.getElementById('f').submit();</script>
  </body></html>`;
}

beforeAll(async () => {
  facebook = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(facebookPage()));
  await new Promise<void>((resolve) => facebook.listen(0, resolve));
  // "localhost" while Atiende is at 127.0.0.1: another site, so the tab runs as a third-party frame.
  facebookOrigin = `http://localhost:${(facebook.address() as { port: number }).port}`;
  [server, browser] = await Promise.all([
    startServer({
      ...ADMIN, facebookAppSecret: APP_SECRET, facebookPageIds: [PAGE_ID], facebookMaxAgeSeconds: 600,
      facebookFrameAncestors: [facebookOrigin], identitySecret: IDENTITY_SECRET,
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => facebook?.close(resolve));
});

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(server.dataDir, 'atiende.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The shop's backend signing its signed-in customer, handed to the widget as its site would. */
const customerToken = () => signIdentityToken({ sub: 'shop-customer-77', name: 'Lucía Pérez', email: 'lucia@example.com' }, IDENTITY_SECRET);

async function identify(target: Page | Frame, token: string): Promise<{ verified: boolean; consentNeeded: boolean; name: string | null }> {
  return target.evaluate((t) => new Promise((resolve) => {
    const widget = document.querySelector('atiende-widget')!;
    widget.addEventListener('atiende-identify', (e) => resolve((e as CustomEvent).detail), { once: true });
    (widget as unknown as { identify(token: string): void }).identify(t);
  }), token) as never;
}

describe('the Facebook Page tab', () => {
  let context: BrowserContext;
  let conversationId: string;

  it('renders the widget full-page inside Facebook\'s frame, in Facebook\'s locale, and chats as channel facebook', async () => {
    context = await newContext(browser, { locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${facebookOrigin}/`);
    const tab: FrameLocator = page.frameLocator('iframe[name="tab"]');
    const region = tab.getByRole('region', { name: 'Centro de ayuda' });
    await region.waitFor();
    // Full page: no launcher, the search is there at once, in Spanish as Facebook said (the browser is English).
    expect(await tab.getByRole('button', { name: 'Ayuda', exact: true }).count()).toBe(0);
    await tab.getByRole('combobox', { name: /buscar/i }).waitFor();

    const frame = page.frame({ name: 'tab' })!;
    expect(new URL(frame.url()).pathname).toBe('/facebook/tab');
    const identified = await identify(frame, await customerToken());
    expect(identified).toMatchObject({ verified: true, consentNeeded: true, name: 'Lucía Pérez' });

    await region.getByRole('button', { name: 'Escribe al equipo' }).click();
    await region.getByRole('textbox', { name: 'Tu mensaje' }).fill('¿Hacéis envíos a Alicante?');
    await region.getByRole('button', { name: /hablar con una persona/i }).click();
    await region.getByRole('heading', { name: 'Antes de empezar' }).waitFor();
    await region.getByRole('textbox', { name: 'Correo electrónico (opcional)' }).fill('lucia@example.com');
    await region.getByRole('checkbox', { name: 'Avisadme por correo cuando el equipo responda' }).check();
    await region.getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
    await region.getByRole('log').getByText('¿Hacéis envíos a Alicante?').waitFor();
    await expect.poll(() => region.getByRole('log').getByText(/Enviado/).count()).toBe(1);

    // Recorded as Facebook, with the notification consent, and linked to the verified customer.
    const [row] = query<{ id: string; channel: string; customer: string | null; notify: number; consentChannel: string }>(
      `SELECT c.id, c.channel, v.customer_id AS customer, r.notify_by_email AS notify, r.channel AS consentChannel
       FROM conversations c JOIN visitors v ON v.id = c.visitor_id JOIN consent_records r ON r.visitor_id = v.id`,
    );
    expect(row).toMatchObject({ channel: 'facebook', consentChannel: 'facebook', notify: 1 });
    expect(row!.customer).not.toBeNull();
    conversationId = row!.id;

    // An agent answers; the reply reaches the tab live.
    const agent = await agentSocket(server.url, await signIn(server.url, ADMIN.adminEmail, ADMIN.adminPassword));
    agent.send({ type: 'send', conversationId, clientId: 'agent-reply-0001', body: 'Sí, en 48 horas.' });
    await agent.next('ack');
    agent.close();
    await region.getByRole('log').getByText('Sí, en 48 horas.').waitFor();
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the same conversation to the same verified customer on the demo site, on another device', async () => {
    context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    // A closed widget sends nothing: the token is checked when the visitor opens the panel.
    const identified = identify(page, await customerToken());
    await page.getByRole('button', { name: 'Ayuda', exact: true }).click();
    expect(await identified).toMatchObject({ verified: true, consentNeeded: false });
    const mine = page.getByRole('dialog').getByRole('region', { name: 'Tus conversaciones' });
    await mine.getByText('Sí, en 48 horas.').waitFor();
    await mine.getByRole('button').first().click();
    const log = page.getByRole('dialog').getByRole('log');
    await log.getByText('¿Hacéis envíos a Alicante?').waitFor();
    await log.getByText('Sí, en 48 horas.').waitFor();

    // The conversation link opens it here too (this device proved who it is)…
    await page.goto(`${server.url}/help?conversation=${conversationId}`);
    await page.getByRole('region', { name: 'Centro de ayuda' }).getByRole('log').getByText('Sí, en 48 horas.').waitFor();
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows nothing of the conversation to anyone else who opens its link, even claiming the same email', async () => {
    context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/help?conversation=${conversationId}`);
    const region = page.getByRole('region', { name: 'Centro de ayuda' });
    await region.getByText('Esta conversación no está disponible.').waitFor();
    expect(await region.textContent()).not.toContain('Alicante');

    // Someone who chats with the same email is still not the customer.
    await region.getByRole('button', { name: /volver/i }).first().click();
    await region.getByRole('button', { name: 'Escribe al equipo' }).click();
    await region.getByRole('textbox', { name: 'Tu mensaje' }).fill('Soy Lucía, enséñame mis chats');
    await region.getByRole('button', { name: /hablar con una persona/i }).click();
    await region.getByRole('textbox', { name: 'Correo electrónico (opcional)' }).fill('lucia@example.com');
    await region.getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
    await region.getByRole('log').getByText('Soy Lucía, enséñame mis chats').waitFor();
    await page.goto(`${server.url}/help?conversation=${conversationId}`);
    await region.getByText('Esta conversación no está disponible.').waitFor();
    expect(await region.textContent()).not.toContain('Alicante');
    await context.close();
  });
});
