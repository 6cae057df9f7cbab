// Lighthouse (mobile profile, its simulated slow 4G and 4× slower CPU) on four of Warta's pages, in
// Debian's Chromium, against a running server (`WARTA_URL`, demo accounts): the login page, "Tugas
// Saya" and an item page signed in as the PPID Pembantu, and the public portal's list. Prints each
// page's four scores; `make bench` runs it on the release build (BENCHMARKS.md, "Lighthouse").
//
//   WARTA_URL=http://127.0.0.1:3000 node tools/lighthouse/run.mjs
import lighthouse from "lighthouse";
import { chromium } from "../../end2end/node_modules/playwright-core/index.mjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.env.WARTA_URL ?? "http://127.0.0.1:3000";
const password = process.env.WARTA_DEMO_PASSWORD ?? "warta-demo-2026";
const port = Number(process.env.WARTA_LIGHTHOUSE_PORT ?? 9333);
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());

const profile = mkdtempSync(join(tmpdir(), "warta-lighthouse-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", `--remote-debugging-port=${port}`],
});

try {
  // Signed in as the PPID Pembantu, with one disposition of their own to open.
  const page = await browser.newPage();
  await page.goto(`${base}/login`);
  await page.locator('body[data-hydrated="true"]').waitFor();
  await page.getByLabel("Nama pengguna").fill("ppid");
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByTestId("who").waitFor();
  await page.goto(`${base}/materi/baru`);
  await page.locator('body[data-hydrated="true"]').waitFor();
  await page.getByLabel("Perihal (kegiatan)").fill("Rapat koordinasi keterbukaan informasi publik");
  await page.getByLabel("Tanggal kegiatan").fill(today);
  await page.getByLabel("Tempat kegiatan").fill("Aula Kantor Bupati");
  await page.getByLabel("Batas waktu").fill(today);
  await page.getByRole("button", { name: "Buat Disposisi" }).click();
  await page.waitForURL(/\/materi\/[a-z0-9]{20}$/);
  const itemUrl = page.url();
  const cookie = (await browser.cookies(base)).map((c) => `${c.name}=${c.value}`).join("; ");
  await page.close();

  const pages = [
    ["Masuk (/login)", `${base}/login`, null],
    ["Tugas Saya (/)", `${base}/`, cookie],
    ["Materi (/materi/…)", itemUrl, cookie],
    ["Portal (/informasi)", `${base}/informasi`, null],
  ];
  const rows = [];
  for (const [name, url, signedIn] of pages) {
    const result = await lighthouse(url, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      // The signed-in pages: the session cookie on every request (Lighthouse clears the rest of
      // the browser's storage before it loads the page, so every load is a first visit).
      extraHeaders: signedIn ? { Cookie: signedIn } : undefined,
    });
    const lhr = result.lhr;
    const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const audit = (id) => lhr.audits[id]?.displayValue ?? "–";
    rows.push(name);
    console.log(
      `lighthouse: ${name.padEnd(22)} performance ${String(score("performance")).padStart(3)}` +
        `  accessibility ${String(score("accessibility")).padStart(3)}` +
        `  best-practices ${String(score("best-practices")).padStart(3)}  seo ${String(score("seo")).padStart(3)}` +
        `  (FCP ${audit("first-contentful-paint")}, LCP ${audit("largest-contentful-paint")},` +
        ` TBT ${audit("total-blocking-time")}, sent ${audit("total-byte-weight")})`,
    );
    if (lhr.runtimeError) console.log(`lighthouse: ${name}: ${lhr.runtimeError.message}`);
    // What kept a score under 100: the audits that failed, by title.
    for (const [id, cat] of Object.entries(lhr.categories)) {
      const failing = cat.auditRefs
        .filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 0.9)
        .map((r) => lhr.audits[r.id].title);
      if (failing.length) console.log(`lighthouse:   ${id}: ${failing.join("; ")}`);
    }
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
