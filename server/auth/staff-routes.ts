// Staff management for admins: GET /api/console/staff lists the team, POST adds an agent, editor or admin.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { asc } from 'drizzle-orm';
import { Type } from 'typebox';
import { CreateStaffBodySchema, StaffMemberSchema } from '../../protocol/articles.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import type { Db } from '../db/client.ts';
import { agents } from '../db/schema.ts';
import { AtiendeError } from '../errors.ts';
import { createAgent, findAgentByEmail } from './staff.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 409: ErrorResponseSchema };

export const staffRoutes: FastifyPluginAsync<{ db: Db }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/console/staff', {
    schema: { response: { 200: Type.Object({ staff: Type.Array(StaffMemberSchema) }), ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, ['admin']);
    const staff = db.select({ id: agents.id, email: agents.email, name: agents.name, role: agents.role }).from(agents).orderBy(asc(agents.name)).all();
    return { staff };
  });

  app.post('/api/console/staff', {
    schema: { body: CreateStaffBodySchema, response: { 201: Type.Object({ member: StaffMemberSchema }), ...errors } },
  }, async (request, reply) => {
    fastify.requireAgent(request, ['admin']);
    if (findAgentByEmail(db, request.body.email)) {
      throw new AtiendeError('ATIENDE_ERR_EXISTS', 409, `There is already a staff account for ${request.body.email}`, 'email');
    }
    const member = await createAgent(db, request.body);
    return reply.status(201).send({ member });
  });
};
