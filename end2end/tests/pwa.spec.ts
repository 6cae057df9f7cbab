import { test, expect, chromium, BrowserContext, Page, TestInfo } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { atDrafting, controlled, kept, loginAs, PASSWORD, ready, WORKER } from './helpers';

// Warta as an installed app on a tablet: installable, readable offline from the device's last
// copy (also when opened from the home screen), a new version offered and taken cleanly, and
// nothing left on the device after signing out. These contexts allow the service worker.

/** Chromium with a profile on disk, as on the tablet (an incognito context cannot install apps,
 * and forgets everything when closed). */
function tablet(info: TestInfo, profile: string): Promise<BrowserContext> {
  const use = info.project.use;
  return chromium.launchPersistentContext(profile, {
    ...use.launchOptions,
    baseURL: use.baseURL,
    locale: use.locale,
    timezoneId: use.timezoneId,
    ...WORKER,
  });
}

test('Chromium finds Warta installable, and a restarted tablet is still signed in', async ({}, info) => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-tablet-'));
  try {
    let context = await tablet(info, profile);
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/login');
    await ready(page);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);

    await page.getByLabel('Nama pengguna').fill('staf');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByTestId('who')).toHaveText('Agus Pratama');
    await context.close();

    // The tablet restarts: the browser starts again from its profile, the app opens at its start.
    context = await tablet(info, profile);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await expect(page.getByTestId('who')).toHaveText('Agus Pratama');
    await context.close();
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('the desk reads offline from the device, also opened from the home screen; a page never kept says it is offline; signing out clears the device', async ({ browser }) => {
  const perihal = `Kunjungan lapangan luring ${Date.now()}`;
  const itemUrl = await atDrafting(browser, perihal);
  const itemPath = new URL(itemUrl).pathname;

  const staf = await loginAs(browser, 'staf', 'Agus Pratama', WORKER);
  const context = staf.context();
  await controlled(staf);
  // Tugas Saya through the worker: kept, and the items on the desk with it.
  await staf.goto('/');
  await ready(staf);
  await expect.poll(() => kept(staf, '/'), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => kept(staf, itemPath), { timeout: 30_000 }).toBe(true);

  await context.setOffline(true);
  try {
    // Opened from the home screen (the manifest's start URL) without a connection.
    const home = await context.newPage();
    await home.goto('/');
    await expect(home.getByTestId('who')).toHaveText('Agus Pratama');
    const note = home.locator('#offline-copy');
    await expect(note).toBeVisible();
    await expect(note).toContainText('salinan terakhir di perangkat ini');
    await expect(note.locator('[data-age]')).not.toBeEmpty();
    // An item on the desk that was never opened on this device: its last copy, fetched with the desk.
    await home.goto(itemPath);
    await expect(home.locator('article.item')).toContainText(perihal);
    await expect(home.locator('#offline-copy')).toBeVisible();
    // A page never kept: the offline page, which says so and what still reads.
    await home.goto('/laporan/sop');
    await expect(home.getByRole('heading', { name: 'Tanpa koneksi' })).toBeVisible();
    await expect(home.getByRole('link', { name: 'Tugas Saya' })).toHaveAttribute('href', '/');
    await home.close();
  } finally {
    await context.setOffline(false);
  }

  // Online again: the page is the network's, without the note.
  await staf.goto('/');
  await ready(staf);
  await expect(staf.locator('#offline-copy')).toBeHidden();

  // Signing out leaves nothing of this person on the device.
  await staf.evaluate(() => localStorage.setItem('warta-uji', 'tersimpan'));
  await staf.getByRole('button', { name: 'Keluar' }).click();
  await expect(staf).toHaveURL(/\/login$/);
  await ready(staf);
  expect(await kept(staf, '/')).toBe(false);
  expect(await kept(staf, itemPath)).toBe(false);
  expect(await staf.evaluate(() => localStorage.getItem('warta-uji'))).toBeNull();
  await context.close();
});

