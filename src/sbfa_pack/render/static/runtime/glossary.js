/* The glossary (issue 12 item 10), shipped only in packages that mark a term. A marked term is
 * rendered as a link to its entry in the page's glossary section (#gl-<id>), which works without
 * JavaScript. Here each becomes a button (aria-expanded) that shows the entry's explanation and the
 * word used at the office in a disclosure right after it: opened by a tap, a click, Enter or Space,
 * and by keyboard focus; closed by Escape, by a tap elsewhere, or when the keyboard moves on. The
 * official terms shown are those of the learner's country (S.core.country() where the personal path
 * is built in, else the state's "c"), or every country's when none is chosen. The section itself is
 * hidden once its entries are shown beside the terms. */
(function (S) {
  "use strict";
  var n = 0, pointer = false;
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function country() {
    var C = S.core;
    return C ? (C.country ? C.country() : C.state().c) || null : null;
  }
  /** Buttons in place of the links (again after a language switch replaced the page's parts). */
  function upgrade() {
    var box = document.getElementById("sbfa-glossary");
    if (box) { box.hidden = true; }
    all("a.term[data-term]").forEach(function (a) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "term";
      b.setAttribute("data-term", a.getAttribute("data-term"));
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-controls", "gp-" + (++n));
      while (a.firstChild) { b.appendChild(a.firstChild); }
      a.parentNode.replaceChild(b, a);
    });
  }
  function pop(b) { return document.getElementById(b.getAttribute("aria-controls")); }
  function close(b) {
    var p = pop(b);
    b.setAttribute("aria-expanded", "false");
    if (p) { p.parentNode.removeChild(p); }
  }
  function closeAll(but) {
    all("button.term[aria-expanded=true]").forEach(function (b) { if (b !== but) { close(b); } });
  }
  function open(b) {
    var entry = document.getElementById("gl-" + b.getAttribute("data-term")), dd = entry && entry.querySelector("dd");
    closeAll(b);
    if (!dd || b.getAttribute("aria-expanded") === "true") { return; }
    var p = document.createElement("span"), c = country();
    p.className = "gl-pop";
    p.id = b.getAttribute("aria-controls");
    all(".gl-x, .gl-o", dd).forEach(function (part) { p.appendChild(part.cloneNode(true)); });
    var mine = all("li[data-country]", p).filter(function (li) { return li.getAttribute("data-country") === c; });
    if (mine.length) {
      p.className += " one";
      all("li[data-country]", p).forEach(function (li) { li.hidden = mine.indexOf(li) < 0; });
    }
    b.parentNode.insertBefore(p, b.nextSibling);
    b.setAttribute("aria-expanded", "true");
  }
  function term(t) { return t && t.closest ? t.closest("button.term") : null; }

  document.addEventListener("pointerdown", function () { pointer = true; }, true);
  document.addEventListener("click", function (ev) {
    var b = term(ev.target);
    pointer = false;
    if (b) {
      if (b.getAttribute("aria-expanded") === "true") { close(b); } else { open(b); }
    } else if (!(ev.target.closest && ev.target.closest(".gl-pop"))) {
      closeAll(null);
    }
  });
  document.addEventListener("focusin", function (ev) {
    var b = term(ev.target);
    if (b && !pointer) { open(b); } else if (!b) { closeAll(null); }
  });
  document.addEventListener("keydown", function (ev) {
    var b = term(document.activeElement);
    if (ev.key !== "Escape") { return; }
    if (b && b.getAttribute("aria-expanded") === "true") { close(b); ev.preventDefault(); } else { closeAll(null); }
  });
  document.addEventListener("sbfa:go", upgrade);
  upgrade();
})(window.SBFA);
