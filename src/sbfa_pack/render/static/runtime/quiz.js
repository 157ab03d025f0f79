/* The quiz engine: reads, marks and restores the seven question types of one quiz form.
 * The HTML (render/templates/lessons/quiz.html.j2) holds the text; SBFA.data.quizzes holds the
 * keys. Answers live in the learner state keyed by question id (docs/runtime.md):
 * q[id] = {r, n, ok} where n is the quiz attempt the answer was checked in (0 = not checked yet),
 * quiz[id] = {done, s, n} where n counts submitted attempts and s is the best score. */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};

  function all(sel, root) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  // The text of a choice or prompt as recorded, without a link's words for screen readers.
  function text(node) {
    var c = node && node.cloneNode(true);
    if (c) { all(".nt, .dl", c).forEach(function (n) { n.remove(); }); }
    return c ? c.textContent.replace(/\s+/g, " ").trim() : "";
  }

  var M = S.marking;
  var rng = M.rng, shuffled = M.shuffled, sameList = M.sameList, correctResponse = M.correctResponse;

  /** One quiz form. `core` = {state(), save(meaningful), record(rec), evaluate(), t, fmt, lang, courseNote()}. */
  S.Quiz = function (form, key, core) {
    var id = form.getAttribute("data-quiz");
    var list = form.querySelector(".questions");
    var qs = key.questions.map(function (k) {
      var li = list.querySelector('[data-q="' + k.id + '"]');
      return { k: k, li: li, t0: 0, choices: describe(k, li) };
    });
    var result = form.querySelector(".result"), alertBox = form.querySelector(".quiz-alert");
    var live = form.querySelector(".quiz-live"), submitBtn = form.querySelector('[type="submit"]');
    var confirmEmpty = false, shownAt = 0, restored = false;
    var t = core.t;

    function qst() { return core.state().quiz[id] || { n: 0 }; }
    // Attempt counts stop at 9999 (sbfa_pack.state.MAX_ATTEMPTS): the worst-case size of the
    // saved state, checked at build time against SCORM's 4,096 characters, counts on it.
    var MAX_N = 9999;
    function nextN() { return Math.min(attempts() + 1, MAX_N); }
    function attempts() { return qst().n || 0; }
    function left() { return key.attempts ? key.attempts - attempts() : Infinity; }

    function describe(k, li) {
      if (k.type === "matching") {
        return all(".pair", li).map(function (p) {
          var sel = p.querySelector("select");
          return { id: p.getAttribute("data-s"), source: text(p.querySelector("label")),
            target: text(sel.querySelector('option[value="' + p.getAttribute("data-s") + '"]')) };
        });
      }
      if (k.type === "ordering") {
        return all("li[data-i]", li).map(function (n) { return { id: n.getAttribute("data-i"), text: text(n.querySelector(".order-text")) }; });
      }
      return all(".choice", li).map(function (c) { return { id: c.getAttribute("data-c"), text: text(c.querySelector("label")) }; });
    }

    function arrange(attempt) {
      var rand = rng(id + ":" + attempt);
      var order = key.shuffle ? shuffled(qs, rand) : qs;
      order.forEach(function (q, i) {
        list.appendChild(q.li);
        q.li.querySelector(".q-n").textContent = t("question_n_of_m", { n: i + 1, m: qs.length });
      });
      qs.forEach(function (q) {
        var k = q.k, box;
        if ((k.type === "single-choice" || k.type === "multiple-choice") && k.shuffle) {
          box = q.li.querySelector(".choices");
          shuffled(all(".choice", box), rand).forEach(function (c) { box.appendChild(c); });
        } else if (k.type === "matching") {
          all("select", q.li).forEach(function (sel) {
            shuffled(all("option[value]:not([value=''])", sel), rand).forEach(function (o) { sel.appendChild(o); });
          });
        } else if (k.type === "ordering") {
          box = q.li.querySelector(".order");
          var items = all("li[data-i]", box), ids;
          do {
            items = shuffled(items, rand);
            ids = items.map(function (n) { return n.getAttribute("data-i"); });
          } while (sameList(ids, k.a));
          items.forEach(function (n) { box.appendChild(n); });
        }
      });
    }

    function read(q) {
      var li = q.li, k = q.k, v;
      switch (k.type) {
        case "single-choice":
          v = li.querySelector("input:checked");
          return v ? v.value : null;
        case "true-false":
          v = li.querySelector("input:checked");
          return v ? v.value === "true" : null;
        case "multiple-choice":
          v = all("input:checked", li).map(function (i) { return i.value; });
          return v.length ? v : null;
        case "fill-in":
          v = li.querySelector("input").value.trim();
          return v ? v : null;
        case "numeric":
          return S.parseNumber(li.querySelector("input").value, core.lang());
        case "matching":
          v = {};
          var any = false;
          all("select", li).forEach(function (s) {
            if (s.value) { v[s.getAttribute("data-s")] = s.value; any = true; }
          });
          return any ? v : null;
        case "ordering":
          return all("li[data-i]", li).map(function (n) { return n.getAttribute("data-i"); });
      }
      return null;
    }

    function write(q, r) {
      var li = q.li, k = q.k;
      if (r === null || r === undefined) { return; }
      if (k.type === "single-choice" || k.type === "multiple-choice" || k.type === "true-false") {
        var on = k.type === "multiple-choice" ? r : [String(r)];
        all("input", li).forEach(function (i) { i.checked = on.indexOf(i.value) >= 0; });
      } else if (k.type === "fill-in") {
        li.querySelector("input").value = r;
      } else if (k.type === "numeric") {
        li.querySelector("input").value = core.fmt.number(r, { useGrouping: false, maximumFractionDigits: 10 });
      } else if (k.type === "matching") {
        all("select", li).forEach(function (s) { s.value = r[s.getAttribute("data-s")] || ""; });
      } else if (k.type === "ordering") {
        var box = li.querySelector(".order");
        r.forEach(function (iid) {
          var n = box.querySelector('[data-i="' + iid + '"]');
          if (n) { box.appendChild(n); }
        });
        keep(q, true);
      }
    }

    function fits(k, s) {
      var r = s && typeof s === "object" ? s.r : undefined;
      if (r === null || r === undefined) { return !!s && typeof s === "object"; }
      switch (k.type) {
        case "single-choice": case "fill-in": return typeof r === "string";
        case "true-false": return typeof r === "boolean";
        case "numeric": return typeof r === "number";
        case "multiple-choice": case "ordering": return Array.isArray(r);
        case "matching": return typeof r === "object" && !Array.isArray(r);
      }
      return false;
    }

    function lock(q, on) {
      all("input, select, button", q.li).forEach(function (c) { c.disabled = on; });
      var check = q.li.querySelector("[data-check]");
      if (check) { check.hidden = on; }
      if (!on) { ready(q); }
    }

    // "Check answer" becomes available once there is something to check (an ordering always is).
    function ready(q) {
      var check = q.li.querySelector("[data-check]");
      if (check && !check.hidden) { check.disabled = q.k.type !== "ordering" && !answered(q) && !typed(q); }
    }
    function typed(q) {
      var input = q.k.type === "numeric" && q.li.querySelector("input");
      return !!(input && input.value.trim());
    }

    function clearMarks(q) {
      all(".ok, .ko, .is-answer", q.li).forEach(function (n) { n.classList.remove("ok", "ko", "is-answer"); });
      all(".mark", q.li).forEach(function (n) { n.textContent = ""; });
      all(".mark-text", q.li).forEach(function (n) { n.textContent = ""; });
      all(".choice-fb", q.li).forEach(function (n) { n.hidden = true; });
      var fb = q.li.querySelector(".fb");
      if (fb) { fb.hidden = true; }
      var hint = q.li.querySelector(".hint");
      if (hint) { hint.hidden = true; }
    }

    function mark(node, ok, label) {
      node.classList.add(ok ? "ok" : "ko");
      var m = node.querySelector(".mark"), s = node.querySelector(".mark-text");
      if (m) { m.textContent = ok ? "✓" : "✗"; }
      if (s) { s.textContent = " (" + label + ")"; }
    }

    function solution(q) {
      var k = q.k;
      if (k.type === "fill-in") { return k.a[0]; }
      if (k.type === "numeric") { return core.fmt.number(k.a) + (k.tol ? " ± " + core.fmt.number(k.tol) : ""); }
      if (k.type === "matching") {
        return q.choices.map(function (c) { return c.source + " → " + c.target; }).join("; ");
      }
      if (k.type === "ordering") {
        return k.a.map(function (iid, i) {
          var c = q.choices.filter(function (x) { return x.id === iid; })[0];
          return (i + 1) + ". " + (c ? c.text : iid);
        }).join("  ");
      }
      return null;
    }

    // Shows the verdict of one checked question; `final` also reveals the right answer.
    function feedback(q, a, final) {
      clearMarks(q);
      if (key.feedback === "none") { return; }
      var k = q.k, r = a.r, li = q.li;
      if (k.type === "single-choice" || k.type === "multiple-choice" || k.type === "true-false") {
        var right = k.type === "multiple-choice" ? k.a : [String(k.a)];
        var chosen = r === null || r === undefined ? [] : (k.type === "multiple-choice" ? r : [String(r)]);
        all(".choice", li).forEach(function (c) {
          var cid = c.getAttribute("data-c"), isRight = right.indexOf(cid) >= 0;
          if (chosen.indexOf(cid) >= 0) {
            mark(c, isRight, t(isRight ? "correct" : "incorrect").replace(/[.。]$/, ""));
            var cf = c.querySelector(".choice-fb");
            if (cf) { cf.hidden = false; }
          } else if (final && isRight) {
            c.classList.add("is-answer");
            c.querySelector(".mark").textContent = "✓";
            c.querySelector(".mark-text").textContent = " (" + t("correct_answer").replace(/[:：]$/, "") + ")";
          }
        });
      } else if (k.type === "matching") {
        all(".pair", li).forEach(function (p) {
          var s = p.getAttribute("data-s"), got = r && r[s];
          if (got) { mark(p, got === s, t(got === s ? "correct" : "incorrect").replace(/[.。]$/, "")); }
        });
      }
      var fb = li.querySelector(".fb");
      fb.hidden = false;
      fb.querySelector(".verdict").textContent = (a.ok ? "✓ " : "✗ ") + t(a.ok ? "correct" : "incorrect");
      var ok = fb.querySelector(".fb-ok"), ko = fb.querySelector(".fb-ko"), sol = fb.querySelector(".solution");
      if (ok) { ok.hidden = !a.ok; }
      if (ko) { ko.hidden = !!a.ok; }
      var s = final && !a.ok ? solution(q) : null;
      sol.hidden = !s;
      sol.textContent = s ? t("correct_answer") + " " + s : "";
    }

    // "This order is my answer": an ordering is answered as shown once the learner says so.
    function keep(q, on) {
      var box = q.li.querySelector("[data-keep]");
      if (box) { box.checked = on; }
    }

    function answered(q) {
      // An ordering always reads as some order: it counts as answered once the learner moved an
      // item or kept the order shown.
      if (q.k.type === "ordering") { return !!core.state().q[q.k.id]; }
      var r = read(q);
      return r !== null && !(typeof r === "number" && isNaN(r));
    }

    // Marks one question in the current attempt and tells the adapter.
    function take(q) {
      var r = read(q);
      if (typeof r === "number" && isNaN(r)) { r = null; }
      var ok = S.grade(q.k, r, core.lang());
      var a = { r: r, n: nextN(), ok: ok ? 1 : 0 };
      core.state().q[q.k.id] = a;
      core.record({
        id: q.k.id, lessonId: id, type: q.k.type, response: r, correct: correctResponse(q.k),
        result: ok ? "correct" : "incorrect",
        weight: q.k.w, latencyMs: Math.max(0, Date.now() - (q.t0 || shownAt || Date.now())),
        description: text(q.li.querySelector(".q-prompt")), choices: q.choices
      });
      lock(q, true);
      return a;
    }

    function isFinal() { return left() <= 0; }

    function check(q) {
      var hint = q.li.querySelector(".hint");
      if (q.k.type !== "ordering" && !answered(q)) {
        if (typed(q)) {
          hint.textContent = t("not_a_number", { example: core.fmt.number(12.5) });
          hint.hidden = false;
          q.li.querySelector("input").focus();
        }
        return;
      }
      var a = take(q);
      var last = qs.every(function (x) { var s = core.state().q[x.k.id]; return s && s.n === nextN(); });
      feedback(q, a, last && left() <= 1);
      var fb = q.li.querySelector(".fb");
      if (fb) { fb.focus(); }
      if (last) { finish(false); } else { core.save(false); }
    }

    function finish(focusResult) {
      var st = core.state(), prev = qst(), total = 0, got = 0;
      qs.forEach(function (q) {
        total += q.k.w;
        if ((st.q[q.k.id] || {}).ok) { got += q.k.w; }
      });
      var score = total ? got / total : 0;
      st.quiz[id] = { done: 1, s: prev.done ? Math.max(prev.s || 0, score) : score, n: Math.min((prev.n || 0) + 1, MAX_N) };
      core.evaluate();
      core.save(true);
      showResult(score, focusResult);
    }

    function showResult(score, focusResult) {
      var final = isFinal();
      qs.forEach(function (q) {
        lock(q, true);
        feedback(q, core.state().q[q.k.id] || { r: null, ok: 0 }, final);
      });
      submitBtn.hidden = true;
      alertBox.hidden = true;
      result.hidden = false;
      var lines = [];
      if (key.feedback === "none") {
        lines = [t("quiz_submitted"), "", ""];
      } else {
        var passed = key.pass === null || key.pass === undefined ? null : score * 100 >= key.pass - 1e-9;
        lines = [t("your_score", { score: core.fmt.percent(score) }),
          passed === null ? "" : (passed ? "✓ " + t("quiz_passed") : t("quiz_failed")), ""];
      }
      if (key.attempts) {
        lines[2] = left() > 0 ? t("attempts_left", { n: left() }) : t("no_attempts_left");
      }
      var note = core.courseNote();
      if (note) { lines[2] = (lines[2] ? lines[2] + " " : "") + note; }
      result.querySelector(".score").textContent = lines[0];
      result.querySelector(".outcome").textContent = lines[1];
      result.querySelector(".attempts").textContent = lines[2];
      result.querySelector("[data-retry]").hidden = left() <= 0;
      result.querySelector("[data-retry]").disabled = false;
      // Focus reads the result out; otherwise (the last check of an immediate quiz, whose
      // feedback has the focus) the live region does, once.
      if (focusResult) { result.focus(); } else if (restored !== true) { live.textContent = lines.join(" "); }
    }

    function retry() {
      var st = core.state();
      qs.forEach(function (q) {
        delete st.q[q.k.id];
        clearMarks(q);
        lock(q, false);
        all("input[type=radio], input[type=checkbox]", q.li).forEach(function (i) { i.checked = false; });
        all("input.text", q.li).forEach(function (i) { i.value = ""; });
        all("select", q.li).forEach(function (s) { s.value = ""; });
        q.t0 = 0;
        q.moved = false;
      });
      arrange(attempts());
      result.hidden = true;
      submitBtn.hidden = false;
      confirmEmpty = false;
      core.save(false);
      var first = qs.length && list.querySelector("input, select, button");
      if (first) { first.focus(); }
    }

    function onSubmit(ev) {
      ev.preventDefault();
      var open = qs.filter(function (q) { var s = core.state().q[q.k.id]; return !(s && s.n === nextN()); });
      var empty = open.filter(function (q) { return !answered(q); });
      if (empty.length && !confirmEmpty) {
        confirmEmpty = true;
        alertBox.textContent = t("unanswered", { n: empty.length }) + " " + t("go_to") + " ";
        // Each unanswered question named and linked, in the order shown (issue 12 item 8).
        empty.sort(function (a, b) { return a.li.compareDocumentPosition(b.li) & 4 ? -1 : 1; });
        empty.forEach(function (q, i) {
          var a = document.createElement("a");
          a.href = "#" + q.li.id;
          a.textContent = q.li.querySelector(".q-n").textContent;
          a.addEventListener("click", function (e) {
            e.preventDefault();
            var c = q.li.querySelector("[data-keep], input:not(:disabled), select, button:not(:disabled)");
            if (c) { c.focus(); c.scrollIntoView({ block: "center" }); }
          });
          if (i) { alertBox.appendChild(document.createTextNode(", ")); }
          alertBox.appendChild(a);
        });
        alertBox.hidden = false;
        alertBox.focus();
        return;
      }
      open.forEach(take);
      finish(true);
    }

    // An answer given but not checked yet is kept too (n: 0), so nothing typed is ever lost.
    function onChange(ev) {
      var li = ev.target.closest && ev.target.closest(".q");
      if (!li) { return; }
      var q = qs.filter(function (x) { return x.li === li; })[0];
      if (!q) { return; }
      if (!q.t0) { q.t0 = Date.now(); }
      var s = core.state().q[q.k.id];
      if (s && s.n === nextN()) { return; }
      if (ev.target.hasAttribute && ev.target.hasAttribute("data-keep")) {
        // Unticked before anything moved: the question is unanswered again.
        if (!ev.target.checked && !q.moved) { delete core.state().q[q.k.id]; core.save(false); return; }
      } else if (q.k.type === "ordering") { q.moved = true; }
      ready(q);
      var r = read(q);
      core.state().q[q.k.id] = { r: typeof r === "number" && isNaN(r) ? null : r, n: 0, ok: 0 };
      confirmEmpty = false;
      core.save(false);
    }

    // Ordering items move by button or by drag (order.js); the new order is recorded like any answer.
    function move(btn) {
      var moved = S.order.move(btn, function (item, n, m) {
        live.textContent = t("moved_to", { item: text(item.querySelector(".order-text")), n: n, m: m });
      });
      if (moved) { onChange({ target: btn }); }
    }

    form.addEventListener("pointerdown", function (ev) {
      S.order.drag(ev, function (item) { onChange({ target: item }); });
    });
    form.addEventListener("submit", onSubmit);
    form.addEventListener("change", onChange);
    form.addEventListener("input", onChange);
    form.addEventListener("click", function (ev) {
      var b = ev.target.closest && ev.target.closest("button");
      if (!b || b.disabled) { return; }
      if (b.hasAttribute("data-move")) { move(b); }
      else if (b.hasAttribute("data-check")) { check(qs.filter(function (q) { return q.li.contains(b); })[0]); }
      else if (b.hasAttribute("data-retry")) { retry(); }
    });

    // Restore: the results of the last attempt, or the attempt in progress.
    (function restore() {
      var st = core.state(), n = attempts();
      // An answer that does not fit its question (a course changed since, a damaged copy) is
      // dropped rather than allowed to stop the quiz.
      qs.forEach(function (q) {
        var s = st.q[q.k.id];
        if (s && !fits(q.k, s)) { delete st.q[q.k.id]; }
      });
      var showing = qst().done && qs.every(function (q) { var s = st.q[q.k.id]; return s && s.n === n; });
      arrange(showing ? n - 1 : n);
      qs.forEach(function (q) {
        var s = st.q[q.k.id];
        if (!s) { return; }
        write(q, s.r);
        if (!showing && s.n === n + 1) {
          lock(q, true);
          feedback(q, s, false);
        }
      });
      qs.forEach(ready);
      if (showing) {
        var total = 0, got = 0;
        qs.forEach(function (q) { total += q.k.w; got += st.q[q.k.id].ok ? q.k.w : 0; });
        restored = true;
        showResult(total ? got / total : 0, false);
        restored = false;
      }
    })();

    return { shown: function () { if (!shownAt) { shownAt = Date.now(); } } };
  };
})();
