// Trainee review in real Chromium, a trainee and a lead in two contexts: the trainee's reply shows "waiting
// for approval"; the lead sees it above the inbox, edits it and approves; the visitor receives the edited
// text and the trainee's conversation shows it sent.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, openConsole } from '../helpers/browser.ts';
import { consent, json, signIn, startConversation, visitorSocket, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'a long enough password';
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
const staff: Record<string, { id: string; cookie: string }> = {};
let visitor: FrameSocket;
let conversationId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password }), launchBrowser()]);
  const admin = await signIn(server.url, ADMIN.email, ADMIN.password);
  for (const name of ['Laura', 'Tomás']) {
    const email = `${name === 'Laura' ? 'laura' : 'tomas'}@example.com`;
    const res = await fetch(`${server.url}/api/console/staff`, {
      method: 'POST', headers: { cookie: admin, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ email, name, role: 'agent', password: PASSWORD }),
    });
    staff[name] = { id: (await json(res)).member.id, cookie: await signIn(server.url, email, PASSWORD) };
  }
  const sqlite = server.app.db.$client;
  sqlite.prepare(`INSERT INTO teams (id, name, review_trainees) VALUES ('billing', 'Facturación', 1)`).run();
  sqlite.prepare(`INSERT INTO team_members (team_id, agent_id, role) VALUES ('billing', ?, 'lead'), ('billing', ?, 'trainee')`).run(staff.Laura!.id, staff['Tomás']!.id);
  const v = await consent(server.url, 'es', { name: 'Paula' });
  conversationId = await startConversation(server.url, v);
  sqlite.prepare(`UPDATE conversations SET team_id = 'billing' WHERE id = ?`).run(conversationId);
  visitor = await visitorSocket(server.url, v);
  visitor.send({ type: 'join', conversationId, afterSeq: 0 });
  await visitor.next('joined');
});
afterAll(async () => {
  visitor.close();
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

async function consoleOf(name: string, hash = ''): Promise<Page> {
  const page = await openConsole(browser, server.url, staff[name]!.cookie, hash);
  contexts.push(page.context());
  return page;
}

describe('trainee review in the console', () => {
  it('holds the trainee’s reply until the lead edits and approves it', async () => {
    const trainee = await consoleOf('Tomás', `#/conversations/${conversationId}`);
    const lead = await consoleOf('Laura');
    const reply = trainee.getByRole('textbox', { name: 'Respuesta' });
    await reply.fill('Hola Paula, te devolvemos el dinero.');
    await trainee.getByRole('button', { name: 'Enviar' }).click();
    const line = trainee.locator('li.message.agent').last();
    await expect.poll(() => line.locator('[data-review]').textContent()).toBe('Pendiente de aprobación');

    const queue = lead.locator('atiende-review-queue li[data-draft]');
    await queue.waitFor();
    expect(await queue.locator('.who').textContent()).toContain('Tomás a Paula');
    expect(await axeViolations(lead, 'atiende-console')).toEqual([]);
    const edited = 'Hola Paula, el reembolso sale hoy y llega en 3 a 5 días hábiles.';
    await queue.getByRole('textbox').fill(edited);
    await queue.getByRole('button', { name: 'Aprobar y enviar' }).click();
    await expect.poll(() => queue.count()).toBe(0);

    const received = await visitor.next('message');
    expect(received.message).toMatchObject({ author: 'agent', authorName: 'Tomás', body: edited });
    await expect.poll(() => line.locator('.bubble').textContent()).toBe(edited);
    expect(await line.locator('[data-review]').count()).toBe(0);
  });
});
