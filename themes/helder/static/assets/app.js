// helder: a parent site as an app (spec §7). Over http(s) it starts the
// site's service worker (sw.js, which keeps opened pages for reading
// offline) and, on the site's home, marks posts the reader has not seen on
// an earlier visit "Nieuw". From disk (file://) and in helder's preview it
// does nothing; without JavaScript the pages are the same minus the marks.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !/^https?:$/.test(location.protocol)) return;
  var preview = document.querySelector('script[src="/_helder/reload.js"]');
  var site = new URL(script.getAttribute("data-site") || "./", location.href).href;

  // After the page has loaded: the worker's first download of the site's
  // files must not slow down the page the parent is looking at.
  window.addEventListener("load", function () {
    // The manifest is linked here, not in the HTML: from disk Chromium would
    // try to load it and report an error.
    var manifest = document.createElement("link");
    manifest.rel = "manifest";
    manifest.href = site + "manifest.webmanifest";
    document.head.appendChild(manifest);

    if ("serviceWorker" in navigator) {
      if (preview) {
        // A worker from an earlier look at a built site on this address
        // would keep old pages under the preview's live ones.
        navigator.serviceWorker.getRegistrations().then(function (all) {
          all.forEach(function (r) { r.unregister(); });
        }).catch(function () {});
      } else {
        navigator.serviceWorker.register(site + "sw.js").catch(function () {});
      }
    }
  });

  var label = script.getAttribute("data-new");
  if (!label || preview) return;
  markNew(label);

  function pageKey(href) {
    var url = new URL(href, location.href);
    url.hash = "";
    url.search = "";
    return url.href.replace(/\/index\.html$/, "/");
  }

  // The posts on the home (newest post and news list) by address. A visit
  // is one sitting: within an hour of the last look the marks stay.
  function markNew(label) {
    var posts = document.querySelectorAll("[data-post]");
    if (!posts.length) return;
    var seenNow = [];
    posts.forEach(function (p) { seenNow.push(pageKey(p.getAttribute("data-post"))); });
    var storeKey = "helder-bezoek:" + site;
    var now = Date.now();
    var visit;
    try {
      visit = JSON.parse(localStorage.getItem(storeKey) || "null");
    } catch (e) {
      visit = null;
    }
    var before;
    if (visit && now - visit.at < 3600 * 1000) {
      before = visit.before;
    } else {
      before = visit ? visit.now : null;
    }
    try {
      localStorage.setItem(storeKey, JSON.stringify({ before: before, now: seenNow, at: now }));
    } catch (e) { /* private mode: no marks, nothing else lost */ }
    if (!before) return;
    posts.forEach(function (p) {
      if (before.indexOf(pageKey(p.getAttribute("data-post"))) !== -1) return;
      var mark = document.createElement("span");
      mark.className = "new-mark";
      mark.textContent = label;
      var place = p.querySelector("h2, a") || p;
      place.insertBefore(mark, place.firstChild);
      place.insertBefore(document.createTextNode(" "), mark.nextSibling);
    });
  }
})();
