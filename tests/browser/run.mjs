#!/usr/bin/env node
// The easyinfo browser suite: proves, page by page, that a built site is
// accessible. Usage: node run.mjs PATH/TO/public [--only=check,check] [--pages=substring]
//
// Checks (each one a result per page, counted in the closing line):
//   structure      lang on <html>, exactly one <h1> inside the one <main id="main">,
//                  a skip link to #main that comes first, links to the other versions
//   axe            axe-core (WCAG 2.0/2.1/2.2 A and AA + color-contrast-enhanced), light
//   axe-contrast   the same with the reader's high contrast (html.ei-contrast) switched on
//   axe-dark       the same with prefers-color-scheme: dark (over the local server)
//   vnu            the Nu HTML checker, every page, errors only
//   keyboard       first Tab focuses a.skip-link[href="#main"] and it is visible; Enter focuses <main>
//   reflow         at 320 px wide nothing scrolls sideways (WCAG 1.4.10)
//   reflow-big     the same with the reader's biggest text size (html.ei-size-4)
//   nojs           JavaScript off: the h1 and the main text are there, the reader controls are hidden
//   links          JavaScript off: every internal link is relative, names a file that exists, and
//                  every #fragment exists on its target page
//   requests       every request while loading (file:// and http://127.0.0.1) stays on the site,
//                  and nothing fails to load
//   errors         no script errors and no console errors (e.g. CSP violations) over file://
//   weight         HTML + CSS + JS loaded by the page <= 60 KB (60,000 bytes)
//   controls       reader controls on one guide page: labelled, keyboard operable, remembered,
//                  applied before first paint
//   search         directory search (see search.mjs)
//   search-words   directory search in a second language shows that language's messages (search-words.mjs)
//   listen         "Listen to this page" with a stubbed speechSynthesis (see listen.mjs)
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { findPages, basePathOf, startServer, Site, Results, VERSIONS, kb } from './lib.mjs';
import { searchTests } from './search.mjs';
import { listenTests } from './listen.mjs';
import { searchWordsTests } from './search-words.mjs';

const require = createRequire(import.meta.url);

// Reflow is also checked with the reader's biggest text (ei-size-4, 175%): long words and
// addresses wrap (overflow-wrap: anywhere), so even that fits a 320 px screen.
const BIG = process.env.EASYINFO_REFLOW_BIG || 'ei-size-4';
const MAX_WEIGHT = Number(process.env.EASYINFO_MAX_PAGE_BYTES || 60000);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: AXE_TAGS },
  rules: { 'color-contrast-enhanced': { enabled: true } },
  resultTypes: ['violations', 'incomplete'],
};
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
// No --allow-file-access-from-files: the pages must work from disk in an ordinary browser.

// ---------------------------------------------------------------- arguments
const argv = process.argv.slice(2);
const opts = { only: null, pages: null };
let rootArg = null;
for (const a of argv) {
  if (a.startsWith('--only=')) opts.only = new Set(a.slice(7).split(',').filter(Boolean));
  else if (a.startsWith('--pages=')) opts.pages = a.slice(8);
  else if (a === '-h' || a === '--help') { console.log('usage: node run.mjs PATH/TO/public [--only=axe,vnu,...] [--pages=substring]'); process.exit(0); }
  else rootArg = a;
}
if (!rootArg) { console.error('usage: node run.mjs PATH/TO/public'); process.exit(2); }
const root = path.resolve(rootArg);
if (!fs.existsSync(path.join(root, 'index.html'))) { console.error(`browser: ${root} has no index.html; build the site first`); process.exit(2); }
const want = (name) => !opts.only || opts.only.has(name);

const allPages = findPages(root);
const pages = opts.pages ? allPages.filter((p) => p.includes(opts.pages)) : allPages;
const results = new Results();
const t0 = Date.now();
// A last guard for CI's time budget: the whole suite normally takes minutes.
const WATCHDOG_MIN = Number(process.env.EASYINFO_BROWSER_TIMEOUT_MIN || 45);
setTimeout(() => {
  console.log(`browser: gave up after ${WATCHDOG_MIN} minutes`);
  console.log(`browser: ${results.totals().passed} passed, ${results.totals().failed + 1} failed`);
  process.exit(1);
}, WATCHDOG_MIN * 60000).unref();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;

