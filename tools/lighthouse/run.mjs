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

/** Lighthouse on `url`, the session cookie sent with every request when `cookie` is given. */
async function audit(name, url, cookie) {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    // Lighthouse clears the browser's storage (not its cookies) before it loads the page, so
    // every load is a first visit; the signed-in pages get the session cookie on every request.
    extraHeaders: cookie ? { Cookie: cookie } : undefined,
  });
  const lhr = result.lhr;
  const score = (id) => String(Math.round((lhr.categories[id]?.score ?? 0) * 100)).padStart(3);
  const shown = (id) => lhr.audits[id]?.displayValue ?? "–";
  console.log(
    `lighthouse: ${name.padEnd(22)} performance ${score("performance")}  accessibility ${score("accessibility")}` +
      `  best-practices ${score("best-practices")}  seo ${score("seo")}` +
      `  (FCP ${shown("first-contentful-paint")}, LCP ${shown("largest-contentful-paint")},` +
      ` TBT ${shown("total-blocking-time")}, CLS ${shown("cumulative-layout-shift")}, ${shown("total-byte-weight")})`,
  );
  if (lhr.runtimeError) console.log(`lighthouse: ${name}: ${lhr.runtimeError.message}`);
  // What kept a score under 100: the audits that failed, by title.
  for (const [id, cat] of Object.entries(lhr.categories)) {
    const failing = cat.auditRefs
      .filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 0.9)
      .map((r) => lhr.audits[r.id].title);
    if (failing.length) console.log(`lighthouse:   ${id}: ${failing.join("; ")}`);
  }
  if (process.env.WARTA_LIGHTHOUSE_DETAILS) {
    for (const id of ["largest-contentful-paint-element", "layout-shifts", "errors-in-console", "robots-txt"]) {
      for (const item of (lhr.audits[id]?.details?.items ?? []).slice(0, 5)) {
        console.log(`lighthouse:   ${id}: ${JSON.stringify(item).slice(0, 400)}`);
      }
      if (lhr.audits[id]?.explanation) console.log(`lighthouse:   ${id}: ${lhr.audits[id].explanation}`);
    }
  }
}

try {
  // A visitor first (no session in the browser): the login page and the public portal.
  await audit("Masuk (/login)", `${base}/login`, null);
  await audit("Portal (/informasi)", `${base}/informasi`, null);

  // Then signed in as the PPID Pembantu, with one disposition of their own to open.
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
  await audit("Tugas Saya (/)", `${base}/`, cookie);
  await audit("Materi (/materi/…)", itemUrl, cookie);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
