// rapportbok search: stems the query with the index's own rules and lists matching sections.
(function () {
  "use strict";
  var data = window.RAPPORTBOK_SOK;
  var form = document.getElementById("sok-form");
  var input = document.getElementById("sok-fraga");
  var status = document.getElementById("sok-status");
  var list = document.getElementById("sok-traffar");
  if (!data || !form) {
    if (status) status.textContent = "Sökindexet kunde inte läsas in.";
    return;
  }
  form.hidden = false;
  var WORD = /[\p{L}\p{N}]+/gu;

  function stem(word) {
    var w = word.toLowerCase();
    for (var round = 0; round < 3; round++) {
      var len = Array.from(w).length;
      var cut = null;
      for (var i = 0; i < data.suffix.length; i++) {
        var s = data.suffix[i];
        if (w.endsWith(s) && len - s.length >= data.minStem) { cut = s; break; }
      }
      if (!cut) break;
      w = w.slice(0, w.length - cut.length);
    }
    return w;
  }

  // For the tests: the browser's stems must be the index's (engine/search/stem.rs).
  window.rapportbokStem = stem;

  function words(text) {
    return text.normalize("NFC").match(WORD) || [];
  }

  var sections = data.sections.map(function (s, order) {
    return { s: s, order: order, stems: s.s.normalize("NFC").split(" "), head: words(s.h).map(stem) };
  });

  // A query word matches a stem exactly, or as the beginning of a longer word.
  function match(stems, term) {
    if (stems.indexOf(term) >= 0) return 2;
    for (var i = 0; i < stems.length; i++) if (stems[i].startsWith(term)) return 1;
    return 0;
  }

  function search(query) {
    var terms = [];
    words(query).forEach(function (w) {
      var t = stem(w);
      if (terms.indexOf(t) < 0) terms.push(t);
    });
    if (!terms.length) return { terms: terms, hits: [] };
    var hits = [];
    sections.forEach(function (sec) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var m = match(sec.stems, terms[i]);
        if (!m) return;
        score += m + (match(sec.head, terms[i]) ? 3 : 0);
      }
      hits.push({ sec: sec, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.sec.order - b.sec.order; });
    return { terms: terms, hits: hits };
  }

  // About 200 characters around the first matching word, the matching words marked.
  function snippet(text, terms) {
    var found = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var st = stem(m[0]);
      for (var i = 0; i < terms.length; i++) {
        if (st === terms[i] || st.startsWith(terms[i])) { found.push([m.index, m.index + m[0].length]); break; }
      }
    }
    var from = 0, to = Math.min(text.length, 200);
    if (found.length) {
      from = Math.max(0, found[0][0] - 60);
      if (from > 0) { var sp = text.indexOf(" ", from); if (sp >= 0 && sp < found[0][0]) from = sp + 1; }
      to = Math.min(text.length, from + 200);
      if (to < text.length) { var sp2 = text.lastIndexOf(" ", to); if (sp2 > found[0][1]) to = sp2; }
    }
    var p = document.createElement("p");
    p.className = "search-snippet";
    if (from > 0) p.appendChild(document.createTextNode("… "));
    var at = from;
    found.forEach(function (f) {
      if (f[0] < at || f[1] > to) return;
      p.appendChild(document.createTextNode(text.slice(at, f[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(f[0], f[1]);
      p.appendChild(mark);
      at = f[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, to)));
    if (to < text.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function show(query) {
    list.textContent = "";
    var q = query.trim();
    if (!q) { status.textContent = ""; return; }
    var result = search(q);
    var n = result.hits.length;
    status.textContent = n === 0 ? "Inga träffar för ”" + q + "”."
      : (n === 1 ? "1 träff" : n + " träffar") + " för ”" + q + "”.";
    result.hits.slice(0, 50).forEach(function (hit) {
      var s = hit.sec.s;
      var li = document.createElement("li");
      var title = document.createElement("p");
      title.className = "search-page";
      title.textContent = s.t;
      var a = document.createElement("a");
      a.href = s.p + (s.a ? "#" + s.a : "");
      a.textContent = s.h && s.h !== s.t ? s.h : s.t;
      var h = document.createElement("h2");
      h.className = "search-hit";
      h.appendChild(a);
      li.appendChild(h);
      li.appendChild(title);
      li.appendChild(snippet(s.x, result.terms));
      list.appendChild(li);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(input.value);
    try {
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    } catch (err) { /* file:// pages may refuse; the results are shown anyway */ }
  });
  // The live preview swaps a changed page in place, which would leave this script's form
  // behind: load the search page again instead.
  document.addEventListener("rapportbok:uppdaterad", function () { location.reload(); });
  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  show(initial);
})();
