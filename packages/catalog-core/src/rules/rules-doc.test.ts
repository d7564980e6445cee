import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateRulesDoc, RULES_DOC_PATH } from "../../../../scripts/generate/rules-doc.ts";
import { builtinRules } from "./index.js";

const ROOT = new URL("../../../../", import.meta.url).pathname;

describe("docs/rules.md", () => {
  it("is what the rules' metadata generates", () => {
    const onDisk = readFileSync(join(ROOT, RULES_DOC_PATH), "utf8");
    expect(onDisk, `${RULES_DOC_PATH} drifted from the rules' metadata: run npm run generate`).toBe(generateRulesDoc());
  });

  it("documents every built-in rule and message", () => {
    const doc = generateRulesDoc();
    for (const rule of builtinRules) {
      expect(doc).toContain(`## ${rule.meta.id}\n`);
      for (const id of Object.keys(rule.meta.messages)) expect(doc).toContain(`| \`${id}\` |`);
    }
  });
});

describe("rule metadata", () => {
  it.each(builtinRules.map((r) => [r.meta.id, r] as const))("%s has a unique id, Chinese texts and a hint per message", (id, rule) => {
    expect(builtinRules.filter((r) => r.meta.id === id)).toHaveLength(1);
    expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    expect(rule.meta.description).toMatch(/\p{Script=Han}/u);
    expect(Object.keys(rule.meta.hints).sort()).toEqual(Object.keys(rule.meta.messages).sort());
    for (const text of [...Object.values(rule.meta.messages), ...Object.values(rule.meta.hints)]) expect(text).toMatch(/\p{Script=Han}/u);
  });
});
