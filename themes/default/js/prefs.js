// Runs in <head>, before the first paint, so a saved choice never flashes.
(function () {
  try {
    var p = JSON.parse(localStorage.getItem("easyinfo-prefs") || "{}");
    var c = document.documentElement.classList;
    if (p.size > 0) c.add("ei-size-" + Math.min(4, p.size));
    if (p.contrast) c.add("ei-contrast");
    if (p.spacing) c.add("ei-spacing");
  } catch (e) {}
})();
