import { test, expect } from '@playwright/test';
import { createDisposition, loginAs, open, ready, server, PNG } from './helpers';

test('the admin sets the mutu baku; an item over its target shows late; printed pages and reports follow', async ({ browser }) => {
  const admin = await loginAs(browser, 'admin', 'Administrator');
  await admin.goto('/admin/pengaturan');
  await ready(admin);
  const form = admin.getByTestId('settings-form');
  // A calendar with working time around the clock, so that the test does not depend on the hour.
  for (const day of ['Sabtu', 'Minggu']) await form.getByLabel(day, { exact: true }).check();
  await form.getByLabel('Jam masuk').fill('00:00');
  await form.getByLabel('Jam pulang').fill('23:59');
  await form.locator('input[name="amount2"]').fill('2');
  await form.getByLabel('Nama pemerintah daerah').fill('Pemerintah Kabupaten Karanganyar');
  await form.getByLabel('Nama kantor').fill('Dinas Komunikasi dan Informatika');
  await form.getByLabel('Alamat, telepon, surel, laman (satu per baris)').fill('Jl. Lawu No. 385, Karanganyar 57712');
  await form.getByLabel('Logo (PNG, JPEG atau SVG)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
  // A picked logo is named until saved (the CSP shows only images served by Warta).
  await expect(form.getByTestId('logo-unsaved')).toHaveCount(1);

  // Refused input says what to fix, at every field at once, and keeps what was typed.
  await form.locator('input[name="output9"]').fill('');
  await form.locator('input[name="amount3"]').fill('99999');
  await form.getByRole('button', { name: 'Simpan Pengaturan' }).click();
  await expect(form.getByRole('alert')).toContainText('Output langkah 9 wajib diisi');
  await expect(form.locator('input[name="output9"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('input[name="amount3"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#error-settings-steps-2-amount')).not.toBeEmpty();
  await expect(form.locator('input[name="amount2"]')).toHaveValue('2');
  await form.locator('input[name="amount3"]').fill('1');
  await form.locator('input[name="output9"]').fill('Informasi di website dan media sosial');
  await form.getByRole('button', { name: 'Simpan Pengaturan' }).click();
  await expect(form.getByRole('status')).toContainText('Pengaturan disimpan');
  const preview = form.locator('img.logo-preview');
  await expect(preview).toHaveAttribute('src', /^\/kop-surat\/logo\?v=[0-9a-f]{16}$/);
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const url = await createDisposition(ppid, 'Sosialisasi standar layanan informasi publik');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  await open(sekretaris, url);
  await expect(sekretaris.getByTestId('step-clock')).toContainText('dari 2 jam kerja');
  await expect(sekretaris.locator('.item-head')).not.toContainText('Melewati mutu baku waktu');

  // Five hours later (the server's clock set ahead), the step is over its two working hours.
  try {
    server('stop');
    server('start', { WARTA_TEST_CLOCK_SKEW_HOURS: '5' });
    await open(sekretaris, url);
    await expect(sekretaris.locator('.item-head')).toContainText('Melewati mutu baku waktu');
    await expect(sekretaris.getByTestId('step-clock')).toHaveClass(/late/);
    await sekretaris.goto('/materi');
    await ready(sekretaris);
    const row = sekretaris.getByTestId('item-row').filter({ hasText: 'Sosialisasi standar layanan' });
    await expect(row.getByTestId('over-standard')).toBeVisible();
  } finally {
    server('stop');
    server('start');
  }

  // The lembar disposisi, print-ready, with the letterhead and the sign-offs.
  await sekretaris.goto(`${url}/disposisi`);
  await ready(sekretaris);
  await expect(sekretaris.getByTestId('letterhead')).toContainText('Dinas Komunikasi dan Informatika');
  await expect(sekretaris.getByTestId('letterhead')).toContainText('Jl. Lawu No. 385');
  // The logo comes from Warta's own address (the CSP allows no other images), and it loads.
  const logo = sekretaris.locator('img.letterhead-logo');
  await expect(logo).toHaveAttribute('src', /^\/kop-surat\/logo\?v=[0-9a-f]{16}$/);
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const sheet = sekretaris.getByTestId('disposition-print');
  await expect(sheet).toContainText(/\d{4}\/DISP\/\d{4}/);
  await expect(sheet).toContainText('Sosialisasi standar layanan informasi publik');
  await expect(sheet).toContainText('Aula Kantor Bupati');
  await expect(sheet).toContainText('☑ Buat materi publikasi');
  await expect(sekretaris.getByTestId('signoffs')).toContainText('Rina Wulandari');
  await expect(sekretaris.getByTestId('signoffs')).toContainText('PPID Pembantu');
  await expect(sekretaris.getByRole('button', { name: 'Cetak' })).toBeVisible();

  // The item's record and the SOP sheet, which shows the new standard.
  await sekretaris.goto(`${url}/rekam`);
  await ready(sekretaris);
  await expect(sekretaris.getByTestId('record-timeline')).toContainText('Rina Wulandari');
  await sekretaris.goto('/laporan/sop');
  await ready(sekretaris);
  await expect(sekretaris.locator('tr[data-step="2"]').getByTestId('sop-time')).toHaveText('2 jam kerja');
  await expect(sekretaris.getByTestId('letterhead')).toContainText('Pemerintah Kabupaten Karanganyar');

  // The report for this year, its chart, and its workbook.
  await sekretaris.goto('/laporan');
  await ready(sekretaris);
  await expect(sekretaris.getByTestId('report-started')).not.toHaveText('0');
  await expect(sekretaris.getByTestId('step-chart').locator('g.chart-row')).toHaveCount(9);
  const href = await sekretaris.getByRole('link', { name: 'Unduh XLSX' }).getAttribute('href');
  const res = await sekretaris.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('spreadsheetml');
  // The staff has no report.
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await expect(staf.getByRole('link', { name: 'Laporan' })).toHaveCount(0);
});
