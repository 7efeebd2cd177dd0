// The agent console (/console) in real Chromium against the real server, with visitors played from
// node over the real HTTP API and real `ws` sockets: sign-in and its errors, the live inbox, a
// conversation with its history and context, replies, typing, read receipts, closing, presence,
// reconnection, sign-out, text that stays text, and axe on every view.
import type { Browser, BrowserContext, Page, WebSocket as PageSocket } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { ServerFrame } from '../../protocol/chat.ts';
import { axeViolations, cspViolations, launchBrowser, newContext, recordedEvents } from '../helpers/browser.ts';
import { agentSocket, clientId, consent, signIn, visitorSocket, type FrameSocket, type Visitor } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'agente@example.com', password: 'correct horse battery staple' };

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
/** One session for most tests: sign-in is rate limited (10 a minute), so the form is used only where it is the subject. */
let session: string;
const contexts: BrowserContext[] = [];
const sockets: FrameSocket[] = [];
const pages: Page[] = [];
/** Node-side ends of relayed console sockets (see relayConsoleSocket). */
const upstreams: WebSocket[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password }), launchBrowser()]);
  session = await signIn(server.url, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  // The console runs under its strict CSP (no inline script or style) without a single violation.
  for (const page of pages.splice(0)) if (!page.isClosed()) expect(await cspViolations(page)).toEqual([]);
  for (const socket of sockets.splice(0)) socket.close();
  for (const upstream of upstreams.splice(0)) upstream.terminate();
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

// ---- the agent's side: the console in Chromium ---------------------------------------------------

async function newPage(): Promise<Page> {
  const context = await newContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  pages.push(page);
  return page;
}

/** Gives the page's context the session cookie, as the sign-in form would have. */
async function withSession(page: Page, cookie = session): Promise<void> {
  const [name, value] = cookie.split(/=(.*)/s);
  await page.context().addCookies([{ name: name!, value: value!, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
}

/** The console, signed in with `cookie` (by default the shared session), showing the inbox, its socket ready. */
async function openConsole(cookie = session): Promise<Page> {
  const page = await newPage();
  await withSession(page, cookie);
  const ready = nextConsoleSocket(page);
  await page.goto(`${server.url}/console`);
  await inbox(page).waitFor();
  await ready;
  return page;
}

/** Resolves with the console socket the page opens next, once the server has said `ready`. */
function nextConsoleSocket(page: Page): Promise<PageSocket> {
  return new Promise((resolve) => {
    const onSocket = (ws: PageSocket) => {
      if (!ws.url().endsWith('/api/console/ws')) return;
      page.off('websocket', onSocket);
      ws.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"type":"ready"')) resolve(ws);
      });
    };
    page.on('websocket', onSocket);
  });
}

const inbox = (page: Page) => page.getByRole('navigation', { name: 'Bandeja de entrada' });
const inboxLink = (page: Page, name: string) => inbox(page).getByRole('link', { name: new RegExp(name) });
const log = (page: Page) => page.getByRole('log', { name: 'Mensajes' });
const replyBox = (page: Page) => page.getByRole('textbox', { name: 'Respuesta' });
/** What the agent sees of each message: author and text, in order. */
const messageTexts = (page: Page) => log(page).locator('.bubble').allTextContents();

async function openConversation(page: Page, name: string): Promise<void> {
  await inboxLink(page, name).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
  await replyBox(page).waitFor();
}

async function reply(page: Page, text: string): Promise<void> {
  await replyBox(page).fill(text);
  await replyBox(page).press('Enter');
}

// ---- the visitor's side: node, real HTTP and a real `ws` socket ------------------------------------

interface TestVisitor {
  visitor: Visitor;
  conversationId: string;
  socket: FrameSocket;
}

/** A visitor who consents, starts a conversation with this context, joins it and writes `body`. */
async function visitorWrites(
  name: string | undefined,
  body: string,
  context: { searches?: string[]; articles?: { slug: string; title: string }[] } = {},
): Promise<TestVisitor> {
  const visitor = await consent(server.url, 'es', name ? { name } : {});
  const res = await fetch(`${server.url}/api/chat/conversations`, {
    method: 'POST',
    headers: { ...visitor.auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      locale: 'es',
      context: { searches: context.searches ?? [], articles: context.articles ?? [], pageUrl: `${server.url}/pricing` },
    }),
  });
  expect(res.status).toBe(200);
  const conversationId = ((await res.json()) as { conversation: { id: string } }).conversation.id;
  const socket = await visitorSocket(server.url, visitor);
  sockets.push(socket);
  socket.send({ type: 'join', conversationId, afterSeq: 0 });
  await socket.next('joined');
  const v = { visitor, conversationId, socket };
  await say(v, body);
  return v;
}

async function say(v: TestVisitor, body: string): Promise<number> {
  const id = clientId();
  v.socket.send({ type: 'send', conversationId: v.conversationId, clientId: id, body });
  return (await v.socket.next('ack', (f) => f.clientId === id)).seq;
}

/**
 * Routes the page's console socket through a node `ws` client to the real server, so a test can cut
 * the connection the way a network change or a restart does: the server sees the socket go, and so
 * does the page. Each reconnection makes a new upstream socket.
 */
async function relayConsoleSocket(page: Page, cookie = session) {
  const relay = { upgrades: 0, upstream: undefined as WebSocket | undefined };
  await page.routeWebSocket('**/api/console/ws', (route) => {
    relay.upgrades += 1;
    const upstream = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/console/ws`, 'atiende.chat.v1', {
      headers: { cookie, origin: server.url },
    });
    relay.upstream = upstream;
    upstreams.push(upstream);
    const early: string[] = [];
    upstream.on('open', () => early.splice(0).forEach((m) => upstream.send(m)));
    upstream.on('message', (data) => route.send(String(data)));
    upstream.on('close', () => void route.close({ code: 1012, reason: 'Service restart' }).catch(() => {}));
    route.onMessage((message) => (upstream.readyState === WebSocket.OPEN ? upstream.send(String(message)) : early.push(String(message))));
    route.onClose(() => upstream.close());
  });
  return relay;
}

/** A lost connection: the server and the page both see the socket end. */
function dropConnection(relay: { upstream: WebSocket | undefined }): void {
  relay.upstream!.terminate();
}

/** The agent sockets the hub holds, to wait for sockets of earlier tests to be gone. */
const agentSockets = () => server.app.hub.counts.agents;

// ---- tests ----------------------------------------------------------------------------------------

describe('serving /console', () => {
  it('sends the page with a strict Content-Security-Policy that forbids framing', async () => {
    const res = await fetch(`${server.url}/console`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of ["script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const page = await res.text();
    // No inline script or style: only files from /console/.
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/<style|style=/);
    expect(page).toContain('src="/console/console.js"');
    const bundle = await fetch(`${server.url}/console/console.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // The console is its own bundle: the widget's files do not carry it, and it does not carry the widget.
    expect(await bundle.text()).not.toContain('atiende-widget');
  });
});

