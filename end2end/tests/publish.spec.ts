import { test, expect } from '@playwright/test';
import * as path from 'node:path';
import { act, atDrafting, correctAndApprove, loginAs, open, ready, writeDraft } from './helpers';

// Publishing through the outbox (issue 17) against the real WordPress of
// ../shared/peers/wordpress-setup.sh (WARTA_WP_URL, WARTA_WP_USER, WARTA_WP_PASSWORD, set by
// `make e2e`): the Administrator connects the website, the staff member drafts on a tablet with a
// photo for the website and the WhatsApp channel, the Sekretaris orders publication, the server
// posts the website to WordPress by itself, the staff member posts WhatsApp by hand and pastes its
// link, and the item is "Sudah tayang" with both links, the website's being the WordPress post,
// and the photo on the portal.

const TABLET = { viewport: { width: 800, height: 1280 }, hasTouch: true };
const PHOTO = path.join(__dirname, 'fixtures', 'foto-kegiatan.jpg');

function peer() {
  const get = (k: string) => {
    const v = process.env[k];
    if (!v) throw new Error(`${k} is not set: run the browser tests with \`make e2e\` (it starts WordPress)`);
    return v;
  };
  return { url: get('WARTA_WP_URL'), user: get('WARTA_WP_USER'), password: get('WARTA_WP_PASSWORD') };
}

/** The website's connection removed again: the other tests' items are posted by hand, as in a
 * fresh office (the browser tests share one server and database). */
test.afterEach(async ({ browser }) => {
  const admin = await loginAs(browser, 'admin', 'Administrator');
  await admin.goto('/admin/saluran');
  await ready(admin);
  const website = admin.locator('[data-testid="channel"][data-channel="website"]');
  const remove = website.getByRole('button', { name: 'Putuskan' });
  if (await remove.count()) {
    await remove.click();
    await expect(website.getByTestId('channel-status')).toHaveCount(0);
  }
  await admin.context().close();
});

test('an item is published to WordPress by the server and to WhatsApp by hand, and ends "Sudah tayang"', async ({ browser }) => {
  test.setTimeout(240_000);
  const wp = peer();
  const admin = await loginAs(browser, 'admin', 'Administrator');
  await admin.goto('/admin/saluran');
  await ready(admin);
  const form = admin.getByTestId('connect-wordpress');
  await form.getByLabel('Alamat situs').fill(wp.url);
  await form.getByLabel('Nama pengguna WordPress').fill(wp.user);
  await form.getByLabel('Kata sandi aplikasi').fill(wp.password);
  await form.getByRole('button', { name: 'Simpan dan uji sambungan' }).click();
  const website = admin.locator('[data-testid="channel"][data-channel="website"]');
  await expect(website.getByTestId('channel-status')).toHaveAttribute('data-active', 'true');
  // The credential is never shown again, not even in the form.
  await expect(admin.getByLabel('Kata sandi aplikasi')).toHaveValue('');
  expect(await admin.content()).not.toContain(wp.password);
  await admin.context().close();

  const title = `Pelantikan pejabat ${Date.now()}`;
  const itemUrl = await atDrafting(browser, title);
  const staf = await loginAs(browser, 'staf', 'Agus Pratama', TABLET);
  await open(staf, itemUrl);
  // The photo first (its form reloads the page), then the text.
  const media = staf.locator('section.media');
  await media.getByLabel(/Foto atau dokumen/).setInputFiles(PHOTO);
  await media.getByLabel('Keterangan foto').fill('Bupati melantik pejabat');
  await media.getByLabel(/Teks alternatif/).fill('Bupati menyerahkan surat keputusan kepada pejabat baru');
  await media.getByRole('button', { name: 'Unggah' }).click();
  await expect(staf.getByTestId('media-file')).toHaveCount(1);
  await open(staf, itemUrl);
  await writeDraft(staf, title, 'Bagian Organisasi');
  await staf.getByLabel('Saluran WhatsApp').check();
  await act(staf, 'Kirim untuk Koreksi', 'in_correction');

  const sekretaris = await correctAndApprove(browser, itemUrl);
  await expect(sekretaris.getByRole('heading', { name: 'Jadwalkan tayang' })).toBeVisible();
  await act(sekretaris, 'Perintahkan Tayang', 'publishing');

  // The server posts the website by itself (the outbox's turn comes every few seconds).
  const task = (channel: string) => staf.locator(`[data-testid="channel-task"][data-channel="${channel}"]`);
  await expect
    .poll(async () => {
      await open(staf, itemUrl);
      return task('website').getAttribute('data-state');
    }, { timeout: 60_000, intervals: [2_000] })
    .toBe('done');
  await expect(task('whatsapp')).toHaveAttribute('data-state', 'manual');
  const postUrl = await task('website').getAttribute('data-url');
  await expect(task('website').getByRole('link', { name: postUrl! })).toBeVisible();
  expect(postUrl).toContain(new URL(wp.url).host);
  // The public reads the post on WordPress, with the photo as its featured image.
  const post = await staf.request.get(postUrl!);
  expect(post.ok()).toBeTruthy();
  expect(await post.text()).toContain(title);

  // WhatsApp by hand: the staff member pastes the link and closes the step.
  await staf.getByLabel('Tautan Saluran WhatsApp').fill('https://whatsapp.com/channel/0029VaContoh/123');
  await act(staf, 'Tandai Sudah Tayang', 'published');
  await staf.goto(`/informasi/${itemUrl.split('/').pop()}`);
  await expect(staf.locator(`a[href="${postUrl}"]`)).toBeVisible();
  await expect(staf.locator('a[href="https://whatsapp.com/channel/0029VaContoh/123"]')).toBeVisible();
  // The photo is on the portal with its alt text and caption, loaded for anyone, signed in or not.
  const photo = staf.getByTestId('public-photos').getByRole('img', {
    name: 'Bupati menyerahkan surat keputusan kepada pejabat baru',
  });
  await expect(photo).toBeVisible();
  await expect(staf.getByTestId('public-photos')).toContainText('Bupati melantik pejabat');
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const anonymous = await browser.newContext();
  const src = await photo.getAttribute('src');
  const fetched = await anonymous.request.get(new URL(src!, staf.url()).toString());
  expect(fetched.status()).toBe(200);
  expect(fetched.headers()['content-type']).toContain('image/');
  await anonymous.close();
});
