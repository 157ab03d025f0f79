/* The SCORM 1.2 adapter (docs/runtime.md, tracking interface). Rule ids are those of
 * shared/notes/standards-checklist.md. It decides *how* the core's decisions reach cmi.*:
 * - every LMSSetValue goes through the queue of scorm-common.js (values refused for good, 201
 *   and 40x, are dropped; others are retried);
 * - LMSCommit only when the core commits (page change, quiz or exercise submitted) and at finish;
 * - LMSFinish exactly once; no call after it (RTE-4, RTE-32). */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  S.adapters = S.adapters || {};

  var CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";  // RTE-26: single-character choice keys
  var TYPES = { "single-choice": "choice", "multiple-choice": "choice", "true-false": "true-false",
    "fill-in": "fill-in", "matching": "matching", "ordering": "sequencing", "numeric": "numeric",
    "likert": "likert", "path": "fill-in" };  // RTE-26: a country code is not a 1.2 choice (one character)
  var RESULTS = { correct: "correct", incorrect: "wrong", neutral: "neutral" };  // RTE-21: 1.2 says wrong
  var PERMANENT = { "201": 1, "401": 1, "402": 1, "403": 1, "404": 1, "405": 1 };
  var pad = S.scorm.pad;

  /** RTE-15: CMITimespan HHHH:MM:SS.SS, 2 to 4 hour digits, 2 decimals, capped at 9999 hours. */
  function timespan(ms) {
    var cs = Math.max(0, Math.min(Math.round(ms / 10), 9999 * 360000 + 359999));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60;
    return pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }
  /** RTE-21: CMITime is a time of day, HH:MM:SS. */
  function timeOfDay(d) { return pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2); }
  /** RTE-12, RTE-33: a percentage rounded down to 2 decimals (the manifest's mastery rounds up). */
  function raw(scaled) {
    var v = Math.floor(Math.max(0, Math.min(1, scaled)) * 10000 + 1e-6) / 100;
    return String(v);
  }
  function feedback(s) { s = String(s); return s.length > 255 ? s.slice(0, 255) : s; }

  S.adapters.scorm12 = function (env) {
    var data = env.data || {}, conf = data.scorm || {};
    var api = null, mode = "normal", credit = true, count = 0, t0 = Date.now();
    var mastery = null, status = "", done = false;
    var sco = null, scoId = null;
    try { scoId = new URLSearchParams(window.location.search).get("sco"); } catch (e) { scoId = null; }
    if (scoId && conf.scos && conf.scos[scoId]) { sco = conf.scos[scoId]; }

    var ch = S.scorm.channel(env, {
      set: function (el, v) { return api.LMSSetValue(el, v); },
      commit: function () { return api.LMSCommit(""); },
      error: function () { return api.LMSGetLastError(); }
    }, PERMANENT, "scorm12");
    var set = ch.set, trySave = ch.save;
    function get(el) {
      try { var v = api.LMSGetValue(el); return v === null || v === undefined ? "" : String(v); } catch (e) { return ""; }
    }

    function setStatus(value) {
      // MDL-17: in browse and review mode, and without credit, the SCO does not change its status.
      if (mode !== "normal" || !credit || value === status) { return; }
      status = value;
      set("cmi.core.lesson_status", value);
      done = value === "completed" || value === "passed";
      set("cmi.core.exit", done ? "" : "suspend");
    }

    /** RTE-33: with a mastery score from the LMS, passed means raw >= mastery, as Moodle decides. */
    function verdict(passed, rawText) {
      if (mastery !== null && rawText !== null) { return parseFloat(rawText) >= mastery; }
      return passed;
    }
    var lastRaw = null;
    function setScore(scaled) {
      var r = raw(scaled);
      if (r === lastRaw) { return; }
      lastRaw = r;
      set("cmi.core.score.min", "0");
      set("cmi.core.score.max", "100");
      set("cmi.core.score.raw", r);
    }
    function report(completed, passed) {
      if (passed === true || passed === false) {
        setStatus(verdict(passed, lastRaw) ? "passed" : "failed");
      } else if (completed) {
        setStatus("completed");
      }
    }

    /** One SCO per module: this SCO's own rules, from the state (docs/runtime.md, scorm data). */
    function moduleProgress(st) {
      var m = S.scorm.module(st, sco, conf.passMark);
      if (m.pending) { return; }
      if (m.scaled !== null) { setScore(m.scaled); }
      report(m.completed, m.passed);
    }

    function finish() {
      if (!ch.live || ch.finished) { return; }
      ch.stop();
      if (!done) { set("cmi.core.exit", "suspend"); }
      // RTE-15, RTE-30: once, just before LMSFinish: this session's time only (the LMS adds it up).
      set("cmi.core.session_time", timespan(Date.now() - t0));
      trySave();
      ch.stop();
      ch.finished = true;   // RTE-4: once; RTE-32: nothing after it
      try { api.LMSFinish(""); } catch (e) { /* the page is going away: nothing more to do */ }
    }

    return {
      name: "scorm12",
      maxState: conf.maxState || 4096,
      start: function () {
        api = S.scorm.discover("API");
        if (!api) {
          env.notify("local-only");   // outside an LMS: the core keeps progress in this browser
          return Promise.resolve({ state: null, location: null, learner: null, mode: "normal" });
        }
        var init = false;
        for (var i = 0; i < 3 && !init; i++) {
          try { init = String(api.LMSInitialize("")) === "true"; } catch (e) { init = false; }
        }
        if (!init) { return Promise.reject(new Error("LMSInitialize failed")); }
        ch.live = true;
        t0 = Date.now();
        // A guard of our own, after the core's handler (which saves first): finish runs once anyway.
        // Not "unload": listening to it keeps the page out of the back-forward cache.
        window.addEventListener("pagehide", finish);
        mode = get("cmi.core.lesson_mode") || "normal";
        credit = get("cmi.core.credit") !== "no-credit";
        var ms = get("cmi.student_data.mastery_score");
        mastery = ms !== "" && !isNaN(parseFloat(ms)) ? parseFloat(ms) : null;
        status = get("cmi.core.lesson_status");
        done = status === "completed" || status === "passed";
        count = parseInt(get("cmi.interactions._count"), 10) || 0;
        var location = get("cmi.core.lesson_location"), suspend = get("cmi.suspend_data");
        // RTE-35: read both on every start; the core resumes only from what decodes.
        ch.known("cmi.core.lesson_location", location);
        ch.known("cmi.suspend_data", suspend);
        if (mode === "normal" && credit && (status === "not attempted" || status === "")) {
          // RTE-27: otherwise Moodle turns "not attempted" into "completed" at LMSFinish.
          status = "";
          setStatus("incomplete");
          trySave();
        }
        var learner = { id: get("cmi.core.student_id"), name: get("cmi.core.student_name"),
          language: get("cmi.student_preference.language") || null };
        // One SCO per module: a first launch opens at the module's first lesson.
        if (!location && sco && sco.lessons.length) { location = sco.lessons[0]; }
        return Promise.resolve({ state: S.scorm.refill(conf, data, suspend) || null, location: location || null,
          learner: learner.id || learner.name ? learner : null, launch: get("cmi.launch_data"),
          mode: mode === "browse" || mode === "review" ? mode : "normal" });
      },
      save: function (state, location) {
        if (!ch.live || ch.finished) { return; }
        var text = S.scorm.fit(conf, state);
        if (text.length <= (conf.maxState || 4096)) {
          set("cmi.suspend_data", text);
        } else {
          env.notify("save-failed");   // never cut a state: the core's local copy keeps it whole
        }
        if (location && location.length <= 255) { set("cmi.core.lesson_location", location); }  // RTE-9
        if (sco) {
          var st = S.state.decode(text);
          if (st) { moduleProgress(st); }
        }
      },
      interaction: function (rec) {
        if (!ch.live || ch.finished || !TYPES[rec.type]) { return; }
        // RTE-24, RTE-25: append at n = _count, id first, then type, then the rest.
        var n = count++, p = "cmi.interactions." + n + ".";
        set(p + "id", (rec.lessonId ? rec.lessonId + "_" : "") + rec.id);
        set(p + "type", TYPES[rec.type]);
        set(p + "time", timeOfDay(new Date()));
        // A survey's record carries its own option ids (survey item ids are not the course's).
        var keys = rec.keys || (conf.keys || {})[rec.id];
        var pattern = formatResponse(rec.type, rec.correct, keys, true);
        if (pattern !== null) { set(p + "correct_responses.0.pattern", pattern); }
        var response = formatResponse(rec.type, rec.response, keys, false);
        if (response !== null) { set(p + "student_response", response); }
        if (RESULTS[rec.result]) { set(p + "result", RESULTS[rec.result]); }
        if (typeof rec.weight === "number") { set(p + "weighting", String(Math.max(-100, Math.min(100, rec.weight)))); }
        if (typeof rec.latencyMs === "number") { set(p + "latency", timespan(rec.latencyMs)); }
      },
      event: function () { /* SCORM 1.2 has no place for lesson and exercise events */ },
      score: function (scaled) {
        if (!ch.live || ch.finished || sco || typeof scaled !== "number") { return; }
        setScore(scaled);
      },
      status: function (s) {
        if (!ch.live || ch.finished || sco) { return; }
        report(!!s.completed, s.passed === true || s.passed === false ? s.passed : null);
      },
      commit: function () { return Promise.resolve(trySave()); },
      finish: finish
    };
  };

  // The formats on their own, for tests (RTE-12, RTE-15, RTE-26, RTE-33).
  S.adapters.scorm12.formats = { raw: raw, timespan: timespan, response: formatResponse };

  /** RTE-26: responses and patterns in SCORM 1.2 formats, keyed by the declared order of ids. */
  function formatResponse(type, value, keys, isPattern) {
    if (value === null || value === undefined) { return null; }
    function key(id) {
      var i = keys ? keys.indexOf(id) : -1;
      return i >= 0 && i < CHARS.length ? CHARS.charAt(i) : null;
    }
    function list(ids, sep) {
      var out = [];
      for (var i = 0; i < ids.length; i++) { var k = key(ids[i]); if (k === null) { return null; } out.push(k); }
      return out.join(sep);
    }
    switch (type) {
      case "true-false": return value === true || value === "true" ? "t" : "f";
      case "single-choice": return key(value);
      case "multiple-choice": {
        var ids = (Array.isArray(value) ? value : [value]).slice();
        ids.sort(function (a, b) { return keys.indexOf(a) - keys.indexOf(b); });
        var l = list(ids, ",");
        return l === null ? null : "{" + l + "}";
      }
      case "ordering": return Array.isArray(value) ? list(value, ",") : null;
      case "matching": {
        if (typeof value !== "object") { return null; }
        var pairs = [], src = Object.keys(value);
        src.sort(function (a, b) { return keys.indexOf(a) - keys.indexOf(b); });
        for (var i = 0; i < src.length; i++) {
          var s = key(src[i]), t = key(value[src[i]]);
          if (s === null || t === null) { return null; }
          pairs.push(s + "." + t);
        }
        return pairs.join(",");
      }
      case "numeric": return typeof value === "number" && isFinite(value) ? String(value) : null;
      // RTE-26: one character; a scale's points 1..9 are themselves, 10 and 11 are "a" and "b".
      case "likert": return typeof value === "number" && value >= 0 && value < 36 ? "0123456789abcdefghijklmnopqrstuvwxyz".charAt(value) : null;
      case "fill-in": return feedback(Array.isArray(value) ? value[0] : value);
      default: return feedback(value);
    }
  }
})();
