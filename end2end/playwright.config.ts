import { defineConfig } from '@playwright/test';

// Debian's Chromium, one worker, no downloads, no network beyond loopback.
export default defineConfig({
  testDir: './tests',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.WARTA_URL ?? 'http://127.0.0.1:3107',
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    trace: 'off',
    // The service worker (the installed app) is tested in pwa.spec.ts, in contexts that allow it;
    // elsewhere pages talk to the server directly, as the tests' network interception expects.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
