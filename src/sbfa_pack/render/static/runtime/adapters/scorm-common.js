/* What the SCORM 1.2 and SCORM 2004 adapters share (docs/runtime.md): bounded API discovery, the
 * one queue every SetValue goes through (with retries), long texts kept in the browser, and the
 * rules of one module. Rule ids: shared/notes/standards-checklist.md.
 * - a value that fails for a reason that can pass (false with a transient error, or an exception)
 *   stays queued and is sent again at the next commit or retry, so nothing is lost; values the
 *   LMS refuses for good are dropped;
 * - only changed values are sent (never the whole progress on every answer: ILIAS froze on that). */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  var MAX_HOPS = 7;                      // RTE-1: ADL's bounded search

  /** RTE-1: `name` on this window or a parent (at most 7 hops), then through the opener. */
  function findIn(win, name) {
    for (var hops = 0; win && hops <= MAX_HOPS; hops++) {
      try {
        if (win[name]) { return win[name]; }
        if (!win.parent || win.parent === win) { return null; }
        win = win.parent;
      } catch (e) { return null; }     // a frame of another origin: stop there
    }
    return null;
  }

  function pad(n, w) { var s = String(n); while (s.length < w) { s = "0" + s; } return s; }

  /** Texts of st[key][id][f] for f in only[id] leave the state; their lengths go to st[lens]. */
  function drop(st, only, key, lens) {
    Object.keys(only).forEach(function (id) {
      only[id].forEach(function (f) {
        var x = st[key] && st[key][id];
        if (x && typeof x[f] === "string") {
          st[lens] = st[lens] || {};
          st[lens][id] = st[lens][id] || {};
          st[lens][id][f] = x[f].length;
          delete x[f];
        }
      });
    });
  }
  /** The texts st[lens] names come back from this browser's copy `mine`. */
  function back(st, mine, key, lens) {
    Object.keys(st[lens] || {}).forEach(function (id) {
      Object.keys(st[lens][id]).forEach(function (f) {
        var text = mine[key] && mine[key][id] && mine[key][id][f];
        if (typeof text === "string") { st[key] = st[key] || {}; st[key][id] = st[key][id] || {}; st[key][id][f] = text; }
      });
    });
    delete st[lens];
  }

  S.scorm = {
    pad: pad,
    discover: function (name) {
      var api = findIn(window, name);
      try { if (!api && window.opener) { api = findIn(window.opener, name); } } catch (e) { api = null; }
      return api;
    },

    /** The queue: lms = {set(el, v), commit(), error()} in the standard's terms; `permanent` =
     * error codes that will not pass. ch.live / ch.finished gate every call. */
    channel: function (env, lms, permanent, tag) {
      var queue = [], sent = {}, failures = 0, retryTimer = null;
      var ch = { live: false, finished: false };
      /** A value the LMS holds already (read at start): not sent again unchanged. */
      ch.known = function (el, value) { sent[el] = value; };
      /** Queue a value; a newer value of the same element replaces one not sent yet. */
      ch.set = function (el, value) {
        if (!ch.live || ch.finished) { return; }
        value = String(value);
        for (var i = 0; i < queue.length; i++) {
          if (queue[i][0] === el) { queue[i][1] = value; return; }
        }
        if (sent[el] === value && el.indexOf("cmi.interactions.") !== 0) { return; }
        queue.push([el, value]);
      };
      /** Send queued values in order; false when one failed for a reason that can pass. */
      function flush() {
        while (queue.length) {
          var el = queue[0][0], value = queue[0][1], ok, code;
          try { ok = String(lms.set(el, value)) === "true"; code = ok ? "0" : String(lms.error()); } catch (e) {
            ok = false; code = "101";
          }
          if (!ok && !permanent[code]) { return false; }
          if (!ok && window.console) { console.warn("sbfa " + tag + ": LMS refused " + el + " (" + code + ")"); }
          sent[el] = value;
          queue.shift();
        }
        return true;
      }
      function commit() {
        try { return String(lms.commit()) === "true"; } catch (e) { return false; }
      }
      ch.save = function trySave() {
        clearTimeout(retryTimer);
        retryTimer = null;
        if (!ch.live || ch.finished) { return false; }
        if (flush() && commit()) {
          if (failures) { env.notify("saved"); }
          failures = 0;
          return true;
        }
        failures++;
        env.notify(failures >= 3 ? "save-failed" : "retrying");
        // Retry on our own, sooner at first: 1 s, 2 s, 4 s ... up to 30 s, until it works or we leave.
        retryTimer = setTimeout(trySave, Math.min(30000, 1000 * Math.pow(2, failures - 1)));
        return false;
      };
      /** Before the last save: no retry may run after it. */
      ch.stop = function () { clearTimeout(retryTimer); };
      return ch;
    },

    /** Long free text stays in the browser (scorm.state_overflow: browser); its length is kept:
     * worksheets' long-text fields (x → xl, conf.browserOnly) and surveys' long-text items (sv → svl,
     * conf.surveyOnly). */
    fit: function (conf, encoded) {
      if (encoded.length <= conf.maxState || conf.overflow !== "browser") { return encoded; }
      var st = S.state.decode(encoded);
      if (!st) { return encoded; }
      drop(st, conf.browserOnly || {}, "x", "xl");
      drop(st, conf.surveyOnly || {}, "sv", "svl");
      delete st.r;  // case-study reflections: in this browser only (merged back on resume by the core)
      return S.state.encode(st);
    },
    /** On resume, long texts kept in this browser go back into the LMS copy of the state. */
    refill: function (conf, data, encoded) {
      if (conf.overflow !== "browser" || !encoded) { return encoded; }
      var st = S.state.decode(encoded), local = S.local && S.local.read(data);
      var mine = local && S.state.decode(local.s);
      if (!st || !(st.xl || st.svl) || !mine) { return encoded; }
      back(st, mine, "x", "xl");
      back(st, mine, "sv", "svl");
      return S.state.encode(st);
    },

    /** One module's progress from the state (rules = {lessons, quizzes: {id: weight}, surveys?}):
     * {completed, seen (share of its lessons), scaled, passed, pending}; `pending` while graded
     * quizzes are not all done (scaled and passed null, as for a module that is not assessed). */
    module: function (st, rules, passMark) {
      var seen = st.seen || [], quiz = st.quiz || {}, names = Object.keys(rules.quizzes || {});
      var sd = st.sd || [], surveys = rules.surveys || [];  // a survey counts once submitted
      var n = rules.lessons.filter(function (l) {
        return seen.indexOf(l) >= 0 && (surveys.indexOf(l) < 0 || sd.indexOf(l) >= 0);
      }).length;
      var out = { completed: n === rules.lessons.length, seen: rules.lessons.length ? n / rules.lessons.length : 1,
        scaled: null, passed: null, pending: false };
      if (!names.length || passMark === null || passMark === undefined) { return out; }
      if (!names.every(function (q) { return quiz[q] && quiz[q].done; })) { out.pending = true; return out; }
      var sum = 0, weights = 0;
      names.forEach(function (q) { sum += rules.quizzes[q] * (quiz[q].s || 0); weights += rules.quizzes[q]; });
      out.scaled = weights ? sum / weights : 0;
      out.passed = out.scaled * 100 >= passMark - 1e-9;
      return out;
    }
  };
})();