describe('signing in', () => {
  it('shows a visible error for a wrong password, in Spanish and in English, and sets no cookie', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/console`);
    await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(ADMIN.email);
    await page.getByLabel('Contraseña').fill('not the password');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();

    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Correo o contraseña incorrectos. Revísalos y vuelve a intentarlo.');
    expect(await alert.isVisible()).toBe(true);
    expect(await page.getByLabel('Contraseña').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Contraseña').inputValue()).toBe('');
    expect(await page.context().cookies()).toEqual([]);

    await page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    await expect.poll(() => alert.textContent()).toBe('Wrong email or password. Check them and try again.');
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.title()).toBe('Atiende console');
  });

  it('signs in with the right password and lands in the inbox; a reload keeps the session', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/console`);
    const email = page.getByRole('textbox', { name: 'Correo electrónico' });
    await email.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('ATIENDE-CONSOLE'); // focus is inside
    await email.fill(ADMIN.email);
    await page.getByLabel('Contraseña').fill(ADMIN.password);
    const socket = nextConsoleSocket(page);
    await page.getByLabel('Contraseña').press('Enter');

    await inbox(page).waitFor();
    await socket;
    expect(await page.getByRole('button', { name: 'Cerrar sesión' }).isVisible()).toBe(true);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'atiende_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).toBe(''); // HttpOnly: out of reach of scripts

    await page.reload();
    await inbox(page).waitFor();
    expect(await page.getByRole('textbox', { name: 'Correo electrónico' }).count()).toBe(0);
  });

  it('says when there were too many attempts (429), in both languages', async () => {
    // A server of its own: this test spends the sign-in rate limit.
    const limited = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
    try {
      // Every attempt counts, even one refused for its shape (which costs no password hashing).
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${limited.url}/api/console/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: limited.url },
          body: JSON.stringify({ email: ADMIN.email, password: '' }),
        });
        expect(res.status).toBe(400);
      }
      const page = await newPage();
      await page.goto(`${limited.url}/console`);
      await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(ADMIN.email);
      await page.getByLabel('Contraseña').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/^Demasiados intentos de inicio de sesión\. Espera \d+ segundos y vuelve a intentarlo\.$/);
      await page.getByRole('button', { name: 'English' }).click();
      expect(await alert.textContent()).toMatch(/^Too many sign-in attempts\. Wait \d+ seconds and try again\.$/);
      expect(await inbox(page).count()).toBe(0);
    } finally {
      await limited.close();
    }
  });
});

