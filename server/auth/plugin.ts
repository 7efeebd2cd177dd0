// Staff sign-in: POST /api/console/login, POST /api/console/logout, GET /api/console/me.
// Sessions live in SQLite; the cookie is HttpOnly and SameSite=Strict, and every state-changing
// console request must come from the console's own origin.
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import { agentForSession, authenticate, endSession, SESSION_COOKIE, SESSION_DAYS, startSession, type Agent, type Role } from './staff.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The signed-in staff member, or a 401 (403 when their role is not among `roles`). */
    requireAgent(request: FastifyRequest, roles?: Role[]): Agent;
  }
}

const AgentSchema = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), role: Type.String() });
const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 429: ErrorResponseSchema };

/** The origin a browser shows for this server, as the request reached it. */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

const auth: FastifyPluginAsync<{ db: Db; secureCookies: boolean }> = async (fastify, { db, secureCookies }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  (fastify as FastifyInstance).decorate('requireAgent', (request: FastifyRequest, roles?: Role[]) => {
    const agent = agentForSession(db, request.cookies[SESSION_COOKIE]);
    if (!agent) throw new AtiendeError('ATIENDE_ERR_UNAUTHENTICATED', 401, 'Sign in to the console first');
    if (roles && !roles.includes(agent.role)) throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, `This needs the role ${roles.join(' or ')}`);
    return agent;
  });

  // CSRF: besides SameSite=Strict, a state-changing console request must say it comes from here.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || !request.url.startsWith('/api/console/')) return;
    const origin = request.headers.origin;
    if (origin !== ownOrigin(request)) {
      throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, 'Console requests must come from the console itself (Origin header)');
    }
  });

  app.post('/api/console/login', {
    schema: {
      body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ agent: AgentSchema }), ...errors },
    },
    config: { rateLimit: { max: 10, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const agent = await authenticate(db, request.body.email, request.body.password);
    if (!agent) throw new AtiendeError('ATIENDE_ERR_UNAUTHENTICATED', 401, 'Wrong email or password');
    const token = startSession(db, agent.id);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/', maxAge: SESSION_DAYS * 86_400,
    });
    return { agent };
  });

  app.post('/api/console/logout', { schema: { response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const agent = agentForSession(db, token);
    if (token) endSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (agent) fastify.events.emit('agent-signed-out', agent.id);
    return reply.status(204).send(null);
  });

  app.get('/api/console/me', { schema: { response: { 200: Type.Object({ agent: AgentSchema }), ...errors } } }, async (request) => ({
    agent: fastify.requireAgent(request),
  }));
};

/** Wrapped so that `requireAgent` and the Origin check reach every other plugin. */
export const authRoutes = fp(auth, { name: 'atiende-auth' });
