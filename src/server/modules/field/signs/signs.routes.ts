import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { ensureFieldPlans } from './field-rounds.ts';
import { activateInput, checkDay, checkInput, checkQuery, decideInput, setupInput, group, groupInput, groupQuery, removeInput, request, requestInput, requestQuery, settings, settingsInput, settingsQuery, sign, signQuery } from './signs.schemas.ts';

export async function signRoutes(app: App, { services, database }: Deps) {
  const tags = ['field'];
  const s = () => services.signs;

  app.get('/api/v1/field/settings', {
    config: { access: 'field.read' },
    schema: { tags, summary: '标识检查时段与空置房优惠门槛', querystring: settingsQuery, response: { 200: settings } },
  }, async (req) => services.fieldSettings.get(authOf(req).scope, req.query.estateId));

  app.patch('/api/v1/field/settings', {
    config: { access: 'field.config' },
    schema: { tags, summary: '修改标识检查时段与空置房优惠门槛', querystring: settingsQuery, body: settingsInput, response: { 200: settings } },
  }, async (req) => services.fieldSettings.save(actorOf(req), authOf(req).scope, req.query.estateId, req.body));

  app.post('/api/v1/field/rounds-setup', {
    config: { access: 'field.config' },
    schema: { tags, summary: '为片区建立标识检查（每日两遍）与空置房巡查计划（巡检引擎）', body: setupInput, response: { 200: z.object({ planIds: z.array(z.number()) }) } },
  }, async (req) => {
    const auth = authOf(req);
    const planIds = await database.db.transaction().execute((trx) => ensureFieldPlans(services.field, trx, actorOf(req), auth, req.body.estateId, req.body.areaId ?? null, services.fieldSettings.today()));
    return { planIds };
  });

  app.get('/api/v1/field/sign-groups', {
    config: { access: 'field.read' },
    schema: { tags, summary: '标识分组（每组为一个检查点）', querystring: groupQuery, response: { 200: z.object({ items: z.array(group) }) } },
  }, async (req) => ({ items: await s().groups(authOf(req).scope, req.query) }));

  app.post('/api/v1/field/sign-groups', {
    config: { access: 'sign.write' },
    schema: { tags, summary: '新建标识分组', body: groupInput, response: { 200: group } },
  }, async (req) => s().createGroup(actorOf(req), authOf(req).scope, req.body));

  app.get('/api/v1/field/signs', {
    config: { access: 'field.read' },
    schema: { tags, summary: '标识台账', querystring: signQuery, response: { 200: list(sign) } },
  }, async (req) => s().list(authOf(req).scope, req.query));

  app.get('/api/v1/field/signs/:id', {
    config: { access: 'field.read' },
    schema: { tags, summary: '一块标识', params: idParam, response: { 200: sign } },
  }, async (req) => s().get(authOf(req).scope, req.params.id));

  app.post('/api/v1/field/signs/:id/activate', {
    config: { access: 'sign.write' },
    schema: { tags, summary: '标识已安装或已修复（启用）', params: idParam, body: activateInput, response: { 200: sign } },
  }, async (req) => s().activate(actorOf(req), authOf(req).scope, req.params.id, req.body));

  app.post('/api/v1/field/signs/:id/remove', {
    config: { access: 'sign.write' },
    schema: { tags, summary: '拆除标识（须写明原因）', params: idParam, body: removeInput, response: { 200: sign } },
  }, async (req) => s().remove(actorOf(req), authOf(req).scope, req.params.id, req.body));

  app.get('/api/v1/field/sign-requests', {
    config: { access: 'field.read' },
    schema: { tags, summary: '《标识使用清单》', querystring: requestQuery, response: { 200: list(request) } },
  }, async (req) => s().requests(authOf(req).scope, req.query));

  app.get('/api/v1/field/sign-requests/:id', {
    config: { access: 'field.read' },
    schema: { tags, summary: '一份《标识使用清单》', params: idParam, response: { 200: request } },
  }, async (req) => s().request(authOf(req).scope, req.params.id));

  app.post('/api/v1/field/sign-requests', {
    config: { access: 'sign.write' },
    schema: { tags, summary: '填写《标识使用清单》（submit = 直接报上级审核）', body: requestInput, response: { 200: request } },
  }, async (req) => s().createRequest(actorOf(req), authOf(req).scope, req.body));

  app.post('/api/v1/field/sign-requests/:id/submit', {
    config: { access: 'sign.write' },
    schema: { tags, summary: '报上级审核', params: idParam, response: { 200: request } },
  }, async (req) => s().submit(actorOf(req), authOf(req).scope, req.params.id));

  app.post('/api/v1/field/sign-requests/:id/decide', {
    config: { access: 'sign.approve' },
    schema: { tags, summary: '审核《标识使用清单》（批准即生成标识）', params: idParam, body: decideInput, response: { 200: request } },
  }, async (req) => s().decide(actorOf(req), authOf(req), req.params.id, req.body));

  app.post('/api/v1/field/sign-checks', {
    config: { access: 'sign.write' },
    schema: { tags, summary: '记录一次标识检查（每日两遍）', body: checkInput, response: { 200: z.object({ id: z.number(), slot: z.number().nullable(), result: z.string(), tickets: z.number() }) } },
  }, async (req) => s().check(actorOf(req), authOf(req), req.body));

  app.get('/api/v1/field/sign-checks', {
    config: { access: 'field.read' },
    schema: { tags, summary: '某日标识检查记录', querystring: checkQuery, response: { 200: checkDay } },
  }, async (req) => s().day(authOf(req).scope, req.query.estateId, req.query.date));
}
