/* The preview's side panel: what the LMS would store (SCORM 1.2) or the statements sent (xAPI). */
(function () {
  "use strict";
  var LIMIT = 4096;  // cmi.suspend_data in SCORM 1.2 (RTE-16)

  function text(id, value) { document.getElementById(id).textContent = value === "" || value == null ? "—" : value; }
  function cell(row, value) {
    var td = document.createElement("td");
    td.textContent = value == null ? "" : String(value);
    row.appendChild(td);
  }

  /** model: the API's data model (renderCMIToJSONObject shape); info: {entry, commits}. */
  function scorm(model, info) {
    var cmi = model.cmi, core = cmi.core, score = core.score || {};
    text("f-status", core.lesson_status);
    text("f-score", score.raw === "" ? "" : score.raw + " (min " + (score.min || "—") + ", max " + (score.max || "—") + ")");
    text("f-location", core.lesson_location);
    var n = (cmi.suspend_data || "").length, sd = document.getElementById("f-suspend");
    sd.textContent = n.toLocaleString("en") + " / " + LIMIT.toLocaleString("en") + " characters";
    sd.className = n > LIMIT ? "over" : "";
    sd.dataset.length = String(n);
    text("f-entry", info.entry);
    text("f-time", core.total_time);
    text("f-commits", String(info.commits || 0));
    var body = document.querySelector("#interactions tbody");
    body.textContent = "";
    Object.keys(cmi.interactions || {}).sort(function (a, b) { return a - b; }).forEach(function (k) {
      var it = cmi.interactions[k], row = document.createElement("tr"), cr = it.correct_responses || {};
      cell(row, k);
      cell(row, it.id);
      cell(row, it.type);
      cell(row, it.student_response);
      cell(row, cr["0"] ? cr["0"].pattern : "");
      cell(row, it.result);
      body.appendChild(row);
    });
  }

  function label(value) {
    if (!value) { return ""; }
    var map = value.display || value.name || {};
    var first = Object.keys(map)[0];
    return first ? map[first] : value.id || "";
  }

  /** statements: every statement the local endpoint received, oldest first. */
  function xapi(statements) {
    text("xapi-count", statements.length + " statement(s) sent");
    var list = document.getElementById("statements");
    list.textContent = "";
    statements.forEach(function (s) {
      var li = document.createElement("li"), verb = label(s.verb) || (s.verb && s.verb.id) || "?";
      var object = s.object ? label(s.object.definition) || s.object.id : "?";
      var result = s.result || {}, bits = [];
      if (result.score && typeof result.score.scaled === "number") { bits.push("score " + result.score.scaled); }
      if (typeof result.success === "boolean") { bits.push(result.success ? "success" : "no success"); }
      if (typeof result.completion === "boolean") { bits.push(result.completion ? "completed" : "not completed"); }
      if (result.response !== undefined) { bits.push("response " + result.response); }
      li.textContent = verb + " · " + object + (bits.length ? " · " + bits.join(", ") : "");
      list.appendChild(li);
    });
  }

  window.SbfaPanel = { scorm: scorm, xapi: xapi };
})();
