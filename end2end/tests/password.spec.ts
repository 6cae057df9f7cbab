import { test, expect } from '@playwright/test';
import { loginAs, ready } from './helpers';

test('after the administrator resets a password, the user chooses their own before anything else', async ({ browser }) => {
  const admin = await loginAs(browser, 'admin', 'Administrator');
  // A colleague of the office, made and then reset by the Administrator (through the API the
  // admin page uses, from the admin's own page: same origin, JSON).
  const made = await admin.request.post('/api/admin/create-user', {
    headers: { 'content-type': 'application/json', origin: new URL(admin.url()).origin },
    data: { form: { username: 'pegawai.uji', password: 'awan-gitar-sepeda-kopi-4', name: 'Pegawai Uji', nip: '', position: '', roles: ['staf_sekretariat'] } },
  });
  expect(made.status()).toBe(200);
  const { id } = await made.json();
  const reset = await admin.request.post('/api/admin/reset-password', {
    headers: { 'content-type': 'application/json', origin: new URL(admin.url()).origin },
    data: { id, password: 'sementara-dari-admin-5521' },
  });
  expect(reset.status()).toBe(200);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await ready(page);
  await page.getByLabel('Nama pengguna').fill('pegawai.uji');
  await page.getByLabel('Kata sandi').fill('sementara-dari-admin-5521');
  await page.getByRole('button', { name: 'Masuk' }).click();
  const form = page.getByTestId('password-page');
  await expect(form).toContainText('Kata sandi Anda diatur oleh Administrator');
  // Every other page waits until then.
  await page.goto('/materi');
  await ready(page);
  await expect(page.getByTestId('password-page')).toHaveCount(1);

  await form.getByLabel('Kata sandi saat ini').fill('sementara-dari-admin-5521');
  await form.getByLabel('Kata sandi baru', { exact: true }).fill('pegawai123');
  await form.getByLabel('Ulangi kata sandi baru').fill('pegawai123');
  await form.getByRole('button', { name: 'Ganti Kata Sandi' }).click();
  await expect(form.getByRole('alert').last()).toContainText('mudah ditebak');
  await form.getByLabel('Kata sandi baru', { exact: true }).fill('pelangi-tangga-rumput-biru-9');
  await form.getByLabel('Ulangi kata sandi baru').fill('pelangi-tangga-rumput-biru-9');
  await form.getByRole('button', { name: 'Ganti Kata Sandi' }).click();
  // Then the office's pages are open.
  await expect(page.getByTestId('password-page')).toHaveCount(0);
  await expect(page.getByTestId('who')).toHaveText('Pegawai Uji');
});
