// The Content-Security-Policy that `cargo xtask build` writes works with trunk's loader, and by
// default the app asks for nothing but its own files.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launch, open, stepByMouse } from "./harness.mjs";

const DIST = process.env.VIGIL_DIST ?? new URL("../../dist", import.meta.url).pathname;

test("under the shipped Content-Security-Policy the app runs with no violation and no foreign request", async () => {
  const policy = (await readFile(join(DIST, "content-security-policy.txt"), "utf8")).trim();
  assert.match(policy, /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval';/);
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
    await page.getByRole("link", { name: /^Start: / }).click();
    await stepByMouse(page);
    await stepByMouse(page);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    const foreign = requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith("data:"));
    assert.deepEqual(foreign, [], "only the app's own files are requested");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
