/* The LMS side of `sbfa-pack test`: scorm-again's Scorm12API or Scorm2004API (api.js) with Moodle's
 * settings, wrapped to log every call with the last error after it, and to keep the data model of
 * every successful commit (what an LMS backend would store).
 * The gate passes ?cfg=<JSON> (or sets window.GATE) = {launch, data: flattened cmi to pre-fill,
 * api: "Scorm12API" | "Scorm2004API"}. */
(function () {
  "use strict";
  var query = new URLSearchParams(window.location.search).get("cfg");
  var cfg = window.GATE || (query ? JSON.parse(query) : {});
  var v12 = cfg.api !== "Scorm2004API";
  var messages = window.SA_LOG = [];
  var settings = {
    autocommit: false, lmsCommitUrl: false, logLevel: 3,
    onLogMessage: function (level, message) { messages.push({ level: level, message: String(message) }); }
  };
  if (v12) {
    // Moodle's mod_scorm: "not attempted" becomes completed at LMSFinish (RTE-27) and the
    // mastery score overrides the status (RTE-33).
    settings.autoCompleteLessonStatus = true;
    settings.mastery_override = true;
  }
  var api = new window[v12 ? "Scorm12API" : "Scorm2004API"](settings);
  if (cfg.data) { api.loadFromFlattenedJSON(cfg.data); }
  var log = window.LOG = [];
  var commits = window.COMMITS = [];
  var fns = v12 ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]
    : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"];
  var quiet = v12 ? ["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]
    : ["GetLastError", "GetErrorString", "GetDiagnostic"];
  var lastError = quiet[0], saves = [fns[1], fns[4]];
  var wrapper = {};
  fns.forEach(function (fn) {
    wrapper[fn] = function () {
      var args = Array.prototype.slice.call(arguments);
      var ret = api[fn].apply(api, args);
      log.push({ fn: fn, args: args.map(String), ret: String(ret), error: String(api[lastError]()) });
      if (saves.indexOf(fn) >= 0 && String(ret) === "true") {
        commits.push(JSON.parse(JSON.stringify(api.renderCMIToJSONObject())));
      }
      return ret;
    };
  });
  quiet.forEach(function (fn) { wrapper[fn] = function () { return api[fn].apply(api, arguments); }; });
  window[v12 ? "API" : "API_1484_11"] = wrapper;
  window.LMS = api;
  window.GATE_STATE = function () {
    return { cmi: api.renderCMIToJSONObject(), log: log, commits: commits, messages: messages };
  };
  window.addEventListener("DOMContentLoaded", function () {
    if (cfg.launch) { document.getElementById("sco").src = cfg.launch; }
  });
})();
