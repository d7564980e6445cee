import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@zwgk/catalog-core";
import { generateRulesDoc, RULES_DOC_PATH } from "../../../../scripts/generate/rules-doc.ts";
import { ANALYSIS_RULES } from "./rules.js";

const ROOT = new URL("../../../../", import.meta.url);

describe("analysis rules as rules (issue 12)", () => {
  it("each has a unique kebab-case id, not shared with a validation rule, and Chinese texts with a hint per message", () => {
    const ids = ANALYSIS_RULES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(builtinRules.map((r) => r.meta.id)).not.toContain(id);
    for (const meta of ANALYSIS_RULES) {
      expect(meta.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(meta.description).toMatch(/\p{Script=Han}/u);
      expect(Object.keys(meta.hints).sort()).toEqual(Object.keys(meta.messages).sort());
    }
  });

  it("are listed in the generated docs/rules.md, which is up to date", () => {
    const doc = generateRulesDoc();
    expect(readFileSync(new URL(RULES_DOC_PATH, ROOT), "utf8"), "run npm run generate").toBe(doc);
    for (const meta of ANALYSIS_RULES) {
      expect(doc).toContain(`## ${meta.id}\n`);
      for (const id of Object.keys(meta.messages)) expect(doc).toContain(`| \`${id}\` |`);
    }
  });
});
