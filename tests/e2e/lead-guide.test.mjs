// The facilitator's guide of a module prints to A4 pages holding every decision's teaching point
// and discussion question, with the reporting channels of the configured country; axe-core finds
// nothing to fault.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch } from "./harness.mjs";
import { openLead, leadModule, leadIndex, axeViolations } from "./lead.mjs";

/** The start of a text's first paragraph, before any country placeholder the page fills in. */
const plain = (text) => text.split("\n\n")[0].split("{")[0].trim();

test("a module's guide prints to A4 with every decision's teaching point", async () => {
  const server = await startServer({ config: JSON.stringify({ country: "NL" }) });
  const browser = await launch();
  try {
    const { module, facilitator } = await leadModule("manager-the-code");
    const decisions = module.steps.filter((s) => s.kind.decision).map((s) => s.id);
    assert.equal(Object.keys(facilitator).sort().join(), [...decisions].sort().join(), "the lead file has every decision's texts");
    const page = await openLead(browser.context, server.url, "?guide=manager-the-code");
    await page.getByRole("heading", { name: module.title, level: 1 }).waitFor();
    await page.getByText("Facilitator's guide", { exact: true }).waitFor();
    await page.getByRole("heading", { name: "Objectives" }).waitFor();
    await page.locator(".guide .meta").getByText(`About ${module.minutes} minutes`).waitFor();
    // The Dutch channels, as configured.
    await page.getByRole("heading", { name: "Reporting channels: the Netherlands" }).waitFor();
    await page.locator(".reporting").getByText("0900-8844").waitFor();
    const violations = await axeViolations(page, "facilitator's guide");

    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".top-bar").evaluate((el) => getComputedStyle(el).display), "none");
    assert.equal(await page.getByRole("button", { name: "Print or save as PDF" }).isVisible(), false);
    for (const id of decisions) {
      const step = page.locator(`li.guide-step[data-step="${id}"]`);
      await step.locator(".teaching-point").getByText(plain(facilitator[id].teaching_point)).waitFor();
      await step.locator(".discussion").getByText(plain(facilitator[id].discussion)).waitFor();
      assert.equal(await step.locator(".teaching-point").isVisible(), true, `${id}: its teaching point prints`);
      // Each choice with its feedback.
      const choices = module.steps.find((s) => s.id === id).kind.decision.choices;
      assert.equal(await step.locator("li.guide-answer").count(), choices.length, id);
    }
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    const text = pdf.toString("latin1");
    const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
    assert.ok(pages.length >= 2, `a guide of several pages (${pages.length})`);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(+m[1]), Math.round(+m[2])]);
    assert.ok(boxes.length >= 1);
    for (const box of boxes) assert.deepEqual(box, [595, 842], "A4 (210 x 297 mm is 595.3 x 841.9 points)");
    assert.deepEqual(violations, [], `axe-core violations:\n${violations.join("\n")}`);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("every module's guide shows every one of its decisions' teaching points", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { modules } = await leadIndex("fr");
    const page = await browser.context.newPage();
    for (const entry of modules) {
      const { module, facilitator } = await leadModule(entry.id, "fr");
      await page.goto(`${server.url}lead/?guide=${entry.id}`);
      await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
      await page.getByRole("heading", { name: module.title, level: 1 }).waitFor();
      for (const [id, texts] of Object.entries(facilitator)) {
        await page.locator(`li.guide-step[data-step="${id}"] .teaching-point`).getByText(plain(texts.teaching_point)).waitFor();
      }
    }
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
