// Export a learner's progress to a file and import it on another device (merge or replace, as
// asked); an import that is of the wrong type, too large, from a newer version or hostile is
// refused with a clear message, and nothing changes.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, open, stepByMouse } from "./harness.mjs";

const KEY = "vigil.progress";

async function exportFile(page, dir) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export my progress" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "vigil-progress-learner-1.json");
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

async function importFile(page, path) {
  await page.getByLabel("Import progress from a file").setInputFiles(path);
}

test("progress exported on one device is imported on another, merged or replacing", async () => {
  const dir = await mkdtemp(join(tmpdir(), "vigil-transfer-"));
  const server = await startServer();
  const first = await launch();
  const second = await launch();
  try {
    const a = await open(first.context, server.url);
    await a.getByRole("link", { name: /^Start: Front desk: / }).click();
    for (let i = 0; i < 3; i++) await stepByMouse(a);
    await a.getByRole("link", { name: "Vigil" }).click();
    const file = await exportFile(a, dir);
    const exported = JSON.parse(await readFile(file, "utf8"));
    assert.equal(exported.format, "vigil-progress");
    assert.equal(exported.progress.modules["front-desk-check-in"].path.length, 4);

    const b = await open(second.context, server.url);
    await importFile(b, file);
    await b.getByText(/^This file holds the progress of Learner 1\. Add it to the progress of Learner 1/).waitFor();
    await b.getByRole("button", { name: "Add to my progress" }).click();
    await b.getByText("The progress from the file has been imported.").waitFor();
    await b.getByText(/^In progress: step 4 of \d+$/).waitFor();

    // On the second device the learner goes further, then replaces with the file again.
    await b.getByRole("link", { name: /^Resume: Front desk: / }).click();
    await stepByMouse(b);
    await stepByMouse(b);
    await b.getByRole("link", { name: "Vigil" }).click();
    await b.getByText(/^In progress: step 6 of \d+$/).waitFor();
    await importFile(b, file);
    await b.getByRole("button", { name: "Replace my progress" }).click();
    await b.getByText(/^In progress: step 4 of \d+$/).waitFor();
    const saved = await b.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY);
    assert.equal(saved.modules["front-desk-check-in"].path.length, 4, "the replacement is saved");
    assert.deepEqual(first.errors, []);
    assert.deepEqual(second.errors, []);
  } finally {
    await first.close();
    await second.close();
    await server.close();
  }
});

for (const [name, make, message] of [
  ["wrong type", () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "This file is not a Vigil progress file. Nothing was changed."],
  ["oversized import", () => Buffer.alloc(1024 * 1024 + 1, 32), "This file is too large to be a Vigil progress file (1 MB at most). Nothing was changed."],
  [
    "bad version",
    () => JSON.stringify({ format: "vigil-progress", version: 7, exported_at: 0, learner: "X", progress: { schema: 1, modules: {} } }),
    "This file was made by a newer version of Vigil. Nothing was changed.",
  ],
  [
    "hostile import",
    () =>
      JSON.stringify({
        format: "vigil-progress",
        version: 1,
        exported_at: 0,
        learner: "<img src=x onerror=alert(1)>",
        progress: {
          schema: 1,
          modules: { "front-desk-check-in": { content_version: 1, attempt: 1, path: ["<script>alert(1)</script>"], started_at: 0, updated_at: 9e15 } },
        },
      }),
    "This file contains data Vigil never writes, so it was not imported. Nothing was changed.",
  ],
]) {
  test(`${name}: refused with a clear message, and nothing changes`, async () => {
    const dir = await mkdtemp(join(tmpdir(), "vigil-transfer-"));
    const path = join(dir, "progress.json");
    await writeFile(path, make());
    const server = await startServer();
    const browser = await launch();
    try {
      const page = await open(browser.context, server.url);
      await page.getByRole("link", { name: /^Start: Front desk: / }).click();
      await stepByMouse(page);
      await page.getByRole("link", { name: "Vigil" }).click();
      const before = await page.evaluate(() => JSON.stringify(localStorage));
      await importFile(page, path);
      await page.getByRole("alert").getByText(message).waitFor();
      assert.equal(await page.getByRole("button", { name: "Replace my progress" }).count(), 0);
      assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
      await page.getByText(/^In progress: step 2 of \d+$/).waitFor();
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
