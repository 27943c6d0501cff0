// A right-to-left language needs no CSS of its own: built with a pseudo-language that exists
// only as files (`ar-XB`, English written right to left: `cargo xtask fixture-language`), the
// page's `dir` follows the language, the layout mirrors, nothing overlaps and axe finds nothing,
// on the learner's home, a step with its feedback, the certificate and the lead page.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, axeViolations } from "./harness.mjs";

const DIST_RTL = process.env.VIGIL_DIST_RTL;
// One short module makes a whole track, so that the test reaches a certificate.
const CONFIG = JSON.stringify({ languages: ["ar-XB", "en"], "default-language": "ar-XB", modules: ["true-or-false"] });

/** Each pair of the elements' boxes that overlap by more than a pixel, named by selector. */
async function overlaps(page, selector) {
  return page.evaluate((selector) => {
    const boxes = [...document.querySelectorAll(selector)]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => ({ name: `${e.tagName.toLowerCase()}.${e.className}`, r: e.getBoundingClientRect() }));
    const found = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].r, boxes[j].r];
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) found.push(`${boxes[i].name} / ${boxes[j].name}`);
      }
    }
    return found;
  }, selector);
}

/** Where the element's first line of text starts and ends, and its box's sides. */
async function textSides(page, selector) {
  return page.locator(selector).first().evaluate((e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const line = range.getClientRects()[0];
    const box = e.getBoundingClientRect();
    return { textLeft: line.left, textRight: line.right, left: box.left, right: box.right };
  });
}

test("a right-to-left language mirrors every screen, with no overlap and no axe violation", async () => {
  assert.ok(DIST_RTL, "VIGIL_DIST_RTL names the build with the right-to-left fixture language (cargo xtask test builds it)");
  const server = await startServer({ config: CONFIG, dist: () => DIST_RTL });
  // The browser itself asks for the fixture language: the lead page, which stores nothing,
  // follows the browser's language when the organisation offers it.
  const browser = await launch({ locale: "ar-XB" });
  const found = [];
  try {
    const page = await open(browser.context, server.url);
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "ar-XB");

    // The header mirrors: the app's name at the right, the learner's menu to its left, and the
    // language menu, when it wraps, at the right under the name.
    const brand = await page.locator(".brand").boundingBox();
    const learnerMenu = await page.locator("header .learner").boundingBox();
    const menu = await page.locator("label.lang").boundingBox();
    assert.ok(brand.x > learnerMenu.x + learnerMenu.width, `brand at ${brand.x}, learner menu ends at ${learnerMenu.x + learnerMenu.width}`);
    assert.ok(menu.x + menu.width >= learnerMenu.x + learnerMenu.width, "the language menu is not at the left");
    // Text starts at the right: a heading's first line ends at its box's right side.
    const heading = await textSides(page, "main h2");
    assert.ok(Math.abs(heading.right - heading.textRight) < 2, JSON.stringify(heading));
    assert.ok(heading.textLeft - heading.left > 20, "and leaves room at the left");
    assert.deepEqual(await overlaps(page, "header.top-bar > *"), []);
    assert.deepEqual(await overlaps(page, ".module-card > *"), []);
    found.push(...(await axeViolations(page, "home, right to left")));

    // A step, answered: the feedback's bar stands at the start of the line, which is the right.
    await page.locator(".roles label").filter({ hasText: /Housekeeping/ }).click();
    await page.locator(".module-card a.button").first().click();
    await page.locator("article.step").waitFor();
    while ((await page.getByRole("radio").count()) === 0) {
      await page.locator("main button").filter({ hasText: /Continue|Start/ }).first().click();
      await page.locator("article.step").waitFor();
    }
    await page.getByRole("radio").first().click();
    found.push(...(await axeViolations(page, "a question, right to left")));
    await page.locator("main button").filter({ hasText: /Confirm/ }).click();
    const feedback = page.locator(".feedback");
    await feedback.waitFor();
    const bar = await feedback.evaluate((e) => {
      const style = getComputedStyle(e);
      return { right: style.borderRightWidth, left: style.borderLeftWidth };
    });
    assert.notEqual(bar.right, "0px", "the bar is at the right");
    assert.equal(bar.left, "0px");
    assert.deepEqual(await overlaps(page, "article.step > *"), []);
    found.push(...(await axeViolations(page, "feedback, right to left")));

    // The rest of the module, to its ending and the track's certificate.
    const restart = page.locator("main button").filter({ hasText: /Restart/ });
    while ((await restart.count()) === 0) {
      if ((await page.locator(".feedback").count()) === 0 && (await page.getByRole("radio").count()) > 0) {
        await page.getByRole("radio").first().click();
        await page.locator("main button").filter({ hasText: /Confirm/ }).click();
        await page.locator(".feedback").waitFor();
      }
      const before = await page.locator("article.step").getAttribute("data-step");
      await page.locator("main button").filter({ hasText: /Continue|See the result|Finish/ }).first().click();
      await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step !== id || [...document.querySelectorAll("main button")].some((b) => b.textContent.includes("Restart")), before);
    }
    found.push(...(await axeViolations(page, "ending, right to left")));

    // The certificate and the lead page follow the same direction.
    await page.goto(`${server.url}?certificate=housekeeping`);
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await page.locator(".certificate table").waitFor();
    const cell = await textSides(page, ".certificate td");
    assert.ok(Math.abs(cell.right - cell.textRight) < 12, `a table cell's text starts at the right: ${JSON.stringify(cell)}`);
    assert.deepEqual(await overlaps(page, ".certificate > *"), []);
    found.push(...(await axeViolations(page, "certificate, right to left")));

    await page.goto(`${server.url}lead/`);
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await page.locator("main h1").first().waitFor();
    assert.deepEqual(await overlaps(page, "header.top-bar > *"), []);
    const leadBrand = await page.locator(".brand").boundingBox();
    const leadNav = await page.locator(".lead-nav").boundingBox();
    assert.ok(leadBrand.x > leadNav.x + leadNav.width, "the lead page's header mirrors too");
    found.push(...(await axeViolations(page, "lead page, right to left")));

    // Back in English, the same page reads left to right again.
    await page.getByRole("combobox").selectOption("en");
    await page.waitForFunction(() => document.documentElement.dir === "ltr");
    const ltrBrand = await page.locator(".brand").boundingBox();
    const ltrNav = await page.locator(".lead-nav").boundingBox();
    assert.ok(ltrBrand.x + ltrBrand.width < ltrNav.x, "left to right in English");
    assert.deepEqual(found, [], `axe-core violations:\n${found.join("\n")}`);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
