/* The LMS side of the SCORM 1.2 browser tests: scorm-again's Scorm12API with Moodle's settings,
 * wrapped to log every call (with LMSGetLastError after it) and to inject faults on demand.
 * The test sets window.HOST (before this runs) = {launch, data: flattened cmi to pre-fill, settings}. */
(function () {
  "use strict";
  var cfg = window.HOST || {};
  var settings = {
    autocommit: false, lmsCommitUrl: false,
    // Moodle's mod_scorm: "not attempted" becomes completed at LMSFinish (RTE-27, MDL-12) and the
    // mastery score overrides the status (RTE-33).
    autoCompleteLessonStatus: true, mastery_override: true
  };
  // Everything scorm-again reports at warning level or above is kept for the tests to read.
  var messages = window.SA_LOG = [];
  settings.logLevel = 3;
  settings.onLogMessage = function (level, message) { messages.push({ level: level, message: String(message) }); };
  Object.keys(cfg.settings || {}).forEach(function (k) { settings[k] = cfg.settings[k]; });
  var api = new window.Scorm12API(settings);
  if (cfg.data) { api.loadFromFlattenedJSON(cfg.data); }
  var log = window.LOG = [];
  var commits = window.COMMITS = [];
  // FAULTS = {set: n, commit: n, how: "false" | "throw"}: the next n calls fail that way.
  var faults = window.FAULTS = { set: 0, commit: 0, how: "false" };
  function fault(kind, fn, args) {
    if (faults[kind] <= 0) { return null; }
    faults[kind]--;
    log.push({ fn: fn, args: args, ret: faults.how === "throw" ? "throw" : "false", error: "fault", fault: true });
    if (faults.how === "throw") { throw new Error("injected LMS fault"); }
    return "false";
  }
  var wrapper = {};
  ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError",
    "LMSGetErrorString", "LMSGetDiagnostic"].forEach(function (fn) {
    wrapper[fn] = function () {
      var args = Array.prototype.slice.call(arguments);
      if (fn === "LMSSetValue") { var f = fault("set", fn, args); if (f !== null) { return f; } }
      if (fn === "LMSCommit") { var g = fault("commit", fn, args); if (g !== null) { return g; } }
      var ret = api[fn].apply(api, args);
      if (fn !== "LMSGetLastError" && fn !== "LMSGetErrorString" && fn !== "LMSGetDiagnostic") {
        log.push({ fn: fn, args: args, ret: ret, error: String(api.LMSGetLastError()) });
      }
      if ((fn === "LMSCommit" || fn === "LMSFinish") && String(ret) === "true") {
        commits.push(JSON.parse(JSON.stringify(api.renderCMIToJSONObject())));
      }
      return ret;
    };
  });
  window.API = wrapper;
  window.LMS = api;
  window.addEventListener("DOMContentLoaded", function () {
    if (cfg.launch) { document.getElementById("sco").src = cfg.launch; }
  });
})();
