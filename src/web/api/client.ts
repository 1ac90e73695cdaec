/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the UI
 * language in Accept-Language (the server localizes its messages), and errors turned into
 * ApiError with the server's code, message and per-field messages.
 */
export type Lang = 'zh-CN' | 'en-US';

let currentLang: Lang = 'zh-CN';
/** Called by the i18n provider whenever the language changes. */
export function setApiLang(lang: Lang): void {
  currentLang = lang;
}

let onUnauthenticated: (() => void) | null = null;
/** Called when any request (other than login) answers 401: the session is gone. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang };
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (method !== 'GET') {
    // Every write is JSON, also a step with no body: the server refuses other types (cross-site forms).
    headers['Content-Type'] = 'application/json';
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', currentLang === 'zh-CN' ? '无法连接服务器，请检查网络后重试' : 'Cannot reach the server. Check the network and try again.');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
    if (res.status === 401 && !path.endsWith('/auth/login') && onUnauthenticated) onUnauthenticated();
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `HTTP ${res.status}`, e?.fields ?? {});
  }
  return data as T;
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
