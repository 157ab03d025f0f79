/* Tracking: the adapter interface of docs/runtime.md, the `none` adapter, and the local copy of
 * the learner state that the core always keeps, so a failed LMS call never loses answers. */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  S.adapters = S.adapters || {};

  // Until (or unless) state.js provides the compact encoding, plain JSON with a version check.
  if (!S.state) {
    S.state = {
      encode: function (obj) { return JSON.stringify(obj); },
      decode: function (text) {
        try {
          var o = JSON.parse(text);
          return o && typeof o === "object" && o.v === 1 ? o : null;
        } catch (e) { return null; }
      }
    };
  }

  // localStorage can be missing or throw (private windows, sandboxed LMS frames, full quota):
  // every access is guarded and a failure only means no local copy.
  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  /** The local copy: {s: encoded state, d: 1 when changes have not reached the LMS yet}. */
  S.local = {
    key: function (data) { return "sbfa:" + data.id + ":" + data.version; },
    read: function (data) {
      var ls = store();
      if (!ls) { return null; }
      try {
        var o = JSON.parse(ls.getItem(S.local.key(data)) || "null");
        return o && typeof o.s === "string" ? o : null;
      } catch (e) { return null; }
    },
    write: function (data, encoded, dirty) {
      var ls = store();
      if (!ls) { return false; }
      try {
        ls.setItem(S.local.key(data), JSON.stringify({ s: encoded, d: dirty ? 1 : 0 }));
        return true;
      } catch (e) { return false; }
    }
  };

  /** The `none` adapter: no LMS; progress lives in this browser only (the core's local copy). */
  S.adapters.none = function (env) {
    var done = false;
    return {
      name: "none",
      maxState: null,
      start: function () {
        env.notify("local-only");
        return Promise.resolve({ state: null, location: null, learner: null, mode: "normal" });
      },
      save: function () {},
      interaction: function () {},
      event: function () {},
      score: function () {},
      status: function () {},
      commit: function () { return Promise.resolve(!done); },
      finish: function () { done = true; }
    };
  };
})();
