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
    const blanks = ['appraisal', 'devplan', 'reno-sheet', 'reno-notice', 'reno-approval', 'vacant-register', 'vacant-signin', 'vacant-record', 'mail-delivery', 'mail-pickup'];
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
});
