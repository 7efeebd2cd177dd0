// Saved replies over HTTP. Agents read those for everyone and those of their teams; admins write any, a
// team's leads write their team's.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { Type } from 'typebox';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import { SavedRepliesResponseSchema, SavedReplyBodySchema, SavedReplyParamsSchema, SavedReplySchema, type SavedReply } from '../../protocol/saved-replies.ts';
import type { Agent } from '../auth/staff.ts';
import type { Db } from '../db/client.ts';
import { savedReplies, teamMembers, teams } from '../db/schema.ts';
import { AtiendeError } from '../errors.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema };

export const savedRepliesRoutes: FastifyPluginAsync<{ db: Db }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staff: ('admin' | 'agent')[] = ['admin', 'agent'];

  const memberships = (agentId: string) => db.select({ teamId: teamMembers.teamId, role: teamMembers.role }).from(teamMembers).where(eq(teamMembers.agentId, agentId)).all();
  const mayEdit = (me: Agent, teamId: string | null) =>
    me.role === 'admin' || (teamId !== null && memberships(me.id).some((m) => m.teamId === teamId && m.role === 'lead'));

  function list(me: Agent): SavedReply[] {
    const mine = memberships(me.id).map((m) => m.teamId);
    const rows = db.select({
      id: savedReplies.id, teamId: savedReplies.teamId, teamName: teams.name, title: savedReplies.title, bodyEs: savedReplies.bodyEs, bodyEn: savedReplies.bodyEn,
    }).from(savedReplies).leftJoin(teams, eq(teams.id, savedReplies.teamId))
      .where(me.role === 'admin' ? undefined : or(isNull(savedReplies.teamId), mine.length ? inArray(savedReplies.teamId, mine) : undefined))
      .orderBy(asc(savedReplies.title)).all();
    return rows.map((r) => ({ ...r, teamName: r.teamName ?? null, editable: mayEdit(me, r.teamId) }));
  }

  function checked(me: Agent, body: { teamId: string | null; title: string; bodyEs: string; bodyEn: string }) {
    const clean = { teamId: body.teamId, title: body.title.trim(), bodyEs: body.bodyEs.trim(), bodyEn: body.bodyEn.trim() };
    for (const field of ['title', 'bodyEs', 'bodyEn'] as const) {
      if (!clean[field]) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, `${field} must not be blank`, field);
    }
    if (clean.teamId && !db.select({ id: teams.id }).from(teams).where(eq(teams.id, clean.teamId)).get()) {
      throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such team', 'teamId');
    }
    if (!mayEdit(me, clean.teamId)) throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, clean.teamId ? 'Only admins and the team’s leads write its saved replies' : 'Only admins write saved replies for everyone');
    return clean;
  }

  function existing(me: Agent, id: number) {
    const row = db.select().from(savedReplies).where(eq(savedReplies.id, id)).get();
    if (!row) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such saved reply');
    if (!mayEdit(me, row.teamId)) throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, 'You may not change this saved reply');
    return row;
  }

  app.get('/api/console/saved-replies', { schema: { response: { 200: SavedRepliesResponseSchema, ...errors } } }, async (request) => {
    return { replies: list(fastify.requireAgent(request, staff)) };
  });

  app.post('/api/console/saved-replies', { schema: { body: SavedReplyBodySchema, response: { 201: Type.Object({ reply: SavedReplySchema }), ...errors } } }, async (request, reply) => {
    const me = fastify.requireAgent(request, staff);
    const row = db.insert(savedReplies).values({ ...checked(me, request.body), createdBy: me.id }).returning({ id: savedReplies.id }).get();
    return reply.status(201).send({ reply: list(me).find((r) => r.id === row.id)! });
  });

  app.post('/api/console/saved-replies/:id', {
    schema: { params: SavedReplyParamsSchema, body: SavedReplyBodySchema, response: { 200: Type.Object({ reply: SavedReplySchema }), ...errors } },
  }, async (request) => {
    const me = fastify.requireAgent(request, staff);
    existing(me, request.params.id);
    db.update(savedReplies).set({ ...checked(me, request.body), updatedAt: new Date() }).where(eq(savedReplies.id, request.params.id)).run();
    return { reply: list(me).find((r) => r.id === request.params.id)! };
  });

  app.delete('/api/console/saved-replies/:id', { schema: { params: SavedReplyParamsSchema, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    const me = fastify.requireAgent(request, staff);
    existing(me, request.params.id);
    db.delete(savedReplies).where(and(eq(savedReplies.id, request.params.id))).run();
    return reply.status(204).send(null);
  });
};
