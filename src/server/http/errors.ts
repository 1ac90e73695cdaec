/** One error type with a code; one map from code to HTTP status; messages are translated at the edge. */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'OUT_OF_SCOPE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA'
  | 'INTERNAL'
  | 'UNAVAILABLE';

export const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** A message key from i18n/messages.ts with its parameters. */
export interface Msg {
  key: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly msg: Msg,
    /** field path → message key */
    readonly fields?: Record<string, Msg>,
  ) {
    super(msg.key);
  }
}

export const notFound = (entity: string) => new AppError('NOT_FOUND', { key: 'error.notFound', params: { entity } });
export const conflict = (key: string, params?: Msg['params'], fields?: Record<string, Msg>) =>
  new AppError('CONFLICT', { key, params }, fields);
export const invalid = (field: string, key: string, params?: Msg['params']) =>
  new AppError('VALIDATION', { key: 'error.validation' }, { [field]: { key, params } });
export const forbidden = () => new AppError('FORBIDDEN', { key: 'error.forbidden' });
export const outOfScope = () => new AppError('OUT_OF_SCOPE', { key: 'error.outOfScope' });