console.log(`browser: checking ${pages.length} pages in ${root}`);
const byKind = {};
for (const p of pages) { const k = p.split('/')[0].endsWith('.html') ? 'top' : p.split('/')[0]; byKind[k] = (byKind[k] || 0) + 1; }
console.log(`browser: pages by folder: ${Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);

// ---------------------------------------------------------------- vnu (runs in parallel with the browser)
function runVnu(files) {
  return new Promise((resolve) => {
    const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
    const args = ['-Xss4m', '-jar', jar, '--errors-only', '--exit-zero-always', '--format', 'json', ...files.map((f) => path.join(root, f))];
    const child = spawn(process.env.JAVA || 'java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = ''; let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', (e) => resolve({ error: `could not run java: ${e.message}` }));
    child.on('close', (code) => {
      const text = (err.trim().startsWith('{') ? err : out).trim();
      try { resolve({ json: JSON.parse(text), code }); } catch { resolve({ error: `vnu exited ${code} with no JSON:\n${(err + out).slice(0, 2000)}` }); }
    });
  });
}
let vnuPromise = null;
if (want('vnu') && pages.length) vnuPromise = runVnu(pages);

// ---------------------------------------------------------------- browser
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const { origin, close: closeServer } = await startServer(root, basePathOf(root));
const site = new Site(root, origin, basePathOf(root));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
console.log(`browser: Chromium ${browser.version()}, local server ${origin}${site.basePath}`);

/** Opens `url` in a new page of `context`, recording every request, failed load, page error and console error. */
async function open(context, url, { waitUntil = 'load' } = {}) {
  const page = await context.newPage();
  const log = { requests: [], failed: [], errors: [], console: [], responses: [] };
  page.on('request', (r) => log.requests.push({ url: r.url(), type: r.resourceType() }));
  page.on('requestfailed', (r) => log.failed.push(`${r.url()} (${r.failure()?.errorText || 'failed'})`));
  page.on('response', (r) => { if (r.status() >= 400) log.responses.push({ url: r.url(), status: r.status() }); });
  page.on('pageerror', (e) => log.errors.push(String(e.message || e)));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The 404 page is opened at a missing address on purpose; its own 404 status is expected.
    if (site.isMissingUrl(m.location()?.url || '') && /status of 404/.test(m.text())) return;
    log.console.push(m.text());
  });
  await page.goto(url, { waitUntil, timeout: 30000 });
  return { page, log };
}

/** Outside traffic never leaves the machine: anything not file:// or the local server is aborted (and fails the page). */
async function guard(context) {
  await context.route((u) => !site.isOwn(u.href), (route) => route.abort('blockedbyclient'));
}

/** Rejects if `promise` takes longer than `ms`, so one stuck page cannot hang CI. */
function timed(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s: ${what}`)), ms); })])
    .finally(() => clearTimeout(timer));
}

async function runAxe(page) {
  return timed(runAxeInner(page), 90000, 'axe-core');
}

async function runAxeInner(page) {
  const has = await page.evaluate(() => typeof window.axe === 'object');
  if (!has) await page.evaluate(axeSource);
  return page.evaluate(async (options) => {
    const r = await window.axe.run(document, options);
    const pick = (list) => list.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: (n.failureSummary || '').split('\n').slice(0, 3).join(' ') })),
    }));
    return { violations: pick(r.violations), incomplete: pick(r.incomplete) };
  }, AXE_OPTIONS);
}

function describeViolations(vs) {
  const out = [];
  for (const v of vs) {
    out.push(`${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s)`);
    for (const n of v.nodes.slice(0, 5)) out.push(`    ${n.target}  ${n.html}${n.summary ? `\n      ${n.summary}` : ''}`);
  }
  return out;
}

