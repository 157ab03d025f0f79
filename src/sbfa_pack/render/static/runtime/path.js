/* The personal path (issue 12 item 2), shipped only in courses that declare one. The data's
 * "path" has the countries (c) and each country module's country (m: module id -> country). The
 * learner sees their country's modules and those for everyone, in the contents, Back/Next,
 * progress and completion. The country is SBFA.core.country(): the learner's choice (state.c), a
 * launch parameter, the package's pre-selection (build option, else language). With none, the
 * chooser (#sbfa-path; its form[data-path] can be hosted by any screen) comes first and nothing
 * completes until a country is chosen; "Change country" in the contents shows it again. A choice
 * is saved with the state and reported: SCORM interaction path_country, xAPI verb "preferred". */
(function (S) {
  "use strict";
  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function byId(id) { return document.getElementById(id); }
  function name(c) {
    var i = document.querySelector('form[data-path] input[value="' + c + '"]');
    return i ? i.parentNode.textContent.trim() : c;
  }

  /** Narrows lessons and completion to the learner's path; the country, or null when none yet. */
  function apply() {
    var D = S.data, P = D.path, c = S.core.country();
    // One SCO or AU per module (?module=, ?sco=): the LMS lists the modules; each shows as it is.
    if (!P || /[?&](module|sco)=/.test(window.location.search)) { return c || "*"; }
    if (!D.pathAll) { D.pathAll = D.lessons; D.pathRule = D.completion; }
    D.lessons = D.pathAll.filter(function (l) { var k = P.m[l.module]; return !k || k === c; });
    var r = D.pathRule, mine = function (id) { return D.lessons.some(function (l) { return l.id === id; }); };
    D.completion = Object.assign({}, r, { lessons: r.lessons === "all" ? "all" : r.lessons.filter(mine),
      quizzes: r.quizzes.filter(mine), wait: !c });
    all("#sbfa-toc [data-country]").forEach(function (li) { li.hidden = li.getAttribute("data-country") !== c; });
    var bar = byId("sbfa-progress-bar"), now = byId("sbfa-path-now");
    if (bar) { bar.max = D.lessons.length; }
    if (now) { now.textContent = c ? S.core.t("path_now", { country: name(c) }) : ""; }
    return c;
  }

  /** Shows the chooser in place of the lesson. */
  function ask(focus) {
    var box = byId("sbfa-path"), c = S.core.country(), toc = byId("sbfa-toc");
    if (!box) { return; }
    all("section.lesson, section.screen").forEach(function (s) { s.hidden = true; });
    box.hidden = false;
    S.core.progress();
    byId("sbfa-pos").textContent = "";  // no lesson shown: Next opens the first, Back has none
    byId("sbfa-back").disabled = true;
    all("#sbfa-path input").forEach(function (i) { i.checked = i.value === c; });
    if (focus) {
      if (toc && !(window.matchMedia && window.matchMedia("(min-width: 60em)").matches)) { toc.open = false; }
      window.scrollTo(0, 0);
      box.querySelector("h1").focus();
    }
  }

  function choose(c) {
    var st = S.core.state();
    if (st.c !== c) {
      st.c = c;
      S.core.record({ id: "path_country", type: "path", response: c, result: "neutral" });
      S.core.event({ kind: "country", id: c });
      // Calculators and money fields open again in the new country's currency.
      all(".exercise[data-mounted]").forEach(function (b) { b.removeAttribute("data-mounted"); });
    }
    apply();
    var L = S.data.lessons, here = L.filter(function (l) { return l.id === st.loc; })[0];
    S.core.go((here || L[0]).id, true);
    byId("sbfa-status").textContent = S.core.t("path_set", { country: name(c) });
  }

  document.addEventListener("submit", function (ev) {
    var form = ev.target.closest && ev.target.closest("form[data-path]"), pick = form && form.querySelector("input:checked");
    if (!form) { return; }
    ev.preventDefault();
    if (pick) { choose(pick.value); }
  });
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("#sbfa-path-change")) { ask(true); }
  });
  document.addEventListener("sbfa:go", function () {
    var box = byId("sbfa-path");
    if (box) { box.hidden = true; }
  });
  S.path = { apply: apply, ask: ask, choose: choose };
})(window.SBFA);
