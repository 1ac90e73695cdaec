import { z } from 'zod';
import { ROLES } from '../../../core/roles.ts';
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../app.ts';
import { actorOf, authOf, SESSION_COOKIE } from '../../http/access.ts';
import { LoginLimited } from './auth.service.ts';

/** A refused attempt says when to come back, in seconds (Retry-After). */
async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof LoginLimited) reply.header('retry-after', String(err.retryAfterSeconds));
    throw err;
  }
}

const scopeSchema = z.object({
  all: z.boolean(),
  estates: z.array(z.number()),
  areas: z.array(z.object({ estateId: z.number(), areaId: z.number() })),
  units: z.array(z.number()),
});
const meSchema = z.object({
  user: z.object({ id: z.number(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), department: z.string().nullable() }),
  roles: z.array(z.enum(ROLES)),
  scope: scopeSchema,
  estates: z.array(z.object({ id: z.number(), name: z.string(), whole: z.boolean(), areas: z.array(z.object({ id: z.number(), name: z.string() })) })),
});

export async function authRoutes(app: App, { services, cookieOptions }: Deps) {
  app.post('/api/v1/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: '登录',
      body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }).strict(),
      response: { 200: meSchema },
    },
  }, async (req, reply) => {
    const { token, expiresAt } = await withRetryAfter(reply, () => services.auth.login(req.body.username, req.body.password, req.ip, req.headers['user-agent'] ?? null));
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(expiresAt));
    const auth = await services.auth.resolve(token);
    return services.users.me(auth!);
  });

  app.post('/api/v1/auth/logout', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: '退出登录', response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req, reply) => {
    if (req.auth) await services.auth.logout(req.auth.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/v1/auth/me', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: '当前用户、角色与数据范围', response: { 200: meSchema } },
  }, async (req) => services.users.me(authOf(req)));

  app.post('/api/v1/auth/password', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['auth'],
      summary: '修改自己的密码（其他会话随即失效）',
      body: z.object({ oldPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }).strict(),
      response: { 200: z.object({ ok: z.boolean() }) },
    },
  }, async (req, reply) => {
    await withRetryAfter(reply, () => services.auth.changePassword(actorOf(req), authOf(req), req.ip, req.body.oldPassword, req.body.newPassword));
    return { ok: true };
  });
}
