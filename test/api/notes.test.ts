// Internal notes and mentions over real HTTP and WebSockets: a note reaches the agents following the
// conversation live and never the visitor (not on their socket, not in their history); mentioning an agent or
// a team puts the conversation in their mentions until one of them replies or writes a note there; the asker
// sees what waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MentionsResponse, Note } from '../../protocol/notes.ts';
import { agentSocket, clientId, consent, json, signIn, startConversation, visitorSocket, type FrameSocket, type Visitor } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'a long enough password';
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
const staff: Record<string, { id: string; cookie: string; socket: FrameSocket }> = {};
let v: Visitor;
let visitor: FrameSocket;
let conversationId: string;

const post = (cookie: string, path: string, body: unknown) => fetch(`${base}${path}`, {
  method: 'POST', headers: { cookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify(body),
});
const mentionsOf = async (name: string) => json<MentionsResponse>(await fetch(`${base}/api/console/mentions`, { headers: { cookie: staff[name]!.cookie } }));

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  base = server.url;
  const admin = await signIn(base, ADMIN.email, ADMIN.password);
  for (const name of ['Ana', 'Bruno', 'Carla']) {
    const res = await post(admin, '/api/console/staff', { email: `${name.toLowerCase()}@example.com`, name, role: 'agent', password: PASSWORD });
    const cookie = await signIn(base, `${name.toLowerCase()}@example.com`, PASSWORD);
    staff[name] = { id: (await json(res)).member.id, cookie, socket: await agentSocket(base, cookie) };
  }
  server.app.db.$client.prepare(`INSERT INTO teams (id, name) VALUES ('billing', 'Facturación')`).run();
  server.app.db.$client.prepare(`INSERT INTO team_members (team_id, agent_id) VALUES ('billing', ?), ('billing', ?)`).run(staff.Bruno!.id, staff.Carla!.id);
  v = await consent(base, 'es');
  conversationId = await startConversation(base, v);
  visitor = await visitorSocket(base, v);
  visitor.send({ type: 'join', conversationId, afterSeq: 0 });
  await visitor.next('joined');
  staff.Ana!.socket.send({ type: 'join', conversationId, afterSeq: 0 });
  await staff.Ana!.socket.next('joined');
});
afterAll(async () => {
  visitor.close();
  for (const s of Object.values(staff)) s.socket.close();
  await server.close();
});

describe('internal notes', () => {
  it('reach agents following the conversation live, never the visitor', async () => {
    const res = await post(staff.Bruno!.cookie, `/api/console/conversations/${conversationId}/notes`, { body: 'Cliente habitual, <b>trátalo</b> con cariño' });
    expect(res.status).toBe(201);
    const { note } = await json<{ note: Note }>(res);
    expect(note).toMatchObject({ agentName: 'Bruno', body: 'Cliente habitual, <b>trátalo</b> con cariño', mentions: [] });
    const live = await staff.Ana!.socket.next('note');
    expect(live.note.id).toBe(note.id);

    // The visitor: no frame, nothing in the history a join returns.
    await new Promise((r) => setTimeout(r, 200));
    expect(visitor.frames.some((f) => f.type === 'note' || JSON.stringify(f).includes('trátalo'))).toBe(false);
    const again = await visitorSocket(base, v);
    again.send({ type: 'join', conversationId, afterSeq: 0 });
    expect(JSON.stringify(await again.next('joined'))).not.toContain('trátalo');
    again.close();
    // Nor through the visitor API.
    expect((await fetch(`${base}/api/console/conversations/${conversationId}/notes`, { headers: v.auth })).status).toBe(401);
    const list = await json(await fetch(`${base}/api/console/conversations/${conversationId}/notes`, { headers: { cookie: staff.Carla!.cookie } }));
    expect(list.notes).toHaveLength(1);
  });

  it('refuses an empty or oversized note, and unknown conversations', async () => {
    for (const body of [{ body: '   ' }, { body: 'x'.repeat(4001) }, {}]) {
      const res = await post(staff.Ana!.cookie, `/api/console/conversations/${conversationId}/notes`, body);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('ATIENDE_ERR_BAD_REQUEST');
    }
    expect((await post(staff.Ana!.cookie, '/api/console/conversations/nope/notes', { body: 'hola' })).status).toBe(404);
  });
});

describe('mentions', () => {
  it('puts the conversation in the mentioned agent’s and team’s lists until one of them responds', async () => {
    const res = await post(staff.Ana!.cookie, `/api/console/conversations/${conversationId}/notes`, { body: '@Facturación ¿podéis revisar el cobro? @bruno tú llevas su cuenta' });
    const { note } = await json<{ note: Note }>(res);
    expect(note.mentions.map((m) => m.name).sort()).toEqual(['Bruno', 'Facturación']);
    await staff.Carla!.socket.next('mentions');

    const carla = await mentionsOf('Carla');
    expect(carla.forMe).toHaveLength(1); // through the team
    expect(carla.forMe[0]).toMatchObject({ conversationId, byName: 'Ana', toName: 'Facturación' });
    expect((await mentionsOf('Bruno')).forMe.map((m) => m.toName).sort()).toEqual(['Bruno', 'Facturación']);
    const asked = await mentionsOf('Ana');
    expect(asked.forMe).toEqual([]);
    expect(asked.byMe).toHaveLength(2);
    expect(Date.now() - asked.byMe[0]!.createdAt).toBeLessThan(60_000);

    // Carla (Facturación) replies to the visitor: the team's mention is answered; Bruno's own is not.
    const carlaSocket = staff.Carla!.socket;
    carlaSocket.send({ type: 'join', conversationId, afterSeq: 0 });
    await carlaSocket.next('joined');
    const cid = clientId();
    carlaSocket.send({ type: 'send', conversationId, clientId: cid, body: 'Hola, reviso el cobro ahora mismo.' });
    await carlaSocket.next('ack', (f) => f.clientId === cid);
    await expect.poll(async () => (await mentionsOf('Carla')).forMe.length).toBe(0);
    expect((await mentionsOf('Bruno')).forMe.map((m) => m.toName)).toEqual(['Bruno']);
    expect((await mentionsOf('Ana')).byMe.map((m) => m.toName)).toEqual(['Bruno']);

    // Bruno answers with a note: nothing waits any more.
    await post(staff.Bruno!.cookie, `/api/console/conversations/${conversationId}/notes`, { body: 'Visto, es un cargo duplicado.' });
    expect((await mentionsOf('Bruno')).forMe).toEqual([]);
    expect((await mentionsOf('Ana')).byMe).toEqual([]);
    const notes = (await json<{ notes: Note[] }>(await fetch(`${base}/api/console/conversations/${conversationId}/notes`, { headers: { cookie: staff.Ana!.cookie } }))).notes;
    expect(notes[1]!.mentions.every((m) => m.respondedAt !== null)).toBe(true);
  });
});
