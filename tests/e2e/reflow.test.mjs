// Reflow and resize: at 320 CSS px wide, and with the browser's text at 200%, no screen scrolls
// sideways and no control sits outside the viewport; every target is at least 24 by 24 px
// (WCAG 2.2's 2.5.8, with its exception for links inside a sentence); with reduced motion asked
// for, nothing moves; the page's language follows the learner's choice.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, stepByMouse, currentStepId } from "./harness.mjs";

/** What is wrong with the layout of the page as it is now, one line per problem. */
const layoutProblems = (page, screen) =>
  page.evaluate((screen) => {
    const width = document.documentElement.clientWidth;
    const problems = [];
    if (document.documentElement.scrollWidth > width) {
      problems.push(`${screen}: the page scrolls sideways (${document.documentElement.scrollWidth} px wide in ${width} px)`);
    }
    const describe = (el) => `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (el.closest(".skip-link") || el.classList.contains("skip-link")) continue;
      if (box.left < -0.5 || box.right > width + 0.5) problems.push(`${screen}: ${describe(el)} is outside the viewport (${Math.round(box.left)} to ${Math.round(box.right)} px)`);
      // The target: a radio, a checkbox or a file field is operated through its label too.
      const label = ["radio", "checkbox", "file"].includes(el.type) ? el.closest("label") : null;
      const target = (label ?? el).getBoundingClientRect();
      // A link inside a sentence is excepted: its size is the line's.
      const inSentence = el.tagName === "A" && [...el.parentElement.childNodes].some((n) => n !== el && n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== "");
      if (!inSentence && (target.width < 24 || target.height < 24)) {
        problems.push(`${screen}: ${describe(el)} is a ${Math.round(target.width)} by ${Math.round(target.height)} px target`);
      }
    }
    return problems;
  }, screen);

/** Goes through the screens a learner meets and collects every layout problem. */
async function walkScreens(page) {
  const problems = [];
  const check = async (screen) => problems.push(...(await layoutProblems(page, screen)));
  await check("home");
  await page.getByRole("radio", { name: "Front desk" }).check();
  await page.getByRole("heading", { name: "Recommended for your role" }).waitFor();
  await check("home with a role");
  await page.getByRole("button", { name: "Change learner" }).click();
  await page.getByRole("heading", { name: "Learners on this device" }).waitFor();
  await check("learners panel");
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("link", { name: /^Start: Front desk: / }).click();
  await page.locator("article.step").waitFor();
  await check("first step");
  while (!(await page.getByRole("button", { name: "Restart module" }).isVisible())) {
    const radios = page.getByRole("radio");
    if ((await radios.count()) > 0) {
      await check("a question");
      await radios.first().click();
      await page.getByRole("button", { name: "Confirm answer" }).click();
      await page.locator(".feedback").waitFor();
      await check("feedback");
    }
    const before = await currentStepId(page);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step !== id, before);
  }
  await check("ending");
  return problems;
}

test("at 320 CSS px wide nothing scrolls sideways, every control is in view and big enough", async () => {
  const server = await startServer({ config: JSON.stringify({ organisation: "Hotel Aurora", contacts: [{ label: "Duty manager", value: "ext. 401" }] }) });
  const browser = await launch({ viewport: { width: 320, height: 640 } });
  try {
    const page = await open(browser.context, server.url);
    await page.getByText("Hotel Aurora").waitFor();
    assert.deepEqual(await walkScreens(page), []);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("with the browser's text at 200% nothing is cut off or out of view", async () => {
  const server = await startServer();
  const browser = await launch({ fontSize: 32, viewport: { width: 640, height: 800 } });
  try {
    const page = await open(browser.context, server.url);
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector(".lead")).fontSize));
    assert.ok(size >= 32, `the text follows the browser's setting (${size} px)`);
    assert.deepEqual(await walkScreens(page), []);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("with reduced motion asked for nothing moves, and the page's language follows the learner's", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    await page.emulateMedia({ reducedMotion: "reduce" });
    const moving = () =>
      page.evaluate(() =>
        [document.documentElement, ...document.querySelectorAll("body *")]
          .filter((el) => {
            const style = getComputedStyle(el);
            const seconds = (list) => list.split(",").some((t) => parseFloat(t) > 0);
            return (style.animationName !== "none" && seconds(style.animationDuration)) || seconds(style.transitionDuration) || style.scrollBehavior === "smooth";
          })
          .map((el) => el.tagName.toLowerCase() + (el.className ? `.${el.className}` : "")),
      );
    assert.deepEqual(await moving(), []);
    await page.getByRole("link", { name: /^Start: Front desk: / }).click();
    await stepByMouse(page);
    assert.deepEqual(await moving(), []);

    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    for (const [lang, label] of [["fr", "Language"], ["nl", "Langue"], ["en", "Taal"]]) {
      await page.getByRole("combobox", { name: label }).selectOption(lang);
      await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
    }
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
