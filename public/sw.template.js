// Gongkai's service worker: the whole app works offline once it has been opened.
//
// This is a template. `cargo xtask build` (and `cargo xtask precache --dist DIR`) writes the
// real `sw.js` next to index.html, replacing the two placeholders below with a cache name
// derived from the bytes of every file in the build and the list of those files. Any change to
// any file therefore gives a new `sw.js`, which is how the browser learns there is an update.
//
// - install: download every file of the build into a new cache (never an error response; if
//   one file fails, the install fails and the current version stays in charge).
// - waiting: a new version waits until the page asks for it (the "new version available —
//   reload" prompt posts SKIP_WAITING), so an open page never mixes files of two builds.
// - activate: delete the caches of older builds, take control of open pages.
// - fetch: files of the build from the cache; any navigation inside the app (a deep link such
//   as /qa/some-id) answered with the cached app shell; config.json and the feed from the
//   network first, because deployers and publishers replace them without rebuilding.
'use strict';

const CACHE = '__GONGKAI_CACHE_NAME__';
const PRECACHE = /*__GONGKAI_PRECACHE__*/[];

// Only caches this worker made are ever deleted (the page keeps its last good feeds in another).
const PREFIX = 'gongkai-precache-';
// Served `no-cache` by nginx too: see deploy/nginx/gongkai-locations.conf.
const NETWORK_FIRST = /^(config\.json|feed\/[^/]+\.json)$/;
// Build outputs whose names carry a content hash: the same name always means the same bytes, so
// an update copies them from the previous cache instead of downloading them again.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;
// A network answer slower than this is not worth waiting for when a copy is at hand.
const NETWORK_TIMEOUT_MS = 8000;

const SCOPE = new URL(self.registration.scope);
const PRECACHED = new Set(PRECACHE);
const absolute = (rel) => new URL(rel, SCOPE).href;

/** The path of `url` relative to the app's base, or null outside the app (other origins). */
function relativePath(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  return url.pathname.slice(SCOPE.pathname.length);
}

/** A response safe to store and to answer a navigation with (no redirect flag). */
async function storable(res) {
  if (!res.redirected) return res;
  return new Response(await res.blob(), { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function download(rel) {
  if (HASHED.test(rel)) {
    const previous = await caches.match(absolute(rel));
    if (previous) return previous;
  }
  // Unhashed files (index.html, the feed, media) are revalidated with the server: a stale copy
  // in the HTTP cache must not end up in the new build's cache, but a current one (the feed the
  // page has just downloaded) is confirmed with a 304 instead of being downloaded again.
  const res = await fetch(absolute(rel), { cache: HASHED.test(rel) ? 'default' : 'no-cache' });
  if (res.status !== 200) throw new Error(`${rel}: HTTP ${res.status}`);
  return storable(res);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        await Promise.all(PRECACHE.map(async (rel) => cache.put(absolute(rel), await download(rel))));
      } catch (err) {
        // Leave nothing half-filled behind; the next visit tries again.
        await caches.delete(CACHE);
        throw err;
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

async function cacheFirst(request, rel) {
  const cache = await caches.open(CACHE);
  return (await cache.match(absolute(rel))) || fetch(request);
}

async function networkFirst(request, rel) {
  const cache = await caches.open(CACHE);
  let res;
  try {
    res = await Promise.race([fetch(request), timeout(NETWORK_TIMEOUT_MS)]);
  } catch (err) {
    const copy = await cache.match(absolute(rel));
    if (copy) return copy;
    throw err;
  }
  // 304 answers the page's own conditional request: it already holds the content.
  if (res.status === 304) return res;
  if (res.status === 200) {
    // The deployer's current configuration is what the app should use offline too. (Feeds are
    // validated and kept by the page itself, never stored unchecked here.)
    if (rel === 'config.json') await cache.put(absolute(rel), res.clone());
    return res;
  }
  return (await cache.match(absolute(rel))) || res;
}

async function appShell(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(absolute('index.html'))) || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const rel = relativePath(new URL(request.url));
  // Remote feeds and anything outside the app go to the network untouched.
  if (rel === null) return;
  if (NETWORK_FIRST.test(rel)) event.respondWith(networkFirst(request, rel));
  else if (PRECACHED.has(rel)) event.respondWith(cacheFirst(request, rel));
  else if (request.mode === 'navigate') event.respondWith(appShell(request));
});
