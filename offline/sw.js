// Vigil's service worker: the app and the lessons of the learner's language keep working with
// the network off after one visit. `cargo xtask build` writes it into dist/ from this file
// (xtask/src/offline.rs), filling in the build's version and its files, so every build is a
// new worker and the browser installs it beside the old one.
//
// It caches only Vigil's own files: requests within its scope (the folder it is served from),
// to the paths the build lists or the app fetches (lessons, vigil.config.json, a logo); anything
// else, such as an LRS on the same site, passes by untouched.
//
// Updates: a new worker installs in the background (the new build's files into a cache of its
// own) and waits; the browser makes it active once no page uses the old one, so a new build is
// picked up on the next visit, never in the middle of one. The learner's progress is in
// localStorage, which no update touches.
"use strict";

const VERSION = "__VIGIL_VERSION__";
/** The app's own files in this build, relative to the worker ("index.html" is the page). */
const SHELL = __VIGIL_SHELL__;
/** The lesson files of this build, by language code. */
const LESSONS = __VIGIL_LESSONS__;

// The worker's folder is its scope. Cache names carry it, so that two copies of Vigil on one
// site never share or delete each other's files.
const SCOPE = new URL("./", self.location.href).href;
const SHELL_CACHE = `vigil-shell-${VERSION} ${SCOPE}`;
const DATA_CACHE = `vigil-data ${SCOPE}`;
const PAGE = new URL("index.html", SCOPE).href;

/** A lesson file named by its content hash (`lessons/<module>.<lang>.<hash>.json`) never changes. */
const immutable = (path) => /\.[0-9a-f]{8,}\.json$/.test(path);

/** The language of a lesson file: the name's part that is one of this build's languages. */
const languageOf = (path) => path.replace(/^.*\//, "").split(".").find((part) => part in LESSONS);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // `reload`: straight from the server, never from the browser's HTTP cache.
      await cache.addAll(SHELL.map((file) => new Request(new URL(file, SCOPE), { cache: "reload" })));
      // The languages this learner already has offline get this build's lessons too, so that an
      // update never leaves them without lessons.
      const data = await caches.open(DATA_CACHE);
      const langs = new Set((await data.keys()).map((r) => languageOf(new URL(r.url).pathname)));
      await Promise.all([...langs].filter(Boolean).map((lang) => storeLessons(lang, true)));
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Older builds' files of this scope go; the lesson files this build does not name too.
      await dropOlderBuilds();
      const data = await caches.open(DATA_CACHE);
      const named = new Set(Object.values(LESSONS).flat().map((file) => new URL(file, SCOPE).href));
      for (const request of await data.keys()) {
        if (request.url.startsWith(`${SCOPE}lessons/`) && !named.has(request.url)) await data.delete(request);
      }
      // The page that installed the first worker is served by it from now on, not only after
      // a reload: its later requests (another language, the logo) are cached too.
      await self.clients.claim();
    })(),
  );
});

/**
 * Deletes the shell caches of older builds of this scope. Run on activation, and again on each
 * page this worker serves: an older worker still finishing a request when this one activated
 * can leave its cache behind, and nothing else would ever remove it.
 */
async function dropOlderBuilds() {
  for (const name of await caches.keys()) {
    if (name.startsWith("vigil-shell-") && name.endsWith(` ${SCOPE}`) && name !== SHELL_CACHE) {
      await caches.delete(name);
    }
  }
}

