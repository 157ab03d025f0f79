/* What `sbfa-pack test` does inside the course frame, by the markup the templates render
 * (render/templates/questions/, widgets/): answer a quiz from a plan, read the answers shown,
 * use a toolkit exercise once. Evaluated as one expression; defines window.GATE_DRIVE. */
(function () {
  "use strict";
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function fire(el, type) { el.dispatchEvent(new Event(type, { bubbles: true })); }
  function setText(el, value) { el.value = value; fire(el, "input"); fire(el, "change"); }
  function li(quiz, q) { return document.querySelector('#quiz-' + quiz + ' li.q[data-q="' + q + '"]'); }

  function order(node, ids) {
    var box = node.querySelector(".order");
    ids.forEach(function (iid, i) {
      for (var guard = 0; guard < 50; guard++) {
        var items = all("li[data-i]", box), item = box.querySelector('li[data-i="' + iid + '"]');
        if (!item || items.indexOf(item) <= i) { break; }
        item.querySelector('[data-move="-1"]').click();
      }
    });
  }

  function answer(quiz, plan) {
    var missing = [];
    plan.forEach(function (p) {
      var node = li(quiz, p.q), v = p.value;
      if (!node) { missing.push(p.q); return; }
      if (p.type === "single-choice" || p.type === "true-false") {
        var input = node.querySelector('input[value="' + v + '"]');
        if (input && !input.checked) { input.click(); }
      } else if (p.type === "multiple-choice") {
        all("input[type=checkbox]", node).forEach(function (i) {
          if (i.checked !== (v.indexOf(i.value) >= 0)) { i.click(); }
        });
      } else if (p.type === "fill-in" || p.type === "numeric") {
        setText(node.querySelector("input.text"), v);
      } else if (p.type === "matching") {
        all("select[data-s]", node).forEach(function (s) {
          s.value = v[s.getAttribute("data-s")] || ""; fire(s, "change");
        });
      } else if (p.type === "ordering") {
        if (v === "keep") {
          var keep = node.querySelector("[data-keep]");
          if (!keep.checked) { keep.click(); }
        } else { order(node, v); }
      }
    });
    var form = document.getElementById("quiz-" + quiz);
    if (!form) { return { missing: ["quiz " + quiz] }; }
    var submit = form.querySelector('[type="submit"]');
    if (submit && !submit.hidden) { submit.click(); }
    var result = form.querySelector(".result");
    return { missing: missing, submitted: !!result && !result.hidden };
  }

  /* The answers the page shows for each question of a quiz, in the plan's terms. */
  function read(quiz, plan) {
    var out = {};
    plan.forEach(function (p) {
      var node = li(quiz, p.q), v = null;
      if (!node) { out[p.q] = null; return; }
      if (p.type === "single-choice" || p.type === "true-false") {
        var c = node.querySelector("input:checked"); v = c ? c.value : null;
      } else if (p.type === "multiple-choice") {
        v = all("input:checked", node).map(function (i) { return i.value; }).sort();
      } else if (p.type === "fill-in" || p.type === "numeric") {
        v = node.querySelector("input.text").value;
      } else if (p.type === "matching") {
        v = {}; all("select[data-s]", node).forEach(function (s) { v[s.getAttribute("data-s")] = s.value; });
      } else if (p.type === "ordering") {
        v = all("li[data-i]", node).map(function (n) { return n.getAttribute("data-i"); });
      }
      out[p.q] = v;
    });
    return out;
  }

  /* The least a learner does to have used a toolkit exercise (issue 12 item 6). */
  function use(kind) {
    var x = document.querySelector(".sbfa-x");
    if (!x) { return false; }
    if (kind === "calculator") {
      all("input[data-field]", x).forEach(function (i, n) { setText(i, String(10 + 5 * n)); });
    } else if (kind === "worksheet") {
      var f = x.querySelector("input[data-field]:not([type=radio]):not([type=checkbox]), textarea[data-field]");
      if (f) { f.focus(); setText(f, "Test"); f.blur(); } else { return false; }
    } else if (kind === "checklist") {
      var box = x.querySelector("input[type=checkbox][data-field]");
      if (box) { box.click(); } else { return false; }
    } else {
      all(".sbfa-likert fieldset", x).forEach(function (g) {
        var r = g.querySelector("input[type=radio]"); if (r) { r.click(); }
      });
    }
    return true;
  }

  /* A personal path: the country the package shows (null before the learner chose one); choose(c)
   * picks c in the chooser as the learner does (path.js). */
  function country() { return window.SBFA.core.country ? window.SBFA.core.country() || null : null; }
  function choose(c) {
    var form = document.querySelector("form[data-path]"), input = form && form.querySelector('input[value="' + c + '"]');
    if (!input) { return false; }
    input.click();
    form.querySelector('[type="submit"]').click();
    return country() === c;
  }

  /* Presses Start when the course opens on its welcome screen (a new learner), as the learner does. */
  function begin() {
    var welcome = document.getElementById("sbfa-welcome"), start = document.getElementById("sbfa-start");
    if (welcome && !welcome.hidden && start) { start.click(); }
    return true;
  }

  /* Answers every item of a survey (its first option; text "Test") and submits it. */
  function survey(id) {
    var form = document.querySelector('form.survey[data-survey="' + id + '"]');
    if (!form) { return { missing: true }; }
    all("fieldset[data-item]", form).forEach(function (fs) {
      var box = fs.querySelector(".text"), inputs = all("input", fs);
      if (box) { setText(box, "Test"); } else if (inputs.length && !inputs.some(function (i) { return i.checked; })) {
        inputs[0].click();
      }
    });
    var submit = form.querySelector('[type="submit"]');
    if (submit && !submit.disabled) { submit.click(); }
    var done = form.querySelector(".sv-done");
    return { submitted: !!done && !done.hidden };
  }

  window.GATE_DRIVE = { answer: answer, read: read, use: use, country: country, choose: choose, survey: survey, begin: begin };
  return true;
})()
