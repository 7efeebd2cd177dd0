// Teams, routing rules and auto-assignment over real HTTP and WebSockets, with several agents online,
// one away and one at capacity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../protocol/chat.ts';
import type { Assignment, TeamsResponse } from '../../protocol/routing.ts';
import { agentSocket, clientId, consent, json, signIn, startConversation, visitorSocket, type FrameSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'a long enough password';
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
let admin: string;
const agents: Record<string, { id: string; cookie: string; socket?: FrameSocket }> = {};
let billing: string;
let tech: string;

async function call<T = any>(method: string, path: string, cookie: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method, headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await json<T>(res) };
}

async function addAgent(name: string) {
  const { body } = await call('POST', '/api/console/staff', admin, { email: `${name.toLowerCase()}@example.com`, name, role: 'agent', password: PASSWORD });
  agents[name] = { id: body.member.id, cookie: await signIn(base, `${name.toLowerCase()}@example.com`, PASSWORD) };
}

async function visitorWrites(body: string, locale: 'es' | 'en' = 'es') {
  const v = await consent(base, locale);
  const id = await startConversation(base, v);
  const socket = await visitorSocket(base, v);
  const cid = clientId();
  socket.send({ type: 'send', conversationId: id, clientId: cid, body });
  await socket.next('ack', (f) => f.clientId === cid);
  return { id, socket };
}

/** Reads the conversation's summary until `ok` (routing and assignment follow the visitor's message). */
async function summaryUntil(id: string, ok: (s: ConversationSummary) => boolean): Promise<ConversationSummary> {
  for (let i = 0; i < 50; i++) {
    const { body } = await call<{ conversation: ConversationSummary }>('GET', `/api/console/conversations/${id}`, admin);
    if (ok(body.conversation)) return body.conversation;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`conversation ${id} never satisfied the condition`);
}

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  base = server.url;
  admin = await signIn(base, ADMIN.email, ADMIN.password);
  for (const name of ['Ana', 'Bruno', 'Carla', 'Diego']) await addAgent(name);
});
afterAll(async () => {
  for (const a of Object.values(agents)) a.socket?.close();
  await server.close();
});

