/* Marking answers, for the quiz engine (quiz.js): seeded shuffling, numbers typed the way the
 * learner's language writes them, and whether a response is right for its answer key
 * (SBFA.data.quizzes[quiz].questions[i]). Pure functions, no page access. */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};
  var M = S.marking = {};

  // A small seeded generator: the order of an attempt is the same after a reload, and new for
  // the next attempt.
  M.rng = function (seed) {
    var h = 2166136261;
    for (var i = 0; i < seed.length; i++) { h = Math.imul(h ^ seed.charCodeAt(i), 16777619); }
    return function () {
      h = Math.imul(h ^ (h >>> 15), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      h ^= h >>> 16;
      return (h >>> 0) / 4294967296;
    };
  };
  M.shuffled = function (list, rand) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1)), x = a[i];
      a[i] = a[j]; a[j] = x;
    }
    return a;
  };
  M.sameList = function (a, b) {
    if (!a || !b || a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
    return true;
  };

  /** A number typed the way the learner's language writes it ("12,5", "1 250", "1.250,5"). */
  M.parseNumber = S.parseNumber = function (raw, lang) {
    var s = String(raw).replace(/[\s\u00a0\u202f'’]/g, "").replace(/[−–]/g, "-");
    if (!s) { return null; }
    var dec = ".";
    try { dec = new Intl.NumberFormat(lang).formatToParts(1.5)[1].value; } catch (e) { /* keep "." */ }
    var lastComma = s.lastIndexOf(","), lastDot = s.lastIndexOf(".");
    if (lastComma >= 0 && lastDot >= 0) {
      var d = lastComma > lastDot ? "," : ".";
      s = s.split(d === "," ? "." : ",").join("").replace(d, ".");
    } else if (lastComma >= 0 || lastDot >= 0) {
      var sep = lastComma >= 0 ? "," : ".";
      var parts = s.split(sep);
      // One separator followed by exactly three digits is a thousands separator, unless it is
      // this language's decimal sign ("1,500" is 1500 in English, 1.5 in German).
      var group = parts.length > 2 || (sep !== dec && parts[1].length === 3);
      s = group ? parts.join("") : parts.join(".");
    }
    return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? parseFloat(s) : NaN;
  };

  function norm(s, cs, lang) {
    var v = String(s).normalize("NFC").replace(/\s+/g, " ").trim();
    return cs ? v : v.toLocaleLowerCase(lang);
  }

  /** Whether `r` is right for question `k` (its key from SBFA.data). */
  M.grade = S.grade = function (k, r, lang) {
    if (r === null || r === undefined) { return false; }
    switch (k.type) {
      case "single-choice": case "true-false": return r === k.a;
      case "multiple-choice": return M.sameList(r.slice().sort(), k.a.slice().sort());
      case "ordering": return M.sameList(r, k.a);
      case "fill-in":
        return k.a.some(function (a) { return norm(a, k.cs, lang) === norm(r, k.cs, lang); });
      case "numeric": return typeof r === "number" && Math.abs(r - k.a) <= k.tol + 1e-9 * Math.max(1, Math.abs(k.a));
      case "matching":
        return k.a.every(function (p) { return r[p] === p; });
    }
    return false;
  };

  /** The correct RESPONSE of docs/runtime.md (for fill-in: the first accepted answer). */
  M.correctResponse = function (k) {
    if (k.type === "fill-in") { return k.a[0]; }
    if (k.type === "matching") {
      var m = {};
      k.a.forEach(function (p) { m[p] = p; });
      return m;
    }
    return k.a;
  };
})();
