import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { atDrafting, loginAs, open, ready, writeDraft } from './helpers';

// The material's own text per channel (issue 17, point 2): the staff member writes the X post,
// a post over 280 characters is refused with the limit and kept as typed; saved, the page shows its
// count and the post as it will look.

test('the staff member writes the X text, is refused over its limit, and saves it within it', async ({ browser }) => {
  const itemUrl = await atDrafting(browser, `Teks per saluran ${Date.now()}`);
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await open(staf, itemUrl);
  await writeDraft(staf, 'Rapat koordinasi PPID');
  await staf.getByLabel('X (Twitter)', { exact: true }).check();
  await staf.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(staf.getByTestId('save-state')).toHaveText('Tersimpan di server.');
  // The page as drawn again offers the way to the texts (the material goes to X too).
  await open(staf, itemUrl);
  await expect(staf.getByTestId('channel-texts-link')).toBeVisible();

  await staf.getByTestId('channel-texts-link').click();
  await ready(staf);
  await expect(staf.getByRole('heading', { name: 'Teks per saluran', level: 1 })).toBeVisible();
  const x = staf.locator('[data-testid="channel-text"][data-channel="x"]');
  const field = x.getByLabel('Teks untuk X (Twitter)');
  // Made from the material until someone writes one.
  await expect(field).toHaveValue(/^Rapat koordinasi PPID/);
  await expect(x.getByTestId('text-saved')).toContainText('Dibuat dari judul dan ringkasan');
  // WCAG 2.1 AA, as on every other page (a11y.spec.ts).
  const axe = await new AxeBuilder({ page: staf }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Over X's limit: refused by the server with the limit, the text kept as typed.
  await field.fill('a'.repeat(281));
  await x.getByRole('button', { name: 'Simpan teks' }).click();
  await expect(x.getByTestId('text-over')).toContainText('paling banyak 280 karakter');
  await ready(staf);
  await expect(field).toHaveValue('a'.repeat(281));
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(x.getByTestId('text-count')).toHaveText('281 dari 280 karakter');
  await expect(x.getByTestId('text-saved')).toContainText('Dibuat dari judul dan ringkasan');

  // A link counts as 23 characters on X, whatever its length.
  const post = 'Rapat koordinasi PPID hari ini. Selengkapnya: https://ppid.contoh.go.id/informasi/rapat-koordinasi-ppid-triwulan-keempat';
  await field.fill(post);
  await x.getByRole('button', { name: 'Simpan teks' }).click();
  // Saved: the page comes back with it, saved by Agus, counted and previewed.
  await expect(x.getByTestId('text-saved')).toContainText('oleh Agus Pratama');
  await ready(staf);
  await expect(field).toHaveValue(post);
  await expect(x.getByTestId('text-count')).toHaveText(`${46 + 23} dari 280 karakter`);
  await expect(x.getByTestId('text-over')).toHaveText('');
  await expect(x.getByTestId('post-preview')).toContainText(post);

  // Someone who does not edit the draft reads it, and cannot change it.
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  await sekretaris.goto(`${itemUrl}/saluran`);
  await ready(sekretaris);
  const theirs = sekretaris.locator('[data-testid="channel-text"][data-channel="x"]');
  await expect(theirs.getByLabel('Teks untuk X (Twitter)')).toHaveValue(post);
  await expect(theirs.getByLabel('Teks untuk X (Twitter)')).toHaveAttribute('readonly', '');
  await expect(theirs.getByRole('button', { name: 'Simpan teks' })).toHaveCount(0);
  await sekretaris.context().close();
  await staf.context().close();
});

// The limits as the staff member types (the server's own check, nothing saved), and the post as
// previewed copied in one click for posting by hand.
test('a channel text is checked as it is typed and its post is copied in one click', async ({ browser }) => {
  const itemUrl = await atDrafting(browser, `Teks langsung ${Date.now()}`);
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await staf.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(staf, itemUrl);
  await writeDraft(staf, 'Sosialisasi keterbukaan informasi');
  await staf.getByLabel('Instagram', { exact: true }).check();
  await staf.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(staf.getByTestId('save-state')).toHaveText('Tersimpan di server.');
  await staf.goto(`${itemUrl}/saluran`);
  await ready(staf);
  const ig = staf.locator('[data-testid="channel-text"][data-channel="instagram"]');
  const field = ig.getByLabel('Teks untuk Instagram');

  // Six hashtags: Instagram takes five. Said while typing, before any save.
  await field.fill('Sosialisasi hari ini #satu #dua #tiga #empat #lima #enam');
  await expect(ig.getByTestId('text-over')).toContainText('terlalu banyak tagar: paling banyak 5');
  await expect(ig.getByTestId('text-count')).toContainText('6 dari 5 tagar');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('Sosialisasi hari ini #satu #dua');
  await expect(ig.getByTestId('text-over')).toHaveText('');
  await expect(ig.getByTestId('text-count')).toContainText('2 dari 5 tagar');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(ig.getByTestId('post-text')).toContainText('Sosialisasi hari ini #satu #dua');
  await expect(ig.getByTestId('text-saved')).toContainText('Dibuat dari judul dan ringkasan');

  // One click copies the post as previewed.
  await ig.getByRole('button', { name: 'Salin teks' }).click();
  await expect(ig.getByTestId('copy-status')).toHaveText('Teks disalin: tempel di saluran.');
  const copied = await staf.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await ig.getByTestId('post-text').textContent());
  expect(copied).toContain('Sosialisasi hari ini #satu #dua');
  await staf.context().close();
});
