/* The xapi adapter: Rustici "Tin Can launch" (Moodle mod_tincanlaunch). Reads endpoint, auth,
 * actor, registration and activity_id from the launch URL (checklist XP-7…XP-12); no LRS
 * credential is ever part of the package. Without launch parameters it behaves like `none`
 * and says that nothing is being recorded. Statements go through SBFA.xapi's persistent queue. */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};

  S.adapters.xapi = function (env) {
    var X = S.xapi, launch = X.params(window.location.search), actor = X.parseJson(launch.actor || "");
    if (!launch.endpoint || !actor || typeof actor !== "object") {
      var none = S.adapters.none(env);  // standalone: tell the learner nothing is recorded
      none.name = "xapi";
      return none;
    }
    var rec, queue, state, profile, t0 = Date.now(), done = false, sent = {}, scaled = null, seen = {};
    var client = new X.Client(launch.endpoint, launch.auth || "");
    var who = X.who(client.endpoint, actor);

    function context(key) {
      var c = { language: profile.language }, ca = rec.family(key || "course");
      if (launch.registration) { c.registration = launch.registration; }  // every statement (XP-11)
      if (rec.o.grouping.length) { ca.grouping = (ca.grouping || []).concat(rec.o.grouping); }  // XP-12
      if (ca.parent || ca.grouping) { c.contextActivities = ca; }
      return c;
    }
    function flags() { return sent; }
    /** One made-up agent per submission of an anonymous survey (docs/lms.md): its statements link
     * to each other, never to the learner. */
    var anons = {};
    function anonymous(r) {
      return r.anonymous ? (anons[r.lessonId] = anons[r.lessonId] || X.anonymous(profile)) : null;
    }
    function remember(doc) { doc.f = flags(); return doc; }

    var api = {
      name: "xapi",
      maxState: null,
      start: function () {
        return X.profile(env.data).then(function (p) {
          profile = p;
          var activityId = launch.activity_id || p.course;
          queue = new X.Queue(client, "sbfa:xq:" + who, env.notify);
          rec = new X.Recorder({ profile: p, actor: actor, activityId: activityId, queue: queue, context: context,
            grouping: launch.grouping ? [{ objectType: "Activity", id: launch.grouping }] : [] });
          var params = { activityId: activityId, agent: launch.actor, stateId: p.stateId };
          if (launch.registration) { params.registration = launch.registration; }
          state = new X.State(client, params, "sbfa:xs:" + who + "|" + activityId + "|" + (launch.registration || ""));
          queue.flush();  // statements left from an earlier launch go first
          return state.read();
        }).then(function (doc) {
          sent = (doc && doc.f) || {};
          rec.send("initialized", "course");
          if (doc && doc.s) { rec.send("resumed", "course"); }
          queue.flush();
          return { state: doc ? doc.s : null, location: doc ? doc.l : null,
            learner: X.learner(actor, launch["Accept-Language"]), mode: "normal" };
        });
      },
      save: function (encoded, location) { state.set(remember({ s: encoded, l: location })); },
      interaction: function (r) {
        if (r.survey) { X.surveyAnswer(rec, r, anonymous(r)); return; }
        var key = "question:" + r.id, a = profile.activities[key];
        if (!a) { return; }
        rec.send("answered", key, X.answerResult(r, a));
      },
      event: function (ev) {
        if ((ev.kind === "lesson-seen" || ev.kind === "case-read") && !seen[ev.id]) {
          // Once per lesson and session: revisits cost bytes and add nothing. A case study is
          // told apart by its activity type, so "case-read" needs no statement of its own.
          seen[ev.id] = 1;
          rec.send("experienced", "lesson:" + ev.id);
        } else if (ev.kind === "exercise-submitted" || ev.kind === "exercise-progress") {
          rec.send("progressed", "exercise:" + ev.id, X.exerciseResult(profile, ev));
        } else if (ev.kind === "reflection-saved") {
          // A reflection answered: the text itself never leaves (no consent to share it is asked).
          rec.send("responded", "reflection:" + ev.lessonId + "/" + ev.id);
        } else if (ev.kind === "survey-submitted") {
          X.surveyDone(rec, ev, anonymous(ev));
          delete anons[ev.lessonId];
        } else if (ev.kind === "country") {
          rec.send("preferred", "course", { response: ev.id });  // the learner's country (path.js)
        } else if (ev.kind === "certificate") {
          rec.send("earned", "course");  // the certificate printed (screens.js)
        }
      },
      score: function (s) { scaled = s; },
      status: function (st) {
        var dur = X.duration(Date.now() - t0);
        if (st.completed && !sent.c) {
          sent.c = 1;
          // mod_tincanlaunch's grade sync reads result.score.scaled from the completion-verb statement (XP-17b).
          var res = { completion: true, duration: dur };
          if (scaled !== null) { res.score = X.score(scaled); }
          rec.send("completed", "course", res);
        }
        if (st.passed === true && !sent.p) {
          sent.p = 1;
          rec.send("passed", "course", { success: true, score: X.score(scaled || 0), duration: dur });
        } else if (st.passed === false && !sent.p && sent.fs !== scaled) {
          sent.fs = scaled;  // a new failing score is news; the same one again is not
          rec.send("failed", "course", { success: false, score: X.score(scaled || 0), duration: dur });
        }
        if (state.doc) { state.set(remember({ s: state.doc.s, l: state.doc.l })); }
      },
      commit: function () {
        if (done) { return Promise.resolve(false); }
        return Promise.all([queue.flush(), state.write()]).then(function (r) { return r[0] && r[1]; });
      },
      finish: function () {
        if (done) { return; }
        done = true;
        var dur = X.duration(Date.now() - t0);
        if (!sent.c) { rec.send("suspended", "course", { duration: dur }); }
        rec.send("terminated", "course", { duration: dur });
        state.write(true);
        queue.flush(true);
      }
    };
    return api;
  };
})();
