// Nothing a learner is reading moves when the content arrives late: the home page's lower
// sections wait for the module lists, and a step appears in one piece. The lessons come slowly
// here (as on hotel Wi-Fi), and every layout shift the browser records is counted, with what
// moved: there must be none.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launch, BASE_PATH, DIST } from "./harness.mjs";

/** Answers `file` of dist/ after `ms`, as a slow network would. */
const late = (file, ms) => async (req, res) => {
  const body = await readFile(join(DIST, file));
  setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(body), ms);
};

async function shiftsWhileLoading(server, path, ready) {
  const browser = await launch({ viewport: { width: 390, height: 844 } });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.addInitScript(() => {
      window.vigilShifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const moved = entry.sources.map((s) => s.node?.nodeName + (s.node?.className ? `.${s.node.className}` : ""));
          window.vigilShifts.push(`${entry.value.toFixed(4)} ${moved.join(", ")}`);
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(server.url + path);
    await ready(page);
    // Two frames more, so that a shift caused by the last arrival is recorded too.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const shifts = await page.evaluate(() => window.vigilShifts);
    assert.deepEqual(browser.errors, []);
    return shifts;
  } finally {
    await browser.close();
  }
}

test("the home page does not move when its lessons index comes late", async () => {
  const server = await startServer({ handlers: { [`${BASE_PATH}lessons/index.en.json`]: late("lessons/index.en.json", 800) } });
  try {
    const shifts = await shiftsWhileLoading(server, "", async (page) => {
      await page.getByRole("heading", { name: "Who to tell" }).waitFor();
      await page.getByRole("link", { name: /^Start: / }).first().waitFor();
    });
    assert.deepEqual(shifts, []);
  } finally {
    await server.close();
  }
});

test("a deep link to a step does not move when the module's content comes late", async () => {
  const index = JSON.parse(await readFile(join(DIST, "lessons/index.en.json"), "utf8"));
  const file = index.modules.find((m) => m.id === "front-desk-check-in").file;
  const server = await startServer({ handlers: { [`${BASE_PATH}lessons/${file}`]: late(`lessons/${file}`, 800) } });
  try {
    const shifts = await shiftsWhileLoading(server, "?module=front-desk-check-in&step=welcome", async (page) => {
      await page.locator('article.step[data-step="welcome"]').waitFor();
    });
    assert.deepEqual(shifts, []);
  } finally {
    await server.close();
  }
});
