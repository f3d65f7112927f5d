// Directory search, from file://, against the markup of
// themes/default/templates/directory/home.html and js/search.js:
//   form#directory-search (hidden until search.js runs), input#search-q,
//   select#filter-category, input#filter-free, p#search-status (role=status),
//   section#search-results-area > ol#search-results > li.result a (service links).
// The expected answers come from the built search index (js/search/index.*.js
// and terms-*.js), read here with node:vm, so the tests follow the content.
//
// Checks (results named "search-…"):
//   search-nojs      JS off: every directory home hides the form and offers category and A–Z links,
//                    and the A–Z page links to every service page of that version
//   search-query     typing a word from a service's name lists that service, and not every service
//   search-filter    a category filter shows exactly that category's services; "free" narrows further
//   search-typo      one letter wrong in a 5+ letter word still finds the service
//   search-synonym   a glossary synonym whose words are nowhere in the directory still finds services
//   search-url       opening index.html?q=… (Back, a shared link) shows the results
//   search-axe       axe-core on the directory home with results and filters shown
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { VERSIONS } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  rules: { 'color-contrast-enhanced': { enabled: true } },
  resultTypes: ['violations'],
};

/** Loads the built search index and every word file into plain objects. */
function loadIndex(root) {
  const dir = path.join(root, 'js', 'search');
  if (!fs.existsSync(dir)) return null;
  const sandbox = { window: {} };
  vm.createContext(sandbox);
  // Each language has its own index: take the one the main language's
  // plain directory page names, then the word files that index names.
  const home = path.join(root, 'plain', 'directory', 'index.html');
  const named = fs.existsSync(home) && /data-index="[^"]*?(index\.[0-9a-f]+\.js)"/.exec(fs.readFileSync(home, 'utf8').replace(/&#x2F;/g, '/'));
  if (!named) return null;
  const first = fs.readFileSync(path.join(dir, named[1]), 'utf8');
  const words = new Set(first.match(/terms-[a-z0-9-]*\.[0-9a-f]+\.js/g) || []);
  const files = [named[1], ...[...words].filter((f) => fs.existsSync(path.join(dir, f)))];
  for (const f of files) vm.runInContext(fs.readFileSync(path.join(dir, f), 'utf8'), sandbox);
  const ix = sandbox.window.EASYINFO_INDEX;
  if (!ix) return null;
  const keys = new Set();
  for (const t of Object.values(sandbox.window.EASYINFO_TERMS || {})) for (const k of t.k || []) keys.add(k);
  return { ix, keys };
}

const fold = (t) => String(t).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
/** At most one changed, extra, missing or swapped letter. */
function within1(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length > b.length) [a, b] = [b, a];
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i === a.length) return true;
  if (a.length !== b.length) return a.slice(i) === b.slice(i + 1);
  return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
}
/** True if `w` could reach some indexed word directly, by prefix or by one typo. */
function reachable(w, keys) {
  for (const k of keys) {
    if (k.startsWith(w) || w.startsWith(k.replace(/s$/, '')) && k.length > 3) return true;
    if (w.length >= 5 && (within1(w, k) || within1(w, k.slice(0, w.length)) || within1(w, k.slice(0, w.length + 1)))) return true;
  }
  return false;
}

