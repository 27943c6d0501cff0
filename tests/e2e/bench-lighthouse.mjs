// Part of `cargo xtask bench --lighthouse`: Lighthouse (npm, its default mobile settings:
// simulated slow 4G and a 4x slower CPU) against the release build served under a sub-path
// with brotli, as a host would serve it; three runs each of the home page and a deep link to a
// step, and the median of each figure.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startServer } from "./harness.mjs";

const run = promisify(execFile);
const cli = process.argv[2];
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run";

const server = await startServer({ compress: true });
const pages = {
  home: server.url,
  "deep link to a step": `${server.url}?module=front-desk-check-in&step=welcome`,
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
try {
  console.log("\nLighthouse 12.2.3, mobile defaults, headless Debian Chromium, median of 3");
  for (const [name, url] of Object.entries(pages)) {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const dir = await mkdtemp(join(tmpdir(), "vigil-lh-"));
      const out = join(dir, "report.json");
      try {
        await run("node", [cli, url, "--quiet", "--only-categories=performance,accessibility,best-practices", "--output=json", `--output-path=${out}`, `--chrome-flags=${FLAGS} --user-data-dir=${join(dir, "profile")}`], {
          env: { ...process.env, CHROME_PATH: CHROMIUM },
          maxBuffer: 1 << 26,
        });
        const lhr = JSON.parse(await readFile(out, "utf8"));
        const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
        runs.push({
          performance: Math.round(lhr.categories.performance.score * 100),
          accessibility: Math.round((lhr.categories.accessibility?.score ?? NaN) * 100),
          "best-practices": Math.round((lhr.categories["best-practices"]?.score ?? NaN) * 100),
          "first contentful paint (ms)": audit("first-contentful-paint"),
          "largest contentful paint (ms)": audit("largest-contentful-paint"),
          "total blocking time (ms)": audit("total-blocking-time"),
          "speed index (ms)": audit("speed-index"),
          "cumulative layout shift (x1000)": audit("cumulative-layout-shift") * 1000,
          "time to interactive (ms)": audit("interactive"),
          "transferred (KiB)": audit("total-byte-weight") / 1024,
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    console.log(`\n${name}: ${url}`);
    for (const key of Object.keys(runs[0])) {
      const values = runs.map((r) => r[key]);
      console.log(`  ${key.padEnd(32)} ${median(values).toFixed(0).padStart(6)}   (runs: ${values.map((v) => v.toFixed(0)).join(", ")})`);
    }
  }
} finally {
  await server.close();
}
