/** Shared steps of the rounds tests: a checkpoint, route and plan in the demo estate, a photo upload, a sync call. */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { addDays, zonedInstant } from '../../src/core/rounds.ts';
import { localDate } from '../../src/core/clock.ts';
import type { TestApp } from './app.ts';

export const jpeg = () => sharp({ create: { width: 32, height: 24, channels: 3, background: '#3366aa' } }).jpeg().toBuffer();

/** Moves the test clock to a fixed wall time (China) on a day after the demo data. */
export function setChinaTime(t: TestApp, date: string, hhmm: string) {
  t.clock.setTo(zonedInstant(date, hhmm));
}
export const dayAfterDemo = (t: TestApp, n = 3) => addDays(localDate(t.clock.now()), n);

export async function uploadPhoto(t: TestApp, user: string, estateId: number | string, clientUuid: string, data?: Buffer, type = 'image/jpeg') {
  const boundary = `----rounds${Math.random().toString(16).slice(2)}`;
  const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const parts: Buffer[] = [field('clientUuid', clientUuid), field('estateId', String(estateId))];
  if (data) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: ${type}\r\n\r\n`), data, Buffer.from('\r\n'));
  const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  return t.app.inject({ method: 'POST', url: '/api/v1/field/photos', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: await t.login(user) } });
}

export async function sync(t: TestApp, user: string, items: Array<{ clientUuid?: string; kind?: string; payload: unknown }>, deviceNow = t.clock.now().toISOString()) {
  return t.as(user, 'POST', '/api/v1/field/sync', { deviceId: 'test-phone', deviceNow, items: items.map((i) => ({ clientUuid: i.clientUuid ?? randomUUID(), kind: i.kind ?? 'round_result', payload: i.payload })) });
}

/**
 * A route of two checkpoints in the east area on the seeded 楼宇日巡 template, and a daily plan
 * with one 09:00 slot of 60 minutes (lead 30, grace 30) done by the east area's administrator.
 */
export async function patrolSetup(t: TestApp, estateId: number, areaId: number, prefix = 'T') {
  const tpl = (await t.as('director', 'GET', `/api/v1/rounds/templates?estateId=${estateId}`)).json().items.find((x: any) => x.kind === 'patrol' && x.status === 'published');
  const cps: number[] = [];
  for (const n of [1, 2]) {
    const r = await t.as('director', 'POST', '/api/v1/rounds/checkpoints', { estateId, areaId, code: `${prefix}-${n}`, name: `${prefix} 检查点 ${n}`, target: 'building', location: `${n} 号楼大堂`, templateFamilyId: tpl.familyId });
    if (r.statusCode !== 201) throw new Error(r.body);
    cps.push(r.json().id);
  }
  const route = await t.as('director', 'POST', '/api/v1/rounds/routes', { estateId, areaId, name: `${prefix} 路线`, ordered: true, checkpointIds: cps });
  if (route.statusCode !== 201) throw new Error(route.body);
  const plan = await t.as('director', 'POST', '/api/v1/rounds/plans', {
    estateId,
    areaId,
    name: `${prefix} 楼宇日巡`,
    kind: 'patrol',
    routeId: route.json().id,
    recurrence: 'daily',
    slots: [{ start: '09:00', windowMin: 60 }],
    startsOn: localDate(t.clock.now()),
  });
  if (plan.statusCode !== 201) throw new Error(plan.body);
  const items = (await t.as('director', 'GET', `/api/v1/rounds/templates/${tpl.id}`)).json().items as Array<{ id: number; label: string }>;
  const tokens = await t.db.selectFrom('checkpoints').select(['id', 'qr_token']).where('id', 'in', cps).execute();
  const token = (id: number) => tokens.find((x) => x.id === id)!.qr_token;
  return { templateId: tpl.id as number, familyId: tpl.familyId as number, cps, routeId: route.json().id as number, planId: plan.json().id as number, items, token };
}

/** Every item answered ok, with some answered as issues. */
export function answers(items: Array<{ id: number }>, issues: Record<number, { description: string; photoIds: number[]; fixedOnSpot?: boolean; afterPhotoIds?: number[] }> = {}) {
  return items.map((i) => (issues[i.id] ? { itemId: i.id, value: 'issue', issue: issues[i.id] } : { itemId: i.id, value: 'ok' }));
}
