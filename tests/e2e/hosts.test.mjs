// Hosts set up for single-page apps answer every address that has no file with index.html,
// status 200: served so, under a sub-path, Vigil must read that as no configuration, tell a
// learner at most one calm line when a real file has problems, and give the administrator every
// detail in the console and on `?check`.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launch, open, DIST, axeViolations } from "./harness.mjs";

const BASE = "/intranet/training/";
const CALM = "Some of this training's settings could not be read, so the standard settings are used instead.";

/** The console's messages of a page, by type, from now on. */
function consoleOf(page) {
  const messages = [];
  page.on("console", (m) => messages.push({ type: m.type(), text: m.text() }));
  return messages;
}

/** The deployment check's findings, once it has run: each line's level and text. */
async function findings(page) {
  await page.locator(".check-summary").waitFor();
  // The text as written (the stylesheet shows the level in capitals).
  return page.locator("ul.checks li").allTextContents();
}

test("a host that answers every address with index.html: no configuration, nothing shown to the learner", async () => {
  const server = await startServer({ base: BASE, fallback: true });
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const messages = consoleOf(page);
    await open(browser.context, server.url);
    await page.getByRole("heading", { name: "What is your role?" }).waitFor();
    assert.equal(await page.locator(".roles label").count(), 8, "every role, as by default");
    // The same host gives the app's page for a deep link, which still lands on the module.
    await page.goto(`${server.url}?module=front-desk-check-in`);
    await page.locator("article.step").waitFor();
    await page.goto(server.url);
    await page.getByRole("heading", { name: "What is your role?" }).waitFor();
    assert.equal(await page.locator(".notice").count(), 0, "no notice at all");
    assert.ok(!(await page.locator("body").innerText()).includes("vigil.config.json"));
    assert.deepEqual(messages.filter((m) => (m.type === "warning" || m.type === "error") && m.text.includes("config")), []);
    // What was found is noted in the console, for whoever looks.
    assert.ok(messages.some((m) => m.text.includes(`${server.url}vigil.config.json: the host answered with Vigil's own page`)), JSON.stringify(messages));
    // The lead page reads the configuration a folder up, and gets the page there too.
    await page.goto(`${server.url}lead/`);
    await page.getByRole("heading", { name: "Lead a session", level: 1 }).waitFor();
    assert.equal(await page.locator(".notice").count(), 0);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a broken configuration: the learner sees one calm line, the console every problem with its field and what is used", async () => {
  const config = JSON.stringify({ organisation: "Hotel Aurora", "accent-colour": "red", languages: "fr", colour: "#fff" });
  const server = await startServer({ base: BASE, fallback: true, config });
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const messages = consoleOf(page);
    await open(browser.context, server.url);
    await page.getByText("Hotel Aurora").waitFor();
    const notice = page.locator(".notice p");
    await notice.waitFor();
    assert.deepEqual(await notice.allInnerTexts(), [CALM]);
    const text = await page.locator("body").innerText();
    for (const detail of ["accent-colour", "field", "JSON", "vigil.config.json"]) assert.ok(!text.includes(detail), `no "${detail}" for the learner`);
    const warnings = messages.filter((m) => m.type === "warning" && m.text.includes("vigil.config.json"));
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    const url = `${server.url}vigil.config.json`;
    assert.deepEqual(warnings[0].text.split("\n"), [
      `${url}: read, 3 problems; each setting named falls back alone, the rest applies`,
      `${url}: unknown field \`colour\`, expected one of: organisation, logo, accent-colour, contacts, country, extra-channels, support, roles, modules, languages, default-language, lms, embed-origins, xapi, offline; ignored`,
      `${url}: field \`accent-colour\`: must be a colour such as #0b5c78; using the default: #0b5c78`,
      `${url}: field \`languages\`: must be a list; using the default: every present language but drafts`,
    ]);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("the app's page served as application/json for vigil.config.json is no configuration", async () => {
  const index = await readFile(join(DIST, "index.html"), "utf8");
  const server = await startServer({ base: BASE, config: index, configType: "application/json" });
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByRole("heading", { name: "What is your role?" }).waitFor();
    assert.equal(await page.locator(".notice").count(), 0);
    await page.goto(`${server.url}?check`);
    const lines = await findings(page);
    assert.ok(lines.some((l) => l.startsWith(`note ${server.url}vigil.config.json: the host answered with Vigil's own page`)), lines.join("\n"));
    // This host answers a missing address with 404.
    assert.ok(lines.includes(`ok ${server.url}vigil-check-no-such-file.json: a missing address answers HTTP 404`), lines.join("\n"));
  } finally {
    await browser.close();
    await server.close();
  }
});

test("?check on a fallback host lists where the configuration was looked for, and every file an administrator gets wrong", async () => {
  const server = await startServer({ base: BASE, fallback: true });
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    // The learner's visit registers the service worker; the check then finds it.
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.active), null, { timeout: 20_000 }).catch(() => {});
    await page.goto(`${server.url}?check`);
    await page.getByRole("heading", { name: "Vigil: deployment check" }).waitFor();
    const lines = await findings(page);
    const u = server.url;
    const wasm = lines.find((l) => l.includes("_bg.wasm"));
    assert.match(wasm, new RegExp(`^ok ${u}vigil-[0-9a-f]+_bg\\.wasm: served as application/wasm$`));
    for (const line of [
      `note ${u}vigil.config.json: the host answered with Vigil's own page (it serves index.html for every address it has no file for), so there is no file; every default applies`,
      `ok ${u}locales/en.json: reachable`,
      `ok ${u}lessons/index.en.json: reachable`,
      `ok ${u}sw.js: served as JavaScript; its scope is this folder`,
      `ok ${u}: a secure context: Vigil can work offline`,
      `ok ${u}: a service worker is registered for this folder`,
      `note ${u}vigil-check-no-such-file.json: a missing address answers with Vigil's page (a single-page-app fallback): fine, Vigil reads that as no file`,
    ]) {
      assert.ok(lines.includes(line), `missing: ${line}\nin:\n${lines.join("\n")}`);
    }
    assert.equal(await page.locator(".check-summary").innerText(), "Nothing to put right.");
    assert.deepEqual(await axeViolations(page, "deployment check"), []);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("?check on a misconfigured host: each configuration problem with its field and default, and the wasm's type", async () => {
  const config = JSON.stringify({ country: "UK", offline: "no" });
  const server = await startServer({ base: BASE, fallback: true, config, types: { ".wasm": "application/octet-stream" } });
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${server.url}index.html?check`);
    const lines = await findings(page);
    const url = `${server.url}vigil.config.json`;
    for (const line of [
      `note ${url}: read, 2 problems; each setting named falls back alone, the rest applies`,
      `problem ${url}: field \`country\`: must be one of BE, NL, FR, DE, AT, CH; using the default: BE`,
      `problem ${url}: field \`offline\`: must be true or false; using the default: true`,
    ]) {
      assert.ok(lines.includes(line), `missing: ${line}\nin:\n${lines.join("\n")}`);
    }
    assert.ok(lines.some((l) => /^problem .*_bg\.wasm: served as `application\/octet-stream`: serve \.wasm files as application\/wasm/.test(l)), lines.join("\n"));
    assert.equal(await page.locator(".check-summary").innerText(), "3 problems to put right.");
  } finally {
    await browser.close();
    await server.close();
  }
});
