/* Career-toolkit exercise widgets: self-assessment, worksheet, calculator, checklist.
 * Each kind registers SBFA.widgets[kind].mount(container, exercise, ctx) with
 * ctx = {get, set, submit, submitted, used, t} (docs/runtime.md, "Widgets"); the exercise comes from
 * sbfa_pack.render.widgets.widget_data (Markdown already sanitised HTML when exercise.html).
 * Values are kept as the learner typed them, so nothing typed is ever lost, even if invalid. */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  var W = S.widgets = S.widgets || {};
  var uid = 0, pending = [], formats = {};

  // Text typed is saved after a pause (never per keystroke); pagehide/hidden flush what is left.
  // Capture phase: runs before the core's own pagehide handler (which finishes the session).
  function flushAll() { pending.slice().forEach(function (p) { p(); }); }
  window.addEventListener("pagehide", flushAll, true);
  document.addEventListener("visibilitychange", function () { if (document.hidden) { flushAll(); } }, true);

  // ---- small DOM helpers ------------------------------------------------------------------
  function el(tag, props, kids) {
    var n = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v == null || v === false) { return; }
      if (k === "text") { n.textContent = v; } else { n.setAttribute(k, v === true ? "" : v); }
    });
    (kids || []).forEach(function (c) {
      if (c) { n.appendChild(typeof c === "string" ? document.createTextNode(c) : c); }
    });
    return n;
  }
  function id(s) { return "sbfa-x" + (++uid) + "-" + s; }
  function lang() { return document.documentElement.lang || (S.data && S.data.language) || "en"; }
  // Markdown arrives as sanitised HTML from the build; anything else is shown as plain text.
  function rich(ex, tag, cls, text) {
    if (!text) { return null; }
    var n = el(tag, { "class": cls });
    if (ex.html) { n.innerHTML = text; } else { n.textContent = text; }
    return n;
  }
  function tr(ctx) {
    return function (key, vars) { var s = ctx.t(key, vars); return s == null ? key : String(s); };
  }
  function required(t, f) {
    return f.required && el("span", { "class": "sbfa-x-req", text: " (" + t("required") + ")" });
  }
  function help(ex, f, hid) {
    var h = rich(ex, "div", "sbfa-x-help", f.help);
    if (h) { h.id = hid; }
    return h;
  }
  // A bar for a figure that is always written out beside it too (no information by bar alone).
  function bar(fraction) {
    var b = el("span", { "class": "sbfa-bar", "aria-hidden": "true" }, [el("span", { "class": "sbfa-bar-fill" })]);
    b.set = function (f) { b.firstChild.style.inlineSize = Math.round(f * 100) + "%"; };  // CSSOM: the CSP allows it
    b.set(fraction);
    return b;
  }

  // One saver per value: a pause of 400 ms (or leaving the field) stores it, then "saved" shows.
  function saver(ctx, sh, key) {
    var timer = null, value;
    function flush() {
      if (timer === null) { return; }
      clearTimeout(timer);
      timer = null;
      pending.splice(pending.indexOf(flush), 1);
      ctx.set(key, value === "" ? null : value);
      sh.saved();
      if (sh.kind === "worksheet" && value !== "" && value != null) { sh.used(); }
    }
    function arm(delay) {
      if (timer === null) { pending.push(flush); } else { clearTimeout(timer); }
      timer = setTimeout(flush, delay);
    }
    return {
      later: function (v) { value = v; arm(400); },
      now: function (v) { value = v; arm(0); flush(); },
      flush: flush
    };
  }

  // The frame every exercise shares: what to do, an example, the body, a finish button and a
  // status line. The page's own copy of the instructions (no-script view) is replaced by it.
  function shell(container, ex, ctx, kind, finish) {
    var t = tr(ctx);
    var status = el("p", { "class": "sbfa-x-status", role: "status" });
    var body = el("div", { "class": "sbfa-x-body" });
    var btn = el("button", { type: "button", "class": "sbfa-btn sbfa-x-submit", text: t("exercise_done") });
    // Consent first: the answers leave the browser (to the learning record store) only when the
    // learner ticks this box; it starts unticked every time.
    var shareId = id("share");
    var share = ctx.canShare ? el("input", { type: "checkbox", id: shareId }) : null;
    var tools = el("div", { "class": "sbfa-x-tools" }, [
      share && el("label", { "class": "sbfa-x-share", "for": shareId }, [share, " ", t("share_answers")]), btn]);
    var example = rich(ex, "div", "prose example", ex.example);
    var root = el("div", { "class": "sbfa-x sbfa-x--" + kind, "data-exercise": ex.id }, [
      rich(ex, "div", "prose", ex.description),
      ex.instructions && el("h2", { text: t("instructions") }),
      rich(ex, "div", "prose", ex.instructions),
      example && el("details", { "class": "sbfa-x-ex" }, [el("summary", { text: t("example") }), example]),
      body, tools, status]);
    container.textContent = "";
    container.appendChild(root);
    var sh = {
      root: root, body: body, tools: tools, t: t, kind: kind,
      say: function (msg) { status.textContent = ""; status.textContent = msg; },
      saved: function () { if (status.textContent !== t("saved")) { status.textContent = t("saved"); } },
      // Used, for the completion rule: computed, saved, ticked or answered in full by the learner.
      used: function () { if (ctx.used) { ctx.used(); } }
    };
    if (ctx.submitted && ctx.submitted()) { status.textContent = t("exercise_submitted"); }
    btn.addEventListener("click", function () {
      flushAll();
      var res = finish();
      if (res && res.missing) { sh.say(t("fill_in", { fields: res.missing.join(", ") })); return; }
      ctx.submit(res, share ? share.checked : false);
      sh.say(t("exercise_submitted"));
    });
    return sh;
  }

  // ---- numbers as the learner types them, in the package language ------------------------
  function nf(opts) {
    var key = lang() + JSON.stringify(opts || {});
    return formats[key] || (formats[key] = new Intl.NumberFormat(lang(), opts));
  }
  // A number from text, as people type it: the one parser of marking.js (Arabic-Indic and Persian
  // digits, the language's separators); NaN when empty or not a number.
  function parseNum(text) {
    var v = S.parseNumber(text, lang());
    return v === null ? NaN : v;
  }
  // Percentages are numbers of percent (20 is 20 %), as the toolkit's formulas use them.
  function fmt(value, format, currency) {
    if (format === "money") { return nf({ style: "currency", currency: currency || "EUR" }).format(value); }
    if (format === "percent") { return nf({ style: "percent", maximumFractionDigits: 1 }).format(value / 100); }
    return nf({ maximumFractionDigits: format === "integer" ? 0 : 2 }).format(value);
  }
  function symbol(currency) {
    var p = nf({ style: "currency", currency: currency }).formatToParts(1).filter(function (x) {
      return x.type === "currency";
    });
    return p.length ? p[0].value : currency;
  }
  // Checks one typed number: {v} (null when empty) or {err: message}.
  function checkNum(t, text, spec) {
    if (text == null || String(text).trim() === "") { return { v: null }; }
    var v = parseNum(text), lo = spec.min, hi = spec.max;
    var f = function (x) { return fmt(x, "number"); };
    if (isNaN(v)) { return { err: t("not_a_number", { example: nf({ useGrouping: false }).format(1250.5) }) }; }
    if (spec.type === "integer" && v % 1) { return { err: t("whole_number") }; }
    if (lo != null && hi != null && (v < lo || v > hi)) {
      return { err: t("number_range", { min: f(lo), max: f(hi) }) };
    }
    if (lo != null && v < lo) { return { err: t("number_min", { min: f(lo) }) }; }
    if (hi != null && v > hi) { return { err: t("number_max", { max: f(hi) }) }; }
    return { v: v };
  }
  // A number field with its error line; onValue(text) on every edit. Help is Markdown (HTML) on
  // worksheets and plain text on calculators: `ex` says which.
  function numField(t, ex, spec, value, currency, onValue) {
    var iid = id(spec.id), eid = iid + "-e", hid = spec.help ? iid + "-h" : null;
    var unit = spec.type === "money" ? symbol(currency) : spec.type === "percent" ? "%" : null;
    // 24 characters: as long as any JavaScript number; the state's worst-case size counts on it.
    var input = el("input", { id: iid, type: "text", inputmode: "decimal", autocomplete: "off", maxlength: 24,
      "data-field": spec.id, "aria-describedby": [hid, eid].filter(Boolean).join(" "),
      "aria-required": spec.required ? "true" : null });
    input.value = value == null ? "" : String(value);
    var err = el("p", { id: eid, "class": "sbfa-x-err" });
    var node = el("div", { "class": "sbfa-x-field sbfa-x-num" }, [
      el("label", { "for": iid, text: spec.label }, [
        unit && el("span", { "class": "sbfa-sr", text: " (" + unit + ")" }), required(t, spec)]),
      help(ex, spec, hid),
      el("div", { "class": "sbfa-x-adorn" }, [input, unit && el("span", { "aria-hidden": "true", text: unit })]),
      err]);
    function check() {
      var r = checkNum(t, input.value, spec);
      err.textContent = r.err || "";
      if (r.err) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
      return r;
    }
    input.addEventListener("input", function () { onValue(input.value); });
    input.addEventListener("change", check);
    return { node: node, input: input, check: check };
  }


  // ---- self-assessment: Likert items, a result band with advice, a profile chart -----------
  W["self-assessment"] = { mount: function (container, ex, ctx) {
    var n = ex.scale.length, items = ex.items, max = n * items.length, shownKey = null;
    var sh = shell(container, ex, ctx, "self-assessment", function () {
      var r = score();
      if (r) { return { score: r.total, band: r.band.id, max: max }; }
      var open = items.filter(function (it) { return value(it) === null; });
      return { missing: open.map(function (it) { return it.text; }) };
    });
    var t = sh.t, list = el("ol", { "class": "sbfa-likert" });
    items.forEach(function (it) {
      var name = id(it.id), opts = el("div", { "class": "sbfa-scale" });
      ex.scale.forEach(function (label, k) {
        var radio = el("input", { type: "radio", name: name, value: String(k + 1), "data-field": it.id });
        radio.checked = Number(ctx.get(it.id)) === k + 1;
        radio.addEventListener("change", function () { ctx.set(it.id, k + 1); sh.saved(); update(); });
        opts.appendChild(el("label", { "class": "sbfa-opt" }, [radio, el("span", { text: label })]));
      });
      list.appendChild(el("li", {}, [el("fieldset", {}, [el("legend", { text: it.text }), opts])]));
    });
    var progress = el("p", { "class": "sbfa-x-progress" });
    var result = el("div", { "class": "sbfa-sa-result", "aria-live": "polite" });
    [list, progress, result].forEach(function (x) { sh.body.appendChild(x); });

    // The item's score (1..n, reverse items counted from the other end), null when unanswered.
    function value(it) {
      var v = Number(ctx.get(it.id));
      if (!(v >= 1 && v <= n)) { return null; }
      return it.reverse ? n + 1 - v : v;
    }
    function score() {
      var vals = items.map(value);
      if (vals.indexOf(null) >= 0) { return null; }
      var total = vals.reduce(function (a, b) { return a + b; }, 0);
      var bands = ex.bands.slice().sort(function (a, b) { return a.min - b.min; }), band = bands[0];
      bands.forEach(function (b) { if (total >= b.min) { band = b; } });
      return { total: total, band: band };
    }
    function update() {
      var vals = items.map(value), r = score();
      progress.textContent = t("answered", { n: vals.filter(function (v) { return v !== null; }).length,
        total: items.length });
      // The live region is rebuilt (and read out) only when what it says changes.
      var key = r ? vals.join() : "todo";
      if (key === shownKey) { return; }
      shownKey = key;
      result.textContent = "";
      if (!r) { result.appendChild(el("p", { text: t("answer_all") })); return; }
      sh.used();
      result.appendChild(el("h2", { text: t("your_result") }));
      result.appendChild(el("p", { "class": "sbfa-sa-score", text: t("self_score", { score: r.total, max: max }) }));
      result.appendChild(el("p", { "class": "sbfa-sa-band", text: r.band.title }));
      var advice = rich(ex, "div", "sbfa-sa-advice", r.band.advice);
      if (advice) { result.appendChild(advice); }
      if (ex.dimensions && ex.dimensions.length) { result.appendChild(chart()); }
    }
    // The profile: one bar per dimension (mean item score), its figure always written out too.
    function chart() {
      var dl = el("dl", { "class": "sbfa-chart" });
      ex.dimensions.forEach(function (d) {
        var vals = items.filter(function (it) { return it.dimension === d.id; }).map(value);
        if (!vals.length) { return; }
        var mean = vals.reduce(function (a, b) { return a + b; }, 0) / vals.length;
        dl.appendChild(el("dt", { text: d.title }));
        dl.appendChild(el("dd", {}, [bar(mean / n), el("span", { text: t("out_of", { score: fmt(mean), max: n }) })]));
      });
      return el("div", {}, [el("h2", { text: t("your_profile") }), dl]);
    }
    update();
    keep(sh, ex, ctx);
  } };
  // The copy: the result and profile as shown, or each statement's answer while some are open.
  W["self-assessment"].copy = function (ex, get, t) {
    var n = ex.scale.length, vals = ex.items.map(function (it) {
      var v = Number(get(it.id));
      return v >= 1 && v <= n ? (it.reverse ? n + 1 - v : v) : null;
    });
    var out = [el("p", { text: t("answered", { n: vals.filter(function (v) { return v !== null; }).length, total: vals.length }) })];
    if (vals.indexOf(null) >= 0) { return out; }
    var total = vals.reduce(function (a, b) { return a + b; }, 0), band = null;
    ex.bands.slice().sort(function (a, b) { return a.min - b.min; }).forEach(function (b) {
      if (!band || total >= b.min) { band = b; }
    });
    out.push(el("p", { text: t("self_score", { score: total, max: n * vals.length }) }), el("p", { text: band.title }));
    (ex.dimensions || []).forEach(function (d) {
      var vs = vals.filter(function (v, i) { return ex.items[i].dimension === d.id; });
      if (vs.length) {
        out.push(el("p", { text: d.title + ": " + t("out_of", { score: fmt(vs.reduce(function (a, b) { return a + b; }, 0) / vs.length), max: n }) }));
      }
    });
    return out;
  };

  // ---- worksheet: typed fields in a form, a canvas or a SWOT; print and download -----------
  function field(t, ex, f, value, onValue) {
    var iid = id(f.id), hid = f.help ? iid + "-h" : null, input, extra = [], counted = null;
    var describedBy = function (more) { return [hid, more].filter(Boolean).join(" ") || null; };
    if (f.type === "choice") {
      var fs = el("fieldset", { "class": "sbfa-x-field", "aria-describedby": hid }, [
        el("legend", { text: f.label }, [required(t, f)]), help(ex, f, hid)]);
      f.options.forEach(function (o) {
        var r = el("input", { type: "radio", name: iid, value: o.id, "data-field": f.id });
        r.checked = value === o.id;
        r.addEventListener("change", function () { onValue(o.id); });
        fs.appendChild(el("label", { "class": "sbfa-opt" }, [r, el("span", { text: o.label })]));
      });
      return { node: fs };
    }
    if (f.type === "date") {
      input = el("input", { id: iid, type: "date", "data-field": f.id, "aria-describedby": describedBy() });
    } else {
      var long = f.type === "long-text", cid = iid + "-c";
      input = el(long ? "textarea" : "input", { id: iid, type: long ? null : "text", rows: long ? 4 : null,
        maxlength: f.max_length, "data-field": f.id, "aria-describedby": describedBy(cid) });
      var count = el("p", { id: cid, "class": "sbfa-x-count" });
      var live = el("span", { "class": "sbfa-sr", "aria-live": "polite" });
      counted = function () {
        var left = f.max_length - input.value.length;
        count.textContent = t("chars_count", { n: input.value.length, max: f.max_length });
        // Announced only near the limit: a count read out at every pause would drown the typing.
        live.textContent = left <= Math.max(10, f.max_length / 10) ? t("chars_left", { n: left }) : "";
      };
      input.addEventListener("input", counted);
      extra = [count, live];
    }
    if (f.required) { input.setAttribute("aria-required", "true"); }
    input.value = value == null ? "" : String(value);
    input.addEventListener("input", function () { onValue(input.value); });
    if (counted) { counted(); }
    var label = el("label", { "for": iid, text: f.label }, [required(t, f)]);
    var node = el("div", { "class": "sbfa-x-field" }, [label, help(ex, f, hid), input].concat(extra));
    return { node: node, input: input };
  }
  // The text of a field's answer for the print view and the download ("" when empty).
  function shown(ex, f, v) {
    if (v == null || v === "") { return ""; }
    if (f.type === "choice") {
      var o = f.options.filter(function (x) { return x.id === v; })[0];
      return o ? o.label : "";
    }
    if (f.type === "money" || f.type === "number") {
      var n = parseNum(v);
      return isNaN(n) ? String(v) : fmt(n, f.type, ex.currency);
    }
    if (f.type === "date") {
      var d = new Date(v + "T00:00:00");
      return isNaN(d) ? v : d.toLocaleDateString(lang(), { dateStyle: "long" });
    }
    return String(v);
  }

  W.worksheet = { mount: function (container, ex, ctx) {
    var filled = function (f) { return ctx.get(f.id) != null && ctx.get(f.id) !== ""; };
    var sh = shell(container, ex, ctx, "worksheet", function () {
      var missing = ex.fields.filter(function (f) { return f.required && !filled(f); });
      if (!missing.length) {
        // The answers themselves travel only when the learner agreed to share (the core passes
        // `shared` to the adapter, which leaves the result out otherwise).
        var answers = {};
        ex.fields.filter(filled).forEach(function (f) { answers[f.id] = ctx.get(f.id); });
        return { filled: ex.fields.filter(filled).length, of: ex.fields.length, answers: answers };
      }
      var first = sh.root.querySelector('[data-field="' + missing[0].id + '"]');
      if (first) { first.focus(); }
      return { missing: missing.map(function (f) { return f.label; }) };
    });
    var t = sh.t, areas = ex.areas || [];
    var layout = ex.layout === "swot" ? "swot"
      : ex.layout === "canvas" && areas.every(function (a) { return a.slot; }) ? "canvas" : "boxes";
    var inArea = function (a) { return ex.fields.filter(function (f) { return f.area === a.id; }); };
    var loose = ex.fields.filter(function (f) { return !areas.some(function (a) { return a.id === f.area; }); });
    var slot = function (a, i) { return "sbfa-ws-area sbfa-slot-" + (a.slot || "a" + (i + 1)); };

    function control(f) {
      var s = saver(ctx, sh, f.id), v = ctx.get(f.id), w;
      if (f.type === "number" || f.type === "money") {
        w = numField(t, ex, f, v, ex.currency, s.later);
        w.check();
      } else {
        w = field(t, ex, f, v, f.type === "choice" || f.type === "date" ? s.now : s.later);
      }
      if (w.input) { w.input.addEventListener("change", s.flush); }
      return w.node;
    }
    if (areas.length) {
      var grid = el("div", { "class": "sbfa-ws-grid sbfa-ws-" + layout });
      areas.forEach(function (a, i) {
        var hid = id(a.id);
        var box = el("section", { "class": slot(a, i), "aria-labelledby": hid, "data-area": a.id }, [
          el("h2", { id: hid, text: a.title }), a.hint && el("p", { "class": "sbfa-x-help", text: a.hint })]);
        inArea(a).forEach(function (f) {
          var node = control(f);
          // One field named like its block: the heading says it, so the label is for screen readers only.
          if (f.label === a.title && node.firstChild.tagName === "LABEL") { node.firstChild.className = "sbfa-sr"; }
          box.appendChild(node);
        });
        grid.appendChild(box);
      });
      sh.body.appendChild(grid);
    }
    loose.forEach(function (f) { sh.body.appendChild(control(f)); });

    keep(sh, ex, ctx);
  } };
  // The learner's own copy of a worksheet's answers (print, download, business file).
  W.worksheet.copy = function (ex, get, t) {
    var areas = ex.areas || [], out = [];
    var layout = ex.layout === "swot" ? "swot"
      : ex.layout === "canvas" && areas.every(function (a) { return a.slot; }) ? "canvas" : "boxes";
    var inArea = function (a) { return ex.fields.filter(function (f) { return f.area === a.id; }); };
    var loose = ex.fields.filter(function (f) { return !areas.some(function (a) { return a.id === f.area; }); });
    var answer = function (f) {
      var v = shown(ex, f, get(f.id));
      return el("p", { "class": v ? null : "sbfa-pe", text: v || t("not_filled_in") });
    };
    var labelled = function (f) {
      return el("div", { "class": "sbfa-pa" }, [el("h3", { text: f.label }), answer(f)]);
    };
    if (areas.length) {
      out.push(el("div", { "class": "sbfa-ws-grid sbfa-ws-" + layout }, areas.map(function (a, i) {
        var fs = inArea(a);
        return el("section", { "class": "sbfa-ws-area sbfa-slot-" + (a.slot || "a" + (i + 1)) }, [el("h2", { text: a.title })]
          .concat(fs.length === 1 ? [answer(fs[0])] : fs.map(labelled)));
      })));
      if (loose.length) { out.push(el("h2", { text: t("other_answers") })); }
    }
    return out.concat(loose.map(labelled));
  };

  // ---- the learner's own copy: one mechanism for printing and downloading (every exercise and
  // the business file, bizfile.js). `make()` builds the copy's nodes from the saved answers.
  function copyDoc(title, kids, cls) {
    return el("article", { "class": "sbfa-print-doc " + (cls || ""), lang: lang(),
      dir: document.documentElement.dir || "ltr" }, [
      el("h1", { text: title }),
      S.learner && S.learner.name && el("p", { text: S.learner.name }),  // as the LMS knows the learner
      el("p", { text: S.t("date_line", { date: new Date().toLocaleDateString(lang(), { dateStyle: "long" }) }) })
    ].concat(kids));
  }
  function dropCopy() {
    document.documentElement.classList.remove("sbfa-printing");
    var old = document.querySelector("body > .sbfa-print-doc");
    if (old) { old.remove(); }
  }
  function printCopy(d) {
    dropCopy();
    document.body.appendChild(d);
    document.documentElement.classList.add("sbfa-printing");
  }
  window.addEventListener("afterprint", dropCopy);
  // A standalone HTML page made when asked for: inline CSS, no script, opens offline.
  function saveCopy(a, d) {
    var page = document.implementation.createHTMLDocument(d.firstChild.textContent);
    page.documentElement.setAttribute("lang", d.lang);
    page.documentElement.setAttribute("dir", d.dir);
    page.head.appendChild(el("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }));
    page.head.appendChild(el("style", { text: DOWNLOAD_CSS }));
    page.body.appendChild(page.importNode(d, true));
    if (a.href.indexOf("blob:") === 0) { URL.revokeObjectURL(a.href); }
    var html = "<!DOCTYPE html>\n" + page.documentElement.outerHTML.replace("<head>", '<head><meta charset="utf-8">');
    a.href = URL.createObjectURL(new Blob([html], { type: "text/html" }));
  }
  // Print and download buttons: `make()` gives the copy, `name` the file, `shownNow()` whether the
  // browser's own print command (Ctrl+P) should print this copy.
  function copyTools(box, name, build, shownNow) {
    var make = function () { flushAll(); return build(); };  // what is being typed goes in too
    var printBtn = el("button", { type: "button", "class": "sbfa-btn sbfa-btn--alt", text: S.t("print") });
    printBtn.addEventListener("click", function () { printCopy(make()); window.print(); });
    window.addEventListener("beforeprint", function () {
      if (!document.documentElement.classList.contains("sbfa-printing") && shownNow()) { printCopy(make()); }
    });
    var dl = el("a", { "class": "sbfa-btn sbfa-btn--alt", href: "#", download: name + ".html",
      text: S.t("download_answers") });
    dl.addEventListener("click", function () { saveCopy(dl, make()); });
    box.appendChild(printBtn);
    box.appendChild(dl);
  }
  function keep(sh, ex, ctx) {
    copyTools(sh.tools, ex.id, function () {
      var kids = W[sh.kind].copy(ex, ctx.get, sh.t);
      return copyDoc(ex.title, kids, kids[0] && kids[0].className.replace(/.*sbfa-ws-(\w+)$/, "sbfa-print-$1"));
    }, function () { return !!sh.root.getClientRects().length && !document.querySelector("dialog[open]"); });
  }
  S.copy = { doc: copyDoc, tools: copyTools, flush: flushAll };

  var DOWNLOAD_CSS = "body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-inline-size:60rem;padding:0 1rem}" +
    ".sbfa-ws-grid{display:grid;gap:.5rem;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr))}" +
    ".sbfa-ws-area{border:1px solid #555;padding:.5rem}p{white-space:pre-wrap}.sbfa-pe{color:#555}" +
    "h2,h3,p,li{unicode-bidi:plaintext}";

  // ---- calculator: live results, locale formats, plain messages instead of NaN -------------
  function Fail(kind) { this.kind = kind; }
  var FN = {
    min: Math.min, max: Math.max, abs: Math.abs, ceil: Math.ceil, floor: Math.floor,
    round: function (x, d) { var m = Math.pow(10, d || 0); return Math.sign(x) * Math.round(Math.abs(x) * m) / m; }
  };
  // Evaluates a formula tree of sbfa_pack.expr; missing values and division by zero raise Fail.
  // `why` maps an earlier output that could not be calculated to its reason, which its users share.
  function evaluate(node, env, why) {
    var op = node[0], a, b, ev = function (x) { return evaluate(x, env, why); };
    if (op === "num") { return node[1]; }
    if (op === "var") {
      if (env[node[1]] == null) { throw new Fail((why && why[node[1]]) || "missing"); }
      return env[node[1]];
    }
    if (op === "neg") { return -ev(node[1]); }
    if (op === "call") { return FN[node[1]].apply(null, node[2].map(ev)); }
    a = ev(node[1]);
    b = ev(node[2]);
    if (op === "+") { return a + b; }
    if (op === "-") { return a - b; }
    if (op === "*") { return a * b; }
    if (op === "/") { if (b === 0) { throw new Fail("div0"); } return a / b; }
    return Math.pow(a, b);
  }
  var WHY = { missing: "calc_fill", div0: "calc_div0", nan: "calc_undefined", big: "calc_too_large" };

  W.calculator = { mount: function (container, ex, ctx) {
    var sh = shell(container, ex, ctx, "calculator", function () { return { outputs: compute().values }; });
    var t = sh.t, fields = [], rows = [], talk = null;
    var form = el("div", { "class": "sbfa-calc-in" }), out = el("dl", { "class": "sbfa-calc-out" });
    ex.inputs.forEach(function (spec) {
      // The worked example's value, in the learner's country where it differs (ex.defaults: app.js).
      var s = saver(ctx, sh, spec.id), v = ctx.get(spec.id), d = (ex.defaults || {})[spec.id];
      if (d == null) { d = spec.default; }
      if (v == null && d != null) {
        v = nf({ useGrouping: false, maximumFractionDigits: 6 }).format(d);
      }
      var w = numField(t, {}, spec, v, ex.currency, function (text) { s.later(text); show(); });
      w.input.addEventListener("change", s.flush);
      fields.push({ spec: spec, w: w });
      form.appendChild(w.node);
    });
    ex.outputs.forEach(function (o) {
      var row = { o: o, val: el("output", { "class": "sbfa-calc-v", "data-output": o.id }),
        note: el("p", { "class": "sbfa-calc-note" }) };
      out.appendChild(el("dt", { text: o.label }));
      out.appendChild(el("dd", {}, [row.val, row.note, rich(ex, "div", "sbfa-x-help", o.explanation)]));
      rows.push(row);
    });
    var live = el("p", { "class": "sbfa-sr", "aria-live": "polite" });
    sh.body.appendChild(form);
    sh.body.appendChild(el("section", { "class": "sbfa-calc-res", "aria-label": t("results") }, [
      el("h2", { text: t("results") }), out, live]));

    function compute() {
      var env = {}, bad = false, values = {}, texts = [], why = {};
      fields.forEach(function (f) {
        var r = f.w.check();
        if (r.err) { bad = true; } else if (r.v != null) { env[f.spec.id] = r.v; }
      });
      rows.forEach(function (r) {
        r.text = "—";
        r.msg = "";
        try {
          var v = evaluate(r.o.tree, env, why);
          if (!isFinite(v)) { throw new Fail(isNaN(v) ? "nan" : "big"); }
          env[r.o.id] = values[r.o.id] = v;
          r.text = fmt(v, r.o.format, ex.currency);
        } catch (e) {
          if (!(e instanceof Fail)) { throw e; }
          why[r.o.id] = e.kind;
          r.msg = t(bad ? "calc_fix" : WHY[e.kind]);
        }
        texts.push(r.o.label + ": " + (r.msg || r.text));
      });
      return { values: values, texts: texts };
    }
    // Results change on screen at once; screen readers hear them once the typing pauses.
    function show(quiet) {
      var c = compute();
      rows.forEach(function (r) { r.val.textContent = r.text; r.note.textContent = r.msg; });
      clearTimeout(talk);
      if (!quiet && Object.keys(c.values).length) { sh.used(); }
      if (!quiet) { talk = setTimeout(function () { live.textContent = c.texts.join(". "); }, 900); }
    }
    fields.forEach(function (f) { f.w.input.addEventListener("change", function () { show(); }); });
    show(true);
    keep(sh, ex, ctx);
  } };
  // The copy: the learner's inputs as typed, then every result from them (or why it is missing).
  W.calculator.copy = function (ex, get, t) {
    var env = {}, why = {}, rows = [];
    ex.inputs.forEach(function (i) {
      var v = parseNum(get(i.id));
      if (!isNaN(v)) { env[i.id] = v; }
      rows.push(el("dt", { text: i.label }), el("dd", { text: isNaN(v) ? t("not_filled_in") : fmt(v, i.type, ex.currency) }));
    });
    var res = [];
    ex.outputs.forEach(function (o) {
      var text;
      try {
        var v = evaluate(o.tree, env, why);
        if (!isFinite(v)) { throw new Fail(isNaN(v) ? "nan" : "big"); }
        env[o.id] = v;
        text = fmt(v, o.format, ex.currency);
      } catch (e) {
        if (!(e instanceof Fail)) { throw e; }
        why[o.id] = e.kind;
        text = t(WHY[e.kind]);
      }
      res.push(el("dt", { text: o.label }), el("dd", { "data-output": o.id, text: text }));
    });
    return [el("dl", { "class": "sbfa-calc-in" }, rows), el("h2", { text: t("results") }), el("dl", { "class": "sbfa-calc-out" }, res)];
  };

  // ---- checklist: ticked items persist -------------------------------------------------------
  W.checklist = { mount: function (container, ex, ctx) {
    var all = [].concat.apply([], ex.groups.map(function (g) { return g.items; }));
    var done = function () { return all.filter(function (it) { return !!ctx.get(it.id); }).length; };
    var sh = shell(container, ex, ctx, "checklist", function () { return { done: done(), of: all.length }; });
    var t = sh.t, progress = el("p", { "class": "sbfa-x-progress", "aria-live": "polite" }), meter = bar(0);
    function update() {
      progress.textContent = t("checked", { n: done(), total: all.length });
      meter.set(done() / all.length);
    }
    sh.body.appendChild(el("div", { "class": "sbfa-cl-head" }, [progress, meter]));
    ex.groups.forEach(function (g) {
      var fs = el("fieldset", { "class": "sbfa-cl-group" }, [el("legend", { text: g.title })]);
      g.items.forEach(function (it) {
        var hid = it.help ? id(it.id) + "-h" : null;
        var box = el("input", { type: "checkbox", "data-field": it.id, "aria-describedby": hid });
        box.checked = !!ctx.get(it.id);
        box.addEventListener("change", function () {
          ctx.set(it.id, box.checked ? 1 : null);
          sh.saved();
          if (box.checked) { sh.used(); }
          update();
        });
        var link = it.url && el("a", { href: it.url, target: "_blank", rel: "noopener noreferrer" }, [
          it.url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, ""),
          el("span", { "class": "sbfa-sr", text: " " + t("opens_new_tab") })]);
        fs.appendChild(el("div", { "class": "sbfa-cl-item" }, [
          el("label", { "class": "sbfa-opt" }, [box, el("span", { text: it.text })]), help(ex, it, hid), link]));
      });
      sh.body.appendChild(fs);
    });
    update();
    keep(sh, ex, ctx);
  } };
  // The copy: each group's items, ticked (☑) or not (☐), and how many are done.
  W.checklist.copy = function (ex, get, t) {
    var n = 0, of = 0, out = [];
    ex.groups.forEach(function (g) {
      out.push(el("h2", { text: g.title }), el("ul", { "class": "sbfa-cl-copy" }, g.items.map(function (it) {
        of++;
        if (get(it.id)) { n++; }
        return el("li", { text: (get(it.id) ? "☑ " : "☐ ") + it.text });
      })));
    });
    return [el("p", { text: t("checked", { n: n, total: of }) })].concat(out);
  };

  W._num = { parse: parseNum, evaluate: evaluate, format: fmt };  // for the tests (Node)
}());
