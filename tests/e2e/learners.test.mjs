// Several learners on one device: create, switch (one click), rename and delete after
// confirming, each with their own progress.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse } from "./harness.mjs";

async function openPanel(page) {
  await page.getByRole("button", { name: "Change learner" }).click();
  await page.getByRole("heading", { name: "Learners on this device" }).waitFor();
}

test("profile switch: each learner on a shared device keeps their own progress", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByText("Learner: Learner 1").waitFor();
    await openPanel(page);
    await page.getByText(/they are not private, and there is no password/).waitFor();

    // Add Anna: she becomes the active learner, with nothing started.
    await page.getByRole("textbox", { name: "Name" }).fill("Anna");
    await page.getByRole("button", { name: "Add a learner" }).click();
    await page.getByText("Learner: Anna").waitFor();
    await page.getByRole("link", { name: /^Start: Front desk: / }).click();
    await stepByMouse(page);
    await stepByMouse(page);

    // One click back to the first learner: their module is untouched.
    await openPanel(page);
    await page.getByRole("button", { name: "Learner 1", exact: true }).click();
    await page.getByText("Learner: Learner 1").waitFor();
    await page.locator(".module-card", { hasText: "Front desk:" }).getByText("Not started").waitFor();

    // And back to Anna, at her step.
    await openPanel(page);
    await page.getByRole("button", { name: "Anna", exact: true }).click();
    await page.getByText(/^In progress: step 3 of \d+$/).waitFor();

    // Rename, then a duplicate name is refused.
    await openPanel(page);
    await page.getByRole("button", { name: "Rename" }).nth(1).click();
    await page.getByRole("textbox", { name: "New name for Anna" }).fill("Anna P.");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Learner: Anna P.").waitFor();
    await page.getByRole("textbox", { name: "Name" }).fill("anna p.");
    await page.getByRole("button", { name: "Add a learner" }).click();
    await page.getByRole("alert").getByText("Another learner on this device already has this name.").waitFor();

    // Delete asks first; cancelling keeps everything.
    await page.getByRole("button", { name: "Delete Anna P." }).click();
    await page.getByText("Delete Anna P. and all their progress on this device? This cannot be undone.").waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();
    assert.equal(await page.getByRole("button", { name: "Anna P.", exact: true }).count(), 1);
    await page.getByRole("button", { name: "Delete Anna P." }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await page.getByText("Learner: Learner 1").waitFor();
    assert.equal(await page.getByRole("button", { name: "Anna P.", exact: true }).count(), 0);
    const keys = await page.evaluate(() => Object.keys(localStorage).sort());
    assert.deepEqual(keys, ["vigil.profiles", "vigil.progress"], "Anna's record is gone with her");

    // The learners survive a reload.
    await page.reload();
    await page.getByText("Learner: Learner 1").waitFor();
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
