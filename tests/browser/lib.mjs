// Shared helpers for the browser suite: page discovery, the local static
// server, URL <-> file mapping and the result book-keeping.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { pathToFileURL, fileURLToPath } from 'node:url';

export const VERSIONS = ['easy', 'large', 'plain'];

/** Every .html file under `root`, as paths relative to root with `/` separators, sorted. */
export function findPages(root) {
  const out = [];
  const walk = (dir) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(full);
      else if (ent.isFile() && ent.name.endsWith('.html')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** The path part of the site's base_url, read from sitemap.xml ("/" when unknown). */
export function basePathOf(root) {
  try {
    const xml = fs.readFileSync(path.join(root, 'sitemap.xml'), 'utf8');
    const m = xml.match(/<loc>\s*([^<\s]+)\s*<\/loc>/);
    if (m) {
      const p = new URL(m[1]).pathname;
      // The first <loc> is some page; the base is what all locs share. Take the
      // shortest common directory prefix of every loc.
      const locs = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((x) => new URL(x[1]).pathname);
      let prefix = p;
      for (const l of locs) while (!l.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
      return prefix.endsWith('/') ? prefix : '/';
    }
  } catch {}
  return '/';
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.otf': 'font/otf',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf', '.csv': 'text/csv; charset=utf-8',
};

/**
 * A tiny static server on 127.0.0.1 that serves `root` under `basePath`, the
 * way a plain web host would: a folder serves its index.html, and a missing
 * file gets 404.html with status 404.
 */
export function startServer(root, basePath) {
  const server = http.createServer((req, res) => {
    let rel = null;
    try {
      const u = new URL(req.url, 'http://127.0.0.1');
      const p = decodeURIComponent(u.pathname);
      if (p.startsWith(basePath)) rel = p.slice(basePath.length);
      else if (p + '/' === basePath) rel = '';
    } catch {}
    let file = rel === null ? null : path.resolve(root, '.' + path.posix.sep + rel);
    if (file && !(file === root || file.startsWith(root + path.sep))) file = null;
    try {
      if (file && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    } catch {}
    let status = 200;
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      status = 404;
      // A language's own 404 page (cy/404.html) for a missing address in its folder.
      const lang = (rel || '').split('/')[0];
      file = lang && fs.existsSync(path.join(root, lang, '404.html')) ? path.join(root, lang, '404.html') : path.join(root, '404.html');
      if (!fs.existsSync(file)) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
    }
    const body = fs.readFileSync(file);
    res.writeHead(status, { 'content-type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/**
 * Maps URLs to files in the built folder and back. `site.url(rel)` is how a
 * page is opened in the file:// passes (404.html is the exception: a host
 * serves it for missing paths, and its links are root-relative, so it is
 * always opened over the local server at a missing address).
 */
export class Site {
  constructor(root, origin, basePath) {
    this.root = root;
    this.origin = origin;
    this.basePath = basePath;
    this.rootUrl = pathToFileURL(root + path.sep).href;
  }
  fileUrl(rel) { return pathToFileURL(path.join(this.root, rel)).href; }
  httpUrl(rel) { return this.origin + this.basePath + rel.split('/').map(encodeURIComponent).join('/'); }
  /** A missing address, in the folder of the 404 page `rel` (`404.html` or a language's `cy/404.html`). */
  missingUrl(rel = '404.html') { return this.origin + this.basePath + rel.replace(/404\.html$/, '') + 'no/such/page/index.html'; }
  isMissingUrl(url) { return url.startsWith(this.origin + this.basePath) && url.endsWith('/no/such/page/index.html'); }
  isNotFound(rel) { return /^([a-z]{2,3}(-[A-Za-z0-9]{1,8})*\/)?404\.html$/.test(rel); }
  url(rel) { return this.isNotFound(rel) ? this.missingUrl(rel) : this.fileUrl(rel); }
  urlHttp(rel) { return this.isNotFound(rel) ? this.missingUrl(rel) : this.httpUrl(rel); }
  /** The file (relative to root) that a URL loads, or null if it is not inside the built folder. */
  localPath(url) {
    let u;
    try { u = new URL(url); } catch { return null; }
    if (u.protocol === 'file:') {
      let p;
      try { p = fileURLToPath(u.origin === 'null' ? u.href.split('#')[0].split('?')[0] : u.href); } catch { return null; }
      p = path.resolve(p);
      if (p === this.root) return '';
      if (!p.startsWith(this.root + path.sep)) return null;
      return path.relative(this.root, p).split(path.sep).join('/');
    }
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin === this.origin) {
      const p = decodeURIComponent(u.pathname);
      if (!p.startsWith(this.basePath)) return null;
      return p.slice(this.basePath.length);
    }
    return null;
  }
  /** True when a request to `url` stays on this site (the built folder, or the local server). */
  isOwn(url) {
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
    let u;
    try { u = new URL(url); } catch { return false; }
    if (u.protocol === 'file:') return this.localPath(url) !== null;
    return u.origin === this.origin;
  }
  exists(rel) {
    try { return fs.statSync(path.join(this.root, rel)).isFile(); } catch { return false; }
  }
  size(rel) {
    try { return fs.statSync(path.join(this.root, rel)).size; } catch { return 0; }
  }
}

/** Book-keeping: one result per (check, page). */
export class Results {
  constructor() { this.checks = new Map(); this.order = []; }
  check(name) {
    if (!this.checks.has(name)) { this.checks.set(name, { name, pages: new Set(), passed: 0, failed: 0, failures: [] }); this.order.push(name); }
    return this.checks.get(name);
  }
  pass(name, page) { const c = this.check(name); c.pages.add(page); c.passed++; }
  fail(name, page, detail) {
    const c = this.check(name); c.pages.add(page); c.failed++;
    c.failures.push({ page, detail });
    const lines = String(detail).split('\n');
    console.log(`  FAIL [${name}] ${page}: ${lines[0]}`);
    for (const l of lines.slice(1, 30)) console.log(`       ${l}`);
    if (lines.length > 30) console.log(`       … ${lines.length - 30} more lines`);
  }
  /** Records a pass if `problems` is empty, else one failure listing them. */
  expect(name, page, problems) {
    if (!problems || problems.length === 0) this.pass(name, page);
    else this.fail(name, page, problems.join('\n'));
  }
  totals() {
    let passed = 0; let failed = 0;
    for (const c of this.checks.values()) { passed += c.passed; failed += c.failed; }
    return { passed, failed };
  }
}

export function kb(bytes) { return `${(bytes / 1024).toFixed(1)} KB`; }
