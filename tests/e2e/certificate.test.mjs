// The certificate of a completed track: learner name, modules with scores and dates, content
// version, a reference code and the note that it is no proof of identity; it prints on one
// clean A4 page.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, course } from "./harness.mjs";

test("a learner who completed their role's track gets a printable certificate", async () => {
  const server = await startServer({ config: JSON.stringify({ organisation: "Hotel Aurora", modules: ["front-desk-check-in"] }) });
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    const { modules } = await course("en");
    await page.getByRole("radio", { name: "Front desk" }).check();
    assert.equal(await page.getByRole("link", { name: "Your certificate for this role" }).count(), 0, "not before completing");
    // The organisation offers the front-desk module alone, so it is the whole track (tracks of
    // several modules: tracks.test.mjs).
    await page.getByRole("link", { name: /^Start: Front desk/ }).click();
    while (await stepByMouse(page));
    await page.getByRole("link", { name: "Back to all modules" }).click();
    await page.getByRole("link", { name: "Your certificate for this role" }).click();

    await page.getByRole("heading", { name: "Certificate of completion" }).waitFor();
    await page.getByText("Learner 1", { exact: true }).waitFor();
    await page.locator(".cert-org").getByText("Hotel Aurora").waitFor();
    await page.getByText(/completed the Vigil training track for Front desk/).waitFor();
    const row = page.getByRole("row", { name: new RegExp(modules.find((m) => m.id === "front-desk-check-in").title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
    assert.match(await row.innerText(), /\d+ \/ \d+ \(\d+%\)/);
    assert.match(await page.locator(".cert-ref").innerText(), /^Reference: VGL-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.getByText(/It is not a proof of identity\./).waitFor();

    // Print: the page's own controls and the app's header are not printed, and it fits on A4.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".top-bar").evaluate((el) => getComputedStyle(el).display), "none");
    assert.equal(await page.getByRole("button", { name: "Print or save as PDF" }).isVisible(), false);
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    assert.equal(pages.length, 1, "one A4 page");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
