/* One more frame between the LMS page and the SCO: nest.html?d=N&launch=URL nests N frames (RTE-1). */
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var q = new URLSearchParams(window.location.search), d = parseInt(q.get("d") || "0", 10);
  var launch = q.get("launch");
  document.getElementById("inner").src = d > 1 ? "nest.html?d=" + (d - 1) + "&launch=" + encodeURIComponent(launch)
    : launch;
});
