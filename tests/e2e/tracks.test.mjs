// Whole role tracks, taken as a learner would, by accessible names: every module recommended
// for the role, one after the other, then the certificate that names them all.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, course } from "./harness.mjs";

/** Completes every module recommended for `role` and returns their titles, in order. */
async function completeTrack(page, role) {
  await page.getByRole("radio", { name: role }).check();
  const recommended = page.locator("ul.modules").first();
  await page.getByRole("heading", { name: "Recommended for your role" }).waitFor();
  const titles = [];
  for (;;) {
    const start = recommended.getByRole("link", { name: /^Start: / }).first();
    if ((await start.count()) === 0) break;
    const title = (await start.getAttribute("aria-label")).replace(/^Start: /, "");
    titles.push(title);
    await start.click();
    let steps = 0;
    while (await stepByMouse(page)) assert.ok(++steps < 80, `${title} ends`);
    await page.getByText(/^Your score: \d+ of \d+ points \(\d+%\)$/).waitFor();
    await page.getByRole("link", { name: "Back to all modules" }).click();
    await recommended.waitFor();
  }
  return titles;
}

/** Opens the certificate and checks that it names every module of the track. */
async function checkCertificate(page, role, titles) {
  await page.getByRole("link", { name: "Your certificate for this role" }).click();
  await page.getByRole("heading", { name: "Certificate of completion" }).waitFor();
  await page.getByText(new RegExp(`completed the Vigil training track for ${role}`)).waitFor();
  for (const title of titles) {
    const row = page.getByRole("row", { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
    assert.match(await row.innerText(), /\d+ \/ \d+ \(\d+%\)/, title);
  }
  assert.match(await page.locator(".cert-ref").innerText(), /^Reference: VGL-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
}

async function trackTest(role, id) {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    const titles = await completeTrack(page, role);
    const { modules } = await course("en");
    const expected = modules.filter((m) => m.roles.includes(id)).map((m) => m.title);
    assert.deepEqual(titles, expected, "every recommended module, in course order");
    assert.ok(titles.length >= 4, "the track is whole: opening, own module, reporting, quiz");
    await checkCertificate(page, role, titles);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
}

test("a housekeeper completes their whole track and finds the certificate", () => trackTest("Housekeeping", "housekeeping"));

test("a tour guide completes their whole track and finds the certificate", () => trackTest("Tour guide or travel companion", "tour-guide"));
