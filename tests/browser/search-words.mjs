// Directory search speaks the page's language: on every directory home in a
// language other than the main one (`<code>/<version>/directory/index.html`),
// from file://, a search that finds nothing and one that finds services show
// that language's messages (the page's data-say-* words) and none of the
// main language's (read from the same version's main home).
//
// Checks (results named "search-words"): the status and the result facts
// hold none of the main language's search messages, and the "nothing found"
// status is the page's own words.
import { VERSIONS } from './lib.mjs';

const HOME = /^([a-z]{2,3}(?:-[a-z0-9]+)?)\/(easy|large|plain)\/directory\/index\.html$/;

/** The form's words, as search.js reads them. */
function formWords() {
  const form = document.getElementById('directory-search');
  const out = {};
  for (const a of form ? form.attributes : []) {
    if (!a.name.startsWith('data-say-')) continue;
    const v = JSON.parse(a.value);
    const texts = typeof v === 'string' ? [v] : Object.entries(v).filter(([k]) => k !== 'lang').map(([, s]) => s);
    out[a.name.slice(9)] = texts;
  }
  return out;
}

/** The fixed pieces of each message (the text between its {placeholders}), 4 letters or more. */
function pieces(words) {
  return Object.values(words).flat().flatMap((s) => s.split(/\{[^}]*\}/)).map((s) => s.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')).filter((s) => s.length >= 4);
}

export async function searchWordsTests({ browser, site, pages, results, guard, open }) {
  const homes = pages.filter((p) => HOME.test(p) && VERSIONS.includes(p.split('/')[1]));
  if (!homes.length) return;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await guard(context);
  for (const rel of homes) {
    const main = rel.split('/').slice(1).join('/');
    const p = [];
    try {
      const { page: en } = await open(context, site.url(main));
      const english = pieces(await en.evaluate(formWords));
      await en.close();
      if (english.length < 5) p.push(`${main} gives search no words to compare with (data-say-* on the form)`);
      const { page } = await open(context, site.url(rel));
      await page.waitForSelector('#directory-search:not([hidden])', { timeout: 5000 });
      const own = await page.evaluate(formWords);
      const run = async (q) => {
        await page.fill('#search-q', q);
        await page.press('#search-q', 'Enter');
        await page.waitForFunction(() => !document.getElementById('directory-search').hasAttribute('aria-busy')
          && document.getElementById('search-status').textContent.trim() !== '', null, { timeout: 5000 });
        await page.waitForTimeout(600);
        return page.evaluate(() => ({
          status: document.getElementById('search-status').textContent.trim(),
          facts: [...document.querySelectorAll('#search-results .result-facts')].map((e) => e.textContent).join(' | '),
        }));
      };
      const none = await run('qxzqxzqxz');
      if (!(own.none || []).includes(none.status)) p.push(`nothing found says "${none.status}", not the page's own words ${JSON.stringify(own.none)}`);
      await page.click('#search-clear');
      if (await page.$('#filter-free')) {
        await page.evaluate(() => { const d = document.getElementById('filter-free').closest('details'); if (d) d.open = true; });
        await page.setChecked('#filter-free', true);
      }
      const found = await run(' ');
      if (!/\d/.test(found.status)) p.push(`the count has no number: "${found.status}"`);
      for (const [what, text] of [['nothing found', none.status], ['the count', found.status], ['the result facts', found.facts]]) {
        const hit = english.filter((w) => !pieces(own).includes(w) && text.includes(w));
        if (hit.length) p.push(`${what} has the main language's words: ${hit.join(', ')} in "${text.slice(0, 200)}"`);
      }
      await page.close();
    } catch (e) {
      p.push(`could not search: ${e.message.split('\n')[0]}`);
    }
    results.expect('search-words', rel, p);
  }
  await context.close();
}
