// The article editor's routes (/api/console/articles…): editors and admins change articles, agents
// read them, visitors get nothing. State-changing requests pass the console's CSRF check (auth/plugin.ts).
// Publishing and unpublishing rebuild the search indexes off the request path (KnowledgeBase.refresh).
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import {
  ArticleListResponseSchema, ArticleKeySchema, ArticleResponseSchema, ConflictResponseSchema, CreateArticleBodySchema, DiffQuerySchema,
  DiffResponseSchema, ImageResponseSchema, ListArticlesQuerySchema, PreviewBodySchema, PreviewResponseSchema, PublishBodySchema,
  RestoreBodySchema, RevisionQuerySchema, RevisionResponseSchema, RevisionsResponseSchema, SaveArticleBodySchema,
} from '../../protocol/articles.ts';
import { ErrorResponseSchema } from '../../protocol/kb.ts';
import { LOCALES } from '../../protocol/locales.ts';
import type { Agent } from '../auth/staff.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import {
  categories, createArticle, getArticle, getRevision, listArticles, listRevisions, publishArticle, requireArticle, restoreRevision,
  saveArticle, unpublishArticle, editorArticle, type ArticleRow, type Author, type RevisionRow,
} from './article-store.ts';
import { storeImage } from './images.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { diffRevisions } from './revision-diff.ts';

export interface EditorRoutesOptions {
  db: Db;
  kb: KnowledgeBase;
  dataDir: string;
  imageMaxBytes: number;
}

const READ: Agent['role'][] = ['admin', 'editor', 'agent'];
const WRITE: Agent['role'][] = ['admin', 'editor'];
/** Articles are larger than the app-wide 16 KB request limit. */
const ARTICLE_BODY_LIMIT = 1024 * 1024;

const errors = {
  400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 413: ErrorResponseSchema,
  415: ErrorResponseSchema,
};
const writeErrors = { ...errors, 409: ConflictResponseSchema };

const authorOf = (agent: Agent): Author => ({ id: agent.id, name: agent.name });

const revisionSummary = (r: Pick<RevisionRow, 'version' | 'title' | 'action' | 'authorName' | 'createdAt'>) => ({
  version: r.version, title: r.title, action: r.action, authorName: r.authorName, createdAt: r.createdAt.getTime(),
});

