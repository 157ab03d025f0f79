/* sbfa-pack site: the resource bank's filters and search (progressive: without it, the whole list shows).
 * The index of the page's language is a script assigned to a global (assets/search-<lang>.js), loaded on
 * first use: a <script src> works from file://, fetch() does not. fold() is the one definition of this
 * side; sbfa_pack/site/search.py folds the index the same way. A bank on several pages (data-paged)
 * searches all of them: its index carries every card, shown in place of the page's own list. */
(function () {
  "use strict";
  var form = document.getElementById("bank-filters");
  if (!form) { return; }
  var lang = document.documentElement.lang;
  var list = document.getElementById("bank-list");
  var own = Array.prototype.slice.call(list.children);
  var status = document.getElementById("bank-status");
  var none = document.getElementById("bank-none");
  var pager = document.getElementById("bank-pager");
  var paged = form.hasAttribute("data-paged");
  var total = paged ? Number(form.getAttribute("data-total")) : own.length;
  var keys = ["country", "topic", "kind", "language"];
  var texts = null, cards = null, all = null, loading = false, num;
  try { num = new Intl.NumberFormat(lang); } catch (e) { num = new Intl.NumberFormat(); }

  // Lower case, no combining marks (Latin diacritics, Greek accents, tashkeel, hamza and madda on alef),
  // Arabic letter variants joined, tatweel dropped, single spaces.
  function fold(s) {
    return String(s).toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/\u0629/g, "\u0647").replace(/[\u0649\u06CC]/g, "\u064A").replace(/\u06A9/g, "\u0643")
      .replace(/\u0671/g, "\u0627").replace(/\u0640/g, "").split(/\s+/).filter(Boolean).join(" ");
  }

  function load() {
    if (texts || loading) { return; }
    loading = true;
    var s = document.createElement("script");
    s.src = form.getAttribute("data-index");
    s.onload = function () {
      var data = (window.SBFA_SEARCH || {})[lang] || {};
      if (Array.isArray(data)) {
        texts = {};
        data.forEach(function (e) { texts[e[0]] = e[1]; });
        cards = data;
      } else {
        texts = data;
      }
      apply();
    };
    document.head.appendChild(s);
  }

  // Every card of the bank, made once from the index (a bank on several pages).
  function everyCard() {
    if (!all) {
      var box = document.createElement("ul");
      all = cards.map(function (e) { box.innerHTML = e[2]; return box.firstElementChild; });
    }
    return all;
  }

  function has(li, key, value) {
    return !value || (" " + li.getAttribute("data-" + key) + " ").indexOf(" " + value + " ") >= 0;
  }

  function apply() {
    var words = fold(form.elements.q.value).split(" ").filter(Boolean), shown = 0;
    var filtering = words.length > 0 || keys.some(function (k) { return form.elements[k].value; });
    var pool = own;
    if (paged && filtering) {
      if (!cards) { load(); return; }  // applied again once the index is there
      pool = everyCard();
    }
    if (paged) {
      if (list.firstElementChild !== pool[0] || list.children.length !== pool.length) {
        list.replaceChildren.apply(list, pool);
      }
      if (pager) { pager.hidden = filtering; }
    }
    pool.forEach(function (li) {
      var ok = keys.every(function (k) { return has(li, k, form.elements[k].value); });
      if (ok && words.length) {
        var text = texts ? texts[li.id] || "" : fold(li.textContent);
        ok = words.every(function (w) { return text.indexOf(w) >= 0; });
      }
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    if (paged && !filtering) { shown = own.length; }
    status.textContent = form.getAttribute("data-shown").replace("{n}", num.format(shown))
      .replace("{total}", num.format(total));
    none.hidden = shown > 0;
  }

  form.hidden = false;
  form.addEventListener("input", function () { load(); apply(); });
  form.addEventListener("change", function () { load(); apply(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.elements.q.addEventListener("focus", load);
})();
