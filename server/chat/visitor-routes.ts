// What the widget calls over HTTP around the chat: the consent text and office hours, consent and its
// withdrawal, starting, listing, reopening and rating conversations, and socket tickets.
// A visitor is known by `Authorization: Bearer <visitor token>`, issued when consent is recorded.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ChatConfigQuerySchema, ChatConfigSchema, ConsentBodySchema, ConsentResponseSchema, ConversationListSchema,
  ConversationParamsSchema, ConversationResponseSchema, DeflectionBodySchema, RatingBodySchema,
  StartConversationBodySchema, TicketResponseSchema,
} from '../../protocol/chat.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import { verifyChannelTicket } from '../facebook/channel-ticket.ts';
import { customerConversations, customerVisitorIds, visitorMaySee } from '../identity/customers.ts';
import { recordConversationStart, recordDeflection } from '../insights/record.ts';
import { consentText } from './consent-text.ts';
import type { ChatHub } from './hub.ts';
import {
  conversationFor, conversationsStartedSince, grantConsent, rateConversation, setConversationStatus, startConversation,
  summarize, visitorConversations, visitorForToken, withdrawConsent,
} from './store.ts';
import type { Tickets } from './tickets.ts';
import type { Blocklist } from '../abuse/blocks.ts';
import type { IpHasher } from '../abuse/ip-hash.ts';

export interface VisitorRoutesOptions {
  db: Db;
  hub: ChatHub;
  tickets: Tickets;
  config: Config;
  blocklist: Blocklist;
  hashIp: IpHasher;
}

export const blockedError = () =>
  new AtiendeError('ATIENDE_ERR_BLOCKED', 403, 'This visitor has been blocked: no new conversations or messages are accepted');

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 429: ErrorResponseSchema };
const auth = Type.Object({ authorization: Type.Optional(Type.String()) });

