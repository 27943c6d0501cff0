// Part of `cargo xtask bench --trace`: a Chromium trace of the first load of a deep link to a
// step, with the CPU slowed 4x (as Lighthouse's mobile run does): how many wasm functions are
// compiled lazily before the step shows, the time spent compiling them, and the longest task
// on the page's main thread. The median of 3 loads, each in a fresh profile.

import { launch, startServer } from "./harness.mjs";

const CATEGORIES = [
  "toplevel",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8.wasm",
  "disabled-by-default-v8.wasm.detailed",
].join(",");

async function traceOnce(url) {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const events = [];
    cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
    const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.start", { categories: CATEGORIES, transferMode: "ReportEvents" });
    await page.goto(url);
    await page.locator("article.step").waitFor();
    // Let the work that follows the first step (effects, idle prefetch) show in the trace.
    await page.waitForTimeout(1500);
    await cdp.send("Tracing.end");
    await done;
    const first = await page.evaluate(() => performance.getEntriesByName("vigil:first-step")[0]?.startTime ?? NaN);
    return summarise(events, first);
  } finally {
    await browser.close();
  }
}

function summarise(events, firstStep) {
  const main = new Set(
    events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = (e) => main.has(`${e.pid}:${e.tid}`);
  const lazy = events.filter((e) => /CompileLazy/.test(e.name));
  const navigation = events.find((e) => e.name === "navigationStart" && onMain(e))?.ts ?? Math.min(...events.map((e) => e.ts).filter((t) => t > 0));
  const beforeFirstStep = lazy.filter((e) => (e.ts - navigation) / 1000 <= firstStep);
  const tasks = events.filter((e) => e.name === "RunTask" && onMain(e) && e.dur);
  const longest = Math.max(0, ...tasks.map((e) => e.dur)) / 1000;
  return {
    "first step shown (ms)": firstStep,
    "wasm functions compiled lazily, in all": lazy.length,
    "of them before the first step": beforeFirstStep.length,
    "time compiling them (ms)": lazy.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000,
    "longest main-thread task (ms)": longest,
    "tasks over 50 ms": tasks.filter((e) => e.dur > 50_000).length,
  };
}

const server = await startServer({ compress: true });
try {
  const url = `${server.url}?module=front-desk-check-in`;
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await traceOnce(url));
  console.log("\nfirst load of a deep link to a step, CPU slowed 4x (Chromium trace, median of 3)");
  for (const key of Object.keys(runs[0])) {
    const values = runs.map((r) => r[key]).sort((a, b) => a - b);
    console.log(`  ${key.padEnd(40)} ${values[1].toFixed(0).padStart(6)}   (runs: ${runs.map((r) => r[key].toFixed(0)).join(", ")})`);
  }
} finally {
  await server.close();
}
