// Live chat in <atiende-widget>, in real Chromium against the real server and real sockets: a visitor
// on the demo page asks for a person, consents, chats with an agent (a node WebSocket signed in
// through the console's login), comes back after a reload or with the page closed, loses the
// connection, rates the conversation and withdraws consent. Every check reads what a person sees in
// the widget and what the server committed to SQLite.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createAgent } from '../../server/auth/staff.ts';
import type { ChatHub } from '../../server/chat/hub.ts';
import { axeViolations, cspViolations, launchBrowser, newContext, recordedEvents } from '../helpers/browser.ts';
import { agentSocket, signIn, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { adminEmail: 'admin@example.com', adminPassword: 'correct horse battery' };
const ANA = { email: 'ana@example.com', name: 'Ana', password: 'correct horse battery' };

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The session cookie of Ana, an agent signed in through POST /api/console/login. */
let anaCookie: string;
const agents: FrameSocket[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ searchRateLimit: 0, ...ADMIN }), launchBrowser()]);
  await createAgent((server.app as unknown as { db: Parameters<typeof createAgent>[0] }).db, { ...ANA, role: 'agent' });
  // The admin made from startServer's options signs in too: the same login the console uses.
  await signIn(server.url, ADMIN.adminEmail, ADMIN.adminPassword);
  anaCookie = await signIn(server.url, ANA.email, ANA.password);
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
  for (const agent of agents.splice(0)) agent.close();
  // The chat runs under the demo page's CSP (connect-src 'self', no inline styles) without a violation.
  for (const p of context.pages()) expect(await cspViolations(p)).toEqual([]);
  await context.close();
});

// ---- What a visitor sees -----------------------------------------------------------------------------

const panel = (p: Page = page) => p.getByRole('dialog');
const log = (p: Page = page) => panel(p).getByRole('log');
/** The bubbles in the log, as text: `author|body|meta`. */
const shownMessages = (p: Page = page) =>
  log(p).locator('[part~="message"]').evaluateAll((els) =>
    els.map((el) => {
      const meta = el.querySelector('.meta')!.cloneNode(true) as Element;
      for (const button of meta.querySelectorAll('button')) button.remove();
      return [el.querySelector('.author')?.textContent ?? 'own', el.querySelector('.bubble')?.textContent, meta.textContent!.trim()].join('|');
    }),
  );
const composer = (p: Page = page) => panel(p).getByRole('textbox', { name: 'Escribe un mensaje' });

async function openDemo(p: Page = page): Promise<void> {
  await p.goto(`${server.url}/`);
  await p.getByRole('button', { name: 'Ayuda', exact: true }).click();
  await p.getByRole('combobox').waitFor();
}

async function storage(p: Page = page) {
  return p.evaluate(() => ({ local: { ...localStorage }, session: sessionStorage.length, cookie: document.cookie }));
}

async function storedVisitor(p: Page = page): Promise<{ token: string; visitorId: string }> {
  return JSON.parse((await p.evaluate(() => localStorage.getItem('atiende:visitor'))) ?? 'null');
}

/** From the panel's footer to a started chat: describe, "talk to a person", consent. */
async function startChat(problem: string, fields: { name?: string; email?: string } = {}, p: Page = page): Promise<string> {
  await panel(p).getByRole('button', { name: 'Escribe al equipo' }).click();
  await panel(p).getByRole('textbox', { name: 'Tu mensaje' }).fill(problem);
  await panel(p).getByRole('button', { name: /hablar con una persona/i }).click();
  await panel(p).getByRole('heading', { name: 'Antes de empezar' }).waitFor();
  if (fields.name) await panel(p).getByRole('textbox', { name: 'Nombre (opcional)' }).fill(fields.name);
  if (fields.email) await panel(p).getByRole('textbox', { name: 'Correo electrónico (opcional)' }).fill(fields.email);
  await panel(p).getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
  await log(p).getByText(problem).waitFor();
  await expect.poll(() => shownMessages(p)).toEqual([expect.stringMatching(/ · Enviado$/)]);
  return (await storedVisitor(p)).visitorId;
}

// ---- What the server committed ------------------------------------------------------------------------

