// Saved replies over real HTTP: admins write replies for everyone or a team, a team's lead writes the team's,
// agents only read those for everyone and their teams'; blank, oversized and unknown input is refused clearly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '../../protocol/chat.ts';
import type { SavedReply } from '../../protocol/saved-replies.ts';
import { json, signIn } from '../helpers/chat-client.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'a long enough password';
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
const cookies: Record<string, string> = {};

const call = async (cookie: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method, headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await json(res) };
};
const reply = (teamId: string | null, title: string) => ({ teamId, title, bodyEs: `Hola {name}, ${title}`, bodyEn: `Hi {name}, ${title}` });
const titles = async (who: string) => ((await call(cookies[who]!, 'GET', '/api/console/saved-replies')).body.replies as SavedReply[]).map((r) => r.title);

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  base = server.url;
  cookies.admin = await signIn(base, ADMIN.email, ADMIN.password);
  const ids: Record<string, string> = {};
  for (const name of ['Lia', 'Max']) {
    const res = await call(cookies.admin, 'POST', '/api/console/staff', { email: `${name.toLowerCase()}@example.com`, name, role: 'agent', password: PASSWORD });
    ids[name] = res.body.member.id;
    cookies[name] = await signIn(base, `${name.toLowerCase()}@example.com`, PASSWORD);
  }
  const sqlite = server.app.db.$client;
  sqlite.prepare(`INSERT INTO teams (id, name) VALUES ('billing', 'Facturación'), ('sales', 'Ventas')`).run();
  sqlite.prepare(`INSERT INTO team_members (team_id, agent_id, role) VALUES ('billing', ?, 'lead'), ('sales', ?, 'member')`).run(ids.Lia, ids.Max);
});
afterAll(async () => server.close());

describe('saved replies', () => {
  it('lets admins write for everyone and any team, leads for their team, and refuses the rest', async () => {
    expect((await call(cookies.admin!, 'POST', '/api/console/saved-replies', reply(null, 'Saludo'))).status).toBe(201);
    expect((await call(cookies.admin!, 'POST', '/api/console/saved-replies', reply('sales', 'Oferta'))).status).toBe(201);
    const lead = await call(cookies.Lia!, 'POST', '/api/console/saved-replies', reply('billing', 'Reembolso'));
    expect(lead.status).toBe(201);
    expect(lead.body.reply).toMatchObject({ teamName: 'Facturación', editable: true, bodyEn: 'Hi {name}, Reembolso' });
    expect((await call(cookies.Lia!, 'POST', '/api/console/saved-replies', reply(null, 'Para todos'))).status).toBe(403);
    expect((await call(cookies.Max!, 'POST', '/api/console/saved-replies', reply('sales', 'Mía'))).status).toBe(403);
  });

  it('shows agents the replies for everyone and for their teams only', async () => {
    expect(await titles('admin')).toEqual(['Oferta', 'Reembolso', 'Saludo']);
    expect(await titles('Lia')).toEqual(['Reembolso', 'Saludo']);
    expect(await titles('Max')).toEqual(['Oferta', 'Saludo']);
  });

  it('updates and deletes with the same permissions', async () => {
    const all = (await call(cookies.admin!, 'GET', '/api/console/saved-replies')).body.replies as SavedReply[];
    const refund = all.find((r) => r.title === 'Reembolso')!;
    const greeting = all.find((r) => r.title === 'Saludo')!;
    const updated = await call(cookies.Lia!, 'POST', `/api/console/saved-replies/${refund.id}`, { ...reply('billing', 'Reembolso'), bodyEs: 'Hola {name}, tu reembolso está en camino.' });
    expect(updated.body.reply.bodyEs).toBe('Hola {name}, tu reembolso está en camino.');
    expect((await call(cookies.Lia!, 'DELETE', `/api/console/saved-replies/${greeting.id}`)).status).toBe(403);
    expect((await call(cookies.Max!, 'DELETE', `/api/console/saved-replies/${refund.id}`)).status).toBe(403);
    expect((await call(cookies.admin!, 'DELETE', `/api/console/saved-replies/${greeting.id}`)).status).toBe(204);
    expect((await call(cookies.admin!, 'DELETE', `/api/console/saved-replies/${greeting.id}`)).status).toBe(404);
  });

  it('refuses blank, oversized and unknown input with a message naming the field', async () => {
    for (const [body, field] of [
      [{ ...reply(null, 'x'), title: '   ' }, 'title'],
      [{ ...reply(null, 'x'), bodyEn: '' }, 'bodyEn'],
      [{ ...reply(null, 'x'), bodyEs: 'a'.repeat(MAX_MESSAGE_LENGTH + 1) }, 'bodyEs'],
      [{ ...reply(null, 'x'), title: 't'.repeat(121) }, 'title'],
    ] as const) {
      const res = await call(cookies.admin!, 'POST', '/api/console/saved-replies', body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.field, field).toBe(field);
    }
    expect((await call(cookies.admin!, 'POST', '/api/console/saved-replies', reply('nope', 'x'))).status).toBe(404);
    expect((await call(cookies.admin!, 'POST', '/api/console/saved-replies', { ...reply(null, 'x'), extra: 1 })).status).toBe(400);
    expect((await fetch(`${base}/api/console/saved-replies`)).status).toBe(401);
  });
});
