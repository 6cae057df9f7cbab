import { test, expect } from '@playwright/test';
import { actWithoutScript, createDisposition, loginAs, loginWithoutScript, PASSWORD, PNG, todayInJakarta } from './helpers';

test('the login form works before (or without) the script: posted, never in the address', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const addresses: string[] = [];
  page.on('request', (r) => addresses.push(r.url()));

  await page.goto('/login');
  await page.getByLabel('Nama pengguna').fill('staf');
  await page.getByLabel('Kata sandi').fill('salah-sekali-123');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/login\?galat=/);
  await expect(page.getByRole('alert')).toContainText('Nama pengguna atau kata sandi salah');

  await page.getByLabel('Nama pengguna').fill('staf');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/$/);
  const cookies = await context.cookies();
  expect(cookies.map((c) => c.name)).toContain('warta_sesi');
  for (const url of addresses) {
    expect(url).not.toContain(PASSWORD);
    expect(url).not.toContain('salah-sekali');
  }
  // Signing out works without the script too.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page.getByTestId('who')).toHaveCount(0);
  await context.close();
});

test('without JavaScript the item page reads whole and its moves post as plain forms, a refusal coming back with its form', async ({ browser }) => {
  const ppid = await loginAs(browser, 'ppid', 'Rina Wulandari');
  const itemUrl = await createDisposition(ppid, 'Rapat koordinasi tanpa skrip');

  // Step 2: the Sekretaris, script off. The page is whole (no "Memuat…"), the move posts.
  const sekretaris = await loginWithoutScript(browser, 'sekretaris', 'Budi Santoso');
  await sekretaris.goto(itemUrl);
  await expect(sekretaris.locator('article.item h1')).toHaveText('Rapat koordinasi tanpa skrip');
  await expect(sekretaris.getByTestId('asked-now')).toContainText('Teruskan ke Sekretariat');
  await sekretaris.getByTestId('checklist').getByLabel('Lembar disposisi').check();
  await actWithoutScript(sekretaris, 'Teruskan ke Sekretariat', 'at_sekretariat');
  await expect(sekretaris).toHaveURL(itemUrl);

  // Steps 3 and 4: assigning without choosing a staff member is refused, and the page comes
  // back with the choice open and the reason; chosen, it goes through.
  const sekretariat = await loginWithoutScript(browser, 'sekretariat', 'Sri Rahayu');
  await sekretariat.goto(itemUrl);
  await actWithoutScript(sekretariat, 'Terima Disposisi', 'accepted_by_sekretariat');
  await actWithoutScript(sekretariat, 'Tugaskan Staf', 'accepted_by_sekretariat');
  await expect(sekretariat.getByRole('alert')).toContainText('staf');
  await sekretariat.getByLabel('Staf yang ditugaskan').selectOption({ label: 'Agus Pratama' });
  await actWithoutScript(sekretariat, 'Tugaskan Staf', 'drafting');

  // The timeline records each move with its actor, as with the script.
  const actions = await sekretariat.getByTestId('timeline').locator('li').evaluateAll(
    (els) => els.map((e) => e.getAttribute('data-action')));
  expect(actions).toEqual(['create_disposition', 'forward_to_sekretariat', 'accept_disposition', 'assign_staff']);

  // A form from another page of this browser without its token changes nothing.
  const before = await sekretariat.locator('article.item').getAttribute('data-version');
  const origin = new URL(itemUrl).origin;
  const answer = await sekretariat.request.post(`${itemUrl}/tindakan`, {
    form: { token: 'salah', version: before!, action: 'submit_for_correction' }, maxRedirects: 0,
    headers: { origin },
  });
  expect(answer.status()).toBe(303);
  await sekretariat.goto(itemUrl);
  await expect(sekretariat.locator('article.item')).toHaveAttribute('data-version', before!);
});

