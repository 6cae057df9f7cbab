import { test, expect } from '@playwright/test';
import { ready } from './helpers';

test('the browser gets the app files brotli-compressed from the build, not compressed per request', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const seen: Record<string, string | undefined> = {};
  page.on('response', (r) => {
    const m = r.url().match(/\/pkg\/[^?]+\.(wasm|js|css)$/);
    if (m) seen[m[1]] = r.headers()['content-encoding'];
  });
  await page.goto('/login');
  await ready(page);
  expect(seen).toEqual({ wasm: 'br', js: 'br', css: 'br' });
});