test('a new version is offered ("Versi baru tersedia") and replaces the old one cleanly', async ({ browser }) => {
  const context: BrowserContext = await browser.newContext(WORKER);
  const page = await context.newPage();
  await page.goto('/login');
  await ready(page);
  await controlled(page);
  const shells = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('shell-')));
  await expect.poll(shells).toHaveLength(1);
  const [before] = await shells();
  await expect(page.locator('#app-update')).toBeHidden();

  // A deployment: a new file among the app's hashed files.
  const site = process.env.WARTA_SITE_ROOT;
  if (!site) throw new Error('WARTA_SITE_ROOT is not set: run the browser tests through end2end/run.sh');
  const deployed = path.join(site, 'pkg', `uji-rilis.${Date.now()}.js`);
  fs.writeFileSync(deployed, '// a new deployment\n');
  try {
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
    const offer = page.locator('#app-update');
    await expect(offer).toBeVisible({ timeout: 60_000 });
    await expect(offer).toContainText('Versi baru Warta tersedia.');
    // Until the person chooses, the page stays with the version it started with.
    expect(await shells()).toContain(before);
    await page.evaluate(() => { (window as any).__lama = true; });
    await offer.getByRole('button', { name: 'Muat ulang' }).click();
    await page.waitForFunction(() => (window as any).__lama === undefined, null, { timeout: 30_000 });
    await ready(page);
    await expect(page.locator('#app-update')).toBeHidden();
    // One shell left: the new one, which holds the new file; the old one is gone.
    await expect.poll(shells).toHaveLength(1);
    const [after] = await shells();
    expect(after).not.toBe(before);
    const name = `/pkg/${path.basename(deployed)}`;
    expect(await page.evaluate(async ([key, name]) => !!(await (await caches.open(key)).match(name)), [after, name])).toBe(true);
  } finally {
    fs.rmSync(deployed, { force: true });
    await context.close();
  }
});

test('a push shows a system notification from the worker, and the notification opens the item', async ({ browser }) => {
  const perihal = `Pemberitahuan push ${Date.now()}`;
  const itemUrl = await atDrafting(browser, perihal);
  const itemPath = new URL(itemUrl).pathname;
  const staf = await loginAs(browser, 'staf', 'Agus Pratama', { ...WORKER, permissions: ['notifications'] });
  const context = staf.context();
  await controlled(staf);

  // The bell offers push on this device (the browser allows notifications, none subscribed yet).
  await staf.getByTestId('bell').click();
  const offer = staf.locator('#push');
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('Perangkat ini dapat memberi tahu');
  await expect(offer.getByRole('button', { name: 'Aktifkan pemberitahuan' })).toBeVisible();
  await staf.getByTestId('bell').click();

  // A push arrives, as the browser's push service delivers it, while Warta shows another page.
  const cdp = await context.newCDPSession(staf);
  const registration = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const live = registrations.find((r) => !r.isDeleted && r.scopeURL.endsWith('/'));
      if (live) resolve(live.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registrationId = await registration;
  const origin = new URL(staf.url()).origin;
  const message = { title: perihal, body: 'Materi masuk ke meja Anda', url: itemPath, tag: 'warta-uji', lang: 'id' };
  const deliver = () => cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(message) });
  const shown = () => staf.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => [n.title, n.body, n.data.url]));
  // DevTools' delivery to a worker that is just starting can be dropped (a push service would
  // deliver again); delivered again while nothing shows, the one tag keeps one notification.
  await deliver();
  await expect
    .poll(async () => {
      const now = await shown();
      if (now.length === 0) await deliver();
      return now;
    }, { timeout: 30_000 })
    .toEqual([[perihal, 'Materi masuk ke meja Anda', itemPath]]);

  // The person taps it: the worker's own click handler opens the item in the Warta window.
  const worker = context.serviceWorkers().find((w) => w.url().endsWith('/sw.js'));
  expect(worker, 'the service worker').toBeTruthy();
  await worker!.evaluate(async () => {
    const scope = self as any;
    const [shown] = await scope.registration.getNotifications();
    scope.dispatchEvent(new (scope as any).NotificationEvent('notificationclick', { notification: shown }));
  });
  await expect(staf).toHaveURL(itemUrl);
  await expect(staf.locator('article.item')).toContainText(perihal);
  await expect.poll(shown).toEqual([]);
  await context.close();
});
