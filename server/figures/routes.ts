// GET /api/console/figures?from=&to=: admins see every team and agent; a team lead their teams and the
// agents' figures within them; an agent their own.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import { FiguresQuerySchema, FiguresResponseSchema } from '../../protocol/figures.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import type { Db } from '../db/client.ts';
import { teamMembers } from '../db/schema.ts';
import { periodOf } from './period.ts';
import { figuresFor } from './queries.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema };

export const figuresRoutes: FastifyPluginAsync<{ db: Db }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/console/figures', { schema: { querystring: FiguresQuerySchema, response: { 200: FiguresResponseSchema, ...errors } } }, async (request) => {
    const me = fastify.requireAgent(request, ['admin', 'agent']);
    const period = periodOf(request.query);
    if (me.role === 'admin') return { from: period.from, to: period.to, scope: 'all' as const, ...figuresFor(db.$client, period) };
    const led = db.select({ teamId: teamMembers.teamId }).from(teamMembers)
      .where(and(eq(teamMembers.agentId, me.id), eq(teamMembers.role, 'lead'))).all().map((r) => r.teamId);
    if (led.length) return { from: period.from, to: period.to, scope: 'teams' as const, ...figuresFor(db.$client, period, { teams: led }) };
    return { from: period.from, to: period.to, scope: 'self' as const, ...figuresFor(db.$client, period, { agent: me.id }), teams: [] };
  });
};
