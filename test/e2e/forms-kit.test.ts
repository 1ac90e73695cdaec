/**
 * The form kit in the browser (demo estate 翠湖花园, real server, Chromium): the director opens the
 * forms gallery, prints a blank 表 5.8 and a filled one with its QR code back to the ticket, and
 * files the signed scan from the sheet's scan bar. PNGs and PDFs go to screenshots/forms-* for a
 * person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ROOT } from './server.ts';
import { e2eSuite, switchLanguage } from './suite.ts';

const POLL = { timeout: 30_000, interval: 100 };
const SHOTS = path.join(ROOT, 'screenshots');

const suite = e2eSuite({ pageTimeout: 30_000, shotsDir: SHOTS, viewport: { width: 1280, height: 900 } });

describe('form kit in the browser', () => {
  it('gallery → blank 表 5.8 → filled 表 5.8 with QR → signed scan filed', async () => {
    const page = await suite.signedIn('director');
    await page.goto('/forms');
    const gallery = page.getByTestId('form-gallery');
    await expect.poll(() => gallery.textContent(), POLL).toContain('业主投诉记录表');
    expect(await gallery.textContent()).toContain('表 5.3');
    await expect.poll(() => page.getByTestId('sample-complaint').count(), POLL).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'forms-gallery.png'), fullPage: true });

    await page.getByTestId('blank-complaint').click();
    await page.waitForURL('**/print/blank/complaint**');
    const blank = page.getByTestId('print-sheet');
    await expect.poll(() => blank.getAttribute('data-blank'), POLL).toBe('1');
    expect(await page.getByTestId('form-code').textContent()).toBe('表 5.8');
    expect(await page.getByTestId('form-page').textContent()).toBe('第 1 页 / 共 1 页');
    expect(await page.getByTestId('form-qr').count()).toBe(0);
    expect(await page.getByTestId('sign-name').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    const blankPdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(SHOTS, 'forms-complaint-blank.pdf'), blankPdf);
    expect(blankPdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: path.join(SHOTS, 'forms-complaint-blank.png'), fullPage: true });

    await page.getByTestId('print-back').click();
    await page.waitForURL('**/forms');
    await page.getByTestId('sample-complaint').click();
    await page.waitForURL(/\/print\/tickets\/\d+\/complaint/);
    const id = page.url().match(/tickets\/(\d+)/)![1];
    const qr = page.getByTestId('form-qr');
    await expect.poll(() => qr.getAttribute('data-qr'), POLL).toBe(`${suite.server.url}/desk/tickets/${id}`);
    await expect.poll(() => qr.locator('img').count(), POLL).toBe(1);
    expect(await page.getByTestId('form-record-no').textContent()).toMatch(/\d{6}-\d{4}/);
    await expect.poll(() => page.getByTestId('scan-count').textContent(), POLL).toContain('0');

    // The printed sheet as the scanner would give it back: a JPEG of the page.
    const shot = await page.getByTestId('print-sheet').screenshot();
    const scan = await sharp(shot).jpeg().toBuffer();
    await page.getByTestId('scan-bar').locator('input[type=file]').setInputFiles({ name: 'signed.jpg', mimeType: 'image/jpeg', buffer: scan });
    await expect.poll(() => page.getByTestId('scan-count').textContent(), POLL).toContain('1');
    expect(await page.getByTestId('scan-link').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('scan-bar').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(SHOTS, 'forms-complaint-filled.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: path.join(SHOTS, 'forms-complaint-filled.png'), fullPage: true });
  });

  it('batch prints page x / y on each sheet; blank notice and reminder have writing lines', async () => {
    const page = await suite.signedIn('director', { locale: 'en-US' });
    await switchLanguage(page, 'en-US');
    await page.goto('/print/blank/notice');
    await expect.poll(() => page.getByTestId('print-sheet').getAttribute('data-blank'), POLL).toBe('1');
    expect(await page.getByTestId('form-code').textContent()).toBe('Form 5.3');
    expect(await page.locator('.wd-form-blank-row').count()).toBe(6);
    await page.screenshot({ path: path.join(SHOTS, 'forms-notice-blank-en.png'), fullPage: true });
    await page.goto('/print/blank/reminder');
    await expect.poll(() => page.getByTestId('form-code').textContent(), POLL).toBe('Form 5.4');
    await page.goto('/print/blank/nosuchform');
    await expect.poll(() => page.locator('.ant-result-404').count(), POLL).toBe(1);
  });

  it('every form on the kit: blank versions and samples print on A4 with the kit head', async () => {
    const page = await suite.signedIn('director');
    const blanks = ['appraisal', 'devplan', 'reno-sheet', 'reno-notice', 'reno-approval', 'vacant-register', 'vacant-signin', 'vacant-record', 'mail-delivery', 'mail-pickup', 'visit', 'activity-signin'];
    for (const code of blanks) {
      await page.goto(`/print/blank/${code}`);
      const sheet = page.locator(`[data-form="${code}"]`);
      await expect.poll(() => sheet.count(), POLL).toBe(1);
      expect(await sheet.getAttribute('data-blank')).toBe('1');
      expect(await sheet.getByTestId('form-page').textContent()).toBe('第 1 页 / 共 1 页');
      expect(await sheet.getByTestId('form-qr').count()).toBe(0);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      fs.writeFileSync(path.join(SHOTS, `forms-${code}-blank.pdf`), pdf);
      // one sheet of paper each
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length, code).toBe(1);
      await page.screenshot({ path: path.join(SHOTS, `forms-${code}-blank.png`), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    }
    // The demo estate's records, as the gallery offers them: each opens as its form on the kit, with its QR.
    await page.goto('/forms');
    await expect.poll(() => page.getByTestId('sample-complaint').count(), POLL).toBe(1);
    const samples = ['appraisal', 'devplan', 'reno-permit', 'reno-approval', 'reno-sheet', 'vacant-register', 'sign-labels'];
    for (const code of samples) {
      await page.goto('/forms');
      const link = page.getByTestId(`sample-${code}`);
      await expect.poll(() => link.count(), POLL).toBe(1);
      await link.click();
      await page.waitForURL('**/print/**');
      const sheet = page.locator(`[data-form="${code}"]`).first();
      await expect.poll(() => sheet.count(), POLL).toBe(1);
      expect(await sheet.getByTestId('form-qr').count(), code).toBe(1);
      await page.emulateMedia({ media: 'print' });
      fs.writeFileSync(path.join(SHOTS, `forms-${code}-sample.pdf`), await page.pdf({ format: 'A4', printBackground: true }));
      await page.emulateMedia({ media: 'screen' });
      await page.screenshot({ path: path.join(SHOTS, `forms-${code}-sample.png`), fullPage: true });
    }
  }, 240_000);

  it('relations forms on the kit: 5.2 visit record, paper questionnaire, activity sign-in, notice board copy, checkpoint labels', async () => {
    const assistant = await suite.api('assistant');
    const director = await suite.api('director');
    const units = (await assistant.get<{ items: Array<{ id: number }> }>('/api/v1/units?estateId=1&status=occupied&pageSize=2')).items.map((u) => u.id);
    const survey = await assistant.post<{ id: number }>('/api/v1/surveys', { estateId: 1, title: '物业服务征询意见调查', kind: 'opinion', audience: { unitIds: units }, channels: ['paper'], opensOn: '2026-01-01', closesOn: '2099-12-31', questions: [{ type: 'rating5', text: '您对客服中心的服务是否满意？' }, { type: 'text', text: '其他意见和建议' }] });
    await assistant.post(`/api/v1/surveys/${survey.id}/publish`, undefined);
    await director.post('/api/v1/visit-plans/generate', { estateId: 1 });
    const item = (await director.get<{ items: Array<{ items: Array<{ id: number; householdId: number }> }> }>('/api/v1/visit-plans?estateId=1')).items.flatMap((p) => p.items)[0]!;
    const now = Date.parse((await assistant.get<{ now: string }>('/api/v1/clock')).now);
    const visit = await director.post<{ id: number }>('/api/v1/home-visits', { householdId: item.householdId, planItemId: item.id, purpose: 'routine', method: 'in_home', outcome: 'met', visitedAt: new Date(now - 3_600_000).toISOString(), membersMet: '户主本人', opinions: '希望楼道加装扶手' });
    const iso = (min: number) => new Date(now + min * 60_000).toISOString();
    const act = await assistant.post<{ id: number }>('/api/v1/activities', { estateId: 1, title: '重阳节敬老茶话会', type: 'elderly', startsAt: iso(60), endsAt: iso(180), opensAt: iso(-10), closesAt: iso(30), capacity: 20, perUnitLimit: 3 });
    const notice = await assistant.post<{ id: number }>('/api/v1/notices', { estateId: 1, category: 'notice', title: '停水通知', body: '因管网检修，本周六 9:00—15:00 停水，请提前储水。', audienceKind: 'estate', audiencePeople: 'residents', requireAck: false });

    const page = await suite.signedIn('director');
    const sheetOf = async (url: string, code: string, shot: string) => {
      await page.goto(url);
      const sheet = page.locator(`[data-form="${code}"]`);
      await expect.poll(() => sheet.count(), POLL).toBeGreaterThan(0);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      fs.writeFileSync(path.join(SHOTS, `forms-${shot}.pdf`), pdf);
      await page.screenshot({ path: path.join(SHOTS, `forms-${shot}.png`), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      return { sheet, pages: pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length };
    };

    // 5.2 filled: kit head with 表 5.2, QR back to the record, printed names beside the signatures, scan bar
    const v = await sheetOf(`/print/relations/visits/${visit.id}`, 'visit', 'visit-filled');
    expect(v.pages).toBe(1);
    expect(await v.sheet.getByTestId('form-code').textContent()).toBe('表 5.2');
    expect(await v.sheet.getByTestId('form-record-no').textContent()).toContain(`HV-${visit.id}`);
    expect(await v.sheet.getByTestId('form-qr').getAttribute('data-qr')).toBe(`${suite.server.url}/print/relations/visits/${visit.id}`);
    expect(await v.sheet.textContent()).toContain('希望楼道加装扶手');
    expect(await page.getByTestId('scan-bar').count()).toBe(1);
    // the old blank route still prints the same blank 5.2
    const old = await sheetOf('/print/relations/visit-form', 'visit', 'visit-blank-route');
    expect(await old.sheet.getAttribute('data-blank')).toBe('1');

    // the paper questionnaire: one page per unit, page x / y, the QR opens the slot in the portal, nothing to sign so no scan bar
    const q = await sheetOf(`/print/relations/surveys/${survey.id}`, 'survey-form', 'survey-paper');
    expect(await q.sheet.count()).toBe(units.length);
    expect(q.pages).toBe(units.length);
    expect(await q.sheet.first().getByTestId('form-page').textContent()).toBe(`第 1 页 / 共 ${units.length} 页`);
    expect(await q.sheet.first().getByTestId('form-qr').getAttribute('data-qr')).toMatch(new RegExp(`^${suite.server.url}/portal/surveys\\?r=\\d+$`));
    expect(await page.getByTestId('scan-bar').count()).toBe(0);
    // its blank: the estate's latest survey without unit or number
    const qb = await sheetOf('/print/blank/survey-form', 'survey-form', 'survey-form-blank');
    expect(qb.pages).toBe(1);
    expect(await qb.sheet.getAttribute('data-blank')).toBe('1');
    expect(await qb.sheet.textContent()).toContain('其他意见和建议');

    // the sign-in sheet: activity number as record number, walk-in rows, scan bar for the signed paper
    const si = await sheetOf(`/print/activities/${act.id}/sign-in`, 'activity-signin', 'activity-signin');
    expect(si.pages).toBe(1);
    expect(await si.sheet.textContent()).toContain('重阳节敬老茶话会');
    expect(await si.sheet.getByTestId('form-qr').getAttribute('data-qr')).toBe(`${suite.server.url}/relations/activities/${act.id}`);
    expect(await page.getByTestId('scan-bar').count()).toBe(1);

    // the notice board copy: kit head, QR to the online text, seal box, no scan bar
    const nb = await sheetOf(`/print/notices/${notice.id}`, 'notice-board', 'notice-board');
    expect(nb.pages).toBe(1);
    expect(await nb.sheet.getByTestId('form-qr').getAttribute('data-qr')).toBe(`${suite.server.url}/portal/notices/${notice.id}`);
    expect(await nb.sheet.textContent()).toContain('停水通知');
    expect(await page.getByTestId('scan-bar').count()).toBe(0);

    // checkpoint labels keep their grid under the kit head, 9 a page
    const lb = await sheetOf('/print/rounds/labels', 'checkpoint-labels', 'checkpoint-labels');
    const labels = await page.getByTestId('qr-label').count();
    expect(labels).toBeGreaterThan(0);
    expect(lb.pages).toBe(Math.ceil(labels / 9));
    expect(await lb.sheet.first().getByTestId('form-page').textContent()).toBe(`第 1 页 / 共 ${Math.ceil(labels / 9)} 页`);

    // the gallery lists them, with samples for the two that take a signed scan
    await page.goto('/forms');
    const gallery = page.getByTestId('form-gallery');
    await expect.poll(() => gallery.textContent(), POLL).toContain('巡访、回访记录表');
    expect(await gallery.textContent()).toContain('表 5.2');
    await expect.poll(() => page.getByTestId('sample-visit').count(), POLL).toBe(1);
    expect(await page.getByTestId('sample-activity-signin').count()).toBe(1);
    for (const code of ['visit', 'survey-form', 'activity-signin']) expect(await page.getByTestId(`blank-${code}`).count(), code).toBe(1);
  }, 240_000);
});
