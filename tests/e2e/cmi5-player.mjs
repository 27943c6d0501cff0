// A cmi5 LMS for the browser tests, playing the part ADL's CATAPULT player plays in a manual
// conformance check (CATAPULT needs GitHub and MariaDB, which CI does not have; see README).
//
// It imports a course package as an LMS does (cmi5.xml at the zip's root, read with a
// namespace-aware XML parser, every AU's relative URL found in the zip), serves the package's
// files under a sub-path, launches an AU the way cmi5 section 8 says (a registration and a
// session, LMS.LaunchData in the State API, a one-time fetch URL, the launch parameters after
// the AU's own query), and receives the AU's statements. Each statement request is checked
// against the LMS-side ("(d)") requirements of the cmi5 specification, quoted from the
// @cmi5/requirements package that CATAPULT itself reports by: a request that breaks one is
// refused whole with 403 and the requirement's id, as CATAPULT does, and recorded. Accepted
// statements go on to a real LRS (ralph), which holds them to xAPI.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { unzipSync } from "fflate";
import { DOMParser } from "@xmldom/xmldom";
import { startLrs } from "./harness.mjs";

const REQUIREMENTS = createRequire(import.meta.url)("@cmi5/requirements");
const NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";
export const VERB = (id) => `http://adlnet.gov/expapi/verbs/${id}`;
export const CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
export const MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
export const EXT = (name) => `https://w3id.org/xapi/cmi5/context/extensions/${name}`;
const DEFINED = ["initialized", "completed", "passed", "failed", "terminated"].map(VERB);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json" };

/** A requirement broken: its id and the specification's words, as CATAPULT reports one. */
class Violation extends Error {
  constructor(id, detail) {
    const text = REQUIREMENTS[`${id} (d)`]?.txt ?? REQUIREMENTS[`${id} (d2)`]?.txt ?? REQUIREMENTS[id]?.txt ?? "";
    super(`${id} - ${text} (${detail})`);
    this.id = id;
  }
}

/**
 * Reads a course package as a cmi5 LMS imports it (sections 13 and 14): a zip with cmi5.xml at
 * its root, in the course structure's namespace, a course and AUs with unique absolute ids,
 * langstrings, relative URLs that are in the zip and carry none of the launch parameters.
 * Throws a Violation naming the requirement when the package would be refused.
 */
export function importPackage(bytes) {
  let files;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new Violation("14.1.0.0-1", `not a zip: ${e.message}`);
  }
  if (!files["cmi5.xml"]) throw new Violation("14.1.0.0-2", "Entry not found");
  const errors = [];
  const doc = new DOMParser({ onError: (level, message) => level !== "warning" && errors.push(message) }).parseFromString(
    new TextDecoder().decode(files["cmi5.xml"]),
    "text/xml",
  );
  if (errors.length > 0) throw new Violation("13.2.0.0-1", errors.join("; "));
  const root = doc.documentElement;
  if (root.namespaceURI !== NS || root.localName !== "courseStructure") throw new Violation("13.2.0.0-1", `root ${root.namespaceURI} ${root.localName}`);
  const children = (node, name) => [...node.childNodes].filter((n) => n.nodeType === 1 && n.namespaceURI === NS && (!name || n.localName === name));
  const texts = (node, name) => {
    const [element] = children(node, name);
    if (!element) throw new Violation("13.2.0.0-1", `no <${name}>`);
    return Object.fromEntries(children(element, "langstring").map((s) => [s.getAttribute("lang"), s.textContent.trim()]));
  };
  const absolute = (iri) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(iri);
  const [course] = children(root, "course");
  if (!course) throw new Violation("13.2.0.0-1", "no <course>");
  const courseId = course.getAttribute("id").trim();
  if (!absolute(courseId)) throw new Violation("3.0.0.0-1", courseId);
  const aus = children(root, "au").map((au) => {
    const id = au.getAttribute("id").trim();
    if (!absolute(id)) throw new Violation("3.0.0.0-1", id);
    const [urlNode] = children(au, "url");
    const url = urlNode?.textContent.trim() ?? "";
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) || url.startsWith("/")) throw new Violation("14.1.0.0-3", url);
    const [path, query = ""] = url.split("?");
    if (!files[path]) throw new Violation("14.1.0.0-3", `${path} is not in the package`);
    const clash = [...new URLSearchParams(query).keys()].find((k) => ["endpoint", "fetch", "actor", "registration", "activityId"].includes(k));
    if (clash) throw new Violation("8.1.0.0-6", `${url} holds ${clash}`);
    const mastery = au.getAttribute("masteryScore");
    return {
      id,
      url,
      title: texts(au, "title"),
      description: texts(au, "description"),
      moveOn: au.getAttribute("moveOn") || "NotApplicable",
      masteryScore: mastery === "" || mastery === null ? undefined : Number(mastery),
      launchMethod: au.getAttribute("launchMethod") || "AnyWindow",
    };
  });
  if (aus.length === 0) throw new Violation("13.2.0.0-1", "no <au>");
  const ids = [courseId, ...aus.map((a) => a.id)];
  if (new Set(ids).size !== ids.length) throw new Violation("13.1.4.0-1", ids.join(", "));
  return { files, course: { id: courseId, title: texts(course, "title"), description: texts(course, "description") }, aus };
}

