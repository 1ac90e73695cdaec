/**
 * The one authorization mechanism: every /api route declares `config.access`, checked here
 * before validation and the handler. Record-level scope is then checked by the services with
 * the caller's Scope. The list of routes and their access is kept for the matrix test.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type Permission } from '../../core/roles.ts';
import type { Config } from '../config.ts';
import type { AuthContext, AuthService } from '../modules/auth/auth.service.ts';
import type { Actor } from '../modules/audit/audit.service.ts';
import { AppError } from './errors.ts';

export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    routeAccess: Array<{ method: string; url: string; access: Access }>;
  }
}

export const SESSION_COOKIE = 'wd_session';

export function registerAccess(app: FastifyInstance, auth: AuthService, config: Config) {
  app.decorateRequest('auth', null);
  app.decorate('routeAccess', []);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access });
    }
  });

  // Signed cookie → token, for cookies whose signature checked out. Checking it (an HMAC) was a
  // twentieth of a ticket registration, and a browser sends the same cookie with every request.
  // Only verified cookies enter (the secret is this app's, fixed); the bound stops a flood.
  const verified = new Map<string, string>();
  // A callback hook: a session in the cache is known in the same turn, without a promise.
  app.addHook('onRequest', (req, _reply, done) => {
    // Static files of the web app need no session: skip the lookup for them.
    if (!req.url.startsWith('/api/')) return done();
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) return done();
    let token = verified.get(raw);
    if (token === undefined) {
      const unsigned = req.unsignCookie(raw);
      if (!unsigned.valid || !unsigned.value) return done();
      token = unsigned.value;
      if (verified.size >= 10_000) verified.clear();
      verified.set(raw, token);
    }
    const cached = auth.cached(token);
    if (cached) {
      req.auth = cached;
      return done();
    }
    auth.resolve(token).then((found) => {
      req.auth = found;
      done();
    }, done);
  });

  // preValidation, so an unauthorised caller learns nothing from validation messages. A callback
  // hook: the check is synchronous, and an async hook costs a promise and a turn per request.
  app.addHook('preValidation', (req, _reply, done) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return done();
    if (!req.auth) return done(new AppError('UNAUTHENTICATED', { key: 'error.unauthenticated' }));
    if (access !== 'authenticated' && !can(req.auth.user.role, access)) return done(new AppError('FORBIDDEN', { key: 'error.forbidden' }));
    done();
  });

  return {
    cookieOptions: (expires: Date) => ({
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: config.cookieSecure,
      signed: true,
      expires,
    }),
  };
}

/** The signed-in caller; routes behind an access check can rely on it. */
export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', { key: 'error.unauthenticated' });
  return req.auth;
}

export function actorOf(req: FastifyRequest): Actor {
  const a = req.auth;
  return { id: a?.user.id ?? null, name: a?.user.username ?? 'system', ip: req.ip, displayName: a?.user.displayName };
}
