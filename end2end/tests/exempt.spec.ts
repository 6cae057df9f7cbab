import { test, expect } from '@playwright/test';
import { act, createDisposition, forwardAcceptAssign, loginAs, open, ready } from './helpers';

const TEST = 'Membuka berkas ini menghambat penyidikan yang sedang berjalan (Pasal 17 huruf a UU 14/2008).';

test('the Bidang classifies material as exempt at verification: it closes unpublished and enters the exempt list', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  const sekretariat = await loginAs(browser, 'sekretariat', 'Sri Rahayu');
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  const verifikator = await loginAs(browser, 'verifikator', 'Dewi Lestari');
  const title = `Berkas pemeriksaan internal ${Date.now()}`;

  const itemUrl = await createDisposition(ppid, title);
  await forwardAcceptAssign(sekretaris, sekretariat, itemUrl, 'Agus Pratama');
  await open(staf, itemUrl);
  await staf.getByLabel('Judul', { exact: true }).fill(title);
  await staf.getByLabel('Ringkasan').fill('Hasil pemeriksaan internal atas laporan warga.');
  await staf.getByRole('textbox', { name: 'Isi materi' }).fill('Temuan pemeriksaan rahasiaexempt.');
  await staf.getByLabel('Pejabat atau unit yang menguasai informasi').fill('Inspektorat Daerah');
  await staf.getByLabel('Penanggung jawab pembuatan atau penerbitan').fill('Inspektur Pembantu');
  await staf.getByLabel('Bentuk informasi yang tersedia').selectOption('softcopy');
  await staf.getByLabel('Jangka waktu penyimpanan (retensi)').fill('10 tahun');
  await act(staf, 'Kirim untuk Koreksi', 'in_correction');
  await open(sekretaris, itemUrl);
  await act(sekretaris, 'Kirim ke Verifikasi', 'in_verification');

  // Step 7: the Bidang classifies; a consequence test of a few words is refused.
  await open(verifikator, itemUrl);
  await verifikator.getByRole('button', { name: 'Tetapkan Dikecualikan' }).click();
  await verifikator.getByLabel('Uji konsekuensi').fill('Rahasia.');
  await verifikator.getByRole('button', { name: 'Tetapkan Dikecualikan' }).click();
  await expect(verifikator.getByRole('alert')).toContainText('Uji konsekuensi');
  await expect(verifikator.locator('article.item')).toHaveAttribute('data-state', 'in_verification');
  await verifikator.getByLabel('Uji konsekuensi').fill(TEST);
  await act(verifikator, 'Tetapkan Dikecualikan', 'exempt');

  // Closed: the chain sees how it ended, with no button and no publication link asked for.
  await open(staf, itemUrl);
  await expect(staf.locator('article.item')).toContainText('Dikecualikan, tidak dipublikasikan');
  await expect(staf.locator('.actions .buttons button')).toHaveCount(0);
  await expect(staf.getByLabel(/^Tautan/)).toHaveCount(0);

  // The register's list of exempt information holds it with its consequence test.
  await sekretaris.goto('/daftar-informasi?status=dikecualikan');
  await ready(sekretaris);
  const row = sekretaris.getByTestId('register-row').filter({ hasText: title });
  await expect(row).toHaveAttribute('data-state', 'exempt');
  await expect(row.getByTestId('consequence-test')).toContainText(TEST);

  // The public never finds it.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/informasi?q=rahasiaexempt');
  await expect(visitor.getByTestId('public-item')).toHaveCount(0);
  await visitor.goto('/informasi');
  await expect(visitor.locator('body')).not.toContainText(title);
});
