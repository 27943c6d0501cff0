// Two tabs on the same learner: neither overwrites the other's newer answers, and the
// `storage` event keeps both current.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, currentStepId } from "./harness.mjs";

const KEY = "vigil.progress";
const pathLength = (page) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key)).modules["front-desk-check-in"].path.length, KEY);

test("two tabs: each sees the other's progress and neither loses the newer answers", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const first = await open(browser.context, server.url);
    const second = await browser.context.newPage();
    await second.goto(server.url);
    await second.locator(".module-card", { hasText: "Front desk:" }).getByText("Not started").waitFor();

    // Tab one works through three steps; tab two, open on the home page, follows.
    await first.getByRole("link", { name: /^Start: Front desk: / }).click();
    for (let i = 0; i < 3; i++) await stepByMouse(first);
    const reached = await currentStepId(first);
    await second.getByText(/^In progress: step 4 of \d+$/).waitFor();

    // Tab two resumes where tab one stopped and goes one step further.
    await second.getByRole("link", { name: /^Resume: Front desk: / }).click();
    await second.locator("article.step").waitFor();
    assert.equal(await currentStepId(second), reached);
    await stepByMouse(second);
    assert.equal(await pathLength(second), 5);

    // Tab one, still showing its step, now shows it as answered, and offers the way on; its
    // older state did not overwrite the newer one.
    await first.getByRole("link", { name: "Go to where you stopped" }).waitFor();
    assert.equal(await pathLength(first), 5);
    await first.getByRole("link", { name: "Go to where you stopped" }).click();
    await first.waitForFunction(
      (id) => document.querySelector("article.step")?.dataset.step === id,
      await currentStepId(second),
    );
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
