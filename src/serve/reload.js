// easyinfo serve: reload the page when the site is rebuilt.
// Served only by `easyinfo serve`; never written into the built site.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var me = document.currentScript;
  var seen = me ? me.getAttribute("data-generation") : null;
  // The browser reconnects by itself after a network error, but gives up
  // for good after an answer that is not a stream (a 503 when the server
  // is busy, say). Then try again here, waiting longer each time.
  var delay = 1000;
  var MAX_DELAY = 10000;
  function connect() {
    var events = new EventSource("/__easyinfo/events");
    events.onopen = function () {
      delay = 1000;
    };
    events.onmessage = function (e) {
      if (seen === null) {
        seen = e.data;
      } else if (e.data !== seen) {
        events.close();
        window.location.reload();
      }
    };
    events.onerror = function () {
      if (events.readyState === EventSource.CLOSED) {
        events.close();
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_DELAY);
      }
    };
  }
  connect();
})();
