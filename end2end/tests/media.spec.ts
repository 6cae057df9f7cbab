import { test, expect } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { atDrafting, loginAs, open } from './helpers';

// Photos and documents on the material (issue 17), on a tablet-sized page: the staff member adds a
// photo with its caption and alt text, sees it, and removes it; a file that is not what it claims
// to be is refused with the reason, and nothing is added.

const TABLET = { viewport: { width: 800, height: 1280 }, hasTouch: true };
const PHOTO = path.join(__dirname, 'fixtures', 'foto-kegiatan.jpg');

test('the staff member adds a photo to the material on a tablet, sees it, and removes it; a renamed file is refused', async ({ browser }) => {
  const itemUrl = await atDrafting(browser, `Kunjungan kerja dengan foto ${Date.now()}`);
  const staf = await loginAs(browser, 'staf', 'Agus Pratama', TABLET);
  await open(staf, itemUrl);
  const media = staf.locator('section.media');
  await expect(media.getByRole('heading', { name: 'Foto dan Dokumen' })).toBeVisible();
  await expect(media).toContainText('Belum ada foto atau dokumen.');

  await media.getByLabel(/Foto atau dokumen/).setInputFiles(PHOTO);
  await media.getByLabel('Keterangan foto').fill('Kepala Dinas menyapa warga');
  await media.getByLabel(/Teks alternatif/).fill('Kepala Dinas berjabat tangan dengan warga di balai desa');
  await media.getByRole('button', { name: 'Unggah' }).click();
  await expect(staf.getByTestId('media-file')).toHaveCount(1);
  const thumb = staf.getByRole('img', { name: 'Kepala Dinas berjabat tangan dengan warga di balai desa' });
  await expect(thumb).toBeVisible();
  // The thumbnail the server made is an image the browser shows.
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(staf.getByTestId('media-file')).toContainText('Kepala Dinas menyapa warga');

  // Someone outside the item's desk sees the photo too (an ordinary item), but no form.
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  await open(sekretaris, itemUrl);
  await expect(sekretaris.getByTestId('media-file')).toHaveCount(1);
  await expect(sekretaris.getByTestId('media-add')).toHaveCount(0);
  await sekretaris.context().close();

  // A text file named like a photo: refused by its content, with the reason; nothing added.
  await media.getByLabel(/Foto atau dokumen/).setInputFiles({
    name: 'foto-palsu.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('bukan foto, hanya teks biasa\n'.repeat(20)),
  });
  await media.getByRole('button', { name: 'Unggah' }).click();
  const refused = staf.getByTestId('upload').filter({ hasText: 'foto-palsu.jpg' });
  await expect(refused).toHaveAttribute('data-state', 'refused');
  await expect(refused.getByRole('alert')).toContainText('Jenis berkas ini tidak diterima');
  await expect(staf.getByTestId('media-file')).toHaveCount(1);

  await staf.getByTestId('media-file').getByRole('button', { name: 'Hapus' }).click();
  await expect(staf.getByTestId('media-file')).toHaveCount(0);
  await expect(staf.locator('section.media')).toContainText('Belum ada foto atau dokumen.');
  await staf.context().close();
});

// Several files at once, dropped on the form, each sent with its progress; a photo taken while the
// tablet has no connection waits in the device's queue and is sent when the connection returns.
test('photos dropped together are sent with their progress, and one taken offline goes when the connection returns', async ({ browser }) => {
  const itemUrl = await atDrafting(browser, `Foto sekaligus ${Date.now()}`);
  const staf = await loginAs(browser, 'staf', 'Agus Pratama', TABLET);
  await open(staf, itemUrl);
  const form = staf.getByTestId('media-add');
  await expect(form).toContainText('seret foto dan dokumen');

  // Each upload is held a moment on its way, so that its progress is seen.
  await staf.route('**/berkas', async (route) => {
    await new Promise((r) => setTimeout(r, 1_500));
    await route.continue();
  });
  const photo = fs.readFileSync(PHOTO).toString('base64');
  const dropped = await staf.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'rapat-pagi.jpg', { type: 'image/jpeg' }));
    // Another photo: the same picture with a byte after its end (decoders ignore it).
    dt.items.add(new File([bytes, new Uint8Array([0])], 'rapat-siang.jpg', { type: 'image/jpeg' }));
    return dt;
  }, photo);
  await form.dispatchEvent('drop', { dataTransfer: dropped });
  const first = staf.getByTestId('upload').filter({ hasText: 'rapat-pagi.jpg' });
  await expect(first).toHaveAttribute('data-state', 'sending');
  await expect(first.locator('progress')).toBeVisible();
  await expect(first).toContainText('Mengunggah');
  // Both sent, the page shows them as the server drew them.
  await expect(staf.getByTestId('media-file')).toHaveCount(2, { timeout: 30_000 });
  await staf.unroute('**/berkas');
  // The page was drawn again with them: its upload script is running again before the next file
  // (until then the form would post as a plain form, which needs the connection).
  await expect(form).toContainText('seret foto dan dokumen');

  // No connection: the photo waits on the tablet, said so; nothing reaches the server.
  await staf.context().setOffline(true);
  await form.getByLabel(/Foto atau dokumen/).setInputFiles(PHOTO);
  await form.getByLabel('Keterangan foto').fill('Peserta rapat sore');
  await form.getByLabel(/Teks alternatif/).fill('Peserta rapat duduk di aula');
  await form.getByRole('button', { name: 'Unggah' }).click();
  const waiting = staf.getByTestId('upload').filter({ hasText: 'foto-kegiatan.jpg' });
  await expect(waiting).toHaveAttribute('data-state', 'waiting');
  await expect(waiting).toContainText('Menunggu koneksi');
  await expect(staf.getByTestId('media-file')).toHaveCount(2);
  // The connection returns: it is sent by itself, with its caption and alt text.
  await staf.context().setOffline(false);
  await expect(staf.getByTestId('media-file')).toHaveCount(3, { timeout: 30_000 });
  await expect(staf.getByRole('img', { name: 'Peserta rapat duduk di aula' })).toBeVisible();
  await staf.context().close();
});
