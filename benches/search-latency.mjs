// Directory search at scale: how much index a query downloads (raw and
// gzipped) and how soon results appear after a key press, in headless
// Chromium from file://. A benchmark: it prints figures and asserts nothing.
//
//   cargo run --release --example gen-corpus -- --guides 10 --services 10000 --terms 100 --out /tmp/dir10k
//   ./target/release/easyinfo build /tmp/dir10k --out /tmp/dir10k/public
//   node benches/search-latency.mjs /tmp/dir10k/public
//
// Uses the browser suite's packages (cd tests/browser && npm ci).
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL, fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tests/browser/package.json"));
const { chromium } = require("playwright-core");

const site = path.resolve(process.argv[2] || "public");
const queries = (process.argv[3] || "money for your support,carers,advocacy,hearing loop,walk").split(",");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] : NaN; };

console.log(`site: ${site}`);
console.log("| query | files | raw KB | gzipped KB | median ms after key press | p95 ms |");
console.log("|---|---|---|---|---|---|");
for (const q of queries) {
  const page = await browser.newPage();
  const loaded = new Set();
  page.on("request", (r) => { if (r.url().includes("/js/search/")) loaded.add(fileURLToPath(r.url())); });
  await page.goto(pathToFileURL(path.join(site, "plain/directory/index.html")).href);
  await page.focus("#search-q");
  await page.waitForSelector("form#directory-search[data-ready=true]", { timeout: 30000 });
  await page.evaluate(() => {
    window.__lat = [];
    const input = document.getElementById("search-q");
    const results = document.getElementById("search-results");
    let t0 = 0;
    input.addEventListener("keydown", () => { t0 = performance.now(); }, true);
    new MutationObserver(() => { if (t0) { window.__lat.push(performance.now() - t0); t0 = 0; } }).observe(results, { childList: true, subtree: true, characterData: true });
  });
  for (const ch of q) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(120);
  }
  await page.waitForTimeout(800);
  const lat = await page.evaluate(() => window.__lat);
  let raw = 0, gz = 0;
  for (const f of loaded) { const b = fs.readFileSync(f); raw += b.length; gz += zlib.gzipSync(b, { level: 9 }).length; }
  console.log(`| ${q} | ${loaded.size} | ${(raw / 1024).toFixed(0)} | ${(gz / 1024).toFixed(0)} | ${median(lat).toFixed(1)} | ${p95(lat).toFixed(1)} |`);
  await page.close();
}
await browser.close();
