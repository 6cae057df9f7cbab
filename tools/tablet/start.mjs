// How fast the installed app opens into "Tugas Saya" on a tablet: the CPU slowed 4× (DevTools
// Protocol), the staff member signed in. Three starts, each measured RUNS times in a browser
// started afresh from its profile (as a tablet that opens the app from its home screen):
//   cold     nothing of Warta on the device (no service worker, empty HTTP cache);
//   cached   opened before: the app shell from the service worker's cache, the page from the network;
//   offline  opened before, no connection: the shell and the page's last copy from the device.
// Printed per start: first contentful paint (the board is drawn by the server, so it shows then)
// and the page alive (every island hydrated), median and worst, and the ratio cached / cold.
//   WARTA_URL=http://127.0.0.1:3112 node tools/tablet/start.mjs
import { chromium } from '../../end2end/node_modules/playwright-core/index.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.WARTA_URL;
if (!url) throw new Error('WARTA_URL is not set');
const RUNS = Number(process.env.WARTA_TABLET_RUNS ?? 5);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const launch = (profile, worker) => chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', args: ARGS, locale: 'id-ID', timezoneId: 'Asia/Jakarta',
  viewport: { width: 1024, height: 768 }, serviceWorkers: worker ? 'allow' : 'block',
});

async function signIn(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}/login`);
  await page.waitForSelector('body[data-hydrated="true"]', { state: 'attached' });
  await page.fill('input[name="username"]', 'staf');
  await page.fill('input[name="password"]', 'warta-demo-2026');
  await Promise.all([page.waitForURL(`${url}/`), page.click('button[type="submit"]')]);
  return page;
}

/** Opens Tugas Saya in a new tab on a 4× slowed CPU: (first contentful paint, alive) in ms. */
async function open(context, offline = false) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (offline) await context.setOffline(true);
  await page.goto(`${url}/`);
  await page.waitForSelector('#tasks-board');
  await page.waitForFunction(() => document.body.dataset.hydrated === 'true', null, { polling: 'raf', timeout: 60_000 });
  const [paint, alive] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    performance.now(),
  ]);
  if (offline) await context.setOffline(false);
  await page.close();
  return [paint, alive];
}

async function measure(name, worker, prepare, offline = false) {
  const profile = mkdtempSync(join(tmpdir(), 'warta-tablet-'));
  const runs = [];
  try {
    let context = await launch(profile, worker);
    const page = await signIn(context);
    if (worker) {
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    }
    await context.close();
    for (let i = 0; i < RUNS; i++) {
      context = await launch(profile, worker);
      await prepare(context);
      runs.push(await open(context, offline));
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const stat = (k) => {
    const v = runs.map((r) => r[k]).sort((a, b) => a - b);
    return { median: v[Math.floor(v.length / 2)], worst: v[v.length - 1] };
  };
  return { name, paint: stat(0), alive: stat(1) };
}

// Cold: the browser's HTTP cache emptied before each start (nothing of Warta kept).
const clearCache = async (context) => {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
};
const nothing = async () => {};

const results = [
  await measure('cold', false, clearCache),
  await measure('cached', true, nothing),
  await measure('offline', true, nothing, true),
];
const ms = (x) => `${Math.round(x)} ms`;
console.log(`tablet start into Tugas Saya, CPU 4× slowed, ${RUNS} starts each (median / worst)`);
console.log('start     first paint          alive (hydrated)');
for (const r of results) {
  console.log(`${r.name.padEnd(9)} ${`${ms(r.paint.median)} / ${ms(r.paint.worst)}`.padEnd(20)} ${ms(r.alive.median)} / ${ms(r.alive.worst)}`);
}
const [cold, cached] = results;
console.log(`cached / cold: first paint ${(cached.paint.median / cold.paint.median).toFixed(2)}, alive ${(cached.alive.median / cold.alive.median).toFixed(2)}`);
