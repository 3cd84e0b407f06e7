// Keeps what a parent opened, so the site opens without signal. Network
// first: online the newest page is shown and kept; offline the kept copy.
// HELDER (above) names this build's cache: a new build brings a new worker,
// which removes the old build's copies of this site (other sites' caches on
// the same host have other names and are left alone).

// One key per page: "map/" and "map/index.html" are the same page.
function keyOf(address) {
  var url = new URL(address);
  url.search = "";
  url.hash = "";
  if (url.pathname.slice(-11) === "/index.html") {
    url.pathname = url.pathname.slice(0, -10);
  }
  return url.href;
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(HELDER.cache).then(function (cache) {
      // One missing file must not stop the others being kept.
      return Promise.all(HELDER.start.map(function (file) {
        var address = new URL(file, self.registration.scope).href;
        return fetch(address).then(function (response) {
          if (response.ok) return cache.put(keyOf(address), response);
        }).catch(function () {});
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(HELDER.prefix) === 0 && name !== HELDER.cache;
      }).map(function (old) { return caches.delete(old); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function worthKeeping(request, response) {
  if (!response.ok || response.type !== "basic") return false;
  var type = response.headers.get("content-type") || "";
  // Films are big and streamed in parts: they stay online only.
  return type.indexOf("video/") !== 0 && type.indexOf("audio/") !== 0;
}

function offline(request) {
  if (request.mode !== "navigate") return Response.error();
  return new Response(HELDER.offline.replace("HELDER_HOME", self.registration.scope), {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8" }
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf("/_helder/") === 0) return;
  var key = keyOf(request.url);
  event.respondWith(
    fetch(request).then(function (response) {
      if (worthKeeping(request, response)) {
        var copy = response.clone();
        event.waitUntil(caches.open(HELDER.cache).then(function (cache) {
          return cache.put(key, copy);
        }));
      }
      return response;
    }).catch(function () {
      return caches.open(HELDER.cache).then(function (cache) {
        return cache.match(key);
      }).then(function (kept) {
        return kept || offline(request);
      });
    })
  );
});
