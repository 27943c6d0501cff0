// An organisation configures Vigil with vigil.config.json beside index.html, without a
// rebuild; a broken file is reported by field and the app still runs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse } from "./harness.mjs";

const AURORA = JSON.stringify({
  organisation: "Hotel Aurora",
  "accent-colour": "#7a1f5c",
  contacts: [{ label: "Duty manager", value: "ext. 401" }],
  country: "BE",
  "extra-channels": [{ label: "Group ethics line", value: "0800 12 345" }],
  support: [{ label: "Programme d'aide aux employés", value: "0800 55 555" }],
  roles: ["front-desk", "housekeeping", "security", "manager"],
  languages: ["fr", "nl"],
  "default-language": "fr",
});

test("a configured organisation: name, colour, contacts, roles and languages, with no rebuild", async () => {
  const server = await startServer({ config: AURORA });
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByText("Hotel Aurora").waitFor();
    await page.getByRole("heading", { name: "Quelle est votre fonction ?" }).waitFor();
    // The first learner, named before the configuration was read, is named in French too.
    await page.getByText("Apprenant·e : Apprenant·e 1").waitFor();
    const languages = await page.getByRole("combobox", { name: "Langue" }).locator("option").allTextContents();
    assert.deepEqual(languages, ["Français", "Nederlands"]);
    const roles = await page.locator(".roles label").allInnerTexts();
    assert.deepEqual(roles, ["Réception", "Service des étages", "Sécurité et personnel de nuit", "Responsable"]);
    // French puts a non-breaking space before the colon.
    await page.getByText("Duty manager\u00a0: ext. 401").waitFor();
    await page.getByText("Group ethics line\u00a0: 0800 12 345").waitFor();
    await page.getByText(/Child Focus\u00a0: 116 000/).waitFor();
    // Support for the learner: the organisation's own first, then the country's lines.
    const support = page.locator("section.support");
    await support.getByRole("heading", { name: "Du soutien pour vous" }).waitFor();
    const lines = await support.locator("li .channel-name").allInnerTexts();
    assert.deepEqual(lines, ["Programme d'aide aux employés", "Tele-Onthaal (en néerlandais)", "Télé-Accueil", "1712", "SOS Viol", "Awel (en néerlandais)"]);
    const accent = await page.locator(".top-bar").evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(accent, "rgb(122, 31, 92)");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a broken configuration is told in one calm line (the fields are the console's), and the app runs on the defaults", async () => {
  const server = await startServer({ config: JSON.stringify({ organisation: "Hotel Aurora", "accent-colour": "red", languages: "fr" }) });
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByText("Some of this training's settings could not be read, so the standard settings are used instead.").waitFor();
    assert.equal(await page.getByText(/accent-colour|using the default/).count(), 0, "no details for the learner");
    await page.getByText("Hotel Aurora").waitFor();
    assert.equal((await page.locator(".roles label").allInnerTexts()).length, 8);
    const languages = await page.getByRole("combobox", { name: "Language" }).locator("option").allTextContents();
    assert.deepEqual(languages, ["English", "Deutsch", "Français", "Nederlands"]);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a configuration file that is not JSON leaves every default and says so calmly", async () => {
  const server = await startServer({ config: "organisation = Hotel Aurora" });
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByText(/^Some of this training's settings could not be read/).waitFor();
    assert.equal(await page.getByText(/not valid JSON/).count(), 0);
    await page.getByRole("link", { name: /^Start: Front desk/ }).click();
    await page.locator("article.step").waitFor();
  } finally {
    await browser.close();
    await server.close();
  }
});

test("configured for the Netherlands, a module's ending sends the learner to the Dutch channels, with no Belgian number", async () => {
  const server = await startServer({ config: JSON.stringify({ country: "NL" }) });
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByRole("radio", { name: "Front desk" }).check();
    await page.getByRole("link", { name: /^Start: Front desk/ }).click();
    while (await stepByMouse(page));
    const ending = page.locator("article.step");
    await ending.getByRole("heading", { name: "Who to tell" }).waitFor();
    await ending.getByText(/Veilig Thuis: 0800-2000/).waitFor();
    assert.match(await ending.locator(".prose").innerText(), /listed below, under "Who to tell"/);
    const text = await ending.innerText();
    for (const belgian of ["101", "116 000", "jedisstop.be"]) assert.ok(!text.includes(belgian), `no ${belgian} at the ending`);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