const incompleteTally = new Map();
function tallyIncomplete(label, inc) {
  for (const v of inc) incompleteTally.set(`${label} ${v.id}`, (incompleteTally.get(`${label} ${v.id}`) || 0) + v.nodes.length);
}

const nextFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

// Pages are checked CONCURRENCY at a time, each in its own tab of the pass's context.
const CONCURRENCY = Math.max(1, Number(process.env.EASYINFO_BROWSER_JOBS || 2));
async function eachPage(fn, list = pages) {
  let next = 0;
  const worker = async () => { while (next < list.length) await fn(list[next++]); };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, list.length) }, worker));
}

const weights = [];
const ids = new Map(); // page -> Set of ids (from the no-JS pass)
const fragmentLinks = []; // {page, target, fragment}

function requestProblems(log) {
  const problems = [];
  for (const r of log.requests) if (!site.isOwn(r.url)) problems.push(`outside request: ${r.url} (${r.type})`);
  for (const f of log.failed) problems.push(`failed to load: ${f}`);
  for (const r of log.responses) if (!(r.status === 404 && site.isMissingUrl(r.url))) problems.push(`HTTP ${r.status}: ${r.url}`);
  return problems;
}

// ---- pass 1: file://, JavaScript on, light: requests, errors, weight, axe, axe with high contrast
async function passLight() {
  if (!['axe', 'axe-contrast', 'requests', 'errors', 'weight'].some(want)) return;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
  await guard(context);
  await eachPage(async (rel) => {
    let page;
    try {
      const o = await open(context, site.url(rel));
      page = o.page;
      await nextFrame(page);
      if (want('requests')) results.expect('requests', rel, requestProblems(o.log));
      if (want('errors')) results.expect('errors', rel, [...o.log.errors.map((e) => `script error: ${e}`), ...o.log.console.map((e) => `console error: ${e}`)]);
      if (want('weight')) {
        let bytes = 0; const parts = [];
        const seen = new Set();
        for (const r of o.log.requests) {
          if (!['document', 'stylesheet', 'script', 'fetch', 'xhr'].includes(r.type)) continue;
          const lp = site.localPath(r.url.split('#')[0]);
          if (lp === null || seen.has(r.url)) continue;
          seen.add(r.url);
          const file = site.isNotFound(rel) && r.type === 'document' ? rel : lp;
          const n = site.size(file);
          bytes += n; parts.push(`${file} ${n}`);
        }
        weights.push({ rel, bytes, parts });
        results.expect('weight', rel, bytes <= MAX_WEIGHT ? [] : [`${bytes} bytes of HTML, CSS and JS is over ${MAX_WEIGHT}: ${parts.join(', ')}`]);
      }
      if (want('axe')) {
        const r = await runAxe(page);
        tallyIncomplete('light', r.incomplete);
        results.expect('axe', rel, describeViolations(r.violations));
      }
      if (want('axe-contrast')) {
        await page.evaluate(() => document.documentElement.classList.add('ei-contrast'));
        await nextFrame(page);
        const r = await runAxe(page);
        tallyIncomplete('contrast', r.incomplete);
        results.expect('axe-contrast', rel, describeViolations(r.violations));
      }
    } catch (e) {
      for (const c of ['axe', 'axe-contrast', 'requests', 'errors', 'weight']) if (want(c)) results.fail(c, rel, `could not check: ${e.message.split('\n')[0]}`);
    } finally {
      if (page) await page.close();
    }
  });
  await context.close();
}

