import { test, expect } from '@playwright/test';
import { PASSWORD } from './helpers';

test('the login form works before (or without) the script: posted, never in the address', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const addresses: string[] = [];
  page.on('request', (r) => addresses.push(r.url()));

  await page.goto('/login');
  await page.getByLabel('Nama pengguna').fill('staf');
  await page.getByLabel('Kata sandi').fill('salah-sekali-123');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/login\?galat=/);
  await expect(page.getByRole('alert')).toContainText('Nama pengguna atau kata sandi salah');

  await page.getByLabel('Nama pengguna').fill('staf');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/$/);
  const cookies = await context.cookies();
  expect(cookies.map((c) => c.name)).toContain('warta_sesi');
  for (const url of addresses) {
    expect(url).not.toContain(PASSWORD);
    expect(url).not.toContain('salah-sekali');
  }
  await context.close();
});
