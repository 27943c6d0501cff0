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
