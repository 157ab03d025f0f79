/* The preview's simulated LMS: a small SCORM 1.2 API (window.API) following the SCORM 1.2 data
 * model and error codes (shared/notes/standards-checklist.md RTE-2…RTE-24), with Moodle's
 * behaviour at LMSFinish ("not attempted" becomes "completed", RTE-27; mastery override, RTE-33).
 * scorm-again is the reference the tests compare it with; it is not shipped. */
(function () {
  "use strict";
  var ERRORS = {
    "0": "No error", "101": "General exception", "201": "Invalid argument error",
    "202": "Element cannot have children", "203": "Element not an array - cannot have count",
    "301": "Not initialized", "401": "Not implemented error", "402": "Invalid set value, element is a keyword",
    "403": "Element is read only", "404": "Element is write only", "405": "Incorrect data type"
  };
  var CHILDREN = {
    "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
    "cmi.core.score": "raw,min,max",
    "cmi.objectives": "id,score,status",
    "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.student_preference": "audio,language,speed,text",
    "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
  };
  var STATUS = /^(passed|completed|failed|incomplete|browsed)$/;
  var STATUS2 = /^(passed|completed|failed|incomplete|browsed|not attempted)$/;
  var DECIMAL = /^-?([0-9]{0,3})(\.[0-9]*)?$/;
  var TIMESPAN = /^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$/;
  var TIME = /^([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?$/;
  var IDENT = /^[\u0021-\u007E]{0,255}$/;
  function str(max) { return function (v) { return v.length <= max; }; }
  function range(lo, hi) {
    return function (v) { return v === "" || (DECIMAL.test(v) && +v >= lo && +v <= hi); };
  }
  function re(r) { return function (v) { return r.test(v); }; }
  function int(lo, hi) { return function (v) { return /^-?[0-9]+$/.test(v) && +v >= lo && +v <= hi; }; }
  var score = range(0, 100);
  // Scalar elements: [access R/W/RW, check on write]
  var SCALARS = {
    "cmi.core.student_id": ["R"], "cmi.core.student_name": ["R"], "cmi.core.credit": ["R"],
    "cmi.core.entry": ["R"], "cmi.core.total_time": ["R"], "cmi.core.lesson_mode": ["R"],
    "cmi.core.lesson_location": ["RW", str(255)], "cmi.core.lesson_status": ["RW", re(STATUS)],
    "cmi.core.score.raw": ["RW", score], "cmi.core.score.min": ["RW", score], "cmi.core.score.max": ["RW", score],
    "cmi.core.exit": ["W", re(/^(time-out|suspend|logout|)$/)], "cmi.core.session_time": ["W", re(TIMESPAN)],
    "cmi.suspend_data": ["RW", str(4096)], "cmi.launch_data": ["R"], "cmi.comments": ["RW", str(4096)],
    "cmi.comments_from_lms": ["R"], "cmi.student_data.mastery_score": ["R"],
    "cmi.student_data.max_time_allowed": ["R"], "cmi.student_data.time_limit_action": ["R"],
    "cmi.student_preference.audio": ["RW", int(-1, 100)], "cmi.student_preference.language": ["RW", str(255)],
    "cmi.student_preference.speed": ["RW", int(-100, 100)], "cmi.student_preference.text": ["RW", int(-1, 1)]
  };
  var OBJECTIVE = {
    "id": ["RW", re(IDENT)], "score.raw": ["RW", score], "score.min": ["RW", score], "score.max": ["RW", score],
    "status": ["RW", re(STATUS2)]
  };
  var INTERACTION = {
    "id": ["W", re(IDENT)], "time": ["W", re(TIME)], "type": ["W", re(/^(true-false|choice|fill-in|matching|performance|sequencing|likert|numeric)$/)],
    "weighting": ["W", range(-100, 100)], "student_response": ["W", str(255)],
    "result": ["W", function (v) { return /^(correct|wrong|unanticipated|neutral)$/.test(v) || (v !== "" && DECIMAL.test(v)); }],
    "latency": ["W", re(TIMESPAN)]
  };
  var SUBLISTS = { objectives: { "id": ["W", re(IDENT)] }, correct_responses: { "pattern": ["W", str(255)] } };

  /** A new attempt's data model; ``stored`` is what the LMS kept from earlier sessions. */
  function Lms(stored, hooks) {
    this.values = {};
    this.objectives = [];
    this.interactions = [];
    this.hooks = hooks || {};
    this.state = "new";   // new → running → finished (RTE-3, RTE-4)
    this.error = "0";
    this.diagnostic = "";
    var self = this;
    Object.keys(SCALARS).forEach(function (k) { self.values[k] = ""; });
    Object.keys(stored || {}).forEach(function (k) {
      if (k === "objectives" || k === "interactions") { self[k] = JSON.parse(JSON.stringify(stored[k])); }
      else if (k in self.values) { self.values[k] = String(stored[k]); }
    });
    if (!this.values["cmi.core.lesson_status"]) { this.values["cmi.core.lesson_status"] = "not attempted"; }
  }
  var P = Lms.prototype;
  P.fail = function (code, why) { this.error = code; this.diagnostic = why || ERRORS[code]; return false; };
  P.ok = function () { this.error = "0"; this.diagnostic = ""; return true; };
  P.ready = function () { return this.state === "running" ? true : this.fail("301"); };
  P.LMSInitialize = function (arg) {
    if (arg !== "" && arg !== undefined) { return String(this.fail("201")); }
    if (this.state !== "new") { return String(this.fail("101", "LMSInitialize was already called")); }
    this.state = "running";
    return String(this.ok());
  };
  P.LMSFinish = function (arg) {
    if (!this.ready()) { return "false"; }
    if (arg !== "" && arg !== undefined) { return String(this.fail("201")); }
    var v = this.values;
    if (v["cmi.core.lesson_status"] === "not attempted") { v["cmi.core.lesson_status"] = "completed"; }  // RTE-27
    var mastery = v["cmi.student_data.mastery_score"], raw = v["cmi.core.score.raw"];
    if (v["cmi.core.lesson_mode"] === "normal" && v["cmi.core.credit"] === "credit" && mastery !== "" && raw !== "") {
      v["cmi.core.lesson_status"] = parseFloat(raw) >= parseFloat(mastery) ? "passed" : "failed";  // RTE-33
    }
    this.state = "finished";
    this.ok();
    if (this.hooks.store) { this.hooks.store(this, true); }
    return "true";
  };
  P.LMSCommit = function (arg) {
    if (!this.ready()) { return "false"; }
    if (arg !== "" && arg !== undefined) { return String(this.fail("201")); }
    this.ok();
    if (this.hooks.store) { this.hooks.store(this, false); }
    return "true";
  };
  P.LMSGetLastError = function () { return this.error; };
  P.LMSGetErrorString = function (code) { return ERRORS[String(code)] || ""; };
  P.LMSGetDiagnostic = function (code) {
    return code === "" || code === undefined || String(code) === this.error ? this.diagnostic : ERRORS[String(code)] || "";
  };

  /** Where an element lives: {kind, access, check, list, index, field} or an error code. */
  P.find = function (el) {
    if (typeof el !== "string" || el === "") { return "401"; }
    if (el === "cmi._version") { return { kind: "keyword", value: "3.4" }; }
    var m = /^(.*)\._(children|count)$/.exec(el);
    if (m) {
      if (m[2] === "children" && CHILDREN[m[1]]) { return { kind: "keyword", value: CHILDREN[m[1]] }; }
      var count = this.counter(m[1]);
      if (m[2] === "count" && count !== null) { return { kind: "keyword", value: String(count) }; }
      var known = SCALARS[m[1]] || CHILDREN[m[1]] || this.counter(m[1]) !== null;
      return known ? (m[2] === "children" ? "202" : "203") : "401";
    }
    if (SCALARS[el]) { return { kind: "scalar", access: SCALARS[el][0], check: SCALARS[el][1] }; }
    m = /^cmi\.(objectives|interactions)\.(\d+)\.(.+)$/.exec(el);
    if (!m) { return "401"; }
    var list = this[m[1]], n = +m[2], field = m[3], spec = (m[1] === "objectives" ? OBJECTIVE : INTERACTION)[field];
    var sub = /^(objectives|correct_responses)\.(\d+)\.(\w+)$/.exec(field);
    if (m[1] === "interactions" && sub && SUBLISTS[sub[1]][sub[3]]) {
      return { kind: "sub", list: list, index: n, name: sub[1], sub: +sub[2], field: sub[3],
        access: "W", check: SUBLISTS[sub[1]][sub[3]][1] };
    }
    if (!spec) { return "401"; }
    return { kind: "item", list: list, index: n, field: field, access: spec[0], check: spec[1] };
  };
  P.counter = function (path) {
    if (path === "cmi.objectives") { return this.objectives.length; }
    if (path === "cmi.interactions") { return this.interactions.length; }
    var m = /^cmi\.interactions\.(\d+)\.(objectives|correct_responses)$/.exec(path);
    var item = m ? this.interactions[+m[1]] : null;
    return item ? (item[m[2]] || []).length : null;
  };
  P.LMSGetValue = function (el) {
    if (!this.ready()) { return ""; }
    var f = this.find(el);
    if (typeof f === "string") { this.fail(f); return ""; }
    if (f.kind === "keyword") { this.ok(); return f.value; }
    if (f.access === "W") { this.fail("404"); return ""; }
    this.ok();
    if (f.kind === "scalar") { return this.values[el]; }
    var item = f.list[f.index];
    if (!item) { this.fail("201", "no element at index " + f.index); return ""; }
    return item[f.field] === undefined ? "" : item[f.field];
  };
  P.LMSSetValue = function (el, value) {
    if (!this.ready()) { return "false"; }
    var f = this.find(el);
    if (typeof f === "string") { return String(this.fail(f)); }
    if (f.kind === "keyword") { return String(this.fail("402")); }
    if (f.access === "R") { return String(this.fail("403")); }
    if (typeof value !== "string" || (f.check && !f.check(value))) { return String(this.fail("405")); }
    if (f.kind === "scalar") { this.values[el] = value; return String(this.ok()); }
    // RTE-24: append at n = _count, no gaps.
    if (f.index > f.list.length) { return String(this.fail("201", "index " + f.index + " is past _count")); }
    if (f.index === f.list.length) { f.list.push({}); }
    var item = f.list[f.index];
    if (f.kind === "sub") {
      var sub = item[f.name] = item[f.name] || [];
      if (f.sub > sub.length) { return String(this.fail("201", "index " + f.sub + " is past _count")); }
      if (f.sub === sub.length) { sub.push({}); }
      sub[f.sub][f.field] = value;
    } else {
      item[f.field] = value;
    }
    return String(this.ok());
  };

  /** What the LMS keeps between sessions (RTE-10, RTE-13: entry from exit, total_time grows). */
  P.stored = function () {
    var keep = {}, v = this.values;
    Object.keys(v).forEach(function (k) { if (k !== "cmi.core.session_time") { keep[k] = v[k]; } });
    keep.objectives = JSON.parse(JSON.stringify(this.objectives));
    keep.interactions = JSON.parse(JSON.stringify(this.interactions));
    return keep;
  };
  /** The data model in scorm-again's renderCMIToJSONObject shape, for the panel and the tests. */
  P.toJSON = function () {
    var out = {};
    Object.keys(this.values).forEach(function (k) { put(out, k.split("."), this.values[k]); }, this);
    function rows(list) {
      var o = {};
      list.forEach(function (item, i) {
        var r = {};
        Object.keys(item).forEach(function (k) {
          if (Array.isArray(item[k])) {
            r[k] = {};
            item[k].forEach(function (s, j) { r[k][String(j)] = s; });
          } else { put(r, k.split("."), item[k]); }
        });
        o[String(i)] = r;
      });
      return o;
    }
    out.cmi.objectives = rows(this.objectives);
    out.cmi.interactions = rows(this.interactions);
    return out;
  };
  function put(obj, path, value) {
    for (var i = 0; i < path.length - 1; i++) { obj = obj[path[i]] = obj[path[i]] || {}; }
    obj[path[path.length - 1]] = value;
  }
  window.SbfaPreviewLms = Lms;
})();
