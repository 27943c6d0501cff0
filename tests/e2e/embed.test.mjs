// Vigil in an iframe on a host page of another origin, using the example host page and the
// vigil-host.js helper: events reach only configured origins, the iframe follows the content's
// height, and messages are accepted only from configured origins.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launch } from "./harness.mjs";

const HOST_PAGE = await readFile(new URL("../../embed/example-host.html", import.meta.url), "utf8");

/**
 * Serves Vigil, and the example host page as an intranet would deploy it: with Vigil's address
 * in its two lines. Host and Vigil are on different origins (localhost and 127.0.0.1).
 */
async function withEmbedded(allowed, body) {
  let port;
  const server = await startServer({
    config: (p) => JSON.stringify({ "embed-origins": allowed(p) }),
    extraFiles: {
      get "/host.html"() {
        const vigil = `http://127.0.0.1:${port}/training/vigil/`;
        return HOST_PAGE.replace("https://training.example.com/vigil/vigil-host.js", `${vigil}vigil-host.js`)
          .replace("https://training.example.com/vigil/", `${vigil}?module=front-desk-check-in`);
      },
    },
  });
  port = new URL(server.url).port;
  const browser = await launch();
  try {
    await body(server, browser);
  } finally {
    await browser.close();
    await server.close();
  }
}

const events = (page) => page.locator("#events li").allTextContents();

/** Waits until the host page has logged an event with all of `fields`. */
function waitForEvent(page, fields) {
  return page.waitForFunction((want) => {
    const logged = [...document.querySelectorAll("#events li")].map((li) => JSON.parse(li.textContent));
    return logged.some((e) => Object.entries(want).every(([k, v]) => e[k] === v));
  }, fields);
}

test("a host page at a configured origin gets Vigil's events, resizes the iframe and sets the language", () =>
  withEmbedded(
    (port) => [`http://localhost:${port}`],
    async (server, browser) => {
      const port = new URL(server.url).port;
      const host = await browser.context.newPage();
      await host.goto(`http://localhost:${port}/host.html`);
      const frame = host.frameLocator("#vigil");
      await frame.locator("article.step").waitFor();

      await waitForEvent(host, { type: "vigil:ready" });
      await waitForEvent(host, { type: "vigil:step", module: "front-desk-check-in", step: "welcome", number: 1 });

      // The iframe takes the height of Vigil's content.
      await host.waitForFunction(() => {
        const last = [...document.querySelectorAll("#events li")].map((li) => JSON.parse(li.textContent)).filter((e) => e.type === "vigil:height").pop();
        return last && document.getElementById("vigil").style.height === `${last.height}px`;
      });

      // A step on, then the host switches Vigil to French.
      await frame.getByRole("button", { name: "Continue" }).click();
      await waitForEvent(host, { type: "vigil:step", module: "front-desk-check-in", step: "arrival", number: 2 });
      await host.getByRole("button", { name: "Vigil en français" }).click();
      await frame.getByText(/^Étape 2 sur \d+$/).waitFor();
      assert.deepEqual(browser.errors, []);
    },
  ));

test("a host page at an origin that is not configured gets nothing and cannot steer Vigil", () =>
  withEmbedded(
    () => ["https://intranet.example.com"],
    async (server, browser) => {
      const port = new URL(server.url).port;
      const vigil = `http://127.0.0.1:${port}/training/vigil/?module=front-desk-check-in`;
      const host = await browser.context.newPage();
      const warnings = [];
      host.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
      await host.goto(`http://localhost:${port}/host.html?vigil=${encodeURIComponent(vigil)}`);
      const frame = host.frameLocator("#vigil");
      await frame.locator("article.step").waitFor();
      await host.getByRole("button", { name: "Vigil en français" }).click();
      await host.waitForTimeout(500);
      assert.deepEqual(await events(host), [], "no event reaches an origin that is not configured");
      assert.match(await frame.locator(".step-of").innerText(), /^Step 1 of \d+$/, "the message was ignored");
      assert.ok(warnings.some((w) => w.includes(`ignored a message from http://localhost:${port}`)), warnings.join("\n"));
    },
  ));
