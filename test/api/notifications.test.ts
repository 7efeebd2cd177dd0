// "You have a reply" emails through a real local SMTP server (smtp-server): sent when an agent replies,
// the visitor is away and consented to email; not sent when they are there, did not consent, or were
// emailed within the interval; no SMTP configured, no email and no error.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, clientId, consent, json, signIn, startConversation, visitorSocket, type Visitor } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

interface Received { to: string; subject: string; text: string; html: string; from: string }

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PUBLIC_URL = 'https://help.example.com';
const inbox: Received[] = [];
let waiters: Array<() => void> = [];
let smtp: SMTPServer;
let smtpPort: number;
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
let cookie: string;

function nextMail(ms = 5000): Promise<Received> {
  const seen = inbox.length;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no email arrived')), ms);
    const check = () => {
      if (inbox.length > seen) {
        clearTimeout(timer);
        waiters = waiters.filter((w) => w !== check);
        resolve(inbox[seen]!);
      }
    };
    waiters.push(check);
  });
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          from: mail.from?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '',
        });
        for (const w of [...waiters]) w();
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as { port: number }).port;
  server = await startServer({
    adminEmail: ADMIN.email, adminPassword: ADMIN.password, publicUrl: PUBLIC_URL,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailFrom: 'Sol y Luna <ayuda@example.com>', notifyIntervalMinutes: 15, notifyDelayMs: 50,
  });
  base = server.url;
  cookie = await signIn(base, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await server.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

async function reply(conversationId: string, body: string): Promise<void> {
  const agent = await agentSocket(base, cookie);
  agent.send({ type: 'send', conversationId, clientId: clientId(), body });
  await agent.next('ack');
  agent.close();
}

async function conversationWith(extra: Record<string, unknown>, locale: 'es' | 'en' = 'es'): Promise<{ v: Visitor; id: string }> {
  const v = await consent(base, locale, extra as Record<string, string>);
  const res = await fetch(`${base}/api/chat/conversations`, {
    method: 'POST', headers: { ...v.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ locale, context: { searches: [], articles: [], pageUrl: base } }),
  });
  return { v, id: (await json(res)).conversation.id };
}

/** Waits past the notifier's delay and checks that nothing arrived. */
async function expectNoMail(): Promise<void> {
  await expect(nextMail(800)).rejects.toThrow(/no email/);
}

describe('reply notifications', () => {
  it('emails a visitor who is away and consented, with a link back to the conversation, in Spanish', async () => {
    const { id } = await conversationWith({ email: 'ana@example.com', notifyByEmail: true });
    const arrived = nextMail();
    await reply(id, 'Tu pedido sale mañana, el número de seguimiento es 12345');
    const mail = await arrived;
    expect(mail.to).toBe('ana@example.com');
    expect(mail.from).toContain('ayuda@example.com');
    expect(mail.subject).toBe('Tienes una respuesta de nuestro equipo');
    const link = `${PUBLIC_URL}/help?conversation=${id}&locale=es`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(link.replace('&', '&amp;'));
    // The answer stays in the channel: the email only points to it.
    expect(mail.text).not.toContain('12345');
    // A second reply within the interval sends nothing more.
    await reply(id, 'Y otra cosa');
    await expectNoMail();
  });

  it('writes in English for an English conversation', async () => {
    const { id } = await conversationWith({ email: 'bob@example.com', notifyByEmail: true }, 'en');
    const arrived = nextMail();
    await reply(id, 'Your order ships tomorrow');
    const mail = await arrived;
    expect(mail.subject).toBe('You have a reply from our team');
    expect(mail.text).toContain(`${PUBLIC_URL}/help?conversation=${id}&locale=en`);
    expect(mail.text).toMatch(/See the reply/);
  });

  it('sends nothing to a visitor who is there, or who did not ask for email', async () => {
    const present = await conversationWith({ email: 'carla@example.com', notifyByEmail: true });
    const socket = await visitorSocket(base, present.v);
    socket.send({ type: 'join', conversationId: present.id, afterSeq: 0 });
    await socket.next('joined');
    await reply(present.id, 'Hola Carla');
    await expectNoMail();
    socket.close();

    const noConsent = await conversationWith({ email: 'dani@example.com' });
    await reply(noConsent.id, 'Hola Dani');
    await expectNoMail();
  });

  it('gives agents the same link in the conversation detail (Copy link in the console)', async () => {
    const { id } = await conversationWith({});
    const detail = await json(await fetch(`${base}/api/console/conversations/${id}`, { headers: { cookie } }));
    expect(detail.link).toBe(`${PUBLIC_URL}/help?conversation=${id}&locale=es`);
  });

  it('refuses notifyByEmail without an email', async () => {
    const cfg = await json(await fetch(`${base}/api/chat/config?locale=es`));
    const res = await fetch(`${base}/api/chat/consent`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'es', channel: 'web', pageUrl: base, purpose: 'support_chat', consentVersion: cfg.consent.version, consentHash: cfg.consent.hash, notifyByEmail: true }),
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.field).toBe('email');
  });
});

describe('without SMTP_URL', () => {
  it('sends no email and the reply is delivered as always', async () => {
    const other = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password, notifyDelayMs: 10 });
    try {
      const v = await consent(other.url, 'es', { email: 'eva@example.com', notifyByEmail: 'true' } as never);
      const id = await startConversation(other.url, v);
      const agent = await agentSocket(other.url, await signIn(other.url, ADMIN.email, ADMIN.password));
      agent.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'Hola Eva' });
      expect((await agent.next('ack')).seq).toBe(1);
      agent.close();
      await expectNoMail();
    } finally {
      await other.close();
    }
  });
});
