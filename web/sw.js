// The app's service worker: keeps the app's files so that a second visit
// works offline. It caches nothing but the app itself, and the user's data
// never passes through it (files are read from disk by the page).
//
// scripts/finish-dist.mjs fills in the two placeholders at build time: the
// build's content hash (Trunk never hashes worker files, so the cache is
// versioned here) and the list of the build's files.
const VERSION = "__BUILD_VERSION__";
const FILES = ["__BUILD_FILES__"];
const CACHE = `store-uptime-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("store-uptime-") && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Cache first: a build's files never change under the same version, and a
// new build comes with a new service worker (its version differs).
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((hit) => hit || fetch(request)),
  );
});
