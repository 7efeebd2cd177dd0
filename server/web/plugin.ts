// The pages and files a browser loads: the widget module and its chunks, the demo host page (/),
// the full-page help centre (/help), article assets, and the staff console (/console).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';

const widgetDir = fileURLToPath(new URL('../../dist/widget', import.meta.url));
const publicDir = fileURLToPath(new URL('../../public', import.meta.url));
const consoleDir = fileURLToPath(new URL('../../dist/console', import.meta.url));

/**
 * The console's policy: its own scripts, styles and sockets only, never framed. Stricter than the
 * site-wide one, whose frame-ancestors follows ALLOWED_ORIGINS for the help pages.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function consoleHeaders(reply: FastifyReply): void {
  reply.header('Content-Security-Policy', CONSOLE_CSP);
  reply.header('X-Frame-Options', 'DENY');
  // Not content-hashed: revalidate every time so agents never run a stale console.
  reply.header('Cache-Control', 'no-cache');
}

export const webRoutes: FastifyPluginAsync = async (app) => {
  if (!existsSync(widgetDir)) app.log.warn(`${widgetDir} is missing: run "npm run build" to build the widget`);
  await app.register(fastifyStatic, {
    root: [widgetDir, publicDir].filter((d) => existsSync(d)),
    prefix: '/',
    index: 'index.html',
    cacheControl: false,
    setHeaders(reply, path) {
      const isWidget = path.startsWith(widgetDir);
      if (isWidget || path.startsWith(`${publicDir}/assets`)) {
        // Loaded by pages on other sites: module scripts are fetched in CORS mode, images need CORP.
        reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
        reply.header('Access-Control-Allow-Origin', '*');
      }
      // Chunk names carry a content hash; widget.js and pages must stay fresh.
      reply.header('Cache-Control', isWidget && path.includes('/chunks/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    },
  });
  app.get('/help', (_request, reply) => reply.sendFile('help.html', publicDir));

  // The console: its page at /console, its bundle under /console/. Same origin only (no CORS headers).
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => consoleHeaders(reply));
    await scope.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/console/',
      decorateReply: false,
      index: false,
      cacheControl: false,
    });
    scope.get('/console', async (_request, reply) => {
      const page = await readFile(`${consoleDir}/index.html`).catch(() => undefined);
      if (!page) return reply.status(503).type('text/plain').send('The console is not built: run "npm run build".');
      return reply.type('text/html; charset=utf-8').send(page);
    });
    scope.get('/console/', (_request, reply) => reply.redirect('/console', 301));
  });
};
