import { test, expect } from '@playwright/test';
import { createDisposition, expectNotReloaded, loginAs, markPage, PASSWORD, ready } from './helpers';

// Lists, counts and the bell are drawn by the server; with the page's script the browser fetches
// the page again and puts the fresh parts in place (app/src/ui/regions.rs).

test('Semua Materi filters in place, and the address keeps the filter for a reload', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const stamp = Date.now().toString(36);
  const first = `Lomba inovasi desa ${stamp}`;
  const second = `Rapat evaluasi anggaran ${stamp}`;
  await createDisposition(ppid, first);
  await createDisposition(ppid, second);

  await ppid.goto('/materi');
  await ready(ppid);
  await markPage(ppid);
  await expect(ppid.getByRole('link', { name: first })).toBeVisible();
  await expect(ppid.getByRole('link', { name: second })).toBeVisible();
  await ppid.getByLabel('Cari judul atau perihal').fill(`inovasi desa ${stamp}`);
  await expect(ppid.getByRole('link', { name: second })).toHaveCount(0);
  await expect(ppid.getByRole('link', { name: first })).toBeVisible();
  await expect(ppid).toHaveURL(new RegExp(`/materi\\?.*q=inovasi\\+desa\\+${stamp}`));
  await expectNotReloaded(ppid);

  await ppid.reload();
  await ready(ppid);
  await expect(ppid.getByLabel('Cari judul atau perihal')).toHaveValue(`inovasi desa ${stamp}`);
  await expect(ppid.getByRole('link', { name: first })).toBeVisible();
  await expect(ppid.getByRole('link', { name: second })).toHaveCount(0);
});

test("the bell's mark-all-read is sent in the background, and the bell is redrawn in place", async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  await createDisposition(ppid, 'Pameran produk unggulan daerah');

  await sekretaris.goto('/laporan/sop');
  await ready(sekretaris);
  await markPage(sekretaris);
  await expect(sekretaris.getByTestId('bell-count')).toBeVisible();
  await sekretaris.getByTestId('bell').click();
  await sekretaris.getByRole('button', { name: 'Tandai semua sudah dibaca' }).click();
  await expect(sekretaris.getByTestId('bell-count')).toHaveCount(0);
  await expect(sekretaris.getByTestId('bell-announce')).toHaveText('Notifikasi');
  await expect(sekretaris.getByTestId('bell-panel').locator('li.unread')).toHaveCount(0);
  // Still open: only its parts were redrawn.
  await expect(sekretaris.getByTestId('bell-panel')).toBeVisible();
  await expectNotReloaded(sekretaris);
});

test('the register filters in place, its exports follow the filter, and the address keeps it', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  const stamp = Date.now().toString(36);
  const perihal = `Festival budaya desa ${stamp}`;
  await createDisposition(ppid, perihal);

  await sekretaris.goto('/daftar-informasi');
  await ready(sekretaris);
  await markPage(sekretaris);
  const row = sekretaris.getByTestId('register-row').filter({ hasText: perihal });
  await expect(row).toHaveCount(1);
  await sekretaris.getByLabel('Cari judul, ringkasan, nomor').fill(`tidak ada ${stamp}`);
  await expect(row).toHaveCount(0);
  await expect(sekretaris).toHaveURL(new RegExp(`/daftar-informasi\\?.*q=tidak\\+ada\\+${stamp}`));
  await expect(sekretaris.getByRole('link', { name: 'CSV', exact: true })).toHaveAttribute('href', new RegExp(`q=tidak\\+ada\\+${stamp}`));
  await sekretaris.getByLabel('Cari judul, ringkasan, nomor').fill(stamp);
  await expect(row).toHaveCount(1);
  await expectNotReloaded(sekretaris);
});

test('a sign-in the connection dropped says so, keeps the name, and goes through when sent again', async ({ page }) => {
  await page.goto('/login');
  await ready(page);
  await markPage(page);
  // The connection drops for the next post of the form.
  await page.route('**/login', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
  await page.getByLabel('Nama pengguna').fill('sekretaris');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toContainText('Koneksi ke server terputus');
  await expect(page.getByLabel('Nama pengguna')).toHaveValue('sekretaris');
  await expectNotReloaded(page);
  await page.unroute('**/login');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('who')).toHaveText('Budi Santoso');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
