// Answers from the knowledge base in the conversation view, in real Chromium against the real server: the
// agent searches the articles in the conversation's language and inserts a link and an excerpt, then a saved
// reply with the visitor's name filled, edits nothing and sends: the visitor's socket receives exactly that.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, cspViolations, launchBrowser, openConsole } from '../helpers/browser.ts';
import { clientId, consent, signIn, startConversation, visitorSocket, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;
let session: string;
let visitor: FrameSocket;
let conversationId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password, searchRateLimit: 0 }), launchBrowser()]);
  session = await signIn(server.url, ADMIN.email, ADMIN.password);
  const res = await fetch(`${server.url}/api/console/saved-replies`, {
    method: 'POST', headers: { cookie: session, origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ teamId: null, title: 'Saludo', bodyEs: 'Hola {name}, soy {agent} y te ayudo con gusto.', bodyEn: 'Hi {name}, I am {agent}.' }),
  });
  expect(res.status).toBe(201);
  const v = await consent(server.url, 'es', { name: 'Marta' });
  conversationId = await startConversation(server.url, v);
  visitor = await visitorSocket(server.url, v);
  visitor.send({ type: 'join', conversationId, afterSeq: 0 });
  await visitor.next('joined');
  const cid = clientId();
  visitor.send({ type: 'send', conversationId, clientId: cid, body: '¿Cómo valoro la conversación?' });
  await visitor.next('ack', (f) => f.clientId === cid);
});
afterAll(async () => {
  visitor.close();
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('knowledge base and saved replies in the reply box', () => {
  it('inserts an article link, an excerpt and a filled saved reply; the visitor receives the text', async () => {
    const page: Page = await openConsole(browser, server.url, session, `#/conversations/${conversationId}`);
    context = page.context();
    const tools = page.locator('atiende-reply-tools');
    const reply = page.getByRole('textbox', { name: 'Respuesta' });
    await reply.waitFor();

    await tools.getByRole('button', { name: 'Respuestas guardadas' }).click();
    await tools.getByRole('button', { name: 'Insertar: Saludo' }).click();
    expect(await reply.inputValue()).toBe('Hola Marta, soy Admin y te ayudo con gusto.');

    await tools.getByRole('button', { name: 'Base de conocimiento' }).click();
    await tools.getByRole('searchbox', { name: 'Busca en los artículos' }).fill('valorar conversacion');
    const article = tools.locator('li[data-article="chat-and-agents/rate-a-conversation"]');
    await article.waitFor();
    const title = await article.locator('.title').textContent();
    await article.getByRole('button', { name: /^Insertar enlace/ }).click();
    const link = `${server.url}/help#/article/es/chat-and-agents/rate-a-conversation`;
    expect(await reply.inputValue()).toBe(`Hola Marta, soy Admin y te ayudo con gusto. ${link}`);
    await article.getByRole('button', { name: /^Insertar extracto/ }).click();
    expect(await reply.inputValue()).toMatch(new RegExp(`${link.replace(/[.?#/]/g, '\\$&')} ${title}: .+`));
    expect(await axeViolations(page, 'atiende-console')).toEqual([]);

    const text = await reply.inputValue();
    await page.getByRole('button', { name: 'Enviar' }).click();
    const received = await visitor.next('message', (f) => f.message.author === 'agent');
    expect(received.message.body).toBe(text);
    expect(await cspViolations(page)).toEqual([]);
  });
});
