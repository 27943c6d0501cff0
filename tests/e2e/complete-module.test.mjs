// A learner completes the front-desk module, once with the mouse and once with the keyboard
// only, and sees the score and the key points at the end.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, tabTo, currentStepId, assertEveryControlNamed, course } from "./harness.mjs";

const MODULE = "front-desk-check-in";

test("a learner completes the front-desk module with the mouse", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    const { modules } = await course("en");
    const module = modules.find((m) => m.id === MODULE);

    await page.getByRole("radio", { name: "Front desk" }).check();
    await page.getByRole("heading", { name: "Recommended for your role" }).waitFor();
    await assertEveryControlNamed(page, assert);
    await page.getByRole("link", { name: `Start: ${module.title}` }).click();

    let steps = 0;
    do {
      steps += 1;
      const stepOf = await page.locator(".step-of").innerText();
      assert.match(stepOf, new RegExp(`^Step ${steps} of \\d+$`));
      const bar = page.getByRole("progressbar", { name: "Progress through the module" });
      assert.equal(await bar.getAttribute("value"), String(steps));
      await assertEveryControlNamed(page, assert);
      assert.ok(steps < 60, "the module ends");
    } while (await stepByMouse(page));

    const ending = module.steps.find((s) => "ending" in s.kind);
    assert.equal(await currentStepId(page), ending.id);
    await page.getByText(/^Your score: \d+ of \d+ points \(\d+%\)$/).waitFor();
    await page.getByRole("heading", { name: "Key points" }).waitFor();
    assert.match(await page.locator(".step-of").innerText(), new RegExp(`^Step ${steps} of ${steps}$`));

    // Home lists the module as completed, with its score.
    await page.getByRole("link", { name: "Back to all modules" }).click();
    await page.getByText(/^Completed, score \d+%$/).waitFor();
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a learner completes the front-desk module with the keyboard only", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    const focused = (name) => document.activeElement?.textContent?.trim() === name;

    // Choose a role: Tab to the first role, then arrow keys move and select within the group.
    await tabTo(page, () => document.activeElement?.getAttribute("name") === "role");
    await page.keyboard.press("Space");
    await page.getByRole("heading", { name: "Recommended for your role" }).waitFor();
    await tabTo(page, () => /^Start: Front desk: /.test(document.activeElement?.getAttribute("aria-label") ?? ""));
    await page.keyboard.press("Enter");
    await page.locator("article.step").waitFor();

    let steps = 0;
    while (!(await page.getByRole("button", { name: "Restart module" }).isVisible())) {
      steps += 1;
      assert.ok(steps < 60, "the module ends");
      const before = await currentStepId(page);
      if ((await page.getByRole("radio").count()) > 0) {
        await tabTo(page, () => document.activeElement?.type === "radio");
        // The last option this time, to walk another path than the mouse test.
        await page.keyboard.press("ArrowUp");
        await tabTo(page, focused, "Confirm answer");
        await page.keyboard.press("Enter");
        // Focus moves to the feedback, so that it is read out and the next Tab reaches Continue.
        await page.waitForFunction(() => document.activeElement?.classList.contains("feedback-region"));
        await page.locator(".feedback").waitFor();
      }
      await tabTo(page, focused, "Continue");
      await page.keyboard.press("Enter");
      await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step !== id, before);
    }
    await page.getByText(/^Your score: \d+ of \d+ points \(\d+%\)$/).waitFor();
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
