// Switching language mid-module keeps the learner's place and progress; the first screen comes
// in the browser's language, with its lessons index asked for by the page itself.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, currentStepId, stepHeading, course } from "./harness.mjs";

test("switching to French then Dutch mid-module keeps the step and the progress", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.getByRole("link", { name: /^Start: Front desk/ }).click();
    await stepByMouse(page);
    await stepByMouse(page);
    const step = await currentStepId(page);
    const url = page.url();
    const stepOf = (await page.locator(".step-of").innerText()).match(/^Step (\d+) of (\d+)$/);

    const fr = (await course("fr")).modules.find((m) => m.id === "front-desk-check-in").steps.find((s) => s.id === step);
    await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
    await page.getByText(`Étape ${stepOf[1]} sur ${stepOf[2]}`).waitFor();
    assert.equal(await currentStepId(page), step);
    assert.equal(page.url(), url);
    const [kind, words] = Object.entries(fr.kind)[0];
    if (kind !== "true-false" && kind !== "multiple-choice") {
      // The interface's words change at once; the lesson's arrive with the French bundle.
      await page.waitForFunction((title) => document.querySelector("article.step h2")?.innerText === title, words.title, { timeout: 5000 });
      assert.equal(await stepHeading(page).innerText(), words.title);
    }
    assert.equal(await page.evaluate(() => document.documentElement.lang), "fr");

    // The choice of language is kept with the progress.
    await page.reload();
    await page.getByText(`Étape ${stepOf[1]} sur ${stepOf[2]}`).waitFor();

    await page.getByRole("combobox", { name: "Langue" }).selectOption("nl");
    await page.getByText(`Stap ${stepOf[1]} van ${stepOf[2]}`).waitFor();
    assert.equal(await currentStepId(page), step);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

for (const [locale, lang, heading] of [
  ["fr-BE", "fr", "Quelle est votre fonction ?"],
  ["nl-BE", "nl", "Wat is je functie?"],
  ["de-DE", "de", "Was ist Ihre Funktion?"],
  ["es-ES", "en", "What is your role?"],
]) {
  test(`a browser set to ${locale} gets the ${lang} lessons index once, asked for while the app downloads`, async () => {
    const server = await startServer();
    const browser = await launch({ locale });
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const asked = [];
      page.on("request", (request) => {
        const name = new URL(request.url()).pathname.split("/").pop();
        if (name.startsWith("index.")) asked.push(name);
      });
      await page.goto(server.url);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      // The app's own request took the page's preload: one request, made by the <link>.
      assert.deepEqual(asked, [`index.${lang}.json`]);
      const initiators = await page.evaluate(() =>
        performance.getEntriesByType("resource").filter((e) => e.name.includes("/lessons/index.")).map((e) => e.initiatorType),
      );
      assert.deepEqual(initiators, ["link"]);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