// ---- pass 2: http://127.0.0.1, prefers-color-scheme: dark: axe, requests over a real host
async function passDark() {
  if (!['axe-dark', 'requests-http'].some(want)) return;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark', reducedMotion: 'reduce' });
  await guard(context);
  await eachPage(async (rel) => {
    let page;
    try {
      const o = await open(context, site.urlHttp(rel));
      page = o.page;
      await nextFrame(page);
      if (want('requests-http')) results.expect('requests-http', rel, requestProblems(o.log));
      if (want('axe-dark')) {
        const r = await runAxe(page);
        tallyIncomplete('dark', r.incomplete);
        results.expect('axe-dark', rel, describeViolations(r.violations));
      }
    } catch (e) {
      for (const c of ['axe-dark', 'requests-http']) if (want(c)) results.fail(c, rel, `could not check: ${e.message.split('\n')[0]}`);
    } finally {
      if (page) await page.close();
    }
  });
  await context.close();
}

function measureReflow(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const sw = document.documentElement.scrollWidth;
    const wide = [];
    if (sw > 320) {
      for (const el of document.body.querySelectorAll('*')) {
        const b = el.getBoundingClientRect();
        if (b.right > vw + 0.5 && b.width > 0 && getComputedStyle(el).position !== 'absolute') {
          const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.classList.length ? `.${[...el.classList].join('.')}` : '');
          wide.push(`${name} right=${Math.round(b.right)}px "${(el.textContent || '').trim().slice(0, 40)}"`);
          if (wide.length >= 6) break;
        }
      }
    }
    return { sw, wide };
  });
}

// ---- pass 3: file://, 320 px wide: reflow, then keyboard (skip link)
async function passNarrow() {
  if (!['reflow', 'reflow-big', 'keyboard'].some(want)) return;
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, colorScheme: 'light', reducedMotion: 'reduce' });
  await guard(context);
  await eachPage(async (rel) => {
    let page;
    try {
      const o = await open(context, site.url(rel));
      page = o.page;
      await nextFrame(page);
      if (want('reflow')) {
        const r = await measureReflow(page);
        results.expect('reflow', rel, r.sw <= 320 ? [] : [`scrollWidth ${r.sw}px at a 320px viewport`, ...r.wide.map((w) => `  too wide: ${w}`)]);
      }
      if (want('reflow-big')) {
        // Bigger text from the reader controls must not bring sideways scrolling back either.
        await page.evaluate((c) => document.documentElement.classList.add(c), BIG);
        await nextFrame(page);
        const r = await measureReflow(page);
        await page.evaluate((c) => document.documentElement.classList.remove(c), BIG);
        await nextFrame(page);
        results.expect('reflow-big', rel, r.sw <= 320 ? [] : [`scrollWidth ${r.sw}px at a 320px viewport with bigger text (${BIG})`, ...r.wide.map((w) => `  too wide: ${w}`)]);
      }
      if (want('keyboard')) {
        const problems = [];
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const a = document.activeElement;
          const b = a.getBoundingClientRect();
          return { tag: a.tagName.toLowerCase(), skip: a.matches('a.skip-link'), href: a.getAttribute('href'), text: (a.textContent || '').trim(),
            visible: b.width > 0 && b.height > 0 && b.top >= 0 && b.left >= 0 && b.bottom <= innerHeight + 1 && b.right <= innerWidth + 1 };
        });
        if (!f.skip) problems.push(`first Tab focused <${f.tag}> "${f.text.slice(0, 40)}", not a.skip-link`);
        else {
          if (f.href !== '#main') problems.push(`skip link href is ${f.href}, not #main`);
          if (!f.visible) problems.push('skip link is not visible on screen when it has focus');
          await page.keyboard.press('Enter');
          const ok = await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'MAIN', null, { timeout: 2000 }).then(() => true, () => false);
          if (!ok) problems.push(`Enter on the skip link left focus on <${await page.evaluate(() => document.activeElement.tagName.toLowerCase())}>, not <main>`);
        }
        results.expect('keyboard', rel, problems);
      }
    } catch (e) {
      for (const c of ['reflow', 'reflow-big', 'keyboard']) if (want(c)) results.fail(c, rel, `could not check: ${e.message.split('\n')[0]}`);
    } finally {
      if (page) await page.close();
    }
  });
  await context.close();
}

