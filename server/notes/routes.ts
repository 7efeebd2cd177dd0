// Internal notes over HTTP (staff only; nothing here ever reaches a visitor's socket or API), and the
// mentions waiting for the signed-in agent. Agents following the conversation get the note live; every agent
// hears "mentions changed" and reads their own list again.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ConversationParamsSchema } from '../../protocol/chat.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import { MentionsResponseSchema, NoteBodySchema, NoteSchema, NotesResponseSchema } from '../../protocol/notes.ts';
import type { ChatHub } from '../chat/hub.ts';
import { conversationFor } from '../chat/store.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import { addNote, notesOf, openMentions, respond } from './store.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema };

export const notesRoutes: FastifyPluginAsync<{ db: Db; hub: ChatHub }> = async (fastify, { db, hub }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staff: ('admin' | 'agent')[] = ['admin', 'agent'];
  const existing = (id: string) => {
    if (!conversationFor(db, id)) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such conversation');
  };

  app.get('/api/console/conversations/:id/notes', { schema: { params: ConversationParamsSchema, response: { 200: NotesResponseSchema, ...errors } } }, async (request) => {
    fastify.requireAgent(request, staff);
    existing(request.params.id);
    return { notes: notesOf(db, request.params.id) };
  });

  app.post('/api/console/conversations/:id/notes', {
    schema: { params: ConversationParamsSchema, body: NoteBodySchema, response: { 201: Type.Object({ note: NoteSchema }), ...errors } },
  }, async (request, reply) => {
    const me = fastify.requireAgent(request, staff);
    existing(request.params.id);
    const body = request.body.body.trim();
    if (!body) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'A note needs some text', 'body');
    const { note } = addNote(db, request.params.id, me.id, body);
    hub.toAgentsOf(request.params.id, { type: 'note', note });
    hub.toAgents({ type: 'mentions' });
    return reply.status(201).send({ note });
  });

  app.get('/api/console/mentions', { schema: { response: { 200: MentionsResponseSchema, ...errors } } }, async (request) => {
    const me = fastify.requireAgent(request, staff);
    return openMentions(db, me.id);
  });

  // A reply answers the mentions of its writer (and of their teams) in that conversation.
  fastify.events.on('agent-wrote', (conversationId: string, agentId: string) => {
    if (respond(db, conversationId, agentId)) hub.toAgents({ type: 'mentions' });
  });
};
