// The Content-Security-Policy that `cargo xtask build` writes works with trunk's loader, and by
// default the app asks for nothing but its own files.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, open, stepByMouse } from "./harness.mjs";

const DIST = process.env.VIGIL_DIST ?? new URL("../../dist", import.meta.url).pathname;

test("under the shipped Content-Security-Policy the app runs with no violation and no foreign request", async () => {
  const policy = (await readFile(join(DIST, "content-security-policy.txt"), "utf8")).trim();
  // Three inline scripts, each by its hash: the learners' page's loader and lessons preload, and
  // the lead page's loader.
  assert.match(policy, /script-src 'self'(?: 'sha256-[A-Za-z0-9+/]+=*'){3} 'wasm-unsafe-eval';/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\s\*/);
  const server = await startServer({ headers: { "Content-Security-Policy": policy } });
  const browser = await launch();
  try {
    await browser.context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const requests = [];
    browser.context.on("request", (r) => requests.push(r.url()));
    const page = await open(browser.context, server.url);
    await page.getByRole("link", { name: /^Start: Front desk/ }).click();
    await stepByMouse(page);
    await stepByMouse(page);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    // The service worker and the manifest are Vigil's own files: the policy allows them as it
    // is, and the page the worker serves from its cache carries the same policy.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.reload();
    await page.locator("article.step").waitFor();
    assert.equal(await page.evaluate(() => window.__violations.length), 0);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state), "activated");
    const cached = await page.evaluate(async () => (await caches.match("index.html")).headers.get("content-security-policy"));
    assert.equal(cached, policy);
    // The lead page runs under the same policy: a facilitator session and the class summary.
    await page.goto(`${server.url}lead/?module=front-desk-check-in`);
    await page.locator("article.projected").waitFor();
    await page.keyboard.press("a");
    await page.goto(`${server.url}lead/?class`);
    await page.getByRole("heading", { name: "Class summary" }).waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    const foreign = requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith("data:"));
    assert.deepEqual(foreign, [], "only the app's own files are requested");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

const ROOT = new URL("../..", import.meta.url).pathname;
const LRS = "https://lrs.example.org";

/** Runs `cargo xtask csp CONFIG`, as a deployer would, and returns the header's value. */
async function policyFor(config) {
  const file = join(await mkdtemp(join(tmpdir(), "vigil-csp-")), "vigil.config.json");
  await writeFile(file, config);
  const { stdout } = await promisify(execFile)("cargo", ["xtask", "csp", file], { cwd: ROOT });
  return stdout.trim().replace(/^Content-Security-Policy: /, "");
}

/** Answers the first question under `policy` with statements going to an LRS on another site
 * (answered by the test itself) and returns the CSP violations and the statements received. */
async function answerUnder(policy, config) {
  const server = await startServer({ config, headers: { "Content-Security-Policy": policy } });
  const browser = await launch();
  const received = [];
  try {
    await browser.context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const cors = {
      "Access-Control-Allow-Origin": server.origin,
      "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version",
      "Access-Control-Allow-Methods": "POST, PUT, GET, OPTIONS",
    };
    await browser.context.route(`${LRS}/**`, async (route) => {
      const request = route.request();
      if (request.method() === "POST") received.push(...[request.postDataJSON()].flat());
      await route.fulfill({ status: request.method() === "OPTIONS" ? 204 : 200, headers: cors, json: request.method() === "OPTIONS" ? undefined : ["id"] });
    });
    const page = await open(browser.context, server.url);
    await page.getByRole("link", { name: /^Start: Front desk/ }).click();
    while ((await page.getByRole("radio").count()) === 0) await stepByMouse(page);
    await stepByMouse(page);
    await page.waitForFunction(() => window.__violations.length > 0 || (JSON.parse(localStorage.getItem("vigil.xapi.queue") ?? "[]").length === 0), null, { timeout: 20_000 });
    return { violations: await page.evaluate(() => window.__violations), received };
  } finally {
    await browser.close();
    await server.close();
  }
}

test("the policy for a configuration with an LRS elsewhere lets statements reach it, and only it", async () => {
  const config = JSON.stringify({ xapi: { endpoint: `${LRS}/xapi`, key: "vigil", secret: "secret" } });
  const policy = await policyFor(config);
  assert.match(policy, new RegExp(`connect-src 'self' ${LRS};`));

  const allowed = await answerUnder(policy, config);
  assert.deepEqual(allowed.violations, []);
  assert.ok(allowed.received.some((s) => s.verb?.id === "http://adlnet.gov/expapi/verbs/answered"), "the answer reached the LRS");

  // The shipped default policy, without the LRS's origin, is what a deployer would otherwise send.
  const shipped = (await readFile(join(DIST, "content-security-policy.txt"), "utf8")).trim();
  const blocked = await answerUnder(shipped, config);
  assert.ok(blocked.violations.some((v) => v.startsWith("connect-src")), JSON.stringify(blocked.violations));
  assert.deepEqual(blocked.received, []);
});
