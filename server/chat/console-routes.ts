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
import { conversationFor, messagesAfter, openConversations, summarize, visitorProfile } from './store.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema };
const VisitorSchema = Type.Object({ name: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) });
const InboxItem = Type.Object({ ...ConversationSummarySchema.properties, visitor: VisitorSchema });

export const consoleChatRoutes: FastifyPluginAsync<{ db: Db; publicUrl: string }> = async (fastify, { db, publicUrl }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staff: ('admin' | 'agent')[] = ['admin', 'agent'];

  app.get('/api/console/conversations', {
    schema: { response: { 200: Type.Object({ conversations: Type.Array(InboxItem) }), ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, staff);
    return {
      conversations: openConversations(db).map((c) => {
        const v = visitorProfile(db, c.visitorId);
        return { ...summarize(db, c), visitor: { name: v?.name ?? null, email: v?.email ?? null } };
      }),
    };
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
      conversation: summarize(db, c),
      visitor: { name: v?.name ?? null, email: v?.email ?? null },
      context: c.context ?? null,
      messages: messagesAfter(db, c.id, 0),
      link: conversationLink(publicUrl, c.id, c.locale),
    };
  });
};
