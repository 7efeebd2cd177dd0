// HTTP routes of the knowledge base: search, suggestions, articles, views and votes.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ArticleQuerySchema, ArticleSchema, ErrorResponseSchema, SearchQuerySchema, SearchResponseSchema,
  SuggestionsQuerySchema, SuggestionsResponseSchema, ViewBodySchema, VoteBodySchema,
} from '../../protocol/kb.ts';
import type { Db } from '../db/client.ts';
import { mostViewedArticles } from '../db/kb-events.ts';
import { recordSearch, recordView, recordVote } from '../insights/record.ts';
import { AtiendeError, notFound } from '../errors.ts';
import type { KnowledgeBase } from './knowledge-base.ts';

export interface KbPluginOptions {
  kb: KnowledgeBase;
  db: Db;
  /** Search requests per minute per client; 0 turns the limit off. */
  searchRateLimit: number;
}

const POPULAR_WINDOW_MS = 90 * 24 * 3600 * 1000;
const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema, 429: ErrorResponseSchema };

export const kbRoutes: FastifyPluginAsync<KbPluginOptions> = async (fastify, { kb, db, searchRateLimit }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/kb/search', {
    schema: { querystring: SearchQuerySchema, response: { 200: SearchResponseSchema, ...errors } },
    config: { rateLimit: searchRateLimit > 0 ? { max: searchRateLimit, timeWindow: 60_000 } : false },
  }, async (request) => {
    const { q, locale, limit = 10, record = true, visit } = request.query;
    if (!q.trim()) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'querystring field "q" must not be blank', 'q');
    const results = kb.search(locale, q, limit);
    if (record) recordSearch(db, { query: q, locale, resultCount: results.length, visit });
    return { query: q, locale, results };
  });

  app.get('/api/kb/suggestions', {
    schema: { querystring: SuggestionsQuerySchema, response: { 200: SuggestionsResponseSchema, ...errors } },
  }, async (request) => {
    const { locale, path = '/', limit = 5 } = request.query;
    const forPath = kb.suggestedFor(locale, path);
    if (forPath.length) return { reason: 'path' as const, results: forPath.slice(0, limit) };
    const since = new Date(Date.now() - POPULAR_WINDOW_MS);
    const popular = mostViewedArticles(db, locale, since, limit * 2)
      .map((v) => kb.summary(locale, v.slug))
      .filter((a) => a !== undefined);
    // A new site has no views yet: fill with the first articles so the panel is never empty.
    for (const slug of kb.firstSlugs(locale, limit * 2)) {
      if (popular.length >= limit) break;
      if (!popular.some((a) => a.slug === slug)) popular.push(kb.summary(locale, slug)!);
    }
    return { reason: 'popular' as const, results: popular.slice(0, limit) };
  });

  app.get('/api/kb/article', {
    schema: { querystring: ArticleQuerySchema, response: { 200: ArticleSchema, ...errors } },
  }, async (request) => {
    const { slug, locale } = request.query;
    const a = kb.article(locale, slug);
    if (!a) throw notFound(`The article "${slug}" in locale "${locale}"`);
    return { ...a, translations: kb.translations(slug) };
  });

  app.post('/api/kb/views', {
    schema: { body: ViewBodySchema, response: { 204: Type.Null(), ...errors } },
    config: { rateLimit: { max: 120, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const { slug, locale, visit } = request.body;
    if (!kb.summary(locale, slug)) throw notFound(`The article "${slug}" in locale "${locale}"`);
    recordView(db, { slug, locale, visit });
    return reply.status(204).send(null);
  });

  app.post('/api/kb/votes', {
    schema: { body: VoteBodySchema, response: { 201: Type.Object({ ok: Type.Literal(true) }), ...errors } },
    // Votes steer what editors rewrite; one client should not be able to stuff them.
    config: { rateLimit: { max: 30, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const { slug, locale, helpful, visit } = request.body;
    if (!kb.summary(locale, slug)) throw notFound(`The article "${slug}" in locale "${locale}"`);
    recordVote(db, { slug, locale, helpful, visit });
    return reply.status(201).send({ ok: true as const });
  });
};
