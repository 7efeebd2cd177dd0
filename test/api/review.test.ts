// Review of trainees' replies over real HTTP and WebSockets: in a team that reviews trainees, a trainee's
// reply is held as a draft (the visitor gets nothing), a lead edits and approves it and the visitor receives
// the edited text exactly once, even if approved twice; a reject tells the trainee; only leads (and admins)
// review; members and other teams' replies are not held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyDraft } from '../../protocol/review.ts';
import { agentSocket, clientId, consent, json, signIn, startConversation, visitorSocket, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'a long enough password';
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
const staff: Record<string, { id: string; cookie: string }> = {};

const post = (cookie: string, path: string, body: unknown = {}) => fetch(`${base}${path}`, {
  method: 'POST', headers: { cookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify(body),
});

async function conversationInBilling(): Promise<{ id: string; visitor: FrameSocket }> {
  const v = await consent(base, 'es');
  const id = await startConversation(base, v);
  server.app.db.$client.prepare(`UPDATE conversations SET team_id = 'billing' WHERE id = ?`).run(id);
  const visitor = await visitorSocket(base, v);
  visitor.send({ type: 'join', conversationId: id, afterSeq: 0 });
  await visitor.next('joined');
  return { id, visitor };
}

async function replies(name: string, conversationId: string, body: string): Promise<{ socket: FrameSocket; cid: string }> {
  const socket = await agentSocket(base, staff[name]!.cookie);
  socket.send({ type: 'join', conversationId, afterSeq: 0 });
  await socket.next('joined');
  const cid = clientId();
  socket.send({ type: 'send', conversationId, clientId: cid, body });
  return { socket, cid };
}

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  base = server.url;
  const admin = await signIn(base, ADMIN.email, ADMIN.password);
  for (const name of ['Lead', 'Trainee', 'Member']) {
    const res = await post(admin, '/api/console/staff', { email: `${name.toLowerCase()}@example.com`, name, role: 'agent', password: PASSWORD });
    staff[name] = { id: (await json(res)).member.id, cookie: await signIn(base, `${name.toLowerCase()}@example.com`, PASSWORD) };
  }
  const sqlite = server.app.db.$client;
  sqlite.prepare(`INSERT INTO teams (id, name, review_trainees) VALUES ('billing', 'Facturación', 1)`).run();
  sqlite.prepare(`INSERT INTO team_members (team_id, agent_id, role) VALUES ('billing', ?, 'lead'), ('billing', ?, 'trainee'), ('billing', ?, 'member')`)
    .run(staff.Lead!.id, staff.Trainee!.id, staff.Member!.id);
});
afterAll(async () => server.close());

describe('trainee review', () => {
  it('holds the trainee’s reply; the lead edits and approves; the visitor receives the edited text once', async () => {
    const { id, visitor } = await conversationInBilling();
    const { socket, cid } = await replies('Trainee', id, 'Hola, te devolvemos el dinero mañana');
    const held = await socket.next('review');
    expect(held.draft).toMatchObject({ clientId: cid, status: 'pending', authorName: 'Trainee', teamName: 'Facturación' });
    // Sent again (a reconnect): the same draft, not a second one.
    socket.send({ type: 'send', conversationId: id, clientId: cid, body: 'Hola, te devolvemos el dinero mañana' });
    expect((await socket.next('review')).draft.id).toBe(held.draft.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(visitor.frames.some((f) => f.type === 'message')).toBe(false);

    const pending = await json<{ drafts: ReplyDraft[] }>(await fetch(`${base}/api/console/reviews`, { headers: { cookie: staff.Lead!.cookie } }));
    expect(pending.drafts.map((d) => d.id)).toEqual([held.draft.id]);
    expect((await json(await fetch(`${base}/api/console/reviews`, { headers: { cookie: staff.Member!.cookie } }))).drafts).toEqual([]);
    expect((await post(staff.Member!.cookie, `/api/console/reviews/${held.draft.id}/approve`)).status).toBe(403);
    expect((await post(staff.Trainee!.cookie, `/api/console/reviews/${held.draft.id}/approve`)).status).toBe(403);
    expect((await post(staff.Lead!.cookie, `/api/console/reviews/${held.draft.id}/approve`, { body: '' })).status).toBe(400);

    const edited = 'Hola, el reembolso sale hoy y llega en 3 a 5 días hábiles.';
    const approved = await post(staff.Lead!.cookie, `/api/console/reviews/${held.draft.id}/approve`, { body: edited });
    expect(approved.status).toBe(200);
    expect((await json(approved)).draft).toMatchObject({ status: 'approved', reviewerName: 'Lead', body: edited });
    const message = await visitor.next('message');
    expect(message.message).toMatchObject({ author: 'agent', authorName: 'Trainee', body: edited, clientId: cid });
    expect((await socket.next('review', (f) => f.draft.status === 'approved')).draft.body).toBe(edited);
    // Approving again is refused, and nothing is sent twice.
    expect((await post(staff.Lead!.cookie, `/api/console/reviews/${held.draft.id}/approve`)).status).toBe(409);
    const rows = server.app.db.$client.prepare(`SELECT body FROM messages WHERE conversation_id = ? AND author = 'agent'`).all(id);
    expect(rows).toEqual([{ body: edited }]);
    socket.close();
    visitor.close();
  });

  it('tells the trainee when a reply is rejected, and never sends it', async () => {
    const { id, visitor } = await conversationInBilling();
    const { socket } = await replies('Trainee', id, 'No sé, pregunta a otro');
    const held = await socket.next('review');
    const rejected = await post(staff.Lead!.cookie, `/api/console/reviews/${held.draft.id}/reject`);
    expect((await json(rejected)).draft.status).toBe('rejected');
    expect((await socket.next('review', (f) => f.draft.status === 'rejected')).draft.reviewerName).toBe('Lead');
    await new Promise((r) => setTimeout(r, 200));
    expect(visitor.frames.some((f) => f.type === 'message')).toBe(false);
    expect((await post(staff.Lead!.cookie, '/api/console/reviews/99999/reject')).status).toBe(404);
    socket.close();
    visitor.close();
  });

  it('holds nothing once the conversation is closed: the trainee is told so', async () => {
    const { id } = await conversationInBilling();
    const { socket } = await replies('Trainee', id, 'Primera respuesta');
    await socket.next('review');
    const lead = await agentSocket(base, staff.Lead!.cookie);
    lead.send({ type: 'close', conversationId: id });
    const status = () => server.app.db.$client.prepare('SELECT status FROM conversations WHERE id = ?').pluck().get(id);
    for (let i = 0; i < 50 && status() !== 'closed'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(status()).toBe('closed');
    // The same socket wrote here before: the close is found all the same.
    const cid = clientId();
    socket.send({ type: 'send', conversationId: id, clientId: cid, body: 'Otra respuesta' });
    expect((await socket.next('error', (f) => f.ref === cid)).code).toBe('ATIENDE_ERR_CONVERSATION_CLOSED');
    expect(server.app.db.$client.prepare('SELECT count(*) FROM reply_drafts WHERE conversation_id = ?').pluck().get(id)).toBe(1);
    socket.close();
    lead.close();
  });

  it('does not hold members’ replies', async () => {
    const { id, visitor } = await conversationInBilling();
    const { socket, cid } = await replies('Member', id, 'Hola, te ayudo yo.');
    expect((await socket.next('ack', (f) => f.clientId === cid)).duplicate).toBe(false);
    expect((await visitor.next('message')).message.body).toBe('Hola, te ayudo yo.');
    socket.close();
    visitor.close();
  });
});
