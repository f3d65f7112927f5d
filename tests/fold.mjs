// The browser's fold (themes/default/js/search.js) against the cases the
// Rust fold is tested on (tests/fixtures/fold/cases.txt), so a query folds
// as the search index does. Run: node tests/fold.mjs (from .ci/run).
// The Rust test in src/core/fold.rs checks that search.js holds the fold
// text it generates; this runs that text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const js = fs.readFileSync(path.join(root, 'themes/default/js/search.js'), 'utf8');
const start = js.indexOf('  var EXTRA = ');
const end = js.indexOf('\n  }\n', js.indexOf('function fold(t)', start));
if (start < 0 || end < 0) {
  console.error('fold: cannot find `var EXTRA` and `function fold` in search.js');
  process.exit(1);
}
const fold = new Function(js.slice(start, end + 4) + '\nreturn fold;')();

const unescape = (s) => s.replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, h) => String.fromCodePoint(parseInt(h, 16)));
const lines = fs.readFileSync(path.join(root, 'tests/fixtures/fold/cases.txt'), 'utf8').split('\n');
let failed = 0, passed = 0;
for (const line of lines) {
  if (!line || line.startsWith('#')) continue;
  const [from, want] = line.split('\t').map(unescape);
  const got = fold(from);
  if (got === want) passed++;
  else {
    failed++;
    console.error(`fold: ${JSON.stringify(from)} gave ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}
console.log(`fold: ${passed} passed, ${failed} failed`);
process.exit(failed || passed < 20 ? 1 : 0);
