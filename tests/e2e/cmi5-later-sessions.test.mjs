// The cmi5 sessions after a learner's first, against the package's AUs and the same player:
// a relaunch in the same browser, a retake after a fail, a second AU of the same registration,
// a reload. CATAPULT found each of them broken (shared/reviews/cmi5.md, defects D1 to D4);
// `cargo xtask test --cmi5` and the normal run hold them to the cmi5 rules.

import { test } from "node:test";
import assert from "node:assert/strict";
import { launch, open, fixRandom, stepByMouse } from "./harness.mjs";
import { startPlayer } from "./cmi5-player.mjs";
import { CMI5_ZIP, learner, playTrack, leave, checkSession } from "./cmi5-learner.mjs";

const auOf = (player, role) => player.aus.findIndex((au) => au.url === `index.html?role=${role}`);

/** Opens the first recommended module again, restarts it and plays it to its end. */
async function retakeOne(page) {
  await page.getByRole("heading", { name: "Recommended for your role" }).waitFor();
  await page.locator("ul.modules").first().getByRole("link", { name: /^(Open|Resume|Start): / }).first().click();
  const restart = page.getByRole("button", { name: "Restart module" });
  if (await restart.isVisible()) await restart.click();
  while (await stepByMouse(page));
  await page.getByRole("link", { name: "Back to all modules" }).click();
}

test("D1: a relaunch in the same browser is recorded: its own initialized first, nothing of the last session", async () => {
  const player = await startPlayer(CMI5_ZIP);
  const browser = await launch();
  await fixRandom(browser.context);
  try {
    const actor = learner("relaunch");
    const first = await player.launch(auOf(player, "housekeeping"), { actor });
    let page = await open(browser.context, first.url);
    await playTrack(page, 1);
    await leave(page, player, first.session);
    await checkSession(player, first.session, { judged: false });
    const second = await player.launch(auOf(player, "housekeeping"), { actor, registration: first.session.registration });
    page = await open(browser.context, second.url);
    await playTrack(page);
    await leave(page, player, second.session);
    await checkSession(player, second.session, { judged: true });
  } finally {
    await browser.close();
    await player.stop();
  }
});

test("D2: a retake after a fail sends passed in the new session", async () => {
  const player = await startPlayer(CMI5_ZIP);
  const browser = await launch();
  await fixRandom(browser.context);
  try {
    const actor = learner("retake");
    // Under a masteryScore of 1, the first answers fail.
    const first = await player.launch(auOf(player, "housekeeping"), { actor, masteryScore: 1 });
    let page = await open(browser.context, first.url);
    await playTrack(page);
    await leave(page, player, first.session);
    const statements = await checkSession(player, first.session, { judged: true });
    assert.ok(statements.some((s) => s.verb.id.endsWith("/failed")), "the first session fails");
    // The administrator lowers the mark; the learner retakes a module: now they pass.
    const second = await player.launch(auOf(player, "housekeeping"), { actor, registration: first.session.registration, masteryScore: 0 });
    page = await open(browser.context, second.url);
    await retakeOne(page);
    await leave(page, player, second.session);
    const retake = await checkSession(player, second.session, { judged: true, completed: false });
    // About the AU (not its modules' own completed statements): passed, and no second completed.
    const au = retake.filter((s) => s.object.id === second.session.activityId).map((s) => s.verb.id.split("/").pop());
    assert.ok(au.includes("passed"), `passed after the failed: ${au.join()}`);
    assert.ok(!au.includes("completed"), `completed only once per registration: ${au.join()}`);
  } finally {
    await browser.close();
    await player.stop();
  }
});

test("D2: the second AU of a registration gets its own completed and passed or failed", async () => {
  const player = await startPlayer(CMI5_ZIP);
  const browser = await launch();
  await fixRandom(browser.context);
  try {
    const actor = learner("two-aus");
    const first = await player.launch(auOf(player, "housekeeping"), { actor });
    let page = await open(browser.context, first.url);
    await playTrack(page);
    await leave(page, player, first.session);
    await checkSession(player, first.session, { judged: true });
    const second = await player.launch(auOf(player, "food-and-beverage"), { actor, registration: first.session.registration });
    page = await open(browser.context, second.url);
    await playTrack(page);
    await leave(page, player, second.session);
    await checkSession(player, second.session, { judged: true });
  } finally {
    await browser.close();
    await player.stop();
  }
});

test("D4: after a reload the learner is told the platform session has ended, and nothing more is sent to it", async () => {
  const player = await startPlayer(CMI5_ZIP);
  const browser = await launch();
  await fixRandom(browser.context);
  try {
    const { url, session } = await player.launch(auOf(player, "food-and-beverage"), { actor: learner("reload") });
    const page = await open(browser.context, url);
    await playTrack(page, 1);
    // The reload's pagehide ends the session (terminated), and the fetch URL is one-time: the
    // honest answer is to say so, with the way back, rather than carry on untracked.
    await page.reload();
    const before = await checkSession(player, session, { judged: false });
    await page.getByText("Your session with the training platform has ended").waitFor();
    await playTrack(page, 1);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await player.ofSession(session.id)).length, before.length, "nothing after terminated");
    const back = page.locator("#main").getByRole("link", { name: "Back to the training platform" });
    assert.equal(await back.getAttribute("href"), `${player.origin}/lms/return?session=${session.id}`);
  } finally {
    await browser.close();
    await player.stop();
  }
});
