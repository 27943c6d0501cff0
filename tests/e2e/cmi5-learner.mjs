// What the cmi5 package's browser tests share: where the package is, a learner who plays a
// track and leaves by the LMS's return link, and the cmi5 rules every session's statements are
// held to once the player (cmi5-player.mjs) has accepted them.

import assert from "node:assert/strict";
import { stepByMouse } from "./harness.mjs";
import { VERB, CMI5, MOVE_ON, EXT } from "./cmi5-player.mjs";

/** vigil-cmi5.zip: the one `cargo xtask test` writes (VIGIL_CMI5_ZIP), else packages/'s. */
export const CMI5_ZIP = process.env.VIGIL_CMI5_ZIP ?? new URL("../../packages/vigil-cmi5.zip", import.meta.url).pathname;

/** An LMS learner, as the actor of the launch. */
export function learner(name) {
  return { objectType: "Agent", name: `Learner ${name}`, account: { homePage: "https://lms.example", name: `${name}-${Date.now()}` } };
}

export async function eventually(read, check, what) {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: ${JSON.stringify(value).slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Plays every module the home page still recommends (the first answer each time), or at most
 * `limit` of them, and comes back to the home page.
 */
export async function playTrack(page, limit = Infinity) {
  const recommended = page.locator("ul.modules").first();
  await page.getByRole("heading", { name: "Recommended for your role" }).waitFor();
  for (let played = 0; played < limit; played++) {
    const start = recommended.getByRole("link", { name: /^Start: / }).first();
    if ((await start.count()) === 0) break;
    await start.click();
    let steps = 0;
    while (await stepByMouse(page)) assert.ok(++steps < 80, "the module ends");
    await page.getByRole("link", { name: "Back to all modules" }).click();
    await recommended.waitFor();
  }
}

/** Leaves by "Back to the training platform" (LMS.LaunchData's returnURL). */
export async function leave(page, player, session) {
  const back = page.getByRole("link", { name: "Back to the training platform" });
  assert.equal(await back.getAttribute("href"), `${player.origin}/lms/return?session=${session.id}`);
  await back.click();
  await page.waitForURL(/\/lms\/return/);
  assert.ok(player.returns.includes(session.id));
}

/**
 * Waits for the session's `terminated`, then holds its statements to the cmi5 rules: none
 * refused, the LMS's launched, initialized first of the AU's, terminated last, the session id and
 * the publisher id throughout, the AU's defined statements about the launch's activity id;
 * `completed`: completed once (with duration and the moveOn category), else none; `judged`:
 * passed or failed once against the session's masteryScore (with duration, score, moveOn,
 * masteryscore), else neither. Returns the session's statements.
 */
export async function checkSession(player, session, { judged, completed = judged }) {
  const mine = await eventually(
    () => player.ofSession(session.id),
    (s) => s.some((x) => x.verb.id === VERB("terminated")) || player.rejections.some((r) => r.session === session.id),
    `session ${session.id}: terminated`,
  );
  // A last request may still be in flight when terminated arrives.
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual(player.rejections.filter((r) => r.session === session.id), [], "the LMS refused none of the session's statements");
  const verbs = mine.map((s) => s.verb.id.split("/").pop());
  assert.equal(verbs[0], "launched");
  assert.equal(verbs[1], "initialized", verbs.join());
  assert.equal(verbs.at(-1), "terminated", verbs.join());
  for (const s of mine) {
    assert.equal(s.context.registration, session.registration);
    assert.equal(s.context.extensions[EXT("sessionid")], session.id);
    assert.ok(s.context.contextActivities.grouping.some((g) => g.id === session.au.id), "the publisher id of cmi5.xml in grouping");
  }
  const defined = mine.slice(1).filter((s) => s.context.contextActivities.category?.some((c) => c.id === CMI5));
  assert.ok(defined.every((s) => s.object.id === session.activityId));
  const named = (verb) => defined.filter((s) => s.verb.id === VERB(verb));
  assert.equal(named("initialized").length, 1);
  assert.equal(named("terminated").length, 1);
  assert.ok(named("terminated")[0].result.duration);
  const outcome = [...named("passed"), ...named("failed")];
  assert.equal(named("completed").length, completed ? 1 : 0, verbs.join());
  assert.equal(outcome.length, judged ? 1 : 0, verbs.join());
  for (const s of [...named("completed"), ...outcome]) {
    assert.match(s.result.duration, /^P(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)$/);
    assert.ok(s.context.contextActivities.category.some((c) => c.id === MOVE_ON));
  }
  if (!judged) return mine;
  const { score, success } = outcome[0].result;
  assert.equal(success, score.scaled >= session.masteryScore, `scaled ${score.scaled} against ${session.masteryScore}`);
  assert.equal(outcome[0].context.extensions[EXT("masteryscore")], session.masteryScore);
  assert.ok(Math.abs(score.scaled - score.raw / score.max) < 1e-9, JSON.stringify(score));
  return mine;
}
