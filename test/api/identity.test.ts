// Identity over real HTTP and sockets: a verified customer sees every conversation of theirs from any
// device and channel; tokens that are tampered, expired, unsigned or wrongly signed are refused; an
// unverified visitor claiming the same email sees nothing; conversation links open only for owners.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../../server/identity/identity-token.ts';
import { agentSocket, clientId, consent, json, signIn, startConversation, visitorSocket, type Visitor } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const SECRET = 'identity-secret-identity-secret-0123';
const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;

const identify = (token: string, auth: Record<string, string> = {}) =>
  fetch(`${base}/api/chat/identity`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ token, locale: 'es' }) });
const list = async (v: { auth: Record<string, string> }) =>
  (await json(await fetch(`${base}/api/chat/conversations`, { headers: v.auth }))).conversations.map((c: { id: string }) => c.id) as string[];
const asVisitor = (token: string): Visitor => ({ token, visitorId: '', auth: { authorization: `Bearer ${token}` } });
const count = (table: string) => {
  const db = new Database(join(server.dataDir, 'atiende.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  server = await startServer({ identitySecret: SECRET, adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  base = server.url;
});
afterAll(() => server.close());

describe('identity', () => {
  it('joins a customer\'s devices into one history, and a new device gets it without consenting twice', async () => {
    const token = () => signIdentityToken({ sub: 'cust-1', name: 'Lucía', email: 'lucia@example.com' }, SECRET);
    // Before any consent, identifying stores nothing and asks for consent.
    const customersBefore = count('customers');
    const early = await identify(await token());
    expect(early.status).toBe(200);
    expect(await json(early)).toEqual({ customer: { name: 'Lucía', email: 'lucia@example.com' }, visitorId: null });
    expect(count('customers')).toBe(customersBefore);

    const laptop = await consent(base);
    const first = await startConversation(base, laptop);
    const linked = await identify(await token(), laptop.auth);
    expect(linked.status).toBe(200);
    expect((await json(linked)).visitorId).toBe(laptop.visitorId);

    // The phone: no visitor token, only the identity the shop's backend signed.
    const phoneRes = await identify(await token());
    expect(phoneRes.status).toBe(201);
    const phoneBody = await json(phoneRes);
    const phone = asVisitor(phoneBody.visitorToken);
    expect(await list(phone)).toEqual([first]);

    // A conversation started on the phone shows on the laptop too, and both can follow it live.
    await fetch(`${base}/api/chat/conversations/${first}/reopen`, { method: 'POST', headers: phone.auth });
    const laptopSocket = await visitorSocket(base, laptop);
    const phoneSocket = await visitorSocket(base, phone);
    laptopSocket.send({ type: 'join', conversationId: first, afterSeq: 0 });
    phoneSocket.send({ type: 'join', conversationId: first, afterSeq: 0 });
    await laptopSocket.next('joined');
    await phoneSocket.next('joined');
    phoneSocket.send({ type: 'send', conversationId: first, clientId: clientId(), body: 'Desde el móvil' });
    await phoneSocket.next('ack');
    expect((await laptopSocket.next('message')).message.body).toBe('Desde el móvil');
    // An agent closes it: both devices hear of it at once, not only the one that started it.
    const cookie = await signIn(base, ADMIN.email, ADMIN.password);
    const agent = await agentSocket(base, cookie);
    agent.send({ type: 'close', conversationId: first });
    for (const s of [laptopSocket, phoneSocket]) expect((await s.next('conversation', (f) => f.conversation.id === first)).conversation.status).toBe('closed');
    // Reopened from the phone: the laptop hears of that too.
    await fetch(`${base}/api/chat/conversations/${first}/reopen`, { method: 'POST', headers: phone.auth });
    expect((await laptopSocket.next('conversation', (f) => f.conversation.id === first)).conversation.status).toBe('open');
    agent.close();
    laptopSocket.close();
    phoneSocket.close();
    const link = await fetch(`${base}/api/chat/conversations/${first}`, { headers: phone.auth });
    expect(link.status).toBe(200);
    expect((await json(link)).conversation.id).toBe(first);
  });

  it('never shows a verified customer\'s conversations to a visitor who claims the same email', async () => {
    const owner = await consent(base, 'es', { email: 'marta@example.com' });
    await identify(await signIdentityToken({ sub: 'cust-marta', email: 'marta@example.com' }, SECRET), owner.auth);
    const id = await startConversation(base, owner);
    const impostor = await consent(base, 'es', { name: 'Marta', email: 'marta@example.com' });
    expect(await list(impostor)).toEqual([]);
    const link = await fetch(`${base}/api/chat/conversations/${id}`, { headers: impostor.auth });
    expect(link.status).toBe(404);
    const socket = await visitorSocket(base, impostor);
    socket.send({ type: 'join', conversationId: id, afterSeq: 0 });
    expect((await socket.next('error')).code).toBe('ATIENDE_ERR_NOT_FOUND');
    socket.send({ type: 'send', conversationId: id, clientId: clientId(), body: 'hola' });
    expect((await socket.next('error')).code).toBe('ATIENDE_ERR_NOT_FOUND');
    socket.close();
    const anonymous = await fetch(`${base}/api/chat/conversations/${id}`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses tampered, expired, unsigned, wrongly signed and too long-lived tokens, and links nothing', async () => {
    const v = await consent(base);
    const key = new TextEncoder().encode(SECRET);
    const exp = (m: number) => Math.floor(Date.now() / 1000) + m * 60;
    const good = await signIdentityToken({ sub: 'cust-x' }, SECRET);
    const [h, , s] = good.split('.');
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const bad = [
      `${h}.${b64({ sub: 'cust-1', exp: exp(5) })}.${s}`,
      await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('cust-1').setExpirationTime(exp(-5)).sign(key),
      `${b64({ alg: 'none' })}.${b64({ sub: 'cust-1', exp: exp(5) })}.`,
      await signIdentityToken({ sub: 'cust-1' }, 'wrong-secret-wrong-secret-wrong-00'),
      await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('cust-1').setExpirationTime(exp(60)).sign(key),
    ];
    for (const token of bad) {
      const res = await identify(token, v.auth);
      expect(res.status).toBe(401);
      expect((await json(res)).error).toMatchObject({ code: 'ATIENDE_ERR_IDENTITY_REFUSED', field: 'token' });
    }
    expect(await list(v)).toEqual([]);
    const empty = await fetch(`${base}/api/chat/identity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(empty.status).toBe(400);
  });

  it('withdrawal on one device withdraws the customer\'s consent on all of them', async () => {
    const token = () => signIdentityToken({ sub: 'cust-w' }, SECRET);
    const a = await consent(base);
    await identify(await token(), a.auth);
    const b = asVisitor((await json(await identify(await token()))).visitorToken);
    const res = await fetch(`${base}/api/chat/consent`, { method: 'DELETE', headers: b.auth });
    expect(res.status).toBe(204);
    expect((await fetch(`${base}/api/chat/conversations`, { headers: a.auth })).status).toBe(401);
    // No consent left anywhere: a new device is asked again.
    expect((await json(await identify(await token()))).visitorId).toBeNull();
  });
});

describe('identity without a configured secret', () => {
  it('refuses every token', async () => {
    const other = await startServer({});
    try {
      const res = await fetch(`${other.url}/api/chat/identity`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: await signIdentityToken({ sub: 'c' }, SECRET) }),
      });
      expect(res.status).toBe(401);
      expect((await json(res)).error.message).toMatch(/ATIENDE_IDENTITY_SECRET/);
    } finally {
      await other.close();
    }
  });
});
