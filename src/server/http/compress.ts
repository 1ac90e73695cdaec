/**
 * Compresses API JSON of 1 KB or more for a client that accepts it (brotli at a fast level, else
 * gzip): lists and reports shrink five- to tenfold for a phone on the owner portal. Built files
 * are compressed at build time instead (static.ts); streams and file downloads pass untouched.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const MIN_BYTES = 1024;

/** The encoding to use from an Accept-Encoding header: br, else gzip, each unless refused with q=0. */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name) accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

function addVary(reply: FastifyReply) {
  const current = String(reply.getHeader('vary') ?? '');
  if (!/accept-encoding|\*/i.test(current)) reply.header('vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

export function registerJsonCompression(app: FastifyInstance) {
  // A callback hook: the common answers (short, or to a client that takes no compression) go on
  // in the same turn, without a promise of their own.
  app.addHook('onSend', (req, reply, payload, done) => {
    // A string's UTF-8 length is at least its length: count the bytes of short answers only.
    if (typeof payload !== 'string' || (payload.length < MIN_BYTES && Buffer.byteLength(payload) < MIN_BYTES)) return done(null, payload);
    if (reply.getHeader('content-encoding') || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return done(null, payload);
    addVary(reply);
    const encoding = pickEncoding(req.headers['accept-encoding']);
    // Encoded once here: as a string, Fastify would count its bytes and the socket encode it again.
    if (!encoding) return done(null, Buffer.from(payload));
    const body = encoding === 'br' ? brotli(payload, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }) : gzip(payload, { level: 6 });
    body.then((compressed) => {
      reply.header('content-encoding', encoding);
      reply.removeHeader('content-length');
      done(null, compressed);
    }, (err: Error) => done(err));
  });
}
