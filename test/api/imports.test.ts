import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, tableCounts } from '../helpers/app.ts';
import { importWorkbook, multipart } from '../helpers/xlsx.ts';

let t: TestApp;
let estateId: number;
beforeAll(async () => {
  t = await createTestApp();
  estateId = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'IMPORT', name: '导入测试小区' })).json().id;
  await t.as('admin', 'POST', '/api/v1/areas', { estateId, name: '一区' });
  const director = await t.db.selectFrom('users').select('id').where('username', '=', 'director').executeTakeFirstOrThrow();
  const estates = await t.db.selectFrom('estates').select('id').execute();
  await t.as('admin', 'PATCH', `/api/v1/users/${director.id}`, { scopes: estates.map((e) => ({ estateId: e.id })) });
});
afterAll(() => t.close());

async function upload(buffer: Buffer, user = 'director', fileName = '档案.xlsx', estate = estateId) {
  const { payload, headers } = multipart(fileName, buffer);
  const cookie = await t.login(user);
  return t.app.inject({ method: 'POST', url: `/api/v1/imports?estateId=${estate}`, payload, headers: { ...headers, cookie } });
}

async function finished(id: number, lang = 'zh-CN') {
  for (let i = 0; i < 600; i++) {
    const res = await t.as('director', 'GET', `/api/v1/imports/${id}`, undefined, { 'accept-language': lang });
    const job = res.json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('template', () => {
  it('downloads an .xlsx with Chinese headers for buildings, units and households', async () => {
    const res = await t.as('director', 'GET', '/api/v1/imports/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '楼栋', '房屋', '住户']);
    expect(wb.getWorksheet('房屋')!.getRow(1).values).toEqual(expect.arrayContaining(['楼栋编号', '房号', '建筑面积(㎡)', '状态']));
    expect(wb.getWorksheet('住户')!.getRow(1).values).toEqual(expect.arrayContaining(['姓名', '与户主关系', '电话', '身份证号', '特长', '爱好', '工作单位', '关怀类型']));
  });
});

describe('import', () => {
  it('imports buildings, units and households with owners; reports progress and counts', async () => {
    const buffer = await importWorkbook({
      buildings: [
        { code: 'A', name: 'A座', area: '一区', kind: '高层', floors: 20, entrances: 2, builtYear: 2018 },
        { code: 'B', name: 'B座', kind: '多层', floors: 6, entrances: 1 },
      ],
      units: [
        { building: 'A', entrance: '1', floor: 1, number: '101', area: 88.8, usage: '住宅', status: '自住' },
        { building: 'A', entrance: '1', floor: 1, number: '102', area: 99.99, status: '空置' },
        { building: 'B', floor: 6, number: '601', area: 120, status: '出租', deliveredOn: '2019-05-01' },
      ],
      households: [
        { building: 'A', entrance: '1', number: '101', name: '何平', relation: '户主', isOwner: '是', gender: '男', phone: '13800138000', idNumber: '11010519491231002X', occupation: '教师', hobbies: '书法', movedInOn: '2019-01-01' },
        { building: 'A', entrance: '1', number: '101', name: '何母', relation: '父母', gender: '女', birthYear: 1940, care: '孤寡老人、病患' },
      ],
    });
    const res = await upload(buffer);
    expect(res.statusCode).toBe(202);
    const job = await finished(res.json().id);
    expect(job).toMatchObject({ status: 'done', totalRows: 7, processedRows: 7, errors: [], result: { buildings: 2, units: 3, households: 1, members: 2, ownerships: 1 } });

    const units = (await t.as('director', 'GET', `/api/v1/units?estateId=${estateId}&q=${encodeURIComponent('何平')}`)).json();
    expect(units.items).toHaveLength(1);
    expect(units.items[0]).toMatchObject({ label: 'A-1-101', buildingArea: 88.8, status: 'occupied', ownerNames: ['何平'], contactPhone: '138****8000' });
    expect(units.items[0].careFlags.sort()).toEqual(['elderly_alone', 'sick']);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'import').executeTakeFirstOrThrow();
    expect(audit.estate_id).toBe(estateId);
  });

  it('reports every bad row with sheet, row and column, and writes nothing', async () => {
    const before = await tableCounts(t.db);
    const buffer = await importWorkbook({
      buildings: [
        { code: 'C', name: 'C座', kind: '塔楼', floors: 10, entrances: 1 },
        { code: 'A', name: '重复', kind: '高层', floors: 10, entrances: 1 },
      ],
      units: [
        { building: 'C', floor: 11, number: '1101', area: 90 },
        { building: 'Z', floor: 1, number: '101', area: 90 },
        { building: 'A', entrance: '1', floor: 2, number: '201', area: -5 },
        { building: 'A', entrance: '1', floor: 2, number: '202', area: 80, status: '自住' },
        { building: 'A', entrance: '1', floor: 2, number: '202', area: 80 },
      ],
      households: [
        { building: 'A', entrance: '1', number: '202', name: '某甲', relation: '户主', phone: '12345', idNumber: '110105194912310021' },
        { building: 'A', entrance: '1', number: '999', name: '某乙', relation: '亲戚' },
      ],
    });
    const job = await finished((await upload(buffer)).json().id);
    expect(job.status).toBe('failed');
    const errs = job.errors.map((e: { sheet: string; row: number; column: string }) => `${e.sheet}:${e.row}:${e.column}`);
    expect(errs).toEqual(
      expect.arrayContaining([
        '楼栋:2:类型',
        '楼栋:3:楼栋编号',
        '房屋:2:楼层',
        '房屋:3:楼栋编号',
        '房屋:4:建筑面积(㎡)',
        '房屋:6:房号',
        '住户:2:电话',
        '住户:2:身份证号',
        '住户:3:与户主关系',
        '住户:3:房号',
      ]),
    );
    expect(job.errors.find((e: { sheet: string; row: number }) => e.sheet === '房屋' && e.row === 6).message).toContain('第 5 行');
    expect(await tableCounts(t.db)).toEqual(before);

    const en = await finished(job.id, 'en-US');
    expect(en.errors.find((e: { sheet: string; row: number }) => e.sheet === '房屋' && e.row === 6).message).toContain('row 5');
  });

  it('refuses a file that is not a workbook, and a non-.xlsx name', async () => {
    // Read before the job starts: an unreadable file is a 400 naming it, and no job.
    const bad = await upload(Buffer.from('not a zip'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.file).toContain('档案.xlsx');
    expect(bad.json().error.fields.file).toContain('.xlsx 模板');
    const wrongName = await upload(Buffer.from('x'), 'director', 'data.csv');
    expect(wrongName.statusCode).toBe(400);
    expect(Object.keys(wrongName.json().error.fields)).toEqual(['file']);
  });

  it('is refused to roles without import rights and outside the caller’s estates', async () => {
    const buffer = await importWorkbook({ buildings: [{ code: 'Q', name: 'Q', kind: '高层', floors: 5, entrances: 1 }] });
    expect((await upload(buffer, 'cs1')).statusCode).toBe(403);
    const jobs = await t.db.selectFrom('import_jobs').select('id').execute();
    const assistant = await upload(buffer, 'assistant');
    expect(assistant.statusCode).toBe(403);
    expect((await t.db.selectFrom('import_jobs').select('id').execute()).length).toBe(jobs.length);
    const job = jobs[0].id;
    expect((await t.as('assistant', 'GET', `/api/v1/imports/${job}`)).statusCode).toBe(404);
  });

  it('imports a 5,000-unit file in one go', async () => {
    const buildings = Array.from({ length: 10 }, (_, i) => ({ code: `T${i}`, name: `T${i}栋`, kind: '高层', floors: 25, entrances: 2 }));
    const units = buildings.flatMap((b) =>
      Array.from({ length: 500 }, (_, k) => ({ building: b.code, entrance: String((k % 2) + 1), floor: Math.floor(k / 20) + 1, number: `${Math.floor(k / 20) + 1}${String(k % 20).padStart(2, '0')}`, area: 80 + (k % 50), status: '空置' })),
    );
    const households = units.slice(0, 2000).map((u, i) => ({ building: u.building, entrance: u.entrance, number: u.number, name: `住户${i}`, relation: '户主', isOwner: '是', phone: `139${String(i).padStart(8, '0')}` }));
    const job = await finished((await upload(await importWorkbook({ buildings, units, households }))).json().id);
    expect(job.status, JSON.stringify(job.errors.slice(0, 3))).toBe('done');
    expect(job.result).toMatchObject({ buildings: 10, units: 5000, households: 2000, ownerships: 2000 });
    expect((await t.as('director', 'GET', `/api/v1/units?estateId=${estateId}&pageSize=1`)).json().total).toBe(5003);
  });
});
