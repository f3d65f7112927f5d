// "Listen to this page": reads the page's main text aloud with the browser's
// own speech (speechSynthesis: no server, works offline and from file://).
// One utterance per block (heading, paragraph, list item, table row, term
// box), so there is a pause between blocks; the block being read is marked
// and scrolled into view, and the word too where the browser says where it is.
// Never read: the control, the recording, pictures (neither file nor alt
// text), anything hidden or marked data-listen-skip. Nothing outside <main>.
(function () {
  "use strict";
  var box = document.getElementById("listen");
  var main = document.getElementById("main");
  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  if (!box || !main || !synth || typeof Utterance !== "function") return;
  var play = box.querySelector('[data-listen="play"]');
  var pause = box.querySelector('[data-listen="pause"]');
  var stop = box.querySelector('[data-listen="stop"]');
  if (!play || !pause || !stop) return;
  var PAUSE = pause.textContent, RESUME = pause.getAttribute("data-resume") || PAUSE;
  var BLOCK = /^(H[1-6]|P|LI|TR|DT|DD|PRE|FIGCAPTION|CAPTION)$/;
  var SKIP = ".listen, .recording, [data-listen-skip], [hidden], [aria-hidden='true'], script, style, template, noscript," +
    " audio, video, img, svg, picture, button, .pair-picture";
  var PAIR_GAP = 700; // ms of quiet before each easy read picture-and-words pair
  var words = window.CSS && CSS.highlights && typeof window.Highlight === "function";

  // The blocks of <main> in reading order; a list inside a list item is read after it.
  // (Easy read term boxes follow the block that uses the term in the page itself.)
  function blocks() {
    var out = [];
    (function visit(el) {
      for (var n = el.firstElementChild; n; n = n.nextElementSibling) {
        if (n.matches(SKIP)) continue;
        if (BLOCK.test(n.tagName)) {
          var b = read(n);
          if (b.text) out.push(b);
        }
        visit(n);
      }
    })(main);
    return out;
  }

  // A block's own words, spaces collapsed, and where each character came
  // from (for the word being read); table cells are joined with commas.
  function read(el) {
    var text = "", map = [];
    function put(ch, where) { text += ch; map.push(where); }
    function space() { if (text && text.charAt(text.length - 1) !== " ") put(" ", null); }
    (function walk(node) {
      for (var c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) {
          for (var i = 0; i < c.data.length; i++) {
            var ch = c.data.charAt(i);
            if (/\s/.test(ch)) space(); else put(ch, [c, i]);
          }
        } else if (c.nodeType === 1 && !c.matches(SKIP) && !BLOCK.test(c.tagName)) {
          if (c.tagName === "BR") { space(); continue; }
          if (/^T[DH]$/.test(c.tagName) && text) {
            if (text.charAt(text.length - 1) === " ") { text = text.slice(0, -1); map.pop(); }
            put(",", null); put(" ", null);
          }
          walk(c);
        }
      }
    })(el);
    if (text.charAt(text.length - 1) === " ") { text = text.slice(0, -1); map.pop(); }
    return { el: el, text: text, map: map, pair: el.closest(".pair") };
  }

  var queue = [], at = 0, current = null, timer = 0, state = "idle";

  function show(s) {
    state = s;
    pause.hidden = stop.hidden = s === "idle";
    pause.textContent = s === "paused" ? RESUME : PAUSE;
    box.setAttribute("data-state", s);
  }

  function mark(el) {
    var old = main.querySelectorAll(".listen-current");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("listen-current");
    if (words) CSS.highlights.delete("listen-word");
    if (!el) return;
    el.classList.add("listen-current");
    el.scrollIntoView({ block: "nearest" });
  }

  function markWord(b, ev) {
    if (!words || (ev.name && ev.name !== "word")) return;
    var from = ev.charIndex, to = ev.charLength > 0 ? from + ev.charLength : b.text.indexOf(" ", from);
    if (to < 0) to = b.text.length;
    while (from < to && !b.map[from]) from++;
    while (to > from && !b.map[to - 1]) to--;
    if (from >= to) return;
    var r = document.createRange();
    r.setStart(b.map[from][0], b.map[from][1]);
    r.setEnd(b.map[to - 1][0], b.map[to - 1][1] + 1);
    CSS.highlights.set("listen-word", new window.Highlight(r));
  }

  function next() {
    current = null;
    if (at >= queue.length) { finish(); return; }
    var b = queue[at];
    var u = new Utterance(b.text);
    // A block's own language (a Welsh phrase on an English page), else the page's.
    u.lang = (b.el.closest("[lang]") || document.documentElement).getAttribute("lang") || "";
    u.onend = function () {
      if (current !== u) return;
      current = null;
      at++;
      var gap = at < queue.length && queue[at].pair && queue[at].pair !== b.pair ? PAIR_GAP : 0;
      timer = setTimeout(next, gap);
    };
    u.onerror = function () { if (current === u) finish(); };
    u.onboundary = function (ev) { if (current === u) markWord(b, ev); };
    current = u;
    mark(b.el);
    synth.speak(u);
  }

  function halt() {
    clearTimeout(timer);
    current = null;
    synth.cancel();
  }

  function finish() {
    current = null;
    mark(null);
    var focused = document.activeElement === pause || document.activeElement === stop;
    show("idle");
    if (focused) play.focus();
  }

  play.addEventListener("click", function () {
    halt();
    if (synth.paused) synth.resume();
    queue = blocks();
    at = 0;
    show("speaking");
    next();
  });
  pause.addEventListener("click", function () {
    if (state === "speaking") {
      clearTimeout(timer);
      synth.pause();
      show("paused");
    } else if (state === "paused") {
      show("speaking");
      synth.resume();
      if (!current) next();
    }
  });
  stop.addEventListener("click", function () { halt(); finish(); });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  box.hidden = false;
})();
