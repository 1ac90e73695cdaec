import { apiLogin, launchBrowser, startServer, DEMO_PASSWORD } from './server.ts';
const server = await startServer();
const b = await launchBrowser();
const errors: string[] = [];
try {
  const ctx = await b.newContext({ viewport: { width: 1440, height: 900 }, baseURL: server.url });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('Failed to load resource')) errors.push(m.text()); });
  const dir = await apiLogin(server.url, 'director');
  const vacant = (await dir.get<any>('/api/v1/units?q=1-1-501')).items[0];
  const login = async (u: string) => {
    await page.goto('/login');
    await page.getByTestId('login-username').fill(u);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((x) => !x.pathname.startsWith('/login'));
  };
  await login('cs1');
  // unit 1-1-501 vacant: no household -> register
  await page.goto(`/units/${vacant.id}`);
  await page.getByTestId('register-household').click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.locator('input').nth(0).fill('测试家');
  await drawer.getByTestId('member-name').first().fill('测试人');
  await drawer.locator('input[inputmode=tel]').first().fill('12345');
  await page.getByTestId('household-submit').click();
  await page.waitForTimeout(800);
  console.log('client phone error shown:', await drawer.locator('.ant-form-item-explain-error').allTextContents());
  await drawer.locator('input[inputmode=tel]').first().fill('13800138000');
  await page.getByTestId('household-submit').click();
  await page.getByTestId('household-name').waitFor();
  console.log('household registered:', await page.getByTestId('household-name').textContent());
  // add member with server-side invalid ID number
  await page.getByTestId('add-member').click();
  await drawer.getByTestId('member-name').fill('小测');
  await drawer.locator('input[maxlength="18"]').fill('123456789012345678');
  await page.getByTestId('member-submit').click();
  await page.waitForTimeout(1000);
  console.log('server field error:', await drawer.locator('.ant-form-item-explain-error').allTextContents(), await page.locator('.ant-message').textContent().catch(() => ''));
  await drawer.locator('input[maxlength="18"]').fill('');
  await page.getByTestId('member-submit').click();
  await page.waitForTimeout(1000);
  console.log('members now:', await page.getByTestId('members-table').locator('tr.ant-table-row').count());
  // edit a member (prefill check)
  await page.getByTestId('members-table').locator('tr.ant-table-row', { hasText: '小测' }).getByRole('button', { name: /编辑/ }).click();
  console.log('edit prefill name:', await drawer.getByTestId('member-name').inputValue());
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);
  // ownership transfer with shares 60 (server says must be 100)
  await page.getByTestId('tab-ownership').click();
  await page.getByTestId('transfer-button').click();
  await drawer.locator('input').nth(3).fill('新业主');
  const share = drawer.locator('.ant-input-number input').first();
  await share.fill('60');
  await page.getByTestId('transfer-submit').click();
  await page.waitForTimeout(1000);
  console.log('shares error:', await drawer.locator('.ant-form-item-explain-error').allTextContents(), await page.locator('.ant-notification, .ant-message').allTextContents());
  await share.fill('100');
  await page.getByTestId('transfer-submit').click();
  await page.waitForTimeout(1000);
  console.log('owners table:', await page.getByTestId('owners-table').textContent());
  // tenancy
  await page.getByTestId('tab-tenancy').click();
  await page.getByTestId('add-tenancy').click();
  await drawer.locator('input').nth(0).fill('租客甲');
  await drawer.locator('.ant-input-number input').nth(0).fill('3500');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await page.waitForTimeout(1000);
  console.log('tenancies:', await page.getByTestId('tenancies-table').locator('tr.ant-table-row').first().textContent());
  await page.getByTestId('terminate-tenancy').first().click();
  await page.locator('.ant-modal').getByRole('button', { name: /终止租赁/ }).click();
  await page.waitForTimeout(1000);
  console.log('after terminate:', await page.getByTestId('tenancies-table').locator('tr.ant-table-row').first().textContent());
  // unit edit
  await page.getByTestId('edit-unit').click();
  await page.getByTestId('unit-status-select').click();
  await page.locator('.ant-select-item-option', { hasText: '出租' }).click();
  await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
  await page.waitForTimeout(1000);
  console.log('unit status tag:', await page.locator('.wd-page-header [data-status]').getAttribute('data-status'));
  // admin creates a user
  await ctx.clearCookies();
  await login('admin');
  await page.goto('/users');
  await page.getByTestId('new-user').click();
  await drawer.locator('input').nth(0).fill('cs3');
  await drawer.locator('input').nth(1).fill('新客服');
  await drawer.locator('input[type=password]').fill('abc12345');
  await page.getByTestId('scope-select').click();
  await page.locator('.ant-select-tree-title', { hasText: '东区' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('user-submit').click();
  await page.waitForTimeout(1000);
  console.log('user row:', await page.getByTestId('users-table').locator('tr', { hasText: 'cs3' }).textContent());
  // duplicate username -> field error
  await page.getByTestId('new-user').click();
  await drawer.locator('input').nth(0).fill('cs3');
  await drawer.locator('input').nth(1).fill('重复');
  await drawer.locator('input[type=password]').fill('abc12345');
  await page.getByTestId('scope-select').click();
  await page.locator('.ant-select-tree-title', { hasText: '翠湖花园' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('user-submit').click();
  await page.waitForTimeout(1000);
  console.log('dup error:', await drawer.locator('.ant-form-item-explain-error').allTextContents());
  await page.screenshot({ path: 'screenshots/flow-dup-user.png' });
  const users = await (await apiLogin(server.url, 'admin')).get<any>('/api/v1/users?q=cs3');
  console.log('cs3 scopes', JSON.stringify(users.items[0].scopes));
  await page.keyboard.press('Escape');
  await page.waitForTimeout(800);
  // switch language live
  await page.getByTestId('lang-switch').getByText('EN').click();
  await page.waitForTimeout(500);
  console.log('menu after switch:', await page.getByTestId('main-menu').textContent());
} finally {
  console.log('errors:', errors);
  await b.close();
  await server.stop();
}