const sameAgent = (a, b) => a?.account?.homePage === b?.account?.homePage && a?.account?.name === b?.account?.name;

/**
 * Starts the LMS with the package at `zipPath` imported, and a ralph LRS behind it. Returns the
 * course, `launch(au, options)`, what was recorded (`statements`, `rejections`, `returns`) and
 * `stop()`.
 */
export async function startPlayer(zipPath) {
  const imported = importPackage(await readFile(zipPath));
  const lrs = await startLrs();
  const state = new Map(); // activityId|agent|registration|stateId -> JSON text
  const preferences = new Map(); // account name -> cmi5LearnerPreferences
  const sessions = new Map(); // session id -> session
  const byToken = new Map();
  const fetchUrls = new Map(); // key -> session
  const progress = new Map(); // registration|activityId -> { completed, passed }
  const statements = []; // every statement recorded, the LMS's own included, in order
  const rejections = [];
  const returns = [];
  let origin;

  const record = async (list) => {
    const r = await fetch(`${lrs.url}statements`, {
      method: "POST",
      headers: { Authorization: `Basic ${lrs.token}`, "X-Experience-API-Version": "1.0.3", "content-type": "application/json" },
      body: JSON.stringify(list),
    });
    return { status: r.status, body: await r.text() };
  };
  const lmsStatement = (session, verb, extra = {}) => ({
    id: randomUUID(),
    actor: session.actor,
    verb: { id: VERB(verb), display: { "en-US": verb } },
    object: { id: session.activityId, objectType: "Activity" },
    timestamp: new Date().toISOString(),
    ...extra,
    context: {
      registration: session.registration,
      contextActivities: { category: [{ id: CMI5 }], grouping: [{ id: session.au.id }] },
      extensions: { [EXT("sessionid")]: session.id, ...(extra.context?.extensions ?? {}) },
    },
  });
  const duration = (ms) => `PT${(ms / 1000).toFixed(2)}S`;

  /** Checks a statement request of `session`; applies it to `s` (a copy of the state). */
  function check(session, list, s) {
    for (const st of list) {
      if (s.abandoned) throw new Violation("9.3.6.0-2", "the session was abandoned");
      if (s.terminated) throw new Violation("9.3.0.0-5", `${st.verb?.id} after terminated`);
      if (!sameAgent(st.actor, session.actor)) throw new Violation("8.1.3.0-3", "not the launch's actor");
      const context = st.context ?? {};
      if (context.registration !== session.registration) throw new Violation("9.6.1.0-1", `registration ${context.registration}`);
      const sid = context.extensions?.[EXT("sessionid")];
      if (sid === undefined) throw new Violation("9.6.3.1-4", "no session id");
      if (sid !== session.id) throw new Violation("10.2.1.0-6", `context does not match template: 'extensions' '${EXT("sessionid")}' value differs (${sid})`);
      if (!(context.contextActivities?.grouping ?? []).some((g) => g.id === session.au.id)) throw new Violation("9.6.2.0-1", "the publisher id is not in grouping");
      const categories = (context.contextActivities?.category ?? []).map((c) => c.id);
      const verb = st.verb?.id;
      const defined = categories.includes(CMI5) && DEFINED.includes(verb);
      const result = st.result ?? {};
      const moveOn = categories.includes(MOVE_ON);
      if (!s.initialized && !(defined && verb === VERB("initialized"))) throw new Violation("9.3.0.0-4", `${verb} before initialized`);
      if (!defined) {
        if (moveOn) throw new Violation("9.6.2.2-2", `${verb} carries the moveOn category`);
        continue;
      }
      if (st.object?.id !== session.activityId) throw new Violation("8.1.5.0-6", `object ${st.object?.id}`);
      if (result.score && ![VERB("passed"), VERB("failed")].includes(verb)) throw new Violation("9.5.1.0-2", verb);
      if (result.success !== undefined && ![VERB("passed"), VERB("failed")].includes(verb)) throw new Violation("9.5.2.0-3", verb);
      if (result.completion !== undefined && verb !== VERB("completed")) throw new Violation("9.5.3.0-2", verb);
      const judged = [VERB("completed"), VERB("passed"), VERB("failed")].includes(verb);
      if (judged) {
        if (session.launchMode === "Browse") throw new Violation("10.2.2.0-2", verb);
        if (session.launchMode === "Review") throw new Violation("10.2.2.0-3", verb);
        if (!moveOn) throw new Violation("9.6.2.2-1", `${verb} without the moveOn category`);
      }
      const needsDuration = { [VERB("terminated")]: "9.5.4.1-1", [VERB("completed")]: "9.5.4.1-2", [VERB("passed")]: "9.5.4.1-3", [VERB("failed")]: "9.5.4.1-4" };
      if (needsDuration[verb] && !result.duration) throw new Violation(needsDuration[verb], "no result.duration");
      if (result.score?.raw !== undefined && (result.score.min === undefined || result.score.max === undefined)) throw new Violation("9.5.1.0-3", "raw without min and max");
      const mastery = session.masteryScore;
      switch (verb) {
        case VERB("initialized"):
          if (s.initialized) throw new Violation("9.3.2.0-3", "initialized again");
          if (!session.preferencesRead) throw new Violation("11.0.0.0-3", "initialized before the learner preferences were read");
          s.initialized = true;
          break;
        case VERB("completed"):
          if (s.completed) throw new Violation("9.3.0.0-6", "Already completed");
          if (result.completion !== true) throw new Violation("9.5.3.0-1", "completion is not true");
          s.completed = true;
          break;
        case VERB("passed"):
        case VERB("failed"): {
          const passed = verb === VERB("passed");
          if (s.judged) throw new Violation("9.3.0.0-3", "passed or failed again in the session");
          if (passed && s.passed) throw new Violation("9.3.0.0-7", "Already passed");
          if (!passed && s.passed) throw new Violation("9.3.0.0-8", "failed after passed");
          if (result.success !== passed) throw new Violation(passed ? "9.5.2.0-1" : "9.5.2.0-2", `success ${result.success}`);
          const scaled = result.score?.scaled;
          if (scaled !== undefined && mastery !== undefined) {
            if (context.extensions?.[EXT("masteryscore")] !== mastery) throw new Violation("9.6.3.2-2", `masteryscore ${context.extensions?.[EXT("masteryscore")]}, session ${mastery}`);
            if (passed && scaled < mastery) throw new Violation("9.3.4.0-2", `${scaled} < ${mastery}`);
            if (!passed && scaled >= mastery) throw new Violation("9.3.5.0-2", `${scaled} >= ${mastery}`);
          }
          s.judged = true;
          if (passed) s.passed = true;
          break;
        }
        case VERB("terminated"):
          s.terminated = true;
          break;
      }
    }
  }

  async function postStatements(session, req, res, body) {
    let list;
    try {
      list = JSON.parse(body);
    } catch {
      res.writeHead(400).end("not JSON");
      return;
    }
    if (!Array.isArray(list)) list = [list];
    const key = `${session.registration}|${session.activityId}`;
    const reg = progress.get(key);
    const s = { ...session.state, completed: reg.completed, passed: reg.passed };
    try {
      check(session, list, s);
    } catch (e) {
      if (!(e instanceof Violation)) throw e;
      rejections.push({ session: session.id, reqId: e.id, message: e.message, verbs: list.map((x) => x.verb?.id) });
      res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ message: e.message, violatedReqId: e.id }));
      return;
    }
    const answer = await record(list);
    if (answer.status === 200) {
      Object.assign(session.state, { initialized: s.initialized, terminated: s.terminated, judged: s.judged });
      Object.assign(reg, { completed: s.completed, passed: s.passed });
      for (const st of list) statements.push({ session: session.id, ...st });
    }
    res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString();
    if (url.pathname.startsWith("/content/")) {
      const name = decodeURIComponent(url.pathname.slice("/content/".length)) || "index.html";
      const file = imported.files[name.endsWith("/") ? `${name}index.html` : name];
      if (!file) return res.writeHead(404).end("not found");
      const ext = name.slice(name.lastIndexOf("."));
      return res.writeHead(200, { "content-type": TYPES[ext] ?? "application/octet-stream" }).end(Buffer.from(file));
    }
    if (url.pathname.startsWith("/lms/fetch/") && req.method === "POST") {
      const session = fetchUrls.get(url.pathname.slice("/lms/fetch/".length));
      if (!session) return res.writeHead(404).end();
      session.fetched += 1;
      // 8.2.3.0-1: the token once; error-code 1 ("already in use") afterwards.
      const answer = session.fetched === 1 ? { "auth-token": session.token } : { "error-code": "1", "error-text": "already in use" };
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    }
    if (url.pathname === "/lms/return") {
      returns.push(url.searchParams.get("session"));
      return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>LMS</title><h1>Your courses</h1>");
    }
    if (url.pathname.startsWith("/lrs/")) {
      const session = byToken.get((req.headers.authorization ?? "").replace(/^Basic /, ""));
      // 8.1.2.0-2 / 8.1.2.0-5: only a fetched token of a live session opens the LRS.
      if (!session || session.fetched === 0) return res.writeHead(401).end("8.1.2.0-5");
      if (session.state.abandoned) return res.writeHead(401).end("8.1.2.0-2");
      const resource = url.pathname.slice("/lrs/".length);
      const q = url.searchParams;
      if (resource === "about") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ version: ["1.0.3"] }));
      if (resource === "statements" && ["POST", "PUT"].includes(req.method)) return postStatements(session, req, res, body);
      if (resource === "activities/state") {
        let agent;
        try {
          agent = JSON.parse(q.get("agent"));
        } catch {}
        if (!sameAgent(agent, session.actor)) return res.writeHead(403).end("8.1.3.0-3");
        if (q.get("registration") !== session.registration) return res.writeHead(403).end("8.1.4.0-3");
        const key = [q.get("activityId"), agent.account.name, q.get("registration"), q.get("stateId")].join("|");
        if (q.get("stateId") === "LMS.LaunchData" && req.method !== "GET") {
          rejections.push({ session: session.id, reqId: "10.2.1.0-5", message: "LMS.LaunchData written" });
          return res.writeHead(403).end("10.2.1.0-5");
        }
        if (req.method === "GET") {
          if (!state.has(key)) return res.writeHead(404).end();
          return res.writeHead(200, { "content-type": "application/json" }).end(state.get(key));
        }
        if (req.method === "DELETE") {
          state.delete(key);
          return res.writeHead(204).end();
        }
        // POST merges JSON objects (xAPI 1.0.3, section 2.2 of the Document resources); PUT replaces.
        const merged = req.method === "POST" && state.has(key) ? JSON.stringify({ ...JSON.parse(state.get(key)), ...JSON.parse(body) }) : body;
        state.set(key, merged);
        return res.writeHead(204).end();
      }
      if (resource === "agents/profile") {
        let agent;
        try {
          agent = JSON.parse(q.get("agent"));
        } catch {}
        if (!sameAgent(agent, session.actor)) return res.writeHead(403).end("11.0.0.0-1");
        if (q.get("profileId") !== "cmi5LearnerPreferences") return res.writeHead(404).end();
        if (req.method !== "GET") return res.writeHead(403).end();
        session.preferencesRead = true;
        const prefs = preferences.get(agent.account.name);
        if (!prefs) return res.writeHead(404).end();
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(prefs));
      }
      return res.writeHead(405).end();
    }
    res.writeHead(404).end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;

  return {
    ...imported,
    origin,
    statements,
    rejections,
    returns,
    sessions,
    lrs,
    /**
     * Launches AU number `index` for `actor` in `registration` (new unless given), as the LMS's
     * launch button does: an earlier session of the same AU and registration left open is
     * abandoned first (9.3.6.0-1). `masteryScore` replaces the course structure's.
     */
    async launch(index, { actor, registration = randomUUID(), launchMode = "Normal", masteryScore, languagePreference } = {}) {
      const au = imported.aus[index];
      // 8.1.5.0-4: the same activity id for the AU on every launch in a registration.
      const activityId = `${origin}/lms/course/1/au/${index}`;
      for (const earlier of sessions.values()) {
        if (earlier.registration === registration && earlier.activityId === activityId && !earlier.state.terminated && !earlier.state.abandoned) {
          earlier.state.abandoned = true;
          await record([lmsStatement(earlier, "abandoned", { result: { duration: duration(Date.now() - earlier.started) } })]);
        }
      }
      if (languagePreference) preferences.set(actor.account.name, { languagePreference, audioPreference: "on" });
      const session = {
        id: randomUUID(),
        au,
        actor,
        registration,
        activityId,
        launchMode,
        masteryScore: masteryScore ?? au.masteryScore,
        token: Buffer.from(randomUUID()).toString("base64"),
        fetched: 0,
        preferencesRead: false,
        started: Date.now(),
        state: {},
      };
      sessions.set(session.id, session);
      byToken.set(session.token, session);
      const key = `${registration}|${activityId}`;
      if (!progress.has(key)) progress.set(key, { completed: false, passed: false });
      const launchData = {
        contextTemplate: { contextActivities: { grouping: [{ id: au.id }] }, extensions: { [EXT("sessionid")]: session.id } },
        launchMode,
        launchMethod: au.launchMethod,
        moveOn: au.moveOn,
        returnURL: `${origin}/lms/return?session=${session.id}`,
        ...(session.masteryScore !== undefined ? { masteryScore: session.masteryScore } : {}),
      };
      state.set([activityId, actor.account.name, registration, "LMS.LaunchData"].join("|"), JSON.stringify(launchData));
      const fetchKey = randomUUID();
      fetchUrls.set(fetchKey, session);
      const [path, query = ""] = au.url.split("?");
      const params = new URLSearchParams(query);
      params.set("endpoint", `${origin}/lrs/`);
      params.set("fetch", `${origin}/lms/fetch/${fetchKey}`);
      params.set("actor", JSON.stringify(actor));
      params.set("registration", registration);
      params.set("activityId", activityId);
      const launchUrl = `${origin}/content/${path}?${params}`;
      // 9.3.1.0-1: "launched" is in the LRS before the AU opens.
      const launched = lmsStatement(session, "launched", {
        context: { extensions: { [EXT("launchmode")]: launchMode, [EXT("moveon")]: au.moveOn, [EXT("launchurl")]: `${origin}/content/${au.url}`, ...(session.masteryScore !== undefined ? { [EXT("masteryscore")]: session.masteryScore } : {}) } },
      });
      await record([launched]);
      statements.push({ session: session.id, ...launched });
      return { url: launchUrl, session };
    },
    /** The statements of one session, in the order the LMS accepted them. */
    ofSession(id) {
      return statements.filter((s) => s.session === id);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await lrs.stop();
    },
  };
}