// ---- pass 4: file://, JavaScript off: structure, content, links, controls hidden
async function passNoJs() {
  if (!['nojs', 'links', 'structure'].some(want)) return;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  await guard(context);
  await eachPage(async (rel) => {
    let page;
    try {
      const o = await open(context, site.url(rel));
      page = o.page;
      const d = await page.evaluate(() => {
        const txt = (el) => (el ? (el.innerText || '').replace(/\s+/g, ' ').trim() : '');
        const main = document.querySelectorAll('main');
        const h1s = [...document.querySelectorAll('h1')];
        const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
          .filter((el) => !el.closest('[hidden]') && getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden');
        const first = focusable[0];
        const controls = [...document.querySelectorAll('.reader-controls, #reader-controls')];
        return {
          lang: document.documentElement.getAttribute('lang') || '',
          title: document.title.trim(),
          mains: main.length,
          mainId: main[0] ? main[0].id : null,
          h1s: h1s.map((h) => ({ text: txt(h), inMain: !!h.closest('main'), visible: !!(h.offsetWidth || h.offsetHeight) })),
          mainText: txt(main[0]),
          skip: [...document.querySelectorAll('a.skip-link')].map((a) => a.getAttribute('href')),
          firstFocusable: first ? (first.matches('a.skip-link') ? 'skip-link' : `${first.tagName.toLowerCase()} "${txt(first).slice(0, 30)}"`) : null,
          controlsShown: controls.filter((c) => c.offsetWidth || c.offsetHeight).length,
          links: [...document.querySelectorAll('a[href], area[href]')].map((a) => ({ raw: a.getAttribute('href'), abs: a.href })),
          ids: [...document.querySelectorAll('[id]')].map((e) => e.id).concat([...document.querySelectorAll('a[name]')].map((a) => a.getAttribute('name'))),
        };
      });
      ids.set(rel, new Set(d.ids));
      if (want('structure')) {
        const p = [];
        if (!d.lang) p.push('<html> has no lang');
        if (!d.title) p.push('no <title>');
        if (d.mains !== 1) p.push(`${d.mains} <main> elements (want exactly 1)`);
        else if (d.mainId !== 'main') p.push(`<main> has id "${d.mainId}", the skip link needs id="main"`);
        if (d.h1s.length !== 1) p.push(`${d.h1s.length} <h1> elements (want exactly 1)${d.h1s.length ? ': ' + d.h1s.map((h) => `"${h.text}"`).join(', ') : ''}`);
        else if (!d.h1s[0].inMain) p.push('the <h1> is not inside <main>');
        if (!d.skip.includes('#main')) p.push(`no a.skip-link with href="#main" (found: ${JSON.stringify(d.skip)})`);
        if (d.firstFocusable !== 'skip-link') p.push(`the skip link is not the first thing to focus (first is ${d.firstFocusable})`);
        // Links to the same page in the other versions.
        const [v, ...restParts] = rel.split('/');
        if (VERSIONS.includes(v) && restParts.length) {
          const rest = restParts.join('/');
          const targets = new Set(d.links.map((l) => site.localPath(l.abs.split('#')[0])).filter((x) => x !== null));
          for (const w of VERSIONS) {
            if (w === v) continue;
            const want = `${w}/${rest}`;
            if (!targets.has(want)) p.push(`no link to the ${w} version of this page (${want})`);
          }
        }
        results.expect('structure', rel, p);
      }
      if (want('nojs')) {
        const p = [];
        const h1 = d.h1s[0];
        if (!h1 || !h1.text) p.push('no h1 text with JavaScript off');
        else if (!h1.visible) p.push('the h1 is not visible with JavaScript off');
        const rest = d.mainText.replace(h1 ? h1.text : '', '').trim();
        if (rest.length < 20) p.push(`<main> has almost no text with JavaScript off (${JSON.stringify(d.mainText.slice(0, 80))})`);
        if (d.controlsShown) p.push('the reader controls are shown with JavaScript off');
        for (const f of o.log.failed) p.push(`failed to load: ${f}`);
        results.expect('nojs', rel, p);
      }
      if (want('links')) {
        const p = [];
        for (const { raw, abs } of d.links) {
          const r = (raw || '').trim();
          if (!r || r.startsWith('mailto:') || r.startsWith('tel:') || r.startsWith('sms:')) continue;
          if (/^javascript:/i.test(r)) { p.push(`javascript: link ${r}`); continue; }
          if (/^[a-z][a-z0-9+.-]*:/i.test(r) || r.startsWith('//')) {
            const u = new URL(abs);
            if (u.protocol === 'file:') p.push(`absolute file: link ${r}`);
            continue; // a link to another site: fine to link, never loaded
          }
          if (r.startsWith('/') && !site.isNotFound(rel)) { p.push(`root-relative link ${r} breaks when the folder is opened from disk`); continue; }
          const [noHash, frag] = [abs.split('#')[0], abs.includes('#') ? decodeURIComponent(abs.slice(abs.indexOf('#') + 1)) : ''];
          const target = site.localPath(noHash.split('?')[0]);
          if (target === null) { p.push(`link ${r} leads outside the built folder`); continue; }
          const samePage = r.startsWith('#');
          if (!samePage) {
            const pathPart = r.split('#')[0].split('?')[0];
            if (pathPart.endsWith('/') || pathPart === '.' || pathPart === '..') { p.push(`link ${r} names a folder, not a file (…/index.html)`); continue; }
            if (!site.exists(target)) { p.push(`broken link ${r} (no file ${target})`); continue; }
          }
          if (frag && frag !== 'top') fragmentLinks.push({ page: rel, raw: r, target: samePage ? rel : target, frag });
        }
        // Fragments are checked once every page's ids are known; see checkFragments().
        results.expect('links', rel, p);
      }
    } catch (e) {
      for (const c of ['nojs', 'links', 'structure']) if (want(c)) results.fail(c, rel, `could not check: ${e.message.split('\n')[0]}`);
    } finally {
      if (page) await page.close();
    }
  });
  await context.close();
}

function checkFragments() {
  const bad = new Map();
  for (const l of fragmentLinks) {
    if (!l.target.endsWith('.html')) continue;
    const set = ids.get(l.target);
    if (!set) continue; // target page was filtered out of this run
    if (!set.has(l.frag)) {
      if (!bad.has(l.page)) bad.set(l.page, []);
      bad.get(l.page).push(`link ${l.raw}: no id="${l.frag}" on ${l.target}`);
    }
  }
  for (const [p, list] of bad) results.fail('fragments', p, [...new Set(list)].join('\n'));
  const okPages = new Set(fragmentLinks.map((l) => l.page).filter((p) => !bad.has(p)));
  for (const p of okPages) results.pass('fragments', p);
}

// ---- reader controls, on one guide page
async function controlsTest() {
  if (!want('controls')) return;
  const guide = pages.find((p) => /^plain\/guides\/[^/]+\/index\.html$/.test(p)) || pages.find((p) => /\/guides\/.+\.html$/.test(p));
  const name = 'controls';
  if (!guide) { results.fail(name, '(none)', 'no guide page to test the reader controls on'); return; }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await guard(context);
  // Record the class on <html> at the moment <body> is first inserted: that is before the first paint.
  await context.addInitScript(() => {
    window.__eiEarly = null;
    const mo = new MutationObserver(() => {
      if (document.body && window.__eiEarly === null) { window.__eiEarly = document.documentElement.className; mo.disconnect(); }
    });
    mo.observe(document, { childList: true, subtree: true });
  });
  try {
    const { page, log } = await open(context, site.url(guide));
    const p = [];
    // Visible and labelled.
    const info = await page.evaluate(() => {
      const box = document.getElementById('reader-controls');
      if (!box) return null;
      const group = box.querySelector('[role="group"]');
      const lab = group && group.getAttribute('aria-labelledby') ? document.getElementById(group.getAttribute('aria-labelledby')) : null;
      return {
        visible: !box.hidden && !!(box.offsetWidth || box.offsetHeight),
        groupLabel: (group && (group.getAttribute('aria-label') || (lab && lab.textContent.trim()))) || '',
        buttons: [...box.querySelectorAll('button')].map((b) => ({ name: (b.getAttribute('aria-label') || b.textContent || '').trim(), type: b.type, pressed: b.getAttribute('aria-pressed') })),
        prefsInHead: [...document.head.querySelectorAll('script[src]')].filter((s) => /prefs\.js$/.test(s.getAttribute('src'))).map((s) => ({ async: s.async, defer: s.defer, module: s.type === 'module' })),
      };
    });
    if (!info) { results.fail(name, guide, 'no #reader-controls on the page'); await context.close(); return; }
    if (!info.visible) p.push('the reader controls are not shown with JavaScript on');
    if (!info.groupLabel) p.push('the controls group has no label');
    if (info.buttons.length < 3) p.push(`only ${info.buttons.length} buttons`);
    for (const b of info.buttons) if (!b.name) p.push('a control button has no accessible name');
    for (const want of ['Bigger text', 'Smaller text', 'High contrast']) if (!info.buttons.some((b) => b.name.toLowerCase().includes(want.toLowerCase()))) p.push(`no "${want}" button`);
    if (!info.buttons.some((b) => /spac/i.test(b.name))) p.push('no line spacing button');
    if (info.prefsInHead.length !== 1) p.push('prefs.js is not a script in <head>');
    else if (info.prefsInHead[0].async || info.prefsInHead[0].defer || info.prefsInHead[0].module) p.push('prefs.js in <head> is async/defer/module, so it may run after the first paint');
    for (const e of [...log.errors, ...log.console]) p.push(`error on load (JS must run from file:// under the page CSP): ${e}`);

    // Keyboard: Tab to "Bigger text", press Enter.
    const tabTo = async (label) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const t = await page.evaluate(() => (document.activeElement && document.activeElement.tagName === 'BUTTON' ? document.activeElement.textContent.trim() : ''));
        if (t.toLowerCase() === label.toLowerCase()) return true;
      }
      return false;
    };
    const cls = () => page.evaluate(() => [...document.documentElement.classList]);
    if (!(await tabTo('Bigger text'))) p.push('could not reach "Bigger text" with Tab');
    else {
      await page.keyboard.press('Enter');
      if (!(await cls()).includes('ei-size-1')) p.push('Enter on "Bigger text" did not add ei-size-1 to <html>');
      // Space works on a button too, and toggles aria-pressed on high contrast.
      if (!(await tabTo('High contrast'))) p.push('could not reach "High contrast" with Tab');
      else {
        await page.keyboard.press('Space');
        const st = await page.evaluate(() => ({ pressed: document.activeElement.getAttribute('aria-pressed'), on: document.documentElement.classList.contains('ei-contrast') }));
        if (!st.on) p.push('Space on "High contrast" did not add ei-contrast');
        if (st.pressed !== 'true') p.push(`"High contrast" has aria-pressed=${st.pressed} after switching it on`);
        await page.keyboard.press('Space');
        if ((await cls()).includes('ei-contrast')) p.push('pressing "High contrast" again did not switch it off');
      }
      const stored = await page.evaluate(() => localStorage.getItem('easyinfo-prefs'));
      let prefs = {};
      try { prefs = JSON.parse(stored || '{}'); } catch { p.push(`easyinfo-prefs is not JSON: ${stored}`); }
      if (prefs.size !== 1) p.push(`localStorage easyinfo-prefs is ${stored}, want size 1`);
      // Survives a reload, and is on <html> before the body exists (so before the first paint).
      await page.reload({ waitUntil: 'load' });
      const after = await page.evaluate(() => ({ cls: [...document.documentElement.classList], early: window.__eiEarly }));
      if (!after.cls.includes('ei-size-1')) p.push(`after a reload <html> has class "${after.cls.join(' ')}", want ei-size-1`);
      if (!(after.early || '').split(/\s+/).includes('ei-size-1')) p.push(`ei-size-1 was not on <html> when <body> began (class was "${after.early}"): the choice would flash`);
      // It also applies on another page of the site (same browser storage).
      const other = pages.find((x) => x !== guide && !site.isNotFound(x));
      if (other) {
        await page.goto(site.url(other), { waitUntil: 'load' });
        if (!(await cls()).includes('ei-size-1')) p.push(`the choice is not applied on another page (${other})`);
      }
    }
    results.expect(name, guide, p);
    await page.close();
  } catch (e) {
    results.fail(name, guide, `could not check: ${e.message.split('\n')[0]}`);
  }
  await context.close();
}

