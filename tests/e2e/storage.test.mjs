// Stored progress that cannot be read, storage that is blocked, and storage that is full: the
// app never crashes, tells the learner, and loses nothing it could keep.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launch, open, stepByMouse } from "./harness.mjs";

const KEY = "vigil.progress";

async function withApp(options, body) {
  const server = await startServer();
  const browser = await launch(options);
  try {
    await body(server, browser);
  } finally {
    await browser.close();
    await server.close();
  }
}

for (const [name, record] of [
  ["corrupt JSON", "{\"schema\":1,\"modules\":{"],
  ["a record from a newer version", "{\"schema\":99,\"modules\":{}}"],
]) {
  test(`${name} is kept aside, the learner is told, and starts afresh`, () =>
    withApp({}, async (server, browser) => {
      const page = await open(browser.context, server.url);
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, record]);
      await page.reload();
      await page.getByText(/Your saved progress on this device could not be read/).waitFor();
      const kept = await page.evaluate((key) => {
        const backups = Object.keys(localStorage).filter((k) => k.startsWith(`${key}.unreadable.`));
        return backups.map((k) => localStorage.getItem(k));
      }, KEY);
      assert.deepEqual(kept, [record], "the unreadable record is kept, byte for byte");
      // The app works: a module can be started and answered, and is saved afresh.
      await page.getByRole("link", { name: /^Start: Front desk: / }).click();
      await stepByMouse(page);
      const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY);
      assert.equal(saved.schema, 1);
      assert.equal(saved.modules["front-desk-check-in"].path.length, 2);
      await page.getByRole("button", { name: "Dismiss" }).click();
      assert.equal(await page.getByText(/could not be read/).count(), 0);
      assert.deepEqual(browser.errors, []);
    }));
}

test("with storage blocked the app runs in memory and says so", () =>
  withApp({ blockStorage: true }, async (server, browser) => {
    const page = await open(browser.context, server.url);
    assert.equal(
      await page.evaluate(() => {
        try {
          return typeof window.localStorage;
        } catch (e) {
          return e.name;
        }
      }),
      "SecurityError",
      "the browser itself refuses storage",
    );
    await page.getByText(/does not let Vigil save anything/).waitFor();
    await page.getByRole("link", { name: /^Start: Front desk: / }).click();
    assert.ok(await stepByMouse(page));
    assert.ok(await stepByMouse(page));
    assert.match(await page.locator(".step-of").innerText(), /^Step 3 of \d+$/);
    assert.deepEqual(browser.errors, []);
  }));

test("with storage full the learner is told and carries on in memory", () =>
  withApp({}, async (server, browser) => {
    const page = await open(browser.context, server.url);
    await page.getByRole("link", { name: /^Start: Front desk: / }).click();
    await stepByMouse(page);
    // Fill this origin's storage to the last byte the browser allows.
    const filled = await page.evaluate(() => {
      let size = 1 << 20;
      let i = 0;
      while (size >= 1) {
        try {
          localStorage.setItem(`filler-${i++}`, "x".repeat(size));
        } catch {
          size = Math.floor(size / 2);
        }
      }
      return i;
    });
    assert.ok(filled > 1);
    const before = await page.evaluate((key) => localStorage.getItem(key), KEY);
    assert.ok(await stepByMouse(page));
    await page.getByText(/storage is full/).waitFor();
    assert.ok(await stepByMouse(page), "the learner carries on");
    assert.match(await page.locator(".step-of").innerText(), /^Step 4 of \d+$/);
    // The progress kept in memory is offered for export, and the file holds all of it.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".notice").getByRole("button", { name: "Export my progress" }).click(),
    ]);
    const exported = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(exported.progress.modules["front-desk-check-in"].path.length, 4);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), before, "the last saved record is intact");
  }));