function query<T = any>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(server.dataDir, 'atiende.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const conversationOf = (visitorId: string) =>
  query<{ id: string; status: string; channel: string; context: string; rating: number | null; rating_comment: string | null }>(
    'SELECT * FROM conversations WHERE visitor_id = ? ORDER BY created_at',
    visitorId,
  );
const messagesOf = (conversationId: string) =>
  query<{ seq: number; author: string; body: string; client_id: string }>(
    'SELECT seq, author, body, client_id FROM messages WHERE conversation_id = ? ORDER BY seq',
    conversationId,
  );

/** Ana's console socket, following the visitor's conversation. */
async function agentJoins(conversationId: string): Promise<FrameSocket> {
  const agent = await agentSocket(server.url, anaCookie);
  agents.push(agent);
  agent.send({ type: 'join', conversationId, afterSeq: 0 });
  await agent.next('joined');
  return agent;
}

let agentMessages = 0;
async function agentSays(agent: FrameSocket, conversationId: string, body: string): Promise<number> {
  const clientId = `agent-${Date.now().toString(36)}-${agentMessages++}`;
  agent.send({ type: 'send', conversationId, clientId, body });
  return (await agent.next('ack', (f) => f.clientId === clientId)).seq;
}

const hub = () => (server.app as unknown as { hub: ChatHub }).hub;

// ---- The tests ------------------------------------------------------------------------------------------

describe('asking for a person', () => {
  it('goes from Contact us to a conversation, storing nothing in the browser before consent', async () => {
    await openDemo();
    await page.getByRole('combobox').fill('xqzjwk');
    await panel().getByRole('button', { name: 'Contáctanos' }).click();

    // "Describe your problem": as the visitor types, articles that might answer it (the bot is not a person).
    const problem = panel().getByRole('textbox', { name: 'Tu mensaje' });
    expect(await problem.getAttribute('part')).toBe('chat-input');
    await problem.pressSequentially('No puedo cambiar el idioma a inglés', { delay: 5 });
    const suggestions = panel().getByRole('region', { name: 'Esto podría responderte' });
    await suggestions.waitFor();
    await panel().getByText('Elegidos automáticamente, no por una persona.').waitFor();
    // The answers to the whole sentence (a busy machine may show those for part of it first), three at most.
    await expect.poll(() => suggestions.getByRole('button').first().textContent()).toContain('Cómo cambiar el idioma entre español e inglés');
    expect(await suggestions.getByRole('button').count()).toBeLessThanOrEqual(3);
    expect(await storage()).toEqual({ local: {}, session: 0, cookie: '' });
    // The problem is not a search: nothing of what the visitor typed there is recorded.
    expect(query("SELECT * FROM search_events WHERE query LIKE '%idioma%'")).toEqual([]);

    await panel().getByRole('button', { name: 'No, hablar con una persona' }).click();
    await panel().getByRole('heading', { name: 'Antes de empezar' }).waitFor();
    const config = await (await fetch(`${server.url}/api/chat/config?locale=es`)).json();
    await panel().getByText(config.consent.text).waitFor();
    // Nobody is signed in to the console: the promise, the office hours, and the message is still taken.
    await panel().getByText('Ahora no hay nadie conectado; respondemos en menos de 24 horas.').waitFor();
    await panel().getByText(`Horario de atención: ${config.officeHours}.`).waitFor();
    expect(await storage()).toEqual({ local: {}, session: 0, cookie: '' });
    expect(query('SELECT * FROM consent_records')).toHaveLength(0);
    expect(await axeViolations(page)).toEqual([]);

    // A mistyped email is caught in the visitor's language, before anything is sent.
    await panel().getByRole('textbox', { name: 'Correo electrónico (opcional)' }).fill('lucia@');
    await panel().getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
    await panel().getByText('Revisa el correo electrónico o déjalo vacío.').waitFor();
    expect(query('SELECT * FROM consent_records')).toHaveLength(0);

    await panel().getByRole('textbox', { name: 'Nombre (opcional)' }).fill('Lucía');
    await panel().getByRole('textbox', { name: 'Correo electrónico (opcional)' }).fill('lucia@example.com');
    await panel().getByRole('button', { name: 'Acepto y empiezo el chat' }).click();

    await panel().getByRole('heading', { name: 'Chat con el equipo' }).waitFor();
    await expect.poll(() => shownMessages()).toEqual([expect.stringMatching(/^own\|No puedo cambiar el idioma a inglés\|\d.* · Enviado$/)]);
    expect(await composer().getAttribute('part')).toBe('chat-input');

    // Only now: the token the server issued, and nothing else.
    const stored = await storage();
    expect(Object.keys(stored.local)).toEqual(['atiende:visitor']);
    expect(stored.cookie).toBe('');
    const visitor = await storedVisitor();
    expect(visitor.token).toMatch(/^[\w-]{40,}$/);

    const [grant, ...others] = query('SELECT * FROM consent_records WHERE visitor_id = ?', visitor.visitorId);
    expect(others).toEqual([]);
    expect(grant).toMatchObject({
      action: 'granted',
      text_version: config.consent.version,
      text_hash: createHash('sha256').update(config.consent.text).digest('hex'),
      locale: 'es',
      channel: 'web',
      page_url: `${server.url}/`,
      purpose: 'support_chat',
    });
    expect(query('SELECT name, email, token_hash FROM visitors WHERE id = ?', visitor.visitorId)).toEqual([
      { name: 'Lucía', email: 'lucia@example.com', token_hash: createHash('sha256').update(visitor.token).digest('hex') },
    ]);
    const [conversation] = conversationOf(visitor.visitorId);
    expect(conversation).toMatchObject({ status: 'open', channel: 'web' });
    // What the visitor searched before asking, kept in memory until now, travels with the conversation.
    expect(JSON.parse(conversation.context)).toMatchObject({ searches: ['xqzjwk'], pageUrl: `${server.url}/` });
    expect(messagesOf(conversation.id)).toEqual([
      { seq: 1, author: 'visitor', body: 'No puedo cambiar el idioma a inglés', client_id: expect.stringMatching(/^[\w-]{16,}$/) },
    ]);
    const contact = (await recordedEvents(page)).find((e) => e.type === 'atiende-contact');
    expect(contact?.detail).toEqual({ message: 'No puedo cambiar el idioma a inglés', locale: 'es', query: 'xqzjwk' });
  });

  it('on the full-page help centre, records the channel as help', async () => {
    await page.goto(`${server.url}/help`);
    await page.getByRole('button', { name: 'Escribe al equipo' }).click();
    await page.getByRole('textbox', { name: 'Tu mensaje' }).fill('Escribo desde la ayuda');
    await page.getByRole('button', { name: /hablar con una persona/i }).click();
    await page.getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
    await page.getByRole('log').getByText('Escribo desde la ayuda').waitFor();
    const { visitorId } = await storedVisitor();
    expect(query('SELECT channel, page_url FROM consent_records WHERE visitor_id = ?', visitorId)).toEqual([
      { channel: 'help', page_url: `${server.url}/help` },
    ]);
    expect(conversationOf(visitorId)[0].channel).toBe('help');
    expect(await axeViolations(page, 'html')).toEqual([]);
  });

  it('"Yes, this solved it" records a deflection and stores nothing about the visitor', async () => {
    const before = query('SELECT * FROM deflections').length;
    await openDemo();
    await searchAndRead('ingles');
    await panel().getByRole('button', { name: 'No', exact: true }).click();
    await panel().getByRole('button', { name: 'Contáctanos' }).click();
    await panel().getByRole('textbox', { name: 'Tu mensaje' }).pressSequentially('cambiar idioma', { delay: 5 });
    const first = panel().getByRole('region', { name: 'Esto podría responderte' }).getByRole('button').first();
    await first.click();
    // The suggestion opens in the panel, and Back returns to the problem as it was typed.
    await panel().locator('[part~="article"]').waitFor();
    await panel().getByRole('button', { name: 'Atrás' }).click();
    expect(await panel().getByRole('textbox', { name: 'Tu mensaje' }).inputValue()).toBe('cambiar idioma');
    await panel().getByRole('button', { name: 'Sí, esto lo resolvió' }).click();
    await panel().getByText('Nos alegra que te haya servido. ¡Gracias!').waitFor();

    const rows = query<{ locale: string; slug: string }>('SELECT locale, slug FROM deflections ORDER BY id');
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toEqual({ locale: 'es', slug: 'getting-started/switch-language' });
    expect(await storage()).toEqual({ local: {}, session: 0, cookie: '' });
  });

  it('asks again when the consent text changed meanwhile, and shows every failure in the visitor’s language', async () => {
    await openDemo();
    let configRequests = 0;
    await page.route('**/api/chat/config?*', async (route) => {
      configRequests++;
      if (configRequests === 1) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await panel().getByRole('button', { name: 'Escribe al equipo' }).click();
    await panel().getByRole('textbox', { name: 'Tu mensaje' }).fill('¿Hacéis pan sin gluten?');
    await panel().getByRole('button', { name: /hablar con una persona/i }).click();
    await panel().getByText('No pudimos conectar con el equipo. Revisa tu conexión y vuelve a intentarlo.').waitFor();
    await panel().getByRole('button', { name: 'Reintentar' }).click();
    await panel().getByRole('button', { name: 'Acepto y empiezo el chat' }).waitFor();

    // The server's 409: the text shown is not the current one.
    let consentRequests = 0;
    await page.route('**/api/chat/consent', async (route) => {
      consentRequests++;
      if (consentRequests === 1) {
        await route.fulfill({ status: 409, json: { error: { code: 'ATIENDE_ERR_CONSENT_CHANGED', message: 'changed', field: 'consentHash' } } });
      } else if (consentRequests === 2) {
        await route.fulfill({ status: 429, json: { error: { code: 'ATIENDE_ERR_RATE_LIMITED', message: 'Too many requests' } } });
      } else {
        await route.continue();
      }
    });
    await panel().getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
    await panel().getByText('El texto acaba de cambiar. Léelo de nuevo, por favor.').waitFor();
    expect(configRequests).toBe(3);
    expect(await storage()).toEqual({ local: {}, session: 0, cookie: '' });

    await panel().getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
    await panel().getByText('Demasiados intentos. Espera un minuto y vuelve a intentarlo.').waitFor();
    expect(await storage()).toEqual({ local: {}, session: 0, cookie: '' });

    await panel().getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
    await log().getByText('¿Hacéis pan sin gluten?').waitFor();
    expect(consentRequests).toBe(3);
  });
});

describe('talking with an agent', () => {
  it('shows the agent joining, typing and replying, as text with safe links, and read receipts both ways', async () => {
    await openDemo();
    const visitorId = await startChat('Mi pedido no ha llegado', { name: 'Lucía' });
    const [{ id }] = conversationOf(visitorId);

    const ana = await agentJoins(id);
    await log().getByText('Ana se ha unido a la conversación').waitFor();
    // Ana's console socket is online: the widget says someone is there.
    await panel().getByText('Hay alguien del equipo conectado.').waitFor();

    ana.send({ type: 'typing', conversationId: id, typing: true });
    await panel().getByText('Ana está escribiendo…').waitFor();

    const hostile = '<img src=x onerror="window.__pwned=1"> <b>negrita</b> Mira https://example.com/ayuda?pedido=1. y javascript:alert(1)';
    const seq = await agentSays(ana, id, hostile);
    const bubble = log().locator('[part~="agent-message"]').last();
    await bubble.waitFor();
    expect(await bubble.locator('.author').textContent()).toBe('Ana');
    expect(await bubble.locator('.bubble').textContent()).toBe(hostile);
    expect(await bubble.locator('img, b, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const links = bubble.getByRole('link');
    expect(await links.count()).toBe(1);
    expect(await links.first().evaluate((a: HTMLAnchorElement) => [a.getAttribute('href'), a.target, a.rel, a.textContent])).toEqual([
      'https://example.com/ayuda?pedido=1', '_blank', 'noopener noreferrer', 'https://example.com/ayuda?pedido=1',
    ]);
    expect(await panel().getByText('Ana está escribiendo…').count()).toBe(0);

    // The visitor sees Ana's message: she is told it was read.
    const read = await ana.next('read', (f) => f.author === 'visitor');
    expect(read.seq).toBe(seq);

    // The visitor writes: Ana sees them typing, then gets the message once, and when she reads it the widget says so.
    await composer().fill('Es el pedido 4312, gracias');
    await ana.next('typing', (f) => f.author === 'visitor' && f.typing);
    await composer().press('Enter');
    const got = await ana.next('message', (f) => f.message.body === 'Es el pedido 4312, gracias');
    await ana.next('typing', (f) => f.author === 'visitor' && !f.typing);
    expect(got.message.author).toBe('visitor');
    await expect.poll(() => shownMessages()).toContainEqual(expect.stringMatching(/^own\|Es el pedido 4312, gracias\|.* · Enviado$/));
    ana.send({ type: 'read', conversationId: id, seq: got.message.seq });
    await expect.poll(() => shownMessages()).toContainEqual(expect.stringMatching(/^own\|Es el pedido 4312, gracias\|.* · Visto$/));
    expect(messagesOf(id).map((m) => [m.seq, m.author, m.body])).toEqual([
      [1, 'visitor', 'Mi pedido no ha llegado'],
      [2, 'agent', hostile],
      [3, 'visitor', 'Es el pedido 4312, gracias'],
    ]);

    expect(await axeViolations(page)).toEqual([]);

    // Ana signs off: nobody is available any more, and the widget says when to expect an answer.
    ana.close();
    await panel().getByText('Ahora no hay nadie conectado; respondemos en menos de 24 horas.').waitFor();
    await panel().getByText('Horario de atención: de lunes a viernes, de 9:00 a 18:00.').waitFor();
  });

  it('keeps the history across a reload and shows a reply written while the visitor’s page was closed', async () => {
    await openDemo();
    const visitorId = await startChat('¿Abrís el domingo?');
    const [{ id }] = conversationOf(visitorId);
    const ana = await agentJoins(id);
    await agentSays(ana, id, 'Sí, de 8:00 a 14:00.');
    await log().getByText('Sí, de 8:00 a 14:00.').waitFor();

    // Reload: "Your conversations" above the search, and the whole history in order.
    await page.reload();
    await page.getByRole('button', { name: 'Ayuda', exact: true }).click();
    const list = panel().getByRole('region', { name: 'Tus conversaciones' });
    await list.waitFor();
    const item = list.getByRole('button').first();
    expect(await item.textContent()).toMatch(/Abierta.*Equipo: Sí, de 8:00 a 14:00\./s);
    await item.click();
    await expect.poll(() => shownMessages()).toEqual([
      expect.stringMatching(/^own\|¿Abrís el domingo\?\|/),
      expect.stringMatching(/^Ana\|Sí, de 8:00 a 14:00\.\|/),
    ]);

    // The page closes; Ana answers; the visitor comes back in the same browser.
    await page.close();
    await expect.poll(() => hub().visitorConnected(visitorId)).toBe(false);
    await agentSays(ana, id, '¿Necesitas algo más?');
    page = await context.newPage();
    await openDemo();
    await panel().getByRole('region', { name: 'Tus conversaciones' }).getByRole('button').first().click();
    await expect.poll(() => shownMessages()).toEqual([
      expect.stringMatching(/^own\|¿Abrís el domingo\?\|/),
      expect.stringMatching(/^Ana\|Sí, de 8:00 a 14:00\.\|/),
      expect.stringMatching(/^Ana\|¿Necesitas algo más\?\|/),
    ]);
    // And the conversation goes on where it was.
    await composer().fill('No, gracias');
    await composer().press('Enter');
    await ana.next('message', (f) => f.message.body === 'No, gracias');
    expect(messagesOf(id).map((m) => m.body)).toEqual(['¿Abrís el domingo?', 'Sí, de 8:00 a 14:00.', '¿Necesitas algo más?', 'No, gracias']);
  });
});

describe('delivery', () => {
  it('queues what the visitor writes offline and delivers it once on reconnect', async () => {
    await openDemo();
    const visitorId = await startChat('Pregunta sobre envíos');
    const [{ id }] = conversationOf(visitorId);
    const ana = await agentJoins(id);

    // The network goes (HTTP fails) and the server drops the socket: tickets cannot be fetched until it is back.
    await context.setOffline(true);
    hub().closeVisitor(visitorId, 'network lost (test)');
    await panel().getByText('Reconectando… Lo que escribas se enviará al volver la conexión.').waitFor();
    await composer().fill('Escrito sin conexión');
    await composer().press('Enter');
    await composer().fill('Y otro más');
    await composer().press('Enter');
    await expect.poll(() => shownMessages()).toEqual([
      expect.stringMatching(/Pregunta sobre envíos.*Enviado$/),
      'own|Escrito sin conexión|Enviando…',
      'own|Y otro más|Enviando…',
    ]);
    await page.waitForTimeout(1500); // a few reconnection attempts fail meanwhile
    // Meanwhile Ana writes; the visitor gets it after the re-join, from the last sequence seen.
    await agentSays(ana, id, 'Te leo en cuanto vuelvas');

    await context.setOffline(false);
    await expect.poll(() => shownMessages(), { timeout: 15_000 }).toEqual([
      expect.stringMatching(/Pregunta sobre envíos.*Enviado$/),
      expect.stringMatching(/^Ana\|Te leo en cuanto vuelvas\|/),
      expect.stringMatching(/^own\|Escrito sin conexión\|.* · Enviado$/),
      expect.stringMatching(/^own\|Y otro más\|.* · Enviado$/),
    ]);
    expect(await panel().getByText(/Reconectando/).count()).toBe(0);
    // Sent in order, each once.
    expect(messagesOf(id).map((m) => m.body)).toEqual(['Pregunta sobre envíos', 'Te leo en cuanto vuelvas', 'Escrito sin conexión', 'Y otro más']);
  });

  it('marks a message without an ack as failed, and Retry sends the same client id, stored once', async () => {
    await openDemo();
    const visitorId = await startChat('Primera pregunta');
    const [{ id }] = conversationOf(visitorId);
    // From the next socket on, the first ack the server sends never reaches the page.
    let dropped = 0;
    await page.routeWebSocket(/\/api\/chat\/ws/, (ws) => {
      const upstream = ws.connectToServer();
      upstream.onMessage((data) => {
        if (!dropped && String(data).includes('"type":"ack"')) {
          dropped++;
          return;
        }
        ws.send(data);
      });
    });
    hub().closeVisitor(visitorId, 'reconnect through the route (test)');
    await expect.poll(() => hub().visitorConnected(visitorId)).toBe(true);
    await page.waitForTimeout(300);

    await composer().fill('¿Me oís?');
    await composer().press('Enter');
    await expect.poll(() => shownMessages(), { timeout: 15_000 }).toContainEqual('own|¿Me oís?|No enviado');
    expect(dropped).toBe(1);
    // The server had committed it: the retry gets the original ack, and nothing is stored twice.
    const [stored] = messagesOf(id).filter((m) => m.body === '¿Me oís?');
    await panel().getByRole('button', { name: 'Reintentar' }).click();
    await expect.poll(() => shownMessages()).toContainEqual(expect.stringMatching(/^own\|¿Me oís\?\|.* · Enviado$/));
    const again = messagesOf(id).filter((m) => m.body === '¿Me oís?');
    expect(again).toEqual([stored]);
  });
});

describe('the end of a conversation', () => {
  it('asks for a rating when the agent closes it, stores it, and a reopened conversation continues', async () => {
    await openDemo();
    const visitorId = await startChat('Quiero cambiar mi pedido');
    const [{ id }] = conversationOf(visitorId);
    const ana = await agentJoins(id);
    await agentSays(ana, id, 'Hecho, ya está cambiado.');
    ana.send({ type: 'close', conversationId: id });

    await panel().getByText('Esta conversación se ha cerrado.').waitFor();
    expect(await composer().count()).toBe(0);
    const stars = panel().getByRole('group', { name: '¿Cómo valorarías esta conversación?' });
    // The fourth star, clicked as a person does; it is a labelled radio button underneath.
    await stars.locator('label').nth(3).click();
    expect(await stars.getByRole('radio', { name: '4 de 5' }).isChecked()).toBe(true);
    await panel().getByRole('textbox', { name: 'Comentario (opcional)' }).fill('Rápido y amable');
    expect(await axeViolations(page)).toEqual([]);
    await panel().getByRole('button', { name: 'Enviar valoración' }).click();
    await panel().getByText('Gracias por tu valoración.').waitFor();
    expect(conversationOf(visitorId)[0]).toMatchObject({ status: 'closed', rating: 4, rating_comment: 'Rápido y amable' });

    await panel().getByRole('button', { name: 'Reabrir la conversación' }).click();
    await composer().waitFor();
    await composer().fill('Una cosa más');
    await composer().press('Enter');
    await ana.next('message', (f) => f.message.body === 'Una cosa más');
    expect(conversationOf(visitorId)[0].status).toBe('open');
  });

  it('withdraws consent: the conversation stops, the browser forgets the token, the record stays', async () => {
    await openDemo();
    const visitorId = await startChat('Borrad mis datos, por favor');
    const [{ id }] = conversationOf(visitorId);
    const ana = await agentJoins(id);

    await panel().getByRole('button', { name: 'Retirar el consentimiento' }).click();
    await panel().getByText('¿Retirar tu consentimiento? La conversación se detiene y este navegador la olvida.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await panel().getByRole('button', { name: 'Sí, retirarlo' }).click();
    await panel().getByRole('heading', { name: 'Consentimiento retirado' }).waitFor();
    await panel().getByText('La conversación se ha detenido. Guardamos constancia de la retirada.').waitFor();

    expect(await storage()).toEqual({ local: {}, session: 0, cookie: '' });
    expect(query<{ action: string; page_url: string }>('SELECT action, page_url FROM consent_records WHERE visitor_id = ? ORDER BY id', visitorId)).toEqual([
      { action: 'granted', page_url: `${server.url}/` },
      { action: 'withdrawn', page_url: `${server.url}/` },
    ]);
    expect(conversationOf(visitorId)[0].status).toBe('withdrawn');
    // The agent's inbox hears of it, and the history is kept.
    await ana.next('conversations', (f) => f.conversations.some((c) => c.id === id && c.status === 'withdrawn'));
    expect(messagesOf(id)).toHaveLength(1);
    await expect.poll(() => hub().visitorConnected(visitorId)).toBe(false);

    // Back on the page: nothing to come back to.
    await page.reload();
    await page.getByRole('button', { name: 'Ayuda', exact: true }).click();
    await page.getByRole('combobox').waitFor();
    await page.waitForTimeout(300);
    expect(await panel().getByRole('region', { name: 'Tus conversaciones' }).count()).toBe(0);
  });

  it('forgets a token the server no longer accepts, without a blank panel', async () => {
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('atiende:visitor', JSON.stringify({ token: 'withdrawn-elsewhere-token', visitorId: 'x' }));
      }
    });
    await openDemo();
    await expect.poll(async () => (await storage()).local).toEqual({});
    expect(await panel().getByRole('region', { name: 'Tus conversaciones' }).count()).toBe(0);
    await panel().getByRole('listbox', { name: 'Artículos sugeridos' }).waitFor();
  });
});

async function searchAndRead(q: string): Promise<void> {
  await page.getByRole('combobox').fill(q);
  await panel().getByRole('option').first().click();
  await panel().locator('[part~="article"]').waitFor();
}

describe('a blocked visitor', () => {
  it('is told at once the conversation is not available, and what they write is refused, not stored', async () => {
    await openDemo();
    const visitorId = await startChat('Hola, una pregunta');
    const [{ id }] = conversationOf(visitorId);
    const res = await fetch(`${server.url}/api/console/conversations/${id}/block`, {
      method: 'POST', headers: { cookie: anaCookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Prueba' }),
    });
    expect(res.status).toBe(201);
    const notice = 'Esta conversación no está disponible.';
    await panel().getByRole('alert').filter({ hasText: notice }).waitFor();
    await composer().fill('¿Hola?');
    await composer().press('Enter');
    await expect.poll(async () => (await shownMessages()).some((m) => m.startsWith('own|¿Hola?|No enviado'))).toBe(true);
    expect(messagesOf(id).map((m) => m.body)).toEqual(['Hola, una pregunta']);
  });
});
