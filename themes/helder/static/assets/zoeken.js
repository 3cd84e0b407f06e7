/* The search page of a site (zoeken/): finds pages in the index the build
   wrote (search-index.js sets window.helderZoekIndex, or, on a private
   site, window.helderZoekIndexSealed), without a server, also
   from a USB stick. The query is stemmed like the build stemmed the pages
   (stam.js), so "gesprekken" finds "gesprek". Written by hand: a library
   such as elasticlunr would weigh more than the whole page. */
(function () {
  "use strict";
  function start(index) {
    var form = document.querySelector("form.search");
    var field = document.getElementById("zoekterm");
    var status = document.getElementById("zoekstatus");
    var list = document.getElementById("zoekresultaten");
    if (!index || !form || !field || !status || !list) return;

    var lang = status.getAttribute("data-stem-lang") || index.lang || "nl";
    var root = list.getAttribute("data-root") || "";
    var stem = window.helderStam || function (w) { return w; };
    // Kept in step with DUTCH_STOP_WORDS in src/output/search.rs.
    var STOP = " aan al als bij dan dat de die dit door een en er het hij hun ik in is je maar met naar niet nog of om ook op over te u uit uw van voor wat we wel wij ze zij zijn ";
    // Title words count most, then headings, then the text.
    var WEIGHTS = [8, 3, 1];

    // term -> [page, weight, page, weight, ...]
    var postings = new Map();
    index.pages.forEach(function (page, p) {
      page.k.forEach(function (group, g) {
        if (!group) return;
        group.split(" ").forEach(function (term) {
          var list = postings.get(term);
          if (!list) postings.set(term, (list = []));
          list.push(p, WEIGHTS[g]);
        });
      });
    });
    var terms = Array.from(postings.keys());

    // The forms of one query word to look up: as typed, stemmed in the
    // site's language, and stemmed as Dutch (an untranslated page is Dutch).
    function forms(word) {
      var out = [word];
      [stem(word, lang), stem(word, "nl")].forEach(function (s) {
        if (out.indexOf(s) < 0) out.push(s);
      });
      return out;
    }

    function scores(word) {
      var found = new Map();
      var wanted = forms(word);
      function add(term, factor) {
        var l = postings.get(term);
        for (var i = 0; i < l.length; i += 2) {
          found.set(l[i], (found.get(l[i]) || 0) + l[i + 1] * factor);
        }
      }
      wanted.forEach(function (w) { if (postings.has(w)) add(w, 3); });
      // Part of a word: the start while typing ("gespr"), or the end of a
      // Dutch compound ("oudergesprek" holds "gesprek").
      terms.forEach(function (t) {
        if (wanted.indexOf(t) >= 0) return;
        for (var i = 0; i < wanted.length; i++) {
          var w = wanted[i];
          if ((w.length >= 3 && t.indexOf(w) === 0) || (w.length >= 4 && t.slice(-w.length) === w)) {
            add(t, 1);
            return;
          }
        }
      });
      return found;
    }

    function search(query) {
      // Split as the build splits (Rust's is_alphanumeric: Alphabetic holds
      // Arabic vowel marks), then lower-case each word, as the build does:
      // "İ" lower-cases to two characters.
      var words = query.split(/[^\p{Alphabetic}\p{N}]+/u).map(function (w) {
        return w.toLowerCase();
      }).filter(function (w) {
        return w && STOP.indexOf(" " + w + " ") < 0;
      });
      if (!words.length) return [];
      // Every word must match; a page's score is the sum over the words.
      var total = null;
      words.forEach(function (w) {
        var s = scores(w);
        if (total === null) { total = s; return; }
        var both = new Map();
        total.forEach(function (v, p) { if (s.has(p)) both.set(p, v + s.get(p)); });
        total = both;
      });
      return Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    }

    function say(template, query, n) {
      return template.replace("{q}", query).replace("{n}", String(n));
    }

    function show(query) {
      list.textContent = "";
      query = query.trim();
      if (!query) { status.textContent = ""; return; }
      var hits = search(query);
      status.textContent = hits.length
        ? say(status.getAttribute("data-found"), query, hits.length)
        : say(status.getAttribute("data-none"), query, 0);
      hits.slice(0, 50).forEach(function (hit) {
        var page = index.pages[hit[0]];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + page.u;
        link.textContent = page.t;
        item.appendChild(link);
        if (page.s) {
          var snippet = document.createElement("p");
          snippet.textContent = page.s;
          item.appendChild(snippet);
        }
        list.appendChild(item);
      });
    }

    var params = new URLSearchParams(window.location.search);
    var first = params.get("q") || "";
    field.value = first;
    show(first);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(field.value);
      // Keep the query in the address, so Back and bookmarks work.
      var url = new URL(window.location.href);
      url.searchParams.set("q", field.value);
      try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
    });
  }

  if (window.helderZoekIndex) {
    start(window.helderZoekIndex);
    return;
  }
  // A private site's index is encrypted (spec §6): opened with the key
  // slot.js remembered when the reader typed the code.
  var sealed = window.helderZoekIndexSealed;
  var site = document.documentElement.getAttribute("data-helder-site");
  if (sealed && site && window.HelderSlot) {
    window.HelderSlot.openSealedText(site, sealed)
      .then(function (text) { start(JSON.parse(text)); })
      .catch(function () { /* locked: the list of all pages stays */ });
  }
})();
