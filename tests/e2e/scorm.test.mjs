// Vigil launched by an LMS: scorm-again (npm) plays the LMS on the parent page, as an LMS's
// player frame does. A learner completes the module and the LMS data is read back; a relaunch
// with the saved data resumes at the same step; a failed commit is survived and retried.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launch, stepByMouse, moduleStatus, fixRandom } from "./harness.mjs";

const SCORM12 = await readFile(new URL("./node_modules/scorm-again/dist/scorm12.js", import.meta.url), "utf8");
const SCORM2004 = await readFile(new URL("./node_modules/scorm-again/dist/scorm2004.js", import.meta.url), "utf8");

// The LMS page: the API object, optionally with saved data for a relaunch, and the course in a
// frame, launched as the per-track package launches it.
const LMS_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="/scorm12.js"></script><script src="/scorm2004.js"></script>
<script>
  const params = new URLSearchParams(location.search);
  const settings = { autocommit: false, logLevel: 5 };
  if (params.get("commit")) settings.lmsCommitUrl = params.get("commit");
  if (params.get("standard") === "2004") window.API_1484_11 = new Scorm2004API(settings);
  else window.API = new Scorm12API(settings);
  if (params.get("saved")) (window.API || window.API_1484_11).loadFromJSON(JSON.parse(params.get("saved")));
  // Every value the LMS refuses, with its error code, as an LMS would log it.
  window.refused = [];
  const api = window.API || window.API_1484_11;
  for (const [set, error] of [["SetValue", "GetLastError"], ["LMSSetValue", "LMSGetLastError"]]) {
    if (!api[set]) continue;
    const original = api[set].bind(api);
    api[set] = (element, value) => {
      const result = original(element, value);
      if (String(result) !== "true") window.refused.push([element, value, api[error]()]);
      return result;
    };
  }
