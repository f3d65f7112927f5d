// easyinfo serve: reload the page when the site is rebuilt.
// Served only by `easyinfo serve`; never written into the built site.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var me = document.currentScript;
  var seen = me ? me.getAttribute("data-generation") : null;
  var events = new EventSource("/__easyinfo/events");
  events.onmessage = function (e) {
    if (seen === null) {
      seen = e.data;
    } else if (e.data !== seen) {
      events.close();
      window.location.reload();
    }
  };
})();
