// Progress resumes exactly: after a reload, after closing the tab, through the back button and
// from a deep link served by a plain static server under a sub-path.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, currentStepId, stepHeading, course } from "./harness.mjs";

const MODULE = "front-desk-check-in";

/** Starts the module from home and walks `n` steps, answering with the first option. */
async function walk(page, n) {
  await page.getByRole("link", { name: /^Start: Front desk/ }).click();
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
    await again.getByRole("link", { name: /^Resume: Front desk/ }).click();
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

test("reload mid-answer: a choice not yet confirmed is dropped, the last confirmed answer is kept", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByRole("link", { name: /^Start: Front desk/ }).click();
    // Walk to the first question, answer it (confirmed), then move to the next question.
    while ((await page.getByRole("radio").count()) === 0) await stepByMouse(page);
    const confirmed = await currentStepId(page);
    await stepByMouse(page);
    while ((await page.getByRole("radio").count()) === 0) await stepByMouse(page);
    const pending = await currentStepId(page);
    // Choose without confirming, then the tab is reloaded.
    await page.getByRole("radio").first().click();
    await page.reload();
    await page.locator("article.step").waitFor();
    assert.equal(await currentStepId(page), pending);
    assert.equal(await page.getByRole("radio", { checked: true }).count(), 0, "the unconfirmed choice is not an answer");
    await page.getByRole("button", { name: "Confirm answer" }).waitFor();
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("vigil.progress")).modules["front-desk-check-in"].answers);
    assert.ok(saved[confirmed], "the last confirmed answer is kept");
    assert.equal(saved[pending], undefined);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("content changed under saved progress: that module restarts with a notice, nothing else is lost", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    const record = {
      schema: 1,
      role: "front-desk",
      modules: {
        // Saved with a step that the module no longer has, and a finished earlier attempt.
        [MODULE]: {
          content_version: 1, attempt: 2, path: ["welcome", "a-step-since-renamed"], answers: {},
          started_at: 1, updated_at: 2, completions: [{ attempt: 1, earned: 9, max: 14, at: 1 }],
        },
        // A module this version of the course does not have (retired, or from a newer course).
        "retired-module": { content_version: 3, attempt: 1, path: ["s1", "s2"], answers: {}, started_at: 1, updated_at: 2 },
      },
    };
    await page.evaluate((r) => localStorage.setItem("vigil.progress", JSON.stringify(r)), record);
    await page.goto(`${server.url}?module=${MODULE}&step=a-step-since-renamed`);
    await page.getByText("This module has been updated since your last visit, so it starts again from the beginning. Your earlier scores are kept.").waitFor();
    await page.waitForFunction(() => document.querySelector("article.step")?.dataset.step === "welcome");
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("vigil.progress")));
    assert.deepEqual(saved.modules[MODULE].path, ["welcome"]);
    assert.deepEqual(saved.modules[MODULE].completions, record.modules[MODULE].completions);
    assert.deepEqual(saved.modules["retired-module"], record.modules["retired-module"]);

    // A new content version does the same.
    saved.modules[MODULE].content_version = 0;
    saved.modules[MODULE].path = ["welcome", "arrival"];
    await page.evaluate((r) => localStorage.setItem("vigil.progress", JSON.stringify(r)), saved);
    await page.goto(`${server.url}?module=${MODULE}&step=arrival`);
    await page.getByText(/This module has been updated since your last visit/).waitFor();
    await page.waitForFunction(() => document.querySelector("article.step")?.dataset.step === "welcome");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("old layout: progress saved before learner profiles becomes the first learner's", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    // Saved against the module as it is now, so that only the layout is old.
    const version = (await course("en")).modules.find((m) => m.id === MODULE).version;
    // What a build without learner profiles left behind: one record and no profile list.
    await page.evaluate(([module, version]) => {
      localStorage.clear();
      localStorage.setItem(
        "vigil.progress",
        JSON.stringify({ schema: 1, lang: "nl", modules: { [module]: { content_version: version, attempt: 1, path: ["welcome", "arrival", "at-the-desk"], answers: {}, started_at: 1, updated_at: 2 } } }),
      );
    }, [MODULE, version]);
    await page.reload();
    // The first learner, created with the list, is named in the learner's language.
    await page.getByText("Cursist: Cursist 1").waitFor();
    await page.getByText(/^Bezig: stap 3 van \d+$/).waitFor();
  } finally {
    await browser.close();
    await server.close();
  }
});
