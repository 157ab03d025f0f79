/* Listen (issue 12 item 9): the lesson shown, read aloud by the browser's own speech synthesis in
 * the page's language; nothing goes over the network. The buttons (lessons/listen.html.j2) stay
 * hidden until the device has a voice for the language (voices load late: voiceschanged). It reads
 * what the learner sees: headings, paragraphs, lists, tables, captions; not images, nor hidden parts.
 * One utterance per sentence (long ones cut at a word): Android Chrome cuts long utterances.
 * Listen is a toggle (aria-pressed): read, pause, resume; Stop, or leaving the lesson, ends. */
(function () {
  "use strict";
  var ss = window.speechSynthesis, voice, q = [], cur, box, st = 0, D = document;
  if (!ss) { return; }
  function pick() {
    // a voice of the device (never a network one) for the language: "en" matches en-GB, and en_US
    // as Android names it
    var l = D.documentElement.lang.split("-")[0].toLowerCase();
    voice = ss.getVoices().filter(function (v) {
      return v.localService && v.lang.split(/[-_]/)[0].toLowerCase() === l;
    })[0];
    D.querySelectorAll(".listen").forEach(function (p) { p.hidden = !voice; });
  }
  function show(p, s) {
    st = s; box = p;
    p.children[0].setAttribute("aria-pressed", s === 1);
    p.children[1].hidden = !s;
  }
  function stop() {
    q = []; cur = null;
    if (st) { show(box, 0); ss.cancel(); }
  }
  function next() {
    var t = q.shift(), u;
    if (!t) { return show(box, 0); }
    u = cur = new SpeechSynthesisUtterance(t); u.lang = D.documentElement.lang; u.voice = voice;
    u.onend = u.onerror = function () { if (u === cur) { next(); } };
    ss.speak(u);
  }
  D.addEventListener("click", function (ev) {
    var b = ev.target.closest(".listen button"), p = b && b.parentNode;
    var sel = "h1,h2,h3,h4,p,li,dt,dd,th,td,figcaption";
    if (!b) { return; }
    if (b !== p.children[0]) { return stop(); }
    if (st === 1) { ss.pause(); show(p, 2); } else if (st === 2) { ss.resume(); show(p, 1); } else {
      ss.cancel(); ss.resume();
      p.closest("section").querySelectorAll(sel).forEach(function (el) {
        if (el.closest(".listen,.meta,.module-name,[hidden]") || el.parentNode.closest(sel)) { return; }
        el.textContent.replace(/\s+/g, " ").trim().split(/(?<=[.!?؟;])\s/).forEach(function (s) {
          q = q.concat(s.match(/.{1,200}(\s|$)|\S+/g) || []);
        });
      });
      show(p, 1); next();
    }
  });
  D.addEventListener("sbfa:go", function () { stop(); pick(); });
  window.addEventListener("pagehide", stop);
  ss.onvoiceschanged = pick;
  pick();
})();
