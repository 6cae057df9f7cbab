import { test, expect } from '@playwright/test';
import { loginAs, ready, todayInJakarta } from './helpers';

// Pages are drawn by the server; only their interactive parts (islands) load as WASM, some of them
// on demand. What the user types before a part has come alive must not be lost to it.
test('what is typed before a form has come alive is kept and sent, not wiped by the form', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  // The form's own part of the WASM is held back until the fields are filled, as on a slow link.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => { release = r; });
  await ppid.route(/\/pkg\/split_disposition_editor_loader_.*\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await ppid.goto('/materi/baru');
  await ppid.getByLabel('Perihal (kegiatan)').fill('Rapat koordinasi diketik sebelum siap');
  await ppid.getByLabel('Tanggal kegiatan').fill(todayInJakarta());
  await ppid.getByLabel('Tempat kegiatan').fill('Ruang Rapat Sekda');
  await ppid.getByLabel('Batas waktu').fill(todayInJakarta());
  await ppid.getByLabel('Sifat').selectOption('segera');
  await expect(ppid.locator('body[data-hydrated="true"]')).toHaveCount(0);
  release();
  await ready(ppid);
  // Alive now: the form sends what was typed, through the script.
  await expect(ppid.getByLabel('Perihal (kegiatan)')).toHaveValue('Rapat koordinasi diketik sebelum siap');
  await ppid.getByRole('button', { name: 'Buat Disposisi' }).click();
  await expect(ppid).toHaveURL(/\/materi\/[a-z0-9]{20}$/);
  await expect(ppid.locator('article.item h1')).toHaveText('Rapat koordinasi diketik sebelum siap');
  await expect(ppid.locator('section.sheet')).toContainText('Ruang Rapat Sekda');
  await expect(ppid.locator('section.sheet')).toContainText('Segera');
});
