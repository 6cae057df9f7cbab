import { test, expect, Page } from '@playwright/test';
import { createDisposition, loginAs, open } from './helpers';

/** From the next page load on, the tab reports itself hidden until `showTab` is called. */
async function hideTab(page: Page) {
  await page.addInitScript(() => {
    (window as any).__wartaHidden = true;
    Object.defineProperty(Document.prototype, 'hidden', {
      configurable: true,
      get() { return (window as any).__wartaHidden; },
    });
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true,
      get() { return (window as any).__wartaHidden ? 'hidden' : 'visible'; },
    });
  });
}

async function showTab(page: Page) {
  await page.evaluate(() => {
    (window as any).__wartaHidden = false;
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
}

test('an item page in a background tab reads nothing; shown, it leaves the read receipt', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  const perihal = 'Kunjungan kerja ke balai latihan kerja';
  const itemUrl = await createDisposition(ppid, perihal);

  // The Sekretaris's tab loads the item while it is in the background.
  await hideTab(sekretaris);
  await open(sekretaris, itemUrl);
  await sekretaris.waitForLoadState('networkidle');
  // Nobody looked: no receipt for the sender, and the bell still says it is unread.
  await open(ppid, itemUrl);
  await expect(ppid.locator('article.item')).not.toContainText('Dibuka pertama kali oleh');
  await sekretaris.getByTestId('bell').click();
  await expect(sekretaris.getByTestId('bell-panel').locator('li', { hasText: perihal })).toHaveClass(/unread/);

  // The tab comes to the front: now it was seen.
  await showTab(sekretaris);
  await expect(async () => {
    await open(ppid, itemUrl);
    await expect(ppid.locator('article.item')).toContainText('Dibuka pertama kali oleh Budi Santoso', { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(sekretaris.getByTestId('bell-panel').locator('li', { hasText: perihal })).not.toHaveClass(/unread/);
});