</script></head><body>
<iframe id="sco" title="course" style="width:100%;height:900px" src="/training/vigil/?role=front-desk"></iframe>
</body></html>`;

const files = { "/lms.html": LMS_PAGE, "/scorm12.js": SCORM12, "/scorm2004.js": SCORM2004 };
// A package of the front-desk module alone (an organisation that offers one module), so that
// completing it completes the track the LMS tracks.
const ONE_MODULE = JSON.stringify({ modules: ["front-desk-check-in"] });

async function course(page) {
  const frame = page.frameLocator("#sco");
  await frame.getByRole("combobox", { name: "Language" }).waitFor();
  return frame;
}

/** Answers and moves on inside the course frame, as stepByMouse does on a page. */
async function step(page) {
  const frame = page.frame({ url: /training\/vigil/ });
  return stepByMouse(frame);
}

test("SCORM 1.2: a completed module is reported, and a relaunch resumes at the same step", async () => {
  const server = await startServer({ extraFiles: files, config: ONE_MODULE });
  const browser = await launch();
  try {
    const lms = await browser.context.newPage();
    await lms.goto(`${server.origin}/lms.html`);
    const frame = await course(lms);
    await frame.getByRole("link", { name: /^Start: Front desk/ }).waitFor();
    // Leaving for the lead page would end the learner's LMS session: no link to it here.
    assert.equal(await frame.getByRole("link", { name: "Lead a session" }).count(), 0);
    await frame.getByRole("link", { name: /^Start: Front desk/ }).click();
    for (let i = 0; i < 4; i++) await step(lms);
    const where = await frame.locator("article.step").getAttribute("data-step");
    const midway = await lms.evaluate(() => ({
      status: API.cmi.core.lesson_status,
      location: API.cmi.core.lesson_location,
      suspend: API.cmi.suspend_data,
    }));
    assert.equal(midway.status, "incomplete");
    assert.equal(midway.location, `front-desk-check-in/${where}`);
    assert.ok(midway.suspend.startsWith("V1.") && midway.suspend.length <= 4096);

    // Relaunch on another machine (a fresh browser profile): the LMS hands back its data.
    const saved = JSON.stringify({ core: { entry: "resume", lesson_location: midway.location }, suspend_data: midway.suspend });
    const other = await launch();
    try {
      const again = await other.context.newPage();
      await again.goto(`${server.origin}/lms.html?saved=${encodeURIComponent(saved)}`);
      const frame2 = await course(again);
      await frame2.getByRole("link", { name: /^Resume: Front desk/ }).click();
      await frame2.locator(`article.step[data-step="${where}"]`).waitFor();
    } finally {
      await other.close();
    }

    // Finish the module: passed or failed against the mastery score, with the score.
    while (await step(lms));
    // The LMS's own JSON of its data model, as it would store it (it includes write-only
    // elements such as exit and session_time).
    const done = await lms.evaluate(() => {
      const cmi = JSON.parse(JSON.stringify(API.cmi));
      return {
        status: cmi.core.lesson_status,
        raw: cmi.core.score.raw,
        min: cmi.core.score.min,
        max: cmi.core.score.max,
        time: cmi.core.session_time,
        exit: cmi.core.exit,
      };
    });
    assert.ok(["passed", "failed"].includes(done.status), done.status);
    assert.match(done.raw, /^\d+$/);
    assert.deepEqual([done.min, done.max], ["0", "100"]);
    assert.match(done.time, /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/, "a SCORM 1.2 timespan");
    assert.equal(done.exit, "suspend");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("SCORM 2004: completion, success against the LMS's passing score, and scaled score are reported", async () => {
  const server = await startServer({ extraFiles: files, config: ONE_MODULE });
  const browser = await launch();
  // The draws fixed, so that the options shown first are the same poor ones on every run.
  await fixRandom(browser.context);
  try {
    const lms = await browser.context.newPage();
    // The LMS's administrator set a passing score of 0: the options shown first (which score
    // under 70% here) pass, where the package's own 70% would fail them.
    const saved = JSON.stringify({ scaled_passing_score: "0" });
    await lms.goto(`${server.origin}/lms.html?standard=2004&saved=${encodeURIComponent(saved)}`);
    const frame = await course(lms);
    // Before any module is started there is no location to write: none is written (an empty
    // cmi.location is a type mismatch, error 406, in SCORM 2004).
    await lms.waitForFunction(() => API_1484_11.cmi.completion_status === "incomplete");
    assert.equal(await lms.evaluate(() => API_1484_11.cmi.location), "");
    assert.deepEqual(await lms.evaluate(() => window.refused), [], "the LMS refused nothing");
    await frame.getByRole("link", { name: /^Start: Front desk/ }).click();
    await step(lms);
    assert.equal(await lms.evaluate(() => API_1484_11.cmi.completion_status), "incomplete");
    while (await step(lms));
    const done = await lms.evaluate(() => ({
      completion: API_1484_11.cmi.completion_status,
      success: API_1484_11.cmi.success_status,
      scaled: API_1484_11.cmi.score.scaled,
      suspend: API_1484_11.cmi.suspend_data,
    }));
    assert.equal(done.completion, "completed");
    assert.match(String(done.scaled), /^(0(\.\d+)?|1)$/);
    assert.ok(Number(done.scaled) < 0.7, `scored under the package's mark (${done.scaled})`);
    assert.equal(done.success, "passed", "judged by the LMS's passing score");
    assert.ok(done.suspend.startsWith("V1."));
    assert.deepEqual(await lms.evaluate(() => window.refused), [], "the LMS refused nothing");
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a failed LMS commit is survived: progress stays on the device and is sent again", async () => {
  let failing = true;
  const commits = [];
  const server = await startServer({
    extraFiles: files,
    config: ONE_MODULE,
    handlers: {
      "/commit": (req, res) => {
        let body = "";
        req.on("data", (chunk) => (body += chunk));
        req.on("end", () => {
          commits.push({ failing, body });
          if (failing) res.writeHead(500).end("LMS unavailable");
          else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ result: true, errorCode: 0 }));
        });
      },
    },
  });
  const browser = await launch();
  try {
    const lms = await browser.context.newPage();
    await lms.goto(`${server.origin}/lms.html?commit=/commit`);
    const frame = await course(lms);
    await frame.getByRole("link", { name: /^Start: Front desk/ }).click();
    await step(lms);
    await step(lms);
    assert.ok(commits.length > 0 && commits.every((c) => c.failing), "the LMS refused the commits");
    await frame.locator("article.step").waitFor();
    const local = await lms.frame({ url: /training\/vigil/ }).evaluate(() => JSON.parse(localStorage.getItem("vigil.progress")));
    assert.equal(local.modules["front-desk-check-in"].path.length, 3, "the progress is kept on the device");

    failing = false;
    await lms.waitForFunction(() => true);
    const deadline = Date.now() + 25_000;
    while (!commits.some((c) => !c.failing) && Date.now() < deadline) await lms.waitForTimeout(250);
    const accepted = commits.find((c) => !c.failing);
    assert.ok(accepted, "the commit was sent again once the LMS answered");
    assert.match(accepted.body, /suspend_data/);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("SCORM 2004: the interface opens in the learner's language on the LMS, until they choose another", async () => {
  const server = await startServer({ extraFiles: files, config: ONE_MODULE });
  const browser = await launch();
  try {
    const lms = await browser.context.newPage();
    const saved = encodeURIComponent(JSON.stringify({ learner_preference: { language: "nl-BE" } }));
    await lms.goto(`${server.origin}/lms.html?standard=2004&saved=${saved}`);
    const frame = lms.frameLocator("#sco");
    const menu = frame.getByRole("combobox", { name: "Taal" });
    await menu.waitFor();
    await frame.getByRole("heading", { name: "Wat is je functie?" }).waitFor();
    await menu.selectOption("fr");
    await frame.getByRole("combobox", { name: "Langue" }).waitFor();
    // Relaunched by the same LMS, the learner's own choice stays.
    await lms.reload();
    await frame.getByRole("combobox", { name: "Langue" }).waitFor();
    // Settled: the configuration and the LMS were both read, and French stayed.
    await lms.waitForTimeout(1000);
    assert.equal(await frame.getByRole("combobox", { name: "Langue" }).count(), 1);
    // The LMS serves the course: Vigil registers no service worker on its site.
    const sco = lms.frame({ url: /training\/vigil/ });
    assert.equal(await sco.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("SCORM 1.2 on a shared PC: each LMS learner has their own progress, and nobody's is reported as another's", async () => {
  const server = await startServer({ extraFiles: files, config: ONE_MODULE });
  const browser = await launch();
  const as = (id, name) => `${server.origin}/lms.html?saved=${encodeURIComponent(JSON.stringify({ core: { student_id: id, student_name: name } }))}`;
  try {
    // Jane completes the module.
    const lms = await browser.context.newPage();
    await lms.goto(as("a1", "Doe, Jane"));
    let frame = await course(lms);
    await frame.getByText("Learner: Jane Doe").waitFor();
    // The LMS says who is learning: there is no switching to someone else here.
    assert.equal(await frame.getByRole("button", { name: "Change learner" }).count(), 0);
    await frame.getByRole("link", { name: /^Start: Front desk/ }).click();
    while (await step(lms));
    assert.ok(["passed", "failed"].includes(await lms.evaluate(() => API.cmi.core.lesson_status)));

    // Luc, on the same browser, starts from nothing: Jane's completion is not his.
    await lms.goto(as("b2", "Martin, Luc"));
    frame = await course(lms);
    await frame.getByText("Learner: Luc Martin").waitFor();
    await moduleStatus(frame).getByText("Not started").waitFor();
    await frame.getByRole("link", { name: /^Start: Front desk/ }).click();
    await step(lms);
    assert.equal(await lms.evaluate(() => API.cmi.core.lesson_status), "incomplete");

    // Jane again: her own progress, completed.
    await lms.goto(as("a1", "Doe, Jane"));
    frame = await course(lms);
    await frame.getByText("Learner: Jane Doe").waitFor();
    await moduleStatus(frame).getByText(/^Completed, score \d+%$/).waitFor();
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
