/** Meters and readings: by hand, by batch sheet, by .xlsx; every rejection; replacement; scope; what billing reads. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { addDays, addMonths } from '../../src/core/fees.ts';
import { readingsForPeriod } from '../../src/server/modules/fees/items/readings.repository.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { multipart } from '../helpers/xlsx.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let today: string;
let period: string;
let prev: string;
let installed: string;
const m: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  today = localDate(t.clock.now());
  period = today.slice(0, 7);
  prev = addMonths(period, -1);
  installed = `${addMonths(period, -6)}-01`;
});
afterAll(() => t.close());

const newMeter = (body: Record<string, unknown>, user = 'director') => t.as(user, 'POST', '/api/v1/fees/meters', { estateId: ids.estate, installedOn: installed, initialReading: 0, ...body });
const sheet = async (user: string, query: string) => {
  const res = await t.as(user, 'GET', `/api/v1/fees/readings?estateId=${ids.estate}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as any[];
};
const save = (user: string, body: Record<string, unknown>) => t.as(user, 'POST', '/api/v1/fees/readings', { estateId: ids.estate, period, readOn: today, ...body });
const readingCount = async () => Number((await t.db.selectFrom('meter_readings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const fields = (res: { json(): any }) => res.json().error.fields as Record<string, string>;

describe('meters', () => {
  it('installs unit meters and a building meter', async () => {
    const specs: Array<[string, Record<string, unknown>]> = [
      ['eastWater', { unitId: ids.eastUnit.id, kind: 'water', number: 'SW-2001', initialReading: 100 }],
      ['eastPower', { unitId: ids.eastUnit.id, kind: 'electricity', number: 'DB-2001', initialReading: 1000 }],
      ['westPower', { unitId: ids.westUnit.id, kind: 'electricity', number: 'DB-3001', initialReading: 500 }],
      ['b2Power', { buildingId: ids.eastUnit.buildingId, kind: 'electricity', number: 'ZB-2', initialReading: 20000 }],
    ];
    for (const [key, body] of specs) {
      const res = await newMeter(body);
      expect(res.statusCode, res.body).toBe(201);
      m[key] = res.json().id;
    }
    const b = (await t.as('director', 'GET', `/api/v1/fees/meters?estateId=${ids.estate}&buildingId=${ids.eastUnit.buildingId}`)).json();
    expect(b.items.map((x: any) => x.number).sort()).toEqual(['DB-2001', 'SW-2001', 'ZB-2']);
    const total = b.items.find((x: any) => x.number === 'ZB-2');
    expect(total).toMatchObject({ unitId: null, unitLabel: null, buildingId: ids.eastUnit.buildingId, buildingName: '2栋', kind: 'electricity', initialReading: 20000, lastReading: null, replacedAt: null });
    expect(b.items.find((x: any) => x.number === 'SW-2001').unitLabel).toMatch(/^2-/);
    const log = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'meter').where('entity_id', '=', String(m.eastWater)).execute();
    expect(log.map((l) => l.action)).toEqual(['create']);
  });

  it('refuses bad meters naming the field', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ unitId: ids.eastUnit.id, buildingId: ids.eastUnit.buildingId, kind: 'gas', number: 'X1' }, 400, 'unitId'],
      [{ kind: 'gas', number: 'X1' }, 400, 'unitId'],
      [{ unitId: ids.eastUnit.id, kind: 'gas', number: 'X1', installedOn: addDays(today, 2) }, 400, 'installedOn'],
      [{ unitId: ids.eastUnit.id, kind: 'steam', number: 'X1' }, 400, 'kind'],
      [{ unitId: ids.eastUnit.id, kind: 'gas', number: 'X 1' }, 400, 'number'],
      [{ unitId: ids.eastUnit.id, kind: 'gas', number: 'X1', initialReading: -5 }, 400, 'initialReading'],
      [{ unitId: ids.owner1Unit.id, kind: 'gas', number: 'SW-2001' }, 409, 'number'],
      [{ unitId: ids.eastUnit.id, kind: 'water', number: 'SW-2002' }, 409, 'kind'],
    ];
    for (const [body, status, field] of cases) {
      const res = await newMeter(body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(status);
      expect(Object.keys(fields(res))).toContain(field);
    }
    expect((await newMeter({ unitId: ids.eastUnit.id, kind: 'gas', number: 'X1' }, 'cs1')).statusCode).toBe(403);
  });

  it('scope: cs1 lists east meters only; dept staff use the sheet', async () => {
    const east = (await t.as('cs1', 'GET', `/api/v1/fees/meters?estateId=${ids.estate}`)).json();
    expect(east.items.map((x: any) => x.number).sort()).toEqual(['DB-2001', 'SW-2001', 'ZB-2']);
    const all = (await t.as('director', 'GET', `/api/v1/fees/meters?estateId=${ids.estate}&kind=electricity`)).json();
    expect(all.total).toBe(3);
    expect((await t.as('director', 'GET', `/api/v1/fees/meters?estateId=${ids.estate}&q=3001`)).json().items.map((x: any) => x.id)).toEqual([m.westPower]);
    expect((await t.as('eng1', 'GET', `/api/v1/fees/meters?estateId=${ids.estate}`)).statusCode).toBe(403);
    expect((await sheet('eng1', `&period=${prev}`)).length).toBe(4);
    expect((await sheet('cs1', `&period=${prev}`)).map((r) => r.meterId).sort()).toEqual([m.eastWater, m.eastPower, m.b2Power].sort());
  });
});

describe('readings', () => {
  it('batch sheet: previous values, then the whole building saved at once', async () => {
    const rows = await sheet('cs1', `&period=${prev}&buildingId=${ids.eastUnit.buildingId}`);
    expect(rows.map((r) => [r.meterNumber, r.previous, r.value])).toEqual(
      expect.arrayContaining([
        ['SW-2001', 100, null],
        ['DB-2001', 1000, null],
        ['ZB-2', 20000, null],
      ]),
    );
    const value: Record<string, number> = { 'SW-2001': 118, 'DB-2001': 1280, 'ZB-2': 23500 };
    const res = await t.as('cs1', 'POST', '/api/v1/fees/readings', { estateId: ids.estate, period: prev, readOn: `${prev}-25`, rows: rows.map((r) => ({ meterId: r.meterId, value: value[r.meterNumber] })) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ saved: 3, skipped: 0, errors: [] });
    const after = await sheet('cs1', `&period=${prev}&buildingId=${ids.eastUnit.buildingId}`);
    const water = after.find((r) => r.meterNumber === 'SW-2001');
    expect(water).toMatchObject({ previous: 100, value: 118, usage: 18, readOn: `${prev}-25` });
    expect(water.readingId).toBeTruthy();
    // next period's sheet starts from this period's values
    const next = await sheet('cs1', `&period=${period}&buildingId=${ids.eastUnit.buildingId}`);
    expect(next.find((r) => r.meterNumber === 'DB-2001')).toMatchObject({ previous: 1280, value: null, previousReadOn: `${prev}-25` });
    const log = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'meter_reading').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log.actor_name).toBe('cs1');
    expect(log.summary).toContain('3');
  });

  it('by hand: one reading, usage = value − previous', async () => {
    const res = await save('eng1', { rows: [{ meterId: m.eastWater, value: 131, note: '入户抄表' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().saved).toBe(1);
    const meter = (await t.as('director', 'GET', `/api/v1/fees/meters?estateId=${ids.estate}&unitId=${ids.eastUnit.id}&kind=water`)).json().items[0];
    expect(meter.lastReading).toEqual({ value: 131, period, readOn: today });
  });

  const reject: Array<[string, () => Record<string, unknown>, string, RegExp]> = [
    ['twice for the same meter and period', () => ({ rows: [{ meterId: m.eastWater, value: 140 }] }), 'rows.0.value', /已有读数 131/],
    ['lower than the previous reading', () => ({ rows: [{ meterId: m.eastPower, value: 1279 }] }), 'rows.0.value', /1279.*1280/],
    ['dated in the future', () => ({ readOn: addDays(today, 1), rows: [{ meterId: m.eastPower, value: 1300 }] }), 'readOn', /晚于今天/],
    ['for a future period', () => ({ period: addMonths(period, 1), rows: [{ meterId: m.eastPower, value: 1300 }] }), 'period', /本月/],
    ['for a period before the last one read', () => ({ period: addMonths(prev, -1), readOn: `${prev}-26`, rows: [{ meterId: m.eastPower, value: 1300 }] }), 'rows.0.value', /不能补录更早的期间/],
    ['dated before the previous reading', () => ({ readOn: `${prev}-20`, rows: [{ meterId: m.eastPower, value: 1300 }] }), 'rows.0.value', /早于上次抄表日期/],
    ['an unknown meter', () => ({ rows: [{ meterId: 999999, value: 1 }] }), 'rows.0.meterId', /不存在/],
    ['the same meter twice in a batch', () => ({ rows: [{ meterId: m.eastPower, value: 1300 }, { meterId: m.eastPower, value: 1310 }] }), 'rows.1.meterId', /重复/],
    ['a fraction', () => ({ rows: [{ meterId: m.eastPower, value: 1300.5 }] }), 'rows.0.value', /./],
    ['a bad period', () => ({ period: '2026-13', rows: [{ meterId: m.eastPower, value: 1300 }] }), 'period', /YYYY-MM/],
  ];
  for (const [label, body, field, message] of reject) {
    it(`rejects a reading ${label}, naming ${field}, saving nothing`, async () => {
      const before = await readingCount();
      const res = await save('cs1', body());
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(fields(res))).toContain(field);
      expect(fields(res)[field]).toMatch(message);
      expect(await readingCount()).toBe(before);
    });
  }

  it('all or nothing: one bad row in a batch saves none of the good ones, and every bad row is named', async () => {
    const before = await readingCount();
    const res = await save('cs1', { rows: [{ meterId: m.eastPower, value: 1400 }, { meterId: m.b2Power, value: 100 }, { meterId: 999999, value: 5 }] });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(fields(res)).sort()).toEqual(['rows.1.value', 'rows.2.meterId']);
    expect(res.json().error.message).toContain('2');
    expect(await readingCount()).toBe(before);
  });

  it('scope: cs1 cannot read a west meter (named as unknown); cs2 can', async () => {
    const res = await save('cs1', { period: prev, readOn: `${prev}-25`, rows: [{ meterId: m.westPower, value: 600 }] });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(fields(res))).toEqual(['rows.0.meterId']);
    const ok = await save('cs2', { period: prev, readOn: `${prev}-25`, rows: [{ meterId: m.westPower, value: 620 }] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await t.as('desk1', 'POST', '/api/v1/fees/readings', { estateId: ids.estate, period, readOn: today, rows: [{ meterId: m.westPower, value: 700 }] })).statusCode).toBe(403);
  });

  it('two people saving the same meter and period at once: exactly one reading is kept', async () => {
    const [a, b] = await Promise.all([
      save('cs2', { rows: [{ meterId: m.westPower, value: 700 }] }),
      save('director', { rows: [{ meterId: m.westPower, value: 710 }] }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes[0]).toBe(201);
    expect([400, 409]).toContain(codes[1]);
    const rows = await t.db.selectFrom('meter_readings').select('value').where('meter_id', '=', m.westPower).where('period', '=', period).execute();
    expect(rows).toHaveLength(1);
  });

  it('billing reads a period in one call, with unit and building', async () => {
    const rows = await readingsForPeriod(t.db, ids.estate, prev);
    expect(rows.map((r) => [r.meterNumber, r.unitId, r.buildingId, r.usage, r.kind]).sort()).toEqual(
      [
        ['DB-2001', ids.eastUnit.id, ids.eastUnit.buildingId, 280, 'regular'],
        ['DB-3001', ids.westUnit.id, ids.westUnit.buildingId, 120, 'regular'],
        ['SW-2001', ids.eastUnit.id, ids.eastUnit.buildingId, 18, 'regular'],
        ['ZB-2', null, ids.eastUnit.buildingId, 3500, 'regular'],
      ].sort(),
    );
    expect(rows.find((r) => r.meterNumber === 'ZB-2')).toMatchObject({ meterKind: 'electricity', previous: 20000, value: 23500, period: prev, readOn: `${prev}-25` });
  });
});

describe('.xlsx template and import', () => {
  const upload = (user: string, buffer: Buffer, name = 'readings.xlsx') => {
    const { payload, headers } = multipart(name, buffer);
    return t.as(user, 'POST', `/api/v1/fees/readings/import?estateId=${ids.estate}`, payload, headers);
  };
  const workbook = async (rows: Array<Array<string | number | null>>, headers = ['表号', '位置', '类型', '上次读数', '读数', '抄表日期', '期间']) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('抄表');
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('the template has one row per meter with the previous reading', async () => {
    const res = await t.as('cs1', 'GET', `/api/v1/fees/readings/template.xlsx?estateId=${ids.estate}&period=${period}&kind=electricity`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('抄表')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['表号', '位置', '类型', '上次读数', '读数', '抄表日期', '期间']);
    const rows = [];
    for (let n = 2; n <= ws.rowCount; n++) rows.push((ws.getRow(n).values as unknown[]).slice(1));
    // cs1: east only (unit meter and the building meter), electricity only
    expect(rows.map((r) => [r[0], r[3], r[6]]).sort()).toEqual([
      ['DB-2001', 1280, period],
      ['ZB-2', 23500, period],
    ]);
    expect(rows.find((r) => r[0] === 'ZB-2')![1]).toBe('2栋（总表）');
  });

  it('imports a filled-in template: blank readings skipped, the rest saved', async () => {
    const file = await workbook([
      ['DB-2001', '', '电表', 1280, 1460, today, period],
      ['ZB-2', '', '电表', 23500, null, null, period],
    ]);
    const res = await upload('cs1', file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ saved: 1, skipped: 1, errors: [] });
    const r = (await readingsForPeriod(t.db, ids.estate, period)).find((x) => x.meterNumber === 'DB-2001')!;
    expect(r).toMatchObject({ previous: 1280, value: 1460, usage: 180, readOn: today });
    const log = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'meter_reading').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log.action).toBe('import');
  });

  it('a blank date means today, and a period typed as a date is read as its month', async () => {
    const d = new Date(`${period}-01T00:00:00Z`);
    const res = await upload('cs1', await workbook([['ZB-2', '', '', '', 24100, null, d as unknown as string]]));
    expect(res.statusCode, res.body).toBe(201);
    const r = (await readingsForPeriod(t.db, ids.estate, period)).find((x) => x.meterNumber === 'ZB-2')!;
    expect(r).toMatchObject({ value: 24100, usage: 600, readOn: today, period });
  });

  it('names every bad row and column of a file and saves nothing', async () => {
    const before = await readingCount();
    const file = await workbook([
      ['DB-2001', '', '', '', 1500, today, period], // row 2: twice in the period
      ['NOPE-1', '', '', '', 10, today, period], // row 3: unknown number
      ['DB-3001', '', '', '', 600, today, period], // row 4: west meter, not cs1's; and lower than 620
      ['SW-2001', '', '', '', '12a', today, period], // row 5: not a number
      ['SW-2001', '', '', '', 150, '2026/11/31', period], // row 6: bad date
      ['SW-2001', '', '', '', 150, today, '26年11月'], // row 7: bad period
    ]);
    const res = await upload('cs1', file);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(fields(res)).sort()).toEqual(['rows.5.value', 'rows.6.readOn', 'rows.7.period']);
    // the shape errors come first; once they are fixed the rows are checked against the meters
    const second = await upload('cs1', await workbook([
      ['DB-2001', '', '', '', 1500, today, period],
      ['NOPE-1', '', '', '', 10, today, period],
      ['DB-3001', '', '', '', 600, today, period],
      ['SW-2001', '', '', '', 150, addDays(today, 1), period],
    ]));
    expect(second.statusCode).toBe(400);
    const f = fields(second);
    expect(Object.keys(f).sort()).toEqual(['rows.2.value', 'rows.3.number', 'rows.4.number', 'rows.5.readOn']);
    expect(f['rows.3.number']).toContain('NOPE-1');
    expect(await readingCount()).toBe(before);
  });

  it('refuses a file that is not the template', async () => {
    expect((await upload('cs1', Buffer.from('not a workbook'))).statusCode).toBe(400);
    expect((await upload('cs1', await workbook([], ['编号', '数值'])) ).statusCode).toBe(400);
    expect((await upload('cs1', await workbook([]), 'readings.csv')).statusCode).toBe(400);
    const empty = await upload('cs1', await workbook([['ZB-2', '', '', '', null, null, period]]));
    expect(empty.statusCode).toBe(400);
    expect(fields(empty).file).toBeTruthy();
    expect((await t.as('cs1', 'POST', `/api/v1/fees/readings/import?estateId=${ids.estate}`, { rows: [] })).statusCode).toBe(415);
    expect((await upload('desk1', await workbook([])) ).statusCode).toBe(403);
  });
});

describe('meter replacement', () => {
  let newId: number;

  it('refuses a final reading below the last one, a future date, or a number in use', async () => {
    const url = `/api/v1/fees/meters/${m.eastWater}/replace`;
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ finalReading: 130, readOn: today, newNumber: 'SW-2001B', newInitialReading: 0 }, 400, 'finalReading'],
      [{ finalReading: 140, readOn: addDays(today, 1), newNumber: 'SW-2001B', newInitialReading: 0 }, 400, 'readOn'],
      [{ finalReading: 140, readOn: `${prev}-01`, newNumber: 'SW-2001B', newInitialReading: 0 }, 400, 'readOn'],
      [{ finalReading: 140, readOn: today, newNumber: 'DB-2001', newInitialReading: 0 }, 409, 'newNumber'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.as('eng1', 'POST', url, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(Object.keys(fields(res))).toContain(field);
    }
    expect((await t.db.selectFrom('meters').select('replaced_at').where('id', '=', m.eastWater).executeTakeFirstOrThrow()).replaced_at).toBeNull();
  });

  it('cs1 cannot replace a west meter', async () => {
    expect((await t.as('cs1', 'POST', `/api/v1/fees/meters/${m.westPower}/replace`, { finalReading: 700, readOn: today, newNumber: 'DB-3001B', newInitialReading: 0 })).statusCode).toBe(404);
    expect((await t.as('desk1', 'POST', `/api/v1/fees/meters/${m.westPower}/replace`, { finalReading: 700, readOn: today, newNumber: 'DB-3001B', newInitialReading: 0 })).statusCode).toBe(403);
  });

  it('records the final reading, closes the old meter and opens the new one', async () => {
    const res = await t.as('eng1', 'POST', `/api/v1/fees/meters/${m.eastWater}/replace`, { finalReading: 142, readOn: today, newNumber: 'SW-2001B', newInitialReading: 3, note: '表芯卡滞，更换新表' });
    expect(res.statusCode, res.body).toBe(201);
    const fresh = res.json();
    newId = fresh.id;
    expect(fresh).toMatchObject({ number: 'SW-2001B', unitId: ids.eastUnit.id, kind: 'water', installedOn: today, initialReading: 3, lastReading: null, replacedAt: null });
    const old = (await t.as('director', 'GET', `/api/v1/fees/meters?estateId=${ids.estate}&unitId=${ids.eastUnit.id}&kind=water&includeReplaced=1`)).json().items.find((x: any) => x.id === m.eastWater);
    expect(old.replacedAt).toBeTruthy();
    expect(old.replacedById).toBe(newId);
    // this period is already read (131): the final usage 142 − 131 goes to the next period's bill
    const next = addMonths(period, 1);
    const final = (await readingsForPeriod(t.db, ids.estate, next)).find((r) => r.meterId === m.eastWater)!;
    expect(final).toMatchObject({ kind: 'final', previous: 131, value: 142, usage: 11, readOn: today });
    const log = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'meter').where('entity_id', '=', String(m.eastWater)).orderBy('id').execute();
    expect(log.map((l) => [l.action, l.actor_name])).toEqual([['create', 'director'], ['replace', 'eng1']]);
    expect(log[1]!.summary).toContain('SW-2001B');
  });

  it('the old meter is closed: readings and a second replacement are refused', async () => {
    const res = await save('cs1', { rows: [{ meterId: m.eastWater, value: 150 }] });
    expect(res.statusCode).toBe(400);
    expect(fields(res)['rows.0.meterId']).toContain('已更换');
    const again = await t.as('eng1', 'POST', `/api/v1/fees/meters/${m.eastWater}/replace`, { finalReading: 150, readOn: today, newNumber: 'SW-2001C', newInitialReading: 0 });
    expect(again.statusCode).toBe(409);
    const listed = (await t.as('director', 'GET', `/api/v1/fees/meters?estateId=${ids.estate}&unitId=${ids.eastUnit.id}&kind=water`)).json().items;
    expect(listed.map((x: any) => x.id)).toEqual([newId]);
  });

  it('the new meter reads from its initial reading and takes the old one\'s place on the sheet', async () => {
    // this period: the old meter (read before it was replaced) and the new one
    const now = await sheet('cs1', `&period=${period}&kind=water`);
    expect(now.map((r) => r.meterId).sort()).toEqual([m.eastWater, newId].sort());
    expect(now.find((r) => r.meterId === m.eastWater)).toMatchObject({ value: 131 });
    expect(now.find((r) => r.meterId === newId)).toMatchObject({ previous: 3, value: null });
    // from the next period on, only the new one
    expect((await sheet('cs1', `&period=${addMonths(period, 1)}&kind=water`)).map((r) => r.meterId)).toEqual([newId]);
    const low = await save('cs1', { rows: [{ meterId: newId, value: 2 }] });
    expect(low.statusCode).toBe(400);
    const ok = await save('cs1', { rows: [{ meterId: newId, value: 9 }] });
    expect(ok.statusCode, ok.body).toBe(201);
    const r = (await readingsForPeriod(t.db, ids.estate, period)).find((x) => x.meterId === newId)!;
    expect(r).toMatchObject({ previous: 3, value: 9, usage: 6 });
  });
});
