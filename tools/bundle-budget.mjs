// What each page of Warta makes a browser download of the app's script on a first visit, from a
// release build (`cargo leptos build --release --split`): the main module and its JS glue, the split
// loader, and the lazily loaded parts the page's route needs (cargo-leptos' split manifest). Sizes
// are the files as sent: gzip -9 (the budget's unit) and brotli (what a browser that accepts it
// gets), from the copies `make precompress` made beside each file.
//
//   node tools/bundle-budget.mjs <site pkg dir> [--hashes <hash.txt>] [--check]
//
// `--hashes` names the build's hash file (cargo-leptos writes it beside the server binary): the
// files of that build are measured even when the directory holds others.
// With --check it fails (exit 1) when the first pages a staff member opens exceed FIRST_VISIT_KB or
// any page exceeds ANY_PAGE_KB (kB = 1000 bytes, gzip). A size is deterministic: this is a test.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

// The budget (issue 15; BENCHMARKS.md, "The browser's bundle"): 250 kB for the first pages a staff
// member opens, 400 kB for any page.
const FIRST_VISIT_KB = Number(process.env.WARTA_FIRST_VISIT_KB ?? 250);
const ANY_PAGE_KB = Number(process.env.WARTA_ANY_PAGE_KB ?? 400);

// The pages, each with the lazily loaded islands it holds (`#[island(lazy)]`, by the names the
// split manifest gives their loaders: `<island in snake case>_loader_<hash>`). The header's islands
// are in the main module, which every page loads. A lazy island missing here fails the check: a
// new one must be counted on its page.
const PAGES = [
  ["/login", true, []],
  ["/", true, []],
  ["/materi", false, []],
  ["/materi/baru", false, ["disposition_editor"]],
  ["/materi/:id", false, ["item_live"]],
  ["/materi/:id/disposisi", false, []],
  ["/materi/:id/rekam", false, []],
  ["/materi/:id/saluran", false, []],
  ["/admin", false, ["admin_desk"]],
  ["/admin/pengaturan", false, ["settings_editor"]],
  ["/admin/saluran", false, []],
  ["/laporan", false, []],
  ["/daftar-informasi", false, []],
  ["/laporan/sop", false, []],
  ["/kata-sandi", false, ["password_form"]],
];

// Lazily loaded functions (`#[lazy]`) a page loads only when it needs them, never on a first
// visit: counted apart (printed with their page, not against the budget), by the prefix of their
// name in the split manifest. A page's service worker holds them, so that they load offline too.
const ON_DEMAND = [
  ["store_", "/materi/:id", "the drafts kept on the device (IndexedDB): when the connection fails or the device holds a text"],
];

const args = process.argv.slice(2);
const dir = args[0];
const check = args.includes("--check");
const hashFile = args.includes("--hashes") ? args[args.indexOf("--hashes") + 1] : null;
if (!dir) {
  console.error("usage: node tools/bundle-budget.mjs <site pkg dir> [--hashes <hash.txt>] [--check]");
  process.exit(2);
}
const files = readdirSync(dir);
const hashes = hashFile
  ? Object.fromEntries(
      readFileSync(hashFile, "utf8")
        .split("\n")
        .map((l) => l.split(":").map((p) => p.trim()))
        .filter((p) => p.length === 2 && p[1]),
    )
  : {};
const only = (re, what, hashed) => {
  const found = files.filter((f) => re.test(f) && (!hashes[hashed] || f.includes(`.${hashes[hashed]}.`)));
  if (found.length !== 1) {
    console.error(`expected one ${what} in ${dir}, found ${found.length}: pass --hashes or build into an empty site root`);
    process.exit(2);
  }
  return found[0];
};

const sizeCache = new Map();
function sizes(name) {
  if (!sizeCache.has(name)) {
    const path = join(dir, name);
    const raw = readFileSync(path);
    const gz = files.includes(`${name}.gz`) ? statSync(`${path}.gz`).size : gzipSync(raw, { level: 9 }).length;
    const br = files.includes(`${name}.br`)
      ? statSync(`${path}.br`).size
      : brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    sizeCache.set(name, { raw: raw.length, gz, br });
  }
  return sizeCache.get(name);
}
const sum = (names) =>
  names.map(sizes).reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz, br: a.br + s.br }), { raw: 0, gz: 0, br: 0 });

const manifest = JSON.parse(readFileSync(join(dir, only(/^__wasm_split_manifest\..*\.json$/, "split manifest", "manifest")), "utf8"));
const shell = [
  only(/^warta\.[^.]+\.wasm$/, "main module", "wasm"),
  only(/^warta\.[^.]+\.js$/, "main glue", "js"),
  only(/^__wasm_split\.[^.]+\.js$/, "split loader", "split"),
];
const kb = (n) => (n / 1000).toFixed(1).padStart(7);
const base = sum(shell);
console.log(`bundle: shell (main module, glue, loader)        ${kb(base.gz)} kB gzip ${kb(base.br)} kB brotli ${kb(base.raw)} kB raw`);

let failed = false;
const loaderOf = (island) => Object.keys(manifest).find((k) => k.startsWith(`${island}_loader_`));
const onDemandOf = (prefix) => Object.keys(manifest).find((k) => k.startsWith(prefix));
const counted = new Set([
  ...PAGES.flatMap(([, , islands]) => islands.map(loaderOf)),
  ...ON_DEMAND.map(([prefix]) => onDemandOf(prefix)),
]);
for (const key of Object.keys(manifest).filter((k) => !counted.has(k))) {
  console.error(`bundle: the lazy part ${key} is on no page of tools/bundle-budget.mjs`);
  failed = true;
}
for (const [path, first, islands] of PAGES) {
  const keys = islands.map(loaderOf);
  if (keys.includes(undefined)) {
    console.error(`bundle: no lazy part for an island of ${path} (${islands.join(", ")}) in the split manifest`);
    failed = true;
    continue;
  }
  const parts = [...new Set(keys.flatMap((k) => manifest[k]))].map((c) => `${c}.wasm`);
  const page = sum(parts);
  const total = { gz: base.gz + page.gz, br: base.br + page.br, raw: base.raw + page.raw };
  const limit = first ? FIRST_VISIT_KB : ANY_PAGE_KB;
  const over = total.gz > limit * 1000;
  failed ||= over;
  console.log(
    `bundle: ${path.padEnd(24)} ${String(parts.length).padStart(3)} parts ${kb(total.gz)} kB gzip ${kb(total.br)} kB brotli` +
      `  (limit ${limit} kB${first ? ", first visit" : ""})${over ? "  OVER" : ""}`,
  );
}
for (const [prefix, path, why] of ON_DEMAND) {
  const key = onDemandOf(prefix);
  const page = PAGES.find(([p]) => p === path);
  if (!key || !page) {
    console.error(`bundle: no lazy part ${prefix}… for ${path} in the split manifest`);
    failed = true;
    continue;
  }
  const own = manifest[key].map((c) => `${c}.wasm`);
  const pageParts = new Set(page[2].map(loaderOf).flatMap((k) => manifest[k]).map((c) => `${c}.wasm`));
  const more = sum(own.filter((c) => !pageParts.has(c)));
  console.log(
    `bundle: ${path} later, on demand: ${key.replace(/_\d+$/, "")} ${kb(more.gz)} kB gzip ${kb(more.br)} kB brotli (${why})`,
  );
}
if (check && failed) {
  console.error("bundle: a page's script is over its budget (or missing): see BENCHMARKS.md");
  process.exit(1);
}
