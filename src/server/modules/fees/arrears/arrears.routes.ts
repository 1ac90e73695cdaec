import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { list, queryId } from '../../../http/fields.ts';
import { arrearsDetail, boardQuery, boardRow, reminderInput, reminderResult, step, stepInput } from './arrears.schemas.ts';

/** The arrears board and the ladder (manual 4.1.3). */
export async function arrearsRoutes(app: App, { services }: Deps) {
  const { arrears, arrearsSteps } = services.fees;
  const tags = ['fees'];
  const unitParam = z.object({ unitId: queryId });

  app.get('/api/v1/fees/arrears', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '欠费看板：逾期未缴的房屋、金额、账龄、催缴步骤', querystring: boardQuery, response: { 200: list(boardRow) } },
  }, async (req) => arrears.board(authOf(req), req.query));

  app.get('/api/v1/fees/arrears/:unitId', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '一户的欠费：未结清的费用、催缴记录', params: unitParam, response: { 200: arrearsDetail } },
  }, async (req) => arrears.detail(authOf(req), req.params.unitId));

  app.post('/api/v1/fees/arrears/reminders', {
    config: { access: 'arrears.work' },
    schema: { tags, summary: '批量发出催缴通知书（逾期满 N 天、本轮尚未催缴的房屋）', body: reminderInput, response: { 200: reminderResult } },
  }, async (req) => arrears.reminders(actorOf(req), authOf(req), req.body));

  app.post('/api/v1/fees/arrears/:unitId/steps', {
    config: { access: 'arrears.work' },
    schema: { tags, summary: '记录催缴步骤：限期缴费通知、管理员上门、助理拜访、主任协商', params: unitParam, body: stepInput, response: { 201: step } },
  }, async (req, reply) => reply.status(201).send(await arrearsSteps.record(actorOf(req), authOf(req), req.params.unitId, req.body)));
}
