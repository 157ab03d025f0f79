/* sbfa-pack learner state: the compact, versioned text saved in suspend_data (format 1).
 * Same encoding as src/sbfa_pack/state.py (read its docstring; tests check both agree):
 * printable ASCII only, never " ' \ < > &, at most three characters per UTF-16 unit of text. */
(function (SBFA) {
  "use strict";
  var UNSAFE = "\"'\\<>&";
  var DIGITS = "";
  for (var c = 0x21; c < 0x7f; c++) {
    if (UNSAFE.indexOf(String.fromCharCode(c)) < 0) { DIGITS += String.fromCharCode(c); }
  }
  var PREFIXES = "`^|~{}_=$";
  var QUOTE = "*";
  var BASE = DIGITS.length;  // 88
  var LITERAL = " ";
  for (var i = 0; i < DIGITS.length; i++) {
    var ch = DIGITS.charAt(i);
    if (PREFIXES.indexOf(ch) < 0 && ch !== QUOTE) { LITERAL += ch; }
  }
  var BARE_KEY = /^[A-Za-z0-9_-]+$/;
  var NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;

  function text(s) {
    var out = QUOTE;
    for (var i = 0; i < s.length; i++) {
      var u = s.charCodeAt(i);
      var ch = s.charAt(i);
      if (u < 0x80 && LITERAL.indexOf(ch) >= 0) {
        out += ch;
      } else {
        var r = u % (BASE * BASE);
        out += PREFIXES.charAt(Math.floor(u / (BASE * BASE))) + DIGITS.charAt(Math.floor(r / BASE)) +
          DIGITS.charAt(r % BASE);
      }
    }
    return out + QUOTE;
  }

  function value(v) {
    if (v === null || v === undefined) { return "N"; }
    if (v === true) { return "T"; }
    if (v === false) { return "F"; }
    if (typeof v === "number") { return isFinite(v) ? String(v) : "N"; }
    if (typeof v === "string") { return text(v); }
    var parts = [];
    if (Array.isArray(v)) {
      for (var i = 0; i < v.length; i++) { parts.push(value(v[i])); }
      return "[" + parts.join(",") + "]";
    }
    var keys = Object.keys(v);
    for (var k = 0; k < keys.length; k++) {
      if (v[keys[k]] === undefined) { continue; }  // as JSON.stringify: undefined members vanish
      parts.push((BARE_KEY.test(keys[k]) ? keys[k] : text(keys[k])) + ":" + value(v[keys[k]]));
    }
    return "(" + parts.join(",") + ")";
  }

  function encode(obj) { return "1" + value(obj); }

  function Parser(s) { this.s = s; this.i = 1; }
  Parser.prototype.fail = function () { throw new Error("bad state at " + this.i); };
  Parser.prototype.text = function () {
    var s = this.s, out = "";
    this.i++;
    while (s.charAt(this.i) !== QUOTE) {
      var ch = s.charAt(this.i);
      var p = PREFIXES.indexOf(ch);
      if (ch === "") { this.fail(); }
      if (p >= 0) {
        var a = DIGITS.indexOf(s.charAt(this.i + 1)), b = DIGITS.indexOf(s.charAt(this.i + 2));
        if (a < 0 || b < 0) { this.fail(); }
        out += String.fromCharCode(p * BASE * BASE + a * BASE + b);
        this.i += 3;
      } else if (LITERAL.indexOf(ch) >= 0) {
        out += ch;
        this.i++;
      } else { this.fail(); }
    }
    this.i++;
    return out;
  };
  Parser.prototype.value = function () {
    var s = this.s, ch = s.charAt(this.i);
    if (ch === "T" || ch === "F" || ch === "N") { this.i++; return ch === "T" ? true : (ch === "F" ? false : null); }
    if (ch === QUOTE) { return this.text(); }
    if (ch === "(" || ch === "[") {
      var close = ch === "(" ? ")" : "]", obj = ch === "(" ? {} : [], first = true;
      this.i++;
      while (s.charAt(this.i) !== close) {
        if (this.i >= s.length) { this.fail(); }
        if (!first) { if (s.charAt(this.i) !== ",") { this.fail(); } this.i++; }
        first = false;
        if (close === ")") {
          var key;
          if (s.charAt(this.i) === QUOTE) { key = this.text(); } else {
            var j = s.indexOf(":", this.i);
            if (j < 0) { this.fail(); }
            key = s.slice(this.i, j);
            if (!BARE_KEY.test(key)) { this.fail(); }
            this.i = j;
          }
          if (s.charAt(this.i) !== ":") { this.fail(); }
          this.i++;
          obj[key] = this.value();
        } else {
          obj.push(this.value());
        }
      }
      this.i++;
      return obj;
    }
    var m = NUMBER.exec(s.slice(this.i));
    if (!m) { this.fail(); }
    this.i += m[0].length;
    return Number(m[0]);
  };

  /* The state object, or null when the text does not parse or has another version. */
  function decode(s) {
    if (typeof s !== "string" || s.charAt(0) !== "1") { return null; }
    try {
      var p = new Parser(s);
      var v = p.value();
      if (p.i !== s.length || v === null || typeof v !== "object" || Array.isArray(v)) { return null; }
      if (v.v !== undefined && v.v !== 1) { return null; }
      return v;
    } catch (e) {
      return null;
    }
  }

  SBFA.state = { encode: encode, decode: decode };
})(window.SBFA = window.SBFA || { adapters: {} });