test('without JavaScript a disposition is made; a refused one comes back with what was typed and why', async ({ browser }) => {
  const ppid = await loginWithoutScript(browser, 'ppid', 'Rina Wulandari');
  await ppid.goto('/materi/baru');
  await expect(ppid.getByLabel('Buat materi publikasi')).toBeChecked();
  await ppid.getByLabel('Perihal (kegiatan)').fill('Rapat koordinasi dibuat tanpa skrip');
  await ppid.getByLabel('Tempat kegiatan').fill('Aula Kantor Bupati');
  await ppid.getByRole('button', { name: 'Buat Disposisi' }).click();
  // No dates: back, with every reason at its field and nothing typed lost.
  await expect(ppid).toHaveURL(/\/materi\/baru\?/);
  await expect(ppid.getByLabel('Perihal (kegiatan)')).toHaveValue('Rapat koordinasi dibuat tanpa skrip');
  await expect(ppid.getByLabel('Tempat kegiatan')).toHaveValue('Aula Kantor Bupati');
  await expect(ppid.locator('#error-disposition-activity_date')).not.toBeEmpty();
  await expect(ppid.locator('#error-disposition-deadline')).not.toBeEmpty();
  await ppid.getByLabel('Tanggal kegiatan').fill(todayInJakarta());
  await ppid.getByLabel('Batas waktu').fill(todayInJakarta());
  await ppid.getByRole('button', { name: 'Buat Disposisi' }).click();
  await expect(ppid).toHaveURL(/\/materi\/[a-z0-9]{20}$/);
  await expect(ppid.locator('article.item')).toHaveAttribute('data-state', 'at_sekretaris');
  await expect(ppid.locator('article.item h1')).toHaveText('Rapat koordinasi dibuat tanpa skrip');

  // The Sekretaris, without script too, opens the bell and marks everything read.
  const sekretaris = await loginWithoutScript(browser, 'sekretaris', 'Budi Santoso');
  await sekretaris.goto('/materi');
  await expect(sekretaris.getByTestId('bell-count')).toBeVisible();
  await sekretaris.getByTestId('bell').click();
  const notice = sekretaris.getByTestId('bell-panel').locator('li', { hasText: 'Rapat koordinasi dibuat tanpa skrip' });
  await expect(notice).toHaveClass(/unread/);
  await sekretaris.getByRole('button', { name: 'Tandai semua sudah dibaca' }).click();
  await expect(sekretaris).toHaveURL(/\/materi$/);
  await expect(sekretaris.getByTestId('bell-count')).toHaveCount(0);
  await sekretaris.getByTestId('bell').click();
  await expect(notice).not.toHaveClass(/unread/);
});

