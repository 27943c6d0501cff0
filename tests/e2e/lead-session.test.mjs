// Facilitator mode, driven by the keyboard only (the keys a presentation clicker sends, and the
// letters shown on screen): reveal one answer, reveal all, next, back, the discussion countdown
// and the facilitator's notes; nothing is written to the browser's storage; axe-core finds
// nothing to fault.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, belgian } from "./harness.mjs";
import { openLead, leadModule, axeViolations } from "./lead.mjs";

const stepId = (page) => page.locator("article.projected").getAttribute("data-step");
const feedback = (page, n) => page.locator(`#answer-${n}`);
/** The start of a text's first paragraph, before any country placeholder the page fills in. */
const plain = (text) => text.split("\n\n")[0].split("{")[0].trim();

test("a facilitator leads a module with the keyboard only, and nothing is stored", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const lead = await leadModule("front-desk-check-in");
    const decision = lead.module.steps.find((s) => s.id === "at-the-desk").kind.decision;
    const notes = lead.facilitator["at-the-desk"];
    const page = await openLead(browser.context, server.url, "?module=front-desk-check-in");
    await page.locator('article.projected[data-step="welcome"]').waitFor();
    await page.getByText("Step 1 of 16").waitFor();
    // The keys are on screen.
    const shortcuts = page.getByRole("region", { name: "Keyboard and clicker" });
    for (const key of ["Page Down", "Page Up", "A", "H", "T", "F"]) {
      await shortcuts.locator("kbd", { hasText: new RegExp(`^${key}$`) }).waitFor();
    }

    // Next twice (a clicker's Page Down, then the arrow key): the first decision, every choice
    // shown, no feedback.
    await page.keyboard.press("PageDown");
    await page.keyboard.press("ArrowRight");
    await page.locator('article.projected[data-step="at-the-desk"]').waitFor();
    assert.equal(await page.locator("li.answer").count(), 4);
    for (const [n, choice] of decision.choices.entries()) {
      // As written, with the country facts filled in for the default country, Belgium.
      const label = belgian(choice.label);
      await page.locator("li.answer .answer-label").nth(n).getByText(label, { exact: true }).waitFor();
      assert.equal(await feedback(page, n).isVisible(), false, `choice ${n + 1} is hidden`);
    }

    // Reveal one: the second choice's feedback, and what it leads to; the others stay hidden.
    await page.keyboard.press("2");
    await feedback(page, 1).getByText(plain(decision.choices[1].feedback)).waitFor();
    await feedback(page, 1).getByText("What happens then:").waitFor();
    assert.equal(await feedback(page, 1).getByText("Not the best choice").isVisible(), true);
    for (const n of [0, 2, 3]) assert.equal(await feedback(page, n).isVisible(), false);

    // The facilitator's notes, hidden from the projected view until asked for.
    assert.equal(await page.locator(".teaching-point").isVisible(), false);
    await page.keyboard.press("f");
    await page.getByRole("heading", { name: "Facilitator's notes" }).waitFor();
    await page.locator(".discussion").getByText(plain(notes.discussion)).waitFor();
    await page.locator(".teaching-point").getByText(plain(notes.teaching_point)).waitFor();
    const violations = await axeViolations(page, "facilitator mode, one answer revealed, notes shown");
    await page.keyboard.press("f");
    assert.equal(await page.locator(".teaching-point").isVisible(), false, "F hides the notes again");

    // Reveal all.
    await page.keyboard.press("a");
    for (const n of [0, 1, 2, 3]) assert.equal(await feedback(page, n).isVisible(), true, `choice ${n + 1} revealed`);
    // The best choice is marked as such, wherever it is written.
    const best = decision.choices.reduce((b, c, i, all) => (c.score > all[b].score ? i : b), 0);
    await feedback(page, best).getByText("Best choice", { exact: true }).waitFor();

    // Next, then back: the decision as the group left it; H hides its answers.
    await page.keyboard.press("ArrowRight");
    await page.locator('article.projected[data-step="reading-the-signs"]').waitFor();
    assert.ok(page.url().endsWith("?module=front-desk-check-in&step=reading-the-signs"), page.url());
    await page.keyboard.press("PageUp");
    await page.locator('article.projected[data-step="at-the-desk"]').waitFor();
    assert.equal(await feedback(page, 0).isVisible(), true, "still revealed after going back");
    await page.keyboard.press("h");
    for (const n of [0, 1, 2, 3]) assert.equal(await feedback(page, n).isVisible(), false);
    // On a question whose answers are hidden, a clicker's next reveals them all first.
    await page.keyboard.press("PageDown");
    assert.equal(await stepId(page), "at-the-desk");
    assert.equal(await feedback(page, 2).isVisible(), true);
    await page.keyboard.press("ArrowLeft");
    await page.locator('article.projected[data-step="arrival"]').waitFor();

    // The countdown: T starts it from its length, it runs, T stops it back to its length.
    const clock = page.getByRole("timer");
    assert.equal(await clock.innerText(), "2:00");
    await page.keyboard.press("t");
    await page.waitForFunction(() => document.querySelector("[role=timer]").textContent === "1:58", null, { timeout: 5000 });
    await page.getByRole("button", { name: "Stop countdown" }).waitFor();
    await page.keyboard.press("t");
    await page.waitForFunction(() => document.querySelector("[role=timer]").textContent === "2:00");
    await page.getByRole("button", { name: "Start countdown" }).waitFor();

    // A reload comes back to the step the address names.
    await page.reload();
    await page.locator('article.projected[data-step="arrival"]').waitFor();

    // Nothing the session did was written to the browser's storage.
    assert.deepEqual(await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length })), { local: 0, session: 0 });
    assert.deepEqual(violations, [], `axe-core violations:\n${violations.join("\n")}`);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("the home screen of the learners' app leads to the lead page, whose modules open by address", async () => {
  const server = await startServer({ config: JSON.stringify({ modules: ["why-it-matters", "front-desk-check-in"] }) });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByRole("link", { name: "Lead a session" }).click();
    await page.getByRole("heading", { name: "Lead a session", level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/training/vigil/lead/");
    // Only the modules the organisation offers.
    await page.waitForFunction(() => document.querySelectorAll("li.module-card").length === 2);
    await page.getByRole("link", { name: /^Lead this module: Front desk/ }).click();
    await page.locator('article.projected[data-step="welcome"]').waitFor();
    // An address that names no offered module says so.
    await page.goto(`${server.url}lead/?module=travel-agent-booking`);
    await page.getByRole("alert").getByText("There is no module at this address.").waitFor();
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
