// What the console reads over HTTP: the inbox and one conversation with its history and context.
// Writing (replies, closing, presence) goes through the console socket.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ChatMessageSchema, ConversationParamsSchema, ConversationSummarySchema } from '../../protocol/chat.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import { conversationLink } from '../mail/conversation-link.ts';
import type { ChatHub } from './hub.ts';
import { conversationFor, messagesAfter, openConversations, setVip, summarizeForAgent, visitorProfile } from './store.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema };
const VisitorSchema = Type.Object({ name: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) });
const InboxItem = Type.Object({ ...ConversationSummarySchema.properties, visitor: VisitorSchema });
const VipBodySchema = Type.Object({ vip: Type.Boolean() }, { additionalProperties: false });

export const consoleChatRoutes: FastifyPluginAsync<{ db: Db; publicUrl: string; hub: ChatHub }> = async (fastify, { db, publicUrl, hub }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staff: ('admin' | 'agent')[] = ['admin', 'agent'];

  app.get('/api/console/conversations', {
    schema: { response: { 200: Type.Object({ conversations: Type.Array(InboxItem) }), ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, staff);
    const now = Date.now();
    const inbox = openConversations(db).map((c) => {
      const s = summarizeForAgent(db, c.id, now)!;
      return { ...s, visitor: s.visitor ?? { name: null, email: null } };
    });
    // Highest priority first (the console sorts again as the clock runs).
    inbox.sort((a, b) => (b.priority?.score ?? 0) - (a.priority?.score ?? 0));
    return { conversations: inbox };
  });

  app.get('/api/console/conversations/:id', {
    schema: {
      params: ConversationParamsSchema,
      response: {
        200: Type.Object({
          conversation: ConversationSummarySchema,
          visitor: VisitorSchema,
          context: Type.Union([Type.Null(), Type.Object({
            searches: Type.Array(Type.String()),
            articles: Type.Array(Type.Object({ slug: Type.String(), title: Type.String() })),
            pageUrl: Type.String(),
          })]),
          messages: Type.Array(ChatMessageSchema),
          /** The conversation link an agent can post anywhere; it opens only for the conversation's owner. */
          link: Type.String(),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    fastify.requireAgent(request, staff);
    const c = conversationFor(db, request.params.id);
    if (!c) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such conversation');
    const v = visitorProfile(db, c.visitorId);
    return {
      conversation: summarizeForAgent(db, c.id)!,
      visitor: { name: v?.name ?? null, email: v?.email ?? null },
      context: c.context ?? null,
      messages: messagesAfter(db, c.id, 0, true),
      link: conversationLink(publicUrl, c.id, c.locale),
    };
  });

  // VIP raises the priority of every conversation of this visitor (and of their verified customer's devices).
  app.put('/api/console/conversations/:id/vip', {
    schema: { params: ConversationParamsSchema, body: VipBodySchema, response: { 200: Type.Object({ conversation: ConversationSummarySchema }), ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, staff);
    if (!setVip(db, request.params.id, request.body.vip)) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such conversation');
    hub.inboxChanged(request.params.id);
    return { conversation: summarizeForAgent(db, request.params.id)! };
  });
};
