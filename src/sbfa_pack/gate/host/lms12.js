/* The LMS side of `sbfa-pack test` for SCORM 1.2: scorm-again's Scorm12API with Moodle's settings,
 * wrapped to log every call with LMSGetLastError after it, and to keep the data model of every
 * successful commit (what an LMS backend would store).
 * The gate sets window.GATE (before this runs) = {launch, data: flattened cmi to pre-fill}. */
(function () {
  "use strict";
  var cfg = window.GATE || {};
  var messages = window.SA_LOG = [];
  var settings = {
    autocommit: false, lmsCommitUrl: false,
    // Moodle's mod_scorm: "not attempted" becomes completed at LMSFinish (RTE-27) and the
    // mastery score overrides the status (RTE-33).
    autoCompleteLessonStatus: true, mastery_override: true,
    logLevel: 4,
    onLogMessage: function (level, message) { messages.push({ level: level, message: String(message) }); }
  };
  var api = new window.Scorm12API(settings);
  if (cfg.data) { api.loadFromFlattenedJSON(cfg.data); }
  var log = window.LOG = [];
  var commits = window.COMMITS = [];
  var wrapper = {};
  ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError",
    "LMSGetErrorString", "LMSGetDiagnostic"].forEach(function (fn) {
    wrapper[fn] = function () {
      var args = Array.prototype.slice.call(arguments);
      var ret = api[fn].apply(api, args);
      if (fn !== "LMSGetLastError" && fn !== "LMSGetErrorString" && fn !== "LMSGetDiagnostic") {
        log.push({ fn: fn, args: args.map(String), ret: String(ret), error: String(api.LMSGetLastError()) });
      }
      if ((fn === "LMSCommit" || fn === "LMSFinish") && String(ret) === "true") {
        commits.push(JSON.parse(JSON.stringify(api.renderCMIToJSONObject())));
      }
      return ret;
    };
  });
  window.API = wrapper;
  window.LMS = api;
  window.GATE_STATE = function () {
    return { cmi: api.renderCMIToJSONObject(), log: log, commits: commits, messages: messages };
  };
  window.addEventListener("DOMContentLoaded", function () {
    if (cfg.launch) { document.getElementById("sco").src = cfg.launch; }
  });
})();
