// The pages and files a browser loads: the widget module and its chunks, the demo host page (/),
// the full-page help centre (/help) and article assets.
import { existsSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';

const widgetDir = fileURLToPath(new URL('../../dist/widget', import.meta.url));
const publicDir = fileURLToPath(new URL('../../public', import.meta.url));

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
};
