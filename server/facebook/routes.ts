// /facebook/tab, the URL a Facebook Page tab app points at. Facebook loads it in an iframe with a POST
// carrying signed_request. Only this route may be framed, and only by FACEBOOK_FRAME_ANCESTORS.
// Unverified requests get a 200 page (Facebook's preview shows it) with no widget and no session.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../config.ts';
import { issueChannelTicket } from './channel-ticket.ts';
import { tabLocale, verifySignedRequest } from './signed-request.ts';
import { refusedPage, tabPage } from './tab-page.ts';

/** The site-wide policy, except who may frame the page. */
export function tabPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

const Fields = Type.Object({
  signed_request: Type.Optional(Type.String({ maxLength: 8192 })),
  /** A conversation link opened inside the tab (app_data in Facebook's terms is inside the request). */
  conversation: Type.Optional(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
});

export const facebookRoutes: FastifyPluginAsync<{ config: Config }> = async (fastify, { config }) => {
  await fastify.register(formbody);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const policy = tabPolicy(config.facebookFrameAncestors);

  const serve = (request: FastifyRequest, reply: FastifyReply, fields: { signed_request?: string; conversation?: string }) => {
    reply.header('Content-Security-Policy', policy);
    reply.removeHeader('X-Frame-Options');
    reply.header('Cache-Control', 'no-store');
    reply.type('text/html; charset=utf-8');
    const result = verifySignedRequest(fields.signed_request, {
      appSecret: config.facebookAppSecret, pageIds: config.facebookPageIds, maxAgeSeconds: config.facebookMaxAgeSeconds,
    });
    if (!result.ok) {
      request.log.warn({ reason: result.reason, method: request.method }, 'facebook tab refused');
      return reply.send(refusedPage());
    }
    const ticket = issueChannelTicket(result.request.pageId, config.facebookAppSecret!);
    return reply.send(tabPage(tabLocale(result.request.locale), ticket, fields.conversation));
  };

  app.post('/facebook/tab', { schema: { body: Fields, querystring: Type.Object({ conversation: Fields.properties.conversation }) } },
    (request, reply) => serve(request, reply, { ...request.query, ...request.body }));
  // Facebook's preview, or someone opening the address directly: the signed_request may come as a query parameter.
  app.get('/facebook/tab', { schema: { querystring: Fields } }, (request, reply) => serve(request, reply, request.query));
};
