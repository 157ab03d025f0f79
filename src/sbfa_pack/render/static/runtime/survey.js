/* Survey lessons (issue 14 §1; docs/runtime.md): an optional part, only in packages with a survey.
 * Answers are kept as they are given (state.sv[lesson][item]; an anonymous survey's only in this
 * browser, never in the saved state), restored on resume and changeable until submitted. Submit
 * checks required items, records each answer as a neutral interaction (never a score), then the
 * survey-submitted event; state.sd lists submitted surveys (the completion rule counts them). */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  // Item type -> the tracking interface's interaction type (adapters map it to SCORM and xAPI).
  var TYPE = { likert: "likert", choice: "single-choice", choices: "multiple-choice", text: "fill-in",
    "long-text": "fill-in", rating: "numeric" };
  // Where the LMS always knows the learner, an anonymous survey's written answers stay here (docs/lms.md).
  var LMS = { scorm12: 1, scorm2004: 1, cmi5: 1 };

  function all(sel, root) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }

  function read(fs) {
    var type = fs.getAttribute("data-type"), box = fs.querySelector(".text");
    if (box) { return box.value ? box.value : null; }
    var on = all("input:checked", fs).map(function (i) { return i.value; });
    if (type === "choices") { return on.length ? on : null; }
    if (!on.length) { return null; }
    return type === "choice" ? on[0] : Number(on[0]);
  }

  function write(fs, v) {
    var box = fs.querySelector(".text");
    if (box) { box.value = typeof v === "string" ? v : ""; return; }
    all("input", fs).forEach(function (i) { i.checked = [].concat(v).map(String).indexOf(i.value) >= 0; });
  }

  function count(fs) {
    var box = fs.querySelector(".text"), out = fs.querySelector(".sv-count");
    if (box && out) { out.textContent = S.t("chars_left", { n: Number(out.getAttribute("data-max")) - box.value.length }); }
  }

  function mount(form) {
    var C = S.core, D = S.data, id = form.getAttribute("data-survey"), anon = form.hasAttribute("data-anonymous");
    var items = all("fieldset[data-item]", form), local = "sbfa:sv:" + D.id + ":" + id;
    var alertBox = form.querySelector(".sv-alert");
    form.setAttribute("data-mounted", "1");
    all(".sv-anon", form.parentNode).forEach(function (p) {
      p.hidden = (p.getAttribute("data-anon") === "lms") !== !!LMS[D.adapter];
    });
    function st() { return C.state(); }
    function done() { return (st().sd || []).indexOf(id) >= 0; }
    function saved() {
      if (!anon) { return (st().sv || {})[id] || {}; }
      try { return JSON.parse(window.localStorage.getItem(local) || "{}") || {}; } catch (e) { return {}; }
    }
    function keep(answers) {
      if (anon) {
        try { window.localStorage.setItem(local, JSON.stringify(answers)); } catch (e) { /* no local copy */ }
        return;
      }
      var s = st();
      s.sv = s.sv || {};
      s.sv[id] = answers;
      C.changed(false);
    }
    function lock() {
      all("input, textarea, button", form).forEach(function (c) { c.disabled = true; });
      form.querySelector(".sv-actions").hidden = done();
      form.querySelector(".sv-done").hidden = !done();
    }
    var answers = saved();
    items.forEach(function (fs) { write(fs, answers[fs.getAttribute("data-item")]); count(fs); });
    if (done() || S.mode === "review") { lock(); return; }

    form.addEventListener("input", function (ev) {
      var fs = ev.target.closest("fieldset[data-item]");
      if (!fs) { return; }
      var a = saved(), v = read(fs), key = fs.getAttribute("data-item");
      if (v === null) { delete a[key]; } else { a[key] = v; }
      keep(a);
      count(fs);
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var missing = items.filter(function (fs) { return fs.hasAttribute("data-required") && read(fs) === null; });
      if (missing.length) {
        alertBox.textContent = C.t("survey_missing", { n: missing.length });
        alertBox.hidden = false;
        missing[0].querySelector("input, textarea").focus();
        return;
      }
      alertBox.hidden = true;
      items.forEach(function (fs) {
        var type = fs.getAttribute("data-type"), v = read(fs);
        if (v === null || (anon && LMS[D.adapter] && TYPE[type] === "fill-in")) { return; }
        C.record({ id: fs.getAttribute("data-item"), lessonId: id, type: TYPE[type], response: v, result: "neutral",
          survey: true, anonymous: anon, description: fs.querySelector(".sv-p").textContent,
          keys: all("input", fs).map(function (i) { return i.value; }) });
      });
      C.event({ kind: "survey-submitted", id: id, lessonId: id, anonymous: anon });
      var s = st();
      s.sd = (s.sd || []).concat(id);
      if (anon) { try { window.localStorage.removeItem(local); } catch (e) { /* nothing kept */ } }
      lock();
      C.evaluate();
      C.changed(true);
      form.querySelector(".sv-done").focus();
    });
  }

  document.addEventListener("sbfa:attach", function () {
    all("form.survey:not([data-mounted])", document).forEach(mount);
  });
})();
