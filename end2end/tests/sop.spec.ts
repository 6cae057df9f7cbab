import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { act, expectNotReloaded, forwardAcceptAssign, loginAs, markPage, open, ready, todayInJakarta } from './helpers';

test('a wrong password gets one generic Indonesian message', async ({ page }) => {
  await page.goto('/login');
  await ready(page);
  await page.getByLabel('Nama pengguna').fill('staf');
  await page.getByLabel('Kata sandi').fill('salah-sekali');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toContainText('Nama pengguna atau kata sandi salah');
});

test('five roles carry one item through the nine SOP steps with one return', async ({ browser }) => {
  // Nine steps by five browsers, each page of the debug build: on a loaded 2-core machine the walk
  // alone came to two minutes.
  test.setTimeout(240_000);
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const sekretaris = await loginAs(browser, 'sekretaris', 'Budi Santoso');
  const sekretariat = await loginAs(browser, 'sekretariat', 'Sri Rahayu');
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  const verifikator = await loginAs(browser, 'verifikator', 'Dewi Lestari');

  // 1. PPID Pembantu: Buat Disposisi.
  await ppid.getByRole('navigation').getByRole('link', { name: 'Buat Disposisi' }).click();
  await expect(ppid.getByLabel('Perihal (kegiatan)')).toBeVisible();
  await ppid.getByLabel('Perihal (kegiatan)').fill('Sosialisasi keterbukaan informasi publik');
  await ppid.getByLabel('Tanggal kegiatan').fill(todayInJakarta());
  await ppid.getByLabel('Tempat kegiatan').fill('Pendopo Rumah Dinas Bupati');
  await ppid.getByLabel('Batas waktu').fill(todayInJakarta());
  await ppid.getByLabel('Sifat').selectOption('segera');
  await ppid.getByRole('button', { name: 'Buat Disposisi' }).click();
  await expect(ppid).toHaveURL(/\/materi\/[a-z0-9]{20}$/);
  await expect(ppid.locator('article.item')).toHaveAttribute('data-state', 'at_sekretaris');
  const itemUrl = ppid.url();
  await expect(ppid.locator('.steps li[aria-current="step"]')).toContainText('Diteruskan Sekretaris');
  // The step's working time against its mutu baku target (step 2: one working hour).
  await expect(ppid.getByTestId('step-clock')).toContainText('dari 1 jam kerja');
  // Exactly the buttons the PPID Pembantu's role allows now.
  await expect(ppid.locator('.actions .buttons button')).toHaveText(['Batalkan Materi']);

  // The item waits on the Sekretaris' desk.
  await sekretaris.goto('/');
  await ready(sekretaris);
  await expect(sekretaris.getByTestId('item-table').getByRole('link', { name: 'Sosialisasi keterbukaan informasi publik' })).toBeVisible();

  // 2. Sekretaris ticks the step's kelengkapan and forwards; 3-4. Sekretariat accepts and assigns.
  await open(sekretaris, itemUrl);
  await sekretaris.getByTestId('checklist').getByLabel('Lembar disposisi').check();
  await forwardAcceptAssign(sekretaris, sekretariat, itemUrl, 'Agus Pratama');

  // 5. Staf drafts with the formatting toolbar (no Markdown to know) and sends it for correction.
  await open(staf, itemUrl);
  await staf.getByLabel('Judul', { exact: true }).fill('Sosialisasi Keterbukaan Informasi Publik 2026');
  await staf.getByLabel('Ringkasan').fill('Pemerintah kabupaten menyosialisasikan hak atas informasi publik.');
  const body = staf.getByRole('textbox', { name: 'Isi materi' });
  await body.click();
  await body.pressSequentially('Kegiatan ');
  await staf.getByRole('button', { name: 'Tebal' }).click();
  await body.pressSequentially('sosialisasi');
  await staf.getByRole('button', { name: 'Tebal' }).click();
  await body.pressSequentially(' dihadiri 120 peserta. <script>alert(1)</script>');
  await expect(body.locator('b, strong')).toHaveText('sosialisasi');
  // The register (DIP) fields; the unit that holds the information is forgotten for now.
  await staf.getByLabel('Penanggung jawab pembuatan atau penerbitan').fill('Kepala Bidang Informasi Publik');
  await staf.getByLabel('Bentuk informasi yang tersedia').selectOption('keduanya');
  await staf.getByLabel('Jangka waktu penyimpanan (retensi)').fill('5 tahun');
  await act(staf, 'Kirim untuk Koreksi', 'in_correction');
  // Sent on, the material reads as it was written: the bold kept, the typed tag only text.
  const sent = staf.locator('.item .markdown').first();
  await expect(sent.locator('strong')).toHaveText('sosialisasi');
  await expect(sent).toContainText('<script>alert(1)</script>');
  await expect(sent.locator('script')).toHaveCount(0);

  // 6. Sekretaris sends it to verification.
  await open(sekretaris, itemUrl);
  await act(sekretaris, 'Kirim ke Verifikasi', 'in_verification');

  // 7. The Bidang cannot approve while the register is incomplete, and returns it; the reason
  // is mandatory.
  await open(verifikator, itemUrl);
  await expect(verifikator.locator('.actions .buttons button')).toHaveText(['Kembalikan untuk Perbaikan', 'Setujui', 'Tetapkan Dikecualikan']);
  await verifikator.getByRole('button', { name: 'Setujui' }).click();
  await expect(verifikator.getByRole('alert')).toContainText('Pejabat atau unit yang menguasai informasi');
  await expect(verifikator.locator('article.item')).toHaveAttribute('data-state', 'in_verification');
  await verifikator.getByRole('button', { name: 'Kembalikan untuk Perbaikan' }).click();
  await verifikator.getByLabel('Alasan').fill('Cantumkan jumlah peserta per kecamatan.');
  await act(verifikator, 'Kembalikan untuk Perbaikan', 'revision_requested');
  // After the move the page says where the item went and who has it now.
  await expect(verifikator.getByTestId('moved-to')).toHaveText(
    'Tindakan tercatat. Tahap materi kini: Perlu perbaikan. Menunggu tindakan Sekretaris.');
  await expect(verifikator.getByTestId('asked-now')).toHaveText('Menunggu tindakan Sekretaris.');

  // Back at step 6: the Sekretaris corrects and resends. The reason of the return, with who
  // returned it, is at the top of the page, above the material, and so is what is asked now.
  await open(sekretaris, itemUrl);
  const returned = sekretaris.getByTestId('return-reason');
  await expect(returned).toContainText('Dikembalikan oleh');
  await expect(returned).toContainText('Bidang Pengolahan Data dan Klasifikasi Informasi');
  await expect(returned.locator('blockquote')).toHaveText('Cantumkan jumlah peserta per kecamatan.');
  await expect(sekretaris.getByTestId('asked-now')).toContainText('Giliran Anda: Kirim ke Verifikasi');
  const above = await sekretaris.evaluate(() => {
    const r = document.querySelector('[data-testid="return-reason"]')!.getBoundingClientRect();
    const m = document.querySelector('.main-col')!.getBoundingClientRect();
    return r.bottom <= m.top;
  });
  expect(above).toBe(true);
  // The corrector reads the rendered text in the same editor, and adds to its end.
  const corrected = sekretaris.getByRole('textbox', { name: 'Isi materi' });
  await expect(corrected.locator('strong')).toHaveText('sosialisasi');
  await corrected.click();
  await sekretaris.keyboard.press('Control+End');
  await corrected.pressSequentially(' Peserta datang dari 17 kecamatan.');
  await sekretaris.getByLabel('Pejabat atau unit yang menguasai informasi').fill('Dinas Komunikasi dan Informatika');
  await act(sekretaris, 'Kirim ke Verifikasi', 'in_verification');
  // Sent on: the return is answered, and no longer leads the page.
  await expect(sekretaris.getByTestId('return-reason')).toHaveCount(0);

  // The verifier sees what changed between the versions, then approves.
  await open(verifikator, itemUrl);
  // The rendered text with the changed paragraph marked, and the register field that changed.
  const diff = verifikator.getByTestId('diff');
  await expect(diff.locator('[data-diff="added"]')).toContainText('17 kecamatan');
  await expect(diff.locator('[data-diff="added"] strong')).toHaveText('sosialisasi');
  await expect(diff.locator('[data-diff="removed"]')).not.toContainText('17 kecamatan');
  const unitRow = diff.getByTestId('field-diff').locator('tr', { hasText: 'Pejabat atau unit yang menguasai informasi' });
  await expect(unitRow.locator('ins')).toHaveText('Dinas Komunikasi dan Informatika');
  // The other way round: the verifier picks the versions, and the comparison is drawn again in place.
  await markPage(verifikator);
  const compare = verifikator.getByTestId('compare');
  const [older, newer] = (await compare.getByLabel('Bandingkan').locator('option').allTextContents()).slice(-2);
  await compare.getByLabel('Bandingkan').selectOption({ label: newer });
  await compare.getByLabel('dengan versi').selectOption({ label: older });
  await expect(diff.locator('[data-diff="removed"]', { hasText: '17 kecamatan' })).toHaveCount(1);
  await expect(diff.locator('[data-diff="added"]', { hasText: '17 kecamatan' })).toHaveCount(0);
  await expect(unitRow.locator('del')).toHaveText('Dinas Komunikasi dan Informatika');
  await expectNotReloaded(verifikator);
  await act(verifikator, 'Setujui', 'approved');

  // 8. Sekretaris orders publication; 9. Staf publishes and records the link.
  await open(sekretaris, itemUrl);
  await act(sekretaris, 'Perintahkan Tayang', 'publishing');
  await open(staf, itemUrl);
  // Each channel's link is recorded as it goes live; a wrong one is refused at its field.
  const website = staf.getByTestId('publication-links').locator('li[data-channel="website"]');
  await expect(website.getByTestId('link-status')).toHaveText('Belum tercatat.');
  await staf.getByLabel('Tautan Website').fill('ftp://ppid.karanganyarkab.go.id/berita');
  await website.getByRole('button', { name: 'Simpan Tautan' }).click();
  await expect(staf.getByLabel('Tautan Website')).toHaveAttribute('aria-invalid', 'true');
  await expect(website.locator('.field-error')).toContainText('bukan alamat web yang valid');
  await staf.getByLabel('Tautan Website').fill('https://ppid.karanganyarkab.go.id/berita/sosialisasi-kip');
  await website.getByRole('button', { name: 'Simpan Tautan' }).click();
  await expect(website.getByTestId('link-status')).toContainText('oleh Agus Pratama');
  await expect(staf.locator('article.item')).toHaveAttribute('data-state', 'publishing');
  await act(staf, 'Tandai Sudah Tayang', 'published');

  // The timeline, as the PPID Pembantu sees it: every move, in order, with who and the note.
  await open(ppid, itemUrl);
  const timeline = ppid.getByTestId('timeline').locator('li');
  await expect(timeline).toHaveCount(11);
  const actions = await timeline.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  expect(actions).toEqual([
    'create_disposition', 'forward_to_sekretariat', 'accept_disposition', 'assign_staff',
    'submit_for_correction', 'send_to_verification', 'return_for_revision', 'send_to_verification',
    'approve', 'order_publication', 'mark_published',
  ]);
  await expect(timeline.nth(1).getByTestId('checklist-done')).toHaveText('Kelengkapan: Lembar disposisi');
  await expect(timeline.nth(6)).toContainText('Dewi Lestari');
  await expect(timeline.nth(6)).toContainText('Cantumkan jumlah peserta per kecamatan.');
  await expect(ppid.getByRole('link', { name: 'https://ppid.karanganyarkab.go.id/berita/sosialisasi-kip' })).toBeVisible();
  await expect(ppid.locator('.markdown script')).toHaveCount(0);
  const dipNo = (await ppid.getByTestId('register-view').locator('tr').first().locator('td').textContent())!.trim();
  expect(dipNo).toMatch(/^DIP\/\d{4}\/\d{4}$/);

  // The internal register lists it with its DIP columns.
  await sekretaris.goto('/daftar-informasi?status=terbit');
  await ready(sekretaris);
  const entry = sekretaris.getByTestId('register-row').filter({ hasText: dipNo });
  await expect(entry).toContainText('Sosialisasi Keterbukaan Informasi Publik 2026');
  await expect(entry).toContainText('Dinas Komunikasi dan Informatika');
  await expect(entry).toHaveAttribute('data-state', 'published');
  const registerXlsx = await sekretaris.request.get('/daftar-informasi/ekspor?format=xlsx&status=terbit');
  expect(registerXlsx.status()).toBe(200);

  // An anonymous visitor finds it on the public portal, opens it, and downloads the DIP.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/informasi');
  await visitor.getByLabel('Cari informasi').fill('sosialisasi kecamatan');
  await visitor.getByRole('button', { name: 'Cari' }).click();
  await expect(visitor).toHaveURL(/q=sosialisasi/);
  await visitor.getByRole('link', { name: 'Sosialisasi Keterbukaan Informasi Publik 2026' }).click();
  await expect(visitor).toHaveTitle(/Sosialisasi Keterbukaan Informasi Publik 2026/);
  const article = visitor.getByTestId('public-article');
  await expect(article).toContainText('17 kecamatan');
  await expect(article).toContainText(dipNo);
  await expect(article.locator('script')).toHaveCount(0);
  await visitor.getByRole('link', { name: 'Daftar Informasi Publik' }).click();
  const row = visitor.getByTestId('dip-table').locator('tr', { hasText: dipNo });
  await expect(row).toContainText('Dinas Komunikasi dan Informatika');
  await expect(row).toContainText('Softcopy dan hardcopy');
  const [download] = await Promise.all([
    visitor.waitForEvent('download'),
    visitor.getByRole('link', { name: 'CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf-8');
  expect(csv).toContain(`${dipNo};Pemerintah kabupaten menyosialisasikan hak atas informasi publik.;Dinas Komunikasi dan Informatika`);
});

test('the SOP sheet shows the nine steps with their actors and mutu baku, ready to print', async ({ browser }) => {
  const staf = await loginAs(browser, 'staf', 'Agus Pratama');
  await staf.getByRole('link', { name: 'Lembar SOP' }).click();
  const sheet = staf.getByTestId('sop-sheet');
  await expect(sheet.locator('tbody tr')).toHaveCount(9);
  // The mutu baku of DESIGN.md, row by row: waktu and output.
  const expected: [string, string][] = [
    ['1 jam kerja', 'Lembar disposisi'], ['1 jam kerja', 'Lembar disposisi'], ['1 jam kerja', 'Lembar disposisi'],
    ['1 jam kerja', 'Materi publikasi'], ['1 hari kerja', 'Materi publikasi'], ['4 jam kerja', 'Materi publikasi terkoreksi'],
    ['1 hari kerja', 'Materi publikasi terverifikasi'], ['1 jam kerja', 'Perintah tayang'],
    ['2 jam kerja', 'Informasi di website dan media sosial'],
  ];
  for (const [i, [time, output]] of expected.entries()) {
    const row = sheet.locator(`tr[data-step="${i + 1}"]`);
    await expect(row.getByTestId('sop-time')).toHaveText(time);
    await expect(row).toContainText(output);
    await expect(row.locator('svg.flow')).toHaveCount(1);
  }
  for (const actor of ['PPID Pembantu', 'Bidang Pengolahan Data dan Klasifikasi Informasi', 'Sekretaris', 'Sekretariat (Kepala)', 'Staf Sekretariat']) {
    await expect(sheet.locator('thead')).toContainText(actor);
  }
  await expect(sheet).toContainText('MULAI');
  await expect(sheet).toContainText('SELESAI');
  // Verification's second outcome: exempt information ends there, unpublished.
  await expect(sheet.locator('tr[data-step="7"]').getByTestId('sop-exempt')).toContainText('Dikecualikan, tidak dipublikasikan');
  await expect(staf.getByRole('button', { name: 'Cetak' })).toBeVisible();
});