describe('the inbox', () => {
  it('shows a visitor’s new conversation live, with name, last message and waiting time, longest-waiting first', async () => {
    const page = await openConsole();

    const lucia = await visitorWrites('Lucía Inbox', 'Hola, necesito ayuda con un pedido');
    const link = inboxLink(page, 'Lucía Inbox');
    // It appears when the conversation starts, then shows the message once written.
    await expect.poll(() => link.locator('.last').textContent()).toBe('Hola, necesito ayuda con un pedido');
    expect(await link.locator('.waiting').textContent()).toBe('Esperando respuesta · < 1 min');

    // The visitor writes again: the last message changes without a reload.
    await say(lucia, 'Es el pedido 1234');
    await expect.poll(() => link.locator('.last').textContent()).toBe('Es el pedido 1234');

    // A visitor without a name shows as "Visitante"; Lucía has waited longer, so she comes first.
    await visitorWrites(undefined, 'Pregunta anónima');
    const anonymousLink = inbox(page).getByRole('link', { name: /Pregunta anónima/ });
    await anonymousLink.waitFor();
    await anonymousLink.locator('.waiting').waitFor();
    expect(await anonymousLink.locator('.name').textContent()).toBe('Visitante');
    const order = async () => (await inbox(page).getByRole('link').allTextContents()).map((text) =>
      text.includes('Lucía Inbox') ? 'lucia' : text.includes('Pregunta anónima') ? 'anonymous' : 'other',
    ).filter((who) => who !== 'other');
    expect(await order()).toEqual(['lucia', 'anonymous']);

    // An agent answers Lucía (from another socket): she no longer waits, and moves below.
    const agent = await agentSocket(server.url, session);
    sockets.push(agent);
    const id = clientId();
    agent.send({ type: 'send', conversationId: lucia.conversationId, clientId: id, body: 'Lo miro ahora' });
    await agent.next('ack', (f) => f.clientId === id);
    await expect.poll(() => link.locator('.last').textContent()).toBe('Tú: Lo miro ahora');
    expect(await link.locator('.waiting').count()).toBe(0);
    expect(await link.locator('.answered').textContent()).toBe('Respondida');
    await expect.poll(order).toEqual(['anonymous', 'lucia']);

    // Every string follows the language switch.
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('navigation', { name: 'Inbox' });
    await english.waitFor();
    expect(await english.getByRole('link', { name: /Pregunta anónima/ }).locator('.waiting').textContent()).toBe('Waiting for reply · < 1 min');
    expect(await english.getByRole('link', { name: /Pregunta anónima/ }).locator('.name').textContent()).toBe('Visitor');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
  });

  it('ticks the waiting time on its own, every 15 seconds', async () => {
    const page = await newPage();
    await page.clock.install();
    await withSession(page);
    await page.goto(`${server.url}/console`);
    await inbox(page).waitFor();
    await visitorWrites('Tomás Reloj', 'Sigo esperando');
    const waiting = inboxLink(page, 'Tomás Reloj').locator('.waiting');
    await expect.poll(() => waiting.textContent()).toBe('Esperando respuesta · < 1 min');
    await page.clock.fastForward('07:00');
    await expect.poll(() => waiting.textContent()).toBe('Esperando respuesta · 7 min');
    await page.clock.fastForward(60 * 60_000);
    await expect.poll(() => waiting.textContent()).toBe('Esperando respuesta · 1 h 7 min');
  });
});

