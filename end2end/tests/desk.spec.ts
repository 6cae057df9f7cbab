import { test, expect, Page } from '@playwright/test';
import { act, atDrafting, createDisposition, loginAs, open, PASSWORD, ready, todayInJakarta } from './helpers';

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

test('a disposition sent again after its answer was lost is one item, and Back does not reopen the form', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  await ppid.goto('/');
  await ready(ppid);
  await ppid.goto('/materi/baru');
  await ready(ppid);
  const perihal = 'Rapat evaluasi layanan informasi publik semester II';
  await ppid.getByLabel('Perihal (kegiatan)').fill(perihal);
  await ppid.getByLabel('Tanggal kegiatan').fill(todayInJakarta());
  await ppid.getByLabel('Tempat kegiatan').fill('Ruang Rapat Diskominfo');
  await ppid.getByLabel('Batas waktu').fill(todayInJakarta());
  // The first answer is lost on the way back (the server did make the item).
  let lost = false;
  await ppid.route('**/api/disposition', async (route) => {
    if (lost) return route.continue();
    lost = true;
    await route.fetch();
    await route.abort('connectionreset');
  });
  const send = ppid.getByRole('button', { name: 'Buat Disposisi' });
  await send.click();
  await expect(ppid.getByRole('alert')).toContainText('Koneksi ke server terputus');
  // The user sends the same form again: the answer is the item the first submission made.
  await send.click();
  await expect(ppid).toHaveURL(/\/materi\/[a-z0-9]{20}$/);
  await expect(ppid.locator('article.item')).toHaveAttribute('data-state', 'at_sekretaris');
  const itemUrl = ppid.url();
  // Back leads to where the user came from, not to the form again.
  await ppid.goBack();
  await expect(ppid).not.toHaveURL(/\/materi\/baru$/);
  // One disposition with that perihal, not two.
  await ppid.goto('/materi');
  await ready(ppid);
  await ppid.locator('input[name=q]').fill('evaluasi layanan informasi publik');
  await expect(ppid.getByRole('link', { name: perihal })).toHaveCount(1);
  await expect(ppid.getByRole('link', { name: perihal })).toHaveAttribute('href', new URL(itemUrl).pathname);
});

test("the PPID Pembantu's empty desk offers to make a disposition", async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  await ppid.goto('/');
  await ready(ppid);
  await expect(ppid.getByText('Tidak ada materi yang menunggu tindakan Anda.')).toBeVisible();
  await ppid.getByTestId('empty-new').click();
  await expect(ppid).toHaveURL(/\/materi\/baru$/);
  await expect(ppid.getByLabel('Perihal (kegiatan)')).toBeVisible();
});

test('an ended session says so, the header forgets the user, and signing in returns to the page', async ({ browser }) => {
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  await sekretaris.goto('/laporan');
  await ready(sekretaris);
  // The same person signs out in another window of the same browser profile.
  const other = await browser.newContext();
  await other.addCookies(await sekretaris.context().cookies());
  const window2 = await other.newPage();
  await window2.goto('/');
  await ready(window2);
  await window2.getByRole('button', { name: 'Keluar' }).click();
  await expect(window2).toHaveURL(/\/login$/);
  // Back in the first window, the next page asks the server: the session is gone.
  await sekretaris.getByRole('link', { name: 'Semua Materi' }).click();
  await expect(sekretaris).toHaveURL(/\/login\?lanjut=%2Fmateri&sesi_berakhir=1$/);
  await expect(sekretaris.getByTestId('session-ended')).toContainText('Sesi Anda telah berakhir');
  await expect(sekretaris.getByTestId('who')).toHaveCount(0);
  await sekretaris.getByLabel('Nama pengguna').fill('sekretaris');
  await sekretaris.getByLabel('Kata sandi').fill(PASSWORD);
  await sekretaris.getByRole('button', { name: 'Masuk' }).click();
  await expect(sekretaris).toHaveURL(/\/materi$/);
  await expect(sekretaris.getByTestId('who')).toHaveText('Budi Santoso');
});

