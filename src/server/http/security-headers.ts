/**
 * Helmet's security headers (CSP, frame, referrer, MIME sniffing…), the same on every answer.
 * The options never vary per request here, so helmet's middleware is run once at start on a
 * recording response, and each request gets the recorded headers in one step: running helmet's
 * chain of eleven middlewares per request (each a raw setHeader with its checks) was a few percent
 * of a ticket registration. helmet is @fastify/helmet's own dependency, taken from there so the
 * version stays the one that plugin was released with.
 */
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { HelmetOptions } from 'helmet';

type Middleware = (req: unknown, res: unknown, next: (err?: Error) => void) => void;
const fromPlugin = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'));
const helmet = fromPlugin('helmet') as (options: HelmetOptions) => Middleware;

/** The headers helmet sets with these options, lower-cased as Fastify keeps them. */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  // A function among the options (a CSP nonce) would make the headers differ per request.
  if (hasFunction(options)) throw new Error('security headers with per-request values cannot be computed once');
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let done = false;
  helmet(options)({ method: 'GET', url: '/', headers: {} }, res, (err) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return headers;
}

const hasFunction = (value: unknown): boolean =>
  typeof value === 'function' || (typeof value === 'object' && value !== null && Object.values(value).some(hasFunction));

export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
