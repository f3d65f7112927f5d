// Reader controls: text size, high contrast and line spacing, remembered in this browser.
(function () {
  var box = document.getElementById("reader-controls");
  if (!box) return;
  var KEY = "easyinfo-prefs";
  var root = document.documentElement;
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { return {}; }
  }
  function save(p) {
    try { localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) {}
  }
  function apply(p) {
    for (var i = 1; i <= 4; i++) root.classList.toggle("ei-size-" + i, p.size === i);
    root.classList.toggle("ei-contrast", !!p.contrast);
    root.classList.toggle("ei-spacing", !!p.spacing);
    var bs = box.querySelectorAll("button[aria-pressed]");
    for (var j = 0; j < bs.length; j++) bs[j].setAttribute("aria-pressed", p[bs[j].getAttribute("data-pref")] ? "true" : "false");
  }
  var prefs = load();
  apply(prefs);
  box.hidden = false;
  box.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button[data-pref]") : null;
    if (!b) return;
    var what = b.getAttribute("data-pref");
    var size = prefs.size || 0;
    if (what === "size-up") prefs.size = Math.min(4, size + 1);
    else if (what === "size-down") prefs.size = Math.max(0, size - 1);
    else prefs[what] = !prefs[what];
    apply(prefs);
    save(prefs);
  });
})();