// ---------------------------------------------------------------- run
const passes = [
  ['light (file://): requests, errors, weight, axe, axe high contrast', passLight],
  ['no JavaScript (file://): structure, content, links', passNoJs],
  ['320 px (file://): reflow, keyboard', passNarrow],
  ['dark (http://127.0.0.1): axe, requests', passDark],
  ['reader controls', controlsTest],
  ['directory search', () => (want('search') ? searchTests({ browser, site, pages: allPages, results, guard, open }) : null)],
  ['search in other languages', () => (want('search-words') ? searchWordsTests({ browser, site, pages: allPages, results, guard, open }) : null)],
  ['listen', () => (want('listen') ? listenTests({ browser, site, pages, results, guard, open, runAxe, describeViolations }) : null)],
];
for (const [label, fn] of passes) {
  const t = Date.now();
  try {
    await fn();
  } catch (e) {
    results.fail('suite', label, `the pass stopped: ${e.stack || e}`);
  }
  console.log(`browser: pass "${label}" done in ${((Date.now() - t) / 1000).toFixed(1)}s`);
}
if (want('links') && want('fragments')) checkFragments();
await browser.close().catch(() => {});
await closeServer();

if (vnuPromise) {
  const v = await vnuPromise;
  if (v.error) results.fail('vnu', '(all)', v.error);
  else {
    const byFile = new Map();
    for (const m of v.json.messages || []) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      const rel = m.url ? site.localPath(m.url) ?? m.url : '(vnu)';
      if (!byFile.has(rel)) byFile.set(rel, []);
      byFile.get(rel).push(`line ${m.lastLine ?? '?'}: ${m.message}${m.extract ? `  [${m.extract.replace(/\s+/g, ' ').slice(0, 100)}]` : ''}`);
    }
    for (const rel of pages) results.expect('vnu', rel, byFile.get(rel) || []);
    for (const [rel, list] of byFile) if (!pages.includes(rel)) results.fail('vnu', rel, list.join('\n'));
  }
}

