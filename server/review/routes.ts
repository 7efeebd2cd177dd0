// Review over HTTP: leads (and admins) list the drafts waiting for them, approve one (perhaps edited: it is
// then sent as the trainee's message, through the same commit as any reply, with the trainee's client id so
// a second approval is not a second message) or reject it. The trainee hears of either at once.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import { ApproveBodySchema, ReplyDraftSchema, ReviewParamsSchema, ReviewsResponseSchema } from '../../protocol/review.ts';
import type { Agent } from '../auth/staff.ts';
import type { ChatHub } from '../chat/hub.ts';
import { appendMessage, conversationFor, withAgentName } from '../chat/store.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import { draftById, ledTeams, pendingFor, settle, teamOfDraft } from './store.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema };

export const reviewRoutes: FastifyPluginAsync<{ db: Db; hub: ChatHub }> = async (fastify, { db, hub }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staff: ('admin' | 'agent')[] = ['admin', 'agent'];

  /** The pending draft, if this reviewer may act on it. */
  function reviewable(me: Agent, id: number) {
    const draft = draftById(db, id);
    if (!draft) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such draft');
    if (me.role !== 'admin' && !ledTeams(db, me.id).includes(teamOfDraft(db, id)!)) {
      throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, 'Only a lead of the team (or an admin) reviews its trainees’ replies');
    }
    if (draft.status !== 'pending') throw new AtiendeError('ATIENDE_ERR_CONFLICT', 409, `This draft was already ${draft.status}`);
    return draft;
  }

  const told = (id: number) => {
    const draft = draftById(db, id)!;
    hub.toAgent(draft.authorId, { type: 'review', draft });
    hub.toAgents({ type: 'reviews' });
    return draft;
  };

  app.get('/api/console/reviews', { schema: { response: { 200: ReviewsResponseSchema, ...errors } } }, async (request) => {
    const me = fastify.requireAgent(request, staff);
    return { drafts: pendingFor(db, me.id, me.role === 'admin') };
  });

  app.post('/api/console/reviews/:id/approve', {
    schema: { params: ReviewParamsSchema, body: ApproveBodySchema, response: { 200: Type.Object({ draft: ReplyDraftSchema }), ...errors } },
  }, async (request) => {
    const me = fastify.requireAgent(request, staff);
    const draft = reviewable(me, request.params.id);
    const body = (request.body.body ?? draft.body).trim();
    if (!body) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'The reply must not be blank', 'body');
    const c = conversationFor(db, draft.conversationId)!;
    if (c.status !== 'open') throw new AtiendeError('ATIENDE_ERR_CONVERSATION_CLOSED', 409, 'This conversation is closed; the reply can no longer be sent');
    const { message, duplicate } = appendMessage(db, { conversationId: c.id, author: 'agent', agentId: draft.authorId, clientId: draft.clientId, body });
    settle(db, draft.id, 'approved', me.id, body, message.seq);
    if (!duplicate) {
      hub.toConversation(c.id, { type: 'message', message: withAgentName(db, message, draft.authorId) });
      hub.inboxChanged(c.id);
      fastify.events.emit('agent-replied', c.id);
      fastify.events.emit('agent-wrote', c.id, draft.authorId);
    }
    return { draft: told(draft.id) };
  });

  app.post('/api/console/reviews/:id/reject', {
    schema: { params: ReviewParamsSchema, response: { 200: Type.Object({ draft: ReplyDraftSchema }), ...errors } },
  }, async (request) => {
    const me = fastify.requireAgent(request, staff);
    const draft = reviewable(me, request.params.id);
    settle(db, draft.id, 'rejected', me.id);
    return { draft: told(draft.id) };
  });
};
