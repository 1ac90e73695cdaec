/**
 * What a request log line says about the request. Query strings carry what people search for
 * (a phone number, an owner's name), so their values never reach the log; parameter names stay
 * when they look like ours, which is enough to tell one search from another.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

const PARAM_NAME = /^[A-Za-z][\w.-]{0,31}$/;

export function redactQuery(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const name = pair.split('=')[0]!;
      return PARAM_NAME.test(name) ? `${name}=~` : '~';
    });
  return `${url.slice(0, q)}?${names.join('&')}`;
}

export const logSerializers = {
  req(req: FastifyRequest) {
    return { method: req.method, url: redactQuery(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
  },
};

/**
 * One warning line per request slower than `ms`: a stalled server shows itself in the log (a
 * browser test that timed out prints the server's last lines) without logging every request.
 */
export function registerSlowRequestLog(app: FastifyInstance, ms = 2_000): void {
  app.addHook('onResponse', (req, reply, done) => {
    if (reply.elapsedTime > ms) req.log.warn({ method: req.method, url: redactQuery(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'slow request');
    done();
  });
}
