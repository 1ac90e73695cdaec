import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertFeeItem, insertLine, payLines } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const today = () => localDate(t.clock.now());
const portalUser = async (username: string, unitId: number, phone: string | null = null) => {
  const res = await t.as('admin', 'POST', '/api/v1/users', { username, displayName: username, role: 'owner', password: 'Portal2026x', phone, unitIds: [unitId] });
  expect(res.statusCode, res.body).toBe(201);
  await t.login(username, 'Portal2026x');
  return res.json().id as number;
};
const fileTicket = (user: string, unitId: number) =>
  t.as(user, 'POST', '/api/v1/portal/tickets', { unitId, type: 'repair', title: '门锁坏了', description: '入户门锁打不开' });

describe('the owner portal follows current ownership', () => {
  it('closes the seller’s portal at the sale and opens the buyer’s', async () => {
    const unitId = ids.eastUnit.id;
    await portalUser('seller1', unitId);
    const item = await insertFeeItem(t, ids.estate);
    const line = await insertLine(t, unitId, item, { amount: 12_000, period: '2026-01', due_on: '2026-01-15' });
    const paymentId = await payLines(t, unitId, '2026-01-10', [{ lineId: line, principal: 2_000 }]);

    // Before the sale: his unit, its bills and receipt, and he can report.
    expect((await t.as('seller1', 'GET', `/api/v1/portal/units/${unitId}`)).statusCode).toBe(200);
    expect((await t.as('seller1', 'GET', '/api/v1/portal/fees')).json().units.map((u: { unitId: number }) => u.unitId)).toEqual([unitId]);
    expect((await t.as('seller1', 'GET', `/api/v1/portal/fees/payments/${paymentId}`)).statusCode).toBe(200);
    const before = await fileTicket('seller1', unitId);
    expect(before.statusCode, before.body).toBe(201);
    const ticketId = before.json().id as number;

    await t.db.insertInto('notice_deliveries').values({ estate_id: ids.estate, unit_id: unitId, period: '2026-01', delivered_at: t.clock.now().toISOString(), delivered_by: null, delivered_by_name: '张敏', note: null }).execute();

    // The sale, two days later: the household moves out, the ownership passes, the buyer's household moves in.
    t.clock.setTo(new Date(t.clock.now().getTime() + 2 * 86_400_000));
    const moveOut = await t.as('cs1', 'POST', `/api/v1/households/${ids.eastUnit.householdId}/move-out`, { movedOutOn: today(), reason: '出售' });
    expect(moveOut.statusCode, moveOut.body).toBe(200);
    const transfer = await t.as('cs1', 'POST', `/api/v1/units/${unitId}/ownership-transfer`, {
      date: today(),
      how: 'purchase',
      owners: [{ ownerName: '林新', phone: '13800138001', sharePercent: 100 }],
    });
    expect(transfer.statusCode, transfer.body).toBeLessThan(300);
    const household = await t.as('cs1', 'POST', '/api/v1/households', {
      unitId,
      name: '林新家',
      movedInOn: today(),
      members: [{ name: '林新', relation: 'head', isHead: true, isOwner: true, phone: '13800138001' }],
    });
    expect(household.statusCode, household.body).toBe(201);

    // The seller, with the session he already had: nothing of the unit any more.
    expect((await t.as('seller1', 'GET', `/api/v1/portal/units/${unitId}`)).statusCode).toBe(404);
    expect((await t.as('seller1', 'GET', '/api/v1/portal/home')).json().units).toEqual([]);
    expect((await t.as('seller1', 'GET', '/api/v1/portal/fees')).json().units).toEqual([]);
    expect((await t.as('seller1', 'GET', `/api/v1/portal/fees/payments/${paymentId}`)).statusCode).toBe(404);
    const after = await fileTicket('seller1', unitId);
    expect(after.statusCode).toBe(400);
    expect(Object.keys(after.json().error.fields)).toEqual(['unitId']);
    expect((await t.as('seller1', 'GET', `/api/v1/portal/tickets/${ticketId}`)).statusCode).toBe(404);
    expect((await t.as('seller1', 'GET', '/api/v1/portal/tickets')).json().items).toEqual([]);
    expect((await t.as('seller1', 'POST', `/api/v1/portal/tickets/${ticketId}/cancel`, {})).statusCode).toBe(404);
    expect((await t.as('seller1', 'GET', '/api/v1/auth/me')).json().estates).toEqual([]);
    // Work on his old request goes on for the unit, but the seller is no longer told about it.
    expect((await t.as('cs1', 'POST', `/api/v1/tickets/${ticketId}/resolve`, { note: '已更换门锁' })).statusCode).toBe(200);
    const told = await t.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.kind').where('u.username', '=', 'seller1').where('n.ticket_id', '=', ticketId).execute();
    expect(told.map((n) => n.kind)).not.toContain('ticket.resolve');

    // Re-saving the seller's account with the unit still listed does not hand him the buyer's unit.
    const seller = await t.db.selectFrom('users').select('id').where('username', '=', 'seller1').executeTakeFirstOrThrow();
    expect((await t.as('admin', 'PATCH', `/api/v1/users/${seller.id}`, { displayName: '原业主', unitIds: [unitId] })).statusCode).toBeLessThan(300);
    expect((await t.as('seller1', 'GET', `/api/v1/portal/units/${unitId}`)).statusCode).toBe(404);

    // The buyer: a new portal account, tied to the new ownership by his phone.
    const buyerId = await portalUser('buyer1', unitId, '13800138001');
    const link = await t.db.selectFrom('owner_units').select('ownership_id').where('user_id', '=', buyerId).executeTakeFirstOrThrow();
    const current = await t.db.selectFrom('ownerships').select('id').where('unit_id', '=', unitId).where('ended_on', 'is', null).executeTakeFirstOrThrow();
    expect(link.ownership_id).toBe(current.id);
    const view = await t.as('buyer1', 'GET', `/api/v1/portal/units/${unitId}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().ownerships.map((o: { ownerName: string }) => o.ownerName)).toEqual(['林新']);
    expect((await t.as('buyer1', 'GET', '/api/v1/portal/fees')).json().units.map((u: { unitId: number }) => u.unitId)).toEqual([unitId]);
    const own = await fileTicket('buyer1', unitId);
    expect(own.statusCode).toBe(201);

    // The buyer sees the unit from his purchase on: not the seller's ticket, payment, receipt or
    // notice; the bill still owed on the unit he does (arrears pass with the unit).
    const tickets = (await t.as('buyer1', 'GET', '/api/v1/portal/tickets')).json().items.map((x: { id: number }) => x.id);
    expect(tickets).toEqual([own.json().id]);
    expect((await t.as('buyer1', 'GET', `/api/v1/portal/tickets/${ticketId}`)).statusCode).toBe(404);
    expect((await t.as('buyer1', 'GET', `/api/v1/portal/tickets/${own.json().id}`)).statusCode).toBe(200);
    expect((await t.as('buyer1', 'POST', `/api/v1/portal/tickets/${ticketId}/cancel`, {})).statusCode).toBe(404);
    expect((await t.as('buyer1', 'GET', `/api/v1/portal/fees/payments/${paymentId}`)).statusCode).toBe(404);
    const fees = (await t.as('buyer1', 'GET', '/api/v1/portal/fees')).json().units[0];
    expect(fees.payments).toEqual([]);
    expect(fees.notices).toEqual([]);
    expect(fees.openLines.map((l: { id: number; principalDue?: number }) => l.id)).toEqual([line]);
    // The staff still see the whole history of the unit.
    expect((await t.as('cs1', 'GET', `/api/v1/tickets/${ticketId}`)).statusCode).toBe(200);
    // What the buyer pays is his.
    const paid = await payLines(t, unitId, today(), [{ lineId: line, principal: 1_000 }]);
    expect((await t.as('buyer1', 'GET', `/api/v1/portal/fees/payments/${paid}`)).statusCode).toBe(200);
    expect((await t.as('buyer1', 'GET', '/api/v1/portal/fees')).json().units[0].payments.map((p: { id: number }) => p.id)).toEqual([paid]);
  });

  it('gives a tenant the unit while his lease runs, and closes it when the lease is terminated', async () => {
    const unitId = ids.westUnit.id;
    const lease = await t.as('cs2', 'POST', '/api/v1/tenancies', { unitId, tenantName: '租客甲', phone: '13700137001', startOn: today(), endOn: '2099-12-31', monthlyRent: 300_000 });
    expect(lease.statusCode, lease.body).toBe(201);
    await portalUser('tenant1', unitId, '13700137001');
    expect((await t.as('tenant1', 'GET', `/api/v1/portal/units/${unitId}`)).statusCode).toBe(200);
    const end = await t.as('cs2', 'POST', `/api/v1/tenancies/${lease.json().id}/terminate`, { terminatedOn: today(), reason: '提前退租' });
    expect(end.statusCode, end.body).toBe(200);
    expect((await t.as('tenant1', 'GET', `/api/v1/portal/units/${unitId}`)).statusCode).toBe(404);
    expect((await fileTicket('tenant1', unitId)).statusCode).toBe(400);
  });

  it('refuses portal access to a unit nobody owns or rents now, naming the field', async () => {
    const made = await t.as('admin', 'POST', '/api/v1/units', { buildingId: ids.eastUnit.buildingId, floor: 18, number: '18-99', buildingArea: 9_000 });
    expect(made.statusCode, made.body).toBe(201);
    const vacant = made.json();
    const res = await t.as('admin', 'POST', '/api/v1/users', { username: 'nobody1', displayName: 'x', role: 'owner', password: 'Portal2026x', unitIds: [vacant.id] });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['unitIds']);
  });
});
