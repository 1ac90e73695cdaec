/**
 * Surveys (design B.3.2): builder and its bad inputs, locked after publish, one slot per unit,
 * every channel, one response per unit, marks, verification by another person, the report's
 * formulas, the cashier's hint, the portal, and answers after closing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let surveyId: number;
let q: Array<{ id: number; type: string; options: Array<{ id: number }> }>;
const today = () => t.services.homeVisits.today();

const body = (over: Record<string, unknown> = {}) => ({
  estateId: ids.estate,
  title: '2026 年度住户满意度测评',
  kind: 'satisfaction',
  audience: {},
  channels: ['portal', 'paper', 'phone'],
  opensOn: today(),
  closesOn: '2099-12-31',
  questions: [
    { type: 'rating5', text: '您对客服中心的服务是否满意？', dimension: '客服', countsForSatisfaction: true },
    { type: 'rating5', text: '您对收费工作是否满意？', dimension: '收费', countsForSatisfaction: true, required: false },
    { type: 'single', text: '您最常用的报事方式', options: ['电话', '前台', '业主端'] },
    { type: 'text', text: '意见和建议', required: false },
  ],
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const slotOf = async (unitId: number) => (await t.db.selectFrom('survey_recipients').select(['id', 'form_no', 'status']).where('survey_id', '=', surveyId).where('unit_id', '=', unitId).executeTakeFirstOrThrow());
const answers = (rating = 5) => ({ [q[0]!.id]: rating, [q[2]!.id]: q[2]!.options[0]!.id });

describe('builder', () => {
  it('refuses bad input naming the field, and other roles', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ closesOn: '2000-01-01' }, 'closesOn'],
      [{ questions: [{ type: 'single', text: '一个选项', options: ['是'] }] }, 'questions.0.options'],
      [{ questions: [{ type: 'text', text: '文字', countsForSatisfaction: true }] }, 'questions.0.countsForSatisfaction'],
      [{ questions: [{ type: 'rating5', text: '维度', dimension: '不存在' }] }, 'questions.0.dimension'],
      [{ questions: [{ type: 'essay', text: 'x' }] }, 'questions.0.type'],
      [{ audience: { unitIds: [999999] } }, 'audience.unitIds'],
      [{ channels: [] }, 'channels'],
      [{ title: '   ' }, 'title'],
      [{ colour: 'red' }, ''],
    ];
    for (const [over, field] of cases) {
      const r = await t.as('assistant', 'POST', '/api/v1/surveys', body(over));
      expect(r.statusCode, `${JSON.stringify(over)} ${r.body}`).toBe(400);
      if (field) expect(Object.keys(r.json().error.fields ?? {}), r.body).toContain(field);
    }
    expect((await t.as('cs1', 'POST', '/api/v1/surveys', body())).statusCode).toBe(403);
    expect((await t.as('owner1', 'GET', '/api/v1/surveys')).statusCode).toBe(403);
  });

  it('publishes only with questions and an audience; questions lock after publish', async () => {
    const empty = await t.as('assistant', 'POST', '/api/v1/surveys', body({ questions: [] }));
    expect(empty.statusCode, empty.body).toBe(201);
    const p0 = await t.as('assistant', 'POST', `/api/v1/surveys/${empty.json().id}/publish`);
    expect(p0.statusCode).toBe(400);
    expect(p0.json().error.fields.questions).toBeDefined();
    const vacant = await t.db.selectFrom('units').select('id').where('status', '=', 'vacant').executeTakeFirstOrThrow();
    const nobody = await t.as('assistant', 'POST', '/api/v1/surveys', body({ audience: { unitIds: [vacant.id] } }));
    const p1 = await t.as('assistant', 'POST', `/api/v1/surveys/${nobody.json().id}/publish`);
    expect(p1.statusCode).toBe(400);
    expect(p1.json().error.fields.audience).toBeDefined();

    const c = await t.as('assistant', 'POST', '/api/v1/surveys', body());
    expect(c.statusCode, c.body).toBe(201);
    surveyId = c.json().id;
    const put = await t.as('assistant', 'PATCH', `/api/v1/surveys/${surveyId}`, { title: '2026 年度住户满意度测评（修订）' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ title: '2026 年度住户满意度测评（修订）', kind: 'satisfaction' });
    expect(put.json().questions).toHaveLength(4);
    const badQ = await t.as('assistant', 'PATCH', `/api/v1/surveys/${surveyId}`, { questions: [{ type: 'single', text: '缺字段' }] });
    expect(badQ.statusCode).toBe(400);
    expect((await t.as('assistant', 'POST', `/api/v1/surveys/${surveyId}/close`)).statusCode).toBe(409);
    const pub = await t.as('assistant', 'POST', `/api/v1/surveys/${surveyId}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    const units = await t.db.selectFrom('units').select('id').where('status', '<>', 'vacant').where('usage', '=', 'residential').where('archived_at', 'is', null).execute();
    expect(pub.json().slots).toBe(units.length);
    expect((await t.as('assistant', 'POST', `/api/v1/surveys/${surveyId}/publish`)).statusCode).toBe(409);
    expect((await t.as('assistant', 'PATCH', `/api/v1/surveys/${surveyId}`, { title: '改' })).statusCode).toBe(409);
    q = (await t.as('assistant', 'GET', `/api/v1/surveys/${surveyId}`)).json().questions;
    expect(q[2]!.options.map((o) => o.id)).toEqual([1, 2, 3]);
  });
});

describe('slots and answers', () => {
  it('shows an area administrator only his area, with pre-printed form numbers', async () => {
    const all = (await t.as('assistant', 'GET', `/api/v1/surveys/${surveyId}/recipients?pageSize=200`)).json();
    const east = (await t.as('cs1', 'GET', `/api/v1/surveys/${surveyId}/recipients?pageSize=200`)).json();
    expect(east.total).toBeGreaterThan(0);
    expect(east.total).toBeLessThan(all.total);
    expect(new Set(all.items.map((r: { formNo: string }) => r.formNo)).size).toBe(all.items.length);
  });

  it('the cashier sees the unit has a survey pending', async () => {
    const r = await t.as('cashier1', 'GET', `/api/v1/units/${ids.westUnit.id}/pending-surveys`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toEqual([expect.objectContaining({ surveyId, status: 'pending' })]);
    expect((await t.as('owner1', 'GET', `/api/v1/units/${ids.westUnit.id}/pending-surveys`)).statusCode).toBe(403);
    expect((await t.as('cs1', 'GET', `/api/v1/units/${ids.westUnit.id}/pending-surveys`)).statusCode).toBe(404);
  });

  it('the owner answers in the portal once; bad answers are named', async () => {
    const list = await t.as('owner1', 'GET', '/api/v1/portal/surveys');
    expect(list.statusCode, list.body).toBe(200);
    const mine = list.json().items.find((s: { surveyId: number }) => s.surveyId === surveyId);
    expect(mine).toMatchObject({ answered: false, status: 'pending' });
    const missing = await t.as('owner1', 'POST', `/api/v1/portal/surveys/${mine.recipientId}`, { answers: { [q[2]!.id]: 1 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[`answers.${q[0]!.id}`]).toBeDefined();
    const badOption = await t.as('owner1', 'POST', `/api/v1/portal/surveys/${mine.recipientId}`, { answers: { [q[0]!.id]: 5, [q[2]!.id]: 9 } });
    expect(badOption.json().error.fields[`answers.${q[2]!.id}`]).toBeDefined();
    const badRating = await t.as('owner1', 'POST', `/api/v1/portal/surveys/${mine.recipientId}`, { answers: { [q[0]!.id]: 6, [q[2]!.id]: 1 } });
    expect(badRating.json().error.fields[`answers.${q[0]!.id}`]).toBeDefined();
    const ok = await t.as('owner1', 'POST', `/api/v1/portal/surveys/${mine.recipientId}`, { answers: { ...answers(5), [q[3]!.id]: '希望增加儿童游乐设施' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/surveys/${mine.recipientId}`, { answers: answers(4) })).statusCode).toBe(409);
    const other = await slotOf(ids.westUnit.id);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/surveys/${other.id}`, { answers: answers(4) })).statusCode).toBe(404);
    expect((await t.as('owner1', 'GET', '/api/v1/portal/surveys')).json().items.find((s: { surveyId: number }) => s.surveyId === surveyId).answered).toBe(true);
  });

  it('staff enter paper (form number required and matching) and phone answers, in their area only', async () => {
    const slot = await slotOf(ids.eastUnit.id);
    const noForm = await t.as('cs1', 'POST', `/api/v1/survey-recipients/${slot.id}/response`, { channel: 'paper', answers: answers() });
    expect(noForm.json().error.fields.formNo).toBeDefined();
    const wrong = await t.as('cs1', 'POST', `/api/v1/survey-recipients/${slot.id}/response`, { channel: 'paper', formNo: '999-9999', answers: answers() });
    expect(wrong.json().error.fields.formNo).toBeDefined();
    const visit = await t.as('cs1', 'POST', `/api/v1/survey-recipients/${slot.id}/response`, { channel: 'visit', answers: answers() });
    expect(visit.statusCode).toBe(400); // this survey is not collected on visits
    expect(visit.json().error.fields.channel).toBeDefined();
    const paper = await t.as('cs1', 'POST', `/api/v1/survey-recipients/${slot.id}/response`, { channel: 'paper', formNo: slot.form_no, answers: answers(4) });
    expect(paper.statusCode, paper.body).toBe(201);
    expect((await t.as('cs1', 'POST', `/api/v1/survey-recipients/${slot.id}/response`, { channel: 'phone', answers: answers(4) })).statusCode).toBe(409);
    const west = await slotOf(ids.westUnit.id);
    expect((await t.as('cs1', 'POST', `/api/v1/survey-recipients/${west.id}/response`, { channel: 'phone', answers: answers() })).statusCode).toBe(404);
    expect((await t.as('eng1', 'POST', `/api/v1/survey-recipients/${west.id}/response`, { channel: 'phone', answers: answers() })).statusCode).toBe(403);
    const phone = await t.as('cashier1', 'POST', `/api/v1/survey-recipients/${west.id}/response`, { channel: 'phone', respondentName: '李先生', answers: answers(2) });
    expect(phone.statusCode, phone.body).toBe(201);
    expect((await t.as('cashier1', 'GET', `/api/v1/units/${ids.westUnit.id}/pending-surveys`)).json().items).toEqual([]);
  });

  it('issues, marks refused/unreachable/invalid with a reason, and refuses the wrong order', async () => {
    const slots = (await t.as('assistant', 'GET', `/api/v1/surveys/${surveyId}/recipients?status=pending&pageSize=20`)).json().items;
    const [a, b, c, d, e, f] = slots;
    const wrongChannel = await t.as('assistant', 'POST', `/api/v1/survey-recipients/${a.id}/issue`, { channel: 'visit' });
    expect(wrongChannel.statusCode).toBe(400);
    expect(wrongChannel.json().error.fields.channel).toBeDefined();
    const issued = await t.as('assistant', 'POST', `/api/v1/survey-recipients/${a.id}/issue`, { channel: 'paper' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect((await t.as('assistant', 'POST', `/api/v1/survey-recipients/${a.id}/issue`, { channel: 'paper' })).statusCode).toBe(409);
    expect((await t.as('assistant', 'POST', `/api/v1/survey-recipients/${b.id}/mark`, { status: 'unreachable' })).statusCode).toBe(400);
    expect((await t.as('assistant', 'POST', `/api/v1/survey-recipients/${b.id}/mark`, { status: 'unreachable', reason: '长期无人' })).statusCode).toBe(200);
    expect((await t.as('assistant', 'POST', `/api/v1/survey-recipients/${c.id}/mark`, { status: 'refused', reason: '不愿填写' })).statusCode).toBe(200);
    expect((await t.as('assistant', 'POST', `/api/v1/survey-recipients/${d.id}/mark`, { status: 'invalid', reason: '全选同一项' })).statusCode).toBe(409);
    // the rest come back by phone, entered by several people; one is judged invalid afterwards
    for (const [slot, who, rating] of [[d, 'cashier1', 5], [e, 'assistant', 4], [f, 'director', 3]] as const) {
      const r = await t.as(who, 'POST', `/api/v1/survey-recipients/${slot.id}/response`, { channel: 'phone', answers: answers(rating) });
      expect(r.statusCode, r.body).toBe(201);
    }
    expect((await t.as('assistant', 'POST', `/api/v1/survey-recipients/${f.id}/mark`, { status: 'invalid', reason: '全选同一项' })).statusCode).toBe(200);
  });
});

describe('verification call-backs', () => {
  it('samples staff-entered responses; the enterer may not verify his own; once each', async () => {
    const v = await t.as('director', 'GET', `/api/v1/surveys/${surveyId}/verifications`);
    expect(v.statusCode, v.body).toBe(200);
    const items = v.json().items;
    expect(items).toHaveLength(5); // 5 staff-entered so far: all of them (min 5)
    expect(items.every((i: { channel: string }) => i.channel !== 'portal')).toBe(true);
    expect((await t.as('cs1', 'GET', `/api/v1/surveys/${surveyId}/verifications`)).statusCode).toBe(403);
    const byDirector = (await t.db.selectFrom('survey_responses').select('id').where('entered_by', '=', ids.users.director!).executeTakeFirstOrThrow()).id;
    expect((await t.as('director', 'POST', `/api/v1/survey-responses/${byDirector}/verify`, { result: 'confirmed' })).statusCode).toBe(403);
    const ok = await t.as('assistant', 'POST', `/api/v1/survey-responses/${byDirector}/verify`, { result: 'mismatch', note: '住户说没有接到电话' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await t.as('assistant', 'POST', `/api/v1/survey-responses/${byDirector}/verify`, { result: 'confirmed' })).statusCode).toBe(409);
    const other = items.find((i: { responseId: number }) => i.responseId !== byDirector);
    expect((await t.as('director', 'POST', `/api/v1/survey-responses/${other.responseId}/verify`, { result: 'confirmed' })).statusCode).toBe(201);
    expect((await t.as('director', 'POST', `/api/v1/survey-responses/${other.responseId}/verify`, { result: 'maybe' })).statusCode).toBe(400);
    const portal = (await t.db.selectFrom('survey_responses').select('id').where('channel', '=', 'portal').executeTakeFirstOrThrow()).id;
    expect((await t.as('director', 'POST', `/api/v1/survey-responses/${portal}/verify`, { result: 'confirmed' })).statusCode).toBe(409);
  });
});

describe('report', () => {
  it('computes issued, return rate and satisfaction with their formulas', async () => {
    const r = await t.as('assistant', 'GET', `/api/v1/surveys/${surveyId}/report`);
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json();
    // responded: portal 1 + paper 1 + phone 1 + 2 phone (e, d) = 5; invalid 1; refused 1; unreachable 1; issued 1
    expect(rep.counts).toMatchObject({ responded: 5, invalid: 1, refused: 1, unreachable: 1, issued: 1 });
    expect(rep.issued).toBe(9);
    expect(rep.returned).toBe(6);
    expect(rep.returnRate).toBe(66.7);
    expect(rep.validReturnRate).toBe(55.6);
    // 客服 ratings of valid responses: 5 (portal), 4 (paper), 2 (phone), 5, 4 → 4 of 5 satisfied
    expect(rep.byDimension.find((d: { dimension: string }) => d.dimension === '客服')).toMatchObject({ answered: 5, satisfied: 4, rate: 80 });
    expect(rep.satisfaction).toMatchObject({ answered: 5, satisfied: 4, rate: 80 });
    expect(rep.verification).toMatchObject({ sample: 5, done: 2, confirmed: 1, mismatch: 1, mismatchRate: 50 });
    expect(rep.formulas.join('\n')).toContain('回收率 = 交回份数');
    expect(rep.formulas.join('\n')).toContain('≥ 70%');
    expect(rep.formulas.join('\n')).toContain('≥ 90%');
    expect(rep.questions[3].comments).toEqual(['希望增加儿童游乐设施']);
    const en = await t.as('assistant', 'GET', `/api/v1/surveys/${surveyId}/report`, undefined, { 'accept-language': 'en-US' });
    expect(en.json().formulas[1]).toContain('Return rate');
    const x = await t.as('assistant', 'GET', `/api/v1/surveys/${surveyId}/report.xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const east = await t.as('cs1', 'GET', `/api/v1/surveys/${surveyId}/report`);
    expect(east.json().issued).toBeLessThan(rep.issued + 1);
    expect(east.json().formulas.at(-1)).toContain('片区');
  });
});

describe('closing', () => {
  it('refuses answers after closing, and after the closing day', async () => {
    const slot = (await t.as('assistant', 'GET', `/api/v1/surveys/${surveyId}/recipients?status=pending&pageSize=1`)).json().items[0];
    expect((await t.as('assistant', 'POST', `/api/v1/surveys/${surveyId}/close`)).statusCode).toBe(200);
    expect((await t.as('assistant', 'POST', `/api/v1/survey-recipients/${slot.id}/response`, { channel: 'phone', answers: answers() })).statusCode).toBe(409);
    expect((await t.as('assistant', 'POST', `/api/v1/surveys/${surveyId}/archive`)).statusCode).toBe(200);
    expect((await t.as('assistant', 'POST', `/api/v1/surveys/${surveyId}/archive`)).statusCode).toBe(409);

    const short = await t.as('assistant', 'POST', '/api/v1/surveys', body({ closesOn: today(), audience: { unitIds: [ids.owner1Unit.id] } }));
    await t.as('assistant', 'POST', `/api/v1/surveys/${short.json().id}/publish`);
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 2 * 24 * 60 });
    const mine = (await t.as('owner1', 'GET', '/api/v1/portal/surveys')).json().items.find((s: { surveyId: number }) => s.surveyId === short.json().id);
    const late = await t.as('owner1', 'POST', `/api/v1/portal/surveys/${mine.recipientId}`, { answers: answers() });
    expect(late.statusCode).toBe(409);
  });
});
