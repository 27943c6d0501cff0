// Shared by the browser tests: a plain static server for the release build, mounted under a
// sub-path with no rewrite rules (as a company intranet would host it), and a fresh headless
// Chromium profile per test.

import { createServer } from "node:http";
import { readFile, mkdtemp, mkdir, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, extname, normalize } from "node:path";
import { chromium } from "playwright-core";

export const BASE_PATH = "/training/vigil/";
export const DIST = process.env.VIGIL_DIST ?? new URL("../../dist", import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves dist/ (or the folder `dist()` names at each request: a test can switch builds) at
 * BASE_PATH on 127.0.0.1, a directory's index.html and nothing else.
 * `config` (text) is served as vigil.config.json beside index.html, as an organisation would
 * place it (as `configType`); `headers` are added to every response (e.g. a
 * Content-Security-Policy). `base` is the sub-path (BASE_PATH by default). `fallback`: the host
 * answers every address it has no file for with index.html, status 200, as hosts set up for
 * single-page apps do. `types` overrides content types by extension (a host that does not know
 * `.wasm`).
 */
export async function startServer({ config, configType = "application/json", headers = {}, extraFiles = {}, handlers = {}, proxy, dist = () => DIST, compress = false, base = BASE_PATH, fallback = false, types = {} } = {}) {
  const typeOf = (file) => types[extname(file)] ?? TYPES[extname(file)] ?? "application/octet-stream";
  const page = async (res) => res.writeHead(200, { "content-type": TYPES[".html"] }).end(await readFile(join(dist(), "index.html")));
  // `down`: the network is off for this site: every connection is cut without an answer.
  let down = false;
  const server = createServer(async (req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const route = handlers[new URL(req.url, "http://x").pathname];
    if (route) {
      route(req, res);
      return;
    }
    // `proxy`: { prefix, target, fail() }: forwards the path under prefix to target (an LRS
    // on this site's origin, as a deployment would), unless fail() says the link is down.
    if (proxy && req.url.startsWith(proxy.prefix)) {
      if (proxy.fail?.()) {
        res.writeHead(503).end("offline");
        return;
      }
      const target = new URL(req.url.slice(proxy.prefix.length), proxy.target);
      const { request } = await import("node:http");
      const forward = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forward);
      return;
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (config !== undefined && path === `${base}vigil.config.json`) {
      // A function receives the server's port, for configurations that name this origin.
      const text = typeof config === "function" ? config(server.address().port) : config;
      res.writeHead(200, { "content-type": configType }).end(text);
      return;
    }
    if (extraFiles[path] !== undefined) {
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "text/plain" }).end(extraFiles[path]);
      return;
    }
    if (!path.startsWith(base)) {
      if (fallback) await page(res);
      else res.writeHead(404).end("not found");
      return;
    }
    let file = normalize(path.slice(base.length));
    if (file.startsWith("..")) {
      res.writeHead(403).end();
      return;
    }
    if (file === "." || file.endsWith("/")) file = join(file, "index.html");
    try {
      const body = await readFile(join(dist(), file));
      const head = { "content-type": typeOf(file) };
      // `compress`: as a production host serves the files (the bench's Lighthouse runs): brotli,
      // and the caching the README's Hosting section gives.
      if (compress) {
        head["cache-control"] = cacheControl(file);
        if (/\bbr\b/.test(req.headers["accept-encoding"] ?? "")) {
          head["content-encoding"] = "br";
          res.writeHead(200, head).end(await brotli(file, body));
          return;
        }
      }
      res.writeHead(200, head);
      res.end(body);
    } catch {
      if (fallback) await page(res);
      else res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: origin + base,
    origin,
    setDown(value) {
      down = value;
      if (down) server.closeAllConnections();
    },
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(r);
    }),
  };
}

const compressed = new Map();

