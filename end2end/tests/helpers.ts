import { expect, Browser, BrowserContextOptions, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

// The demo accounts that `warta demo` seeds into the empty test database.
export const PASSWORD = 'warta-demo-2026';

/** A one-pixel PNG, as a letterhead logo. */
export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export function todayInJakarta(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

export async function ready(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

export async function loginAs(browser: Browser, username: string, name: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  // Browser-side failures (a panic during hydration, say) belong in the test output.
  page.on('pageerror', (e) => console.log(`[${username}] pageerror: ${e.message.slice(0, 500)}`));
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[${username}] console: ${m.text().slice(0, 500)}`); });
  await page.goto('/login');
  await ready(page);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('who')).toHaveText(name);
  return page;
}

/** A browser with JavaScript switched off, signed in through the plain login form. */
export async function loginWithoutScript(browser: Browser, username: string, name: string): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto('/login');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('who')).toHaveText(name);
  return page;
}

/** A move without script: the button posts the form, the server answers with the item page. */
export async function actWithoutScript(page: Page, button: string, expectedState: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.locator('article.item')).toHaveAttribute('data-state', expectedState);
}

export async function open(page: Page, url: string) {
  await page.goto(url);
  await ready(page);
  await expect(page.locator('article.item')).toHaveCount(1);
  // The live stream is up (what it brings on connecting has arrived) before the page is used.
  await expect(page.getByTestId('live')).toHaveAttribute('data-live', 'on');
}

export async function act(page: Page, button: string, expectedState: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  // A move is a write and the page redrawn: on a loaded 2-core CI machine one took 8 s to answer
  // (the whole suite's server shares the cores with Chromium), so it gets twice the usual wait.
  await expect(page.locator('article.item')).toHaveAttribute('data-state', expectedState, { timeout: 30_000 });
}

/** Step 1 by the PPID Pembantu ("rahasia" if `confidential`); returns the new item's URL. */
export async function createDisposition(ppid: Page, perihal: string, confidential = false): Promise<string> {
  await ppid.goto('/materi/baru');
  await ready(ppid);
  await ppid.getByLabel('Perihal (kegiatan)').fill(perihal);
  await ppid.getByLabel('Tanggal kegiatan').fill(todayInJakarta());
  await ppid.getByLabel('Tempat kegiatan').fill('Aula Kantor Bupati');
  await ppid.getByLabel('Batas waktu').fill(todayInJakarta());
  if (confidential) await ppid.getByLabel('Rahasia').check();
  await ppid.getByRole('button', { name: 'Buat Disposisi' }).click();
  await expect(ppid).toHaveURL(/\/materi\/[a-z0-9]{20}$/);
  await expect(ppid.locator('article.item')).toHaveAttribute('data-state', 'at_sekretaris');
  return ppid.url();
}

/** Steps 2 to 4: the Sekretaris forwards, the Sekretariat accepts and assigns `staffName`. */
export async function forwardAcceptAssign(sekretaris: Page, sekretariat: Page, itemUrl: string, staffName: string) {
  // A Sekretaris already on the item keeps what they ticked or typed there.
  if (sekretaris.url() !== itemUrl) await open(sekretaris, itemUrl);
  await act(sekretaris, 'Teruskan ke Sekretariat', 'at_sekretariat');
  await open(sekretariat, itemUrl);
  await act(sekretariat, 'Terima Disposisi', 'accepted_by_sekretariat');
  await sekretariat.getByRole('button', { name: 'Tugaskan Staf' }).click();
  await sekretariat.getByLabel('Staf yang ditugaskan').selectOption({ label: staffName });
  await act(sekretariat, 'Tugaskan Staf', 'drafting');
}

/** Steps 1 to 4 by the chain's own sessions: a new item on the drafting desk of Agus Pratama;
 * returns its URL. */
export async function atDrafting(browser: Browser, perihal: string): Promise<string> {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  const sekretariat = await loginAs(browser, 'sekretariat', 'Sri Rahayu');
  const itemUrl = await createDisposition(ppid, perihal);
  await forwardAcceptAssign(sekretaris, sekretariat, itemUrl, 'Agus Pratama');
  return itemUrl;
}

/** The staff member's draft on an open item page: `title`, a summary, a body, and the register's
 * fields (the unit and who is responsible, the forms it is available in, its retention). */
export async function writeDraft(staf: Page, title: string, unit = 'Dinas Komunikasi dan Informatika') {
  await staf.getByLabel('Judul', { exact: true }).fill(title);
  await staf.getByLabel('Ringkasan').fill('Ringkasan untuk portal publik.');
  const body = staf.getByRole('textbox', { name: 'Isi materi' });
  await body.click();
  await body.pressSequentially('Kegiatan ini dihadiri perwakilan setiap kecamatan.');
  await staf.getByLabel('Pejabat atau unit yang menguasai informasi').fill(unit);
  await staf.getByLabel('Penanggung jawab pembuatan atau penerbitan').fill('Kepala Bidang Informasi Publik');
  await staf.getByLabel('Bentuk informasi yang tersedia').selectOption('keduanya');
  await staf.getByLabel('Jangka waktu penyimpanan (retensi)').fill('5 tahun');
}

/** Steps 6 and 7 on material sent for correction: the Sekretaris sends it to verification, the
 * verifier approves it. Returns the Sekretaris's page, open on the approved item. */
export async function correctAndApprove(browser: Browser, itemUrl: string): Promise<Page> {
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  await open(sekretaris, itemUrl);
  await act(sekretaris, 'Kirim ke Verifikasi', 'in_verification');
  const verifikator = await loginAs(browser, 'verifikator', 'Dewi Lestari');
  await open(verifikator, itemUrl);
  await act(verifikator, 'Setujui', 'approved');
  await open(sekretaris, itemUrl);
  return sekretaris;
}

/** Steps 5 to 9 by the chain's own sessions, without a return: the staff member's draft (with the
 * register's fields), correction, verification, the order to publish and the website's link. */
export async function publishFromDrafting(browser: Browser, itemUrl: string, title: string) {
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await open(staf, itemUrl);
  await writeDraft(staf, title);
  await act(staf, 'Kirim untuk Koreksi', 'in_correction');
  const sekretaris = await correctAndApprove(browser, itemUrl);
  await act(sekretaris, 'Perintahkan Tayang', 'publishing');
  await open(staf, itemUrl);
  await staf.getByLabel('Tautan Website').fill('https://ppid.karanganyarkab.go.id/berita/uji');
  await act(staf, 'Tandai Sudah Tayang', 'published');
}

/** Marks the page's JavaScript world, to prove later that it was never reloaded. */
export async function markPage(page: Page) {
  await page.evaluate(() => { (window as any).__wartaNoReload = true; });
}

export async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as any).__wartaNoReload === true)).toBe(true);
}

/** Stops or starts the server under test (end2end/server.sh), with extra environment if given. */
export function server(command: 'start' | 'stop', env: Record<string, string> = {}) {
  const ctl = process.env.WARTA_E2E_CTL;
  if (!ctl) throw new Error('WARTA_E2E_CTL is not set: run the browser tests through end2end/run.sh');
  execFileSync('bash', [ctl, command], { stdio: 'inherit', timeout: 90_000, env: { ...process.env, ...env } });
}

/** A browser context with Warta's service worker (the installed app); the others block it. */
export const WORKER = { serviceWorkers: 'allow' as const };

/** The page is controlled by Warta's service worker (installed, shell precached, active). A page
 * whose load began before the worker activated is not claimed by it: as in a browser, its next
 * load is. */
export async function controlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await ready(page);
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** Has the device kept a copy of `where` (in the signed-in person's page cache)? */
export async function kept(page: Page, where: string): Promise<boolean> {
  return page.evaluate(async (where) => {
    for (const key of (await caches.keys()).filter((k) => k.startsWith('pages-'))) {
      if (await (await caches.open(key)).match(where)) return true;
    }
    return false;
  }, where);
}

