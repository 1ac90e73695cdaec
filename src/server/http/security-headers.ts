/**
 * Helmet's security headers (CSP, frame, referrer, MIME sniffing…), the same on every answer.
 * @fastify/helmet builds helmet's middleware anew for each request (parsing the CSP directives
 * every time; a few percent of a ticket registration). The options never vary per route here, so
 * the middleware is built once and run per request. helmet is @fastify/helmet's own dependency,
 * taken from there so the version stays the one that plugin was released with.
 */
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { HelmetOptions } from 'helmet';

type Middleware = (req: unknown, res: unknown, next: (err?: Error) => void) => void;
const fromPlugin = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'));
const helmet = fromPlugin('helmet') as (options: HelmetOptions) => Middleware;

export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const middleware = helmet(options);
  app.addHook('onRequest', (req, reply, done) => middleware(req.raw, reply.raw, done));
}
