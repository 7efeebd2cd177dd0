// Builds the Fastify application: every plugin registered, nothing listening. The entry file (main.ts)
// and the tests both start from here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { EventEmitter } from 'node:events';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import websocket from '@fastify/websocket';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { HealthResponseSchema } from '../protocol/kb.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Db } from './db/client.ts';
import { MAX_MESSAGE_LENGTH } from '../protocol/chat.ts';
import { authRoutes } from './auth/plugin.ts';
import { ensureFirstAdmin } from './auth/bootstrap.ts';
import { consoleChatRoutes } from './chat/console-routes.ts';
import { ChatHub } from './chat/hub.ts';
import { chatStatements } from './chat/statements.ts';
import { startCheckpoints } from './db/checkpoints.ts';
import { registerChatSockets } from './chat/sockets.ts';
import { Tickets } from './chat/tickets.ts';
import { visitorChatRoutes } from './chat/visitor-routes.ts';
import { AtiendeError, registerErrorHandler } from './errors.ts';
import { KnowledgeBase } from './kb/knowledge-base.ts';
import { kbRoutes } from './kb/plugin.ts';
import { ensureInsightCounters } from './insights/rebuild.ts';
import { insightsRoutes } from './insights/routes.ts';
import { countArticles } from './kb/article-store.ts';
import { editorRoutes } from './kb/editor-routes.ts';
import { imagesDir, IMAGE_NAME, IMAGE_TYPES } from './kb/images.ts';
import { importDirectory } from './kb/import.ts';
import type { SkippedFile } from './kb/loader.ts';
import { staffRoutes } from './auth/staff-routes.ts';
import { webRoutes } from './web/plugin.ts';
import { identityRoutes } from './identity/routes.ts';
import { createMailer } from './mail/mailer.ts';
import { ReplyNotifier } from './mail/reply-notifier.ts';
import { facebookRoutes } from './facebook/routes.ts';
import { Blocklist } from './abuse/blocks.ts';
import { abuseRoutes } from './abuse/console-routes.ts';
import { ipHasher } from './abuse/ip-hash.ts';
import { SpamCheck } from './abuse/spam-check.ts';
import { Assigner } from './routing/assigner.ts';
import { routingRoutes } from './routing/routes.ts';
import { AutoAnswer } from './auto-answer/service.ts';
import { autoAnswerRoutes } from './auto-answer/routes.ts';
import { figuresRoutes } from './figures/routes.ts';
import { notesRoutes } from './notes/routes.ts';
import { savedRepliesRoutes } from './replies/routes.ts';
import { reviewRoutes } from './review/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    kb: KnowledgeBase;
    hub: ChatHub;
    /** In-process notices between plugins: 'agent-signed-out' (agentId), 'agent-replied' (conversationId). */
    events: EventEmitter;
  }
}

export interface BuildOptions extends Partial<Config> {
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | object;
  /** Socket ping interval (tests shorten it). */
  heartbeatMs?: number;
  /** How long after an agent's reply the visitor counts as away for email (tests shorten it). */
  notifyDelayMs?: number;
}