export const editorRoutes: FastifyPluginAsync<EditorRoutesOptions> = async (fastify, { db, kb, dataDir, imageMaxBytes }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(multipart, { limits: { fileSize: imageMaxBytes, files: 1, fields: 0, parts: 1 } });

  const respond = (row: ArticleRow) => ({
    article: editorArticle(row),
    translations: LOCALES.filter((l) => l !== row.locale).flatMap((l) => {
      const t = getArticle(db, l, row.slug);
      return t ? [editorArticle(t)] : [];
    }),
  });

  app.get('/api/console/articles', {
    schema: { querystring: ListArticlesQuerySchema, response: { 200: ArticleListResponseSchema, ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, READ);
    const { missing, outdated, ...filters } = request.query;
    const list = listArticles(db, { ...filters, missingTranslation: missing, outdatedTranslation: outdated });
    return { articles: list.map((a) => ({ ...a, updatedAt: a.updatedAt.getTime() })), categories: categories(db) };
  });

  app.post('/api/console/articles', {
    bodyLimit: ARTICLE_BODY_LIMIT,
    schema: { body: CreateArticleBodySchema, response: { 201: ArticleResponseSchema, ...writeErrors } },
  }, async (request, reply) => {
    const agent = fastify.requireAgent(request, WRITE);
    const row = createArticle(db, request.body, authorOf(agent));
    return reply.status(201).send(respond(row));
  });

  app.get('/api/console/articles/item', {
    schema: { querystring: ArticleKeySchema, response: { 200: ArticleResponseSchema, ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, READ);
    return respond(requireArticle(db, request.query.locale, request.query.slug));
  });

  app.post('/api/console/articles/save', {
    bodyLimit: ARTICLE_BODY_LIMIT,
    schema: { body: SaveArticleBodySchema, response: { 200: ArticleResponseSchema, ...writeErrors } },
  }, async (request) => {
    const agent = fastify.requireAgent(request, WRITE);
    const { locale, slug, version, ...fields } = request.body;
    return respond(saveArticle(db, locale, slug, version, fields, authorOf(agent)));
  });

  app.post('/api/console/articles/publish', {
    schema: { body: PublishBodySchema, response: { 200: ArticleResponseSchema, ...writeErrors } },
  }, async (request) => {
    const agent = fastify.requireAgent(request, WRITE);
    const { locale, slug, version } = request.body;
    const row = publishArticle(db, locale, slug, version, authorOf(agent));
    void kb.refresh().catch((err) => request.log.error({ err }, 'search index rebuild failed'));
    return respond(row);
  });

  app.post('/api/console/articles/unpublish', {
    schema: { body: ArticleKeySchema, response: { 200: ArticleResponseSchema, ...writeErrors } },
  }, async (request) => {
    const agent = fastify.requireAgent(request, WRITE);
    const row = unpublishArticle(db, request.body.locale, request.body.slug, authorOf(agent));
    void kb.refresh().catch((err) => request.log.error({ err }, 'search index rebuild failed'));
    return respond(row);
  });

  app.get('/api/console/articles/revisions', {
    schema: { querystring: ArticleKeySchema, response: { 200: RevisionsResponseSchema, ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, READ);
    const row = requireArticle(db, request.query.locale, request.query.slug);
    return { revisions: listRevisions(db, row.id).map(revisionSummary) };
  });

  app.get('/api/console/articles/revision', {
    schema: { querystring: RevisionQuerySchema, response: { 200: RevisionResponseSchema, ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, READ);
    const row = requireArticle(db, request.query.locale, request.query.slug);
    const r = getRevision(db, row.id, request.query.version);
    return {
      revision: {
        ...revisionSummary(r), title: r.title, summary: r.summary, category: r.category, tags: r.tags, paths: r.paths, extra: r.extra, body: r.body,
      },
    };
  });

  app.get('/api/console/articles/diff', {
    schema: { querystring: DiffQuerySchema, response: { 200: DiffResponseSchema, ...errors } },
  }, async (request) => {
    fastify.requireAgent(request, READ);
    const { locale, slug, from, to } = request.query;
    const row = requireArticle(db, locale, slug);
    return { from, to, ...diffRevisions(getRevision(db, row.id, from), getRevision(db, row.id, to)) };
  });

  app.post('/api/console/articles/restore', {
    schema: { body: RestoreBodySchema, response: { 200: ArticleResponseSchema, ...writeErrors } },
  }, async (request) => {
    const agent = fastify.requireAgent(request, WRITE);
    const { locale, slug, restore, version } = request.body;
    return respond(restoreRevision(db, locale, slug, restore, version, authorOf(agent)));
  });

  app.post('/api/console/articles/preview', {
    bodyLimit: ARTICLE_BODY_LIMIT,
    schema: { body: PreviewBodySchema, response: { 200: PreviewResponseSchema, ...errors } },
  }, async (request) => {
    // Changes nothing: agents reading an article see it rendered too.
    fastify.requireAgent(request, READ);
    try {
      return { html: kb.renderPreview(request.body.locale, request.body.body) };
    } catch (err) {
      throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, `The markdown could not be rendered: ${(err as Error).message.split('\n')[0]}`, 'body');
    }
  });

  app.post('/api/console/articles/images', {
    schema: { response: { 201: ImageResponseSchema, ...errors } },
  }, async (request, reply) => {
    fastify.requireAgent(request, WRITE);
    if (!request.isMultipart()) {
      throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'Send the image as multipart/form-data with one file field', 'file');
    }
    let bytes: Buffer;
    try {
      const part = await request.file();
      if (!part) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'The request has no file', 'file');
      bytes = await part.toBuffer();
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AtiendeError('ATIENDE_ERR_TOO_LARGE', 413, `Images may be at most ${imageMaxBytes} bytes`, 'file');
      }
      throw err;
    }
    if (!bytes.length) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'The file is empty', 'file');
    return reply.status(201).send(await storeImage(dataDir, bytes));
  });
};
