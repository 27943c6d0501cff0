// What a screen reader is given, read from Chromium's own accessibility tree (the DevTools
// protocol's Accessibility.getFullAXTree): each step exposes its heading, its question as the
// name of the group of choices, each choice as a radio named with its full text, and, once
// answered, a live region where the result ("Best choice", "Not the best choice", ...) comes
// before the feedback text.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, open, course, currentStepId, belgian } from "./harness.mjs";

/** Chromium's accessibility tree of the page, ignored nodes flattened away. */
async function accessibilityTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const build = (node) => {
    const children = (node.childIds ?? []).map((id) => byId.get(id)).filter(Boolean).flatMap(build);
    if (node.ignored) return children;
    const level = node.properties?.find((p) => p.name === "level")?.value.value;
    return [{ role: node.role?.value, name: node.name?.value ?? "", level, children }];
  };
  return build(nodes.find((n) => !n.parentId))[0];
}

/** Every node of the tree in reading order. */
const inOrder = (node) => [node, ...node.children.flatMap(inOrder)];
const find = (tree, role, name) => inOrder(tree).find((n) => n.role === role && (name === undefined || n.name === name));
/** The text a node reads out, in order. */
const text = (node) => inOrder(node).filter((n) => n.role === "StaticText").map((n) => n.name).join(" ");

const VERDICTS = ["Best choice", "Partly right", "Not the best choice", "Correct", "Not quite"];

test("each step's heading, question, choices and result as a screen reader gets them", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await open(browser.context, server.url);
    const module = (await course("en")).modules.find((m) => m.id === "why-it-matters");
    await page.getByRole("link", { name: `Start: ${module.title}` }).click();
    await page.locator("article.step").waitFor();
    const checked = new Set();
    while (!(await page.getByRole("button", { name: "Restart module" }).isVisible())) {
      const id = await currentStepId(page);
      const [kind, words] = Object.entries(module.steps.find((s) => s.id === id).kind)[0];
      let tree = await accessibilityTree(page);
      assert.equal(find(tree, "heading", module.title)?.level, 1, "the module's title is the page's heading");
      const title = { "true-false": "True / False", "multiple-choice": "Choose one answer." }[kind] ?? words.title;
      assert.equal(find(tree, "heading", title)?.level, 2, `${id}: the step's heading`);
      const [prompt, labels] = {
        decision: [belgian(words.prompt), words.choices?.map((c) => belgian(c.label))],
        "true-false": [belgian(words.statement), ["True", "False"]],
        "multiple-choice": [belgian(words.question), words.options?.map((o) => belgian(o.label))],
      }[kind] ?? [null, null];
      if (prompt !== null) {
        const group = find(tree, "group", prompt);
        assert.ok(group, `${id}: the question names the group of choices: ${prompt}`);
        const radios = inOrder(group).filter((n) => n.role === "radio").map((n) => n.name);
        // A quiz may show its options in a drawn order: the same set, each with its full text.
        assert.deepEqual([...radios].sort(), [...labels].sort(), `${id}: each choice is a radio named with its full text`);

        await page.getByRole("radio").first().click();
        await page.getByRole("button", { name: "Confirm answer" }).click();
        await page.locator(".feedback").waitFor();
        tree = await accessibilityTree(page);
        const status = inOrder(tree).find((n) => n.role === "status" && find(n, "heading"));
        assert.ok(status, `${id}: the feedback is in a live region`);
        const heading = find(status, "heading");
        assert.ok(VERDICTS.includes(heading.name), `${id}: the result heads the feedback: ${heading.name}`);
        const read = text(status);
        assert.ok(read.startsWith(heading.name), `${id}: the result is read first: ${read}`);
        assert.ok(read.length > heading.name.length + 20, `${id}: then the feedback text: ${read}`);
        checked.add(kind);
      }
      const before = id;
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForFunction((id) => document.querySelector("article.step")?.dataset.step !== id, before);
    }
    assert.deepEqual([...checked].sort(), ["decision", "multiple-choice", "true-false"]);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
