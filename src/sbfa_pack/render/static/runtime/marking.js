/* Marking answers, for the quiz engine (quiz.js): seeded shuffling, numbers typed the way the
 * learner's language writes them (the exercise widgets read numbers with it too), fill-in answers
 * as people write them, and whether a response is right for its answer key
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

  // ---- numbers as people type them (quizzes and the exercise widgets share this one parser) ----
  var DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g, SEPS = {};
  function ascii(s) { return String(s).replace(DIGITS, function (d) { return String(d.charCodeAt(0) & 15); }); }
  // The language's group and decimal signs; Arabic's ٬ and ٫ are read as "," and ".".
  function seps(lang) {
    if (SEPS[lang]) { return SEPS[lang]; }
    var o = { group: ",", decimal: "." };
    try {
      new Intl.NumberFormat(lang).formatToParts(12345.6).forEach(function (p) {
        if (p.type === "group" || p.type === "decimal") { o[p.type] = { "\u066C": ",", "\u066B": "." }[p.value] || p.value; }
      });
    } catch (e) { /* keep "," and "." */ }
    return (SEPS[lang] = o);
  }
  /** A number typed the way the learner's language writes it ("12,5", "1 250", "1.250,5", "١٢٫٥",
   * "۵۰"): Arabic-Indic and Persian digits; "," or "." as the decimal sign (the last of the two
   * when both appear; a lone group sign of the language before exactly three digits groups
   * thousands, so "1.250" is 1250 in German and "12,5" is 12.5 even in English). null when empty,
   * NaN when it is not a number. */
  M.parseNumber = S.parseNumber = function (raw, lang) {
    var s = ascii(raw).replace(/[\s\u00A0\u202F'’\u066C]/g, "").replace(/[\u2212\u2013]/g, "-").replace(/\u066B/g, ".");
    if (!s) { return null; }
    var sp = seps(lang), last = Math.max(s.lastIndexOf(","), s.lastIndexOf(".")), dec = -1;
    if (last >= 0) {
      var c = s.charAt(last), once = s.indexOf(c) === last;
      var thousands = c === sp.group && c !== sp.decimal && /^\d{3}$/.test(s.slice(last + 1));
      if (s.indexOf(c === "," ? "." : ",") >= 0 || (once && !thousands)) { dec = last; }
    }
    var whole = dec < 0 ? s : s.slice(0, dec);
    if (/[,.]/.test(whole) && !/^-?\d{1,3}([,.]\d{3})+$/.test(whole)) { return NaN; }
    s = whole.replace(/[,.]/g, "") + (dec < 0 ? "" : "." + s.slice(dec + 1));
    return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? parseFloat(s) : NaN;
  };

  // ---- fill-in answers as people write them (docs/runtime.md, "Marking") -----------------
  // Always: Unicode form, digits, spaces, punctuation at the end. Unless the question says case
  // matters, also letter case and the spellings readers take for the same word: Arabic (and
  // Persian) alef with hamza or madda, alef maqsura and Persian yeh, ta marbuta, keheh,
  // tashkeel and tatweel; Greek tonos and dialytika (every accent).
  var FOLD = {
    ar: [[/[\u064B-\u065F\u0670\u0640]/g, ""], [/[\u0622\u0623\u0625\u0671]/g, "\u0627"],
      [/[\u0649\u06CC]/g, "\u064A"], [/\u0629/g, "\u0647"], [/\u06A9/g, "\u0643"]],
    el: [[/[\u0300-\u036F]/g, ""]]
  };
  FOLD.fa = FOLD.ar;
  M.normAnswer = function (s, cs, lang) {
    var v = ascii(String(s).normalize("NFC")).replace(/\s+/g, " ")
      .replace(/[\s.,;:!?\u2026\u060C\u061B\u061F\u06D4\u0387\u3002]+$/, "").trim();
    if (cs) { return v; }
    v = v.toLocaleLowerCase(lang);
    var rules = FOLD[String(lang).split("-")[0]];
    if (rules) {
      v = v.normalize("NFD");
      rules.forEach(function (r) { v = v.replace(r[0], r[1]); });
      v = v.normalize("NFC");
    }
    return v;
  };

  /** Whether `r` is right for question `k` (its key from SBFA.data). */
  M.grade = S.grade = function (k, r, lang) {
    if (r === null || r === undefined) { return false; }
    switch (k.type) {
      case "single-choice": case "true-false": return r === k.a;
      case "multiple-choice": return M.sameList(r.slice().sort(), k.a.slice().sort());
      case "ordering": return M.sameList(r, k.a);
      case "fill-in":
        r = M.normAnswer(r, k.cs, lang);
        return r !== "" && k.a.some(function (a) { return M.normAnswer(a, k.cs, lang) === r; });
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
