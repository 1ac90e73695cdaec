
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { check, checkInput, checksQuery, endInput, portalVacant, registerInput, registration, registrationDetail, registrationPatch, registrationQuery } from './vacant.schemas.ts';

export async function vacantRoutes(app: App, { services }: Deps) {
  const tags = ['field'];
  const v = () => services.vacant;

  app.get('/api/v1/field/vacant', {
    config: { access: 'field.read' },
    schema: { tags, summary: '空置房屋登记（5.9）', querystring: registrationQuery, response: { 200: list(registration) } },
  }, async (req) => v().list(authOf(req).scope, req.query));

  app.get('/api/v1/field/vacant/:id', {
    config: { access: 'field.read' },
    schema: { tags, summary: '一套空置房：登记、巡查记录、表计', params: idParam, response: { 200: registrationDetail } },
  }, async (req) => v().get(authOf(req).scope, req.params.id));

  app.post('/api/v1/field/vacant', {
    config: { access: 'vacant.write' },
    schema: { tags, summary: '登记空置房（房屋状态随之为空置）', body: registerInput, response: { 200: registration } },
  }, async (req) => v().register(actorOf(req), authOf(req).scope, req.body));

  app.patch('/api/v1/field/vacant/:id', {
    config: { access: 'vacant.write' },
    schema: { tags, summary: '修改钥匙托管、阀门、巡查间隔、联系方式', params: idParam, body: registrationPatch, response: { 200: registration } },
  }, async (req) => v().update(actorOf(req), authOf(req).scope, req.params.id, req.body));

  app.post('/api/v1/field/vacant/:id/end', {
    config: { access: 'vacant.write' },
    schema: { tags, summary: '结束空置（入住、出租、开始装修）', params: idParam, body: endInput, response: { 200: registration } },
  }, async (req) => v().end(actorOf(req), authOf(req).scope, req.params.id, req.body));

  app.post('/api/v1/field/vacant/:id/checks', {
    config: { access: 'vacant.write' },
    schema: { tags, summary: '记录一次空置房巡查（签到 5.10 + 记录 5.11 + 抄表）', params: idParam, body: checkInput, response: { 200: check } },
  }, async (req) => v().check(actorOf(req), authOf(req), req.params.id, req.body));

  app.get('/api/v1/field/vacant-checks', {
    config: { access: 'field.read' },
    schema: { tags, summary: '空置房巡查记录', querystring: checksQuery, response: { 200: list(check) } },
  }, async (req) => v().checks(authOf(req).scope, req.query));

  app.get('/api/v1/portal/vacant', {
    config: { access: 'portal.self' },
    schema: { tags: ['portal'], summary: '我的空置房：下次巡查日期与每次巡查结果', response: { 200: portalVacant } },
  }, async (req) => v().portal(authOf(req).scope));
}