export async function searchTests({ browser, site, pages, results, guard, open }) {
  const homes = VERSIONS.map((v) => `${v}/directory/index.html`).filter((p) => pages.includes(p));
  if (!homes.length) {
    results.fail('search-nojs', '(directory)', 'no {easy,large,plain}/directory/index.html was built');
    return;
  }

  // ---- JavaScript off: the directory home still offers ways in.
  {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await guard(context);
    for (const home of homes) {
      const { page } = await open(context, site.url(home));
      const d = await page.evaluate(() => {
        const form = document.getElementById('directory-search');
        const main = document.querySelector('main');
        const links = [...main.querySelectorAll('a[href]')].map((a) => ({ href: a.getAttribute('href'), abs: a.href, text: a.textContent.trim() }));
        return { formShown: !!(form && (form.offsetWidth || form.offsetHeight)), links };
      });
      const p = [];
      if (d.formShown) p.push('the search form is shown with JavaScript off, where it cannot work');
      const cats = d.links.filter((l) => /(^|\/)categories\/[^/]+\/index\.html$/.test(l.href));
      const az = d.links.filter((l) => /(^|\/)a-z\/index\.html$/.test(l.href));
      if (!cats.length) p.push('no links to category pages');
      if (!az.length) p.push('no link to the A–Z list');
      for (const l of [...cats, ...az]) {
        const target = site.localPath(l.abs.split('#')[0]);
        if (target === null || !site.exists(target)) p.push(`link ${l.href} leads to no file`);
      }
      results.expect('search-nojs', home, p);
      await page.close();
      // The A-Z page lists every service of this version.
      const v = home.split('/')[0];
      const azPage = `${v}/directory/a-z/index.html`;
      const services = pages.filter((x) => x.startsWith(`${v}/directory/services/`)).map((x) => x.split('/')[3]);
      if (pages.includes(azPage)) {
        const { page: pg } = await open(context, site.url(azPage));
        const listed = new Set(await pg.evaluate(() => [...document.querySelectorAll('main a[href]')]
          .map((a) => (a.getAttribute('href').match(/services\/([^/]+)\/index\.html$/) || [])[1]).filter(Boolean)));
        const missing = services.filter((s) => !listed.has(s));
        results.expect('search-nojs', azPage, missing.length ? [`the A–Z list does not link to: ${missing.join(', ')}`] : []);
        await pg.close();
      } else results.fail('search-nojs', azPage, 'no A–Z page');
    }
    await context.close();
  }

  // ---- JavaScript on.
  const data = loadIndex(site.root);
  const plainHome = homes.find((h) => h.startsWith('plain/')) || homes[0];
  if (!data) { results.fail('search-query', plainHome, 'no search index in js/search/'); return; }
  const { ix, keys } = data;
  const docs = ix.docs.map((d) => ({ name: d[1], cats: d[2], flags: d[5] }));
  const total = docs.length;

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await guard(context);

  /** Opens a directory home with JS on and waits for search.js to show the form. */
  async function home(rel) {
    const { page, log } = await open(context, site.url(rel));
    await page.waitForSelector('#directory-search:not([hidden])', { timeout: 5000 });
    return { page, log };
  }
  /** Sets the query and filters as a person would, then returns the names in the results. */
  async function search(page, { q = '', category = '', free = false }) {
    const t = { timeout: 5000 };
    await page.click('#search-clear', t);
    await reveal(page, '#filter-category');
    await page.selectOption('#filter-category', category, t);
    if (free || await page.$('#filter-free')) {
      await reveal(page, '#filter-free');
      await page.setChecked('#filter-free', free, t);
    }
    await page.fill('#search-q', q, t);
    await page.press('#search-q', 'Enter', t);
    const want = {};
    if (q) want.q = q;
    if (category) want.category = category;
    if (free) want.free = '1';
    await page.waitForFunction((w) => {
      const s = new URLSearchParams(location.search);
      return Object.entries(w).every(([k, v]) => s.get(k) === v) && [...s.keys()].every((k) => k in w)
        && !document.getElementById('search-results-area').hidden && !document.getElementById('directory-search').hasAttribute('aria-busy');
    }, want, { timeout: 5000 });
    return page.evaluate(() => ({
      names: [...document.querySelectorAll('#search-results li a')].map((a) => a.textContent.trim()),
      hrefs: [...document.querySelectorAll('#search-results li a')].map((a) => a.href),
      status: document.getElementById('search-status').textContent.trim(),
      more: !document.getElementById('search-more').hidden,
    }));
  }
  /** A control inside a closed <details> ("More choices") is opened the way a person would: by its summary. */
  async function reveal(page, sel) {
    const closed = await page.evaluate((q) => {
      const d = document.querySelector(q)?.closest('details');
      return !!(d && !d.open);
    }, sel);
    if (closed) await page.evaluate((q) => document.querySelector(q).closest('details').querySelector('summary').click(), sel);
  }
  const showAll = async (page) => {
    // "Show more" until everything is listed, so the sets can be compared.
    while (await page.evaluate(() => !document.getElementById('search-more').hidden)) await page.click('#search-more');
    return page.evaluate(() => [...document.querySelectorAll('#search-results li a')].map((a) => a.textContent.trim()));
  };

  // A word from a service's name: 5+ ASCII letters, indexed, and not in every service.
  let target = null;
  for (const d of docs) {
    for (const w of fold(d.name).split(/[^a-z]+/)) {
      if (w.length >= 6 && keys.has(w) && !['support', 'service', 'services'].includes(w)) { target = { doc: d, word: w }; break; }
    }
    if (target) break;
  }

  for (const rel of homes) {
    const v = rel.split('/')[0];
    let page;
    try {
      let log;
      ({ page, log } = await home(rel));
      // ---- a query
      if (target) {
        const r = await search(page, { q: target.word });
        const p = [];
        if (!r.names.includes(target.doc.name)) p.push(`"${target.word}" did not list ${target.doc.name} (got: ${r.names.join(', ') || 'nothing'})`);
        if (r.names.length >= total) p.push(`"${target.word}" listed all ${total} services`);
        if (!/\d/.test(r.status)) p.push(`the status message does not give a count: "${r.status}"`);
        for (const h of r.hrefs) { const t = site.localPath(h); if (t === null || !site.exists(t)) p.push(`result link ${h} leads to no file`); }
        results.expect('search-query', rel, p);
        // Information: the weight once search has loaded its index (the page-weight check counts the first load).
        const seen = new Set(); let bytes = 0;
        for (const q of log.requests) {
          if (!['document', 'stylesheet', 'script', 'fetch', 'xhr'].includes(q.type)) continue;
          const lp = site.localPath(q.url.split('#')[0].split('?')[0]);
          if (lp !== null && !seen.has(lp)) { seen.add(lp); bytes += site.size(lp); }
        }
        console.log(`browser: ${rel} after a search: ${bytes} bytes of HTML, CSS and JS (${(bytes / 1024).toFixed(1)} KB) including the search index`);
      } else results.fail('search-query', rel, 'no service name has a 6+ letter indexed word to search for');

      // ---- a category filter, then "free"
      {
        const counts = ix.cats.map((c, i) => ({ id: c[0], n: docs.filter((d) => d.cats.includes(i)).length, i }));
        const cat = counts.filter((c) => c.n > 0 && c.n < total).sort((a, b) => b.n - a.n)[0];
        const p = [];
        if (!cat) p.push('no category with some but not all services');
        else {
          await search(page, { category: cat.id });
          const got = new Set(await showAll(page));
          const want = new Set(docs.filter((d) => d.cats.includes(cat.i)).map((d) => d.name));
          const missing = [...want].filter((n) => !got.has(n));
          const extra = [...got].filter((n) => !want.has(n));
          if (missing.length) p.push(`category ${cat.id}: missing ${missing.join(', ')}`);
          if (extra.length) p.push(`category ${cat.id}: not in it: ${extra.join(', ')}`);
          if (await page.$('#filter-free')) {
          await search(page, { category: cat.id, free: true });
          const free = new Set(await showAll(page));
          const wantFree = [...want].filter((n) => docs.find((d) => d.name === n).flags & 1);
          if ([...free].some((n) => !want.has(n))) p.push('"free" added services outside the category');
          if (free.size !== wantFree.length) p.push(`category ${cat.id} + free: ${free.size} results, the index says ${wantFree.length}`);
          }
        }
        results.expect('search-filter', rel, p);
      }

      if (v === 'plain' || homes.length === 1) {
        // ---- a typo: one letter changed in the middle of a 6+ letter word
        if (target) {
          const w = target.word;
          let typo = null;
          for (const i of [Math.floor(w.length / 2), 2, w.length - 2]) {
            for (const c of 'xqzkjv') {
              const t = w.slice(0, i) + c + w.slice(i + 1);
              if (t !== w && !keys.has(t)) { typo = t; break; }
            }
            if (typo) break;
          }
          const r = await search(page, { q: typo });
          results.expect('search-typo', rel, r.names.includes(target.doc.name) ? [] : [`"${typo}" (for "${w}") did not find ${target.doc.name} (got: ${r.names.join(', ') || 'nothing'})`]);
        }
        // ---- a glossary synonym whose words appear in no service
        {
          // Prefer a phrase none of whose words the directory has, reached through a specific phrase.
          const generic = new Set(['support', 'help', 'service', 'services', 'council', 'care']);
          const cands = [];
          for (const group of ix.syn || []) {
            const direct = group.filter((ph) => ph.every((w) => keys.has(w)));
            const absent = group.filter((ph) => ph.some((w) => w.length > 2 && !reachable(w, keys)));
            for (const a of absent) for (const d of direct) {
              const full = a.every((w) => !reachable(w, keys));
              const vague = d.length === 1 && generic.has(d[0]);
              cands.push({ query: a.join(' '), via: d.join(' '), rank: (full ? 0 : 2) + (vague ? 1 : 0) });
            }
          }
          cands.sort((x, y) => x.rank - y.rank);
          // The first pair whose directory-side phrase really finds a service.
          let pair = null; let via = null;
          for (const c of cands.slice(0, 12)) {
            const v = await search(page, { q: c.via });
            if (v.names.length) { pair = c; via = v; break; }
          }
          const p = [];
          if (!pair) p.push('no glossary synonym group links a word absent from the directory to words that find a service');
          else {
            const r = await search(page, { q: pair.query });
            if (!r.names.length) p.push(`"${pair.query}" found nothing, though its synonym "${pair.via}" finds ${via.names.length}`);
            else if (!r.names.some((n) => via.names.includes(n))) p.push(`"${pair.query}" found ${r.names.join(', ')}, none of what "${pair.via}" finds`);
            else console.log(`browser: search-synonym: "${pair.query}" found ${r.names.length} service(s) through "${pair.via}"`);
          }
          results.expect('search-synonym', rel, p);
        }
      }

      // ---- axe with results and filters on screen
      {
        if (target) await search(page, { q: target.word });
        await page.evaluate(axeSource);
        const r = await page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
        results.expect('search-axe', rel, r.violations.flatMap((x) => [`${x.id}: ${x.help}`, ...x.nodes.slice(0, 3).map((n) => `    ${n.target.join(' ')} ${n.html.slice(0, 120)}`)]));
      }
      await page.close();
      page = null;

      // ---- the address keeps the search
      if (target) {
        const { page: pg } = await open(context, site.url(rel) + '?q=' + encodeURIComponent(target.word));
        const ok = await pg.waitForFunction((n) => [...document.querySelectorAll('#search-results li a')].some((a) => a.textContent.trim() === n), target.doc.name, { timeout: 5000 }).then(() => true, () => false);
        results.expect('search-url', rel, ok ? [] : [`index.html?q=${target.word} did not show ${target.doc.name}`]);
        await pg.close();
      }
    } catch (e) {
      results.fail('search-run', rel, `could not run the search tests: ${e.message.split('\n')[0]}`);
    } finally {
      if (page) await page.close();
    }
  }
  await context.close();
}