export const visitorChatRoutes: FastifyPluginAsync<VisitorRoutesOptions> = async (fastify, { db, hub, tickets, config, blocklist, hashIp }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const perMinute = config.chatRateLimit > 0 ? { max: config.chatRateLimit, timeWindow: 60_000 } : false;

  const visitorOf = (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const visitor = visitorForToken(db, header.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (!visitor) throw new AtiendeError('ATIENDE_ERR_UNAUTHENTICATED', 401, 'A visitor token is required, or consent was withdrawn');
    return visitor;
  };
  /**
   * The visitor's own conversation, or their verified customer's; the same 404 whether it does not
   * exist or belongs to someone else.
   */
  const ownConversation = (request: FastifyRequest, id: string) => {
    const visitor = visitorOf(request);
    const c = conversationFor(db, id);
    if (!c || !visitorMaySee(db, visitor.id, c.visitorId)) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such conversation');
    return c;
  };
  /** Anyone may say "web" or "help"; "facebook" needs the ticket a verified Page tab handed out. */
  const checkChannel = (channel: string | undefined, ticket: string | undefined) => {
    if (channel !== 'facebook') return;
    const proven = verifyChannelTicket(ticket, config.facebookAppSecret);
    if (!proven || !config.facebookPageIds.includes(proven.pageId)) {
      throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'Channel facebook needs the channelTicket of a verified Facebook Page tab', 'channelTicket');
    }
  };
  /** Refuses a blocked visitor, or anyone from a blocked address. */
  const notBlocked = (request: FastifyRequest, visitorId?: string) => {
    if (blocklist.isBlocked(visitorId, hashIp(request.ip))) throw blockedError();
  };
  const conversationsOf = (visitor: { id: string; customerId: string | null }) =>
    visitor.customerId ? customerConversations(db, visitor.customerId) : visitorConversations(db, visitor.id);

  app.get('/api/chat/config', { schema: { querystring: ChatConfigQuerySchema, response: { 200: ChatConfigSchema, ...errors } } }, async (request) => ({
    consent: consentText(request.query.locale),
    officeHours: config.officeHours[request.query.locale],
    replyWithinHours: config.replyWithinHours,
    agentsOnline: hub.agentsOnline(),
  }));

  app.post('/api/chat/consent', {
    schema: { body: ConsentBodySchema, response: { 201: ConsentResponseSchema, ...errors } },
    config: { rateLimit: perMinute },
  }, async (request, reply) => {
    const body = request.body;
    notBlocked(request);
    checkChannel(body.channel, body.channelTicket);
    if (body.notifyByEmail && !body.email?.trim()) {
      throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'Email notifications need an email address', 'email');
    }
    const current = consentText(body.locale);
    if (body.consentVersion !== current.version || body.consentHash !== current.hash) {
      throw new AtiendeError('ATIENDE_ERR_CONSENT_CHANGED', 409, 'The consent text has changed; show the current one and ask again', 'consentHash');
    }
    const granted = grantConsent(db, {
      locale: body.locale, channel: body.channel, pageUrl: body.pageUrl, purpose: body.purpose,
      textVersion: current.version, textHash: current.hash, name: body.name?.trim(), email: body.email?.trim(),
      notifyByEmail: body.notifyByEmail === true, ipHash: hashIp(request.ip),
    });
    return reply.status(201).send(granted);
  });

  app.delete('/api/chat/consent', {
    schema: { headers: auth, querystring: Type.Object({ pageUrl: Type.Optional(Type.String({ maxLength: 2000 })) }), response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    const visitor = visitorOf(request);
    const devices = visitor.customerId ? customerVisitorIds(db, visitor.customerId) : [visitor.id];
    const stopped = withdrawConsent(db, visitor.id, request.query.pageUrl ?? '');
    for (const id of stopped) hub.inboxChanged(id);
    for (const id of devices) hub.closeVisitor(id, 'Consent withdrawn');
    return reply.status(204).send(null);
  });

  app.post('/api/chat/conversations', {
    schema: { headers: auth, body: StartConversationBodySchema, response: { 200: ConversationResponseSchema, ...errors } },
  }, async (request) => {
    const visitor = visitorOf(request);
    notBlocked(request, visitor.id);
    checkChannel(request.body.channel, request.body.channelTicket);
    const perHour = config.limits.conversationsPerHour;
    const hasOpen = visitorConversations(db, visitor.id).some((x) => x.status === 'open');
    if (perHour && !hasOpen && conversationsStartedSince(db, visitor.id, new Date(Date.now() - 3_600_000)) >= perHour) {
      throw new AtiendeError('ATIENDE_ERR_RATE_LIMITED', 429, `Too many conversations: at most ${perHour} an hour (ATIENDE_LIMIT_CONVERSATIONS_PER_HOUR)`);
    }
    const { locale, channel, context, visit } = request.body;
    const c = startConversation(db, visitor.id, locale, channel ?? 'web', context);
    if (c.created) {
      // Counted without the visitor: which article (if any) was read right before asking.
      const last = context.articles.at(-1);
      const fallback = last && fastify.kb.summary(locale, last.slug) ? { slug: last.slug, locale } : undefined;
      recordConversationStart(db, { locale, visit, fallback });
    }
    hub.inboxChanged(c.id);
    return { conversation: summarize(db, c) };
  });

  app.get('/api/chat/conversations', { schema: { headers: auth, response: { 200: ConversationListSchema, ...errors } } }, async (request) => ({
    conversations: conversationsOf(visitorOf(request)).map((c) => summarize(db, c)),
  }));

  // A conversation link (/help?conversation=<id>) lands here: the conversation only for its owner.
  app.get('/api/chat/conversations/:id', {
    schema: { headers: auth, params: ConversationParamsSchema, response: { 200: ConversationResponseSchema, ...errors } },
  }, async (request) => ({ conversation: summarize(db, ownConversation(request, request.params.id)) }));

  app.post('/api/chat/conversations/:id/reopen', {
    schema: { headers: auth, params: ConversationParamsSchema, response: { 200: ConversationResponseSchema, ...errors } },
  }, async (request) => {
    const c = ownConversation(request, request.params.id);
    notBlocked(request, c.visitorId);
    if (c.status === 'withdrawn') throw new AtiendeError('ATIENDE_ERR_CONVERSATION_CLOSED', 409, 'Consent was withdrawn for this conversation');
    const other = visitorConversations(db, c.visitorId).find((x) => x.status === 'open' && x.id !== c.id);
    if (other) throw new AtiendeError('ATIENDE_ERR_CONFLICT', 409, 'Another conversation is open; close it or write there');
    const summary = summarize(db, c.status === 'open' ? c : setConversationStatus(db, c.id, 'open')!);
    hub.inboxChanged(c.id);
    hub.conversationChanged(c.visitorId, { type: 'conversation', conversation: summary });
    return { conversation: summary };
  });

  app.post('/api/chat/conversations/:id/rating', {
    schema: { headers: auth, params: ConversationParamsSchema, body: RatingBodySchema, response: { 200: ConversationResponseSchema, ...errors } },
  }, async (request) => {
    const c = ownConversation(request, request.params.id);
    const summary = summarize(db, rateConversation(db, c.id, request.body.rating, request.body.comment?.trim() || undefined)!);
    hub.inboxChanged(c.id);
    return { conversation: summary };
  });

  app.post('/api/chat/tickets', {
    schema: { headers: auth, response: { 201: TicketResponseSchema, ...errors } },
    config: { rateLimit: perMinute },
  }, async (request, reply) => {
    const visitor = visitorOf(request);
    notBlocked(request, visitor.id);
    return reply.status(201).send({ ticket: tickets.issue(visitor.id) });
  });

  app.post('/api/chat/deflections', {
    schema: { body: DeflectionBodySchema, response: { 204: Type.Null(), ...errors } },
    config: { rateLimit: { max: 30, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const { locale, slug, visit } = request.body;
    recordDeflection(db, { locale, slug, visit });
    return reply.status(204).send(null);
  });
};
