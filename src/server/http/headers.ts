/**
 * Response headers that depend on the request.
 *  - HSTS and CSP `upgrade-insecure-requests` only when the app is reached over HTTPS: sent over
 *    plain http (the office LAN, http://192.168.1.20:3000) they make Chromium fetch the scripts
 *    over https and the page stays blank. "Over HTTPS" is `request.protocol === 'https'` (which
 *    believes X-Forwarded-Proto only from a trusted proxy) or COOKIE_SECURE, which declares the
 *    site HTTPS-only: the session cookie is then never sent over http anyway.
 *  - `Cache-Control: no-store` on every /api answer: lists, archives, receipts, exports and photos
 *    carry personal data, and an office PC is shared; nothing under /api is worth caching.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

export const HSTS = 'max-age=31536000; includeSubDomains';

export function registerResponseHeaders(app: FastifyInstance, config: Pick<Config, 'cookieSecure'>) {
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    if (req.protocol === 'https' || config.cookieSecure) {
      reply.header('strict-transport-security', HSTS);
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string' && !/upgrade-insecure-requests/.test(csp)) reply.header('content-security-policy', `${csp};upgrade-insecure-requests`);
    }
    done(null, payload);
  });
}
