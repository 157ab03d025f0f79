/* The runtime core: navigation between the lessons of the one page, progress, bookmark, the
 * completion and success rules, the exercise-widget hook, and the calls to the tracking adapter
 * (docs/runtime.md). It decides *when*; the adapter decides *how*. */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  var D, adapter, state, current = null, started = false, finished = false;
  var saveTimer = null, lastStatus = "", reported = null, quizzes = {}, xTouched = {}, plural = null;
  var switching = false;

  function $(sel, root) { return (root || document).querySelector(sel); }
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function section(id) { return document.getElementById("l-" + id); }
  function lang() { return D.language; }

  // ---- learner-facing text: {name} values, plural forms by Intl.PluralRules ----------------
  function lookup(key, vars) {
    var s = D.strings, n = vars && vars.n;
    if (typeof n === "number" && s[key + "_other"] !== undefined) {
      var form = "other";
      try { plural = plural || new Intl.PluralRules(lang()); form = plural.select(n); } catch (e) { /* other */ }
      return s[key + "_" + form] !== undefined ? s[key + "_" + form] : s[key + "_other"];
    }
    return s[key];
  }
  function fill(text, vars) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) {
      if (!vars || vars[k] === undefined) { return m; }
      return typeof vars[k] === "number" ? fmt.number(vars[k]) : String(vars[k]);
    });
  }
  function t(key, vars) {
    var s = lookup(key, vars);
    return s === undefined ? key : fill(s, vars);
  }
  S.t = t;

  var fmt = {
    number: function (v, opts) {
      try { return new Intl.NumberFormat(lang(), opts).format(v); } catch (e) { return String(v); }
    },
    percent: function (fraction) {
      return fmt.number(fraction, { style: "percent", maximumFractionDigits: 0 });
    },
    money: function (v, currency) {
      return fmt.number(v, { style: "currency", currency: currency || "EUR" });
    },
    date: function (v) {
      try { return new Intl.DateTimeFormat(lang(), { dateStyle: "medium" }).format(new Date(v)); } catch (e) { return String(v); }
    }
  };
  S.fmt = fmt;

  // ---- the learner state -------------------------------------------------------------------
  function blank() { return { v: 1, loc: null, seen: [], q: {}, quiz: {}, x: {}, xd: [] }; }

  function tidy(o) {
    var s = blank();
    if (!o || typeof o !== "object") { return s; }
    if (typeof o.c === "string") { s.c = o.c; }  // the learner's country (path.js)
    ["loc", "lang"].forEach(function (k) { if (typeof o[k] === "string") { s[k] = o[k]; } });
    ["seen", "xd", "xu", "sd"].forEach(function (k) { if (Array.isArray(o[k])) { s[k] = o[k].slice(); } });
    ["q", "quiz", "x", "sv", "r"].forEach(function (k) { if (o[k] && typeof o[k] === "object") { s[k] = o[k]; } });
    return s;
  }

  function union(a, b) {
    var out = a.slice();
    b.forEach(function (v) { if (out.indexOf(v) < 0) { out.push(v); } });
    return out;
  }

  // Two copies (the LMS's and this browser's): what only one has is kept; progress (seen
  // lessons, quiz attempts) never goes back; on a real conflict the copy with changes the LMS has
  // not confirmed wins, since it is the later one.
  function merge(lms, local, localNewer) {
    if (!lms) { return local; }
    if (!local) { return lms; }
    var a = localNewer ? lms : local, b = localNewer ? local : lms, m = tidy(b);
    m.seen = union(b.seen, a.seen);
    m.xd = union(b.xd, a.xd);
    if (a.xu || b.xu) { m.xu = union(b.xu || [], a.xu || []); }
    // Surveys (survey.js): submitted ones stay submitted, with the answers they were submitted with.
    if (a.sd || b.sd) { m.sd = union(b.sd || [], a.sd || []); }
    Object.keys(a.sv || {}).forEach(function (k) {
      m.sv = m.sv || {};
      if (!m.sv[k] || ((a.sd || []).indexOf(k) >= 0 && (b.sd || []).indexOf(k) < 0)) { m.sv[k] = a.sv[k]; }
    });
    Object.keys(a.quiz).forEach(function (k) {
      var x = a.quiz[k], y = m.quiz[k];
      if (!y || (x.n || 0) > (y.n || 0)) {
        // The copy with more attempts of a quiz brings the answers of that attempt along.
        m.quiz[k] = x;
        ((D.quizzes[k] || {}).questions || []).forEach(function (q) {
          if (a.q[q.id]) { m.q[q.id] = a.q[q.id]; } else { delete m.q[q.id]; }
        });
      }
    });
    Object.keys(a.q).forEach(function (k) { if (!m.q[k]) { m.q[k] = a.q[k]; } });
    Object.keys(a.x).forEach(function (k) { m.x[k] = Object.assign({}, a.x[k], m.x[k] || {}); });
    // Reflections (bizfile.js): what only one copy has is kept, as exercise values.
    Object.keys(a.r || {}).forEach(function (k) { m.r = m.r || {}; m.r[k] = Object.assign({}, a.r[k], m.r[k] || {}); });
    m.loc = b.loc || a.loc;
    m.c = b.c || a.c;  // the learner's country (path.js): the later explicit choice
    return m;
  }

  function encoded() { return S.state.encode(state); }

  function saveNow() {
    clearTimeout(saveTimer);
    saveTimer = null;
    var enc = encoded();
    S.local.write(D, enc, true);
    if (started && !finished) { adapter.save(enc, state.loc); }
    return enc;
  }

  /** Something changed: keep it (after a short pause), and commit when the moment matters. */
  function changed(meaningful) {
    if (meaningful) { commit(); return; }
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 600);
  }

  function commit() {
    if (!started || finished) { saveNow(); return; }
    Object.keys(xTouched).forEach(function (ex) {
      adapter.event({ kind: "exercise-progress", id: ex, lessonId: xTouched[ex], shared: false });
    });
    xTouched = {};
    var enc = saveNow();
    Promise.resolve(adapter.commit()).then(function (ok) {
      // The local copy is marked clean only when nothing changed while the LMS was answering.
      if (ok && enc === encoded()) { S.local.write(D, enc, false); }
    }, function () { notify("save-failed"); });
  }

  // ---- status line -------------------------------------------------------------------------
  var STATUS = { "saved": "saved", "retrying": "retrying", "save-failed": "save_failed", "local-only": "local_only" };
  function notify(status) {
    if (!STATUS[status] || status === lastStatus) { return; }
    lastStatus = status;
    var line = $("#sbfa-status");
    line.className = "status is-" + status;
    line.textContent = t(STATUS[status]);
  }

  // ---- completion and success: decided here once, for every adapter ------------------------
  function decide() {
    var c = D.completion, seen = state.seen, done = function (q) { return state.quiz[q] && state.quiz[q].done; };
    var need = c.lessons === "all" ? D.lessons.map(function (l) { return l.id; }) : c.lessons;
    // A survey counts once submitted (state.sd), never when only seen; it never counts toward the score.
    var survey = {};
    D.lessons.forEach(function (l) { if (l.kind === "survey") { survey[l.id] = 1; } });
    var sent = function (l) { return !survey[l] || (state.sd || []).indexOf(l) >= 0; };
    // An exercise counts once the learner has used it (ctx.used) or finished it, never when only opened.
    var used = function (x) { return (state.xu || []).indexOf(x) >= 0 || state.xd.indexOf(x) >= 0; };
    // c.wait: a personal path whose country is not chosen yet (path.js) completes nothing.
    var out = { completed: !c.wait && need.every(function (l) { return seen.indexOf(l) >= 0 && sent(l); }) &&
      c.quizzes.every(done) && (c.exercises || []).every(used), passed: null, score: null };
    if (D.success && D.success.quizzes.every(function (w) { return done(w.quiz); })) {
      var sum = 0, weights = 0;
      D.success.quizzes.forEach(function (w) { sum += w.weight * (state.quiz[w.quiz].s || 0); weights += w.weight; });
      out.score = weights ? sum / weights : 0;
      out.passed = out.score * 100 >= D.success.pass_mark - 1e-9;
    }
    return out;
  }

  function evaluate() {
    var r = decide();
    if (!started) { return r; }
    if (!reported || r.score !== reported.score) {
      if (r.score !== null) { adapter.score(r.score); }
    }
    if (!reported || r.completed !== reported.completed || r.passed !== reported.passed) {
      adapter.status({ completed: r.completed, passed: r.passed });
    }
    reported = r;
    return r;
  }

  function courseNote() {
    var r = decide();
    if (r.passed === true) { return t("course_passed", { score: fmt.percent(r.score) }); }
    if (r.passed === false) { return t("course_failed", { score: fmt.percent(r.score), pass: fmt.percent(D.success.pass_mark / 100) }); }
    return r.completed ? t("course_completed") : "";
  }

  // ---- navigation --------------------------------------------------------------------------
  function indexOf(id) {
    for (var i = 0; i < D.lessons.length; i++) { if (D.lessons[i].id === id) { return i; } }
    return -1;
  }

  function progress() {
    var done = D.lessons.filter(function (l) { return state.seen.indexOf(l.id) >= 0; }).length;
    $("#sbfa-progress-bar").value = done;
    $("#sbfa-progress-text").textContent = t("progress", { done: done, total: D.lessons.length });
    all("#sbfa-toc a[data-go]").forEach(function (a) {
      var id = a.getAttribute("data-go"), seen = state.seen.indexOf(id) >= 0;
      a.classList.toggle("seen", seen);
      a.querySelector(".tick").textContent = seen ? "✓" : "";
      a.querySelector(".seen-text").hidden = !seen;
      if (id === current) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
  }

  function markSeen(lesson) {
    if (state.seen.indexOf(lesson.id) >= 0) { return; }
    state.seen.push(lesson.id);
    if (started) {
      adapter.event({ kind: "lesson-seen", id: lesson.id, lessonId: lesson.id });
      if (lesson.kind === "case-study") { adapter.event({ kind: "case-read", id: lesson.id, lessonId: lesson.id }); }
    }
  }

  /** Shows lesson `id` in place of the current one (never a page load: a SCO must not unload). */
  function go(id, focus) {
    var i = indexOf(id);
    if (i < 0) { return; }
    var lesson = D.lessons[i];
    all("section.lesson").forEach(function (s) { s.hidden = s.id !== "l-" + id; });
    current = id;
    state.loc = id;
    markSeen(lesson);
    $("#sbfa-back").disabled = i === 0;
    // After the last lesson of a course comes its end screen (screens.js).
    $("#sbfa-next").disabled = i === D.lessons.length - 1 && !$("#sbfa-end");
    $("#sbfa-pos").textContent = t("lesson_n_of_m", { n: i + 1, m: D.lessons.length });
    progress();
    var sec = section(id);
    // The window title names the lesson too (browser tabs, screen readers' window lists).
    document.title = $("h1", sec).textContent + " – " + D.title;
    if (lesson.kind === "exercise") { mountExercise(sec, lesson); }
    mountQuizzes(sec);
    if (quizzes[id]) { quizzes[id].shown(); }
    var toc = $("#sbfa-toc");
    if (focus) {
      if (toc && !wide()) { toc.open = false; }
      window.scrollTo(0, 0);
      $("h1", sec).focus();
    }
    evaluate();
    if (started) { commit(); }
    // nav.js keeps the browser's history in step (Back shows the previous lesson).
    document.dispatchEvent(new CustomEvent("sbfa:go", { detail: { id: id, focus: !!focus } }));
  }

  /** The quiz engines of a lesson, started when it is first shown: starting every quiz of the
   * course at once made the runtime's start-up one long task that no tap could interrupt. */
  function mountQuizzes(sec) {
    all("form.quiz", sec).forEach(function (form) {
      var id = form.getAttribute("data-quiz");
      if (Object.prototype.hasOwnProperty.call(quizzes, id)) { return; }
      quizzes[id] = null;
      try {
        quizzes[id] = S.Quiz(form, D.quizzes[id], {
          state: function () { return state; }, save: changed, evaluate: evaluate, t: t, fmt: fmt, lang: lang,
          courseNote: courseNote,
          record: function (rec) { if (started) { adapter.interaction(rec); } }
        });
      } catch (e) {
        // One broken quiz must not stop navigation or the other lessons.
        if (window.console) { window.console.error(e); }
      }
      // An LMS review session shows the learner's answers without letting them change.
      if (S.mode === "review") { all("input, select, button", form).forEach(function (c) { c.disabled = true; }); }
    });
  }

  function step(delta) {
    // On a screen (no current lesson): Next opens the first lesson, Back the last.
    var i = (current ? indexOf(current) : delta > 0 ? -1 : D.lessons.length) + delta;
    if (i >= 0 && i < D.lessons.length) { go(D.lessons[i].id, true); } else if (i === D.lessons.length && $("#sbfa-end")) { S.screens.end(true); }
  }

  function wide() { return window.matchMedia && window.matchMedia("(min-width: 60em)").matches; }

  // ---- the learner's country (issue 12): their choice, a launch parameter, the package's ----------
  /** `?country=de` on the launch URL or `country=de` in the LMS's launch data (S.launch). */
  function country() {
    var q = /(?:^|&)country=([a-z]{2})(?=&|$)/.exec(window.location.search.slice(1) + "&" + (S.launch || ""));
    var ok = function (c) { return c && (!D.path || D.path.c.indexOf(c) >= 0) ? c : null; };
    return ok(state.c) || ok(q && q[1]) || ok(D.pre) || null;
  }
  /** An exercise as in the learner's country: its currency, worked example and amounts there. */
  function local(ex) {
    var m = ex && ex.money && ex.money[country()];
    return m ? Object.assign({}, ex, m) : ex;
  }

  // ---- exercise widgets --------------------------------------------------------------------
  function mountExercise(sec, lesson) {
    var box = $(".exercise", sec);
    if (!box || box.getAttribute("data-mounted")) { return; }
    var exId = box.getAttribute("data-exercise"), ex = local(D.exercises[exId]);
    var widget = ex && S.widgets && S.widgets[ex.kind];
    if (!widget || typeof widget.mount !== "function") { return; }
    box.setAttribute("data-mounted", "1");
    var ctx = {
      get: function (key) { return (state.x[exId] || {})[key]; },
      set: function (key, value) {
        var x = state.x[exId] = state.x[exId] || {};
        if (value === null || value === undefined) { delete x[key]; } else { x[key] = value; }
        xTouched[exId] = lesson.id;
        changed(false);
      },
      // `shared` is true only when the learner agreed to share these answers with their
      // organisation; adapters send the values themselves only then (docs/runtime.md).
      submit: function (result, shared) {
        if (state.xd.indexOf(exId) < 0) { state.xd.push(exId); }
        delete xTouched[exId];
        if (started) {
          adapter.event({ kind: "exercise-submitted", id: exId, lessonId: lesson.id, result: result,
            shared: shared === true });
        }
        evaluate();
        changed(true);
      },
      submitted: function () { return state.xd.indexOf(exId) >= 0; },
      // The learner computed, saved, ticked or finished something of their own (completion rule).
      // Kept (state.xu) only where a completion rule asks for it, so courses spend no state on it.
      used: function () {
        if ((D.completion.exercises || []).indexOf(exId) < 0 || (state.xu || []).indexOf(exId) >= 0) { return; }
        state.xu = (state.xu || []).concat(exId);
        evaluate();
        changed(true);
      },
      // Only xAPI and cmi5 can carry an exercise's values; SCORM 1.2 and "none" never send them.
      canShare: D.adapter === "xapi" || D.adapter === "cmi5",
      t: function (key, vars) { var s = lookup(key, vars); return s === undefined ? null : fill(s, vars); },
      fmt: fmt,
      lang: lang()
    };
    var fallback = box.innerHTML;
    try {
      box.textContent = "";
      widget.mount(box, ex, ctx);
    } catch (e) {
      // A broken widget must not take the course with it: the instructions come back.
      box.innerHTML = fallback;
      if (window.console) { window.console.error(e); }
    }
  }

  // ---- one module on its own (a cmi5 AU or SCORM SCO per module: index.html?module=<id>) -------
  function scope() {
    var m = /[?&](?:module|sco)=([^&#]+)/.exec(window.location.search), mod = m && decodeURIComponent(m[1]);
    var mine = {}, c = D.completion;
    D.lessons.forEach(function (l) { if (l.module === mod) { mine[l.id] = 1; } });
    if (!mod || !Object.keys(mine).length) { return; }
    // The LMS lists the modules: no welcome or end screen of the whole course (screens.js).
    all("#sbfa-welcome, #sbfa-end, #sbfa-toc .screens").forEach(function (e) { e.parentNode.removeChild(e); });
    function inside(id) { return !!mine[id]; }
    D.lessons = D.lessons.filter(function (l) { return mine[l.id]; });
    D.completion = { lessons: (c.lessons === "all" ? Object.keys(mine) : c.lessons).filter(inside),
      quizzes: c.quizzes.filter(inside), exercises: c.exercises };
    if (D.success) {
      var graded = D.success.quizzes.filter(function (w) { return mine[w.quiz]; });
      D.success = graded.length ? { pass_mark: D.success.pass_mark, quizzes: graded } : null;
    }
    all("#sbfa-toc .modules > li").forEach(function (li) {
      li.hidden = !all("a[data-go]", li).some(function (a) { return mine[a.getAttribute("data-go")]; });
    });
    var bar = $("#sbfa-progress-bar");
    if (bar) { bar.max = D.lessons.length; }
  }

  // ---- wiring -----------------------------------------------------------------------------
  // Listeners on the document survive a language switch, which replaces the page's parts.
  function wire() {
    document.addEventListener("click", function (ev) {
      var el = ev.target.closest && ev.target.closest("a[data-go], #sbfa-back, #sbfa-next");
      if (!el) { return; }
      if (el.id === "sbfa-back") { step(-1); } else if (el.id === "sbfa-next") { step(1); } else {
        ev.preventDefault();
        go(el.getAttribute("data-go"), true);
      }
    });
    document.addEventListener("change", function (ev) {
      if (ev.target.id === "sbfa-lang") { switchTo(ev.target.value, true); }
    });
    attach();
  }

  // What belongs to the page's current parts: the quiz engines and the contents' initial state.
  function attach() {
    quizzes = {};
    // Optional parts (survey.js) mount their forms on the page's current parts.
    document.dispatchEvent(new CustomEvent("sbfa:attach"));
    var toc = $("#sbfa-toc");
    if (toc && wide()) { toc.open = true; }
  }

  // ---- languages of a multilingual package -------------------------------------------------
  /** The language to show: the learner's earlier choice, the LMS's preference, the browser's. */
  function preferred(info) {
    if (!D.langs) { return null; }
    var wanted = [state.lang, info && info.learner && info.learner.language]
      .concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      var w = String(wanted[i] || "").toLowerCase().replace("_", "-");
      if (!w) { continue; }
      var hit = D.langs.filter(function (l) { return l.code.toLowerCase() === w; })[0] ||
        D.langs.filter(function (l) { return l.code.split("-")[0] === w.split("-")[0]; })[0];
      if (hit) { return hit.code; }
    }
    return null;
  }

  /** Shows the course in another language in place (the launched page never unloads). */
  function switchTo(code, byLearner) {
    var entry = (D.langs || []).filter(function (l) { return l.code === code; })[0];
    if (!entry || code === D.language || switching) { return; }
    switching = true;
    // Leaving the field makes a widget keep what was being typed before its page part goes.
    if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
    saveNow();
    fetch(entry.file, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(entry.file + ": " + r.status); }
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var data = JSON.parse(doc.getElementById("sbfa-data").textContent);
      ["header.top", "nav.toc", "main", "footer.bottom"].forEach(function (sel) {
        var old = $(sel), neu = doc.querySelector(sel);
        if (old && neu) { old.parentNode.replaceChild(document.importNode(neu, true), old); }
      });
      document.documentElement.lang = data.language;
      document.documentElement.dir = data.dir;
      document.title = doc.title;
      D = S.data = data;
      plural = null;
      scope();
      if (S.path) { S.path.apply(); }
      state.lang = code;
      attach();
      if (!current && S.screens && S.screens.on) { S.screens[S.screens.on](false); } else if (current || !S.path) { go(current, false); } else { S.path.ask(false); }
      lastStatus = "";
      $("#sbfa-status").textContent = t("language_changed");
      var select = $("#sbfa-lang");
      if (byLearner && select) { select.focus(); }
    }).catch(function (e) {
      var select = $("#sbfa-lang");
      if (select) { select.value = D.language; }
      if (window.console) { window.console.error(e); }
    }).then(function () { switching = false; });
  }

  // ---- start and finish --------------------------------------------------------------------
  function onLeave() {
    if (finished) { return; }
    saveNow();
    finished = true;
    if (started) { adapter.finish(); }
  }

  function begin(info, local) {
    var lmsState = info && info.state ? S.state.decode(info.state) : null;
    var localState = local ? S.state.decode(local.s) : null;
    state = tidy(merge(lmsState && tidy(lmsState), localState && tidy(localState), !!(local && local.d)));
    var loc = (info && info.location) || state.loc;
    S.launch = info && info.launch;
    started = true;
    wire();
    var resume = indexOf(loc) > 0, welcome = $("#sbfa-welcome"), fresh = welcome && !state.seen.length;
    // Lessons the learner moved to before the runtime started (the inline boot.js): each is
    // recorded as seen, with the one shown first (a course shows its welcome screen first), and
    // the learner stays where they went.
    var early = (window.SBFA_EARLY || []).filter(function (id) { return indexOf(id) >= 0; });
    if (early.length) {
      resume = false;
      (welcome ? [] : [D.lessons[0].id]).concat(early).forEach(function (id) { markSeen(D.lessons[indexOf(id)]); });
    }
    // A personal path shows the learner's lessons only; with no country yet, its chooser first, as
    // the choice decides what counts. A new learner of a course starts on its welcome screen
    // (screens.js), a returning one where they left off.
    var ask = S.path && !S.path.apply();
    if (ask) { S.path.ask(false); } else if (fresh && !early.length) { S.screens.welcome(false); } else {
      go(early.length ? early[early.length - 1] : resume ? loc : D.lessons[0].id, false);
    }
    if (resume && lastStatus !== "save-failed") { $("#sbfa-status").textContent = t("resume"); lastStatus = "resume"; }
    var want = preferred(info);
    if (want && want !== D.language) { switchTo(want, false); }
    document.documentElement.classList.add("sbfa-ready");
    if (window.performance && performance.mark) { performance.mark("sbfa-ready"); }
  }

  function boot() {
    D = S.data = JSON.parse(document.getElementById("sbfa-data").textContent);
    state = blank();
    scope();
    var factory = S.adapters[D.adapter] || S.adapters.none;
    adapter = factory({ data: D, notify: notify });
    var local = S.local.read(D);
    window.addEventListener("pagehide", onLeave);
    window.addEventListener("pageshow", function (ev) { if (ev.persisted && finished) { window.location.reload(); } });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && started && !finished) { commit(); }
    });
    Promise.resolve().then(function () { return adapter.start(); }).then(function (info) {
      S.learner = info && info.learner;
      S.mode = (info && info.mode) || "normal";
      begin(info, local);
    }, function () {
      // No LMS session: keep working on the local copy and say that progress may not be saved.
      notify("save-failed");
      adapter = S.adapters.none({ data: D, notify: function () {} });
      begin(null, local);
    });
  }

  S.core = { go: go, t: t, fmt: fmt, state: function () { return state; }, decide: decide, changed: changed,
    evaluate: evaluate, country: country, progress: progress,
    leave: function () { current = null; progress(); evaluate(); if (started) { commit(); } },
    record: function (rec) { if (started) { adapter.interaction(rec); } },
    event: function (ev) { if (started) { adapter.event(ev); } } };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", boot); } else { boot(); }
})();