self.addEventListener("message", (event) => {
  const message = event.data ?? {};
  if (message.type === "vigil:lessons" && LESSONS[message.lang]) {
    event.waitUntil(Promise.all([storeLessons(message.lang, false), storeConfig()]));
  } else if (message.type === "vigil:forget") {
    event.waitUntil(forget());
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  const path = url.href.slice(SCOPE.length).replace(/[?#].*$/, "");
  if (request.mode === "navigate") {
    // The one page, whatever its query (?module=…&step=…).
    if (path === "" || path === "index.html") {
      event.respondWith(cacheFirst(SHELL_CACHE, PAGE));
      event.waitUntil(dropOlderBuilds());
    }
  } else if (path === "manifest.webmanifest") {
    event.respondWith(manifest());
  } else if (SHELL.includes(path)) {
    event.respondWith(cacheFirst(SHELL_CACHE, url.href));
  } else if ((path.startsWith("lessons/") || path.startsWith("locales/")) && path.endsWith(".json")) {
    // An index of lessons, and a language's interface text, may change without a new app: they
    // are revalidated. A file named by its hash is stored once.
    event.respondWith(immutable(path) ? cacheFirst(DATA_CACHE, url.href) : networkFirst(request, url.href));
  } else if (path === "vigil.config.json") {
    event.respondWith(networkFirst(request, url.href));
  } else if (/\.(svg|png|jpe?g|gif|webp)$/i.test(path) && !request.headers.has("authorization")) {
    // The organisation's logo beside index.html.
    event.respondWith(networkFirst(request, url.href));
  }
});

async function cacheFirst(cacheName, key) {
  const cached = await caches.match(key, { cacheName });
  if (cached) return cached;
  const response = await fetch(key);
  // A cache that is gone belonged to a build a newer worker has replaced (this worker may still
  // answer a page it served before): opening it would bring the old build's files back.
  if (response.ok && (await caches.has(cacheName))) {
    await (await caches.open(cacheName)).put(key, response.clone());
  }
  return response;
}

/** The network's answer, kept for when there is none; a file that is gone is forgotten. */
async function networkFirst(request, key) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    else if (response.status === 404) await cache.delete(key);
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

/**
 * Makes sure every lesson file of a language is cached (the app says which language). `refresh`
 * fetches again the files that may change (an index), as a new build does on installing.
 */
async function storeLessons(lang, refresh) {
  const cache = await caches.open(DATA_CACHE);
  await Promise.all(
    LESSONS[lang].map(async (file) => {
      const key = new URL(file, SCOPE).href;
      if ((immutable(file) || !refresh) && (await cache.match(key))) return;
      try {
        const response = await fetch(key, { cache: "no-cache" });
        if (response.ok) await cache.put(key, response);
      } catch {
        // Offline now: the next message, on the next visit, tries again.
      }
    }),
  );
}

/**
 * Keeps the organisation's configuration as the server gives it now. The first visit fetched it
 * before this worker was there, and a visit with the network off without it would run on the
 * defaults: another country's reporting numbers, no branding.
 */
async function storeConfig() {
  const key = new URL("vigil.config.json", SCOPE).href;
  // Offline now: the copy kept stays, and the next visit tries again.
  await networkFirst(new Request(key, { cache: "no-cache" }), key).catch(() => {});
}

/** The web app manifest, named after the organisation when vigil.config.json names one. */
async function manifest() {
  const response = await cacheFirst(SHELL_CACHE, new URL("manifest.webmanifest", SCOPE).href);
  // The configuration as the app gets it: from the network, else as last seen.
  const configUrl = new URL("vigil.config.json", SCOPE).href;
  const config = await networkFirst(new Request(configUrl, { cache: "no-cache" }), configUrl).catch(() => null);
  let organisation;
  try {
    organisation = config?.ok && (await config.json()).organisation;
  } catch {
    // Not JSON: the app names the problem in a notice; the manifest keeps Vigil's own name.
  }
  if (typeof organisation !== "string" || !organisation.trim() || organisation.length > 200) return response;
  const app = await response.json();
  app.name = `${app.name} – ${organisation.trim()}`;
  return new Response(JSON.stringify(app), { headers: { "content-type": "application/manifest+json" } });
}

/** The organisation turned offline use off: this scope's caches go, and so does the worker. */
async function forget() {
  for (const name of await caches.keys()) {
    if (name.endsWith(` ${SCOPE}`) && name.startsWith("vigil-")) await caches.delete(name);
  }
  await self.registration.unregister();
}
