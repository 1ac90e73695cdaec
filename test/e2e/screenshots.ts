/**
 * Screenshots of every page, desktop (1440×900) and the owner portal on a phone (390×844), in
 * Chinese and English, into screenshots/ (git-ignored). Not a test: run it to look at the UI.
 *
 *   npm run build:web && npx tsx test/e2e/screenshots.ts            # starts its own server
 *   npx tsx test/e2e/screenshots.ts --base http://localhost:3000     # uses a running one
 *
 * Console errors and React/antd warnings of the pages are printed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { LANGS, runScreenshots, screenshotter } from './screenshot-kit.ts';
import { apiLogin, loginThroughForm } from './server.ts';

const shot = screenshotter('', 350);

async function workbooks(dir: string) {
  // A file with mistakes: the template's example rows clash with the demo estate, plus bad rows.
  const bad = new ExcelJS.Workbook();
  const b = bad.addWorksheet('楼栋');
  b.addRow(['楼栋编号', '楼栋名称', '片区', '类型', '层数', '单元数', '建成年份', '备注']);
  b.addRow(['1', '1栋', '东区', '高层', 18, 2, 2015, '']);
  b.addRow(['8', '8栋', '北区', '塔楼', 'abc', 1, 2020, '']);
  const u = bad.addWorksheet('房屋');
  u.addRow(['楼栋编号', '单元', '楼层', '房号', '建筑面积(㎡)', '用途', '状态', '房屋结构', '质量状况', '交付日期']);
  u.addRow(['1', '1', 3, '301', 89.5, '住宅', '自住', '剪力墙', '', '2016-06-30']);
  u.addRow(['9', '', 2, '201', -5, '住宅', '闲置', '', '', '2016/13/40']);
  const h = bad.addWorksheet('住户');
  h.addRow(['楼栋编号', '单元', '房号', '姓名', '与户主关系', '是否产权人', '性别', '出生年份', '电话', '身份证号', '职业', '工作单位', '特长', '爱好', '关怀类型', '入住日期']);
  h.addRow(['1', '1', '1201', '王五', '户主', '是', '男', 1980, '1381234', '123', '', '', '', '', '独居', '2020-01-01']);
  await bad.xlsx.writeFile(path.join(dir, '导入-有错误.xlsx'));

  const good = new ExcelJS.Workbook();
  const gb = good.addWorksheet('楼栋');
  gb.addRow(['楼栋编号', '楼栋名称', '片区', '类型', '层数', '单元数', '建成年份', '备注']);
  gb.addRow(['9', '9栋', '东区', '多层', 6, 1, 2018, '二期']);
  const gu = good.addWorksheet('房屋');
  gu.addRow(['楼栋编号', '单元', '楼层', '房号', '建筑面积(㎡)', '用途', '状态', '房屋结构', '质量状况', '交付日期']);
  for (let f = 1; f <= 6; f++) for (let n = 1; n <= 2; n++) gu.addRow(['9', '', f, `${f}0${n}`, 96.4, '住宅', n === 1 ? '自住' : '空置', '框架结构', '', '2018-09-30']);
  const gh = good.addWorksheet('住户');
  gh.addRow(['楼栋编号', '单元', '房号', '姓名', '与户主关系', '是否产权人', '性别', '出生年份', '电话', '身份证号', '职业', '工作单位', '特长', '爱好', '关怀类型', '入住日期']);
  const names = ['黄志强', '吴丽华', '郑海涛', '冯雪梅', '蒋明', '沈冬梅'];
  names.forEach((name, i) => {
    gh.addRow(['9', '', `${i + 1}01`, name, '户主', '是', i % 2 ? '女' : '男', 1970 + i * 3, `1390000${String(1000 + i)}`, '', '教师', '', '', '阅读', i === 5 ? '孤寡老人' : '', '2019-03-01']);
    gh.addRow(['9', '', `${i + 1}01`, `${name.slice(0, 1)}小${'一二三四五六'[i]}`, '子女', '否', '男', 2010 + i, '', '', '学生', '', '', '', '', '2019-03-01']);
  });
  await good.xlsx.writeFile(path.join(dir, '导入-正确.xlsx'));
  return { bad: path.join(dir, '导入-有错误.xlsx'), good: path.join(dir, '导入-正确.xlsx') };
}

await runScreenshots(async ({ base, newPage }) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-shots-'));
  try {
    const director = await apiLogin(base, 'director');
    const other = await director.get<{ items: Array<{ id: number }> }>('/api/v1/units?q=1-1-1202');
    const otherId = other.items[0].id;
    const mine = await director.get<{ items: Array<{ id: number }> }>('/api/v1/units?q=1-1-1201');
    const unitId = mine.items[0].id;
    const rented = await director.get<{ items: Array<{ id: number }> }>('/api/v1/units?status=rented&pageSize=1');
    const files = await workbooks(tmp);
    // A unit whose ownership changed hands, and one with a household that moved out.
    const transfers = await director.get<{ items: Array<{ entityId: string; detail: { ended?: number[] } }> }>('/api/v1/audit-log?action=transfer&pageSize=200');
    const transferred = Number(transfers.items.find((e) => e.detail?.ended?.length)?.entityId ?? unitId);
    const moves = await director.get<{ items: Array<{ entityId: string }> }>('/api/v1/audit-log?action=end&entity=household&pageSize=5');
    const pastHousehold = moves.items[0] ? await director.get<{ unitId: number }>(`/api/v1/households/${moves.items[0].entityId}`) : null;

    for (const lang of LANGS) {
      const L = lang === 'zh-CN' ? 'zh' : 'en';
      console.log(`desktop ${lang}`);
      let page = await newPage(lang);
      await page.goto('/login');
      await shot(page, `${L}-01-login`);
      await page.getByTestId('login-username').fill('cs1');
      await page.getByTestId('login-password').fill('wrong-password');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor();
      await shot(page, `${L}-02-login-error`);

      // cs1: area-scoped customer service admin with pii.reveal
      await loginThroughForm(page, 'cs1');
      await shot(page, `${L}-03-units-cs1`);
      await page.getByTestId('unit-search').locator('input').fill('陈建国');
      await page.getByTestId('unit-search').locator('input').press('Enter');
      await page.getByTestId('units-table').getByText('1-1-1201').waitFor();
      await shot(page, `${L}-04-units-search`);
      await page.goto(`/units/${unitId}`);
      await shot(page, `${L}-05-unit-household`);
      await page.getByTestId('members-table').getByTestId('reveal').first().click();
      await page.locator('.wd-revealed').first().waitFor();
      await shot(page, `${L}-06-unit-revealed`);
      await page.getByTestId('tab-ownership').click();
      await shot(page, `${L}-07-unit-ownership`, true);
      await page.getByTestId('transfer-button').click();
      await page.locator('.ant-drawer-open .ant-drawer-body').waitFor();
      await shot(page, `${L}-08-ownership-transfer-drawer`);
      await page.keyboard.press('Escape');
      await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => {});
      await page.getByTestId('tab-phones').click();
      await shot(page, `${L}-09-unit-phones`);
      await page.getByTestId('tab-history').click();
      await shot(page, `${L}-10-unit-history`);
      await page.getByTestId('tab-household').click();
      await page.getByTestId('add-member').click();
      await page.locator('.ant-drawer-open .ant-drawer-body').waitFor();
      await shot(page, `${L}-11-add-member-drawer`);
      await page.keyboard.press('Escape');
      await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => {});
      await page.goto(`/units/${rented.items[0].id}?tab=tenancy`);
      await shot(page, `${L}-12-unit-tenancy`);
      await page.goto('/households?care=elderly_alone');
      await shot(page, `${L}-13-households-care`);
      await page.goto(`/units/${otherId + 1000}`);
      await shot(page, `${L}-14-unit-not-found`);
      await page.goto('/users');
      await shot(page, `${L}-15-users-forbidden-cs1`);
      await page.context().close();

      // desk1: front desk, masked only
      page = await newPage(lang);
      await loginThroughForm(page, 'desk1');
      await page.goto(`/units/${unitId}`);
      await shot(page, `${L}-16-unit-desk1`);
      await page.context().close();

      // director: everything but user administration
      page = await newPage(lang);
      await loginThroughForm(page, 'director');
      await shot(page, `${L}-17-units-director`);
      await page.getByTestId('building-S').click();
      await shot(page, `${L}-18-units-building-S`);
      await page.goto('/households');
      await shot(page, `${L}-19-households`);
      await page.goto(`/units/${transferred}?tab=ownership`);
      await shot(page, `${L}-19b-unit-ownership-history`);
      if (pastHousehold) {
        await page.goto(`/units/${pastHousehold.unitId}?tab=history`);
        await shot(page, `${L}-19c-unit-past-households`);
      }
      await page.goto('/imports');
      await shot(page, `${L}-20-import`);
      if (L === 'zh') {
        await page.locator('input[type=file]').setInputFiles(files.bad);
        await page.getByTestId('import-errors').waitFor({ timeout: 30_000 });
        await shot(page, `${L}-21-import-errors`, true);
        await page.getByTestId('import-again').click();
        await page.locator('input[type=file]').setInputFiles(files.good);
        await page.getByText(/导入完成|Import complete/).first().waitFor({ timeout: 30_000 });
        await shot(page, `${L}-22-import-done`);
      } else {
        // Re-show the finished jobs in English.
        await page.goto('/imports?job=1');
        await page.getByTestId('import-errors').waitFor({ timeout: 30_000 });
        await shot(page, `${L}-21-import-errors`, true);
        await page.goto('/imports?job=2');
        await page.getByText(/Import complete/).first().waitFor({ timeout: 30_000 });
        await shot(page, `${L}-22-import-done`);
      }
      await page.goto('/audit');
      await shot(page, `${L}-23-audit`);
      await page.goto('/audit?action=reveal');
      await shot(page, `${L}-24-audit-reveal`);
      await page.context().close();

      // admin: users
      page = await newPage(lang);
      await loginThroughForm(page, 'admin');
      await page.goto('/users');
      await shot(page, `${L}-25-users`);
      await page.getByTestId('new-user').click();
      await page.locator('.ant-drawer-open .ant-drawer-body').waitFor();
      await shot(page, `${L}-26-user-new`);
      await page.keyboard.press('Escape');
      await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => {});
      await page.getByTestId('users-table').locator('tr', { hasText: 'owner1' }).getByRole('button').first().click();
      await page.locator('.ant-drawer-open .ant-drawer-body').waitFor();
      await shot(page, `${L}-27-user-edit-owner`);
      await page.keyboard.press('Escape');
      await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => {});
      await page.getByTestId('users-table').locator('tr', { hasText: 'cs1' }).getByRole('button').first().click();
      await page.locator('.ant-drawer-open .ant-drawer-body').waitFor();
      await shot(page, `${L}-28-user-edit-cs1`);
      await page.context().close();

      // owner portal, phone and desktop
      console.log(`portal ${lang}`);
      page = await newPage(lang, { width: 390, height: 844 });
      await page.goto('/login');
      await shot(page, `${L}-30-mobile-login`);
      await loginThroughForm(page, 'owner1');
      await shot(page, `${L}-31-mobile-portal`, true);
      await page.goto(`/portal/units/${otherId}`);
      await page.getByTestId('refusal').waitFor();
      await shot(page, `${L}-32-mobile-portal-refused`);
      await page.goto(`/units/${otherId}`);
      await page.getByTestId('refusal').waitFor();
      await shot(page, `${L}-33-mobile-staff-page-refused`);
      await page.context().close();
      page = await newPage(lang);
      await loginThroughForm(page, 'owner1');
      await shot(page, `${L}-34-desktop-portal`);
      await page.context().close();

      page = await newPage(lang);
      await page.goto('/no-such-page');
      await shot(page, `${L}-35-404`);
      await page.context().close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
