/**
 * Refuses cross-site writes. The session cookie is SameSite=Lax, which still lets another site
 * POST a form or a `fetch(..., { mode: 'no-cors' })` with text/plain or multipart bodies; such a
 * request can name neither our content type nor our origin. So every write under /api must
 *  - come from this site: `Sec-Fetch-Site` (sent by current browsers) same-origin or none, and an
 *    `Origin` (sent by browsers on every cross-origin and every POST) whose host is this request's
 *    host (`request.host` honours X-Forwarded-Host when TRUST_PROXY is set). Tools that send
 *    neither header (curl, scripts) are not browsers and carry no one's cookie by accident.
 *  - be JSON (`application/json`, also for a step with no body), or multipart/form-data where the
 *    route declares it takes files (`schema.consumes`): a simple cross-site request cannot send JSON.
 * The host is compared without the scheme, so a TLS-terminating proxy that does not say
 * X-Forwarded-Proto still works; one port serves one scheme, so nothing else can share the host.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SAME_SITE_FETCH = new Set(['same-origin', 'none']);

function fromThisSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && !SAME_SITE_FETCH.has(String(site).toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return withoutDefaultPort(new URL(origin).host) === withoutDefaultPort(req.host);
  } catch {
    return false; // "null" (sandboxed frames, privacy redirects) or garbage
  }
}

/** `Host: localhost:80` and `Origin: http://localhost` name the same place. */
const withoutDefaultPort = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');

const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** Register after the access hook: as with validation, a caller without the right learns nothing here. */
export function registerCsrf(app: FastifyInstance) {
  // preValidation: before the body is used, after the access check. A multipart body is not read
  // until the handler asks for it, so refusing here costs nothing. A callback hook, as in access.ts.
  app.addHook('preValidation', (req, _reply, done) => {
    try {
      refuseCrossSite(req);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
}

function refuseCrossSite(req: FastifyRequest) {
  if (!WRITES.has(req.method) || !req.url.startsWith('/api/')) return;
  if (!fromThisSite(req)) throw new AppError('FORBIDDEN', { key: 'error.crossSite' });
  const consumes = (req.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
  const type = mediaType(req.headers['content-type']);
  if (consumes?.length) {
    if (!consumes.includes(type)) throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.uploadRequired' });
  } else if (type !== 'application/json') {
    throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.jsonRequired' });
  }
}
