// Builds the Fastify application: every plugin registered, nothing listening. The entry file (main.ts)
// and the tests both start from here.
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { HealthResponseSchema } from '../protocol/kb.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Db } from './db/client.ts';
import { AtiendeError, registerErrorHandler } from './errors.ts';
import { KnowledgeBase } from './kb/knowledge-base.ts';
import { kbRoutes } from './kb/plugin.ts';
import { webRoutes } from './web/plugin.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    kb: KnowledgeBase;
  }
}

export interface BuildOptions extends Partial<Config> {
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | object;
}

export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const { logger, ...overrides } = options;
  const config: Config = { ...loadConfig(), ...overrides };
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: 16 * 1024,
    // Query strings are parsed flat: a repeated parameter must not turn into an array.
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
  });
  app.decorate('config', config);
  registerErrorHandler(app);

  const db = openDatabase(config.dataDir);
  app.decorate('db', db);
  app.addHook('onClose', async () => db.$client.close());

  const started = performance.now();
  const kb = KnowledgeBase.load({ kbDir: config.kbDir, cacheDir: join(config.dataDir, 'cache'), log: app.log });
  app.decorate('kb', kb);
  app.log.info({ ...kb.counts, ms: Math.round(performance.now() - started) }, 'knowledge base loaded');

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: config.allowedOrigins.length && !config.allowedOrigins.includes('*') ? config.allowedOrigins : ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(cors, {
    // Same-origin requests carry no Origin (or our own); other sites must be in ALLOWED_ORIGINS.
    origin: (origin, cb) => cb(null, !origin || config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin)),
    methods: ['GET', 'POST'],
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AtiendeError('ATIENDE_ERR_RATE_LIMITED', 429, `Too many requests: at most ${context.max} per minute, try again in ${context.after}`),
  });

  app.get('/api/health', { schema: { response: { 200: HealthResponseSchema } } }, async () => ({
    status: 'ok' as const,
    articles: kb.counts,
  }));
  await app.register(kbRoutes, { kb, db, searchRateLimit: config.searchRateLimit });
  await app.register(webRoutes);
  return app;
}