async function brotli(file, body) {
  if (!compressed.has(file)) {
    const { brotliCompressSync, constants } = await import("node:zlib");
    compressed.set(file, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  return compressed.get(file);
}

/**
 * How long a host may keep a file: those whose name carries a hash of their content (the app,
 * its stylesheet, each module's content) for a year; the rest (index.html, the lessons index,
 * the configuration) must be revalidated.
 */
export function cacheControl(file) {
  return /[.-][0-9a-f]{10,16}(_bg)?\.(wasm|js|css|json)$/.test(file) ? "public, max-age=31536000, immutable" : "no-cache";
}

/**
 * A fresh Chromium profile. `blockStorage` sets the profile's content setting that blocks
 * site data, under which the browser refuses localStorage (as a locked-down school PC may).
 */
export async function launch({ blockStorage = false, fontSize, locale, viewport = { width: 1024, height: 800 } } = {}) {
  const profile = await mkdtemp(join(tmpdir(), "vigil-e2e-"));
  // `fontSize`: the browser's own text size setting, in px (16 by default), as a learner who
  // needs larger text sets it.
  const preferences = {
    ...(blockStorage ? { profile: { default_content_setting_values: { cookies: 2 } } } : {}),
    ...(fontSize ? { webkit: { webprefs: { default_font_size: fontSize } } } : {}),
  };
  if (Object.keys(preferences).length > 0) {
    await mkdir(join(profile, "Default"), { recursive: true });
    await writeFile(join(profile, "Default", "Preferences"), JSON.stringify(preferences));
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    // `locale`: the browser's language (navigator.languages, Accept-Language), as a learner's
    // phone or PC is set.
    ...(locale ? { locale } : {}),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  const errors = [];
  context.on("weberror", (e) => errors.push(String(e.error())));
  return {
    context,
    errors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Fixes the app's randomness in every page and frame of `context`: `Math.random`, which seeds
 * the orders an attempt draws (a quiz's statements, each question's choices), returns
 * (k x the golden ratio) mod 1 at its k-th call of a page load. Every run then draws the same
 * orders, and a restart in the same page load still draws new ones.
 */
export async function fixRandom(context) {
  await context.addInitScript(() => {
    let k = 0;
    Math.random = () => (++k * 0.6180339887498949) % 1;
  });
}

/**
 * Waits until `predicate`, run in the page, gives a truthy value, and returns it. Unlike
 * Playwright's waitForFunction, which takes the promise an async predicate returns for a truthy
 * value and so never waits, this awaits it: use it for whatever the page can only answer
 * asynchronously (service workers, caches). A navigation under way is waited through.
 */
export async function until(page, predicate, arg, { timeout = 20_000, polling = 200, what = "the page's condition" } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(predicate, arg).catch((error) => {
      if (/context was destroyed|navigat/i.test(String(error))) return undefined;
      throw error;
    });
    if (value) return value;
    if (Date.now() > end) throw new Error(`waited ${timeout} ms for ${what}`);
    await new Promise((r) => setTimeout(r, polling));
  }
}

/** Opens the app and waits until it has rendered (the header's language menu is there). */
export async function open(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.getByRole("combobox", { name: /Language|Langue|Taal|Sprache/ }).waitFor();
  return page;
}

/** The current step's heading (the step's title, level 2). */
export function stepHeading(page) {
  return page.locator("article.step h2");
}

/**
 * The compiled course of a language, as the app downloads it: the index
 * (`lessons/index.<lang>.json`), then each module's content file, which it names.
 */
/**
 * English lesson text as the app shows it with the default configuration (Belgium): the country
 * facts a lesson names by placeholder filled in (core::reporting).
 */
export function belgian(text) {
  if (typeof text !== "string") return text;
  return text
    .replaceAll("{police-emergency}", "101")
    .replaceAll("{emergency}", "112")
    .replaceAll("{police}", "101")
    .replaceAll("{child-helpline}", "Child Focus (116 000)")
    .replaceAll("{report-abroad}", "I say STOP (isaystop.com)");
}

export async function course(lang = "en") {
  const read = async (file) => JSON.parse(await readFile(join(DIST, "lessons", file), "utf8"));
  const index = await read(`index.${lang}.json`);
  const modules = await Promise.all(index.modules.map((entry) => read(entry.file)));
  return { lang, index, modules };
}

/** Fails if any control on the page lacks an accessible name, per Chromium's own ARIA tree. */
export async function assertEveryControlNamed(page, assert) {
  const tree = await page.locator("body").ariaSnapshot();
  const unnamed = tree
    .split("\n")
    .filter((line) => /^\s*- (button|link|radio|combobox|checkbox|textbox|progressbar)(\s*\[[^\]]*\])*\s*:?\s*$/.test(line));
  assert.deepEqual(unnamed, [], `controls without an accessible name:\n${tree}`);
}

/** The id of the step on screen. */
export async function currentStepId(page) {
  return page.locator("article.step").getAttribute("data-step");
}

/**
 * Answers the step on screen with the mouse (the first option, or `pick` by label) and moves on.
 * Returns false on the ending.
 */
export async function stepByMouse(page, pick) {
  await page.locator("article.step").waitFor();
  if (await page.getByRole("button", { name: /Restart module|Recommencer|opnieuw/ }).isVisible()) return false;
  const radios = page.getByRole("radio");
  if ((await radios.count()) > 0) {
    const choice = pick ? page.getByRole("radio", { name: pick }) : radios.first();
    await choice.click();
    await page.getByRole("button", { name: /^(Confirm answer|Valider la réponse|Antwoord bevestigen)$/ }).click();
    await page.locator(".feedback").waitFor();
  }
  const before = await currentStepId(page);
  await page.getByRole("button", { name: /^(Continue|Continuer|Verder)$/ }).click();
  await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step !== id, before);
  return true;
}

/** Presses Tab until the focused element satisfies `test` (run in the page), at most 40 times. */
export async function tabTo(page, test, arg) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(test, arg)) return;
  }
  throw new Error(`Tab never reached the control (${test})`);
}

