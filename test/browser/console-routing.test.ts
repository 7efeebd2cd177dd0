// Teams and routing in the console, in real Chromium against the real server: the admin creates a team,
// adds an agent with a capacity and a routing rule; a visitor's message is routed to the team and, with
// nobody of the team online, waits in its queue; the admin takes it from the conversation view, transfers
// it to another team with a note, and the inbox and the history say so.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, openConsole } from '../helpers/browser.ts';
import { clientId, consent, signIn, startConversation, visitorSocket, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let session: string;
const contexts: BrowserContext[] = [];
const sockets: FrameSocket[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password }), launchBrowser()]);
  session = await signIn(server.url, ADMIN.email, ADMIN.password);
  const res = await fetch(`${server.url}/api/console/staff`, {
    method: 'POST', headers: { cookie: session, origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'lucia@example.com', name: 'Lucía', role: 'agent', password: 'a long enough password' }),
  });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('routing in the console', () => {
  it('admin sets up a team and a rule; a matching conversation is routed, taken and transferred', async () => {
    const page: Page = await openConsole(browser, server.url, session, '#teams');
    contexts.push(page.context());
    await page.getByRole('heading', { name: 'Equipos y reparto' }).waitFor();

    for (const team of ['Facturación', 'Ventas']) {
      await page.getByLabel('Nombre del equipo').fill(team);
      await page.getByRole('button', { name: 'Crear equipo' }).click();
      await page.locator(`section[data-team="${team}"]`).waitFor();
    }
    const billing = page.locator('section[data-team="Facturación"]');
    await billing.getByLabel('Agente').selectOption({ label: 'Lucía' });
    await billing.getByLabel('Capacidad').fill('3');
    await billing.getByRole('button', { name: 'Añadir miembro' }).click();
    await billing.locator('tr[data-member="Lucía"]').waitFor();
    expect(await billing.getByLabel('Capacidad: Lucía').inputValue()).toBe('3');

    const ruleForm = page.getByRole('form', { name: 'Añadir regla' });
    await ruleForm.getByLabel('Equipo').selectOption({ label: 'Facturación' });
    await ruleForm.getByLabel('Palabras del primer mensaje').fill('factura, cobro');
    await ruleForm.getByRole('button', { name: 'Añadir regla' }).click();
    await page.locator('ol.rules li').first().waitFor();
    expect(await page.locator('ol.rules li').first().textContent()).toContain('factura, cobro');
    expect(await axeViolations(page, 'atiende-console')).toEqual([]);

    // A saved reply for the billing team, in both languages.
    const saved = page.locator('atiende-saved-replies');
    await saved.getByLabel('Título').fill('Reembolso');
    await saved.getByLabel('Para').selectOption({ label: 'Facturación' });
    await saved.getByLabel('Texto en español').fill('Hola {name}, tu reembolso sale hoy.');
    await saved.getByLabel('Texto en inglés').fill('Hi {name}, your refund leaves today.');
    await saved.getByRole('button', { name: 'Añadir respuesta' }).click();
    await saved.locator('li[data-reply="Reembolso"]').waitFor();
    expect(await saved.locator('li[data-reply="Reembolso"]').textContent()).toContain('Facturación');

    // Auto-answer ships off; the admin turns it on here.
    const auto = page.locator('atiende-auto-answer');
    await auto.getByLabel('Responder automáticamente con la base de conocimiento').check();
    await auto.getByLabel('Umbral de confianza (0,2 a 1)').fill('0.6');
    await auto.getByRole('button', { name: 'Guardar' }).click();
    await auto.getByText('Guardado.').waitFor();
    expect(await fetch(`${server.url}/api/console/auto-answer`, { headers: { cookie: session } }).then((r) => r.json())).toEqual({ enabled: true, threshold: 0.6 });

    // A visitor asks about an invoice: routed to Facturación; Lucía is not online, so it waits.
    const visitor = await consent(server.url, 'es', { name: 'Marta Cliente' });
    const conversationId = await startConversation(server.url, visitor);
    const socket = await visitorSocket(server.url, visitor);
    sockets.push(socket);
    const id = clientId();
    socket.send({ type: 'send', conversationId, clientId: id, body: 'No entiendo este cobro en mi FACTURA' });
    await socket.next('ack', (f) => f.clientId === id);
    await expect.poll(async () => (await fetch(`${server.url}/api/console/teams`, { headers: { cookie: session } }).then((r) => r.json())).teams
      .find((t: { name: string }) => t.name === 'Facturación').waiting).toBe(1);

    await page.getByRole('link', { name: 'Bandeja' }).click();
    const inbox = page.getByRole('navigation', { name: 'Bandeja de entrada' });
    const item = inbox.getByRole('link', { name: /Marta Cliente/ });
    await expect.poll(() => item.locator('[data-owner]').textContent()).toBe('Facturación · Sin asignar');
    await inbox.getByLabel('Mostrar').selectOption('mine');
    await expect.poll(() => item.count()).toBe(0);
    await inbox.getByLabel('Mostrar').selectOption('unassigned');
    await item.waitFor();

    await item.click();
    const panel = page.locator('atiende-assignment');
    await expect.poll(() => panel.locator('[data-team]').textContent()).toBe('Facturación');
    await panel.getByRole('button', { name: 'Me la quedo' }).click();
    await expect.poll(() => panel.locator('[data-assignee]').textContent()).toBe('Admin');
    await panel.getByLabel('Pasar a').selectOption({ label: 'Ventas' });
    await panel.getByLabel('Nota para el equipo').fill('Quiere ampliar el pedido, no es un cobro');
    await panel.getByRole('button', { name: 'Pasar', exact: true }).click();
    await expect.poll(() => panel.locator('[data-team]').textContent()).toBe('Ventas');
    const history = panel.locator('li[data-event]');
    expect(await history.evaluateAll((els) => els.map((e) => e.getAttribute('data-event')))).toEqual(['routed', 'claimed', 'transferred']);
    expect(await history.last().textContent()).toContain('Quiere ampliar el pedido, no es un cobro');
    await inbox.getByLabel('Mostrar').selectOption('all');
    await expect.poll(() => item.locator('[data-owner]').textContent()).toBe('Ventas · Sin asignar');
  });
});
