import { test, expect } from '@playwright/test';
import { createDisposition, loginAs, open, ready } from './helpers';

test('the administrator cancels a confidential disposition by its agenda number, its title never shown', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const admin = await loginAs(browser, 'admin', 'Administrator');
  const perihal = `Rapat tertutup penanganan sengketa ${Date.now()}`;

  const itemUrl = await createDisposition(ppid, perihal, true);
  const id = itemUrl.split('/').pop()!;
  const agenda = (await ppid.getByTestId('agenda-no').textContent())!.trim();

  // A link to the item tells the administrator why it does not open: the role, not a missing item.
  await admin.goto(itemUrl);
  await ready(admin);
  await expect(admin.getByRole('alert')).toContainText('Peran Administrator mengelola akun dan pengaturan');
  await expect(admin.locator('body')).not.toContainText(perihal);

  await admin.goto('/admin');
  await ready(admin);
  const row = admin.getByTestId('open-row').filter({ hasText: agenda });
  await expect(row).toContainText('(rahasia: judul tidak ditampilkan)');
  await expect(admin.locator('body')).not.toContainText(perihal);

  // A reason is required; without one nothing happens.
  await row.getByRole('button', { name: 'Batalkan Materi' }).click();
  const reason = admin.locator(`#reason-${id}`);
  const form = admin.locator('form').filter({ has: reason });
  await reason.fill('   ');
  await form.getByRole('button', { name: 'Batalkan Materi' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(row).toHaveCount(1);

  await reason.fill('Disposisi ganda: sudah dicatat dengan nomor agenda lain.');
  await form.getByRole('button', { name: 'Batalkan Materi' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Disposisi dibatalkan.' })).toBeVisible();
  await expect(admin.getByTestId('open-row').filter({ hasText: agenda })).toHaveCount(0);

  // The PPID Pembantu sees it cancelled, with the administrator's reason in the history.
  await open(ppid, itemUrl);
  await expect(ppid.locator('article.item')).toHaveAttribute('data-state', 'cancelled');
  await expect(ppid.locator('article.item')).toContainText('Disposisi ganda: sudah dicatat dengan nomor agenda lain.');
});
