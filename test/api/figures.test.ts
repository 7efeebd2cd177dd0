// Response and satisfaction figures over real HTTP, on conversations whose times are known: medians and the
// 90th percentile by hand, CSAT distribution, auto-answer counts; who sees what; bad periods. And the first
// response recorded by a real agent reply over a real socket, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FiguresResponse } from '../../protocol/figures.ts';
import { agentSocket, clientId, consent, json, signIn, startConversation, visitorSocket } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'a long enough password';
const DAY = 86_400_000;
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
let admin: string;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

const get = async (cookie: string, query = '') => {
  const res = await fetch(`${base}/api/console/figures${query}`, { headers: { cookie } });
  return { status: res.status, body: await json<FiguresResponse & { error?: { field?: string } }>(res) };
};

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  base = server.url;
  admin = await signIn(base, ADMIN.email, ADMIN.password);
  for (const name of ['Lola', 'Mario', 'Nuria']) {
    const res = await fetch(`${base}/api/console/staff`, {
      method: 'POST', headers: { cookie: admin, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${name.toLowerCase()}@example.com`, name, role: 'agent', password: PASSWORD }),
    });
    ids[name] = (await json(res)).member.id;
    cookies[name] = await signIn(base, `${name.toLowerCase()}@example.com`, PASSWORD);
  }
  // Two teams: Lola leads Ventas (with Mario); Nuria is in Soporte.
  const sqlite = server.app.db.$client;
  sqlite.prepare(`INSERT INTO teams (id, name) VALUES ('ventas', 'Ventas'), ('soporte', 'Soporte')`).run();
  sqlite.prepare(`INSERT INTO team_members (team_id, agent_id, role) VALUES ('ventas', ?, 'lead'), ('ventas', ?, 'member'), ('soporte', ?, 'member')`)
    .run(ids.Lola, ids.Mario, ids.Nuria);
  // Ten days ago, at noon UTC: conversations with first responses of 60..300 s (Ventas) and 600 s (Soporte).
  const t0 = Date.parse(new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10)) + 12 * 3_600_000;
  const visitor = sqlite.prepare(`INSERT INTO visitors (id, token_hash, locale) VALUES (?, ?, 'es')`);
  const conversation = sqlite.prepare(`INSERT INTO conversations (id, visitor_id, status, channel, locale, created_at, updated_at, closed_at,
    team_id, assignee_id, first_response_at, first_responder_id, resolution, rating) VALUES (?, ?, ?, 'web', 'es', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const rows: [string, string | null, number | null, number | null, number | null][] = [
    // team, agent, first response (s), resolution (s), rating
    ['ventas', ids.Lola!, 60, 3600, 5],
    ['ventas', ids.Lola!, 120, 7200, 4],
    ['ventas', ids.Mario!, 180, null, null],
    ['ventas', ids.Mario!, 240, 1800, 1],
    ['ventas', ids.Mario!, 300, 600, 5],
    ['soporte', ids.Nuria!, 600, 900, 3],
    ['soporte', null, null, null, null],
  ];
  rows.forEach(([team, agent, frt, res, rating], i) => {
    visitor.run(`fv${i}`, `fh${i}`);
    conversation.run(`fc${i}`, `fv${i}`, res === null ? 'open' : 'closed', t0, t0, res === null ? null : t0 + res * 1000, team, agent,
      frt === null ? null : t0 + frt * 1000, agent && frt !== null ? agent : null, res === null ? null : 'agent', rating);
  });
  sqlite.prepare(`INSERT INTO auto_answers (conversation_id, seq, slug, locale, confidence, outcome) VALUES
    ('fc0', 2, 'a', 'es', 0.7, 'accepted'), ('fc3', 2, 'a', 'es', 0.7, 'rejected'), ('fc5', 2, 'a', 'es', 0.7, NULL)`).run();
  // Outside any 30-day period: 100 days ago.
  visitor.run('fvold', 'fhold');
  conversation.run('fcold', 'fvold', 'closed', t0 - 90 * DAY, t0 - 90 * DAY, t0 - 90 * DAY + 1000, 'ventas', ids.Lola, t0 - 90 * DAY + 5000, ids.Lola, 'agent', 2);
});
afterAll(async () => server.close());

describe('figures', () => {
  it('gives admins every team and agent: medians, p90, CSAT distribution, auto-answers', async () => {
    const { status, body } = await get(admin);
    expect(status).toBe(200);
    expect(body.scope).toBe('all');
    expect(body.overall).toMatchObject({
      conversations: 7, handled: 6,
      firstResponse: { median: 210, p90: 450 }, // 60,120,180,240,300,600: median (180+240)/2; p90 interpolated 300 + 0.5·300
      resolution: { median: 1800, p90: 5760 }, // 600,900,1800,3600,7200: p90 at position 0.9·4 = 3.6 → 3600 + 0.6·3600
      csat: { average: 3.6, count: 5, distribution: [1, 0, 1, 1, 2] },
      autoAnswers: { offered: 3, accepted: 1, rejected: 1 },
    });
    const ventas = body.teams.find((t) => t.name === 'Ventas')!;
    expect(ventas).toMatchObject({ conversations: 5, handled: 5, firstResponse: { median: 180 }, csat: { distribution: [1, 0, 0, 1, 2] } });
    const mario = body.agents.find((a) => a.name === 'Mario')!;
    expect(mario).toMatchObject({ conversations: 3, firstResponse: { median: 240, p90: 288 }, resolution: { median: 1200 } });
    expect(body.agents.map((a) => a.name).sort()).toEqual(['Lola', 'Mario', 'Nuria']);
  });

  it('limits a lead to their teams, and an agent to themselves', async () => {
    const lead = (await get(cookies.Lola!)).body;
    expect(lead.scope).toBe('teams');
    expect(lead.teams.map((t) => t.name)).toEqual(['Ventas']);
    expect(lead.overall.conversations).toBe(5);
    expect(lead.agents.map((a) => a.name).sort()).toEqual(['Lola', 'Mario']);
    const own = (await get(cookies.Nuria!)).body;
    expect(own.scope).toBe('self');
    expect(own.teams).toEqual([]);
    expect(own.agents.map((a) => a.name)).toEqual(['Nuria']);
    expect(own.overall).toMatchObject({ conversations: 1, firstResponse: { median: 600 } });
  });

  it('takes a period, and refuses a bad one with a 400 naming the field', async () => {
    const from = new Date(Date.now() - 120 * DAY).toISOString().slice(0, 10);
    const wide = (await get(admin, `?from=${from}`)).body;
    expect(wide.overall.conversations).toBe(8);
    for (const [query, field] of [['?from=2026-02-30', 'from'], ['?from=2026-05-02&to=2026-05-01', 'from'], ['?from=2024-01-01&to=2026-01-01', 'from'], ['?to=yesterday', 'to']] as const) {
      const { status, body } = await get(admin, query);
      expect(status, query).toBe(400);
      expect(body.error?.field, query).toBe(field);
    }
    expect((await fetch(`${base}/api/console/figures`)).status).toBe(401);
  });

  it('records the first response of a real agent reply, once, and an agent closing as resolution "agent"', async () => {
    const v = await consent(base, 'es');
    const id = await startConversation(base, v);
    const visitor = await visitorSocket(base, v);
    const agent = await agentSocket(base, cookies.Mario!);
    agent.send({ type: 'join', conversationId: id, afterSeq: 0 });
    await agent.next('joined');
    for (const body of ['Hola, ¿en qué te ayudo?', '¿Sigues ahí?']) {
      const cid = clientId();
      agent.send({ type: 'send', conversationId: id, clientId: cid, body });
      await agent.next('ack', (f) => f.clientId === cid);
    }
    const row = () => server.app.db.$client.prepare('SELECT created_at, first_response_at, first_responder_id, resolution FROM conversations WHERE id = ?').get(id) as
      { created_at: number; first_response_at: number; first_responder_id: string; resolution: string | null };
    const first = server.app.db.$client.prepare(`SELECT created_at FROM messages WHERE conversation_id = ? AND author = 'agent' ORDER BY seq LIMIT 1`).get(id) as { created_at: number };
    expect(row().first_responder_id).toBe(ids.Mario);
    expect(row().first_response_at).toBe(Math.trunc(first.created_at));
    agent.send({ type: 'close', conversationId: id });
    await visitor.next('conversation', (f) => f.conversation.status === 'closed');
    expect(row().resolution).toBe('agent');
    visitor.close();
    agent.close();
  });
});
