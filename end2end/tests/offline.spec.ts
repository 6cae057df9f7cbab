import { test, expect, Page } from '@playwright/test';
import { atDrafting, controlled, kept, loginAs, open, ready, WORKER } from './helpers';

// Drafting on a tablet whose connection drops: the staff member keeps typing, the text is kept on
// the device (IndexedDB) and survives a reload without a connection, and reaches the server, with
// the revision it started from, when the connection returns. A change made on the server
// meanwhile shows beside it: nothing is overwritten, nothing is lost.

const TITLE = () => staf_.getByLabel('Judul', { exact: true });
let staf_: Page;

/** The staff member's tablet at the item, the page kept on the device for a reload offline. */
async function tabletAt(browser: import('@playwright/test').Browser, itemUrl: string): Promise<Page> {
  const staf = await loginAs(browser, 'staf', 'Agus Pratama', WORKER);
  await controlled(staf);
  await open(staf, itemUrl);
  await expect.poll(() => kept(staf, new URL(itemUrl).pathname), { timeout: 30_000 }).toBe(true);
  staf_ = staf;
  return staf;
}

/** What the device keeps of drafts (the editor's own store). */
async function keptDrafts(page: Page): Promise<string[]> {
  return page.evaluate(() => new Promise<string[]>((resolve, reject) => {
    const open = indexedDB.open('warta');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('drafts')) return resolve([]);
      const all = db.transaction('drafts').objectStore('drafts').getAll();
      all.onsuccess = () => resolve(all.result as string[]);
      all.onerror = () => reject(all.error);
    };
  }));
}

test('typing without a connection is kept on the device, survives a reload offline, and reaches the server when it returns', async ({ browser }) => {
  const perihal = `Kunjungan lapangan tanpa sinyal ${Date.now()}`;
  const itemUrl = await atDrafting(browser, perihal);
  const staf = await tabletAt(browser, itemUrl);
  const context = staf.context();
  const state = staf.getByTestId('save-state');
  await expect(state).toHaveText('Tersimpan di server.');

  await context.setOffline(true);
  await TITLE().fill('Ditulis di lapangan tanpa koneksi');
  await staf.getByLabel('Ringkasan').fill('Ringkasan yang ditulis tanpa koneksi.');
  await staf.getByRole('textbox', { name: 'Isi materi' }).fill('Isi yang ditulis di lapangan, tanpa sinyal sama sekali.');
  // Kept on the device at once; the save a few seconds later finds no connection and says so.
  await expect(state).toHaveAttribute('data-where', 'device');
  await expect(state).toContainText('Tersimpan di perangkat ini');
  await expect(state).toContainText('tidak ada koneksi', { timeout: 15_000 });
  await expect(staf.getByRole('alert')).toHaveCount(0);
  expect((await keptDrafts(staf)).join()).toContain('Ditulis di lapangan tanpa koneksi');

  // The tablet reloads the page, still without a connection: the device's copy of the page,
  // and in its editor the text typed offline, said to be the device's and not yet the server's.
  await staf.reload();
  await ready(staf);
  await expect(staf.locator('#offline-copy')).toBeVisible();
  await expect(TITLE()).toHaveValue('Ditulis di lapangan tanpa koneksi');
  await expect(staf.getByLabel('Ringkasan')).toHaveValue('Ringkasan yang ditulis tanpa koneksi.');
  await expect(staf.getByRole('textbox', { name: 'Isi materi' })).toHaveText('Isi yang ditulis di lapangan, tanpa sinyal sama sekali.');
  await expect(staf.getByTestId('kept-restored')).toContainText('belum ada di server');
  await expect(state).toHaveAttribute('data-where', 'device');

  // The connection returns: the text goes to the server by itself, and the device lets it go.
  await context.setOffline(false);
  await expect(state).toHaveText('Tersimpan di server.', { timeout: 30_000 });
  await expect.poll(() => keptDrafts(staf)).toEqual([]);

  // The server has it: another session of the same person reads it from the server.
  const desk = await loginAs(browser, 'staf', 'Agus Pratama');
  await open(desk, itemUrl);
  await expect(desk.getByLabel('Judul', { exact: true })).toHaveValue('Ditulis di lapangan tanpa koneksi');
  await expect(desk.getByLabel('Ringkasan')).toHaveValue('Ringkasan yang ditulis tanpa koneksi.');
  await expect(desk.getByRole('textbox', { name: 'Isi materi' })).toHaveText('Isi yang ditulis di lapangan, tanpa sinyal sama sekali.');
  await desk.context().close();
  await context.close();
});

test('a change saved on the server while the tablet was offline shows beside the tablet\'s text; neither is lost', async ({ browser }) => {
  const perihal = `Rapat desa tanpa sinyal ${Date.now()}`;
  const itemUrl = await atDrafting(browser, perihal);
  const staf = await tabletAt(browser, itemUrl);
  const context = staf.context();

  await context.setOffline(true);
  await TITLE().fill('Judul dari tablet di lapangan');
  await staf.getByLabel('Ringkasan').fill('Ringkasan dari tablet di lapangan.');
  await staf.getByRole('textbox', { name: 'Isi materi' }).fill('Isi yang ditulis di tablet tanpa sinyal.');
  await expect(staf.getByTestId('save-state')).toHaveAttribute('data-where', 'device');

  // Meanwhile, at the office, the same person saves another text from their desktop.
  const desk = await loginAs(browser, 'staf', 'Agus Pratama');
  await open(desk, itemUrl);
  await desk.getByLabel('Judul', { exact: true }).fill('Judul dari komputer kantor');
  await desk.getByLabel('Ringkasan').fill('Ringkasan dari komputer kantor.');
  await desk.getByRole('textbox', { name: 'Isi materi' }).fill('Isi yang ditulis di komputer kantor.');
  await desk.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(desk.getByTestId('save-state')).toHaveText('Tersimpan di server.');

  // Back online: the tablet's save names the revision it started from, and is refused; both
  // texts are shown side by side. The tablet's text is still in its editor and on the device.
  await context.setOffline(false);
  const clash = staf.getByTestId('draft-clash');
  await expect(clash).toBeVisible({ timeout: 30_000 });
  await expect(clash.getByTestId('clash-theirs')).toContainText('Judul dari komputer kantor');
  await expect(clash.getByTestId('clash-mine')).toContainText('Judul dari tablet di lapangan');
  await expect(TITLE()).toHaveValue('Judul dari tablet di lapangan');
  expect((await keptDrafts(staf)).join()).toContain('Judul dari tablet di lapangan');

  // The staff member merges the two in the editor and saves over the office's text, having seen it.
  await TITLE().fill('Judul dari tablet di lapangan (dan kantor)');
  await clash.getByTestId('clash-keep-editor').click();
  await expect(staf.getByTestId('draft-clash')).toHaveCount(0);
  await expect(staf.getByTestId('save-state')).toHaveText('Tersimpan di server.');
  await expect.poll(() => keptDrafts(staf)).toEqual([]);
  await open(desk, itemUrl);
  await expect(desk.getByLabel('Judul', { exact: true })).toHaveValue('Judul dari tablet di lapangan (dan kantor)');
  await desk.context().close();
  await context.close();
});
