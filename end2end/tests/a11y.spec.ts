import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { atDrafting, loginAs, open, PASSWORD, publishFromDrafting, ready } from './helpers';

// WCAG 2.1 AA as axe-core checks it, on every page each role opens and on the public portal.
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What axe found, page by page: all of it is reported at the end, not only the first page's. */
const found: string[] = [];

async function check(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(RULES).analyze();
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    found.push(`${name}: ${v.id} (${v.impact}) ${v.help}: ${where}`);
  }
}

async function visit(page: Page, url: string, name: string, app = true) {
  await page.goto(url);
  if (app) await ready(page);
  await check(page, name);
}

test('every page passes axe-core (WCAG 2.1 A and AA) for each role and on the public portal', async ({ browser }) => {
  test.setTimeout(240_000);
  const visitor = await (await browser.newContext()).newPage();
  await visit(visitor, '/login', 'login');
  await visit(visitor, '/informasi', 'portal', false);
  await visit(visitor, '/dip', 'portal-dip', false);

  const itemUrl = await atDrafting(browser, 'Rapat koordinasi untuk uji aksesibilitas');
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await visit(staf, '/', 'tugas-staf');
  await open(staf, itemUrl);
  await check(staf, 'materi-penyusunan');
  await visit(staf, '/kata-sandi', 'kata-sandi');

  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  for (const [url, name] of [['/', 'tugas-sekretaris'], ['/materi', 'semua-materi'], [itemUrl, 'materi-baca'],
    ['/daftar-informasi', 'daftar-informasi'], ['/laporan', 'laporan'], ['/laporan/sop', 'sop']]) {
    await visit(sekretaris, url, name);
  }
  await visit(sekretaris, `${itemUrl}/disposisi`, 'cetak-disposisi');
  await visit(sekretaris, `${itemUrl}/rekam`, 'cetak-rekam');

  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  await visit(ppid, '/materi/baru', 'disposisi-baru');
  const sekretariat = await loginAs(browser, 'sekretariat', 'Sri Rahayu');
  await visit(sekretariat, '/', 'tugas-sekretariat');
  const verifikator = await loginAs(browser, 'verifikator', 'Dewi Lestari');
  await visit(verifikator, '/', 'tugas-verifikator');

  const admin = await loginAs(browser, 'admin', 'Administrator');
  await visit(admin, '/admin', 'admin');
  await visit(admin, '/admin/pengaturan', 'pengaturan');

  // A published item on the public portal, as any visitor reads it.
  const published = await atDrafting(browser, 'Rapat koordinasi untuk uji aksesibilitas portal');
  await publishFromDrafting(browser, published, 'Rapat Koordinasi Keterbukaan Informasi');
  const id = published.split('/').pop();
  await visit(visitor, `/informasi/${id}`, 'portal-materi', false);
  await expect(visitor.locator('h1')).toContainText('Rapat Koordinasi Keterbukaan Informasi');
  expect(found, found.join('\n')).toEqual([]);
});

test('the keyboard alone signs in and carries an item on, and always shows where it is', async ({ browser }) => {
  const itemUrl = await atDrafting(browser, 'Rapat koordinasi dengan papan ketik');
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await ready(page);
  // Signing in: Tab to each field, Enter to send.
  await page.getByLabel('Nama pengguna').focus();
  await page.keyboard.type('staf');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Kata sandi')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('who')).toHaveText('Agus Pratama');

  // On the item: Tab reaches the action, the focus ring shows, Enter performs it.
  await open(page, itemUrl);
  await page.getByLabel('Judul', { exact: true }).fill('Rapat koordinasi dengan papan ketik');
  await page.getByLabel('Ringkasan').fill('Ringkasan rapat koordinasi dengan papan ketik.');
  await page.getByRole('textbox', { name: 'Isi materi' }).fill('Rapat diikuti semua bidang dan dicatat lengkap.');
  const send = page.getByRole('button', { name: 'Kirim untuk Koreksi' });
  let reached = false;
  for (let i = 0; i < 120 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await send.evaluate((b) => b === document.activeElement);
  }
  expect(reached, 'Tab reaches "Kirim untuk Koreksi"').toBe(true);
  const ring = await send.evaluate((b) => getComputedStyle(b).outlineStyle !== 'none' && parseFloat(getComputedStyle(b).outlineWidth) >= 2);
  expect(ring, 'the focused button shows a focus ring').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('article.item')).toHaveAttribute('data-state', 'in_correction');
});
