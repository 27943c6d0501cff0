// The cmi5 package of `cargo xtask package` (vigil-cmi5.zip) imported by a cmi5 LMS
// (cmi5-player.mjs, which refuses statements as CATAPULT's player does), its AUs launched with
// the launch parameters that LMS gives, a learner playing in Chromium and leaving by the return
// link, and every statement the LMS received held to the cmi5 rules.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { zipSync, unzipSync } from "fflate";
import { launch, open, fixRandom } from "./harness.mjs";
import { importPackage, startPlayer } from "./cmi5-player.mjs";
import { CMI5_ZIP, learner, playTrack, leave, checkSession } from "./cmi5-learner.mjs";

test("the package imports: cmi5.xml at the root, the whole course and one AU per track, titled in every offered language", async () => {
  const bytes = await readFile(CMI5_ZIP);
  const { course, aus, files } = importPackage(bytes);
  assert.match(course.id, /^https:\/\/\S+\/course$/);
  const offered = ["en", "de", "fr", "nl"];
  assert.deepEqual(Object.keys(course.title), offered);
  assert.deepEqual(Object.keys(course.description), offered);
  assert.equal(aus[0].url, "index.html");
  assert.equal(aus[0].title.en, "Vigil: the whole course");
  const tracks = aus.slice(1).map((au) => new URLSearchParams(au.url.split("?")[1]).get("role"));
  assert.ok(tracks.includes("housekeeping") && tracks.includes("food-and-beverage"), tracks.join());
  const housekeeping = aus.find((au) => au.url === "index.html?role=housekeeping");
  assert.equal(housekeeping.title.fr, "Vigil\u00a0: Service des étages");
  for (const au of aus) {
    assert.deepEqual(Object.keys(au.title), offered, au.id);
    assert.equal(au.moveOn, "CompletedAndPassed");
    assert.equal(au.masteryScore, 0.7);
    assert.equal(au.launchMethod, "AnyWindow");
  }
  assert.ok(files["index.html"] && Object.keys(files).some((f) => f.endsWith(".wasm")), "the app is in the zip");

  // The same importer refuses what an LMS refuses, so the checks above are not vacuous.
  const without = { ...unzipSync(bytes) };
  delete without["cmi5.xml"];
  assert.throws(() => importPackage(zipSync(without)), /^Error: 14\.1\.0\.0-2/);
  const clashing = { ...unzipSync(bytes) };
  clashing["cmi5.xml"] = new TextEncoder().encode(new TextDecoder().decode(clashing["cmi5.xml"]).replace("<url>index.html</url>", "<url>index.html?endpoint=x</url>"));
  assert.throws(() => importPackage(zipSync(clashing)), /^Error: 8\.1\.0\.0-6/);
});

test("the whole-course AU: the learner chooses a role, plays its track, leaves by the return link; the statements follow cmi5", async () => {
  const player = await startPlayer(CMI5_ZIP);
  const browser = await launch();
  await fixRandom(browser.context);
  try {
    const { url, session } = await player.launch(0, { actor: learner("whole") });
    const page = await open(browser.context, url);
    await page.getByRole("radio", { name: "Food and beverage" }).check();
    await playTrack(page);
    await leave(page, player, session);
    await checkSession(player, session, { judged: true });
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await player.stop();
  }
});

test("a track AU launched at ?role=housekeeping: the track is preset, completed, judged against the package's masteryScore", async () => {
  const player = await startPlayer(CMI5_ZIP);
  const browser = await launch();
  await fixRandom(browser.context);
  try {
    const index = player.aus.findIndex((au) => au.url === "index.html?role=housekeeping");
    const { url, session } = await player.launch(index, { actor: learner("track") });
    const page = await open(browser.context, url);
    await page.getByRole("heading", { name: "Recommended for your role" }).waitFor();
    assert.equal(await page.getByRole("radio", { name: "Housekeeping" }).isChecked(), true);
    await playTrack(page);
    await leave(page, player, session);
    const statements = await checkSession(player, session, { judged: true });
    const outcome = statements.find((s) => ["passed", "failed"].some((v) => s.verb.id.endsWith(v)));
    assert.equal(outcome.context.extensions["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"], 0.7);
  } finally {
    await browser.close();
    await player.stop();
  }
});

test("the player refuses what CATAPULT refuses: a statement of another session, and anything after terminated", async () => {
  const player = await startPlayer(CMI5_ZIP);
  const browser = await launch();
  try {
    const actor = learner("refused");
    const { url, session } = await player.launch(0, { actor, launchMode: "Browse" });
    const page = await open(browser.context, url);
    await leave(page, player, session);
    await checkSession(player, session, { judged: false });
    // The LRS resource as the AU reaches it, with the AU's own token, after the session ended.
    const post = (statement) =>
      fetch(`${player.origin}/lrs/statements`, {
        method: "POST",
        headers: { Authorization: `Basic ${session.token}`, "content-type": "application/json", "X-Experience-API-Version": "1.0.3" },
        body: JSON.stringify([statement]),
      });
    const [terminated] = player.ofSession(session.id).filter((s) => s.verb.id.endsWith("terminated"));
    const { session: _, id, ...again } = terminated;
    const late = await post({ ...again, verb: { id: "http://adlnet.gov/expapi/verbs/experienced" } });
    assert.equal(late.status, 403);
    assert.equal((await late.json()).violatedReqId, "9.3.0.0-5");
    const other = await player.launch(0, { actor, registration: session.registration, launchMode: "Browse" });
    const moved = { ...again, context: { ...again.context, extensions: { ...again.context.extensions, "https://w3id.org/xapi/cmi5/context/extensions/sessionid": session.id } } };
    // The test takes the second session's token itself, as its AU would.
    assert.equal((await fetch(new URL(other.url).searchParams.get("fetch"), { method: "POST" })).status, 200);
    const foreign = await fetch(`${player.origin}/lrs/statements`, {
      method: "POST",
      headers: { Authorization: `Basic ${other.session.token}`, "content-type": "application/json", "X-Experience-API-Version": "1.0.3" },
      body: JSON.stringify([moved]),
    });
    assert.equal(foreign.status, 403);
    assert.equal((await foreign.json()).violatedReqId, "10.2.1.0-6");
  } finally {
    await browser.close();
    await player.stop();
  }
});
