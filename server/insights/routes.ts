// GET /api/console/insights and GET /api/console/insights/export.csv: what visitors searched, found,
// read and rated, for a period and locale. Staff only (agent, editor, admin).
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { InsightsExportQuerySchema, InsightsQuerySchema, InsightsSchema } from '../../protocol/insights.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import type { Role } from '../auth/staff.ts';
import type { Db } from '../db/client.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { insightsCsv } from './csv.ts';
import { resolvePeriod } from './period.ts';
import { readInsights } from './queries.ts';

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema };
const STAFF: Role[] = ['admin', 'agent', 'editor'];
/** Rows per list on the page; the CSV carries more. */
const PAGE_ROWS = 20;
const CSV_ROWS = 500;

export const insightsRoutes: FastifyPluginAsync<{ db: Db; kb: KnowledgeBase }> = async (fastify, { db, kb }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const titleOf = (locale: 'es' | 'en', slug: string) => kb.summary(locale, slug)?.title;

  app.get('/api/console/insights', {
    schema: { querystring: InsightsQuerySchema, response: { 200: InsightsSchema, ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, STAFF);
    const { from, to, locale } = request.query;
    return readInsights(db, { period: resolvePeriod({ from, to }), locale, limit: PAGE_ROWS, titleOf });
  });

  app.get('/api/console/insights/export.csv', {
    schema: { querystring: InsightsExportQuerySchema, response: { 200: Type.String(), ...errors } },
  }, async (request, reply) => {
    fastify.requireAgent(request, STAFF);
    const { from, to, locale, lang } = request.query;
    const period = resolvePeriod({ from, to });
    const insights = readInsights(db, { period, locale, limit: CSV_ROWS, titleOf });
    const name = `atiende-insights-${period.from}-${period.to}${locale ? `-${locale}` : ''}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      // A byte-order mark, so spreadsheet programs read the accents as UTF-8.
      .send('\uFEFF' + insightsCsv(insights, lang ?? locale ?? 'en'));
  });
};
