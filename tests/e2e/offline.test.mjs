// Offline after the first visit: the service worker keeps the app and the lessons of the
// learner's language; progress made with the network off is there when it comes back. A new
// build is installed in the background and taken on the next visit, with saved progress intact.
// The worker caches only Vigil's own files, and is not registered in an LMS launch or when the
// organisation says "offline": false.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, readdir, rename, writeFile, rm } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, open, stepByMouse, until, DIST, BASE_PATH, course } from "./harness.mjs";

const REPO = new URL("../../", import.meta.url).pathname;

/** Waits until a worker controls the page and has cached these lesson files. */
/** Every lesson file of a language, as the app and its worker name them. */
async function lessonFiles(lang) {
  const { index } = await course(lang);
  return [`lessons/index.${lang}.json`, ...index.modules.map((m) => `lessons/${m.file}`)];
}

async function offlineReady(page, lessons) {
  await until(
    page,
    async (files) => {
      if (!navigator.serviceWorker.controller) return false;
      for (const file of files) {
        if (!(await caches.match(new URL(file, location.href).href))) return false;
      }
      return true;
    },
    lessons,
    { what: "a worker in control with every lesson file cached" },
  );
}

/** Every URL in this origin's caches. */
const cachedUrls = (page) =>
  page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      urls.push(...(await cache.keys()).map((r) => r.url));
    }
    return urls.sort();
  });

const progressPath = (page, module) =>
  page.evaluate((m) => JSON.parse(localStorage.getItem("vigil.progress")).modules[m].path.length, module);

test("after one visit, the app, the learner's lessons and their progress work with the network off", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    // The learner works in French: that language's lessons must be there offline.
    await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
    await page.getByRole("heading", { name: "Quelle est votre fonction ?" }).waitFor();
    await page.getByRole("link", { name: /^Commencer: / }).first().click();
    await page.locator("article.step").waitFor();
    const module = new URL(page.url()).searchParams.get("module");
    await page.getByRole("button", { name: "Continuer" }).click();
    await page.waitForURL(/step=(?!welcome)/);
    assert.equal(await progressPath(page, module), 2);
    await offlineReady(page, await lessonFiles("fr"));

    // Only Vigil's own files, within its folder, are cached: not a file elsewhere on the site,
    // not an LRS under Vigil's folder.
    await page.evaluate(async () => {
      await fetch("/elsewhere/data.json").catch(() => {});
      await fetch("xapi/statements?limit=1").catch(() => {});
    });
    const cached = await cachedUrls(page);
    const own = /^http:\/\/127\.0\.0\.1:\d+\/training\/vigil\/(index\.html|icon\.svg|manifest\.webmanifest|main-[0-9a-f]+\.css|vigil-[0-9a-f]+(_bg\.wasm|\.js)|lessons\/[a-z0-9.-]+\.json|locales\/[A-Za-z-]+\.json)$/;
    assert.deepEqual(cached.filter((url) => !own.test(url)), [], cached.join("\n"));

    // The network goes off: the site answers nothing, and the browser knows it is offline.
    server.setDown(true);
    await browser.context.setOffline(true);
    await page.reload();
    await page.locator("article.step").waitFor();
    assert.match(await page.locator(".step-of").innerText(), /^Étape 2 sur \d+$/);
    const before = await page.locator("article.step").getAttribute("data-step");
    // Answer the step (or read on), offline.
    await page.locator("article.step").waitFor();
    const radios = page.getByRole("radio");
    if ((await radios.count()) > 0) {
      await radios.first().click();
      await page.getByRole("button", { name: "Valider la réponse" }).click();
      await page.locator(".feedback").waitFor();
    }
    await page.getByRole("button", { name: "Continuer" }).click();
    await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step !== id, before);
    assert.equal(await progressPath(page, module), 3, "the step done offline is saved");

    // Back online: a fresh load from the network has everything.
    server.setDown(false);
    await browser.context.setOffline(false);
    await page.goto(server.url);
    await page.getByText(/^En cours\u00a0: étape 3 sur \d+$/).waitFor();
    assert.equal(await progressPath(page, module), 3, "nothing lost");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("the manifest makes Vigil installable, with its icon and the organisation's name", async () => {
  const server = await startServer({ config: JSON.stringify({ organisation: "Hotel Aurora" }) });
  const browser = await launch();
  try {
    let page = await open(browser.context, server.url);
    await page.getByText("Hotel Aurora").waitFor();
    await offlineReady(page, [...(await lessonFiles("en")), "vigil.config.json"]);
    // A new visit, served by the worker, which names the app after the organisation.
    await page.close();
    page = await open(browser.context, server.url);
    const cdp = await browser.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    // Chromium reads the manifest on its own schedule, and may keep for a while the copy it
    // read before the worker was there: ask again, reloading now and then, until it has the
    // one the worker serves (a few seconds at most).
    let manifest;
    for (let tries = 1; tries <= 20; tries++) {
      const { data, errors } = await cdp.send("Page.getAppManifest");
      assert.deepEqual(errors, []);
      manifest = JSON.parse(data);
      if (manifest.name.endsWith("Hotel Aurora")) break;
      if (tries % 5 === 0) await page.reload();
      await page.waitForTimeout(250);
    }
    assert.equal(manifest.name, "Vigil: child-protection training – Hotel Aurora");
    assert.equal(manifest.short_name, "Vigil");
    assert.equal(manifest.start_url, "./");
    assert.deepEqual(browser.errors, []);
    // With the network off, a visit still has the organisation's configuration.
    await browser.context.setOffline(true);
    await page.close();
    page = await open(browser.context, server.url);
    await page.getByText("Hotel Aurora").waitFor();
  } finally {
    await browser.close();
    await server.close();
  }
});

