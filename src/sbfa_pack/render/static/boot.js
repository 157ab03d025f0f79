/* The first tap before the runtime has started (issue 12, "interactive sooner").
 * sbfa.js is deferred: it runs once the whole page is parsed, then waits for the LMS. Until it
 * marks the page ready (html.sbfa-ready), this script, inlined in <head> (allowed by its hash in
 * the CSP), makes Next, Back and the contents links show and hide lesson sections, keeps the
 * browser's history in step like nav.js, and records each lesson shown in SBFA_EARLY; app.js
 * takes over from the last one and records them all as seen. A course's welcome screen is hidden
 * like a lesson. One module on its own (?module=/?sco=) waits for the runtime, which knows that
 * module's lessons. */
(function (d, w) {
  "use strict";
  var moves = w.SBFA_EARLY = [], H = w.history;
  function off() { return /[?&](module|sco)=/.test(w.location.search) || d.documentElement.classList.contains("sbfa-ready"); }
  function lessons() { return [].slice.call(d.querySelectorAll("main section.lesson")); }
  function shown() { return lessons().filter(function (s) { return !s.hidden; })[0]; }
  function show(id, push) {
    var cur = shown(), to = d.getElementById("l-" + id), h = to && to.querySelector("h1"), toc = d.getElementById("sbfa-toc");
    try {
      if (push && !moves.length && cur) { H.replaceState({ sbfa: cur.dataset.lesson }, ""); }
      if (push) { H.pushState({ sbfa: id }, ""); }
    } catch (e) { /* a sandboxed frame may refuse history changes */ }
    moves.push(id);
    if (!to) { return; }
    if (cur) { cur.hidden = true; }
    [].forEach.call(d.querySelectorAll("main > .screen"), function (s) { s.hidden = true; });
    to.hidden = false;
    if (toc && !w.matchMedia("(min-width: 60em)").matches) { toc.open = false; }
    w.scrollTo(0, 0);
    if (h) { h.focus(); }
  }
  d.addEventListener("click", function (ev) {
    var el = !off() && ev.target.closest && ev.target.closest("a[data-go], #sbfa-back, #sbfa-next");
    if (!el) { return; }
    ev.preventDefault();
    var all = lessons(), cur = shown(), to = all[all.indexOf(cur) + (el.id === "sbfa-next" ? 1 : -1)];
    var id = el.hasAttribute("data-go") ? el.getAttribute("data-go") : to && to.dataset.lesson;  // a link, or Next/Back
    if (id && !(cur && cur.dataset.lesson === id)) { show(id, true); }
  });
  w.addEventListener("popstate", function (ev) {
    if (!off() && ev.state && typeof ev.state.sbfa === "string") { show(ev.state.sbfa, false); }
  });
})(document, window);
