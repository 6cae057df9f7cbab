import { test, expect } from '@playwright/test';
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
  await expect(staf.getByRole('alert')).toContainText('Jenis berkas ini tidak diterima');
  await expect(staf.getByTestId('media-file')).toHaveCount(1);

  await staf.getByTestId('media-file').getByRole('button', { name: 'Hapus' }).click();
  await expect(staf.getByTestId('media-file')).toHaveCount(0);
  await expect(staf.locator('section.media')).toContainText('Belum ada foto atau dokumen.');
  await staf.context().close();
});
