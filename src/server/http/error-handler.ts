import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { hasKey, type Lang, pickLang, t } from '../i18n/messages.ts';
import { AppError, type ErrorCode, type Msg, STATUS } from './errors.ts';

export function langOf(req: FastifyRequest): Lang {
  return pickLang(req.headers['accept-language']);
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  const lang = langOf(req);
  const body: { error: { code: ErrorCode; message: string; fields?: Record<string, string> } } = {
    error: { code: err.code, message: t(lang, err.msg.key, err.msg.params) },
  };
  if (err.fields) {
    body.error.fields = Object.fromEntries(
      Object.entries(err.fields).map(([field, m]) => [field, t(lang, m.key, m.params)]),
    );
  }
  return reply.status(STATUS[err.code]).send(body);
}

/** Turns one zod issue (as fastify-type-provider-zod passes it) into a message key. */
function issueMessage(issue: { keyword: string; message: string; params: Record<string, any> }, given: unknown): Msg {
  if (hasKey(issue.message)) return { key: issue.message };
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'invalid_type':
      if (given === undefined || given === null) return { key: 'field.required' };
      return { key: 'field.invalidType', params: { expected: typeLabel(p.expected) } };
    case 'too_small':
      if (p.origin === 'string') return p.minimum === 1 ? { key: 'field.required' } : { key: 'field.tooShort', params: { min: p.minimum } };
      if (p.origin === 'array') return { key: 'field.tooFewItems', params: { min: p.minimum } };
      return { key: 'field.tooSmall', params: { min: p.minimum } };
    case 'too_big':
      if (p.origin === 'string') return { key: 'field.tooLong', params: { max: p.maximum } };
      if (p.origin === 'array') return { key: 'field.tooManyItems', params: { max: p.maximum } };
      return { key: 'field.tooBig', params: { max: p.maximum } };
    case 'invalid_value':
      return { key: 'field.enum', params: { options: (p.values ?? []).join(' / ') } };
    case 'unrecognized_keys':
      return { key: 'field.unknownKey' };
    case 'not_multiple_of':
      return p.divisor === 1 ? { key: 'field.integer' } : { key: 'field.multipleOf' };
    case 'invalid_format':
      return { key: 'field.format' };
    default:
      return { key: 'field.invalid' };
  }
}

function valueAt(source: unknown, path: string): unknown {
  if (!path) return source;
  let v: any = source;
  for (const part of path.split('.')) {
    if (v == null || typeof v !== 'object') return undefined;
    v = v[part];
  }
  return v;
}

function typeLabel(expected: string): string {
  return ['string', 'number', 'boolean', 'object', 'array'].includes(expected) ? `type.${expected}` : expected;
}

/** Seconds a client is asked to wait before trying again while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection (?:is )?(?:closed|ended)/i, /not queryable/i];

/**
 * Whether an error means the database cannot be reached (down, restarting, refusing or dropping
 * connections, the pool out of time) rather than a fault of the request or the code: such a
 * request may simply be retried, so it is answered 503, not 500. Node reports a refused
 * connection to several addresses as an AggregateError; its parts are looked at too.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGES.some((re) => re.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * What the log keeps of an unexpected error. A database error's extra fields quote the row
 * (pg's detail "Key (phone)=(138…) already exists", its where/parameters): an integrity
 * violation is logged by code, constraint and table only, any other database error by code and
 * message; anything else as it is (stack and all) for the developer.
 */
export function loggableError(err: unknown): unknown {
  const e = err as { code?: unknown; severity?: unknown; message?: unknown; constraint?: unknown; table?: unknown; stack?: unknown } | null;
  const fromDb = !!e && typeof e === 'object' && ((typeof e.severity === 'string' && typeof e.code === 'string') || (typeof e.code === 'string' && e.code.startsWith('SQLITE_')));
  if (!fromDb) return err;
  const code = e!.code as string;
  const base = { type: 'DatabaseError', code, constraint: typeof e!.constraint === 'string' ? e!.constraint : undefined, table: typeof e!.table === 'string' ? e!.table : undefined };
  if (code.startsWith('23') || code.startsWith('SQLITE_CONSTRAINT')) return base;
  return { ...base, message: typeof e!.message === 'string' ? e!.message : undefined };
}

/** `spa.enabled` is set once the built web app is served: unknown page paths then get the app shell. */
export function registerErrorHandling(app: FastifyInstance, spa: { enabled: boolean }) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof AppError) return sendError(req, reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, Msg> = {};
      for (const issue of error.validation as any[]) {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        // unrecognized_keys reports the parent path; name the offending keys instead
        if (issue.keyword === 'unrecognized_keys') {
          for (const key of issue.params.keys ?? []) fields[path ? `${path}.${key}` : key] = { key: 'field.unknownKey' };
          continue;
        }
        const name = path || error.validationContext || 'body';
        const source = (req as any)[error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body')];
        fields[name] ??= issueMessage(issue, valueAt(source, path));
      }
      return sendError(req, reply, new AppError('VALIDATION', { key: 'error.validation' }, fields));
    }
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (status === 400 && error instanceof SyntaxError))
      return sendError(req, reply, new AppError('VALIDATION', { key: 'error.badJson' }, { body: { key: 'error.badJson' } }));
    if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE')
      return sendError(req, reply, new AppError('PAYLOAD_TOO_LARGE', { key: 'error.payloadTooLarge' }));
    if (status === 415) return sendError(req, reply, new AppError('UNSUPPORTED_MEDIA', { key: 'error.unsupportedMedia' }));
    if (status >= 400 && status < 500) {
      return sendError(req, reply, new AppError('VALIDATION', { key: 'error.validation' }, { body: { key: 'field.invalid' } }));
    }
    if (isDatabaseUnavailable(error)) {
      req.log.warn({ err: loggableError(error) }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendError(req, reply, new AppError('UNAVAILABLE', { key: 'error.unavailable' }));
    }
    req.log.error({ err: loggableError(error) }, 'unhandled error');
    return sendError(req, reply, new AppError('INTERNAL', { key: 'error.internal' }));
  });

  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (/units/12, /portal) get the app; a missing file (/assets/x.js) a real 404,
    // so a stale page after a redeploy fails loudly instead of parsing HTML as JavaScript.
    const path = req.url.split('?')[0];
    if (spa.enabled && req.method === 'GET' && !path.startsWith('/api/') && !/\.[A-Za-z0-9]+$/.test(path)) return reply.sendFile('index.html');
    return sendError(req, reply, new AppError('NOT_FOUND', { key: 'error.routeNotFound' }));
  });
}
