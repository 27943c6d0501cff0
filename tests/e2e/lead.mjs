// Shared by the lead page's browser tests (facilitator mode, guide, class summary): opening the
// lead page, reading its content files as it does, axe-core, and reading a QR code.

import { readFile } from "node:fs/promises";
import { join } from "node:path";

const DIST = process.env.VIGIL_DIST ?? new URL("../../dist", import.meta.url).pathname;

/** Opens the lead page at `query` (e.g. "?module=front-desk-check-in") and waits for its header. */
export async function openLead(context, url, query = "") {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}lead/${query}`);
  await page.getByRole("combobox", { name: /Language|Langue|Taal/ }).waitFor();
  return page;
}

/** A module with its facilitator texts, as the lead page reads it (`lessons/lead/`). */
export async function leadModule(id, lang = "en") {
  const read = async (file) => JSON.parse(await readFile(join(DIST, "lessons", "lead", file), "utf8"));
  const index = await read(`index.${lang}.json`);
  return read(index.modules.find((m) => m.id === id).file);
}

/** The lead page's index of a language. */
export async function leadIndex(lang = "en") {
  return JSON.parse(await readFile(join(DIST, "lessons", "lead", `index.${lang}.json`), "utf8"));
}

const AXE = await readFile(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/**
 * Runs axe-core (every rule it enables by default: WCAG 2.0 to 2.2 A and AA, and its best
 * practices) on the page. Returns one line per violation, naming the screen, the rule, its impact
 * and the elements.
 */
export async function axeViolations(page, screen) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.addScriptTag({ content: AXE });
  }
  const violations = await page.evaluate(() =>
    window.axe
      .run(document, { resultTypes: ["violations"] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))),
  );
  return violations.map((v) => `${screen}: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.join(", ")}`);
}

const JSQR = await readFile(new URL("./node_modules/jsqr/dist/jsQR.js", import.meta.url), "utf8");

/**
 * Reads the QR code in `locator` as a phone would see it: a screenshot of it on screen, decoded
 * by jsQR in a blank page of the same browser. Returns the decoded text, or null.
 */
export async function readQr(context, locator) {
  const png = await locator.screenshot();
  const reader = await context.newPage();
  try {
    await reader.addScriptTag({ content: JSQR });
    return await reader.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      return window.jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
    }, png.toString("base64"));
  } finally {
    await reader.close();
  }
}