describe('teams and rules (admin)', () => {
  it('creates teams, members with capacity and ordered rules; refuses bad input and non-admins', async () => {
    let r = await call<TeamsResponse>('POST', '/api/console/teams', admin, { name: 'Facturación' });
    expect(r.status).toBe(201);
    billing = r.body.teams.find((t) => t.name === 'Facturación')!.id;
    r = await call<TeamsResponse>('POST', '/api/console/teams', admin, { name: 'Soporte técnico' });
    tech = r.body.teams.find((t) => t.name === 'Soporte técnico')!.id;

    expect((await call('POST', '/api/console/teams', admin, { name: 'Facturación' })).status).toBe(409);
    const empty = await call('POST', '/api/console/teams', admin, { name: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('name');
    expect((await call('POST', '/api/console/teams', agents.Ana!.cookie, { name: 'Ventas' })).status).toBe(403);

    for (const name of ['Ana', 'Bruno', 'Carla']) {
      r = await call<TeamsResponse>('POST', `/api/console/teams/${billing}/members/${agents[name]!.id}`, admin, { capacity: name === 'Bruno' ? 2 : 1 });
      expect(r.status).toBe(200);
    }
    await call('POST', `/api/console/teams/${tech}/members/${agents.Diego!.id}`, admin, { capacity: 1, role: 'lead' });
    expect((await call('POST', `/api/console/teams/${billing}/members/${agents.Ana!.id}`, admin, { capacity: 0 })).status).toBe(400);
    expect((await call('POST', `/api/console/teams/${billing}/members/nobody`, admin, {})).status).toBe(404);

    expect((await call('POST', '/api/console/routing-rules', admin, { teamId: billing })).status).toBe(400);
    r = await call<TeamsResponse>('POST', '/api/console/routing-rules', admin, { teamId: billing, words: ['factura', 'facturación', 'cobro'] });
    expect(r.status).toBe(201);
    r = await call<TeamsResponse>('POST', '/api/console/routing-rules', admin, { teamId: tech, words: ['contraseña', 'error'] });
    expect(r.body.rules.map((x) => x.teamId)).toEqual([billing, tech]);
    const team = r.body.teams.find((t) => t.id === billing)!;
    expect(team.members.map((m) => [m.name, m.capacity])).toEqual([['Ana', 1], ['Bruno', 2], ['Carla', 1]]);
  });
});

describe('routing and auto-assignment', () => {
  it('routes by words, and gives each new conversation to the least-busy online member under capacity', async () => {
    // Ana is away, Bruno and Carla online; Diego (tech) is offline.
    for (const name of ['Ana', 'Bruno', 'Carla']) agents[name]!.socket = await agentSocket(base, agents[name]!.cookie);
    agents.Ana!.socket!.send({ type: 'presence', status: 'away' });
    await new Promise((r) => setTimeout(r, 100));

    const first = await visitorWrites('Hola, tengo una duda con mi FACTURACION');
    const s1 = await summaryUntil(first.id, (s) => !!s.assignee);
    expect(s1.team?.name).toBe('Facturación');
    // Both have 0; ties go to the one with more room relative to capacity, then by id — either way not Ana.
    expect(['Bruno', 'Carla']).toContain(s1.assignee!.name);

    const second = await visitorWrites('Me llegó un cobro doble en la factura');
    const s2 = await summaryUntil(second.id, (s) => !!s.assignee);
    expect(s2.assignee!.name).not.toBe(s1.assignee!.name);
    expect(s2.assignee!.name).not.toBe('Ana');

    // Carla is at capacity (1); Bruno has one of two: the third goes to Bruno.
    const third = await visitorWrites('Otra pregunta de facturación');
    const s3 = await summaryUntil(third.id, (s) => !!s.assignee);
    expect(s3.assignee!.name).toBe('Bruno');

    // Everyone online is full: the fourth waits in the team's queue.
    const fourth = await visitorWrites('Quiero una factura con mis datos');
    const s4 = await summaryUntil(fourth.id, (s) => s.team?.name === 'Facturación');
    expect(s4.assignee).toBeNull();
    const teams = (await call<TeamsResponse>('GET', '/api/console/teams', agents.Bruno!.cookie)).body;
    expect(teams.teams.find((t) => t.id === billing)!.waiting).toBe(1);

    // Ana comes back: the waiting conversation is hers.
    agents.Ana!.socket!.send({ type: 'presence', status: 'online' });
    const s4b = await summaryUntil(fourth.id, (s) => !!s.assignee);
    expect(s4b.assignee!.name).toBe('Ana');

    // A message that matches no rule goes to the general queue, unassigned.
    const other = await visitorWrites('¿Abrís los domingos?');
    await new Promise((r) => setTimeout(r, 200));
    const so = await summaryUntil(other.id, () => true);
    expect(so.team).toBeNull();
    expect(so.assignee).toBeNull();

    for (const c of [first, second, third, fourth, other]) c.socket.close();
    // Ana is full too (capacity 1). Closing one frees capacity: a new billing conversation waits, then
    // goes to whoever freed it.
    const fifth = await visitorWrites('Factura rectificativa, por favor');
    expect((await summaryUntil(fifth.id, (s) => s.team?.name === 'Facturación')).assignee).toBeNull();
    const carla = agents.Carla!.socket!;
    const carlasConversation = [s1, s2].find((s) => s.assignee!.name === 'Carla')!;
    carla.send({ type: 'close', conversationId: carlasConversation.id });
    const s5 = await summaryUntil(fifth.id, (s) => !!s.assignee);
    expect(s5.assignee!.name).toBe('Carla');
    fifth.socket.close();
  });

  it('lets an agent claim, assign to another agent, and transfer to another team with a note', async () => {
    const c = await visitorWrites('La contraseña me da error');
    const routed = await summaryUntil(c.id, (s) => s.team?.name === 'Soporte técnico');
    expect(routed.assignee).toBeNull(); // Diego is not connected

    let r = await call<Assignment>('POST', `/api/console/conversations/${c.id}/claim`, agents.Bruno!.cookie);
    expect(r.status).toBe(200);
    expect(r.body.assigneeId).toBe(agents.Bruno!.id);
    r = await call<Assignment>('POST', `/api/console/conversations/${c.id}/assign`, agents.Bruno!.cookie, { agentId: agents.Ana!.id });
    expect(r.body.assigneeId).toBe(agents.Ana!.id);
    expect((await call('POST', `/api/console/conversations/${c.id}/assign`, agents.Bruno!.cookie, { agentId: 'nobody' })).status).toBe(404);

    const noNote = await call('POST', `/api/console/conversations/${c.id}/transfer`, agents.Ana!.cookie, { teamId: billing, note: '   ' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.field).toBe('note');
    r = await call<Assignment>('POST', `/api/console/conversations/${c.id}/transfer`, agents.Ana!.cookie, { teamId: billing, note: 'Es un cobro, no técnico' });
    expect(r.body.teamId).toBe(billing);
    const kinds = r.body.events.map((e) => e.kind);
    expect(kinds).toEqual(['routed', 'claimed', 'assigned', 'transferred']);
    const transfer = r.body.events.at(-1)!;
    expect(transfer).toMatchObject({ teamName: 'Facturación', byName: 'Ana', note: 'Es un cobro, no técnico' });
    // Everyone in the new team is at capacity: it waits in that team's queue, nobody's.
    const after = await summaryUntil(c.id, (s) => s.team?.name === 'Facturación');
    expect(after.assignee).toBeNull();

    // The visitor never sees teams or assignees.
    expect((await call('POST', `/api/console/conversations/${c.id}/transfer`, agents.Ana!.cookie, { teamId: 'nope', note: 'x' })).status).toBe(404);
    c.socket.close();
  });

  it('keeps routing out of the visitor view, and refuses a closed conversation', async () => {
    const v = await consent(base, 'es');
    const id = await startConversation(base, v);
    const mine = await json(await fetch(`${base}/api/chat/conversations/${id}`, { headers: v.auth }));
    expect(mine.conversation).not.toHaveProperty('team');
    expect(mine.conversation).not.toHaveProperty('assignee');
    const agent = agents.Bruno!.socket!;
    agent.send({ type: 'close', conversationId: id });
    await summaryUntil(id, (s) => s.status === 'closed');
    expect((await call('POST', `/api/console/conversations/${id}/claim`, agents.Bruno!.cookie)).status).toBe(409);
  });
});