export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const { logger, heartbeatMs, notifyDelayMs, ...overrides } = options;
  const config: Config = { ...loadConfig(), ...overrides };
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: 16 * 1024,
    // Behind a reverse proxy every request comes from the proxy: the client's address (rate limits, the
    // IP hash of blocks) is then read from X-Forwarded-For, trusting only this many hops.
    ...(config.trustProxyHops ? { trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops } : {}),
    // Query strings are parsed flat: a repeated parameter must not turn into an array.
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
  });
  app.decorate('config', config);
  app.decorate('events', new EventEmitter());
  registerErrorHandler(app);

  const db = openDatabase(config.dataDir);
  app.decorate('db', db);
  const checkpoints = startCheckpoints(db.$client, 200, (msg) => app.log.warn(msg));
  app.addHook('onClose', async () => {
    await checkpoints.stop();
    db.$client.close();
  });
  if (ensureInsightCounters(db)) app.log.info('insight counters rebuilt from the stored events');

  const started = performance.now();
  // A new database starts with the articles of KB_DIR, published; from then on articles live in the database.
  let skipped: SkippedFile[] = [];
  if (countArticles(db) === 0) {
    const seeded = importDirectory(db, config.kbDir);
    skipped = seeded.skipped;
    for (const s of skipped) app.log.warn(`Skipped article file ${s.file}: ${s.reason}`);
    app.log.info({ dir: config.kbDir, articles: seeded.created, skipped: skipped.length }, 'articles seeded from KB_DIR');
  }
  const kb = KnowledgeBase.fromDatabase({ db, skipped, cacheDir: join(config.dataDir, 'cache'), log: app.log });
  app.decorate('kb', kb);
  app.addHook('onClose', async () => kb.close());
  app.log.info({ ...kb.counts, ms: Math.round(performance.now() - started) }, 'knowledge base loaded');
  // `npm run kb -- import` writes from another process: SQLite's data_version tells when to look again.
  let dataVersion = db.$client.pragma('data_version', { simple: true });
  const watch = setInterval(() => {
    const now = db.$client.pragma('data_version', { simple: true });
    if (now === dataVersion) return;
    dataVersion = now;
    void kb.refresh().catch((err) => app.log.error({ err }, 'search index rebuild failed'));
  }, 1000);
  watch.unref();
  app.addHook('onClose', async () => clearInterval(watch));

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
    methods: ['GET', 'POST', 'DELETE'],
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

  await ensureFirstAdmin(db, { email: config.adminEmail, password: config.adminPassword }, (line) => console.log(line));
  await app.register(cookie);
  // A frame is a message of at most MAX_MESSAGE_LENGTH characters, up to 4 bytes each, plus its envelope.
  await app.register(websocket, { options: { maxPayload: MAX_MESSAGE_LENGTH * 4 + 1024 } });
  const statements = chatStatements(db.$client);
  statements.targets = config.targets;
  const hub = new ChatHub((id) => statements.summaryOf(id, true));
  app.addHook('onClose', async () => hub.stop());
  app.decorate('hub', hub);
  const tickets = new Tickets();
  const blocklist = new Blocklist(db);
  const hashIp = ipHasher(config.dataDir, config.ipSalt);
  const spam = new SpamCheck(config.limits);
  const pruneSpam = setInterval(() => spam.prune(), 60_000).unref();
  app.addHook('onClose', async () => clearInterval(pruneSpam));
  await app.register(authRoutes, { db, secureCookies: config.publicUrl.startsWith('https:') });
  app.events.on('agent-signed-out', (agentId: string) => hub.closeAgent(agentId, 'Signed out'));
  const notifier = new ReplyNotifier({
    db, hub, mailer: createMailer(config.smtpUrl, config.mailFrom), publicUrl: config.publicUrl,
    intervalMinutes: config.notifyIntervalMinutes, delayMs: notifyDelayMs ?? 60_000, log: app.log,
  });
  app.addHook('onClose', () => notifier.stop());
  app.events.on('agent-replied', (conversationId: string) => notifier.agentReplied(conversationId));
  await app.register(visitorChatRoutes, { db, hub, tickets, config, blocklist, hashIp });
  await app.register(identityRoutes, { db, config });
  await app.register(consoleChatRoutes, { db, publicUrl: config.publicUrl, hub });
  await app.register(editorRoutes, { db, kb, dataDir: config.dataDir, imageMaxBytes: config.kbImageMaxBytes });
  await app.register(staffRoutes, { db });
  app.get('/kb-images/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    if (!IMAGE_NAME.test(name)) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such image');
    const bytes = await readFile(join(imagesDir(config.dataDir), name)).catch(() => undefined);
    if (!bytes) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such image');
    // Named by their content: never change. Shown by the widget on other sites.
    reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return reply.type(IMAGE_TYPES[name.split('.')[1]!]!).send(bytes);
  });
  await app.register(insightsRoutes, { db, kb });
  const autoAnswer = new AutoAnswer(db, hub, kb, config.publicUrl);
  await app.register(autoAnswerRoutes, { autoAnswer });
  await app.register(figuresRoutes, { db });
  await app.register(notesRoutes, { db, hub });
  await app.register(savedRepliesRoutes, { db });
  await app.register(reviewRoutes, { db, hub });
  await app.register(async (scope) => registerChatSockets(scope, { db, hub, tickets, allowedOrigins: config.allowedOrigins, heartbeatMs, blocklist, hashIp, spam, autoAnswer }));
  await app.register(abuseRoutes, { db, hub, blocklist });
  const assigner = new Assigner(db, hub, { categoryOf: (locale, slug) => kb.summary(locale, slug)?.category });
  await app.register(routingRoutes, { db, hub, assigner });
  await app.register(facebookRoutes, { config });
  await app.register(webRoutes);
  return app;
}