describe('a conversation', () => {
  it('shows the history and what the visitor searched, read and came from; the reply reaches the visitor', async () => {
    const page = await openConsole();
    const v = await visitorWrites('Marta Historia', 'No puedo cambiar mi contraseña', {
      searches: ['contraseña'],
      articles: [{ slug: 'getting-started/switch-language', title: 'Cómo cambiar el idioma entre español e inglés' }],
    });
    await say(v, 'Me sale un error');
    await openConversation(page, 'Marta Historia');

    expect(await messageTexts(page)).toEqual(['No puedo cambiar mi contraseña', 'Me sale un error']);
    const context = page.getByRole('complementary', { name: 'Antes de preguntar' });
    expect(await context.getByRole('listitem').filter({ hasText: 'contraseña' }).count()).toBe(1);
    const article = context.getByRole('link', { name: 'Cómo cambiar el idioma entre español e inglés' });
    expect(await article.getAttribute('href')).toBe('/help#/article/es/getting-started/switch-language');
    expect(await context.getByRole('link', { name: `${server.url}/pricing` }).count()).toBe(1);
    expect(page.url()).toBe(`${server.url}/console#/conversations/${v.conversationId}`);

    // Opening it joined it: the visitor is told, and learns their messages were seen.
    expect((await v.socket.next('agent_joined')).agentName).toBe('Admin');
    expect(await v.socket.next('read', (f) => f.author === 'agent')).toMatchObject({ conversationId: v.conversationId, seq: 2 });

    // Typing, both ways.
    await replyBox(page).pressSequentially('Hola', { delay: 20 });
    expect(await v.socket.next('typing', (f) => f.author === 'agent')).toMatchObject({ typing: true });
    v.socket.send({ type: 'typing', conversationId: v.conversationId, typing: true });
    const typing = page.getByRole('status').filter({ hasText: 'está escribiendo' });
    await expect.poll(() => typing.textContent()).toBe('Marta Historia está escribiendo…');
    v.socket.send({ type: 'typing', conversationId: v.conversationId, typing: false });
    await expect.poll(() => typing.count()).toBe(0);

    // The reply: sending, then sent once acknowledged; the visitor receives it as text.
    await replyBox(page).fill('Hola Marta, ¿qué error te aparece?');
    await replyBox(page).press('Enter');
    expect(await replyBox(page).inputValue()).toBe('');
    const received = await v.socket.next('message', (f) => f.message.author === 'agent');
    expect(received.message).toMatchObject({ body: 'Hola Marta, ¿qué error te aparece?', authorName: 'Admin', seq: 3 });
    expect(await v.socket.next('typing', (f) => f.author === 'agent')).toMatchObject({ typing: false });
    const mine = log(page).locator('.message.agent').last();
    await expect.poll(() => mine.locator('.delivery').textContent()).toBe('Enviado');

    // The visitor reads it: "Seen".
    v.socket.send({ type: 'read', conversationId: v.conversationId, seq: 3 });
    await expect.poll(() => mine.locator('.delivery').textContent()).toBe('Visto');

    // A new visitor message arrives live, and is marked read because it is on screen.
    await say(v, 'Dice «token caducado»');
    await expect.poll(() => messageTexts(page)).toEqual([
      'No puedo cambiar mi contraseña', 'Me sale un error', 'Hola Marta, ¿qué error te aparece?', 'Dice «token caducado»',
    ]);
    expect(await v.socket.next('read', (f) => f.author === 'agent' && f.seq === 4)).toBeTruthy();
  });

  it('copies the conversation link, which the server builds from PUBLIC_URL', async () => {
    const page = await openConsole();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const v = await visitorWrites('Lola Enlace', 'Os escribo también por Twitter');
    await openConversation(page, 'Lola Enlace');
    await page.getByRole('button', { name: 'Copiar enlace' }).click();
    await page.getByRole('status').filter({ hasText: 'Enlace copiado' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${server.app.config.publicUrl}/help?conversation=${v.conversationId}&locale=es`);
  });

  it('renders what the visitor typed as text, never as markup', async () => {
    const page = await openConsole();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const hostile = '<img src=x onerror=alert(1)> <b>negrita</b> <script>alert(2)</script>';
    await visitorWrites('<i>Nombre</i> Raro', hostile);
    const link = inboxLink(page, '<i>Nombre</i> Raro');
    await link.waitFor();
    expect(await link.locator('.last').textContent()).toBe(hostile);
    await link.click();
    await log(page).waitFor();
    await expect.poll(() => messageTexts(page)).toEqual([hostile]);
    expect(await page.getByRole('heading', { level: 2, name: '<i>Nombre</i> Raro', exact: true }).count()).toBe(1);
    const elements = await page.evaluate(() => {
      const root = document.querySelector('atiende-console')!.shadowRoot!;
      const conversation = root.querySelector('atiende-conversation')!.shadowRoot!;
      const inboxRoot = root.querySelector('atiende-inbox')!.shadowRoot!;
      return [conversation, inboxRoot].map((r) => r.querySelectorAll('img, b, i, script').length);
    });
    expect(elements).toEqual([0, 0]);
    await page.waitForTimeout(200);
    expect(dialogs).toBe(0);
  });

  it('shows a reply the server refused as not sent, and Retry sends it again with the same client id', async () => {
    const page = await newPage();
    const sent: Array<{ type: string; clientId?: string; body?: string }> = [];
    let refuseNext = true;
    // The real server behind a relay that refuses the first `send` the way the server does (an error naming its client id).
    await page.routeWebSocket('**/api/console/ws', (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => {
        const frame = JSON.parse(String(message));
        sent.push(frame);
        if (frame.type === 'send' && refuseNext) {
          refuseNext = false;
          ws.send(JSON.stringify({ type: 'error', code: 'ATIENDE_ERR_RATE_LIMITED', message: 'Too many frames', ref: frame.clientId } satisfies ServerFrame));
          return;
        }
        upstream.send(message);
      });
    });
    await withSession(page);
    await page.goto(`${server.url}/console`);
    const v = await visitorWrites('Rita Reintento', '¿Hola?');
    await openConversation(page, 'Rita Reintento');

    await reply(page, 'Primer intento');
    const mine = log(page).locator('.message.agent').last();
    await expect.poll(() => mine.locator('.delivery').textContent()).toMatch(/^\s*No enviado\s*Reintentar\s*$/);
    await mine.getByRole('button', { name: 'Reintentar' }).click();
    await expect.poll(() => mine.locator('.delivery').textContent()).toBe('Enviado');

    const sends = sent.filter((f) => f.type === 'send');
    expect(sends).toHaveLength(2);
    expect(sends[1]!.clientId).toBe(sends[0]!.clientId);
    const received = await v.socket.next('message', (f) => f.message.author === 'agent');
    expect(received.message.body).toBe('Primer intento');
    await page.waitForTimeout(200);
    expect(v.socket.frames.filter((f) => f.type === 'message')).toHaveLength(0); // once, not twice
  });

  it('closes the conversation: the visitor is told, the reply box goes, the inbox drops it', async () => {
    const page = await openConsole();
    const v = await visitorWrites('Carlos Cierre', 'Ya está resuelto, gracias');
    await openConversation(page, 'Carlos Cierre');
    await page.getByRole('button', { name: 'Cerrar conversación' }).click();

    const closed = await v.socket.next('conversation', (f) => f.conversation.status === 'closed');
    expect(closed.conversation.id).toBe(v.conversationId);
    await page.getByText('Esta conversación está cerrada. El visitante puede reabrirla desde el widget.').waitFor();
    expect(await page.locator('atiende-conversation .badge').textContent()).toBe('Cerrada');
    expect(await replyBox(page).count()).toBe(0);
    await expect.poll(() => inboxLink(page, 'Carlos Cierre').count()).toBe(0);
    // The history stays readable.
    expect(await messageTexts(page)).toEqual(['Ya está resuelto, gracias']);
  });
});

describe('presence and the connection', () => {
  it('Away tells visitors nobody is available, Online tells them someone is; a lost socket reconnects and catches up', async () => {
    await expect.poll(agentSockets, { timeout: 10_000 }).toBe(0); // sockets of earlier tests are gone
    const page = await newPage();
    const relay = await relayConsoleSocket(page);
    await withSession(page);
    await page.goto(`${server.url}/console`);
    await inbox(page).waitFor();
    await expect.poll(agentSockets).toBe(1);

    const v = await visitorWrites('Paula Presencia', 'Hola');
    const presence = page.getByRole('group', { name: 'Tu estado' });
    expect(await presence.getByRole('button', { name: 'Disponible' }).getAttribute('aria-pressed')).toBe('true');
    await presence.getByRole('button', { name: 'Ausente' }).click();
    expect(await v.socket.next('presence')).toEqual({ type: 'presence', agentsOnline: false });
    expect(await presence.getByRole('button', { name: 'Ausente' }).getAttribute('aria-pressed')).toBe('true');
    await presence.getByRole('button', { name: 'Disponible' }).click();
    expect(await v.socket.next('presence')).toEqual({ type: 'presence', agentsOnline: true });

    // The connection drops while the agent reads the conversation; the visitor writes meanwhile.
    await openConversation(page, 'Paula Presencia');
    dropConnection(relay);
    await page.getByRole('status').filter({ hasText: 'Se perdió la conexión. Reconectando…' }).waitFor();
    await say(v, 'Escrito mientras no estabas');
    // Back with backoff: the missing message arrives through join's afterSeq, once.
    await expect.poll(() => messageTexts(page), { timeout: 10_000 }).toEqual(['Hola', 'Escrito mientras no estabas']);
    expect(relay.upgrades).toBe(2);
    expect(agentSockets()).toBe(1);
    await expect.poll(() => page.locator('atiende-console').evaluate((el) => el.shadowRoot!.querySelector('.banner')!.textContent)).toBe('');
    await reply(page, 'Ya estoy de vuelta');
    expect((await v.socket.next('message', (f) => f.message.author === 'agent')).message.body).toBe('Ya estoy de vuelta');
  });

  it('keeps Away across a reconnection', async () => {
    await expect.poll(agentSockets, { timeout: 10_000 }).toBe(0);
    const page = await newPage();
    const relay = await relayConsoleSocket(page);
    await withSession(page);
    await page.goto(`${server.url}/console`);
    await inbox(page).waitFor();
    await expect.poll(agentSockets).toBe(1);
    await page.getByRole('button', { name: 'Ausente' }).click();
    await expect.poll(() => server.app.hub.agentsOnline()).toBe(false);
    dropConnection(relay);
    await expect.poll(() => relay.upgrades, { timeout: 10_000 }).toBe(2);
    await expect.poll(agentSockets, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => server.app.hub.agentsOnline()).toBe(false);
    expect(await page.getByRole('button', { name: 'Ausente' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('signing out', () => {
  it('ends the session, closes the agent’s socket (the visitor sees nobody online) and shows the sign-in form', async () => {
    await expect.poll(agentSockets, { timeout: 10_000 }).toBe(0);
    const own = await signIn(server.url, ADMIN.email, ADMIN.password);
    const page = await newPage();
    const socketOpened = nextConsoleSocket(page);
    await withSession(page, own);
    await page.goto(`${server.url}/console`);
    await inbox(page).waitFor();
    const socket = await socketOpened;
    const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const v = await visitorWrites('Sara Salida', 'Hola');
    expect(server.app.hub.agentsOnline()).toBe(true);

    let reopened = false;
    page.on('websocket', () => (reopened = true));
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('button', { name: 'Iniciar sesión' }).waitFor();
    await socketClosed;
    expect(await v.socket.next('presence')).toEqual({ type: 'presence', agentsOnline: false });
    await expect.poll(agentSockets).toBe(0);
    const me = await fetch(`${server.url}/api/console/me`, { headers: { cookie: own } });
    expect(me.status).toBe(401);
    expect(await page.context().cookies()).toEqual([]);
    expect(await inbox(page).count()).toBe(0);
    await page.waitForTimeout(1500);
    expect(reopened).toBe(false);
  });
});

describe('accessibility', () => {
  it('has no axe violations on the sign-in, inbox and conversation views', async () => {
    const signInPage = await newPage();
    await signInPage.goto(`${server.url}/console`);
    await signInPage.getByRole('button', { name: 'Iniciar sesión' }).waitFor();
    expect(await axeViolations(signInPage, 'html')).toEqual([]);
    // With an error on screen too.
    await signInPage.getByRole('button', { name: 'Iniciar sesión' }).click();
    await signInPage.getByRole('alert').filter({ hasText: 'Escribe tu correo electrónico y tu contraseña.' }).waitFor();
    expect(await axeViolations(signInPage, 'html')).toEqual([]);

    const page = await openConsole();
    const v = await visitorWrites('Alba Accesible', 'Necesito ayuda con https://example.com/pedido', { searches: ['factura'] });
    await inboxLink(page, 'Alba Accesible').waitFor();
    expect(await axeViolations(page, 'html')).toEqual([]);

    await openConversation(page, 'Alba Accesible');
    await reply(page, 'Claro, dime');
    await v.socket.next('message', (f) => f.message.author === 'agent');
    await expect.poll(() => log(page).locator('.message.agent .delivery').last().textContent()).toBe('Enviado');
    v.socket.send({ type: 'typing', conversationId: v.conversationId, typing: true });
    await page.getByText('Alba Accesible está escribiendo…').waitFor();
    expect(await axeViolations(page, 'html')).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Close conversation' }).click();
    await page.getByText('This conversation is closed. The visitor can reopen it from the widget.').waitFor();
    expect(await axeViolations(page, 'html')).toEqual([]);
  }, 60_000);
});

describe('a visitor in the widget and an agent in the console', () => {
  it('exchange messages live, with context, typing, read receipts and closing, in two Chromium contexts', async () => {
    const agent = await openConsole();

    // The visitor, in a context of their own, on the demo shop: searches, then asks for a person.
    const visitor = await newPage();
    await visitor.goto(`${server.url}/`);
    await visitor.getByRole('button', { name: 'Ayuda', exact: true }).click();
    const widget = visitor.getByRole('dialog');
    await widget.getByRole('combobox').pressSequentially('contraseña', { delay: 20 });
    await expect.poll(async () => (await recordedEvents(visitor)).some((e) => e.type === 'atiende-search' && e.detail.query === 'contraseña')).toBe(true);
    await widget.getByRole('button', { name: 'Escribe al equipo' }).click();
    await widget.getByRole('textbox', { name: 'Tu mensaje' }).fill('No puedo entrar en mi cuenta');
    await widget.getByRole('button', { name: /hablar con una persona/i }).click();
    await widget.getByRole('textbox', { name: 'Nombre (opcional)' }).fill('Elena Dos Contextos');
    await widget.getByRole('button', { name: 'Acepto y empiezo el chat' }).click();
    const visitorLog = widget.getByRole('log');
    await visitorLog.getByText('No puedo entrar en mi cuenta').waitFor();

    // The agent's inbox shows it live; opening it shows the message and what the visitor searched.
    const link = inboxLink(agent, 'Elena Dos Contextos');
    await link.waitFor();
    expect(await link.locator('.last').textContent()).toBe('No puedo entrar en mi cuenta');
    await openConversation(agent, 'Elena Dos Contextos');
    expect(await messageTexts(agent)).toEqual(['No puedo entrar en mi cuenta']);
    const context = agent.getByRole('complementary', { name: 'Antes de preguntar' });
    await context.getByRole('listitem').filter({ hasText: 'contraseña' }).waitFor();
    expect(await context.getByRole('link', { name: `${server.url}/` }).count()).toBe(1);

    // The agent types and replies; the visitor sees it typed, then the message, as text.
    await replyBox(agent).pressSequentially('Hola Elena', { delay: 20 });
    await widget.getByText('está escribiendo…').waitFor();
    await replyBox(agent).pressSequentially(', ¿qué ves al entrar? <b>no es negrita</b>', { delay: 5 });
    await replyBox(agent).press('Enter');
    await visitorLog.getByText('Hola Elena, ¿qué ves al entrar? <b>no es negrita</b>').waitFor();
    expect(await visitorLog.locator('b').count()).toBe(0);
    // The widget is open on the reply, so the visitor has read it: "Seen" in the console.
    const mine = log(agent).locator('.message.agent').last();
    await expect.poll(() => mine.locator('.delivery').textContent()).toBe('Visto');

    // The visitor answers: the agent sees it typed, then the message, live.
    const visitorComposer = widget.getByRole('textbox', { name: 'Escribe un mensaje' });
    await visitorComposer.pressSequentially('Un error 403', { delay: 20 });
    await agent.getByText('Elena Dos Contextos está escribiendo…').waitFor();
    await visitorComposer.press('Enter');
    await expect.poll(() => messageTexts(agent)).toEqual([
      'No puedo entrar en mi cuenta', 'Hola Elena, ¿qué ves al entrar? <b>no es negrita</b>', 'Un error 403',
    ]);

    // The agent closes it: the widget says so.
    await agent.getByRole('button', { name: 'Cerrar conversación' }).click();
    await widget.getByText('Esta conversación se ha cerrado.').waitFor();
    await expect.poll(() => inboxLink(agent, 'Elena Dos Contextos').count()).toBe(0);
  }, 60_000);
});
