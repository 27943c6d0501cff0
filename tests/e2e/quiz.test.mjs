// The true-or-false quiz presents its statements in an order drawn for each attempt. The order
// is part of saved progress: a learner who reloads mid-quiz sees the same next statement.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, currentStepId } from "./harness.mjs";

const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("vigil.progress")).modules["true-or-false"]);

test("a learner who reloads mid-quiz sees the same next statement, and a new attempt draws a new order", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByRole("link", { name: "Start: True or false?" }).click();
    for (let i = 0; i < 4; i++) await stepByMouse(page); // the welcome, then three statements
    const { order, path } = await saved(page);
    assert.ok(order.length >= 13, "the drawn order is saved");
    assert.deepEqual(path.slice(1), order.slice(0, 4), "statements come in the drawn order");
    const now = await currentStepId(page);
    assert.equal(now, order[3]);

    await page.reload();
    await page.locator(`article.step[data-step="${now}"]`).waitFor();
    assert.deepEqual((await saved(page)).order, order, "the order survives the reload");
    await stepByMouse(page);
    assert.equal(await currentStepId(page), order[4], "the same next statement");

    // Finish, then start again: the new attempt draws its own order.
    while (await stepByMouse(page));
    await page.getByRole("button", { name: "Restart module" }).click();
    await page.locator("article.step").waitFor();
    const again = await saved(page);
    assert.equal(again.attempt, 2);
    assert.notDeepEqual(again.order, order, "a new attempt, a new order");
    assert.deepEqual([...again.order].sort(), [...order].sort(), "the same statements");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
