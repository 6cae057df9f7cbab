import { test, expect, Page } from '@playwright/test';
import { loginAs, ready, todayInJakarta } from './helpers';

/** A PPID Pembantu of its own (the language is kept with the account: no other test's user). */
async function newColleague(browser: import('@playwright/test').Browser): Promise<string> {
  const admin = await loginAs(browser, 'admin', 'Administrator');
  const username = `bahasa.${Date.now() % 1_000_000}`;
  const made = await admin.request.post('/api/admin/create-user', {
    headers: { 'content-type': 'application/json', origin: new URL(admin.url()).origin },
    data: { form: { username, password: 'jendela-kapal-mangga-hujan-7', name: 'Dewi Bahasa', nip: '', position: '', roles: ['ppid_pembantu'] } },
  });
  expect(made.status()).toBe(200);
  await admin.context().close();
  return username;
}

async function signIn(browser: import('@playwright/test').Browser, username: string, button: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await ready(page);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('jendela-kapal-mangga-hujan-7');
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByTestId('who')).toHaveText('Dewi Bahasa');
  await ready(page);
  return page;
}

/** A page, a refusal and an export, each in the language asked. */
async function expectSpoken(page: Page, l: {
  lang: string; tasks: string; newDisposition: string; submit: string; deadline: string; past: RegExp;
  registerHeader: string; badFormat: string;
}) {
  await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
  await expect(page.getByRole('navigation').getByRole('link', { name: l.tasks, exact: true })).toBeVisible();

  // A refusal, rendered in the browser from the server's code.
  await page.getByRole('navigation').getByRole('link', { name: l.newDisposition, exact: true }).click();
  await ready(page);
  await page.getByLabel(l.deadline).fill('2020-01-01');
  await page.getByRole('button', { name: l.submit, exact: true }).click();
  await expect(page.getByLabel(l.deadline)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#error-disposition-deadline')).toContainText(l.past);

  // An export's headers, and an export's refusal (written by the server).
  const csv = await page.request.get('/daftar-informasi/ekspor?format=csv');
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split('\n')[0]).toContain(l.registerHeader);
  const refused = await page.request.get(`/laporan/ekspor?dari=${todayInJakarta()}&sampai=${todayInJakarta()}&format=pdf`);
  expect(refused.status()).toBe(422);
  expect(await refused.text()).toContain(l.badFormat);
}

const ID = {
  lang: 'id', tasks: 'Tugas Saya', newDisposition: 'Buat Disposisi', submit: 'Buat Disposisi', deadline: 'Batas waktu',
  past: /Batas waktu tidak boleh sebelum hari ini/, registerHeader: 'Nomor agenda', badFormat: 'Format unduhan harus xlsx atau csv',
};
const EN = {
  lang: 'en', tasks: 'My Tasks', newDisposition: 'New Disposition', submit: 'Create Disposition', deadline: 'Deadline',
  past: /The deadline cannot be before today/, registerHeader: 'Agenda number', badFormat: 'The download format must be xlsx or csv',
};

test('a staff member switches to English and back: pages, refusals and exports follow, kept with the account', async ({ browser }) => {
  const username = await newColleague(browser);
  const page = await signIn(browser, username, 'Masuk');
  await expectSpoken(page, ID);

  await page.getByTestId('locale-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Back on the page it was switched from.
  await expect(page).toHaveURL(/\/materi\/baru$/);
  await ready(page);
  await expectSpoken(page, EN);

  // Kept with the account: a sign-in on another device (the login page in Indonesian) reads English.
  const elsewhere = await signIn(browser, username, 'Masuk');
  await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'en');
  await expect(elsewhere.getByRole('navigation').getByRole('link', { name: 'My Tasks', exact: true })).toBeVisible();
  await elsewhere.context().close();

  await page.getByTestId('locale-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await ready(page);
  await expectSpoken(page, ID);
  await page.context().close();
});

test('a visitor of the portal picks English by a link and it is remembered', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/informasi');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/informasi$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Public Information');
  await page.goto('/dip');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('body')).toContainText('Public Information Register');
  await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
  await expect(page).toHaveURL(/\/dip$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await page.context().close();
});
