import { test, expect, Page } from '@playwright/test';
import { loginAs, open, act, atDrafting } from './helpers';

async function write(page: Page, title: string, body: string) {
  await page.getByLabel('Judul').fill(title);
  await page.getByLabel('Ringkasan').fill('Ringkasan kegiatan rapat koordinasi.');
  await page.getByLabel('Isi (Markdown)').fill(body);
}

test('two tabs save one draft: nothing is overwritten, the second sees both texts and chooses', async ({ browser }) => {
  const itemUrl = await atDrafting(browser, 'Rapat koordinasi dua tab');

  // The staff member has the item open twice (two tabs of one session), from the same draft.
  const tabA = await loginAs(browser, 'staf', 'Agus Pratama');
  const tabB = await tabA.context().newPage();
  await open(tabA, itemUrl);
  await open(tabB, itemUrl);
  await write(tabA, 'Judul dari tab pertama', 'Isi yang ditulis di tab pertama.');
  await tabA.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(tabA.getByTestId('save-state')).toHaveText('Tersimpan.');

  await write(tabB, 'Judul dari tab kedua', 'Isi yang ditulis di tab kedua.');
  await tabB.getByRole('button', { name: 'Simpan Draf' }).click();
  const clash = tabB.getByTestId('draft-clash');
  await expect(clash).toContainText('Agus Pratama');
  await expect(clash.getByTestId('clash-theirs')).toContainText('Judul dari tab pertama');
  await expect(clash.getByTestId('clash-mine')).toContainText('Judul dari tab kedua');
  // Saving again is held until the editor has chosen.
  await expect(tabB.getByRole('button', { name: 'Simpan Draf' })).toBeDisabled();

  // Merge: keep the second tab's title, take the first tab's body into it, save over the stored text.
  await tabB.getByLabel('Isi (Markdown)').fill('Isi yang ditulis di tab pertama.\n\nDitambah dari tab kedua.');
  await clash.getByTestId('clash-keep-editor').click();
  await expect(tabB.getByTestId('draft-clash')).toHaveCount(0);
  await expect(tabB.getByTestId('save-state')).toHaveText('Tersimpan.');

  // The first tab is now the older one: it is refused too, and takes the stored (merged) text.
  await tabA.getByLabel('Ringkasan').fill('Ringkasan yang diubah lagi di tab pertama.');
  await tabA.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(tabA.getByTestId('clash-theirs')).toContainText('Ditambah dari tab kedua.');
  await tabA.getByTestId('clash-take-theirs').click();
  await expect(tabA.getByLabel('Judul')).toHaveValue('Judul dari tab kedua');

  // What goes for correction is exactly the merged text.
  await act(tabA, 'Kirim untuk Koreksi', 'in_correction');
  await expect(tabA.getByTestId('material-title')).toHaveText('Judul dari tab kedua');
  await expect(tabA.locator('.markdown')).toContainText('Ditambah dari tab kedua.');
});

test('the editor saves by itself while the staff member writes, shows where the text stands, and asks before leaving unsaved text', async ({ browser }) => {
  const itemUrl = await atDrafting(browser, 'Rapat koordinasi simpan sendiri');
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await open(staf, itemUrl);
  const state = staf.getByTestId('save-state');
  await expect(state).toHaveText('Tersimpan.');
  await write(staf, 'Judul yang tersimpan sendiri', 'Isi yang tidak pernah disimpan dengan tombol.');
  await expect(state).toContainText('belum tersimpan');
  // Nobody presses "Simpan Draf": a few seconds later the text is saved.
  await expect(state).toHaveText('Tersimpan.', { timeout: 10_000 });
  await open(staf, itemUrl);
  await expect(staf.getByLabel('Judul')).toHaveValue('Judul yang tersimpan sendiri');

  // Typing and leaving at once: the browser asks first.
  await staf.getByLabel('Judul').click();
  await staf.keyboard.type(' lagi');
  let asked = '';
  staf.on('dialog', async (d) => { asked = d.type(); await d.dismiss(); });
  await staf.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe('beforeunload');
});
