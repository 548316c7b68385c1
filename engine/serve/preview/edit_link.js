// rapportbok serve: the "Redigera" link to the editor, on every preview page (never in built
// sites), except inside the editor's own preview frame.
(function () {
  "use strict";
  if (window.top !== window) { return; }
  var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
  if (p === "" || p.charAt(p.length - 1) === "/") { p += "index.html"; }
  var a = document.createElement("a");
  a.href = "/_rapportbok/redigera/" + encodeURI(p);
  a.className = "edit-link";
  a.textContent = "Redigera";
  var header = document.querySelector(".site-header");
  (header || document.body).appendChild(a);
})();
