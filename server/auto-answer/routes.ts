// Auto-answer over HTTP: admins read and change the settings; staff read the acceptance report.
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AutoAnswerReportQuerySchema, AutoAnswerReportSchema, AutoAnswerSettingsSchema } from '../../protocol/auto-answer.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import type { AutoAnswer } from './service.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema };

export const autoAnswerRoutes: FastifyPluginAsync<{ autoAnswer: AutoAnswer }> = async (fastify, { autoAnswer }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/console/auto-answer', { schema: { response: { 200: AutoAnswerSettingsSchema, ...errors } } }, async (request) => {
    fastify.requireAgent(request, ['admin', 'agent']);
    return autoAnswer.settings;
  });

  app.post('/api/console/auto-answer', { schema: { body: AutoAnswerSettingsSchema, response: { 200: AutoAnswerSettingsSchema, ...errors } } }, async (request) => {
    const admin = fastify.requireAgent(request, ['admin']);
    return autoAnswer.update(request.body, admin.id);
  });

  app.get('/api/console/auto-answer/report', {
    schema: { querystring: AutoAnswerReportQuerySchema, response: { 200: AutoAnswerReportSchema, ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, ['admin', 'agent']);
    return autoAnswer.report(request.query.days ?? 30);
  });

  fastify.events.on('visitor-wrote', (conversationId: string, body: string) => {
    try {
      autoAnswer.visitorWrote(conversationId, body);
    } catch (err) {
      fastify.log.error({ err }, 'auto-answer failed');
    }
  });
};
