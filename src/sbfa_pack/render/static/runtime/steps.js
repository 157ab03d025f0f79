/* A long self-check one statement at a time (issue 12 item 7): 12 statements of 5 options made a
 * page 5,700 px tall on a phone. After the widget is mounted (app.js shows the lesson, then
 * dispatches "sbfa:go"), a list of more than STEP_FROM statements shows one of them, with Back and
 * Next buttons and the count "Question 5 of 12" (a live region). Hidden statements keep their
 * answers (the widget saves each choice as it is made); the result below appears when all are
 * answered, as before. It starts at the first statement not answered yet. */
(function (S) {
  "use strict";
  var STEP_FROM = 6;
  function button(cls, label, delta) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn " + cls;
    b.setAttribute("data-step", String(delta));
    b.textContent = label;
    return b;
  }
  function page(list) {
    var items = Array.prototype.slice.call(list.children), at = 0;
    list.setAttribute("data-steps", "1");
    if (items.length <= STEP_FROM) { return; }
    var t = S.core.t, count = document.createElement("p"), bar = document.createElement("div");
    count.className = "sbfa-step-n";
    count.setAttribute("aria-live", "polite");
    bar.className = "sbfa-steps";
    var back = button("", t("back"), -1), next = button("primary", t("next"), 1);
    [back, count, next].forEach(function (x) { bar.appendChild(x); });
    list.parentNode.insertBefore(bar, list.nextSibling);
    function show(i, focus) {
      at = Math.max(0, Math.min(items.length - 1, i));
      items.forEach(function (li, k) { li.hidden = k !== at; });
      count.textContent = t("question_n_of_m", { n: at + 1, m: items.length });
      back.disabled = at === 0;
      next.disabled = at === items.length - 1;
      var fs = items[at].querySelector("fieldset");
      if (focus && fs) { fs.tabIndex = -1; fs.focus(); }
    }
    bar.addEventListener("click", function (ev) {
      var b = ev.target.closest("[data-step]");
      if (b) { show(at + Number(b.getAttribute("data-step")), true); }
    });
    var open = items.filter(function (li) { return !li.querySelector("input:checked"); })[0];
    show(open ? items.indexOf(open) : 0, false);
  }
  document.addEventListener("sbfa:go", function (ev) {
    var sec = document.getElementById("l-" + ev.detail.id);
    Array.prototype.slice.call(sec ? sec.querySelectorAll(".sbfa-likert:not([data-steps])") : []).forEach(page);
  });
})(window.SBFA);