test('without JavaScript an item goes through all nine steps and a return', async ({ browser }) => {
  test.setTimeout(180_000);
  // 1. The PPID Pembantu makes the disposition.
  const ppid = await loginWithoutScript(browser, 'ppid', 'Rina Wulandari');
  await ppid.goto('/materi/baru');
  await ppid.getByLabel('Perihal (kegiatan)').fill('Sosialisasi tanpa skrip');
  await ppid.getByLabel('Tanggal kegiatan').fill(todayInJakarta());
  await ppid.getByLabel('Tempat kegiatan').fill('Aula Kantor Bupati');
  await ppid.getByLabel('Batas waktu').fill(todayInJakarta());
  await ppid.getByRole('button', { name: 'Buat Disposisi' }).click();
  await expect(ppid.locator('article.item')).toHaveAttribute('data-state', 'at_sekretaris');
  const itemUrl = ppid.url();

  // 2–4. Forwarded, accepted, assigned.
  const sekretaris = await loginWithoutScript(browser, 'sekretaris', 'Budi Santoso');
  await sekretaris.goto(itemUrl);
  await actWithoutScript(sekretaris, 'Teruskan ke Sekretariat', 'at_sekretariat');
  const sekretariat = await loginWithoutScript(browser, 'sekretariat', 'Sri Rahayu');
  await sekretariat.goto(itemUrl);
  await actWithoutScript(sekretariat, 'Terima Disposisi', 'accepted_by_sekretariat');
  await actWithoutScript(sekretariat, 'Tugaskan Staf', 'accepted_by_sekretariat');
  await sekretariat.getByLabel('Staf yang ditugaskan').selectOption({ label: 'Agus Pratama' });
  await actWithoutScript(sekretariat, 'Tugaskan Staf', 'drafting');

  // 5. The staff member writes the material in plain fields (the body as Markdown). A save with
  // a wrong field comes back with the text as typed and the reason at the field.
  const staf = await loginWithoutScript(browser, 'staf', 'Agus Pratama');
  await staf.goto(itemUrl);
  await staf.getByLabel('Judul', { exact: true }).fill('x');
  await staf.getByLabel('Ringkasan').fill('Sosialisasi hak atas informasi publik bagi warga.');
  await staf.getByLabel(/^Isi materi \(Markdown/).fill('Kegiatan **sosialisasi** dihadiri 120 peserta dari 17 kecamatan.');
  await staf.getByLabel('Pejabat atau unit yang menguasai informasi').fill('Dinas Komunikasi dan Informatika');
  await staf.getByLabel('Penanggung jawab pembuatan atau penerbitan').fill('Kepala Bidang Informasi Publik');
  await staf.getByLabel('Bentuk informasi yang tersedia').selectOption('softcopy');
  await staf.getByLabel('Jangka waktu penyimpanan (retensi)').fill('5 tahun');
  await staf.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(staf.getByLabel('Judul', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(staf.getByLabel(/^Isi materi \(Markdown/)).toHaveValue('Kegiatan **sosialisasi** dihadiri 120 peserta dari 17 kecamatan.');
  await expect(staf.getByLabel('Ringkasan')).toHaveValue('Sosialisasi hak atas informasi publik bagi warga.');
  await staf.getByLabel('Judul', { exact: true }).fill('Sosialisasi Keterbukaan Informasi tanpa skrip');
  await staf.getByRole('button', { name: 'Simpan Draf' }).click();
  await expect(staf.getByLabel('Judul', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await actWithoutScript(staf, 'Kirim untuk Koreksi', 'in_correction');

  // 6–7, with a return: the reason is asked for, then the material goes back and comes again.
  await sekretaris.goto(itemUrl);
  await actWithoutScript(sekretaris, 'Kirim ke Verifikasi', 'in_verification');
  const verifikator = await loginWithoutScript(browser, 'verifikator', 'Dewi Lestari');
  await verifikator.goto(itemUrl);
  await actWithoutScript(verifikator, 'Kembalikan untuk Perbaikan', 'in_verification');
  await expect(verifikator.getByRole('alert')).toContainText('Alasan wajib diisi');
  await verifikator.getByLabel('Alasan').fill('Sebutkan jumlah peserta per kecamatan.');
  await actWithoutScript(verifikator, 'Kembalikan untuk Perbaikan', 'revision_requested');
  await sekretaris.goto(itemUrl);
  await expect(sekretaris.getByTestId('return-reason')).toContainText('Sebutkan jumlah peserta per kecamatan.');
  await actWithoutScript(sekretaris, 'Kirim ke Verifikasi', 'in_verification');
  await verifikator.goto(itemUrl);
  await actWithoutScript(verifikator, 'Setujui', 'approved');

  // 8–9. Ordered published; the link recorded; marked published.
  await sekretaris.goto(itemUrl);
  await actWithoutScript(sekretaris, 'Perintahkan Tayang', 'publishing');
  await staf.goto(itemUrl);
  await staf.getByLabel('Tautan Website').fill('https://ppid.karanganyarkab.go.id/berita/tanpa-skrip');
  await staf.getByRole('button', { name: 'Simpan Tautan' }).click();
  await expect(staf.getByTestId('link-status')).toContainText('oleh Agus Pratama');
  await actWithoutScript(staf, 'Tandai Sudah Tayang', 'published');

  const actions = await staf.getByTestId('timeline').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  expect(actions).toEqual([
    'create_disposition', 'forward_to_sekretariat', 'accept_disposition', 'assign_staff', 'submit_for_correction',
    'send_to_verification', 'return_for_revision', 'send_to_verification', 'approve', 'order_publication', 'mark_published',
  ]);
  await expect(staf.locator('.item .markdown strong').first()).toHaveText('sosialisasi');
});

test('without JavaScript a password set by the Administrator is replaced: a mismatch and a weak one come back with why', async ({ browser }) => {
  const admin = await loginAs(browser, 'admin', 'Administrator');
  const origin = new URL(admin.url()).origin;
  const made = await admin.request.post('/api/admin/create-user', {
    headers: { 'content-type': 'application/json', origin },
    data: { form: { username: 'pegawai.tanpa.skrip', password: 'sementara-dari-admin-7731', name: 'Pegawai Tanpa Skrip', nip: '', position: '', roles: ['staf_sekretariat'] } },
  });
  expect(made.status()).toBe(200);
  const { id } = await made.json();
  const reset = await admin.request.post('/api/admin/reset-password', {
    headers: { 'content-type': 'application/json', origin },
    data: { id, password: 'sementara-dari-admin-7731' },
  });
  expect(reset.status()).toBe(200);

  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto('/login');
  await page.getByLabel('Nama pengguna').fill('pegawai.tanpa.skrip');
  await page.getByLabel('Kata sandi').fill('sementara-dari-admin-7731');
  await page.getByRole('button', { name: 'Masuk' }).click();
  const form = page.getByTestId('password-page');
  await expect(form).toContainText('Kata sandi Anda diatur oleh Administrator');
  const change = async (current: string, next: string, repeat: string) => {
    await form.getByLabel('Kata sandi saat ini').fill(current);
    await form.getByLabel('Kata sandi baru', { exact: true }).fill(next);
    await form.getByLabel('Ulangi kata sandi baru').fill(repeat);
    await form.getByRole('button', { name: 'Ganti Kata Sandi' }).click();
  };
  await change('sementara-dari-admin-7731', 'pelangi-tangga-rumput-biru-7', 'pelangi-tangga-rumput-biru-8');
  await expect(page.getByTestId('password-page').getByRole('alert').last()).toContainText('tidak sama');
  await change('sementara-dari-admin-7731', 'pegawai123', 'pegawai123');
  await expect(page.getByTestId('password-page').getByRole('alert').last()).toContainText('mudah ditebak');
  await change('sementara-dari-admin-7731', 'pelangi-tangga-rumput-biru-7', 'pelangi-tangga-rumput-biru-7');
  await expect(page.getByTestId('password-page')).toHaveCount(0);
  await expect(page.getByTestId('who')).toHaveText('Pegawai Tanpa Skrip');
});

test('without JavaScript the administrator changes the settings and a year\'s holidays; a refusal keeps what was typed', async ({ browser }) => {
  const admin = await loginWithoutScript(browser, 'admin', 'Administrator');
  await admin.goto('/admin/pengaturan');
  const form = admin.getByTestId('settings-form');
  // Drawn on the server with what is stored.
  const output9 = await form.locator('input[name="output9"]').inputValue();
  const amount3 = await form.locator('input[name="amount3"]').inputValue();
  expect(output9).not.toBe('');
  expect(amount3).toMatch(/^\d+$/);
  await expect(form.getByLabel('Jam masuk')).not.toHaveValue('');

  // Refused: every reason at its field, and what was typed comes back.
  await form.locator('input[name="output9"]').fill('');
  await form.locator('input[name="amount3"]').fill('99999');
  await form.getByRole('button', { name: 'Simpan Pengaturan' }).click();
  await expect(admin).toHaveURL(/\/admin\/pengaturan$/);
  await expect(form.getByRole('alert')).toContainText('Output langkah 9 wajib diisi');
  await expect(form.locator('input[name="output9"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('input[name="amount3"]')).toHaveValue('99999');

  // Saved with a logo sent as a file, then the logo removed: the rest as it was.
  await form.locator('input[name="amount3"]').fill(amount3);
  await form.locator('input[name="output9"]').fill(output9);
  await form.getByLabel('Logo (PNG, JPEG atau SVG)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
  await form.getByRole('button', { name: 'Simpan Pengaturan' }).click();
  await expect(form.getByRole('status')).toContainText('Pengaturan disimpan');
  await expect(form.locator('img.logo-preview')).toHaveAttribute('src', /^\/kop-surat\/logo\?v=[0-9a-f]{16}$/);
  await expect(form.locator('input[name="amount3"]')).toHaveValue(amount3);
  await form.getByLabel('Hapus logo').check();
  await form.getByRole('button', { name: 'Simpan Pengaturan' }).click();
  await expect(form.getByRole('status')).toContainText('Pengaturan disimpan');
  await expect(form.locator('img.logo-preview')).toHaveCount(0);

  // A year's holidays: a wrong line refused with the text kept, then the list as it was.
  const holidays = admin.getByTestId('holidays-form');
  const lines = await holidays.locator('textarea[name="holidays"]').inputValue();
  await holidays.locator('textarea[name="holidays"]').fill(`${lines}\n2026-13-45 Tanggal yang salah`);
  await holidays.getByRole('button', { name: 'Simpan Hari Libur' }).click();
  await expect(holidays.getByRole('alert')).not.toBeEmpty();
  await expect(holidays.locator('textarea[name="holidays"]')).toHaveValue(/2026-13-45 Tanggal yang salah/);
  await holidays.locator('textarea[name="holidays"]').fill(lines);
  await holidays.getByRole('button', { name: 'Simpan Hari Libur' }).click();
  await expect(holidays.getByRole('status')).toContainText('Hari libur tahun ini disimpan');
  await expect(holidays.locator('textarea[name="holidays"]')).toHaveValue(lines);
});

test('without JavaScript the administrator makes, changes and switches off an account, and cancels a disposition', async ({ browser }) => {
  const admin = await loginWithoutScript(browser, 'admin', 'Administrator');
  await admin.goto('/admin');
  const username = `tanpaskrip${Date.now() % 1_000_000}`;
  const create = admin.locator('form[action="/admin/pengguna"]');
  await create.getByLabel('Nama pengguna').fill(username);
  await create.getByLabel('Kata sandi').fill('Kopi-Tubruk-Lawu-2026!');
  await create.getByLabel('Nama lengkap').fill('Uji Tanpa Skrip');
  // No role: refused at its field, what was typed kept (the password never comes back).
  await create.getByRole('button', { name: 'Tambah Pengguna' }).click();
  await expect(admin).toHaveURL(/\/admin\?/);
  expect(admin.url()).not.toContain('Kopi-Tubruk');
  await expect(create.locator('#error-new-user-roles')).not.toBeEmpty();
  await expect(create.getByLabel('Nama pengguna')).toHaveValue(username);
  await expect(create.getByLabel('Nama lengkap')).toHaveValue('Uji Tanpa Skrip');
  await create.getByLabel('Kata sandi').fill('Kopi-Tubruk-Lawu-2026!');
  await create.getByLabel('Staf Sekretariat').check();
  await create.getByRole('button', { name: 'Tambah Pengguna' }).click();
  const row = admin.locator(`tr[data-testid="user-row"][data-user="${username}"]`);
  await expect(row).toContainText('Uji Tanpa Skrip');
  await expect(row).toContainText('Staf Sekretariat');

  // Changed: a position added; then switched off and on again.
  const edit = admin.locator(`tr[data-testid="user-edit"][data-user="${username}"]`);
  await edit.getByLabel('Jabatan').fill('Pranata Humas');
  await edit.getByRole('button', { name: 'Simpan' }).click();
  await expect(admin.locator(`tr[data-testid="user-edit"][data-user="${username}"]`).getByLabel('Jabatan')).toHaveValue('Pranata Humas');
  await row.getByRole('button', { name: 'Nonaktifkan' }).click();
  await expect(row.locator('td').nth(3)).toHaveText('Tidak');
  await row.getByRole('button', { name: 'Aktifkan' }).click();
  await expect(row.locator('td').nth(3)).toHaveText('Ya');

  // A disposition cancelled from the list of open ones: a reason is required, then it is gone.
  const ppid = await loginWithoutScript(browser, 'ppid', 'Rina Wulandari');
  await ppid.goto('/materi/baru');
  await ppid.getByLabel('Perihal (kegiatan)').fill('Rapat yang dibatalkan tanpa skrip');
  await ppid.getByLabel('Tanggal kegiatan').fill(todayInJakarta());
  await ppid.getByLabel('Tempat kegiatan').fill('Aula Kantor Bupati');
  await ppid.getByLabel('Batas waktu').fill(todayInJakarta());
  await ppid.getByRole('button', { name: 'Buat Disposisi' }).click();
  await expect(ppid).toHaveURL(/\/materi\/[a-z0-9]{20}$/);
  const agenda = (await ppid.getByTestId('agenda-no').textContent())!.trim();
  await admin.goto('/admin');
  const open = admin.getByTestId('open-row').filter({ hasText: agenda });
  const id = ppid.url().split('/').pop();
  const form = admin.locator(`form[action="/materi/${id}/tindakan"]`);
  await form.getByLabel('Alasan').fill('   ');
  await form.getByRole('button', { name: 'Batalkan Materi' }).click();
  await expect(admin).toHaveURL(new RegExp(`/admin\\?batal=${id}`));
  await expect(form.getByRole('alert')).not.toBeEmpty();
  await form.getByLabel('Alasan').fill('Disposisi ganda, dibatalkan tanpa skrip.');
  await form.getByRole('button', { name: 'Batalkan Materi' }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  await expect(open).toHaveCount(0);
});
