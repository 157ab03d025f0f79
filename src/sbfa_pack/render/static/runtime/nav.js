/* The browser's Back and Forward, and the focus kept in view (issue 12 item 7).
 * Each lesson the learner opens adds an entry to the page's own history (history.pushState, the
 * lesson id in the entry's state, the address unchanged): the phone's Back gesture then shows the
 * previous lesson in place, never unloading the SCO; Back from the first entry leaves as before.
 * The lesson shown at start or after a language switch replaces the current entry (no new one).
 * app.js announces every lesson shown with the event "sbfa:go" {id, focus}. */
(function (S) {
  "use strict";
  var popping = false;
  function mine(st) { return st && typeof st === "object" && typeof st.sbfa === "string"; }
  document.addEventListener("sbfa:go", function (ev) {
    var id = ev.detail.id, st = history.state;
    if (mine(st) && st.sbfa === id) { return; }
    // A sandboxed frame may refuse history changes: the pager still works.
    try {
      if (ev.detail.focus && !popping && mine(st)) {
        history.pushState({ sbfa: id }, "");
      } else {
        history.replaceState(Object.assign({}, st, { sbfa: id }), "");
      }
    } catch (e) { return; }
  });
  window.addEventListener("popstate", function (ev) {
    // An in-page anchor's entry has no state; back from it to the same lesson changes nothing.
    if (!mine(ev.state) || !S.core || S.core.state().loc === ev.state.sbfa) { return; }
    popping = true;
    try { S.core.go(ev.state.sbfa, true); } finally { popping = false; }
  });
  // The sticky footer must never hide the focused element (WCAG 2.2 2.4.11): the stylesheet's
  // scroll padding covers its usual height; a taller footer (a long status) is handled here.
  // Only focus moved by the keyboard: a tap or click shows what it touched, and scrolling under the
  // pointer would move the control away between press and release.
  var pressing = false;
  document.addEventListener("pointerdown", function () { pressing = true; }, true);
  document.addEventListener("pointerup", function () { pressing = false; }, true);
  document.addEventListener("pointercancel", function () { pressing = false; }, true);
  document.addEventListener("focusin", function (ev) {
    var foot = document.querySelector("footer.bottom"), el = ev.target;
    if (pressing || !foot || !el.getBoundingClientRect || foot.contains(el) || getComputedStyle(foot).position !== "sticky") { return; }
    var top = foot.getBoundingClientRect().top, r = el.getBoundingClientRect();
    if (r.bottom > top && r.top < window.innerHeight) { el.scrollIntoView({ block: "center", behavior: "instant" }); }
  });
})(window.SBFA);
