// POST /api/chat/identity: the widget passes the identity token the company's backend signed for a
// signed-in customer. A verified token links the visitor to the customer, so every device and channel
// of that customer shares one history. A refused token changes nothing and says why.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdentityBodySchema, IdentityResponseSchema } from '../../protocol/chat.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import { visitorForToken } from '../chat/store.ts';
import { customerByExternalId, customerHasConsent, deviceVisitor, linkVisitor, upsertCustomer } from './customers.ts';
import { verifyIdentityToken } from './identity-token.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 409: ErrorResponseSchema, 429: ErrorResponseSchema };

export const identityRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (fastify, { db, config }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/chat/identity', {
    schema: {
      headers: Type.Object({ authorization: Type.Optional(Type.String()) }),
      body: IdentityBodySchema,
      response: { 200: IdentityResponseSchema, 201: IdentityResponseSchema, ...errors },
    },
    config: { rateLimit: config.chatRateLimit > 0 ? { max: config.chatRateLimit, timeWindow: 60_000 } : false },
  }, async (request, reply) => {
    const verified = await verifyIdentityToken(request.body.token, config.identitySecret);
    if (!verified.ok) {
      request.log.warn({ reason: verified.reason }, 'identity token refused');
      throw new AtiendeError('ATIENDE_ERR_IDENTITY_REFUSED', 401, `The identity token was refused: ${verified.reason}`, 'token');
    }
    const header = request.headers.authorization ?? '';
    const bearer = header.startsWith('Bearer ') ? header.slice(7) : undefined;
    const visitor = bearer ? visitorForToken(db, bearer) : undefined;
    if (bearer && !visitor) throw new AtiendeError('ATIENDE_ERR_UNAUTHENTICATED', 401, 'The visitor token was refused, or consent was withdrawn');

    const identity = verified.identity;
    if (visitor) {
      const customer = upsertCustomer(db, identity);
      if (!linkVisitor(db, visitor.id, customer.id)) {
        throw new AtiendeError('ATIENDE_ERR_CONFLICT', 409, 'This visitor belongs to another customer; withdraw consent here first');
      }
      return { customer: { name: customer.name, email: customer.email }, visitorId: visitor.id };
    }
    // A new device of a customer who consented elsewhere: their history, without asking twice.
    // Someone who never consented leaves nothing behind: the widget asks for consent, then links.
    const known = customerByExternalId(db, identity.externalId);
    if (known && customerHasConsent(db, known.id)) {
      const customer = upsertCustomer(db, identity);
      const created = deviceVisitor(db, customer, request.body.locale ?? 'en');
      return reply.status(201).send({ customer: { name: customer.name, email: customer.email }, ...created });
    }
    const profile = { name: identity.name ?? null, email: identity.email ?? null };
    return { customer: profile, visitorId: null };
  });
};