test('long titles never widen the page on a phone or a tablet, the current step is named, and buttons are large enough to touch', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  const long = 'Sosialisasi' + 'keterbukaaninformasipublik'.repeat(5);
  const itemUrl = await createDisposition(ppid, long);
  for (const [width, height] of [[390, 844], [768, 1024], [1024, 768], [1280, 800]]) {
    await sekretaris.setViewportSize({ width, height });
    for (const url of ['/', itemUrl]) {
      await sekretaris.goto(url);
      await ready(sekretaris);
      await expect(sekretaris.locator('main').getByText(long).first()).toBeVisible();
      const wide = await sekretaris.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(wide, `${url} at ${width}×${height}`).toBeLessThanOrEqual(0);
    }
    // The item page: the current step by name, and every button at least 44 px high.
    await expect(sekretaris.locator('.steps li[aria-current="step"] .label')).toBeVisible();
    const small = await sekretaris.locator('article.item button:visible').evaluateAll(
      (bs) => bs.filter((b) => b.getBoundingClientRect().height < 44).map((b) => b.textContent));
    expect(small, `at ${width}×${height}`).toEqual([]);
  }
});

test('a form shows all its errors at once, each at its field, and the register says what it lacks while it is written', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  await ppid.goto('/materi/baru');
  await ready(ppid);
  // Three mistakes: no perihal, no place, a deadline already past.
  await ppid.getByLabel('Tanggal kegiatan').fill(todayInJakarta());
  await ppid.getByLabel('Batas waktu').fill('2020-01-01');
  await ppid.getByRole('button', { name: 'Buat Disposisi' }).click();
  const perihal = ppid.getByLabel('Perihal (kegiatan)');
  const place = ppid.getByLabel('Tempat kegiatan');
  const deadline = ppid.getByLabel('Batas waktu');
  for (const field of [perihal, place, deadline]) await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(ppid.locator('#error-disposition-perihal')).not.toBeEmpty();
  await expect(ppid.locator('#error-disposition-activity_place')).not.toBeEmpty();
  await expect(ppid.locator('#error-disposition-deadline')).toContainText('Batas waktu');
  // Each note is the field's description, not part of its name.
  await expect(deadline).toHaveAccessibleName('Batas waktu');
  await expect(deadline).toHaveAccessibleDescription(/.+/);
  await expect(ppid.getByLabel('Tanggal kegiatan')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(ppid).toHaveURL(/\/materi\/baru$/);
  // Corrected, it goes through.
  await perihal.fill('Rapat koordinasi semua kesalahan sekaligus');
  await place.fill('Aula Kantor Bupati');
  await deadline.fill(todayInJakarta());
  await ppid.getByRole('button', { name: 'Buat Disposisi' }).click();
  await expect(ppid.locator('article.item')).toHaveAttribute('data-state', 'at_sekretaris');
  // One name per state: the office's pipeline names the step by the badge its items wear.
  const badge = (await ppid.locator('.item-head .badge[data-state="at_sekretaris"]').textContent())!;
  expect(badge.length).toBeGreaterThan(3);
  await ppid.goto('/');
  await ready(ppid);
  await expect(ppid.getByTestId('pipeline').locator('li[data-step="2"] .label')).toHaveText(`2. ${badge}`);

  // While drafting, the register's gaps are counted and marked before verification finds them.
  const itemUrl = await atDrafting(browser, 'Rapat koordinasi kelengkapan DIP');
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await open(staf, itemUrl);
  const status = staf.getByTestId('register-status');
  await expect(status).toHaveText(/^4 isian DIP belum lengkap/);
  await staf.getByLabel('Pejabat atau unit yang menguasai informasi').fill('Dinas Komunikasi dan Informatika');
  await staf.getByLabel('Penanggung jawab pembuatan atau penerbitan').fill('Kepala Bidang Informasi Publik');
  await expect(status).toHaveText(/^2 isian DIP belum lengkap: Bentuk informasi yang tersedia; Jangka waktu penyimpanan/);
  await expect(staf.locator('label.missing')).toHaveCount(2);
  // A save with several wrong fields marks each of them.
  await staf.getByLabel('Judul', { exact: true }).fill('x');
  await staf.getByLabel('Ringkasan').fill('pendek');
  await staf.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(staf.getByLabel('Judul', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(staf.getByLabel('Ringkasan')).toHaveAttribute('aria-invalid', 'true');
  await expect(staf.getByRole('textbox', { name: 'Isi materi' })).toHaveAttribute('aria-invalid', 'true');
  await staf.getByLabel('Judul', { exact: true }).fill('Rapat koordinasi kelengkapan DIP');
  await staf.getByLabel('Ringkasan').fill('Ringkasan rapat koordinasi kelengkapan.');
  await staf.getByRole('textbox', { name: 'Isi materi' }).fill('Rapat membahas kelengkapan daftar informasi publik.');
  await staf.getByLabel('Bentuk informasi yang tersedia').selectOption('softcopy');
  await staf.getByLabel('Jangka waktu penyimpanan (retensi)').fill('5 tahun');
  await expect(status).toHaveText('Isian DIP lengkap.');
  await act(staf, 'Kirim untuk Koreksi', 'in_correction');
  // At correction and verification the register's state is shown with the material.
  await expect(staf.getByTestId('register-status')).toHaveText('Isian DIP lengkap.');
});

test('the action and its kelengkapan stay in view with the material: beside it on a PC, at the bottom of a tablet', async ({ browser }) => {
  const itemUrl = await atDrafting(browser, 'Rapat koordinasi tata letak tindakan');
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await open(staf, itemUrl);
  const material = staf.locator('.columns .material');
  const actions = staf.locator('.columns .actions');
  const send = actions.getByRole('button', { name: 'Kirim untuk Koreksi' });

  // A PC: the action is beside the material, and stays in view while the writer is at the
  // bottom of the material (its register fields).
  await staf.setViewportSize({ width: 1280, height: 800 });
  await staf.getByLabel('Jangka waktu penyimpanan (retensi)').scrollIntoViewIfNeeded();
  const m = (await material.boundingBox())!;
  const a = (await actions.boundingBox())!;
  expect(a.x).toBeGreaterThanOrEqual(m.x + m.width);
  await expect(send).toBeInViewport();

  // A tablet upright: the action follows the material and stays at the bottom of the screen
  // while the material is written.
  await staf.setViewportSize({ width: 768, height: 1024 });
  await staf.getByRole('textbox', { name: 'Isi materi' }).scrollIntoViewIfNeeded();
  await expect(send).toBeInViewport();
  const bottom = await actions.evaluate((el) => window.innerHeight - el.getBoundingClientRect().bottom);
  expect(Math.abs(bottom)).toBeLessThanOrEqual(1);
  await expect(staf.getByRole('textbox', { name: 'Isi materi' })).toBeInViewport();

  // A phone: one column in the order of work, the action right after the material.
  await staf.setViewportSize({ width: 390, height: 844 });
  const order = await staf.evaluate(() => {
    const top = (s: string) => document.querySelector(s)!.getBoundingClientRect().top;
    return [top('.columns .material'), top('.columns .actions'), top('.columns .sheet'), top('.columns .timeline-card')];
  });
  expect([...order].sort((x, y) => x - y)).toEqual(order);
});

test('nothing on "Tugas Saya" moves while the page loads, hydrates and connects its live stream', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  // Every layout shift from the first paint on, as the browser reports it (the CLS of the load).
  await ppid.addInitScript(() => {
    (window as any).__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) {
        (window as any).__shifts.push({ value: e.value, nodes: (e.sources ?? []).map((s: any) => s.node?.className) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const [width, height] of [[390, 844], [768, 1024]]) {
    await ppid.setViewportSize({ width, height });
    await ppid.goto('/');
    await ready(ppid);
    await expect(ppid.getByTestId('live')).toHaveAttribute('data-live', 'on');
    await ppid.waitForTimeout(300);
    const shifts: { value: number; nodes: string[] }[] = await ppid.evaluate(() => (window as any).__shifts);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    expect(total, `${width}×${height}: ${JSON.stringify(shifts)}`).toBeLessThan(0.01);
  }
});
