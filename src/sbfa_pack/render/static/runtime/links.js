/* Links that leave the lesson (issue 17 item 14). A link followed in the course's own window
 * unloads the page, and pagehide then finishes the session (app.js). The build makes every such
 * link open in a new tab (or download); one that slips through (a project's own template, HTML
 * added by a script) is sent to a new tab at the click, before the browser follows it. */
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[href]");
    if (!a || a.target === "_blank") { return; }
    if (/^\s*(#|mailto:|tel:|javascript:|blob:)/i.test(a.getAttribute("href"))) { return; }
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }, true);
})();
