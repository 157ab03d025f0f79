/* My business file (issue 12 item 4; docs/runtime.md): an optional part, only in packages whose
 * course has exercises or case studies. Case-study reflections are saved text boxes
 * (state.r[case-id][prompt-id], restored on resume); S.bizfile.open() shows everything the learner
 * produced, in course order, to print or download as one standalone page (the same copy as each
 * exercise's own: widgets.js, S.copy). */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  var dlg = null;

  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text != null) { n.textContent = text; }
    return n;
  }

  // ---- reflections: a counter, saved as typed (the core's pause), told to the LRS when left ----------
  function count(box) {
    document.getElementById(box.getAttribute("aria-describedby")).textContent =
      S.t("chars_count", { n: box.value.length, max: box.maxLength });
  }
  function mount(box) {
    var C = S.core, c = box.getAttribute("data-case"), p = box.getAttribute("data-prompt");
    box.setAttribute("data-mounted", "1");
    box.value = ((C.state().r || {})[c] || {})[p] || "";
    count(box);
    box.disabled = S.mode === "review";
    box.addEventListener("input", function () {
      var s = C.state(), r = s.r = s.r || {}, a = r[c] = r[c] || {};
      if (box.value) { a[p] = box.value; } else { delete a[p]; }
      count(box);
      C.changed(false);
    });
    box.addEventListener("change", function () {
      C.event({ kind: "reflection-saved", id: p, lessonId: c });
      C.changed(true);
    });
  }

  // ---- the file: one part per exercise used and per case study answered, in course order -----------
  function parts() {
    var D = S.data, st = S.core.state(), out = [];
    D.lessons.forEach(function (l) {
      var sec = document.getElementById("l-" + l.id), part = el("section", "sbfa-bf-part"), kids = [];
      if (!sec) { return; }
      var box = l.kind === "exercise" && sec.querySelector(".exercise");
      var ex = box && D.exercises[box.getAttribute("data-exercise")], x = ex && st.x[ex.id];
      var W = ex && S.widgets[ex.kind];
      if (x && Object.keys(x).length && W && W.copy) {
        var m = ex.money && ex.money[S.core.country()];  // in the learner's country (app.js local())
        kids = W.copy(m ? Object.assign({}, ex, m) : ex, function (k) { return x[k]; }, S.t);
        part.appendChild(el("h2", null, ex.title));
      }
      var r = l.kind === "case-study" && (st.r || {})[l.id];
      if (r && Object.keys(r).length) {
        part.appendChild(el("h2", null, sec.querySelector("h1").textContent));
        all("textarea.rf", sec).forEach(function (t) {
          var v = r[t.getAttribute("data-prompt")];
          if (v) { kids.push(el("h3", null, t.labels[0].textContent), el("p", null, v)); }
        });
      }
      kids.forEach(function (k) { part.appendChild(k); });
      if (part.firstChild) { out.push(part); }
    });
    return out;
  }
  function make() {
    S.copy.flush();  // what is being typed in an exercise goes in too
    var p = parts();
    return S.copy.doc(S.t("business_file"), p.length ? p : [el("p", null, S.t("bf_empty"))], "sbfa-bf-doc");
  }

  function open() {
    if (!dlg) {
      dlg = el("dialog", "sbfa-bf");
      var tools = el("div", "sbfa-x-tools"), close = el("button", "sbfa-btn", S.t("close"));
      close.type = "button";
      close.addEventListener("click", function () { dlg.close(); });
      S.copy.tools(tools, "business-file", make, function () { return dlg.open; });
      tools.appendChild(close);
      dlg.appendChild(el("div"));
      dlg.appendChild(tools);
      document.body.appendChild(dlg);
    }
    dlg.setAttribute("aria-label", S.t("business_file"));
    dlg.replaceChild(make(), dlg.firstChild);
    if (!dlg.open) { dlg.showModal(); }
    dlg.querySelector("h1").setAttribute("tabindex", "-1");
    dlg.querySelector("h1").focus();
  }

  // The contents get an entry to open it (again after a language switch replaces them).
  document.addEventListener("sbfa:attach", function () {
    all("textarea.rf:not([data-mounted])").forEach(mount);
    var toc = document.querySelector("#sbfa-toc");
    if (toc && !document.getElementById("sbfa-bf-open")) {
      var b = el("button", "btn", S.t("business_file"));
      b.type = "button";
      b.id = "sbfa-bf-open";
      b.addEventListener("click", open);
      toc.appendChild(b);
    }
  });

  // The end screen's "Your business file" link (end.html.j2, shown by screens.js when S.bizfile is set).
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("[data-file]")) { ev.preventDefault(); open(); }
  });
  S.bizfile = { open: open, doc: make };
})();