test("no worker in an LMS launch, and none (and no cache) when the organisation turns offline use off", async () => {
  let config = JSON.stringify({});
  const server = await startServer({ config: () => config });
  const browser = await launch();
  try {
    const registered = (page) => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
    // A cmi5 launch (its parameters in the URL): the LMS serves the course; no worker.
    const actor = encodeURIComponent(JSON.stringify({ objectType: "Agent", account: { homePage: "https://lms.example", name: "a1" } }));
    const launchUrl = `${server.url}?endpoint=${encodeURIComponent("http://127.0.0.1:9/xapi/")}&fetch=${encodeURIComponent("http://127.0.0.1:9/token")}&actor=${actor}&registration=r1&activityId=${encodeURIComponent("https://vigil.example/course")}`;
    let page = await open(browser.context, launchUrl);
    await page.getByRole("heading", { name: "What is your role?" }).waitFor();
    await page.waitForTimeout(1500);
    assert.equal(await registered(page), 0, "no worker in an LMS launch");

    // A plain visit, in a tab of its own, registers it. (In the launch's tab, the same address
    // is that launch reloaded, whose platform session has ended: still an LMS launch.)
    await page.close();
    page = await browser.context.newPage();
    await page.goto(server.url);
    await offlineReady(page, await lessonFiles("en"));
    assert.equal(await registered(page), 1);

    // The organisation turns offline use off: the worker deletes its caches and goes.
    config = JSON.stringify({ offline: false });
    await page.reload();
    await until(page, async () => (await navigator.serviceWorker.getRegistrations()).length === 0 && (await caches.keys()).length === 0, null, { what: "the worker and its caches gone" });
    await page.close();
    page = await open(browser.context, server.url);
    await page.waitForTimeout(1500);
    assert.equal(await registered(page), 0, "not registered again");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

/**
 * Build B: a copy of the release build with one lesson changed (the opening module's title in
 * English) and its worker rewritten by the build's own step (`cargo xtask worker DIR`). A lesson
 * file named by its content hash gets a new name, and the files naming it follow.
 */
async function buildWithChangedLesson(title, changed) {
  const dir = await mkdtemp(join(tmpdir(), "vigil-build-b-"));
  await cp(DIST, dir, { recursive: true });
  const lessons = join(dir, "lessons");
  // The learners' files only: the lead page's (lessons/lead/) are not the learner's.
  const files = async () => (await readdir(lessons, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  for (const name of await files()) {
    const text = await readFile(join(lessons, name), "utf8");
    if (!/(^|\.)en\./.test(name) || !text.includes(JSON.stringify(title))) continue;
    await writeFile(join(lessons, name), text.replace(JSON.stringify(title), JSON.stringify(changed)));
    const hashed = name.match(/^(.*\.)([0-9a-f]{8,})(\.json)$/);
    if (hashed) {
      const renamed = `${hashed[1]}${hashed[2].split("").reverse().join("")}${hashed[3]}`;
      await rename(join(lessons, name), join(lessons, renamed));
      for (const other of await files()) {
        const body = await readFile(join(lessons, other), "utf8");
        if (body.includes(name)) await writeFile(join(lessons, other), body.replaceAll(name, renamed));
      }
    }
  }
  execFileSync("cargo", ["xtask", "worker", dir], { cwd: REPO, stdio: "inherit" });
  return dir;
}

const workerVersion = async (dir) => (await readFile(join(dir, "sw.js"), "utf8")).match(/const VERSION = "([0-9a-f]+)"/)[1];

test("a new build is taken on the next visit, never during one, and saved progress survives it", async () => {
  const title = (await course("en")).modules[0].title;
  const buildB = await buildWithChangedLesson(title, `${title} (revised)`);
  const versionA = await workerVersion(DIST);
  const versionB = await workerVersion(buildB);
  assert.notEqual(versionA, versionB, "a changed lesson makes a new worker");
  let current = DIST;
  const server = await startServer({ dist: () => current });
  const browser = await launch();
  try {
    let page = await open(browser.context, server.url);
    await page.getByRole("link", { name: `Start: ${title}` }).click();
    await stepByMouse(page);
    await stepByMouse(page);
    await offlineReady(page, await lessonFiles("en"));
    const shellCaches = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("vigil-shell-")).map((k) => k.split(" ")[0]));
    assert.deepEqual(await shellCaches(), [`vigil-shell-${versionA}`]);

    // Build B is published while the learner is in the module: the browser finds and installs
    // the new worker, which waits; this visit goes on with build A.
    current = buildB;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await until(page, async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting), null, { what: "build B's worker waiting" });
    assert.ok(await stepByMouse(page), "the module goes on");
    assert.match(await page.locator(".step-of").innerText(), /^Step 4 of \d+$/);
    assert.deepEqual((await shellCaches()).sort(), [`vigil-shell-${versionA}`, `vigil-shell-${versionB}`].sort());

    // The visit ends: with no page of Vigil's open, the browser makes build B's worker active
    // (watched from a page of the same site outside Vigil's folder, which no worker serves).
    await page.close();
    const outside = await browser.context.newPage();
    await outside.goto(`${server.origin}/elsewhere`);
    await until(
      outside,
      async (scope) => {
        const registration = await navigator.serviceWorker.getRegistration(scope);
        return !registration.waiting && registration.active?.state === "activated";
      },
      BASE_PATH,
      { what: "build B's worker active" },
    );
    await outside.close();
    // The next visit: build B, its changed lesson, and the learner's progress where it was.
    page = await open(browser.context, server.url);
    await page.getByRole("link", { name: `Resume: ${title} (revised)` }).waitFor();
    await page.getByText(/^In progress: step 4 of \d+$/).waitFor();
    // Build B's worker is active, and once it has finished activating, build A's files are gone.
    await until(
      page,
      async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return !registration.waiting && registration.active?.state === "activated";
      },
      null,
      { what: "build B's worker active for the next visit" },
    );
    await until(page, async (b) => (await caches.keys()).filter((k) => k.startsWith("vigil-shell-")).map((k) => k.split(" ")[0]).join() === b, `vigil-shell-${versionB}`, { timeout: 10_000, what: "only build B's files cached" });
    assert.deepEqual(await shellCaches(), [`vigil-shell-${versionB}`], "build A's files are gone");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
    await rm(buildB, { recursive: true, force: true });
  }
});
