// Internal notes and mentions in real Chromium, two agents in two contexts: Ana writes a note asking @Bruno;
// Bruno's inbox shows it under "asked of you" with the waiting time, he opens it and answers with a note;
// the request disappears from both inboxes, and the note is marked answered.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, cspViolations, launchBrowser, openConsole } from '../helpers/browser.ts';
import { clientId, consent, signIn, startConversation, visitorSocket, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'a long enough password';
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
const cookies: Record<string, string> = {};
let visitor: FrameSocket;
let conversationId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password }), launchBrowser()]);
  const admin = await signIn(server.url, ADMIN.email, ADMIN.password);
  for (const name of ['Ana', 'Bruno']) {
    await fetch(`${server.url}/api/console/staff`, {
      method: 'POST', headers: { cookie: admin, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${name.toLowerCase()}@example.com`, name, role: 'agent', password: PASSWORD }),
    });
    cookies[name] = await signIn(server.url, `${name.toLowerCase()}@example.com`, PASSWORD);
  }
  const v = await consent(server.url, 'es', { name: 'Teresa Cliente' });
  conversationId = await startConversation(server.url, v);
  visitor = await visitorSocket(server.url, v);
  const cid = clientId();
  visitor.send({ type: 'send', conversationId, clientId: cid, body: 'Me habéis cobrado dos veces' });
  await visitor.next('ack', (f) => f.clientId === cid);
});
afterAll(async () => {
  visitor.close();
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

async function consoleOf(name: string, hash = ''): Promise<Page> {
  const page = await openConsole(browser, server.url, cookies[name]!, hash);
  contexts.push(page.context());
  return page;
}

describe('notes and mentions in the console', () => {
  it('asks a colleague in a note; they see it in their inbox until they answer', async () => {
    const ana = await consoleOf('Ana', `#/conversations/${conversationId}`);
    const bruno = await consoleOf('Bruno');
    const notes = ana.locator('atiende-notes');
    await notes.getByText('Aún no hay notas.').waitFor();
    await notes.getByRole('textbox', { name: 'Nueva nota interna' }).fill('@bruno ¿puedes mirar este cobro doble? <script>no</script>');
    await notes.getByRole('button', { name: 'Añadir nota' }).click();
    const note = notes.locator('li[data-note]');
    await note.waitFor();
    expect(await note.locator('.body').textContent()).toBe('@bruno ¿puedes mirar este cobro doble? <script>no</script>');
    expect(await note.locator('.asked').textContent()).toBe('Se pidió a: Bruno');

    const asked = bruno.locator('section[data-list="mentions-for-me"]');
    await asked.waitFor();
    expect(await asked.locator('a .who').textContent()).toBe('Ana pide');
    expect(await asked.locator('a .wait').textContent()).toBe('espera < 1 min');
    const mine = ana.locator('section[data-list="mentions-by-me"]');
    await mine.waitFor();
    expect(await mine.locator('a .who').textContent()).toBe('a Bruno');
    expect(await axeViolations(ana, 'atiende-console')).toEqual([]);

    await asked.getByRole('link').click();
    const brunoNotes = bruno.locator('atiende-notes');
    await brunoNotes.locator('li[data-note]').first().waitFor();
    await brunoNotes.getByRole('textbox', { name: 'Nueva nota interna' }).fill('Visto: es un cargo duplicado, lo devuelvo.');
    await brunoNotes.getByRole('button', { name: 'Añadir nota' }).click();
    await expect.poll(() => asked.count()).toBe(0);
    await expect.poll(() => mine.count()).toBe(0);
    await expect.poll(() => note.locator('.asked').textContent()).toBe('Se pidió a: Bruno (respondido)');
    // The visitor never got any of it.
    expect(visitor.frames.some((f) => JSON.stringify(f).includes('cobro doble'))).toBe(false);
    for (const p of [ana, bruno]) expect(await cspViolations(p)).toEqual([]);
  });
});
