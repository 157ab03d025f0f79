/* xAPI shared by the xapi and cmi5 adapters (SBFA.xapi): launch parameters, the LRS client, the
 * persistent statement queue, the State API with a local fallback, and xAPI response formats.
 * Learners are often on unstable mobile connections: no statement may be lost, so each one is
 * stored in localStorage before it is sent and removed only once the LRS has confirmed it. */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  var X = S.xapi = {};
  X.VERSION = "1.0.3";
  X.BATCH = 50;            // statements per POST: 200 queued ones drain in 4 requests
  X.MAX_DELAY = 6000;      // backoff cap (ms): the queue drains within seconds once the LRS is back
  X.TIMEOUT = 20000;       // a request that hangs this long counts as a network error

  function store() { try { return window.localStorage; } catch (e) { return null; } }
  X.load = function (key, fallback) {
    var ls = store();
    try { var v = ls && ls.getItem(key); return v ? JSON.parse(v) : fallback; } catch (e) { return fallback; }
  };
  X.keep = function (key, value) {
    var ls = store();
    try { if (ls) { ls.setItem(key, JSON.stringify(value)); return true; } } catch (e) { /* quota or denied */ }
    return false;
  };

  /** A version-4 UUID made in the browser: every statement has its id before it is stored. */
  X.uuid = function () {
    var b = new Uint8Array(16), h = [], i;
    (window.crypto || window.msCrypto).getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    for (i = 0; i < 16; i++) { h.push((b[i] + 256).toString(16).slice(1)); }
    h = h.join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  };

  /** ISO 8601 duration with 0.01 s precision (xAPI §4.6), e.g. PT1H2M3.45S. */
  X.duration = function (ms) {
    var cs = Math.max(0, Math.round((ms || 0) / 10)), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    var s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "S";
  };

  /** Launch query parameters, URL-decoded, in any order (Rustici launch XP-7; cmi5 §8.1). */
  X.params = function (search) {
    var out = {}, parts = (search || "").replace(/^\?/, "").split("&"), i, kv;
    for (i = 0; i < parts.length; i++) {
      if (!parts[i]) { continue; }
      kv = parts[i].split("=");
      try { out[decodeURIComponent(kv[0])] = decodeURIComponent((kv.slice(1).join("=")).replace(/\+/g, " ")); }
      catch (e) { /* a malformed parameter is ignored, never fatal */ }
    }
    return out;
  };
  X.parseJson = function (text) { try { return JSON.parse(text); } catch (e) { return null; } };

  /** result.response in the xAPI format of the interaction type (xAPI §2.4.4.1; XP-20). */
  X.response = function (type, r, definition) {
    if (r === null || r === undefined) { return ""; }
    if (type === "multiple-choice" || type === "ordering") { return [].concat(r).join("[,]"); }
    if (type === "true-false") { return r ? "true" : "false"; }
    if (type === "matching") {
      var order = ((definition && definition.source) || []).map(function (c) { return c.id; });
      Object.keys(r).forEach(function (k) { if (order.indexOf(k) < 0) { order.push(k); } });
      return order.filter(function (k) { return r[k] !== undefined && r[k] !== null; })
        .map(function (k) { return k + "[.]" + r[k]; }).join("[,]");
    }
    return String(r);
  };

  /** An LRS client: the endpoint from the launch, the Authorization header verbatim (XP-8, XP-9, XP-13). */
  X.Client = function (endpoint, auth) {
    this.endpoint = endpoint.charAt(endpoint.length - 1) === "/" ? endpoint : endpoint + "/";
    this.auth = auth;
  };
  X.Client.prototype.request = function (method, path, opts) {
    opts = opts || {};
    var q = opts.params ? Object.keys(opts.params).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(opts.params[k]);
    }).join("&") : "";
    var headers = { "X-Experience-API-Version": X.VERSION };
    if (this.auth) { headers.Authorization = this.auth; }
    if (opts.body !== undefined) { headers["Content-Type"] = "application/json"; }
    Object.keys(opts.headers || {}).forEach(function (k) { headers[k] = opts.headers[k]; });
    var ctl = window.AbortController ? new AbortController() : null;
    var timer = ctl ? setTimeout(function () { ctl.abort(); }, X.TIMEOUT) : null;
    return fetch(this.endpoint + path + (q ? "?" + q : ""), {
      method: method, headers: headers, credentials: "omit", cache: "no-store", keepalive: !!opts.keepalive,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body), signal: ctl ? ctl.signal : undefined
    }).then(function (resp) {
      return resp.text().then(function (text) {
        if (timer) { clearTimeout(timer); }
        return { status: resp.status, text: text, json: X.parseJson(text), etag: resp.headers.get("ETag") };
      });
    }, function (err) {
      if (timer) { clearTimeout(timer); }
      return { status: 0, text: String(err), json: null, etag: null };  // network error or timeout
    });
  };

  /* The persistent outgoing queue. Order is kept: one request at a time, oldest first. A batch
   * leaves localStorage only after a 2xx; a 409 means the LRS already holds that id (an earlier
   * answer got lost), so the statement is delivered. Network errors, 408, 429 and 5xx are retried
   * with backoff; other 4xx are narrowed down to the statements at fault, which are moved to a
   * "rejected" list kept for inspection and never retried. 401/403 stop sending until next launch.
   * A batch in flight when the page closes keeps the rest waiting for the next launch: sending
   * them alongside could store them before the earlier batch, out of order. */
  X.Queue = function (client, key, notify) {
    this.client = client; this.key = key; this.notify = notify || function () {};
    this.mem = null;  // the queue in memory, only when localStorage refuses it (private mode, full)
    this.items = this.read();
    this.busy = null; this.timer = null; this.failures = 0; this.blocked = false;
    this.sentBytes = 0; this.requests = 0;
    var self = this;
    window.addEventListener("online", function () { self.retryNow(); });
  };
  /** localStorage is the truth: another tab of the same course may have added statements. */
  X.Queue.prototype.read = function () {
    var v = this.mem || X.load(this.key, []);
    return Array.isArray(v) ? v : [];
  };
  X.Queue.prototype.update = function (change) {
    var items = change(this.read());
    if (!this.mem && !X.keep(this.key, items)) { this.mem = items; }
    if (this.mem) { this.mem = items; }
    this.items = items;
  };
  X.Queue.prototype.push = function (statement) {
    this.update(function (items) { items.push(statement); return items; });
  };
  X.Queue.prototype.pending = function () { return this.items.length; };
  X.Queue.prototype.retryNow = function () {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.failures = 0;
    return this.flush();
  };
  X.Queue.prototype.reject = function (statement, answer) {
    var list = X.load(this.key + ":rejected", []);
    list.push({ statement: statement, status: answer.status, answer: String(answer.text).slice(0, 500) });
    X.keep(this.key + ":rejected", list.slice(-100));
    if (window.console) { console.error("sbfa: the LRS refused statement " + statement.id + " (HTTP " + answer.status + ")"); }
    this.notify("save-failed");
  };
  X.Queue.prototype.drop = function (ids) {
    this.update(function (items) { return items.filter(function (s) { return ids.indexOf(s.id) < 0; }); });
  };
  /** Send everything queued; resolves true when the queue is empty. */
  X.Queue.prototype.flush = function (keepalive) {
    var self = this;
    if (this.busy) { return this.busy; }
    this.items = this.read();
    if (this.blocked || !this.items.length) { return Promise.resolve(!this.items.length); }
    this.busy = this.sendFrom(keepalive).then(function (ok) { self.busy = null; return ok; });
    return this.busy;
  };
  X.Queue.prototype.sendFrom = function (keepalive) {
    var self = this;
    this.items = this.read();
    if (!this.items.length) { this.notify("saved"); return Promise.resolve(true); }
    // keepalive requests (page closing) are limited to 64 KB in flight: send smaller batches.
    var batch = this.items.slice(0, keepalive ? 10 : X.BATCH);
    return this.post(batch, keepalive).then(function (ok) {
      if (ok === "retry") { self.schedule(); return false; }
      if (ok === "stop") { return false; }
      self.failures = 0;
      return self.sendFrom(keepalive);
    });
  };
  /** POST a batch; "ok" when every statement of it is settled, "retry" or "stop" otherwise. */
  X.Queue.prototype.post = function (batch, keepalive) {
    var self = this, body = JSON.stringify(batch);
    this.requests += 1; this.sentBytes += body.length;
    // keepalive lets a batch in flight finish when the page closes (no duplicate on relaunch);
    // Chromium allows 64 KB of keepalive bodies in flight, so big batches go without it.
    keepalive = keepalive || body.length < 48000;
    return this.client.request("POST", "statements", { body: batch, keepalive: keepalive }).then(function (a) {
      var ids = batch.map(function (s) { return s.id; });
      if ((a.status >= 200 && a.status < 300) || (a.status === 409 && batch.length === 1)) {
        self.drop(ids); return "ok";
      }
      if (a.status === 0 || a.status === 408 || a.status === 429 || a.status >= 500) { return "retry"; }
      if (a.status === 401 || a.status === 403) {
        self.blocked = true; self.notify("save-failed"); return "stop";
      }
      if (batch.length > 1) {  // find the statement(s) at fault, one by one, in order
        return batch.reduce(function (p, s) {
          return p.then(function (r) { return r === "ok" ? self.post([s], keepalive) : r; });
        }, Promise.resolve("ok"));
      }
      self.reject(batch[0], a); self.drop(ids); return "ok";
    });
  };
  X.Queue.prototype.schedule = function () {
    var self = this;
    this.failures += 1;
    this.notify("retrying");
    var delay = Math.min(X.MAX_DELAY, 500 * Math.pow(2, this.failures)) * (0.8 + Math.random() * 0.4);
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    // Offline, trying costs battery for nothing: the "online" event sends at once instead.
    if (navigator.onLine === false) { return; }
    this.timer = setTimeout(function () { self.timer = null; self.flush(); }, delay);
  };

  /* The learner-state document in the State API (stateId from xapi.json), with a local copy.
   * Many LRSs have no State API (Ralph answers 404): then the bookmark and answers stay in
   * localStorage and nothing tells the learner, who can do nothing about it. */
  X.State = function (client, params, localKey) {
    this.client = client; this.params = params; this.localKey = localKey;
    this.remote = true; this.dirty = false; this.doc = null;
  };
  X.State.prototype.read = function () {
    var self = this, local = X.load(this.localKey, null);
    return this.client.request("GET", "activities/state", { params: this.params }).then(function (a) {
      var remote = a.status === 200 && a.json && typeof a.json.s === "string" ? a.json : null;
      if (a.status !== 200 && a.status !== 404) { self.remote = a.status !== 501 && a.status !== 405; }
      // The newer copy wins: a save that only reached this browser is newer than the LRS copy.
      self.doc = remote && (!local || (remote.t || 0) >= (local.t || 0)) ? remote : local;
      self.dirty = !!(local && self.doc === local && (!remote || remote.t !== local.t));
      return self.doc;
    });
  };
  X.State.prototype.set = function (doc) {
    doc.t = Date.now();
    this.doc = doc; this.dirty = true;
    X.keep(this.localKey, doc);
  };
  X.State.prototype.write = function (keepalive) {
    var self = this, doc = this.doc;
    if (!this.remote || !this.dirty || !doc) { return Promise.resolve(true); }
    return this.client.request("PUT", "activities/state", { params: this.params, body: doc, keepalive: keepalive })
      .then(function (a) {
        if (a.status >= 200 && a.status < 300) { if (self.doc === doc) { self.dirty = false; } return true; }
        if (a.status === 404 || a.status === 405 || a.status === 501 || a.status === 400) {
          self.remote = false;  // no State API here: keep the local copy only, silently
          if (window.console) { console.info("sbfa: no xAPI State API at this LRS; progress is kept in this browser"); }
          return true;
        }
        return false;
      });
  };

  /** Statement factory shared with cmi5: ids, timestamps, actor, context, definitions. */
  S.xapi.Recorder = function (o) {
    // o = {profile, actor, registration, activityId, grouping[], queue, context()}
    this.o = o;
  };
  S.xapi.Recorder.prototype.activity = function (key) {
    var p = this.o.profile, a = p.activities[key];
    if (!a) { return null; }
    var iri = key === "course" ? this.o.activityId : a.id;
    return { objectType: "Activity", id: iri, definition: a.definition };
  };
  /** contextActivities of an activity: its parent, and its ancestors up to the course as grouping (XP-19). */
  S.xapi.Recorder.prototype.family = function (key) {
    // Context activities go by id only: their definitions travel with their own statements.
    var self = this, p = this.o.profile, a = p.activities[key], ca = {}, grouping = [], up;
    var ref = function (k) { return { objectType: "Activity", id: self.activity(k).id }; };
    if (!a || !a.parent) { return ca; }
    ca.parent = [ref(a.parent)];
    for (up = p.activities[a.parent]; up && up.parent; up = p.activities[up.parent]) {
      grouping.push(ref(up.parent));
    }
    if (grouping.length) { ca.grouping = grouping; }
    return ca;
  };
  S.xapi.Recorder.prototype.make = function (verb, key, result, extra) {
    var p = this.o.profile, object = typeof key === "string" ? this.activity(key) : key;
    var context = this.o.context(typeof key === "string" ? key : null, extra || {});
    // A course with a personal path: the learner's country on every statement once it is known.
    var country = p.extensions.country && S.core && S.core.country();
    if (country) { context.extensions = Object.assign({}, context.extensions); context.extensions[p.extensions.country] = country; }
    var st = { id: S.xapi.uuid(), timestamp: new Date().toISOString(), actor: this.o.actor,
      verb: p.verbs[verb], object: object, context: context };
    if (result) { st.result = result; }
    return st;
  };
  S.xapi.Recorder.prototype.send = function (verb, key, result, extra) {
    var st = this.make(verb, key, result, extra);
    if (st.object) { this.o.queue.push(st); }
    return st;
  };

  /** result for an answered question: response in the type's format, success, score, duration. */
  S.xapi.answerResult = function (rec, activity) {
    var res = { response: S.xapi.response(rec.type, rec.response, activity && activity.definition),
      duration: S.xapi.duration(rec.latencyMs) };
    if (rec.result === "correct" || rec.result === "incorrect") {
      var w = rec.weight || 1, ok = rec.result === "correct";
      res.success = ok;
      res.score = { scaled: ok ? 1 : 0, raw: ok ? w : 0, min: 0, max: w };
    }
    return res;
  };
  S.xapi.score = function (scaled) {
    var s = Math.round(Math.max(0, Math.min(1, scaled)) * 10000) / 10000;
    return { scaled: s, raw: Math.round(s * 100 * 100) / 100, min: 0, max: 100 };
  };
  /** progressed for an exercise: the values only when the learner agreed to share them. */
  S.xapi.exerciseResult = function (profile, ev) {
    var ext = {};
    ext[profile.extensions.cmi5Progress] = ev.kind === "exercise-submitted" ? 100 : 50;
    if (ev.shared === true && ev.result !== undefined && ev.result !== null) {
      ext[profile.extensions.exerciseValues] = ev.result;
    }
    return { extensions: ext };
  };

  /* Survey answers (issue 14 §1; docs/lms.md): `responded` per answered item, then `completed` on the
   * survey lesson; never a score or success. `actor` (xapi adapter, anonymous survey): an agent made
   * for this one submission replaces the learner, with no registration and the day only as time;
   * `flag`: the statement carries the anonymous extension (cmi5 keeps the launch actor). */
  function surveySend(rec, verb, key, result, actor, flag) {
    var st = rec.make(verb, key, result), c = st.context;
    if (!st.object) { return; }
    if (actor) {
      st.actor = actor;
      delete c.registration;
      st.timestamp = st.timestamp.slice(0, 10) + "T00:00:00.000Z";
    }
    if (actor || flag) { c.extensions = c.extensions || {}; c.extensions[rec.o.profile.extensions.anonymous] = true; }
    rec.o.queue.push(st);
  }
  X.surveyAnswer = function (rec, r, actor, flag) {
    var key = "survey:" + r.lessonId + "/" + r.id, a = rec.o.profile.activities[key];
    if (a) { surveySend(rec, "responded", key, { response: X.response(r.type, r.response, a.definition) }, actor, flag); }
  };
  X.surveyDone = function (rec, ev, actor, flag) {
    surveySend(rec, "completed", "lesson:" + ev.id, { completion: true }, actor, flag);
  };
  X.anonymous = function (p) { return { objectType: "Agent", account: { homePage: p.anonymous, name: X.uuid() } }; };

  /** The profile (xapi.json): embedded by render when available, else one request. */
  X.profile = function (data) {
    if (data && data.xapi) { return Promise.resolve(data.xapi); }
    return fetch("xapi.json", { cache: "no-store" }).then(function (r) { return r.json(); });
  };

  /** The key of one learner at one LRS: a queue never sends a learner's statements as another. */
  X.who = function (endpoint, actor) {
    var a = actor || {}, id = a.account ? a.account.homePage + "|" + a.account.name : (a.mbox || a.openid || a.mbox_sha1sum);
    return endpoint + "|" + id;
  };
  X.learner = function (actor, language) {
    if (!actor) { return null; }
    var id = actor.account ? actor.account.name : (actor.mbox || actor.openid || actor.mbox_sha1sum || "");
    return { id: String(id).replace(/^mailto:/, ""), name: actor.name || "", language: language || "" };
  };
})();
