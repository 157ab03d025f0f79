/* Career-toolkit exercise widgets: self-assessment, worksheet, calculator, checklist.
 * Each kind registers SBFA.widgets[kind].mount(container, exercise, ctx) with
 * ctx = {get, set, submit, submitted, t} (docs/runtime.md, "Widgets"); the exercise comes from
 * sbfa_pack.render.widgets.widget_data (Markdown already sanitised HTML when exercise.html).
 * Values are kept as the learner typed them, so nothing typed is ever lost, even if invalid. */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  var W = S.widgets = S.widgets || {};
  var uid = 0;
  var pending = [];

  // Text typed is saved after a pause (never per keystroke); pagehide/hidden flush what is left.
  // Capture phase: runs before the core's own pagehide handler (which finishes the session).
  function flushAll() { pending.slice().forEach(function (p) { p(); }); }
  window.addEventListener("pagehide", flushAll, true);
  document.addEventListener("visibilitychange", function () { if (document.hidden) flushAll(); }, true);

  function el(tag, props, kids) {
    var n = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v == null || v === false) return;
      if (k === "text") n.textContent = v;
      else if (k === "on") Object.keys(v).forEach(function (e) { n.addEventListener(e, v[e]); });
      else n.setAttribute(k, v === true ? "" : v);
    });
    (kids || []).forEach(function (c) { if (c) n.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return n;
  }
  function id(s) { return "sbfa-x" + (++uid) + "-" + s; }
  function lang() { return document.documentElement.lang || (S.data && S.data.language) || "en"; }
  // Markdown arrives as sanitised HTML from the build; anything else is shown as plain text.
  function rich(ex, tag, cls, text) {
    if (!text) return null;
    var n = el(tag, { "class": cls });
    if (ex.html) n.innerHTML = text; else n.textContent = text;
    return n;
  }
  function tr(ctx) {
    return function (key, vars) {
      var s = ctx.t(key, vars);
      return s == null ? key : String(s);
    };
  }

  // One saver per value: a pause of 400 ms (or leaving the field) stores it, then "Saved" is shown.
  function saver(ctx, shell, key) {
    var timer = null, value;
    function flush() {
      if (timer === null) return;
      clearTimeout(timer); timer = null;
      pending.splice(pending.indexOf(flush), 1);
      ctx.set(key, value === "" ? null : value);
      shell.saved();
    }
    return {
      later: function (v) {
        value = v;
        if (timer === null) pending.push(flush); else clearTimeout(timer);
        timer = setTimeout(flush, 400);
      },
      now: function (v) { value = v; if (timer === null) { pending.push(flush); timer = 0; } flush(); },
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
    var tools = el("div", { "class": "sbfa-x-tools" }, [btn]);
    var example = rich(ex, "div", "prose example", ex.example);
    var root = el("div", { "class": "sbfa-x sbfa-x--" + kind, "data-exercise": ex.id }, [
      rich(ex, "div", "prose", ex.description),
      ex.instructions && el("h2", { text: t("instructions") }), rich(ex, "div", "prose", ex.instructions),
      example && el("details", { "class": "sbfa-x-ex" }, [el("summary", { text: t("example") }), example]),
      body, tools, status]);
    container.textContent = "";
    container.appendChild(root);
    var api = {
      root: root, body: body, tools: tools, t: t,
      say: function (msg) { status.textContent = ""; status.textContent = msg; },
      saved: function () { if (status.textContent !== t("saved")) status.textContent = t("saved"); }
    };
    if (ctx.submitted && ctx.submitted()) status.textContent = t("exercise_submitted");
    btn.addEventListener("click", function () {
      flushAll();
      var res = finish();
      if (res && res.missing) { api.say(t("fill_in", { fields: res.missing.join(", ") })); return; }
      ctx.submit(res);
      api.say(t("exercise_submitted"));
    });
    return api;
  }

  // --- numbers as the learner types them, in their locale ---------------------------------
  var DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
  function seps() {
    var parts = new Intl.NumberFormat(lang()).formatToParts(12345.6), o = { group: ",", decimal: "." };
    parts.forEach(function (p) { if (p.type === "group" || p.type === "decimal") o[p.type] = p.value; });
    return o;
  }
  // A number from text, as people type it: Arabic-Indic digits; "," or "." as the decimal sign
  // (the last of the two when both appear; a lone locale group sign before exactly three digits
  // groups thousands, so "1.250" is 1250 in German and "12,5" is 12.5 even in English). NaN otherwise.
  function parseNum(text) {
    var s = String(text).trim().replace(DIGITS, function (d) { return String(d.charCodeAt(0) & 15); })
      .replace(/[\s\u00A0\u202F'’\u066C]/g, "").replace(/\u2212/g, "-").replace(/\u066B/g, ".");
    var sp = seps(), last = Math.max(s.lastIndexOf(","), s.lastIndexOf(".")), dec = -1;
    if (last >= 0) {
      var c = s.charAt(last), other = c === "," ? "." : ",";
      if (s.indexOf(other) >= 0) dec = last;
      else if (s.indexOf(c) === last && (c === sp.decimal || c !== sp.group || !/^\d{3}$/.test(s.slice(last + 1)))) dec = last;
    }
    var whole = dec < 0 ? s : s.slice(0, dec);
    if (/[,.]/.test(whole) && !/^-?\d{1,3}([,.]\d{3})+$/.test(whole)) return NaN;
    s = whole.replace(/[,.]/g, "") + (dec < 0 ? "" : "." + s.slice(dec + 1));
    return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? parseFloat(s) : NaN;
  }
  function fmt(value, format, currency) {
    var o = { maximumFractionDigits: 2 };
    if (format === "money") o = { style: "currency", currency: currency || "EUR" };
    else if (format === "percent") { o = { style: "percent", maximumFractionDigits: 1 }; value /= 100; }
    else if (format === "integer") o = { maximumFractionDigits: 0 };
    return new Intl.NumberFormat(lang(), o).format(value);
  }
  function symbol(currency) {
    var p = new Intl.NumberFormat(lang(), { style: "currency", currency: currency }).formatToParts(1);
    for (var i = 0; i < p.length; i++) if (p[i].type === "currency") return p[i].value;
    return currency;
  }
  // Checks one typed number; returns {v} or {err: message}; empty text is {v: null}.
  function checkNum(t, text, spec) {
    if (text == null || String(text).trim() === "") return { v: null };
    var v = parseNum(text);
    if (isNaN(v)) return { err: t("not_a_number", { example: new Intl.NumberFormat(lang(), { useGrouping: false }).format(1250.5) }) };
    if (spec.type === "integer" && v % 1) return { err: t("whole_number") };
    var lo = spec.min, hi = spec.max, f = function (x) { return fmt(x, "number"); };
    if ((lo != null && v < lo) || (hi != null && v > hi)) {
      if (lo != null && hi != null) return { err: t("number_range", { min: f(lo), max: f(hi) }) };
      return lo != null ? { err: t("number_min", { min: f(lo) }) } : { err: t("number_max", { max: f(hi) }) };
    }
    return { v: v };
  }
  // A number field with its error line; onValue(text) is called on every edit. Help is Markdown
  // (HTML) on worksheets, plain text on calculators: the caller says which through `ex`.
  function numField(t, ex, spec, value, currency, onValue) {
    var iid = id(spec.id), eid = iid + "-e", hid = spec.help ? iid + "-h" : null;
    // 24 characters: as long as any JavaScript number; the state's worst-case size counts on it (sbfa_pack.state).
    var input = el("input", { id: iid, type: "text", inputmode: "decimal", autocomplete: "off", "data-field": spec.id, maxlength: 24,
      "aria-describedby": [hid, eid].filter(Boolean).join(" "), "aria-required": spec.required ? "true" : null });
    input.value = value == null ? "" : String(value);
    var err = el("p", { id: eid, "class": "sbfa-x-err" });
    var unit = spec.type === "money" ? symbol(currency) : spec.type === "percent" ? "%" : null;
    var wrap = el("div", { "class": "sbfa-x-field sbfa-x-num" }, [
      el("label", { "for": iid, text: spec.label }, [unit && el("span", { "class": "sbfa-sr", text: " (" + unit + ")" }), spec.required && el("span", { "class": "sbfa-x-req", text: " (" + t("required") + ")" })]),
      help(ex, spec, hid),
      el("div", { "class": "sbfa-x-adorn" }, [input, unit && el("span", { "aria-hidden": "true", text: unit })]),
      err
    ]);
    function check() {
      var r = checkNum(t, input.value, spec);
      err.textContent = r.err || "";
      if (r.err) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      return r;
    }
    input.addEventListener("input", function () { onValue(input.value); });
    input.addEventListener("change", check);
    return { node: wrap, input: input, check: check };
  }

  // --- self-assessment --------------------------------------------------------------------
  W["self-assessment"] = { mount: function (container, ex, ctx) {
    var n = ex.scale.length, items = ex.items;
    var sh = shell(container, ex, ctx, "self-assessment", function () {
      var r = score();
      return r ? { score: r.total, band: r.band.id, max: n * items.length } : { missing: items.filter(function (it) { return !ctx.get(it.id); }).map(function (it) { return it.text; }) };
    });
    var t = sh.t;
    var list = el("ol", { "class": "sbfa-likert" });
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
    sh.body.appendChild(list);
    sh.body.appendChild(progress);
    sh.body.appendChild(result);

    function value(it) {
      var v = Number(ctx.get(it.id));
      if (!(v >= 1 && v <= n)) return null;
      return it.reverse ? n + 1 - v : v;
    }
    function score() {
      var total = 0;
      for (var i = 0; i < items.length; i++) { var v = value(items[i]); if (v === null) return null; total += v; }
      var bands = ex.bands.slice().sort(function (a, b) { return a.min - b.min; }), band = bands[0];
      bands.forEach(function (b) { if (total >= b.min) band = b; });
      return { total: total, band: band };
    }
    var shownKey = null;
    function update() {
      var done = items.filter(function (it) { return value(it) !== null; }).length, r = score();
      progress.textContent = t("answered", { n: done, total: items.length });
      // The live region is rebuilt (and read out) only when what it says changes.
      var key = r ? items.map(value).join() : "todo";
      if (key === shownKey) return;
      shownKey = key;
      result.textContent = "";
      if (!r) { result.appendChild(el("p", { text: t("answer_all") })); return; }
      result.appendChild(el("h2", { text: t("your_result") }));
      result.appendChild(el("p", { "class": "sbfa-sa-score", text: t("self_score", { score: r.total, max: n * items.length }) }));
      result.appendChild(el("p", { "class": "sbfa-sa-band", text: r.band.title }));
      var adv = rich(ex, "div", "sbfa-sa-advice", r.band.advice);
      if (adv) result.appendChild(adv);
      if (ex.dimensions && ex.dimensions.length) result.appendChild(chart());
    }
    // The profile: one bar per dimension (mean item score); the figure is always written out.
    function chart() {
      var dl = el("dl", { "class": "sbfa-chart" });
      ex.dimensions.forEach(function (d) {
        var vals = items.filter(function (it) { return it.dimension === d.id; }).map(value);
        if (!vals.length) return;
        var mean = vals.reduce(function (a, b) { return a + b; }, 0) / vals.length;
        var bar = el("span", { "class": "sbfa-bar-fill" });
        bar.style.inlineSize = Math.round(mean / n * 100) + "%";
        dl.appendChild(el("dt", { text: d.title }));
        dl.appendChild(el("dd", {}, [el("span", { "class": "sbfa-bar", "aria-hidden": "true" }, [bar]),
          el("span", { text: t("out_of", { score: fmt(mean, "number"), max: n }) })]));
      });
      return el("div", {}, [el("h2", { text: t("your_profile") }), dl]);
    }
    update();
  } };

  // --- worksheet --------------------------------------------------------------------------
  function textField(t, ex, f, value, onValue) {
    var iid = id(f.id), cid = iid + "-c", hid = f.help ? iid + "-h" : null, long = f.type === "long-text";
    var input = el(long ? "textarea" : "input", { id: iid, "data-field": f.id, maxlength: f.max_length,
      rows: long ? 4 : null, type: long ? null : "text", "aria-describedby": [hid, cid].join(" ").trim(),
      "aria-required": f.required ? "true" : null });
    input.value = value == null ? "" : String(value);
    var count = el("p", { id: cid, "class": "sbfa-x-count" }), live = el("span", { "class": "sbfa-sr", "aria-live": "polite" });
    function counted() {
      var len = input.value.length, left = f.max_length - len;
      count.textContent = t("chars_count", { n: len, max: f.max_length });
      // Only announce near the limit: a count read out at every pause would drown the typing.
      live.textContent = left <= Math.max(10, f.max_length / 10) ? t("chars_left", { n: left }) : "";
    }
    input.addEventListener("input", function () { counted(); onValue(input.value); });
    counted();
    return { node: el("div", { "class": "sbfa-x-field" }, [label(t, f, iid), help(ex, f, hid), input, count, live]), input: input };
  }
  function label(t, f, iid) {
    return el("label", { "for": iid, text: f.label }, [f.required && el("span", { "class": "sbfa-x-req", text: " (" + t("required") + ")" })]);
  }
  function help(ex, f, hid) { var h = rich(ex, "div", "sbfa-x-help", f.help); if (h) h.id = hid; return h; }
  function choiceField(t, ex, f, value, onValue) {
    var name = id(f.id), hid = f.help ? name + "-h" : null;
    var fs = el("fieldset", { "class": "sbfa-x-field", "aria-describedby": hid }, [el("legend", { text: f.label }, [f.required && el("span", { "class": "sbfa-x-req", text: " (" + t("required") + ")" })]), help(ex, f, hid)]);
    f.options.forEach(function (o) {
      var r = el("input", { type: "radio", name: name, value: o.id, "data-field": f.id });
      r.checked = value === o.id;
      r.addEventListener("change", function () { onValue(o.id); });
      fs.appendChild(el("label", { "class": "sbfa-opt" }, [r, el("span", { text: o.label })]));
    });
    return { node: fs };
  }
  function dateField(t, ex, f, value, onValue) {
    var iid = id(f.id), hid = f.help ? iid + "-h" : null;
    var input = el("input", { id: iid, type: "date", "data-field": f.id, "aria-describedby": hid, "aria-required": f.required ? "true" : null });
    input.value = value || "";
    input.addEventListener("input", function () { onValue(input.value); });
    return { node: el("div", { "class": "sbfa-x-field" }, [label(t, f, iid), help(ex, f, hid), input]), input: input };
  }
  // The text of a field's answer for the print view and the download ("" when empty).
  function shown(ex, f, v) {
    if (v == null || v === "") return "";
    if (f.type === "choice") { var o = f.options.filter(function (x) { return x.id === v; })[0]; return o ? o.label : ""; }
    if (f.type === "money" || f.type === "number") { var n = parseNum(v); return isNaN(n) ? String(v) : fmt(n, f.type, ex.currency); }
    if (f.type === "date") { var d = new Date(v + "T00:00:00"); return isNaN(d) ? v : d.toLocaleDateString(lang(), { dateStyle: "long" }); }
    return String(v);
  }

  W.worksheet = { mount: function (container, ex, ctx) {
    var sh = shell(container, ex, ctx, "worksheet", function () {
      var missing = ex.fields.filter(function (f) { return f.required && (ctx.get(f.id) == null || ctx.get(f.id) === ""); });
      if (missing.length) { focus(missing[0]); return { missing: missing.map(function (f) { return f.label; }) }; }
      return { filled: ex.fields.filter(function (f) { return ctx.get(f.id) != null && ctx.get(f.id) !== ""; }).length, of: ex.fields.length };
    });
    var t = sh.t;
    function focus(f) { var n = sh.root.querySelector('[data-field="' + f.id + '"]'); if (n) n.focus(); }
    function field(f) {
      var s = saver(ctx, sh, f.id), v = ctx.get(f.id), w;
      if (f.type === "choice") w = choiceField(t, ex, f, v, s.now);
      else if (f.type === "date") w = dateField(t, ex, f, v, s.now);
      else if (f.type === "number" || f.type === "money") w = numField(t, ex, f, v, ex.currency, s.later);
      else w = textField(t, ex, f, v, s.later);
      if (w.input) w.input.addEventListener("change", s.flush);
      if (w.check) w.check();
      return w.node;
    }
    var areas = ex.areas || [], layout = ex.layout === "swot" ? "swot" : ex.layout === "canvas" && areas.every(function (a) { return a.slot; }) ? "canvas" : "boxes";
    var loose = ex.fields.filter(function (f) { return !f.area || !areas.some(function (a) { return a.id === f.area; }); });
    if (areas.length) {
      var grid = el("div", { "class": "sbfa-ws-grid sbfa-ws-" + layout });
      areas.forEach(function (a, i) {
        var hid = id(a.id);
        grid.appendChild(el("section", { "class": "sbfa-ws-area sbfa-slot-" + (a.slot || "a" + (i + 1)), "aria-labelledby": hid, "data-area": a.id },
          [el("h2", { id: hid, text: a.title }), a.hint && el("p", { "class": "sbfa-x-help", text: a.hint })]
            .concat(ex.fields.filter(function (f) { return f.area === a.id; }).map(function (f) {
              var n = field(f);
              // A block with one field named like the block: the heading says it, so the label is for screen readers only.
              if (f.label === a.title && n.firstChild.tagName === "LABEL") n.firstChild.className = "sbfa-sr";
              return n;
            }))));
      });
      sh.body.appendChild(grid);
    }
    loose.forEach(function (f) { sh.body.appendChild(field(f)); });

    // The learner's own copy: the same document for printing and for the download.
    function doc() {
      var d = el("article", { "class": "sbfa-print-doc sbfa-print-" + layout, lang: lang(), dir: document.documentElement.dir || "ltr" });
      d.appendChild(el("h1", { text: ex.title }));
      d.appendChild(el("p", { text: t("date_line", { date: new Date().toLocaleDateString(lang(), { dateStyle: "long" }) }) }));
      function answers(fields) {
        return fields.map(function (f) {
          var v = shown(ex, f, ctx.get(f.id));
          return el("div", { "class": "sbfa-pa" }, [el("h3", { text: f.label }), el("p", { "class": v ? "" : "sbfa-pe", text: v || t("not_filled_in") })]);
        });
      }
      var g = el("div", { "class": "sbfa-ws-grid sbfa-ws-" + layout });
      areas.forEach(function (a, i) {
        var fs = ex.fields.filter(function (f) { return f.area === a.id; });
        g.appendChild(el("section", { "class": "sbfa-ws-area sbfa-slot-" + (a.slot || "a" + (i + 1)) }, [el("h2", { text: a.title })].concat(
          fs.length === 1 ? answers(fs).map(function (n) { return n.lastChild; }) : answers(fs))));
      });
      if (areas.length) d.appendChild(g);
      if (loose.length) { if (areas.length) d.appendChild(el("h2", { text: t("other_answers") })); answers(loose).forEach(function (n) { d.appendChild(n); }); }
      return d;
    }
    var printBtn = el("button", { type: "button", "class": "sbfa-btn sbfa-btn--alt", text: t("print"), on: { click: function () {
      flushAll();
      var old = document.querySelector("body > .sbfa-print-doc");
      if (old) old.remove();
      document.body.appendChild(doc());
      document.documentElement.classList.add("sbfa-printing");
      window.print();
    } } });
    window.addEventListener("afterprint", function () {
      document.documentElement.classList.remove("sbfa-printing");
      var old = document.querySelector("body > .sbfa-print-doc");
      if (old) old.remove();
    });
    var dl = el("a", { "class": "sbfa-btn sbfa-btn--alt", href: "#", download: ex.id + ".html", text: t("download_answers") });
    // The download is built only when asked for, from the saved answers: a standalone HTML page.
    dl.addEventListener("click", function () {
      flushAll();
      var d = doc(), css = "body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-inline-size:60rem;padding:0 1rem}" +
        ".sbfa-ws-grid{display:grid;gap:.5rem;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr))}" +
        ".sbfa-ws-area{border:1px solid #555;padding:.5rem}.sbfa-pa p,.sbfa-ws-area>p{white-space:pre-wrap}.sbfa-pe{color:#555}";
      var html = "<!DOCTYPE html>\n<html lang=\"" + d.lang + "\" dir=\"" + d.dir + "\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title></title><style>" + css +
        "</style></head><body></body></html>";
      var page = new DOMParser().parseFromString(html, "text/html");
      page.title = ex.title;
      page.body.appendChild(page.importNode(d, true));
      if (dl.href.indexOf("blob:") === 0) URL.revokeObjectURL(dl.href);
      dl.href = URL.createObjectURL(new Blob(["<!DOCTYPE html>\n" + page.documentElement.outerHTML], { type: "text/html" }));
    });
    sh.tools.appendChild(printBtn);
    sh.tools.appendChild(dl);
  } };

  // --- calculator -------------------------------------------------------------------------
  function Fail(kind) { this.kind = kind; }
  var FN = {
    min: Math.min, max: Math.max, abs: Math.abs, ceil: Math.ceil, floor: Math.floor,
    round: function (x, d) { var m = Math.pow(10, d || 0); return Math.sign(x) * Math.round(Math.abs(x) * m) / m; }
  };
  // Evaluates a formula tree of sbfa_pack.expr; missing values and division by zero raise Fail.
  // `why` maps an earlier output that could not be calculated to its reason, which its users share.
  function evaluate(node, env, why) {
    var op = node[0], a, b, ev = function (x) { return evaluate(x, env, why); };
    if (op === "num") return node[1];
    if (op === "var") { if (env[node[1]] == null) throw new Fail((why && why[node[1]]) || "missing"); return env[node[1]]; }
    if (op === "neg") return -ev(node[1]);
    if (op === "call") return FN[node[1]].apply(null, node[2].map(ev));
    a = ev(node[1]); b = ev(node[2]);
    if (op === "+") return a + b;
    if (op === "-") return a - b;
    if (op === "*") return a * b;
    if (op === "/") { if (b === 0) throw new Fail("div0"); return a / b; }
    return Math.pow(a, b);
  }
  W.calculator = { mount: function (container, ex, ctx) {
    var sh = shell(container, ex, ctx, "calculator", function () { return { outputs: compute().values }; });
    var t = sh.t, fields = [], rows = [];
    var form = el("div", { "class": "sbfa-calc-in" });
    ex.inputs.forEach(function (spec) {
      var s = saver(ctx, sh, spec.id), v = ctx.get(spec.id);
      if (v == null && spec.default != null) v = new Intl.NumberFormat(lang(), { useGrouping: false, maximumFractionDigits: 6 }).format(spec.default);
      var w = numField(t, {}, spec, v, ex.currency, function (text) { s.later(text); show(); });
      w.input.addEventListener("change", s.flush);
      fields.push({ spec: spec, w: w });
      form.appendChild(w.node);
    });
    var out = el("dl", { "class": "sbfa-calc-out" });
    ex.outputs.forEach(function (o) {
      var val = el("output", { "class": "sbfa-calc-v", "data-output": o.id });
      var note = el("p", { "class": "sbfa-calc-note" });
      out.appendChild(el("dt", { text: o.label }));
      out.appendChild(el("dd", {}, [val, note, rich(ex, "div", "sbfa-x-help", o.explanation)]));
      rows.push({ o: o, val: val, note: note });
    });
    var live = el("p", { "class": "sbfa-sr", "aria-live": "polite" });
    sh.body.appendChild(form);
    sh.body.appendChild(el("section", { "class": "sbfa-calc-res", "aria-label": t("results") }, [el("h2", { text: t("results") }), out, live]));

    function compute() {
      var env = {}, bad = false, values = {}, texts = [], why = {};
      fields.forEach(function (f) {
        var r = checkNum(t, f.w.input.value, f.spec);
        if (r.err) bad = true;
        else if (r.v != null) env[f.spec.id] = r.v;
      });
      rows.forEach(function (r) {
        var msg = "", text = "—";
        try {
          var v = evaluate(r.o.tree, env, why);
          if (!isFinite(v)) throw new Fail(isNaN(v) ? "nan" : "big");
          env[r.o.id] = v; values[r.o.id] = v; text = fmt(v, r.o.format, ex.currency);
        } catch (e) {
          if (!(e instanceof Fail)) throw e;
          why[r.o.id] = e.kind;
          msg = t(bad ? "calc_fix" : { missing: "calc_fill", div0: "calc_div0", nan: "calc_undefined" }[e.kind] || "calc_too_large");
        }
        r.text = text; r.msg = msg;
        texts.push(r.o.label + ": " + (msg || text));
      });
      return { values: values, texts: texts };
    }
    var talk = null;
    // Results change on screen at once; screen readers hear them once the typing pauses.
    function show() {
      var c = compute();
      rows.forEach(function (r) { r.val.textContent = r.text; r.note.textContent = r.msg; });
      clearTimeout(talk);
      talk = setTimeout(function () { live.textContent = c.texts.join(". "); }, 900);
      fields.forEach(function (f) { f.w.check(); });
    }
    fields.forEach(function (f) { f.w.input.addEventListener("change", show); });
    compute();
    rows.forEach(function (r) { r.val.textContent = r.text; r.note.textContent = r.msg; });
    fields.forEach(function (f) { f.w.check(); });
  } };

  // --- checklist --------------------------------------------------------------------------
  W.checklist = { mount: function (container, ex, ctx) {
    var all = [];
    ex.groups.forEach(function (g) { g.items.forEach(function (it) { all.push(it); }); });
    var sh = shell(container, ex, ctx, "checklist", function () { return { done: done(), of: all.length }; });
    var t = sh.t;
    var progress = el("p", { "class": "sbfa-x-progress", "aria-live": "polite" });
    var bar = el("span", { "class": "sbfa-bar-fill" });
    function done() { return all.filter(function (it) { return !!ctx.get(it.id); }).length; }
    function update() {
      progress.textContent = t("checked", { n: done(), total: all.length });
      bar.style.inlineSize = Math.round(done() / all.length * 100) + "%";
    }
    sh.body.appendChild(el("div", { "class": "sbfa-cl-head" }, [progress, el("span", { "class": "sbfa-bar", "aria-hidden": "true" }, [bar])]));
    ex.groups.forEach(function (g) {
      var fs = el("fieldset", { "class": "sbfa-cl-group" }, [el("legend", { text: g.title })]);
      g.items.forEach(function (it) {
        var hid = it.help ? id(it.id) + "-h" : null;
        var box = el("input", { type: "checkbox", "data-field": it.id, "aria-describedby": hid });
        box.checked = !!ctx.get(it.id);
        box.addEventListener("change", function () { ctx.set(it.id, box.checked ? 1 : null); sh.saved(); update(); });
        var h = rich(ex, "div", "sbfa-x-help", it.help);
        if (h) h.id = hid;
        fs.appendChild(el("div", { "class": "sbfa-cl-item" }, [el("label", { "class": "sbfa-opt" }, [box, el("span", { text: it.text })]), h,
          it.url && el("a", { href: it.url, target: "_blank", rel: "noopener noreferrer" }, [it.url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, ""), el("span", { "class": "sbfa-sr", text: " " + t("opens_new_tab") })])]));
      });
      sh.body.appendChild(fs);
    });
    update();
  } };

  W._num = { parse: parseNum, evaluate: evaluate, format: fmt };
}());
