/* The LMS side of the SCORM 2004 browser tests: scorm-again's Scorm2004API, wrapped to log every
 * call (with GetLastError after it) and to inject faults on demand, as scorm12_host/host.js does.
 * The test sets window.HOST (before this runs) = {launch, data: flattened cmi to pre-fill, settings}. */
(function () {
  "use strict";
  var cfg = window.HOST || {};
  var settings = { autocommit: false, lmsCommitUrl: false };
  // Everything scorm-again reports at warning level or above is kept for the tests to read.
  var messages = window.SA_LOG = [];
  settings.logLevel = 3;
  settings.onLogMessage = function (level, message) { messages.push({ level: level, message: String(message) }); };
  Object.keys(cfg.settings || {}).forEach(function (k) { settings[k] = cfg.settings[k]; });
  var api = new window.Scorm2004API(settings);
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
  ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString",
    "GetDiagnostic"].forEach(function (fn) {
    wrapper[fn] = function () {
      var args = Array.prototype.slice.call(arguments);
      if (fn === "SetValue") { var f = fault("set", fn, args); if (f !== null) { return f; } }
      if (fn === "Commit") { var g = fault("commit", fn, args); if (g !== null) { return g; } }
      var ret = api[fn].apply(api, args);
      if (fn !== "GetLastError" && fn !== "GetErrorString" && fn !== "GetDiagnostic") {
        log.push({ fn: fn, args: args, ret: ret, error: String(api.GetLastError()) });
      }
      if ((fn === "Commit" || fn === "Terminate") && String(ret) === "true") {
        commits.push(JSON.parse(JSON.stringify(api.renderCMIToJSONObject())));
      }
      return ret;
    };
  });
  window.API_1484_11 = wrapper;
  window.LMS = api;
  window.addEventListener("DOMContentLoaded", function () {
    if (cfg.launch) { document.getElementById("sco").src = cfg.launch; }
  });
})();
