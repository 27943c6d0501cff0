// WCAG 2.2 AA, checked by axe-core in Chromium on every screen a learner, a facilitator or an
// organisation's host page shows: 0 violations of any impact, each failure naming its screen and
// rule. The count per screen is printed as a diagnostic for the record.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, open, stepByMouse, axeViolations, course } from "./harness.mjs";

/** Runs axe on each screen given, and fails at the end with every violation of every screen. */
function auditor(t) {
  const found = [];
  return {
    async check(page, screen) {
      const violations = await axeViolations(page, screen);
      t.diagnostic(`${screen}: ${violations.length} violation(s)`);
      found.push(...violations);
    },
    done() {
      assert.deepEqual(found, [], `axe-core violations:\n${found.join("\n")}`);
    },
  };
}

async function withApp(options, body) {
  const { launchOptions, ...serverOptions } = options;
  const server = await startServer(serverOptions);
  const browser = await launch(launchOptions);
  try {
    await body(server, browser);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
}

const kindOf = async (page, module) => {
  const id = await page.locator("article.step").getAttribute("data-step");
  return Object.keys(module.steps.find((s) => s.id === id).kind)[0];
};

test("a learner's whole track: home, every step kind before and after an answer, feedback, ending, certificate", (t) =>
  withApp({}, async (server, browser) => {
    const audit = auditor(t);
    const page = await open(browser.context, server.url);
    const { modules } = await course("en");
    await page.getByRole("heading", { name: "All modules" }).waitFor();
    await audit.check(page, "home without a role");
    await page.getByRole("radio", { name: "Housekeeping" }).check();
    await page.getByRole("heading", { name: "Recommended for your role" }).waitFor();
    await audit.check(page, "home with a role");

    // The track's modules, in order; every step kind of the first is checked before and after
    // its answer, and the ending of each.
    const track = modules.filter((m) => m.roles.includes("housekeeping"));
    const seen = new Set();
    for (const module of track) {
      await page.getByRole("link", { name: new RegExp(`^(Start|Resume): ${module.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).click();
      await page.locator("article.step").waitFor();
      for (;;) {
        const kind = await kindOf(page, module);
        if (!seen.has(kind)) {
          await audit.check(page, `step: ${kind}`);
        }
        if (kind === "ending") {
          if (!seen.has(kind)) seen.add(kind);
          break;
        }
        const radios = page.getByRole("radio");
        if (!seen.has(kind) && (await radios.count()) > 0) {
          await radios.first().click();
          await audit.check(page, `step: ${kind}, answer chosen`);
          await page.getByRole("button", { name: "Confirm answer" }).click();
          await page.locator(".feedback").waitFor();
          await audit.check(page, `step: ${kind}, feedback`);
          const before = await page.locator("article.step").getAttribute("data-step");
          await page.getByRole("button", { name: "Continue" }).click();
          await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step !== id, before);
        } else {
          await stepByMouse(page);
        }
        seen.add(kind);
      }
      await page.getByRole("link", { name: "Back to all modules" }).click();
    }
    assert.deepEqual([...seen].sort(), ["decision", "ending", "key-points", "multiple-choice", "situation", "true-false"]);

    // A step visited earlier, shown read-only.
    await page.goto(`${server.url}?module=${track[0].id}&step=${track[0].start}`);
    await page.getByText("You already answered this step. This is what you chose.").or(page.locator(".earlier-note")).first().waitFor();
    await audit.check(page, "an earlier step, read-only");

    await page.goto(server.url);
    await page.getByRole("link", { name: "Your certificate for this role" }).click();
    await page.getByRole("heading", { name: "Certificate of completion" }).waitFor();
    await audit.check(page, "certificate");
    audit.done();
  }));

test("learners panel, export and import, and reporting contacts of a configured organisation", (t) =>
  withApp(
    {
      config: JSON.stringify({
        organisation: "Hotel Aurora",
        "accent-colour": "#7a1f5c",
        contacts: [{ label: "Duty manager", value: "ext. 401" }],
        "extra-channels": [{ label: "Group ethics line", value: "0800 12 345" }],
      }),
    },
    async (server, browser) => {
      const audit = auditor(t);
      const page = await open(browser.context, server.url);
      await page.getByText("Duty manager: ext. 401").waitFor();
      await audit.check(page, "reporting contacts, organisation's colour");
      await page.getByRole("button", { name: "Change learner" }).click();
      await page.getByRole("heading", { name: "Learners on this device" }).waitFor();
      await audit.check(page, "learners panel");
      await page.getByRole("button", { name: "Rename" }).first().click();
      await audit.check(page, "learners panel, renaming");
      await page.getByRole("button", { name: "Cancel" }).click();
      await page.getByRole("textbox", { name: "Name" }).fill("Anna");
      await page.getByRole("button", { name: "Add a learner" }).click();
      await page.getByText("Learner: Anna").waitFor();
      await page.getByRole("button", { name: "Change learner" }).click();
      await page.getByRole("button", { name: "Delete Anna" }).click();
      await audit.check(page, "learners panel, confirming a deletion");
      await page.getByRole("button", { name: "Cancel" }).click();
      await page.getByRole("button", { name: "Close" }).click();

      const dir = await mkdtemp(join(tmpdir(), "vigil-a11y-"));
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export my progress" }).click()]);
      const file = join(dir, "progress.json");
      await download.saveAs(file);
      await page.getByLabel("Import progress from a file").setInputFiles(file);
      await page.getByRole("button", { name: "Add to my progress" }).waitFor();
      await audit.check(page, "import, merge or replace");
      await page.getByRole("button", { name: "Add to my progress" }).click();
      await page.getByText("The progress from the file has been imported.").waitFor();
      await audit.check(page, "import done");
      await writeFile(join(dir, "bad.json"), "not progress");
      await page.getByLabel("Import progress from a file").setInputFiles(join(dir, "bad.json"));
      await page.getByRole("alert").getByText(/Nothing was changed/).waitFor();
      await audit.check(page, "import refused");
      audit.done();
    },
  ));

test("each notice: unreadable record, storage full, configuration problem", (t) =>
  withApp({ config: JSON.stringify({ "accent-colour": "#ffcc00", country: "DE" }) }, async (server, browser) => {
    const audit = auditor(t);
    const page = await open(browser.context, server.url);
    await page.getByText(/^Some of this training's settings could not be read/).waitFor();
    // #ffcc00 under white text would be 1.3:1: the header wears the darkened shade (the
    // console says why).
    assert.equal(await page.locator(".top-bar").evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(137, 110, 0)");
    await audit.check(page, "notice: configuration problem (and a darkened accent colour)");
    await page.evaluate(() => localStorage.setItem("vigil.progress", "{\"schema\":1,\"modules\":{"));
    await page.reload();
    await page.getByText(/Your saved progress on this device could not be read/).waitFor();
    await audit.check(page, "notice: unreadable record");
    await page.getByRole("link", { name: /^Start: / }).first().click();
    await stepByMouse(page);
    await page.evaluate(() => {
      let size = 1 << 20;
      let i = 0;
      while (size >= 1) {
        try {
          localStorage.setItem(`filler-${i++}`, "x".repeat(size));
        } catch {
          size = Math.floor(size / 2);
        }
      }
    });
    await stepByMouse(page);
    await page.getByText(/storage is full/).waitFor();
    await audit.check(page, "notice: storage full, on a step");
    audit.done();
  }));

test("storage blocked: the in-memory notice", (t) =>
  withApp({ launchOptions: { blockStorage: true } }, async (server, browser) => {
    const audit = auditor(t);
    const page = await open(browser.context, server.url);
    await page.getByText(/does not let Vigil save anything/).waitFor();
    await audit.check(page, "notice: storage blocked");
    audit.done();
  }));

test("Vigil framed by an intranet's host page", async (t) => {
  const hostPage = await readFile(new URL("../../embed/example-host.html", import.meta.url), "utf8");
  let port;
  const server = await startServer({
    config: (p) => JSON.stringify({ "embed-origins": [`http://localhost:${p}`] }),
    extraFiles: {
      get "/host.html"() {
        const vigil = `http://127.0.0.1:${port}/training/vigil/`;
        return hostPage.replace("https://training.example.com/vigil/vigil-host.js", `${vigil}vigil-host.js`).replace("https://training.example.com/vigil/", vigil);
      },
    },
  });
  port = new URL(server.url).port;
  const browser = await launch();
  try {
    const audit = auditor(t);
    const host = await browser.context.newPage();
    await host.goto(`http://localhost:${port}/host.html`);
    await host.frameLocator("#vigil").getByRole("heading", { name: "What is your role?" }).waitFor();
    await audit.check(host, "framed by a host page");
    audit.done();
  } finally {
    await browser.close();
    await server.close();
  }
});
