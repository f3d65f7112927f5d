// Directory search with no server. The index is plain script files
// (js/search/*.js) that set window.EASYINFO_INDEX and window.EASYINFO_TERMS,
// so it works from file:// too. Without JavaScript the form stays hidden
// and the page offers the category and A to Z lists instead.
(function () {
  "use strict";
  var form = document.getElementById("directory-search");
  if (!form || !document.addEventListener || !document.querySelector) return;

  function $(id) { return document.getElementById(id); }
  var easy = form.getAttribute("data-level") === "easy";
  var base = form.getAttribute("data-terms") || "";
  var input = $("search-q"), status = $("search-status"), area = $("search-results-area");
  var list = $("search-results"), more = $("search-more"), clear = $("search-clear");
  var fCat = $("filter-category"), fArea = $("filter-area");
  var fFree = $("filter-free"), fBudget = $("filter-budget"), fOpen = $("filter-open");
  var access = form.querySelectorAll("input[name=access]");
  var TERMS = window.EASYINFO_TERMS = window.EASYINFO_TERMS || {};
  var PAGE = 20, shown = PAGE, results = [], loading = {}, statusTimer = 0, lastKey = "", failed = false;
  var IX, catIx, areaIx, featIx, stop = {}, synFirst = {}, waiting = null;

  // The page's words, from the strings file (data-say-* on the form): words
  // by number pick their form by the page language's plural rules.
  function phrase(name, n, vals) {
    var v = "";
    try { v = JSON.parse(form.getAttribute("data-say-" + name) || '""'); } catch (e) {}
    if (v && typeof v === "object") {
      var f = "other";
      try { f = new Intl.PluralRules(document.documentElement.lang).select(n); } catch (e) {}
      v = v[f] || v.other || "";
    }
    return String(v).replace(/\{(\w+)\}/g, function (m, k) { return vals && vals.hasOwnProperty(k) ? vals[k] : m; });
  }

  function index(arr, col) {
    var m = {};
    for (var i = 0; i < arr.length; i++) m[arr[i][col]] = i;
    return m;
  }
  // The main index loads when someone first uses the form, so pages stay light.
  function ready(then) {
    if (IX) return then();
    if (waiting) return waiting.push(then);
    waiting = [then];
    form.setAttribute("aria-busy", "true");
    var el = document.createElement("script");
    el.src = form.getAttribute("data-index");
    el.onload = el.onerror = function () {
      form.removeAttribute("aria-busy");
      if (!window.EASYINFO_INDEX) { waiting = null; say(phrase("failed"), true); return; }
      setup(window.EASYINFO_INDEX);
      form.setAttribute("data-ready", "true");
      var cbs = waiting; waiting = null;
      for (var i = 0; i < cbs.length; i++) cbs[i]();
    };
    document.head.appendChild(el);
  }
  function setup(ix) {
    IX = ix;
    catIx = index(IX.cats, 0); areaIx = index(IX.areas, 0); featIx = index(IX.feats, 0);
    for (var s = 0; s < IX.stop.length; s++) stop[IX.stop[s]] = 1;
    // Synonyms, by their first word, longest phrase first.
    for (var g = 0; g < IX.syn.length; g++) {
      for (var p = 0; p < IX.syn[g].length; p++) {
        var ph = IX.syn[g][p];
        (synFirst[ph[0]] = synFirst[ph[0]] || []).push({ p: ph, g: g });
      }
    }
    for (var f in synFirst) synFirst[f].sort(function (a, b) { return b.p.length - a.p.length; });
  }

  // ---- words: the same rules as the index builder (src/directory/text.rs)
  var EXTRA = { "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ħ": "h", "ı": "i" };
  function fold(t) {
    t = String(t).toLowerCase();
    if (t.normalize) t = t.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return t.replace(/[łøßæœđħı]/g, function (c) { return EXTRA[c]; });
  }
  function words(t) {
    var out = [], parts = fold(t).replace(/['\u2019]/g, "").split(/[\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\xbf\u2000-\u206f\u3000-\u303f]+/);
    for (var i = 0; i < parts.length; i++) if (parts[i] && !stop[parts[i]]) out.push(parts[i]);
    return out;
  }
  function slug(t) { return t.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""); }
  function chunkKey(w) {
    if (!IX.split) return "all";
    var c = w.charAt(0);
    return c >= "a" && c <= "z" ? c : c >= "0" && c <= "9" ? "0" : "_";
  }
  // Same word, or one is the other plus "s"/"es".
  function sameWord(a, b) {
    if (a === b) return true;
    var l = a.length < b.length ? a : b, m = a.length < b.length ? b : a;
    return m.lastIndexOf(l, 0) === 0 && (m.length - l.length === 1 && m.charAt(m.length - 1) === "s" || m.substr(l.length) === "es");
  }
  // At most one typo: a changed, extra or missing letter, or two swapped.
  function within1(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    if (la > lb) { var t = a; a = b; b = t; la = a.length; lb = b.length; }
    var i = 0;
    while (i < la && a.charAt(i) === b.charAt(i)) i++;
    if (i === la) return true;
    if (la !== lb) return a.substr(i) === b.substr(i + 1);
    return a.substr(i + 1) === b.substr(i + 1) ||
      a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.substr(i + 2) === b.substr(i + 2);
  }

  // ---- the query: clauses that must all match; each has alternatives
  function parse(q) {
    var ws = words(q), clauses = [], i = 0;
    while (i < ws.length) {
      var best = null, cands = synFirst[ws[i]] || [];
      for (var c = 0; c < cands.length && !best; c++) {
        var phr = cands[c].p, ok = i + phr.length <= ws.length;
        for (var k = 0; ok && k < phr.length; k++) ok = sameWord(phr[k], ws[i + k]);
        if (ok) best = cands[c];
      }
      if (best) {
        var alts = [{ w: ws.slice(i, i + best.p.length), exact: false }], grp = IX.syn[best.g];
        for (var a = 0; a < grp.length; a++) alts.push({ w: grp[a], exact: true });
        clauses.push(alts);
        i += best.p.length;
      } else {
        clauses.push([{ w: [ws[i]], exact: false }]);
        i++;
      }
    }
    return clauses;
  }
  function neededKeys(clauses) {
    var keys = [], seen = {};
    for (var c = 0; c < clauses.length; c++)
      for (var a = 0; a < clauses[c].length; a++)
        for (var w = 0; w < clauses[c][a].w.length; w++) {
          var k = chunkKey(clauses[c][a].w[w]);
          if (!seen[k]) { seen[k] = 1; keys.push(k); }
        }
    return keys;
  }

  // ---- word files
  function load(keys, done) {
    var waiting = 0;
    function finish() { if (--waiting === 0) done(); }
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      if (TERMS[k]) continue;
      if (!IX.terms[k]) { TERMS[k] = { k: [], p: [] }; continue; }
      waiting++;
      if (loading[k]) { loading[k].push(finish); continue; }
      loading[k] = [finish];
      var el = document.createElement("script");
      el.src = base + IX.terms[k];
      el.async = true;
      el.onload = el.onerror = (function (key, node) {
        return function (ev) {
          if (!TERMS[key]) { TERMS[key] = { k: [], p: [] }; failed = true; }
          var cbs = loading[key]; delete loading[key];
          node.parentNode.removeChild(node);
          for (var j = 0; j < cbs.length; j++) cbs[j]();
        };
      })(k, el);
      document.head.appendChild(el);
    }
    if (waiting === 0) done();
  }
  function postings(t, i) {
    if (!t.d) t.d = [];
    if (t.d[i]) return t.d[i];
    var parts = t.p[i].split(","), out = [], doc = 0;
    for (var j = 0; j < parts.length; j++) {
      var v = parseInt(parts[j], 36);
      doc += Math.floor(v / 8);
      out.push(doc, v % 8);
    }
    return (t.d[i] = out);
  }
  function lowerBound(arr, w) {
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (arr[mid] < w) lo = mid + 1; else hi = mid; }
    return lo;
  }
  // Services with a word, scored: name 100, category 10, other text 1,
  // times how well the word matched.
  function hits(w, exact) {
    var t = TERMS[chunkKey(w)], res = {};
    if (!t) return res;
    function add(i, q) {
      var ps = postings(t, i);
      for (var j = 0; j < ps.length; j += 2) {
        var m = ps[j + 1], sc = q * (m & 4 ? 100 : m & 2 ? 10 : 1);
        if (!(res[ps[j]] >= sc)) res[ps[j]] = sc;
      }
    }
    var keys = t.k, seen = {}, i;
    var stem = w.length > 3 && w.charAt(w.length - 1) === "s" ? w.slice(0, -1) : w;
    for (i = lowerBound(keys, stem); i < keys.length && keys[i].lastIndexOf(stem, 0) === 0; i++) {
      var full = keys[i] === w, near = sameWord(keys[i], w);
      if (keys[i].lastIndexOf(w, 0) !== 0 && !near) continue;
      if (exact && !near) continue;
      seen[i] = 1;
      add(i, full ? 1 : near ? 0.9 : 0.6);
    }
    if (!exact && w.length >= 5) {
      for (i = 0; i < keys.length; i++) {
        var k = keys[i];
        if (seen[i] || Math.abs(k.length - w.length) > 1 && k.length < w.length) continue;
        if (within1(w, k) || k.length > w.length + 1 &&
            (within1(w, k.substr(0, w.length)) || within1(w, k.substr(0, w.length + 1)) || within1(w, k.substr(0, w.length - 1)))) add(i, 0.4);
      }
    }
    return res;
  }

  // ---- filters
  function filters() {
    var fs = [];
    for (var i = 0; i < access.length; i++) if (access[i].checked) fs.push(featIx[access[i].value]);
    return {
      cat: fCat && fCat.value ? catIx[fCat.value] : -1,
      area: fArea && fArea.value ? areaIx[fArea.value] : -1,
      feats: fs,
      free: fFree && fFree.checked,
      budget: fBudget && fBudget.checked,
      open: fOpen && fOpen.checked
    };
  }
  function now() {
    var n = window.EASYINFO_NOW;
    return n ? new Date(n) : new Date();
  }
  function isOpen(si, when) {
    if (si < 0) return false;
    var day = (when.getDay() + 6) % 7, m = when.getHours() * 60 + when.getMinutes(), ps = IX.sched[si];
    for (var i = 0; i < ps.length; i++) if (ps[i][0] === day && ps[i][1] <= m && m < ps[i][2]) return true;
    return false;
  }
  function passes(d, f, when) {
    if (f.cat >= 0 && d[2].indexOf(f.cat) < 0) return false;
    if (f.area >= 0 && d[3].indexOf(f.area) < 0) return false;
    for (var i = 0; i < f.feats.length; i++) if (d[4].indexOf(f.feats[i]) < 0) return false;
    if (f.free && !(d[5] & 1) || f.budget && !(d[5] & 2)) return false;
    return !f.open || isOpen(d[6], when);
  }
  function anyFilter(f) { return f.cat >= 0 || f.area >= 0 || f.feats.length || f.free || f.budget || f.open; }

  // ---- searching
  function run(soon) {
    var q = input.value, f = filters(), key = q + "|" + JSON.stringify(f);
    var clauses = parse(q);
    if (!clauses.length && !anyFilter(f)) {
      results = [];
      area.hidden = true;
      say("", true);
      lastKey = key;
      remember(q, f);
      return;
    }
    var keys = neededKeys(clauses), missing = [];
    for (var i = 0; i < keys.length; i++) if (!TERMS[keys[i]]) missing.push(keys[i]);
    if (missing.length) {
      say(phrase("busy"), false);
      load(missing, function () { if (input.value === q) run(soon); });
      return;
    }
    var when = now(), docs = IX.docs, scores = null;
    for (var c = 0; c < clauses.length; c++) {
      var best = {};
      for (var a = 0; a < clauses[c].length; a++) {
        var alt = clauses[c][a], sum = null;
        for (var w = 0; w < alt.w.length; w++) {
          var h = hits(alt.w[w], alt.exact), next = {};
          for (var d in h) if (sum === null || d in sum) next[d] = (sum ? sum[d] : 0) + h[d];
          sum = next;
        }
        for (var d2 in sum) {
          var sc = sum[d2] / alt.w.length;
          if (!(best[d2] >= sc)) best[d2] = sc;
        }
      }
      if (scores === null) scores = best;
      else {
        var both = {};
        for (var d3 in best) if (d3 in scores) both[d3] = scores[d3] + best[d3];
        scores = both;
      }
    }
    var out = [];
    if (scores === null) {
      for (var n = 0; n < docs.length; n++) if (passes(docs[n], f, when)) out.push([n, 0]);
    } else {
      for (var d4 in scores) { var num = +d4; if (passes(docs[num], f, when)) out.push([num, scores[d4]]); }
      out.sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
    }
    if (key !== lastKey || soon) shown = PAGE;
    lastKey = key;
    results = out;
    draw(when, 0);
    count(q, soon);
    remember(q, f);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.appendChild(document.createTextNode(text));
    return e;
  }
  function draw(when, from) {
    if (!from) while (list.firstChild) list.removeChild(list.firstChild);
    var first = null;
    for (var i = from; i < results.length && i < shown; i++) {
      var d = IX.docs[results[i][0]], li = el("li", "result");
      var a = el("a", "", d[1]);
      a.href = "services/" + (d[0] || slug(d[1])) + "/index.html";
      var h = el("h3", "result-name");
      h.appendChild(a);
      li.appendChild(h);
      var snip = easy && d[8] ? d[8] : d[7];
      if (snip) li.appendChild(el("p", "result-about", snip));
      var facts = [], names = [];
      for (var c = 0; c < d[2].length; c++) { var cat = IX.cats[d[2][c]]; names.push(easy && cat[2] ? cat[2] : cat[1]); }
      if (names.length) facts.push(names.join(", "));
      for (var r = 0; r < d[3].length; r++) { var ar = IX.areas[d[3][r]]; facts.push(ar[0] + (ar[1] ? " (" + ar[1] + ")" : "")); }
      if (d[5] & 1) facts.push(phrase("free"));
      if (isOpen(d[6], when)) facts.push(phrase("open"));
      if (facts.length) li.appendChild(el("p", "result-facts", facts.join(" · ")));
      list.appendChild(li);
      if (!first) first = a;
    }
    more.hidden = results.length <= shown;
    area.hidden = false;
    return first;
  }
  function count(q, soon) {
    var n = results.length, t;
    var typed = q.replace(/^\s+|\s+$/g, "");
    if (n === 0) t = phrase("none");
    else t = phrase(typed ? "found-for" : "found", n, { count: String(n), query: typed });
    if (n > shown) t += " " + phrase("first", shown, { shown: String(shown) });
    if (failed) t += " " + phrase("partial");
    say(t, soon);
  }
  // The count is announced politely, once typing pauses.
  function say(t, soon) {
    clearTimeout(statusTimer);
    if (soon || !t) status.textContent = t;
    else statusTimer = setTimeout(function () { status.textContent = t; }, 500);
  }

  // The address keeps the search, so Back and sharing work.
  function remember(q, f) {
    if (!window.history || !history.replaceState) return;
    var parts = [];
    if (q) parts.push("q=" + encodeURIComponent(q));
    if (f.cat >= 0) parts.push("category=" + encodeURIComponent(fCat.value));
    if (f.area >= 0) parts.push("area=" + encodeURIComponent(fArea.value));
    for (var i = 0; i < access.length; i++) if (access[i].checked) parts.push("access=" + encodeURIComponent(access[i].value));
    if (f.free) parts.push("free=1");
    if (f.budget) parts.push("budget=1");
    if (f.open) parts.push("open=1");
    try { history.replaceState(null, "", location.pathname + (parts.length ? "?" + parts.join("&") : "") + location.hash); } catch (e) {}
  }
  function restore() {
    var pairs = location.search.replace(/^\?/, "").split("&");
    for (var i = 0; i < pairs.length; i++) {
      var kv = pairs[i].split("="), k = kv[0], v;
      try { v = decodeURIComponent((kv[1] || "").replace(/\+/g, " ")); } catch (e) { continue; }
      if (k === "q") input.value = v;
      else if (k === "category" && fCat) fCat.value = v;
      else if (k === "area" && fArea) fArea.value = v;
      else if (k === "free" && fFree) fFree.checked = true;
      else if (k === "budget" && fBudget) fBudget.checked = true;
      else if (k === "open" && fOpen) fOpen.checked = true;
      else if (k === "access") for (var j = 0; j < access.length; j++) if (access[j].value === v) access[j].checked = true;
      // Show the choices that are in use.
      if ((k === "area" || k === "access") && v && $("filter-more")) $("filter-more").open = true;
    }
  }

  function later(soon) { return function () { ready(function () { run(soon); }); }; }
  form.addEventListener("submit", function (e) { e.preventDefault(); later(true)(); });
  input.addEventListener("input", later(false));
  input.addEventListener("focus", function () { ready(function () {}); });
  form.addEventListener("change", function (e) { if (e.target !== input) later(true)(); });
  more.addEventListener("click", function () {
    var from = shown;
    shown += PAGE;
    var first = draw(now(), from);
    count(input.value, true);
    if (first) first.focus();
  });
  if (clear) clear.addEventListener("click", function () {
    form.reset();
    later(true)();
    input.focus();
  });

  form.hidden = false;
  restore();
  if (input.value || location.search.length > 1) later(true)();
})();
