/* Ordering questions, for the quiz engine (quiz.js): moving an item with its Move buttons (the
 * keyboard's way) or dragging it by its grip (a mouse or a finger). The engine records the new
 * order; "This order is my answer" ([data-keep]) is handled there with the other answers. */
(function () {
  "use strict";
  var S = window.SBFA = window.SBFA || {};

  function items(box) { return Array.prototype.slice.call(box.querySelectorAll("li[data-i]")); }

  S.order = {
    /** Moves the item of a Move button one place; says(item, position, count) for the live region. */
    move: function (btn, says) {
      var item = btn.closest("li[data-i]"), box = item.parentNode, dir = +btn.getAttribute("data-move");
      var sib = dir < 0 ? item.previousElementSibling : item.nextElementSibling;
      if (!sib) { return false; }
      box.insertBefore(item, dir < 0 ? sib : sib.nextElementSibling);
      btn.focus();
      var all = items(box);
      says(item, all.indexOf(item) + 1, all.length);
      return true;
    },
    /** A pointerdown on a grip drags its item; done(item) once it is dropped. */
    drag: function (ev, done) {
      var grip = ev.target.closest && ev.target.closest(".grip"), item = grip && grip.closest("li[data-i]");
      if (!item || item.querySelector("button:disabled")) { return; }
      ev.preventDefault();
      var box = item.parentNode;
      item.classList.add("dragging");
      function move(e) {
        var after = items(box).filter(function (n) {
          var r = n.getBoundingClientRect();
          return n !== item && e.clientY > r.top + r.height / 2;
        });
        var ref = after.length ? after[after.length - 1].nextElementSibling : box.firstElementChild;
        if (ref !== item) { box.insertBefore(item, ref); }
      }
      function up() {
        item.classList.remove("dragging");
        document.removeEventListener("pointermove", move);
        document.removeEventListener("pointerup", up);
        document.removeEventListener("pointercancel", up);
        done(item);
      }
      document.addEventListener("pointermove", move);
      document.addEventListener("pointerup", up);
      document.addEventListener("pointercancel", up);
    }
  };
})();
