/* The welcome and end screens of a course (issue 12 items 1 and 5; docs/learner.md). A new learner
 * (nothing seen yet) starts on the welcome screen; a returning one goes straight to the bookmark,
 * and the welcome's button says Continue. The end screen follows the last lesson: its result uses
 * the runtime's own rules (S.core.evaluate), so it never disagrees with what the LMS is told. */
(function (S) {
  "use strict";
  function byId(id) { return document.getElementById(id); }
  function all(sel, r) { return Array.prototype.slice.call((r || document).querySelectorAll(sel)); }
  function t(k, v) { return S.core.t(k, v); }

  function show(id, focus) {
    var box = byId(id), toc = byId("sbfa-toc");
    S.screens.on = id.slice(5);
    all("main > section").forEach(function (s) { s.hidden = s !== box; });
    S.core.leave();
    byId("sbfa-pos").textContent = "";
    byId("sbfa-back").disabled = id !== "sbfa-end";
    byId("sbfa-next").disabled = id === "sbfa-end";
    if (focus) {
      if (toc && !(window.matchMedia && window.matchMedia("(min-width: 60em)").matches)) { toc.open = false; }
      window.scrollTo(0, 0);
      box.querySelector("h1").focus();
    }
    return box;
  }

  function welcome(focus) {
    var box = show("sbfa-welcome", focus), st = S.core.state(), L = S.data.lessons, c = S.core.country(), min = 0;
    var back = st.seen.length && L.some(function (l) { return l.id === st.loc; }), go = byId("sbfa-start");
    go.setAttribute("data-go", back ? st.loc : L[0].id);
    go.textContent = t(back ? "welcome_continue" : "welcome_start");
    // A personal path: only the learner's modules, and their own total time.
    all("[data-min]", box).forEach(function (li) {
      var k = li.getAttribute("data-country");
      li.hidden = !!(k && c && k !== c);
      min += li.hidden ? 0 : +li.getAttribute("data-min");
    });
    if (S.data.path && c) { byId("sbfa-time").textContent = t("minutes", { n: min }); }
  }

  function title(id) {
    var a = document.querySelector('#sbfa-toc a[data-go="' + id + '"] .lt');
    return a ? a.textContent : id;
  }

  function end(focus) {
    var box = show("sbfa-end", focus), D = S.data, st = S.core.state(), r = S.core.evaluate(), f = S.core.fmt;
    var c = D.completion, left = [], ok = r.passed !== null ? r.passed : r.completed, who = "";
    var add = function (id) { if (id && left.indexOf(id) < 0) { left.push(id); } };
    var score = r.score === null ? "" : f.percent(r.score);
    if (!r.completed) {
      D.lessons.forEach(function (l) {
        var need = c.lessons === "all" || c.lessons.indexOf(l.id) >= 0;
        if (need && (st.seen.indexOf(l.id) < 0 || (l.kind === "survey" && (st.sd || []).indexOf(l.id) < 0))) { add(l.id); }
      });
      c.quizzes.forEach(function (q) { if (!(st.quiz[q] && st.quiz[q].done)) { add(q); } });
    }
    if (r.passed === false) { D.success.quizzes.forEach(function (w) { add(w.quiz); }); }
    byId("sbfa-result").textContent = r.passed === true ? t("end_passed", { score: score }) :
      r.passed === false ? t("end_failed", { score: score, pass: f.percent(D.success.pass_mark / 100) }) :
      r.completed ? t("end_completed") : t("end_todo");
    var ul = byId("sbfa-todo");
    ul.textContent = "";
    left.forEach(function (id) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "#l-" + id;
      a.setAttribute("data-go", id);
      a.textContent = title(id);
      li.appendChild(a);
      ul.appendChild(li);
    });
    ul.hidden = !left.length;
    byId("sbfa-end-file").hidden = !S.bizfile;  // the business file, when its part is in (bizfile.js)
    // The certificate: the name the LMS gives (SCORM "Last, First" read as "First Last"), else typed
    // here; kept only in the page, never saved or sent.
    byId("sbfa-cert").hidden = !ok;
    if (S.learner && S.learner.name) {
      who = S.learner.name;
      if (/^scorm/.test(D.adapter)) { who = who.replace(/^([^,]+),\s*(.+)$/, "$2 $1"); }
    }
    byId("sbfa-cert-ask").hidden = !!who;
    byId("sbfa-cert-who").textContent = who || byId("sbfa-cert-in").value;
    byId("sbfa-cert-res").textContent = score ? t("end_passed", { score: score }) : t("end_completed");
    byId("sbfa-cert-date").textContent = f.date(Date.now());
    // What to do next: the resources for the learner's country (all when none is chosen).
    var k = S.core.country();
    all("[data-c]", box).forEach(function (li) { li.hidden = !!k && li.getAttribute("data-c").split(" ").indexOf(k) < 0; });
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("[data-screen], #sbfa-cert-print");
    if (!a) { return; }
    if (a.id === "sbfa-cert-print") {
      S.core.event({ kind: "certificate", id: S.data.id });
      window.print();
      return;
    }
    ev.preventDefault();
    (a.getAttribute("data-screen") === "end" ? end : welcome)(true);
  });
  document.addEventListener("input", function (ev) {
    if (ev.target.id === "sbfa-cert-in") { byId("sbfa-cert-who").textContent = ev.target.value; }
  });
  document.addEventListener("sbfa:go", function () { S.screens.on = null; all("section.screen").forEach(function (s) { s.hidden = true; }); });
  S.screens = { welcome: welcome, end: end };
})(window.SBFA);
