// "Listen to this page" (themes/default/js/listen.js, templates/parts/listen.html),
// with the browser's speechSynthesis replaced, before any page script runs, by a
// stub that records every utterance and call. The page's clock is Playwright's,
// so the pauses between easy read pairs take no real time.
//
// Checks (results named "listen-…"):
//   listen-speak     on every guide page: Listen speaks the main text, block by block, in order
//                    (the same words as <main> without the control and the recording), starting
//                    with the h1, in the page's language, each block marked while it is read, and
//                    nothing from the header, navigation, skip link or footer
//   listen-easy      on easy read pages: no picture file name or alt text is spoken, each pair's
//                    words are their own utterances, and a term box comes right after the block
//                    that uses the term
//   listen-keys      on one guide page, by keyboard only: the buttons show a focus outline;
//                    Listen, Pause (calls pause()), Resume (resume()), Stop (cancel(), the buttons
//                    go, focus returns to Listen, no block stays marked); axe (with AAA contrast)
//                    while a block is marked
//   listen-hidden    the control is not shown with JavaScript off (every guide page), nor where
//                    the browser has no speechSynthesis (one page, and no script errors there)
const GUIDE = /^(easy|large|plain)\/guides\/[^/]+\/index\.html$/;

/** Replaces speechSynthesis with a recorder; `auto` ends each utterance at once. */
function stub(opts) {
  const log = (window.__listen = { spoken: [], calls: [], auto: opts.auto });
  if (opts.none) {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: undefined, configurable: true });
    return;
  }
  let queue = [];
  let speaking = null;
  let paused = false;
  const fire = (u, name, extra) => { if (u['on' + name]) u['on' + name](Object.assign({ type: name, utterance: u, name: 'word', charIndex: 0 }, extra)); };
  const finish = (u) => { if (speaking !== u) return; speaking = null; fire(u, 'end'); run(); };
  function run() {
    if (speaking || paused || !queue.length) return;
    const u = (speaking = queue.shift());
    setTimeout(() => { fire(u, 'start'); fire(u, 'boundary', { charIndex: 0, charLength: 0 }); if (log.auto) finish(u); }, 0);
  }
  log.finish = () => speaking && finish(speaking);
  const norm = (t) => (t || '').replace(/\s+/g, ' ').trim();
  const synth = {
    speak(u) {
      log.calls.push('speak');
      const m = document.querySelector('.listen-current');
      log.spoken.push({ text: u.text, lang: u.lang, marked: m ? norm(m.textContent) : null, markedInMain: !!(m && m.closest('main')) });
      queue.push(u);
      run();
    },
    cancel() { log.calls.push('cancel'); const u = speaking; queue = []; speaking = null; if (u) setTimeout(() => fire(u, 'error', { error: 'interrupted' }), 0); },
    pause() { log.calls.push('pause'); paused = true; },
    resume() { log.calls.push('resume'); paused = false; run(); },
    get speaking() { return !!speaking; },
    get paused() { return paused; },
    get pending() { return queue.length > 0; },
    getVoices() { return []; },
    addEventListener() {},
    removeEventListener() {},
  };
  class Utterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; this.pitch = 1; this.volume = 1; } }
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true });
}

/** What the page shows: its main words (without the control and recording), and the words outside main. */
function pageWords() {
  const norm = (t) => (t || '').replace(/\s+/g, ' ').trim();
  const main = document.getElementById('main').cloneNode(true);
  for (const el of main.querySelectorAll('.listen, .recording, script, [hidden], .pair-picture, [data-listen-skip]')) el.remove();
  // Each piece of text outside the main text: the skip link, title, version and menu links, footer lines, the buttons.
  const outside = [...document.querySelectorAll('.skip-link, .site-title, .site-header li, .versions-label, .site-footer p, .reader-controls p, #listen button, .recording p')]
    .map((e) => norm(e.textContent));
  const imgs = [...document.querySelectorAll('main img')].map((i) => ({ file: (i.getAttribute('src') || '').split('/').pop(), alt: norm(i.getAttribute('alt')) }));
  const pairWords = [...document.querySelectorAll('main .pair-words > p:not(.meaning)')].map((p) => norm(p.textContent));
  const meanings = [...document.querySelectorAll('main .meaning')].map((m) => ({ text: norm(m.textContent), term: norm(m.querySelector('strong')?.textContent) }));
  return { main: norm(main.textContent), h1: norm(document.querySelector('main h1')?.textContent), lang: document.documentElement.lang, outside, imgs, pairWords, meanings };
}

const tokens = (t) => (t.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []);

