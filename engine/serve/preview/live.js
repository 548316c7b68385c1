// rapportbok serve: live preview. Replaces the page in place when its notebook changes,
// keeping the scroll position. Only served pages carry this; built sites never do.
(function () {
  "use strict";
  function currentPage() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") { p += "index.html"; }
    return p;
  }
  function openLine() {
    var m = /^#rad-(\d+)$/.exec(location.hash);
    if (!m) { return; }
    var line = document.getElementById("rad-" + m[1]);
    var source = document.getElementById("kallkod");
    if (line && source) { source.open = true; line.scrollIntoView({ block: "center" }); }
  }
  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector(".layout");
    var old = document.querySelector(".layout");
    if (!fresh || !old) { return; }
    var x = window.scrollX, y = window.scrollY;
    var wasOpen = document.getElementById("kallkod");
    wasOpen = wasOpen && wasOpen.open;
    old.replaceWith(document.adoptNode(fresh));
    var source = document.getElementById("kallkod");
    if (source && wasOpen) { source.open = true; }
    document.title = doc.title;
    window.scrollTo(x, y);
    document.dispatchEvent(new CustomEvent("rapportbok:uppdaterad"));
  }
  var script = document.currentScript;
  var events = new EventSource((script && script.getAttribute("data-events")) || "/_rapportbok/handelser");
  events.addEventListener("open", function () { document.documentElement.setAttribute("data-live", "1"); });
  events.addEventListener("sida", function (ev) {
    var first = ev.data.indexOf("\n");
    var second = ev.data.indexOf("\n", first + 1);
    if (first < 0 || second < 0) { return; }
    var page = ev.data.slice(0, first);
    if (page === "*" || page === currentPage()) { swap(ev.data.slice(second + 1)); }
  });
  window.addEventListener("hashchange", openLine);
  openLine();
})();
