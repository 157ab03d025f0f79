/* The cmi5 adapter: the AU side of a cmi5 launch (CMI5 §8–§10; checklist C5-4…C5-12).
 * POST to `fetch` once for the token (kept in sessionStorage, so a reload of the same session does
 * not fetch twice), read LMS.LaunchData, honour launchMode and masteryScore, then send the cmi5
 * defined statements in the required order with the context template (the queue, State API and
 * statement building are SBFA.xapi, from xapi-common.js). */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  var X = S.xapi;
  var LAUNCH_DATA = "LMS.LaunchData";

  function copy(o) { return JSON.parse(JSON.stringify(o)); }

  function sessionFlag(name, url, value) {
    try {
      if (value === undefined) { return window.sessionStorage.getItem("sbfa:cmi5-" + name + ":" + url); }
      window.sessionStorage.setItem("sbfa:cmi5-" + name + ":" + url, value);
    } catch (e) { /* no session storage: a reload then fails at fetch, which says the same */ }
    return null;
  }

  function fetchToken(url) {
    // After terminated the session is over (§9.3.8): a reload must not send anything more; the
    // learner relaunches from the LMS, which starts a new session.
    if (sessionFlag("ended", url)) { return Promise.reject(new Error("cmi5: this session has ended")); }
    var key = "sbfa:cmi5-token:" + url, kept = null;
    try { kept = window.sessionStorage.getItem(key); } catch (e) { /* no session storage */ }
    if (kept) { return Promise.resolve(kept); }
    return fetch(url, { method: "POST", credentials: "omit", cache: "no-store" }).then(function (r) {
      return r.json();
    }).then(function (body) {
      if (!body || !body["auth-token"]) { throw new Error("cmi5 fetch: " + JSON.stringify(body)); }
      try { window.sessionStorage.setItem(key, body["auth-token"]); } catch (e) { /* reload will fail */ }
      return body["auth-token"];
    });
  }

  S.adapters.cmi5 = function (env) {
    var launch = X.params(window.location.search), actor = X.parseJson(launch.actor || "");
    if (!launch.endpoint || !launch.fetch || !actor || !launch.activityId || !launch.registration) {
      var none = S.adapters.none(env);  // opened outside a cmi5 LMS: nothing is recorded
      none.name = "cmi5";
      return none;
    }
    var client, queue, state, rec, profile, ld = {}, mode = "Normal", t0 = Date.now(), done = false;
    var sent = {}, session = {}, scaled = null, seen = {}, pendingFail = null;
    var who = X.who(launch.endpoint, actor);
    session = X.parseJson(sessionFlag("sent", launch.fetch) || "{}") || {};

    /** The context template plus registration; cmi5 defined statements add the cmi5 category (§9.6). */
    function context(key, extra) {
      var c = copy(ld.contextTemplate || {}), ca = c.contextActivities = c.contextActivities || {};
      c.registration = launch.registration;
      if (profile.language) { c.language = profile.language; }
      var fam = key && key !== "course" ? rec.family(key) : {};
      if (fam.parent) { ca.parent = (ca.parent || []).concat(fam.parent); }
      if (fam.grouping) { ca.grouping = (ca.grouping || []).concat(fam.grouping); }
      if (extra.defined) {
        ca.category = (ca.category || []).concat([{ objectType: "Activity", id: profile.categories.cmi5 }]);
        if (extra.moveOn) { ca.category.push({ objectType: "Activity", id: profile.categories.moveOn }); }
        if (extra.mastery !== undefined) {
          c.extensions = c.extensions || {};
          c.extensions[profile.extensions.masteryScore] = extra.mastery;
        }
      }
      if (!Object.keys(ca).length) { delete c.contextActivities; }
      return c;
    }
    function normal() { return mode === "Normal"; }
    /** A cmi5 defined statement: at most once per session (and completed/passed once per registration). */
    function defined(verb, result, moveOn) {
      if (session[verb] || done && verb !== "terminated") { return; }
      session[verb] = 1;
      sessionFlag("sent", launch.fetch, JSON.stringify(session));  // a reload stays in the same session
      var extra = { defined: true, moveOn: moveOn };
      if ((verb === "passed" || verb === "failed") && typeof ld.masteryScore === "number") { extra.mastery = ld.masteryScore; }
      rec.send(verb, { objectType: "Activity", id: launch.activityId }, result, extra);
    }
    function mastery() { return typeof ld.masteryScore === "number" ? ld.masteryScore : null; }
    function keep() { if (state.doc) { state.set({ s: state.doc.s, l: state.doc.l, f: sent }); } }

    return {
      name: "cmi5",
      maxState: null,
      start: function () {
        return Promise.all([X.profile(env.data), fetchToken(launch.fetch)]).then(function (r) {
          profile = r[0];
          client = new X.Client(launch.endpoint, "Basic " + r[1]);
          queue = new X.Queue(client, "sbfa:xq:" + who, env.notify);
          rec = new X.Recorder({ profile: profile, actor: actor, activityId: launch.activityId, queue: queue,
            context: context, grouping: [] });
          var base = { activityId: launch.activityId, agent: launch.actor, registration: launch.registration };
          state = new X.State(client, Object.assign({ stateId: profile.stateId }, base),
            "sbfa:xs:" + who + "|" + launch.activityId + "|" + launch.registration);
          queue.flush();  // statements left from an earlier session go first
          return Promise.all([
            client.request("GET", "activities/state", { params: Object.assign({ stateId: LAUNCH_DATA }, base) }),
            client.request("GET", "agents/profile", { params: { agent: launch.actor, profileId: "cmi5LearnerPreferences" } }),
            state.read()
          ]);
        }).then(function (r) {
          if (r[0].status !== 200 || !r[0].json) { throw new Error("cmi5: no LMS.LaunchData (HTTP " + r[0].status + ")"); }
          ld = r[0].json;
          mode = ld.launchMode || "Normal";
          var prefs = r[1].status === 200 && r[1].json ? r[1].json : {};
          var doc = r[2];
          sent = (doc && doc.f) || {};
          defined("initialized");
          return { state: doc ? doc.s : null, location: doc ? doc.l : null,
            learner: X.learner(actor, (prefs.languagePreference || "").split(",")[0]), launch: ld.launchParameters,
            mode: mode.toLowerCase() };
        });
      },
      save: function (encoded, location) { state.set({ s: encoded, l: location, f: sent }); },
      interaction: function (r) {
        // A cmi5 session belongs to the launched learner: an anonymous survey keeps the launch actor
        // and registration, sends values only (survey.js) and carries the anonymous flag (docs/lms.md).
        if (r.survey) { if (mode !== "Review") { X.surveyAnswer(rec, r, null, r.anonymous); } return; }
        var key = "question:" + r.id, a = profile.activities[key];
        if (a && mode !== "Review") { rec.send("answered", key, X.answerResult(r, a)); }
      },
      event: function (ev) {
        if ((ev.kind === "lesson-seen" || ev.kind === "case-read") && !seen[ev.id]) {
          // Once per lesson and session: revisits cost bytes and add nothing. A case study is
          // told apart by its activity type, so "case-read" needs no statement of its own.
          seen[ev.id] = 1;
          rec.send("experienced", "lesson:" + ev.id);
        } else if ((ev.kind === "exercise-submitted" || ev.kind === "exercise-progress") && mode !== "Review") {
          rec.send("progressed", "exercise:" + ev.id, X.exerciseResult(profile, ev));
        } else if (ev.kind === "reflection-saved" && mode !== "Review") {
          // A reflection answered: the text itself never leaves (no consent to share it is asked).
          rec.send("responded", "reflection:" + ev.lessonId + "/" + ev.id);
        } else if (ev.kind === "survey-submitted" && mode !== "Review") {
          X.surveyDone(rec, ev, null, ev.anonymous);
        } else if (ev.kind === "country") {
          rec.send("preferred", "course", { response: ev.id });  // the learner's country (path.js)
        } else if (ev.kind === "certificate") {
          rec.send("earned", "course");  // the certificate printed (screens.js)
        }
      },
      score: function (s) { scaled = s; },
      status: function (st) {
        if (!normal() || done) { return; }  // Browse and Review record no completion (§10.2.2)
        var dur = X.duration(Date.now() - t0), ms = mastery();
        var passed = st.passed;
        // The LMS's masteryScore overrides the course's own pass mark (§10.2.1).
        if (ms !== null && scaled !== null && passed !== null) { passed = scaled >= ms; }
        if (st.completed && !sent.c) {
          sent.c = 1;
          defined("completed", { completion: true, duration: dur }, true);
        }
        if (passed === true && !sent.p && !session.failed) {
          sent.p = 1;
          defined("passed", { success: true, score: { scaled: X.score(scaled || 0).scaled }, duration: dur }, true);
        } else if (passed === false && !sent.p) {
          // failed waits for the end of the session: a later attempt in it may still pass, and
          // passed and failed must never both be sent in one session (§9.3).
          pendingFail = { success: false, score: { scaled: X.score(scaled || 0).scaled } };
        }
        keep();
      },
      commit: function () {
        if (done) { return Promise.resolve(false); }
        return Promise.all([queue.flush(), state.write()]).then(function (r) { return r[0] && r[1]; });
      },
      finish: function () {
        if (done) { return; }
        var dur = X.duration(Date.now() - t0);
        if (pendingFail && !sent.p && normal()) {
          pendingFail.duration = dur;
          defined("failed", pendingFail, true);
        }
        done = true;
        defined("terminated", { duration: dur });  // last, always (§9.3.8)
        sessionFlag("ended", launch.fetch, "1");
        keep();
        state.write(true);
        queue.flush(true).then(function () {
          if (ld.returnURL && document.visibilityState === "visible") { window.location.href = ld.returnURL; }
        });
      }
    };
  };
})();