export async function listenTests({ browser, site, pages, results, guard, open, runAxe, describeViolations }) {
  const guides = pages.filter((p) => GUIDE.test(p));
  if (!guides.length) { results.fail('listen-speak', '(none)', 'no guide pages'); return; }

  // ---- Listen on every guide page, the stub ending each utterance at once.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    await guard(context);
    await context.addInitScript(stub, { auto: true });
    for (const rel of guides) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e.message || e)));
      try {
        await page.clock.install();
        await page.goto(site.url(rel), { waitUntil: 'load' });
        const p = [];
        const shown = await page.evaluate(() => { const b = document.getElementById('listen'); return !!b && !b.hidden && !!(b.offsetWidth || b.offsetHeight); });
        if (!shown) p.push('the Listen control is not shown with JavaScript and speech');
        else {
          await page.click('#listen [data-listen="play"]');
          for (let i = 0; i < 30; i++) {
            await page.clock.runFor(5000);
            if (await page.evaluate(() => document.getElementById('listen').getAttribute('data-state') === 'idle')) break;
          }
          const log = await page.evaluate(() => window.__listen);
          const w = await page.evaluate(pageWords);
          const said = log.spoken.map((s) => s.text);
          const saidWords = tokens(said.join(' ')).join(' ');
          const mainWords = tokens(w.main).join(' ');
          if (saidWords !== mainWords) {
            const a = saidWords.split(' '); const b = mainWords.split(' ');
            let k = 0; while (k < a.length && a[k] === b[k]) k++;
            p.push(`spoken words differ from the main text at word ${k}: said "${a.slice(k, k + 8).join(' ')}", page has "${b.slice(k, k + 8).join(' ')}"`);
          }
          if (said[0] !== w.h1) p.push(`the first thing spoken is "${said[0]}", not the h1 "${w.h1}"`);
          if (said.length < 3) p.push(`only ${said.length} utterances: the text is not read block by block`);
          const joined = said.join('\n');
          // An utterance that is a label from outside, or a longer line from outside inside one (short labels such as "Stop" may be words of the text).
          for (const o of w.outside) if (o && (said.includes(o) || (o.split(' ').length >= 4 && joined.includes(o)))) p.push(`spoke text from outside the main text: "${o.slice(0, 60)}"`);
          for (const s of log.spoken) {
            if (s.lang !== w.lang) { p.push(`utterance lang "${s.lang}", the page is "${w.lang}"`); break; }
            const marked = new Set(tokens(s.marked || ''));
            if (!s.markedInMain || !tokens(s.text).every((t) => marked.has(t))) { p.push(`"${s.text.slice(0, 50)}" was spoken while it was not the marked block (marked: "${(s.marked || 'nothing').slice(0, 50)}")`); break; }
          }
          if (await page.evaluate(() => !!document.querySelector('.listen-current'))) p.push('a block is still marked after the reading ended');
          if (rel.startsWith('easy/')) {
            const e = [];
            for (const img of w.imgs) {
              if (img.file && joined.includes(img.file)) e.push(`spoke the picture's file name ${img.file}`);
              if (img.alt && said.some((s) => s.includes(img.alt))) e.push(`spoke the picture's alt text "${img.alt}"`);
            }
            for (const words of w.pairWords) if (!said.includes(words)) e.push(`the pair's words "${words.slice(0, 50)}" are not an utterance of their own`);
            const meaningTexts = new Set(w.meanings.map((m) => m.text));
            for (const m of w.meanings) {
              const i = said.indexOf(m.text);
              // The block before it, past the other term boxes for the same block.
              let j = i - 1;
              while (j >= 0 && meaningTexts.has(said[j])) j--;
              if (i < 0) e.push(`the term box "${m.text.slice(0, 50)}" was not spoken`);
              else if (j < 0 || !said[j].toLowerCase().includes(m.term.toLowerCase())) e.push(`the term box for "${m.term}" does not come right after the block that uses it (before it: "${(said[j] || '').slice(0, 50)}")`);
            }
            if (!w.imgs.length && !w.pairWords.length) e.push('no picture-and-words pairs on an easy read guide page');
            results.expect('listen-easy', rel, e);
          }
        }
        for (const e of errors) p.push(`script error: ${e}`);
        results.expect('listen-speak', rel, p);
      } catch (e) {
        results.fail('listen-speak', rel, `could not check: ${e.message.split('\n')[0]}`);
      } finally {
        await page.close();
      }
    }
    await context.close();
  }

  // ---- By keyboard on one page: Listen, Pause, Resume, Stop; axe while a block is marked.
  {
    const rel = guides.find((g) => g.startsWith('plain/')) || guides[0];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    await guard(context);
    await context.addInitScript(stub, { auto: false });
    const page = await context.newPage();
    const p = [];
    try {
      await page.goto(site.url(rel), { waitUntil: 'load' });
      const tabTo = async (what) => {
        for (let i = 0; i < 80; i++) {
          await page.keyboard.press('Tab');
          if (await page.evaluate((w) => document.activeElement && document.activeElement.getAttribute('data-listen') === w, what)) return true;
        }
        return false;
      };
      const focusShown = () => page.evaluate(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; });
      const state = () => page.evaluate(() => ({
        calls: window.__listen.calls, spoken: window.__listen.spoken.length,
        pause: (() => { const b = document.querySelector('#listen [data-listen="pause"]'); return { shown: !b.hidden, text: b.textContent.trim() }; })(),
        stopShown: !document.querySelector('#listen [data-listen="stop"]').hidden,
        marked: !!document.querySelector('main .listen-current'),
        focus: document.activeElement && document.activeElement.getAttribute('data-listen'),
      }));
      if (!(await tabTo('play'))) p.push('could not reach "Listen to this page" with Tab');
      else {
        if (!(await focusShown())) p.push('the Listen button shows no focus outline');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => window.__listen.spoken.length > 0, null, { timeout: 3000 }).catch(() => {});
        let s = await state();
        if (!s.spoken) p.push('Enter on Listen spoke nothing');
        if (!s.marked) p.push('no block is marked while it is read');
        if (!s.pause.shown || !s.stopShown) p.push('Pause and Stop are not shown while reading');
        const axe = await runAxe(page);
        for (const line of describeViolations(axe.violations)) p.push(`axe while a block is marked: ${line}`);
        if (!(await tabTo('pause'))) p.push('could not reach Pause with Tab');
        else {
          if (!(await focusShown())) p.push('the Pause button shows no focus outline');
          await page.keyboard.press('Enter');
          s = await state();
          if (!s.calls.includes('pause')) p.push('Pause did not call speechSynthesis.pause()');
          if (s.pause.text.toLowerCase() !== 'resume') p.push(`after Pause the button says "${s.pause.text}", not Resume`);
          await page.keyboard.press('Space');
          s = await state();
          if (!s.calls.includes('resume')) p.push('Resume did not call speechSynthesis.resume()');
          if (s.pause.text.toLowerCase() !== 'pause') p.push(`after Resume the button says "${s.pause.text}"`);
          await page.evaluate(() => window.__listen.finish());
          await page.waitForFunction(() => window.__listen.spoken.length > 1, null, { timeout: 3000 }).catch(() => p.push('the next block was not spoken after the first ended'));
        }
        if (!(await tabTo('stop'))) p.push('could not reach Stop with Tab');
        else {
          const before = (await state()).calls.filter((c) => c === 'cancel').length;
          await page.keyboard.press('Enter');
          s = await state();
          if (s.calls.filter((c) => c === 'cancel').length <= before) p.push('Stop did not call speechSynthesis.cancel()');
          if (s.pause.shown || s.stopShown) p.push('Pause and Stop are still shown after Stop');
          if (s.marked) p.push('a block is still marked after Stop');
          if (s.focus !== 'play') p.push(`after Stop focus is on ${s.focus}, not the Listen button`);
        }
      }
    } catch (e) {
      p.push(`could not check: ${e.message.split('\n')[0]}`);
    }
    results.expect('listen-keys', rel, p);
    await context.close();
  }

  // ---- Hidden with JavaScript off, and without speech.
  {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await guard(context);
    for (const rel of guides) {
      const { page } = await open(context, site.url(rel));
      const d = await page.evaluate(() => { const b = document.getElementById('listen'); return { there: !!b, shown: !!(b && (b.offsetWidth || b.offsetHeight)) }; });
      results.expect('listen-hidden', rel, [...(d.there ? [] : ['no #listen control in the page']), ...(d.shown ? ['the Listen control is shown with JavaScript off'] : [])]);
      await page.close();
    }
    await context.close();
    const none = await browser.newContext();
    await guard(none);
    await none.addInitScript(stub, { none: true });
    const rel = guides[0];
    const { page, log } = await open(none, site.url(rel));
    const shown = await page.evaluate(() => { const b = document.getElementById('listen'); return !!(b && (b.offsetWidth || b.offsetHeight)); });
    results.expect(`listen-hidden`, `${rel} (no speechSynthesis)`, [...(shown ? ['the Listen control is shown where the browser has no speech'] : []), ...log.errors.map((e) => `script error: ${e}`)]);
    await none.close();
  }
}
