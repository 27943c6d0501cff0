// Progress resumes exactly: after a reload, after closing the tab, through the back button and
// from a deep link served by a plain static server under a sub-path.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, currentStepId, stepHeading } from "./harness.mjs";

const MODULE = "front-desk-check-in";

/** Starts the module from home and walks `n` steps, answering with the first option. */
async function walk(page, n) {
  await page.getByRole("link", { name: /^Start: / }).click();
  for (let i = 0; i < n; i++) assert.ok(await stepByMouse(page));
}

test("a learner who reloads mid-module is back at the same step with the same history", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await walk(page, 3);
    // Answer the question on screen, if any, but do not move on: the feedback must survive too.
    const radios = page.getByRole("radio");
    const hasQuestion = (await radios.count()) > 0;
    if (hasQuestion) {
      await page.locator("label.choice").first().click();
      await page.getByRole("button", { name: "Confirm answer" }).click();
      await page.locator(".feedback").waitFor();
    }
    const url = page.url();
    const step = await currentStepId(page);
    const heading = await stepHeading(page).innerText();
    const stepOf = await page.locator(".step-of").innerText();
    assert.match(url, new RegExp(`\\?module=${MODULE}&step=${step}$`));

    await page.reload();
    await page.locator("article.step").waitFor();
    assert.equal(page.url(), url);
    assert.equal(await currentStepId(page), step);
    assert.equal(await stepHeading(page).innerText(), heading);
    assert.equal(await page.locator(".step-of").innerText(), stepOf);
    if (hasQuestion) {
      await page.locator(".feedback").waitFor();
      assert.equal(await page.getByRole("radio", { checked: true }).count(), 1);
      assert.equal(await page.getByRole("button", { name: "Confirm answer" }).count(), 0, "the answer stands");
    }

    // Close the tab, open a new one on the home page: the module is in progress, and Resume
    // lands on the same step.
    await page.close();
    const again = await browser.context.newPage();
    await again.goto(server.url);
    const n = stepOf.match(/^Step (\d+) of (\d+)$/);
    await again.getByText(`In progress: step ${n[1]} of ${n[2]}`).waitFor();
    await again.getByRole("link", { name: /^Resume: / }).click();
    await again.locator("article.step").waitFor();
    assert.equal(await currentStepId(again), step);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("the back button shows the previous step as answered, and forward returns", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await walk(page, 2);
    const here = await currentStepId(page);
    await page.goBack();
    await page.getByText("You already answered this step. This is what you chose.").waitFor();
    assert.notEqual(await currentStepId(page), here);
    assert.equal(await page.getByRole("button", { name: "Confirm answer" }).count(), 0);
    await page.goForward();
    await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step === id, here);
    // The "go to where you stopped" link from an earlier step.
    await page.goBack();
    await page.getByRole("link", { name: "Go to where you stopped" }).click();
    await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step === id, here);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("deep links work from a sub-path on a server with no rewrite rules", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    assert.ok(server.url.endsWith("/training/vigil/"));
    const page = await open(browser.context, `${server.url}?module=${MODULE}`);
    await page.locator("article.step").waitFor();
    const first = await currentStepId(page);
    assert.equal(page.url(), `${server.url}?module=${MODULE}&step=${first}`);

    await stepByMouse(page);
    const second = await currentStepId(page);
    // A step not reached yet cannot be skipped to: the player goes to the current step.
    await page.goto(`${server.url}?module=${MODULE}&step=no-such-step`);
    await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step === id, second);
    assert.equal(page.url(), `${server.url}?module=${MODULE}&step=${second}`);

    await page.goto(`${server.url}?module=no-such-module`);
    await page.getByText("There is no module at this address.").waitFor();
  } finally {
    await browser.close();
    await server.close();
  }
});