// ---------------------------------------------------------------- report
console.log('');
console.log('browser: results per check');
for (const name of results.order) {
  const c = results.checks.get(name);
  console.log(`  ${c.failed ? 'FAIL' : 'ok  '} ${name.padEnd(14)} ${String(c.pages.size).padStart(4)} pages checked, ${c.passed} passed, ${c.failed} failed`);
}
if (weights.length) {
  weights.sort((a, b) => b.bytes - a.bytes);
  const h = weights[0];
  console.log(`browser: heaviest page: ${h.rel}, ${h.bytes} bytes (${kb(h.bytes)}) of HTML, CSS and JS; limit ${MAX_WEIGHT} bytes`);
  console.log(`         ${h.parts.join(', ')}`);
}
if (incompleteTally.size) {
  console.log('browser: axe "needs review" results (not failures): ' + [...incompleteTally].map(([k, n]) => `${k} ×${n}`).join(', '));
}
const { passed, failed } = results.totals();
if (failed) {
  console.log('');
  console.log('browser: failures');
  for (const name of results.order) for (const f of results.checks.get(name).failures) console.log(`  [${name}] ${f.page}: ${String(f.detail).split('\n')[0]}`);
}
console.log(`browser: ${pages.length} pages, ${elapsed()}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed || passed === 0 ? 1 : 0);
