import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf } from '../../http/access.ts';
import { idParam, list } from '../../http/fields.ts';
import { passwordReset, user, userCreate, userQuery, userUpdate } from './users.schemas.ts';

export async function userRoutes(app: App, { services }: Deps) {
  const svc = services.users;
  const tags = ['users'];
  const config = { access: 'user.admin' as const };

  app.get('/api/v1/users', {
    config,
    schema: { tags, summary: '用户列表', querystring: userQuery, response: { 200: list(user) } },
  }, async (req) => svc.list({ ...req.query, active: req.query.active === undefined ? undefined : Number(req.query.active) }));

  app.get('/api/v1/users/:id', {
    config,
    schema: { tags, summary: '用户详情', params: idParam, response: { 200: user } },
  }, async (req) => svc.get(req.params.id));

  app.post('/api/v1/users', {
    config,
    schema: { tags, summary: '新建用户（角色与数据范围）', body: userCreate, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.create(actorOf(req), req.body) }));

  app.patch('/api/v1/users/:id', {
    config,
    schema: { tags, summary: '修改用户、角色、数据范围或停用', params: idParam, body: userUpdate, response: { 200: user } },
  }, async (req) => {
    await svc.update(actorOf(req), req.params.id, req.body);
    return svc.get(req.params.id);
  });

  app.post('/api/v1/users/:id/password', {
    config,
    schema: { tags, summary: '重置用户密码', params: idParam, body: passwordReset, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await svc.resetPassword(actorOf(req), req.params.id, req.body.password);
    return { ok: true };
  });
}
