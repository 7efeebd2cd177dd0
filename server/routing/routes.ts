// Teams, routing rules and assignment over HTTP. Admins edit teams, members and rules; agents and admins
// claim a conversation, assign it to someone, or transfer it to another team with a note.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ConversationParamsSchema } from '../../protocol/chat.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import {
  AssignBodySchema, AssignmentSchema, MemberBodySchema, MemberParamsSchema, RuleBodySchema, RuleParamsSchema,
  TeamBodySchema, TeamParamsSchema, TeamsResponseSchema, TransferBodySchema,
} from '../../protocol/routing.ts';
import type { ChatHub } from '../chat/hub.ts';
import { conversationFor } from '../chat/store.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import type { Assigner } from './assigner.ts';
import {
  addRule, agentExists, assignmentEventsOf, createTeam, deleteRule, deleteTeam, listRules, listTeams, moveRule, recordEvent,
  removeMember, setAssignment, setMember, teamExists, updateTeam,
} from './teams-store.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema };

export const routingRoutes: FastifyPluginAsync<{ db: Db; hub: ChatHub; assigner: Assigner }> = async (fastify, { db, hub, assigner }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staff: ('admin' | 'agent')[] = ['admin', 'agent'];
  const teamsNow = () => ({ teams: listTeams(db, (id) => hub.agentStatus(id) === 'online'), rules: listRules(db) });

  app.get('/api/console/teams', { schema: { response: { 200: TeamsResponseSchema, ...errors } } }, async (request) => {
    fastify.requireAgent(request, staff);
    return teamsNow();
  });

  app.post('/api/console/teams', { schema: { body: TeamBodySchema, response: { 201: TeamsResponseSchema, ...errors } } }, async (request, reply) => {
    fastify.requireAgent(request, ['admin']);
    createTeam(db, request.body.name, request.body.reviewTrainees);
    return reply.status(201).send(teamsNow());
  });

  app.post('/api/console/teams/:id', { schema: { params: TeamParamsSchema, body: TeamBodySchema, response: { 200: TeamsResponseSchema, ...errors } } }, async (request) => {
    fastify.requireAgent(request, ['admin']);
    updateTeam(db, request.params.id, request.body.name, request.body.reviewTrainees);
    return teamsNow();
  });

  app.delete('/api/console/teams/:id', { schema: { params: TeamParamsSchema, response: { 200: TeamsResponseSchema, ...errors } } }, async (request) => {
    fastify.requireAgent(request, ['admin']);
    for (const id of deleteTeam(db, request.params.id)) hub.inboxChanged(id);
    return teamsNow();
  });

  app.post('/api/console/teams/:id/members/:agentId', {
    schema: { params: MemberParamsSchema, body: MemberBodySchema, response: { 200: TeamsResponseSchema, ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, ['admin']);
    setMember(db, request.params.id, request.params.agentId, request.body.role, request.body.capacity);
    // A new member, or more capacity: the queue may move.
    assigner.assignWaiting(request.params.id);
    return teamsNow();
  });

  app.delete('/api/console/teams/:id/members/:agentId', { schema: { params: MemberParamsSchema, response: { 200: TeamsResponseSchema, ...errors } } }, async (request) => {
    fastify.requireAgent(request, ['admin']);
    removeMember(db, request.params.id, request.params.agentId);
    return teamsNow();
  });

  app.post('/api/console/routing-rules', { schema: { body: RuleBodySchema, response: { 201: TeamsResponseSchema, ...errors } } }, async (request, reply) => {
    fastify.requireAgent(request, ['admin']);
    const b = request.body;
    addRule(db, { teamId: b.teamId, categories: b.categories ?? [], words: b.words ?? [], locale: b.locale ?? null, channel: b.channel ?? null });
    return reply.status(201).send(teamsNow());
  });

  app.post('/api/console/routing-rules/:id/move', {
    schema: { params: RuleParamsSchema, body: Type.Object({ direction: Type.Union([Type.Literal('up'), Type.Literal('down')]) }, { additionalProperties: false }), response: { 200: TeamsResponseSchema, ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, ['admin']);
    moveRule(db, request.params.id, request.body.direction);
    return teamsNow();
  });

  app.delete('/api/console/routing-rules/:id', { schema: { params: RuleParamsSchema, response: { 200: TeamsResponseSchema, ...errors } } }, async (request) => {
    fastify.requireAgent(request, ['admin']);
    deleteRule(db, request.params.id);
    return teamsNow();
  });

  const openConversation = (id: string) => {
    const c = conversationFor(db, id);
    if (!c) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such conversation');
    if (c.status !== 'open') throw new AtiendeError('ATIENDE_ERR_CONVERSATION_CLOSED', 409, 'This conversation is closed');
    return c;
  };
  const assignment = (id: string) => {
    const c = conversationFor(db, id)!;
    return { teamId: c.teamId, assigneeId: c.assigneeId, events: assignmentEventsOf(db, id) };
  };

  app.get('/api/console/conversations/:id/assignment', { schema: { params: ConversationParamsSchema, response: { 200: AssignmentSchema, ...errors } } }, async (request) => {
    fastify.requireAgent(request, staff);
    if (!conversationFor(db, request.params.id)) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such conversation');
    return assignment(request.params.id);
  });

  app.post('/api/console/conversations/:id/claim', { schema: { params: ConversationParamsSchema, response: { 200: AssignmentSchema, ...errors } } }, async (request) => {
    const me = fastify.requireAgent(request, staff);
    const c = openConversation(request.params.id);
    if (c.assigneeId !== me.id) {
      setAssignment(db, c.id, { assigneeId: me.id });
      recordEvent(db, { conversationId: c.id, kind: 'claimed', teamId: c.teamId, agentId: me.id, byAgentId: me.id });
      hub.inboxChanged(c.id);
    }
    return assignment(c.id);
  });

  app.post('/api/console/conversations/:id/assign', {
    schema: { params: ConversationParamsSchema, body: AssignBodySchema, response: { 200: AssignmentSchema, ...errors } },
  }, async (request) => {
    const me = fastify.requireAgent(request, staff);
    const c = openConversation(request.params.id);
    const target = agentExists(db, request.body.agentId);
    if (!target) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such agent', 'agentId');
    if (target.role === 'editor') throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'Editors do not answer conversations', 'agentId');
    const previous = c.assigneeId;
    setAssignment(db, c.id, { assigneeId: request.body.agentId });
    recordEvent(db, { conversationId: c.id, kind: 'assigned', teamId: c.teamId, agentId: request.body.agentId, byAgentId: me.id });
    hub.inboxChanged(c.id);
    if (previous && previous !== request.body.agentId) assigner.freed(null, previous);
    return assignment(c.id);
  });

  app.post('/api/console/conversations/:id/transfer', {
    schema: { params: ConversationParamsSchema, body: TransferBodySchema, response: { 200: AssignmentSchema, ...errors } },
  }, async (request) => {
    const me = fastify.requireAgent(request, staff);
    const c = openConversation(request.params.id);
    const { teamId } = request.body;
    const note = request.body.note.trim();
    if (!note) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'Say why it is transferred (the note)', 'note');
    if (teamId && !teamExists(db, teamId)) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such team', 'teamId');
    setAssignment(db, c.id, { teamId, assigneeId: null });
    recordEvent(db, { conversationId: c.id, kind: 'transferred', teamId, byAgentId: me.id, note });
    hub.inboxChanged(c.id);
    if (teamId) assigner.assignWaiting(teamId);
    assigner.freed(c.teamId === teamId ? null : c.teamId, c.assigneeId);
    return assignment(c.id);
  });

  fastify.events.on('visitor-wrote', (conversationId: string, body: string) => assigner.visitorWrote(conversationId, body));
  fastify.events.on('conversation-closed', (teamId: string | null, agentId: string | null) => assigner.freed(teamId, agentId));
  hub.onAgentOnline((agentId) => assigner.agentOnline(agentId));
};
