// Country facts in lesson text come from the configured country's channel data: a lesson
// names them by placeholder ({emergency}, {police}, ...) and the app fills them in.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, currentStepId } from "./harness.mjs";

/** Walks the front-desk module until the step `id` is on screen. */
async function walkTo(page, startLink, id) {
  await page.getByRole("link", { name: startLink }).click();
  while ((await currentStepId(page)) !== id) {
    assert.ok(await stepByMouse(page), `the module reaches ${id}`);
  }
  return page.locator("article.step");
}

test("by default (Belgium) the front desk's escalation step gives the Belgian police's emergency number, 101", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByRole("radio", { name: "Front desk" }).check();
    const step = await walkTo(page, /^Start: Front desk/, "escalation");
    await step.getByText("Call the police yourself at once on 101, and tell the duty manager", { exact: false }).waitFor();
    const text = await step.innerText();
    assert.ok(!text.includes("{"), "no placeholder reaches the learner");
    assert.ok(!text.includes("0900-8844"));
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a Dutch deployment (country NL) read in Dutch gives the Dutch police's emergency number, 112, inside the lesson", async () => {
  const server = await startServer({ config: JSON.stringify({ country: "NL" }) });
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByRole("combobox", { name: "Language" }).selectOption("nl");
    await page.getByRole("radio", { name: "Receptie" }).check();
    const step = await walkTo(page, /^Beginnen: Receptie/, "escalation");
    await step.getByText("Bel meteen zelf de politie via 112", { exact: false }).waitFor();
    const text = await step.innerText();
    assert.ok(!text.includes("101"), "no Belgian police number in a Dutch deployment");
    assert.ok(!text.includes("{"), "no placeholder reaches the learner");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
