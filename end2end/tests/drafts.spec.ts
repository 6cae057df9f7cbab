import { test, expect, Page } from '@playwright/test';
import { loginAs, open, act, atDrafting } from './helpers';

async function write(page: Page, title: string, body: string) {
  await page.getByLabel('Judul', { exact: true }).fill(title);
  await page.getByLabel('Ringkasan').fill('Ringkasan kegiatan rapat koordinasi.');
  await page.getByRole('textbox', { name: 'Isi materi' }).fill(body);
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
  await expect(tabA.getByTestId('save-state')).toHaveText('Tersimpan di server.');

  await write(tabB, 'Judul dari tab kedua', 'Isi yang ditulis di tab kedua.');
  await tabB.getByRole('button', { name: 'Simpan Draf' }).click();
  const clash = tabB.getByTestId('draft-clash');
  await expect(clash).toContainText('Agus Pratama');
  await expect(clash.getByTestId('clash-theirs')).toContainText('Judul dari tab pertama');
  await expect(clash.getByTestId('clash-mine')).toContainText('Judul dari tab kedua');
  // Saving again is held until the editor has chosen.
  await expect(tabB.getByRole('button', { name: 'Simpan Draf' })).toBeDisabled();

  // Merge: keep the second tab's title, take the first tab's body into it, save over the stored text.
  await tabB.getByRole('textbox', { name: 'Isi materi' }).fill('Isi yang ditulis di tab pertama.\n\nDitambah dari tab kedua.');
  await clash.getByTestId('clash-keep-editor').click();
  await expect(tabB.getByTestId('draft-clash')).toHaveCount(0);
  await expect(tabB.getByTestId('save-state')).toHaveText('Tersimpan di server.');

  // The first tab is now the older one: it is refused too, and takes the stored (merged) text.
  await tabA.getByLabel('Ringkasan').fill('Ringkasan yang diubah lagi di tab pertama.');
  await tabA.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(tabA.getByTestId('clash-theirs')).toContainText('Ditambah dari tab kedua.');
  await tabA.getByTestId('clash-take-theirs').click();
  await expect(tabA.getByLabel('Judul', { exact: true })).toHaveValue('Judul dari tab kedua');

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
  await expect(state).toHaveText('Tersimpan di server.');
  await write(staf, 'Judul yang tersimpan sendiri', 'Isi yang tidak pernah disimpan dengan tombol.');
  await expect(state).toContainText('belum tersimpan');
  // Nobody presses "Simpan Draf": a few seconds later the text is saved.
  await expect(state).toHaveText('Tersimpan di server.', { timeout: 10_000 });
  await open(staf, itemUrl);
  await expect(staf.getByLabel('Judul', { exact: true })).toHaveValue('Judul yang tersimpan sendiri');

  // Typing and leaving at once, the text on neither the server nor the device yet: the browser
  // asks first. (Once the device keeps it, leaving loses nothing: offline.spec.ts.)
  await staf.getByLabel('Judul', { exact: true }).click();
  await staf.keyboard.type(' lagi');
  let asked = '';
  staf.on('dialog', async (d) => { asked = d.type(); await d.dismiss(); });
  await staf.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe('beforeunload');
});

test('a paste from a word processor keeps its formatting and drops the rest, and is stored so', async ({ browser }) => {
  const itemUrl = await atDrafting(browser, 'Rapat koordinasi tempel dokumen');
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await open(staf, itemUrl);
  await write(staf, 'Materi dari dokumen Word', '');
  const body = staf.getByRole('textbox', { name: 'Isi materi' });
  await body.click();
  // What Word puts on the clipboard, reduced: styles, classes, its list paragraphs, an image
  // from elsewhere, a script and a javascript: link.
  await staf.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/html', `<html><head><style>p.MsoNormal{color:red}</style></head><body>
      <h1 class="MsoTitle">Laporan Kegiatan</h1>
      <p class="MsoNormal" style="color:red;font-family:Calibri"><span style="font-weight:bold">Rapat</span> dan <i>diskusi</i><img src="https://attacker.example/t.gif"></p>
      <p class="MsoListParagraphCxSpFirst" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">1.<span>&nbsp;</span></span>Pembukaan</p>
      <p class="MsoListParagraphCxSpLast" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">2.<span>&nbsp;</span></span>Diskusi</p>
      <script>window.pwned = 1</script>
      <p><a href="javascript:alert(1)">tautan jahat</a> <a href="https://ppid.example.go.id">situs PPID</a></p>
    </body></html>`);
    dt.setData('text/plain', 'Laporan Kegiatan');
    document.querySelector('[data-testid="body-editor"]')!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(body.locator('h2')).toHaveText('Laporan Kegiatan');
  await expect(body.locator('strong')).toHaveText('Rapat');
  await expect(body.locator('em')).toHaveText('diskusi');
  await expect(body.locator('ol li')).toHaveText(['Pembukaan', 'Diskusi']);
  await expect(body.locator('a')).toHaveCount(1);
  await expect(body.locator('a')).toHaveAttribute('href', 'https://ppid.example.go.id');
  await expect(body).toContainText('tautan jahat');
  await expect(body.locator('img, script, style, [style], [class]')).toHaveCount(0);
  expect(await staf.evaluate(() => (window as any).pwned)).toBeUndefined();

  // Saved and opened again: the same formatting, from what the server stored.
  await staf.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(staf.getByTestId('save-state')).toHaveText('Tersimpan di server.');
  await open(staf, itemUrl);
  const again = staf.getByRole('textbox', { name: 'Isi materi' });
  await expect(again.locator('h2')).toHaveText('Laporan Kegiatan');
  await expect(again.locator('strong')).toHaveText('Rapat');
  await expect(again.locator('ol li')).toHaveText(['Pembukaan', 'Diskusi']);
  await expect(again.locator('a')).toHaveAttribute('href', 'https://ppid.example.go.id');
  await expect(again.locator('img, script')).toHaveCount(0);
});
