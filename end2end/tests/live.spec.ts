import { test, expect } from '@playwright/test';
import { act, createDisposition, expectNotReloaded, forwardAcceptAssign, loginAs, markPage, open, ready, server } from './helpers';

test('a move on one desk shows on the other open pages without a reload', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');

  // The Sekretaris watches "Tugas Saya" while the PPID Pembantu issues a disposition.
  await sekretaris.goto('/');
  await ready(sekretaris);
  await expect(sekretaris.getByTestId('live')).toHaveText('Terhubung');
  await markPage(sekretaris);
  const perihal = 'Peresmian pojok baca digital kecamatan';
  const itemUrl = await createDisposition(ppid, perihal);
  await expect(sekretaris.getByTestId('item-table').getByRole('link', { name: perihal })).toBeVisible();
  // A screen reader hears it too (a polite live region), without the title.
  const announce = sekretaris.getByTestId('announce');
  await expect(announce).toHaveAttribute('aria-live', 'polite');
  await expect(announce).toContainText('Rina Wulandari memindahkan materi ke tahap “Di Sekretaris”');
  await expect(announce).not.toContainText(perihal);
  await expect(sekretaris.getByTestId('bell-announce')).toHaveAttribute('aria-live', 'polite');
  await expect(sekretaris.getByTestId('bell-announce')).toContainText(/Notifikasi: \d+ belum dibaca/);
  // Each item once on the page: in the task list, not again in a dashboard panel.
  await expect(sekretaris.getByRole('link', { name: perihal })).toHaveCount(1);
  // The bell says it reached this desk.
  await expect(sekretaris.getByTestId('bell-count')).toBeVisible();
  await sekretaris.getByTestId('bell').click();
  const notice = sekretaris.getByTestId('bell-panel').locator('li', { hasText: perihal });
  await expect(notice).toContainText('materi masuk ke meja Anda');
  await expect(notice).toHaveClass(/unread/);
  await expectNotReloaded(sekretaris);

  // The PPID Pembantu keeps the item open; the Sekretaris forwards it from the bell's link.
  await open(ppid, itemUrl);
  await markPage(ppid);
  await notice.getByRole('link').click();
  await expect(sekretaris.locator('article.item')).toHaveAttribute('data-state', 'at_sekretaris');
  await act(sekretaris, 'Teruskan ke Sekretariat', 'at_sekretariat');
  // Step indicator, timeline and buttons follow on the other page.
  await expect(ppid.locator('article.item')).toHaveAttribute('data-state', 'at_sekretariat');
  await expect(ppid.locator('.steps li[aria-current="step"]')).toContainText('Diterima Sekretariat');
  await expect(ppid.getByTestId('timeline').locator('li')).toHaveCount(2);
  await expect(ppid.getByTestId('timeline').locator('li').nth(1)).toContainText('Budi Santoso');
  await expectNotReloaded(ppid);
  // Opening the item read its notification.
  await sekretaris.getByTestId('bell').click();
  await expect(sekretaris.getByTestId('bell-panel').locator('li', { hasText: perihal })).not.toHaveClass(/unread/);
});

test('after a server restart an open page reconnects and is current again', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  const itemUrl = await createDisposition(ppid, 'Kunjungan kerja Komisi Informasi Provinsi');
  await open(ppid, itemUrl);
  await open(sekretaris, itemUrl);
  await expect(ppid.getByTestId('live')).toHaveText('Terhubung');
  await markPage(ppid);

  server('stop');
  await expect(ppid.getByTestId('live')).toHaveText('Menyambung ulang…');
  server('start');
  // The session and the item survived the restart; the move is made at once, most likely
  // before the page is back (then it catches up on reconnecting), else it arrives live.
  await act(sekretaris, 'Teruskan ke Sekretariat', 'at_sekretariat');
  await expect(ppid.getByTestId('live')).toHaveText('Terhubung', { timeout: 30_000 });
  await expect(ppid.locator('article.item')).toHaveAttribute('data-state', 'at_sekretariat');
  await expect(ppid.getByTestId('timeline').locator('li')).toHaveCount(2);
  await expectNotReloaded(ppid);
});

test('when the item being drafted is taken off the desk, the typed text stays and the staff member is told', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  const sekretariat = await loginAs(browser, 'sekretariat', 'Sri Rahayu');
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  const itemUrl = await createDisposition(ppid, 'Lomba inovasi pelayanan publik');
  await forwardAcceptAssign(sekretaris, sekretariat, itemUrl, 'Agus Pratama');

  await open(staf, itemUrl);
  await markPage(staf);
  await staf.getByRole('textbox', { name: 'Isi materi' }).fill('Paragraf pembuka yang belum disimpan.');
  // The PPID Pembantu cancels the item while the staff member is typing.
  await open(ppid, itemUrl);
  await ppid.getByRole('button', { name: 'Batalkan Materi' }).click();
  await ppid.getByLabel('Alasan').fill('Kegiatan dibatalkan panitia.');
  await act(ppid, 'Batalkan Materi', 'cancelled');

  await expect(staf.locator('article.item')).toHaveAttribute('data-state', 'cancelled');
  await expect(staf.locator('p.notice[role="status"]').filter({ hasText: 'Rina Wulandari' })).toContainText('baru saja diproses oleh Rina Wulandari');
  await expect(staf.getByTestId('unsaved').locator('textarea')).toHaveValue(/Paragraf pembuka yang belum disimpan\./);
  await expectNotReloaded(staf);
});
