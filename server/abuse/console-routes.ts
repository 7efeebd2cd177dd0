// Staff's side of spam and abuse: block and unblock visitors, list the blocks, review held messages.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BlockBodySchema, BlockParamsSchema, BlockSchema, HeldMessageSchema, HeldParamsSchema } from '../../protocol/abuse.ts';
import { ChatMessageSchema, ConversationParamsSchema } from '../../protocol/chat.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import type { ChatHub } from '../chat/hub.ts';
import { chatStatements } from '../chat/statements.ts';
import { conversationFor } from '../chat/store.ts';
import { moodOf } from '../triage/mood.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import type { Blocklist } from './blocks.ts';
import { heldMessages, settleHeld } from './held.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema };

export const abuseRoutes: FastifyPluginAsync<{ db: Db; hub: ChatHub; blocklist: Blocklist }> = async (fastify, { db, hub, blocklist }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staff: ('admin' | 'agent')[] = ['admin', 'agent'];

  app.get('/api/console/blocks', { schema: { response: { 200: Type.Object({ blocks: Type.Array(BlockSchema) }), ...errors } } }, async (request) => {
    fastify.requireAgent(request, staff);
    return { blocks: blocklist.active() };
  });

  app.post('/api/console/conversations/:id/block', {
    schema: { params: ConversationParamsSchema, body: BlockBodySchema, response: { 201: Type.Object({ block: BlockSchema }), ...errors } },
  }, async (request, reply) => {
    const agent = fastify.requireAgent(request, staff);
    const c = conversationFor(db, request.params.id);
    if (!c) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such conversation');
    const reason = request.body.reason.trim();
    if (!reason) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'Say why the visitor is blocked', 'reason');
    const id = blocklist.block(c.visitorId, reason, agent.id);
    // The widget shows its notice at once.
    hub.toVisitor(c.visitorId, { type: 'error', code: 'ATIENDE_ERR_BLOCKED', message: 'This visitor has been blocked' });
    return reply.status(201).send({ block: blocklist.active().find((b) => b.id === id)! });
  });

  app.delete('/api/console/blocks/:id', {
    schema: { params: BlockParamsSchema, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    const agent = fastify.requireAgent(request, staff);
    if (!blocklist.unblock(request.params.id, agent.id)) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such active block');
    return reply.status(204).send(null);
  });

  app.get('/api/console/held', { schema: { response: { 200: Type.Object({ messages: Type.Array(HeldMessageSchema) }), ...errors } } }, async (request) => {
    fastify.requireAgent(request, staff);
    return { messages: heldMessages(db) };
  });

  app.post('/api/console/conversations/:id/messages/:seq/release', {
    schema: { params: HeldParamsSchema, response: { 200: Type.Object({ message: ChatMessageSchema }), ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, staff);
    const message = settleHeld(db, request.params.id, request.params.seq, 'delivered');
    if (!message) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such held message');
    // Now the agents hear of it, as if it had just arrived (the visitor already has it).
    hub.toAgentsOf(message.conversationId, { type: 'message', message });
    hub.inboxChanged(message.conversationId);
    // Held messages were never scored; a released one counts for the visitor's mood like any other.
    const locale = conversationFor(db, message.conversationId)?.locale === 'en' ? 'en' : 'es';
    moodOf(message.body, locale).then((mood) => {
      chatStatements(db.$client).recordMood(message.conversationId, message.seq, mood);
      hub.inboxChanged(message.conversationId);
    }).catch((err: unknown) => request.log.warn({ err }, 'mood not scored'));
    return { message };
  });

  app.post('/api/console/conversations/:id/messages/:seq/discard', {
    schema: { params: HeldParamsSchema, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    fastify.requireAgent(request, staff);
    if (!settleHeld(db, request.params.id, request.params.seq, 'discarded')) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such held message');
    return reply.status(204).send(null);
  });
};
