// Part of `cargo xtask bench`: the median over 10 loads, each in a fresh Chromium profile (a
// cold cache, as a learner's first visit), of the time from navigation start to the first
// rendered step, read from the app's own `vigil:first-step` performance mark.

import { startServer, launch } from "./harness.mjs";

const server = await startServer();
const times = [];
try {
  for (let i = 0; i < 10; i++) {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}?module=front-desk-check-in`);
      await page.locator("article.step").waitFor();
      const mark = await page.evaluate(() => performance.getEntriesByName("vigil:first-step")[0]?.startTime);
      if (typeof mark !== "number") throw new Error("the app set no vigil:first-step mark");
      times.push(mark);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
const sorted = [...times].sort((a, b) => a - b);
const median = (sorted[4] + sorted[5]) / 2;
console.log("\ntime from navigation start to the first rendered step (ms, headless Chromium, 127.0.0.1, fresh profile each)");
console.log(`loads:  ${times.map((t) => t.toFixed(0)).join(" ")}`);
console.log(`median: ${median.toFixed(0)} ms`);

// What a module's first open costs: from the click on "Start" to its first step, with its
// content fetched on the click (no role chosen, so nothing was prefetched), and with it
// prefetched while the browser was idle (the role chosen first); and the bytes it fetches.
async function firstOpen(prefetched) {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const fetched = [];
    page.on("response", async (r) => {
      if (/lessons\/front-desk-check-in\./.test(r.url())) fetched.push((await r.body()).length);
    });
    await page.goto(server2.url);
    if (prefetched) {
      await page.getByRole("radio", { name: "Front desk" }).check();
      await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /lessons\/front-desk-check-in\./.test(e.name)));
    } else {
      await page.locator("ul.modules").waitFor();
    }
    const start = await page.evaluate(() => performance.now());
    await page.getByRole("link", { name: /^Start: Front desk/ }).click();
    await page.locator("article.step").waitFor();
    const shown = await page.evaluate(() => performance.now());
    return { ms: shown - start, bytes: fetched[0] ?? 0 };
  } finally {
    await browser.close();
  }
}

const server2 = await startServer({ compress: true });
try {
  for (const prefetched of [false, true]) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await firstOpen(prefetched));
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    console.log(
      `first open of a module, ${prefetched ? "prefetched while idle" : "fetched on the click"}: median ${ms[2].toFixed(0)} ms (runs ${runs.map((r) => r.ms.toFixed(0)).join(" ")}), content ${runs[0].bytes} bytes raw`,
    );
  }
} finally {
  await server2.close();
}
