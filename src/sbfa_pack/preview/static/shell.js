/* The preview shell: hosts the package in an iframe as an LMS would, keeps the learner's data
 * between launches, reloads the package when the server says a rebuild is ready (Server-Sent
 * Events) and shows the build's diagnostics over it when the build failed. The package itself is
 * served exactly as built: everything of the preview lives here, in the shell. */
(function () {
  "use strict";
  var LEARNER = { "cmi.core.student_id": "preview", "cmi.core.student_name": "Learner, Preview",
    "cmi.core.credit": "credit", "cmi.core.lesson_mode": "normal" };
  var XAPI_AUTH = "Basic " + btoa("preview:preview");
  var shown = null;      // the build on show: {generation, unit, language, format}
  var build = null;      // the last build the server announced
  var lms = null, commits = 0, entry = "";
  var sco = "", wanted = "";  // the SCO on show (its manifest item identifier), and the one picked
  var active = "";       // the storage key of the session running: its last save goes there
  var launchEpoch = 0;   // a newer launch cancels an older one still waiting for about:blank
  function $(id) { return document.getElementById(id); }
  var frame = $("sco");

  // Each unit, language, format and SCO is an LMS activity of its own, with its own learner data.
  function key() { return "sbfa-preview:" + build.unit + "|" + build.language + "|" + build.format + "|" + sco; }
  function loadStored(k) {
    try { return JSON.parse(sessionStorage.getItem(k || key()) || "null"); } catch (e) { return null; }
  }
  function keep(data) {
    try { sessionStorage.setItem(active, JSON.stringify(data)); } catch (e) { /* the panel still shows it */ }
  }

  /** hh:mm:ss(.ss) + hh:mm:ss(.ss), as the LMS adds session_time to total_time (RTE-13). */
  function addTimes(a, b) {
    function secs(t) {
      var m = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(t || "");
      return m ? (+m[1]) * 3600 + (+m[2]) * 60 + (+m[3]) : 0;
    }
    var s = secs(a) + secs(b), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s - h * 3600 - m * 60;
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(h) + ":" + two(m) + ":" + two(Math.floor(r)) + (r % 1 ? "." + two(Math.round((r % 1) * 100)) : "");
  }

  /** The launchable items of the manifest (one per SCO): identifier, title, href + parameters, mastery score. */
  function manifest() {
    return fetch("/pkg/imsmanifest.xml", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (xml) {
      var doc = new DOMParser().parseFromString(xml, "application/xml");
      var resources = {};
      Array.prototype.forEach.call(doc.getElementsByTagNameNS("*", "resource"), function (r) {
        resources[r.getAttribute("identifier")] = r.getAttribute("href") || "index.html";
      });
      return Array.prototype.filter.call(doc.getElementsByTagNameNS("*", "item"), function (i) {
        return i.getAttribute("identifierref");
      }).map(function (item) {
        var ms = item.getElementsByTagNameNS("*", "masteryscore")[0];
        var title = item.getElementsByTagNameNS("*", "title")[0];
        return { id: item.getAttribute("identifier"), title: title ? title.textContent.trim() : item.getAttribute("identifier"),
          href: (resources[item.getAttribute("identifierref")] || "index.html") + (item.getAttribute("parameters") || ""),
          mastery: ms ? ms.textContent.trim() : "" };
      });
    });
  }

  /** The SCO to launch: the one picked, else the first; the picker shows only for several SCOs. */
  function pick(items) {
    var chosen = items.filter(function (i) { return i.id === (wanted || sco); })[0] || items[0];
    wanted = "";
    sco = chosen.id;
    fill($("sco-item"), items.map(function (i) { return [i.id, i.title]; }), sco);
    $("sco-choice").hidden = items.length < 2;
    return chosen;
  }

  /** The LMS stores what the SCO committed; at LMSFinish it also adds this session's time. */
  function store(api, finished) {
    if (api !== lms) { return; }
    var data = api.stored();
    if (finished) { data["cmi.core.total_time"] = addTimes(data["cmi.core.total_time"], api.values["cmi.core.session_time"]); }
    commits += 1;
    keep(data);
    window.SbfaPanel.scorm(api.toJSON(), { entry: entry, commits: commits });
  }

  /** Close the package (its pagehide finishes the session), then call ``then`` on a blank frame. */
  function unload(then) {
    var epoch = ++launchEpoch;
    if (!frame.getAttribute("src") || frame.getAttribute("src") === "about:blank") { then(epoch); return; }
    frame.addEventListener("load", function once() {
      frame.removeEventListener("load", once);
      then(epoch);
    });
    frame.setAttribute("src", "about:blank");
  }

  function launchScorm(epoch, fresh) {
    manifest().then(function (items) {
      if (epoch !== launchEpoch) { return; }
      var m = pick(items);
      active = key();
      var stored = fresh ? null : loadStored(active);
      // RTE-10: ab-initio on a first launch; resume only after exit=suspend; else "".
      entry = !stored ? "ab-initio" : stored["cmi.core.exit"] === "suspend" ? "resume" : "";
      var data = {};
      Object.keys(stored || {}).forEach(function (k) { data[k] = stored[k]; });
      Object.keys(LEARNER).forEach(function (k) { data[k] = LEARNER[k]; });
      data["cmi.core.entry"] = entry;
      data["cmi.core.exit"] = "";
      data["cmi.student_data.mastery_score"] = m.mastery;
      data["cmi.student_preference.language"] = build.language;
      lms = window.API = new window.SbfaPreviewLms(data, { store: store });
      window.SbfaPanel.scorm(lms.toJSON(), { entry: entry, commits: commits });
      frame.setAttribute("src", "/pkg/" + m.href);
    });
  }

  function registration() {
    var k = key() + ":registration", r = sessionStorage.getItem(k);
    if (!r) { r = crypto.randomUUID(); sessionStorage.setItem(k, r); }
    return r;
  }

  function launchXapi(epoch) {
    if (epoch !== launchEpoch) { return; }
    var actor = { objectType: "Agent", name: "Preview Learner", account: { homePage: location.origin, name: "preview" } };
    var q = new URLSearchParams({ endpoint: location.origin + "/xapi/", auth: XAPI_AUTH, actor: JSON.stringify(actor),
      registration: registration() });
    frame.setAttribute("src", "/pkg/index.html?" + q.toString());
    refreshStatements();
  }

  /** Relaunch the package on show; ``fresh``: as a new learner (what the LMS and this browser kept goes). */
  function launch(fresh) {
    shown = { generation: build.generation, digest: build.digest };
    unload(function (epoch) {
      if (fresh) { forget(); }
      var go = function () {
        if (build.format === "xapi") { launchXapi(epoch); } else { launchScorm(epoch, fresh); }
      };
      if (fresh) { fetch("/preview/reset", { method: "POST" }).then(go, go); } else { go(); }
    });
  }

  /** After the package has closed (its pagehide saved a last time), so nothing comes back. */
  function forget() {
    try { sessionStorage.removeItem(key()); sessionStorage.removeItem(key() + ":registration"); } catch (e) { /* */ }
    // The runtime's own copy in this browser (the package has the shell's origin) goes too.
    try {
      Object.keys(localStorage).forEach(function (k) { if (k.indexOf("sbfa:") === 0) { localStorage.removeItem(k); } });
    } catch (e) { /* no local storage: nothing kept there */ }
    commits = 0;
  }

  function refreshStatements() {
    fetch("/preview/statements", { cache: "no-store" }).then(function (r) { return r.json(); })
      .then(function (list) { window.SbfaPanel.xapi(list); });
  }

  function fill(select, options, value) {
    select.textContent = "";
    options.forEach(function (o) {
      var opt = document.createElement("option");
      opt.value = o[0]; opt.textContent = o[1];
      select.appendChild(opt);
    });
    select.value = value;
  }

  function onBuild(st) {
    build = st;
    $("title").textContent = st.title || st.unit.split(":")[1];
    fill($("unit"), st.units, st.unit);
    fill($("lang"), st.languages.map(function (l) { return [l, l]; }), st.language);
    // COUNTRY SWITCH (issue 12): fill the country <select> here from the build's countries.
    $("scorm-panel").hidden = st.format !== "scorm12";
    $("xapi-panel").hidden = st.format !== "xapi";
    $("overlay").hidden = st.ok;
    $("diagnostics").textContent = st.ok ? "" : st.diagnostics;
    $("build").textContent = st.ok ? "Built in " + st.seconds.toFixed(2) + " s (build " + st.generation + ")" +
      (st.warnings ? ", " + st.warnings + " warning(s): see the terminal" : "")
      : st.errors + " error(s): the last good build stays underneath";
    document.documentElement.dataset.generation = String(st.generation);
    document.documentElement.dataset.ok = String(st.ok);
    // A rebuild that changed nothing in the package (a comment, a touched file) leaves the learner be.
    if (st.ok && (!shown || shown.digest !== st.digest)) { launch(false); }
  }

  function select(body) {
    fetch("/preview/select", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body) });  // the new build arrives as an event
  }

  $("unit").addEventListener("change", function () { select({ unit: this.value }); });
  $("lang").addEventListener("change", function () { select({ language: this.value }); });
  $("reset").addEventListener("click", function () { if (build && build.ok) { launch(true); } });
  $("sco-item").addEventListener("change", function () {
    if (build && build.ok) { wanted = this.value; commits = 0; launch(false); }
  });
  $("resume").addEventListener("click", function () { if (build && build.ok) { launch(false); } });
  $("phone").addEventListener("click", function () {
    var on = this.getAttribute("aria-pressed") !== "true";
    this.setAttribute("aria-pressed", String(on));
    $("stage").classList.toggle("phone", on);
  });

  var events = new EventSource("/preview/events");
  events.addEventListener("build", function (e) { onBuild(JSON.parse(e.data)); });
  events.addEventListener("xapi", function () { refreshStatements(); });
  window.SbfaPreview = { lms: function () { return lms; }, stored: function () { return loadStored(active); } };
})();
