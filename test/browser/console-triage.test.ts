// Triage, spam and abuse in the console, in real Chromium against the real server: the inbox ranks an
// angry visitor first and says why with badges, each response timer warns then shows it overdue (on the
// page's controlled clock), the overdue count, VIP; blocking from a conversation, held messages and blocks.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, newContext } from '../helpers/browser.ts';
import { clientId, consent, signIn, visitorSocket, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'agente@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let session: string;
const contexts: BrowserContext[] = [];
const sockets: FrameSocket[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password }), launchBrowser()]);
  session = await signIn(server.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

async function visitorWrites(name: string, locale: 'es' | 'en', body: string): Promise<string> {
  const visitor = await consent(server.url, locale, { name });
  const res = await fetch(`${server.url}/api/chat/conversations`, {
    method: 'POST', headers: { ...visitor.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ locale, context: { searches: [], articles: [], pageUrl: server.url } }),
  });
  const conversationId = ((await res.json()) as { conversation: { id: string } }).conversation.id;
  const socket = await visitorSocket(server.url, visitor);
  sockets.push(socket);
  const id = clientId();
  socket.send({ type: 'send', conversationId, clientId: id, body });
  await socket.next('ack', (f) => f.clientId === id);
  return conversationId;
}

describe('triage in the inbox', () => {
  it('ranks the angry visitor first with badges, warns before the target, then marks it overdue; VIP from the conversation', async () => {
    const context = await newContext(browser);
    contexts.push(context);
    const page: Page = await context.newPage();
    await page.clock.install();
    const [name, value] = session.split(/=(.*)/s);
    await context.addCookies([{ name: name!, value: value!, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(`${server.url}/console`);
    const inbox = page.getByRole('navigation', { name: 'Bandeja de entrada' });
    await inbox.waitFor();

    await visitorWrites('Carla Calma', 'en', 'Hello, I have a question about my invoice, thanks');
    const angryId = await visitorWrites('Andrés Enfado', 'es', 'Estoy muy enfadado, es una vergüenza, el peor servicio');
    const angry = inbox.getByRole('link', { name: /Andrés Enfado/ });
    const calm = inbox.getByRole('link', { name: /Carla Calma/ });
    await angry.locator('[data-reason="angry"]').waitFor();
    expect(await angry.locator('.badge').allTextContents()).toEqual(['Enfadado', 'Espera < 1 min']);
    expect(await calm.locator('.badge').allTextContents()).toEqual(['Espera < 1 min']);
    const order = async () => (await inbox.getByRole('link').allTextContents()).map((t) => (t.includes('Andrés') ? 'angry' : 'calm'));
    await expect.poll(order).toEqual(['angry', 'calm']);
    expect(await calm.locator('.target').getAttribute('data-target')).toBe('ok');
    expect(await calm.locator('.target').textContent()).toMatch(/^Responder en [45] min$/);
    expect(await axeViolations(page, 'html')).toEqual([]);

    // The last fifth of the 5-minute chat target: a warning; past it: overdue, and counted.
    await page.clock.fastForward('04:10');
    await expect.poll(() => calm.locator('.target').getAttribute('data-target')).toBe('warning');
    await page.clock.fastForward('01:30');
    await expect.poll(() => calm.locator('.target').getAttribute('data-target')).toBe('breached');
    expect(await calm.locator('.target').textContent()).toMatch(/^Vencida hace/);
    expect(await inbox.locator('.overdue').textContent()).toBe('2 vencidas');
    expect(await axeViolations(page, 'html')).toEqual([]);

    // With teams, the overdue count per team: the angry visitor's conversation moves to Facturación.
    const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, {
      method: 'POST', headers: { cookie: session, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then((r) => r.json());
    const { teams } = await post('/api/console/teams', { name: 'Facturación' });
    await post(`/api/console/conversations/${angryId}/transfer`, { teamId: teams[0].id, note: 'Es de facturación' });
    await expect.poll(() => inbox.locator('[data-breaches]').textContent()).toBe('Vencidas por equipo: Cola general 1 · Facturación 1');

    // VIP, set from the conversation view, shows in the inbox.
    await calm.click();
    const vip = page.getByRole('button', { name: 'Marcar como VIP' });
    await vip.click();
    await page.getByRole('button', { name: 'Quitar VIP' }).waitFor();
    expect(await page.getByRole('button', { name: 'Quitar VIP' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => calm.locator('[data-reason="vip"]').count()).toBe(1);
    expect(await axeViolations(page, 'html')).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('navigation', { name: 'Inbox' });
    await english.waitFor();
    expect(await english.getByRole('link', { name: /Andrés Enfado/ }).locator('[data-reason="angry"]').textContent()).toBe('Angry');
    expect(await english.locator('.overdue').textContent()).toBe('2 overdue');
    expect(await english.getByRole('link', { name: /Carla Calma/ }).locator('.target').textContent()).toMatch(/^Overdue by/);
  }, 60_000);
});

describe('spam and abuse in the console', () => {
  it('blocks a visitor from the conversation with a reason, lists and releases held messages, and unblocks', async () => {
    const context = await newContext(browser);
    contexts.push(context);
    const page: Page = await context.newPage();
    const [name, value] = session.split(/=(.*)/s);
    await context.addCookies([{ name: name!, value: value!, url: server.url, httpOnly: true, sameSite: 'Strict' }]);

    // A visitor who sends a message with many links (held), then a real question.
    const visitor = await consent(server.url, 'es', { name: 'Sergio Spam' });
    const res = await fetch(`${server.url}/api/chat/conversations`, {
      method: 'POST', headers: { ...visitor.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'es', context: { searches: [], articles: [], pageUrl: server.url } }),
    });
    const conversationId = ((await res.json()) as { conversation: { id: string } }).conversation.id;
    const socket = await visitorSocket(server.url, visitor);
    sockets.push(socket);
    for (const body of ['Compra http://a.example http://b.example http://c.example http://d.example', 'Hola, ¿tenéis tienda física?']) {
      const id = clientId();
      socket.send({ type: 'send', conversationId, clientId: id, body });
      await socket.next('ack', (f) => f.clientId === id);
    }

    await page.goto(`${server.url}/console#/conversations/${conversationId}`);
    const log = page.getByRole('log', { name: 'Mensajes' });
    await log.getByText('Hola, ¿tenéis tienda física?').waitFor();
    expect(await log.getByText(/Compra http/).count()).toBe(0);

    await page.getByRole('button', { name: 'Bloquear visitante' }).click();
    await page.getByRole('textbox', { name: '¿Por qué bloqueas a este visitante?' }).fill('Publicidad');
    expect(await axeViolations(page, 'html')).toEqual([]);
    await page.getByRole('button', { name: 'Bloquear', exact: true }).click();
    await page.getByText('El visitante está bloqueado: no puede escribir ni abrir conversaciones.').waitFor();
    await socket.next('error', (f) => f.code === 'ATIENDE_ERR_BLOCKED');

    await page.getByRole('link', { name: 'Retenidos y bloqueos' }).click();
    const held = page.getByRole('region', { name: 'Mensajes retenidos' });
    await held.getByText(/Compra http/).waitFor();
    expect(await held.getByText('Sergio Spam · Muchos enlaces', { exact: false }).count()).toBe(1);
    const blocks = page.getByRole('region', { name: 'Visitantes bloqueados' });
    await blocks.getByText('Publicidad').waitFor();
    expect(await axeViolations(page, 'html')).toEqual([]);

    await held.getByRole('button', { name: 'Liberar' }).click();
    await held.getByText('No hay mensajes retenidos.').waitFor();
    await blocks.getByRole('button', { name: 'Desbloquear' }).click();
    await blocks.getByText('No hay nadie bloqueado.').waitFor();

    // Released, the message is in the conversation for agents.
    await page.goto(`${server.url}/console#/conversations/${conversationId}`);
    await page.getByRole('log', { name: 'Mensajes' }).getByText(/Compra http/).waitFor();
  }, 60_000);
});
