// A learner's completion code and the teacher's class summary: the QR code a learner shows reads
// back (jsQR, from a screenshot) as the summary's address with exactly the code shown in text;
// opened, it adds the learner; a mistyped code and a hostile address are refused and change
// nothing; the same learner's code counts once; the summary is kept, exported as CSV and cleared;
// axe-core finds nothing to fault.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launch, open, stepByMouse } from "./harness.mjs";
import { openLead, axeViolations, readQr } from "./lead.mjs";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The code with one character changed to another value. */
function mistype(code) {
  const at = code.length - 3;
  const wrong = ALPHABET[(ALPHABET.indexOf(code[at]) + 7) % 32];
  return code.slice(0, at) + wrong + code.slice(at + 1);
}

test("a learner's QR code opens the class summary with their code, which a teacher keeps and exports", async () => {
  // One short module makes a whole track.
  const server = await startServer({ config: JSON.stringify({ modules: ["true-or-false"] }) });
  const browser = await launch();
  try {
    const learner = await open(browser.context, server.url);
    await learner.getByRole("radio", { name: "Housekeeping" }).check();
    assert.equal(await learner.getByRole("heading", { name: "Your completion code" }).count(), 0, "not before the track is complete");
    await learner.getByRole("link", { name: "Start: True or false?" }).click();
    while (await stepByMouse(learner));
    await learner.getByRole("link", { name: "Back to all modules" }).click();
    await learner.getByRole("heading", { name: "Your completion code" }).waitFor();
    await learner.getByText("It is not a proof of identity", { exact: false }).waitFor();
    await learner.locator(".completion-name").getByText("Learner 1", { exact: true }).waitFor();
    const shown = (await learner.locator(".completion-code code").innerText()).trim();
    assert.match(shown, /^[0-9A-Z]{1,5}(-[0-9A-Z]{1,5})+$/);
    const code = shown.replaceAll("-", "");
    const accessible = await learner.getByRole("img", { name: "QR code of your completion code" });

    // What a phone's camera reads.
    const read = await readQr(browser.context, accessible);
    assert.equal(read, `${server.url}lead/?class#${code}`);
    const learnerViolations = await axeViolations(learner, "learner's home with the completion code");

    // The teacher's phone opens it: the learner is in the summary, and the code is taken out of
    // the address.
    const teacher = await browser.context.newPage();
    await teacher.goto(read);
    await teacher.getByText("Added: Learner 1.").waitFor();
    await teacher.getByRole("table").getByRole("rowheader", { name: "Learner 1" }).waitFor();
    assert.equal(new URL(teacher.url()).hash, "");
    const row = teacher.getByRole("row", { name: /Learner 1/ });
    assert.match(await row.innerText(), /\d+%/);
    await teacher.getByRole("columnheader", { name: "True or false?" }).waitFor();

    // The same code, pasted: counted once. A mistyped one: refused, nothing changes.
    const box = teacher.getByRole("textbox", { name: "Completion codes" });
    await box.fill(`${shown}\n${mistype(shown)}`);
    await teacher.getByRole("button", { name: "Add to the summary" }).click();
    await teacher.getByText("Already counted (this code or a newer one): Learner 1.").waitFor();
    await teacher.getByText("Line 2 was not added: the code does not check out: a character is mistyped, missing or extra. Check it with the learner.").waitFor();
    assert.equal(await teacher.getByRole("table").locator("tbody tr").count(), 1);
    const violations = await axeViolations(teacher, "class summary");

    // Kept in the teacher's browser, under its own key, across a reload.
    await teacher.reload();
    await teacher.getByRole("table").getByRole("rowheader", { name: "Learner 1" }).waitFor();
    const kept = await teacher.evaluate(() => JSON.parse(localStorage.getItem("vigil.lead.class")));
    assert.deepEqual(kept, { schema: 1, codes: [code] });

    // Exported as CSV.
    const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.getByRole("button", { name: "Download as CSV" }).click()]);
    assert.equal(download.suggestedFilename(), "vigil-class-summary.csv");
    const csv = await readFile(await download.path(), "utf8");
    const lines = csv.split("\r\n");
    assert.equal(lines[0], "\uFEFFLearner,Code made on,True or false? (score %),True or false? (completed on)");
    assert.match(lines[1], /^Learner 1,\d{4}-\d\d-\d\d \d\d:\d\d,\d{1,3},\d{4}-\d\d-\d\d$/);
    assert.equal(lines[2], "");

    // Cleared, after confirming.
    await teacher.getByRole("button", { name: "Clear the summary" }).click();
    await teacher.getByRole("button", { name: "Yes, clear it" }).click();
    await teacher.getByText("No codes yet.").waitFor();
    assert.equal(await teacher.evaluate(() => localStorage.getItem("vigil.lead.class")), null);

    assert.deepEqual(learnerViolations, [], `axe-core violations:\n${learnerViolations.join("\n")}`);
    assert.deepEqual(violations, [], `axe-core violations:\n${violations.join("\n")}`);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a hostile or damaged address is refused with a clear message and changes nothing", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await openLead(browser.context, server.url, "?class#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
    await page.getByText('Line 1 was not added: "<" is not a character of a completion code.', { exact: false }).waitFor();
    assert.equal(await page.locator("img").count(), 0);
    // A second address while the page is open changes only its fragment: still read.
    await page.goto(`${server.url}lead/?class#${"Z".repeat(5000)}`);
    await page.getByText("Line 1 was not added: this is too long to be a completion code.").waitFor();
    await page.goto(`${server.url}lead/?class#1ABCD-EFGHJ-KMNPQ-RSTVW-XYZ01`);
    await page.getByText(/Line 1 was not added: the code (does not check out|is too short)/).waitFor();
    await page.getByText("No codes yet.").waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("vigil.lead.class")), null);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
