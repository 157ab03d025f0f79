/* The SCORM 2004 4th Edition adapter (docs/runtime.md, tracking interface; S4-8 in
 * shared/notes/standards-checklist.md). The same discipline as the SCORM 1.2 adapter, through the
 * queue of scorm-common.js: only changed values are sent, Commit only when the core commits and at
 * finish, Terminate exactly once and nothing after it. In 2004 terms:
 * - completion (cmi.completion_status, cmi.progress_measure) and success (cmi.success_status)
 *   apart; scores as cmi.score.scaled (0..1) and raw/min/max (0..100);
 * - responses written with the ids themselves ("[,]", "[.]" and "[:]" separators);
 * - one SCO for the course: each module is a cmi.objectives entry (the manifest's objectives). */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  S.adapters = S.adapters || {};

  var TYPES = { "single-choice": "choice", "multiple-choice": "choice", "true-false": "true-false",
    "fill-in": "fill-in", "matching": "matching", "ordering": "sequencing", "numeric": "numeric",
    "likert": "likert", "path": "choice" };
  var PERMANENT = { "201": 1, "401": 1, "402": 1, "403": 1, "404": 1, "405": 1, "406": 1, "407": 1, "408": 1 };
  var SHORT = 250;                       // fill-in answers and descriptions (SPM); long-fill-in: 4000

  /** ISO 8601 duration (cmi.session_time, latency): PT1H2M3.45S, at most 2 decimals. */
  function duration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "S";
  }
  /** ISO 8601 time (interaction timestamp): UTC to the hundredth of a second (a zone needs a fraction). */
  function timestamp(d) { return d.toISOString().slice(0, 22) + "Z"; }
  /** cmi.score.scaled rounded down to 4 decimals (the manifest's minNormalizedMeasure rounds up). */
  function scaled(x) { return String(Math.floor(Math.max(0, Math.min(1, x)) * 10000 + 1e-6) / 10000); }
  function raw(x) { return String(Math.floor(Math.max(0, Math.min(1, x)) * 10000 + 1e-6) / 100); }
  /** A localized string; one starting with "{" gets a space first, or the LMS would read a
   * delimiter such as {lang=...} there (and refuse it). */
  function loc(text, max) {
    text = String(text).slice(0, max);
    return text.charAt(0) === "{" ? " " + text.slice(0, max - 1) : text;
  }

  /** Responses and patterns in SCORM 2004 formats (q: the question's answer key, for tolerance
   * and case). Null when there is nothing to write. */
  function response(type, value, q, isPattern) {
    if (value === null || value === undefined) { return null; }
    switch (type) {
      case "true-false": return value === true || value === "true" ? "true" : "false";
      case "single-choice": case "likert": case "path": return String(value);
      case "multiple-choice": {
        var ids = (Array.isArray(value) ? value : [value]).slice().sort();
        return ids.length ? ids.join("[,]") : null;
      }
      case "ordering": return Array.isArray(value) && value.length ? value.join("[,]") : null;
      case "matching": {
        if (typeof value !== "object") { return null; }
        var src = Object.keys(value).sort();
        return src.length ? src.map(function (s) { return s + "[.]" + value[s]; }).join("[,]") : null;
      }
      case "numeric": {
        if (typeof value !== "number" || !isFinite(value)) { return null; }
        if (!isPattern) { return String(value); }
        var tol = (q && q.tol) || 0;
        return String(value - tol) + "[:]" + String(value + tol);
      }
      case "fill-in": {
        var text = String(Array.isArray(value) ? value[0] : value);
        if (isPattern && q && q.cs) { return "{case_matters=true}" + loc(text, SHORT); }
        return loc(text, text.length > SHORT ? 4000 : SHORT);
      }
      default: return loc(value, SHORT);
    }
  }
  function typeOf(rec) {
    var t = TYPES[rec.type];
    return t === "fill-in" && String(rec.response || "").length > SHORT ? "long-fill-in" : t;
  }

  S.adapters.scorm2004 = function (env) {
    var data = env.data || {}, conf = data.scorm || {};
    var api = null, mode = "normal", credit = true, count = 0, objCount = 0, t0 = Date.now();
    var passing = null, completion = "", success = "", lastScaled = null, objectives = {};
    var sco = null, scoId = null;
    try { scoId = new URLSearchParams(window.location.search).get("sco"); } catch (e) { scoId = null; }
    if (scoId && conf.scos && conf.scos[scoId]) { sco = conf.scos[scoId]; }
    var lessons = sco ? sco.lessons : (data.lessons || []).map(function (l) { return l.id; });

    var ch = S.scorm.channel(env, {
      set: function (el, v) { return api.SetValue(el, v); },
      commit: function () { return api.Commit(""); },
      error: function () { return api.GetLastError(); }
    }, PERMANENT, "scorm2004");
    var set = ch.set, trySave = ch.save;
    function get(el) {
      try { var v = api.GetValue(el); return v === null || v === undefined ? "" : String(v); } catch (e) { return ""; }
    }
    function tracking() { return mode === "normal" && credit; }   // MDL-17: browse, review, no-credit: no status
    function done() { return completion === "completed" && success !== "failed"; }

    function setScore(x) {
      var s = scaled(x);
      if (s === lastScaled) { return; }
      lastScaled = s;
      set("cmi.score.scaled", s);
      set("cmi.score.min", "0");
      set("cmi.score.max", "100");
      set("cmi.score.raw", raw(x));
    }
    /** With a passing score from the LMS, passed means scaled >= it, as the LMS decides. */
    function verdict(passed) {
      return passing !== null && lastScaled !== null ? parseFloat(lastScaled) >= passing : passed;
    }
    function report(completed, passed) {
      if (!tracking()) { return; }
      var c = completed ? "completed" : "incomplete";
      if (c !== completion) {
        completion = c;
        set("cmi.completion_status", c);
        if (completed) { set("cmi.progress_measure", "1"); }
      }
      if (passed === true || passed === false) {
        var s = verdict(passed) ? "passed" : "failed";
        if (s !== success) { success = s; set("cmi.success_status", s); }
      }
      set("cmi.exit", done() ? "normal" : "suspend");
    }
    /** Share of the lessons seen, below 1 until the core says completed (completionThreshold 1). */
    function progress(st) {
      if (!tracking() || completion === "completed" || !lessons.length) { return; }
      var seen = st.seen || [], n = lessons.filter(function (l) { return seen.indexOf(l) >= 0; }).length;
      set("cmi.progress_measure", String(Math.min(0.99, Math.floor(n / lessons.length * 100) / 100)));
    }
    /** One SCO per module: this SCO's own rules, from the state (as in SCORM 1.2). */
    function moduleProgress(st) {
      var m = S.scorm.module(st, sco, conf.passMark);
      if (m.pending) { return; }
      if (m.scaled !== null) { setScore(m.scaled); }
      report(m.completed, m.passed);
    }
    /** One SCO for the course: every module is an objective (cmi.objectives.n, kept at its n). */
    function moduleObjectives(st) {
      if (!tracking()) { return; }
      Object.keys(conf.objectives || {}).forEach(function (id) {
        var m = S.scorm.module(st, conf.objectives[id], conf.passMark);
        if (objectives[id] === undefined) { objectives[id] = objCount++; }
        var p = "cmi.objectives." + objectives[id] + ".";
        set(p + "id", id);
        set(p + "completion_status", m.completed ? "completed" : "incomplete");
        set(p + "progress_measure", String(Math.floor(m.seen * 100) / 100));
        if (m.scaled !== null) {
          set(p + "score.scaled", scaled(m.scaled));
          set(p + "success_status", m.passed ? "passed" : "failed");
        }
      });
    }

    function finish() {
      if (!ch.live || ch.finished) { return; }
      ch.stop();
      if (tracking()) { set("cmi.exit", done() ? "normal" : "suspend"); }
      set("cmi.session_time", duration(Date.now() - t0));   // this session only; the LMS adds it up
      trySave();
      ch.stop();
      ch.finished = true;   // once; nothing after it
      try { api.Terminate(""); } catch (e) { /* the page is going away: nothing more to do */ }
    }

    return {
      name: "scorm2004",
      maxState: conf.maxState || 64000,
      start: function () {
        api = S.scorm.discover("API_1484_11");
        if (!api) {
          env.notify("local-only");   // outside an LMS: the core keeps progress in this browser
          return Promise.resolve({ state: null, location: null, learner: null, mode: "normal" });
        }
        var init = false;
        for (var i = 0; i < 3 && !init; i++) {
          try { init = String(api.Initialize("")) === "true"; } catch (e) { init = false; }
        }
        if (!init) { return Promise.reject(new Error("Initialize failed")); }
        ch.live = true;
        t0 = Date.now();
        window.addEventListener("pagehide", finish);
        mode = get("cmi.mode") || "normal";
        credit = get("cmi.credit") !== "no-credit";
        var sps = get("cmi.scaled_passing_score");
        passing = sps !== "" && !isNaN(parseFloat(sps)) ? parseFloat(sps) : null;
        completion = get("cmi.completion_status");
        success = get("cmi.success_status");
        var n = parseInt(get("cmi.objectives._count"), 10) || 0;
        for (var k = 0; k < n; k++) { objectives[get("cmi.objectives." + k + ".id")] = k; }
        objCount = n;
        var location = "", suspend = "";
        if (get("cmi.entry") === "resume" || completion === "incomplete" || completion === "completed") {
          location = get("cmi.location");
          suspend = get("cmi.suspend_data");
        }
        ch.known("cmi.location", location);
        ch.known("cmi.suspend_data", suspend);
        count = parseInt(get("cmi.interactions._count"), 10) || 0;
        if (tracking() && completion !== "completed" && completion !== "incomplete") {
          // A first launch: "incomplete" at once, so a learner who leaves now is not "completed".
          report(false, null);
          trySave();
        }
        var learner = { id: get("cmi.learner_id"), name: get("cmi.learner_name"),
          language: get("cmi.learner_preference.language") || null };
        if (!location && sco && sco.lessons.length) { location = sco.lessons[0]; }
        return Promise.resolve({ state: S.scorm.refill(conf, data, suspend) || null, location: location || null,
          learner: learner.id || learner.name ? learner : null, launch: get("cmi.launch_data"),
          mode: mode === "browse" || mode === "review" ? mode : "normal" });
      },
      save: function (state, location) {
        if (!ch.live || ch.finished) { return; }
        var text = S.scorm.fit(conf, state);
        if (text.length <= (conf.maxState || 64000)) {
          set("cmi.suspend_data", text);
        } else {
          env.notify("save-failed");   // never cut a state: the core's local copy keeps it whole
        }
        if (location && location.length <= 1000) { set("cmi.location", location); }
        var st = S.state.decode(text);
        if (!st) { return; }
        progress(st);
        if (sco) { moduleProgress(st); } else { moduleObjectives(st); }
      },
      interaction: function (rec) {
        if (!ch.live || ch.finished || !TYPES[rec.type]) { return; }
        var n = count++, p = "cmi.interactions." + n + ".", type = typeOf(rec);
        var quiz = (data.quizzes || {})[rec.lessonId], q = null;
        (quiz ? quiz.questions : []).forEach(function (k) { if (k.id === rec.id) { q = k; } });
        set(p + "id", (rec.lessonId ? rec.lessonId + "_" : "") + rec.id);
        set(p + "type", type);
        set(p + "timestamp", timestamp(new Date()));
        if (typeof rec.weight === "number") { set(p + "weighting", String(rec.weight)); }
        var pattern = response(rec.type, rec.correct, q, true);
        if (pattern !== null) { set(p + "correct_responses.0.pattern", pattern); }
        var given = response(rec.type, rec.response, q, false);
        if (given !== null) { set(p + "learner_response", given); }
        if (rec.result === "correct" || rec.result === "incorrect" || rec.result === "neutral") {
          set(p + "result", rec.result);
        }
        if (typeof rec.latencyMs === "number") { set(p + "latency", duration(rec.latencyMs)); }
        if (rec.description) { set(p + "description", loc(rec.description, SHORT)); }
      },
      event: function () { /* lessons and exercises reach the LMS through the state and objectives */ },
      score: function (x) {
        if (!ch.live || ch.finished || sco || typeof x !== "number" || !tracking()) { return; }
        setScore(x);
      },
      status: function (s) {
        if (!ch.live || ch.finished || sco) { return; }
        report(!!s.completed, s.passed === true || s.passed === false ? s.passed : null);
      },
      commit: function () { return Promise.resolve(trySave()); },
      finish: finish
    };
  };

  // The formats on their own, for tests.
  S.adapters.scorm2004.formats = { duration: duration, timestamp: timestamp, scaled: scaled, raw: raw,
    response: response, type: typeOf };
})();
