import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { addDefectInput, handover, handoverInput, handoverQuery, inspectInput, moveInput } from './handover.schemas.ts';

export async function handoverRoutes(app: App, { services }: Deps) {
  const tags = ['field'];
  const h = () => services.handovers;

  app.get('/api/v1/field/handovers', {
    config: { access: 'field.read' },
    schema: { tags, summary: '验房与遗留问题', querystring: handoverQuery, response: { 200: list(handover) } },
  }, async (req) => h().list(authOf(req).scope, req.query));

  app.get('/api/v1/field/handovers/:id', {
    config: { access: 'field.read' },
    schema: { tags, summary: '一次验房', params: idParam, response: { 200: handover } },
  }, async (req) => h().get(authOf(req).scope, req.params.id));

  app.post('/api/v1/field/handovers', {
    config: { access: 'handover.write' },
    schema: { tags, summary: '预约验房', body: handoverInput, response: { 200: handover } },
  }, async (req) => h().create(actorOf(req), authOf(req).scope, req.body));

  app.post('/api/v1/field/handovers/:id/inspect', {
    config: { access: 'handover.write' },
    schema: { tags, summary: '记录验房结果与遗留问题（有问题即生成遗留问题工单）', params: idParam, body: inspectInput, response: { 200: handover } },
  }, async (req) => h().inspect(actorOf(req), authOf(req), req.params.id, req.body));

  app.post('/api/v1/field/handovers/:id/defects', {
    config: { access: 'handover.write' },
    schema: { tags, summary: '补记遗留问题', params: idParam, body: addDefectInput, response: { 200: handover } },
  }, async (req) => h().addDefect(actorOf(req), authOf(req).scope, req.params.id, req.body));

  app.post('/api/v1/field/handover-defects/:id/move', {
    config: { access: 'handover.write' },
    schema: { tags, summary: '遗留问题进度（送责任方、已排期、已修复、已验证…）', params: idParam, body: moveInput, response: { 200: handover } },
  }, async (req) => h().move(actorOf(req), authOf(req).scope, req.params.id, req.body));
}
