import { test, expect, Page } from '@playwright/test';
import { atDrafting, loginAs, open, ready } from './helpers';

// Every page at the four sizes the office uses: a phone, a tablet upright and lying, a PC. Each
// page is photographed (test-results/screens/, JPEG, to look at) and must not scroll sideways.
const SIZES: [number, number][] = [[390, 844], [768, 1024], [1024, 768], [1280, 800]];

async function shoot(page: Page, name: string) {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(wide, `${name} at ${width}×${height} scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: `test-results/screens/${name}-${width}x${height}.jpg`,
      type: 'jpeg', quality: 45, fullPage: true,
    });
  }
}

async function visit(page: Page, url: string, name: string, app = true) {
  await page.goto(url);
  // The public portal is plain HTML: no application to wait for.
  if (app) await ready(page);
  await shoot(page, name);
}

test('every page at a phone, tablet and PC size: photographed, nothing wider than the screen', async ({ browser }) => {
  test.setTimeout(240_000);
  const visitor = await browser.newPage();
  await visit(visitor, '/login', 'login');
  await visit(visitor, '/informasi', 'portal', false);
  await visit(visitor, '/dip', 'portal-dip', false);

  const itemUrl = await atDrafting(browser, 'Rapat koordinasi untuk foto halaman');
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await visit(staf, '/', 'tugas-staf');
  await open(staf, itemUrl);
  await shoot(staf, 'materi-penyusunan');

  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  await visit(sekretaris, '/', 'tugas-sekretaris');
  await visit(sekretaris, '/materi', 'semua-materi');
  await visit(sekretaris, itemUrl, 'materi-baca');
  await visit(sekretaris, '/daftar-informasi', 'daftar-informasi');
  await visit(sekretaris, '/laporan', 'laporan');
  await visit(sekretaris, '/laporan/sop', 'sop');

  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  await visit(ppid, '/materi/baru', 'disposisi-baru');

  const admin = await loginAs(browser, 'admin', 'Administrator');
  await visit(admin, '/admin', 'admin');
  await visit(admin, '/admin/pengaturan', 'pengaturan');
});