/**
 * A real learning record store: ralph (PyPI ralph-malph) on 127.0.0.1, with one user
 * (vigil / secret) and a file backend in a fresh folder. `statements()` reads back what it stored.
 */
export async function startLrs() {
  const { spawn, execFileSync } = await import("node:child_process");
  const { createServer: netServer } = await import("node:net");
  const ralph = process.env.VIGIL_RALPH ?? new URL("../../.tools/ralph/bin/ralph", import.meta.url).pathname;
  const python = join(ralph, "..", "python");
  const home = await mkdtemp(join(tmpdir(), "vigil-lrs-"));
  await mkdir(join(home, "app"), { recursive: true });
  const hash = execFileSync(python, ["-c", "import bcrypt; print(bcrypt.hashpw(b'secret', bcrypt.gensalt()).decode())"]).toString().trim();
  await writeFile(
    join(home, "app", "auth.json"),
    JSON.stringify([{ username: "vigil", hash, scopes: ["all"], agent: { mbox: "mailto:lrs@vigil.example" } }]),
  );
  const port = await new Promise((resolve) => {
    const probe = netServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const script = new URL("./lrs.py", import.meta.url).pathname;
  const child = spawn(python, [script, String(port)], {
    env: {
      ...process.env,
      RALPH_APP_DIR: join(home, "app"),
      RALPH_RUNSERVER_BACKEND: "fs",
      RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH: join(home, "data"),
    },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}/xAPI/`;
  const auth = `Basic ${Buffer.from("vigil:secret").toString("base64")}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${url}statements`, { headers: { Authorization: auth, "X-Experience-API-Version": "1.0.3" } });
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error("the LRS did not start");
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    token: Buffer.from("vigil:secret").toString("base64"),
    async statements() {
      const r = await fetch(`${url}statements?limit=500`, { headers: { Authorization: auth, "X-Experience-API-Version": "1.0.3" } });
      return (await r.json()).statements;
    },
    async stop() {
      child.kill();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** The status line of a module's card on the home page, found by the start of its title. */
export function moduleStatus(page, title = /^Front desk/) {
  return page.locator("li.module-card", { has: page.getByRole("heading", { name: title }) }).locator(".status");
}

const AXE = await readFile(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/**
 * Runs axe-core (every rule it enables by default: WCAG 2.0 to 2.2 A and AA, and its best
 * practices) on the page and every frame in it. Returns one line per violation, naming the
 * screen, the rule, its impact and the elements.
 */
export async function axeViolations(page, screen) {
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => typeof window.axe !== "undefined").catch(() => true))) {
      await frame.addScriptTag({ content: AXE });
    }
  }
  const violations = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))));
  return violations.map((v) => `${screen}: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.join(", ")}`);
}
