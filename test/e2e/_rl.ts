import { launchBrowser } from './server.ts';
const b = await launchBrowser();
const page = await (await b.newContext({ viewport: { width: 1440, height: 900 }, baseURL: 'http://127.0.0.1:3004' })).newPage();
await page.goto('/login');
for (let i = 0; i < 6; i++) {
  await page.getByTestId('login-username').fill('cashier1');
  await page.getByTestId('login-password').fill('bad' + i);
  await page.getByTestId('login-submit').click();
  await page.waitForTimeout(600);
}
console.log(await page.getByTestId('login-error').textContent());
await page.screenshot({ path: 'screenshots/zh-02b-login-rate-limited.png' });
await b.close();
