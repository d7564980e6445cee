// Things kept without limit: findings and the duplicate rule's keys are bounded, and what is left
// out is said ("另有 N 处同类问题").
import { describe, expect, it } from "vitest";
import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import { createValidator, DEFAULT_MAX_FINDINGS_PER_RULE, validateCatalog } from "./engine.js";
import { builtinRules } from "./rules/index.js";
import duplicateEntryRule from "./rules/duplicate-entry.js";
import { socialAssistanceRow, socialAssistanceRows, standardCatalog } from "./rules/test-fixtures.js";

const LAW = "《最低生活保障审核审批办法(试行)》";
const same = (n: number): DisclosureEntry[] =>
  Array.from({ length: n }, (_, i) => socialAssistanceRow(["最低生活保障", "审批"], "最低生活保障对象名单", LAW, { source: { sheet: "社会救助", row: i + 4 } }));

describe("findings are capped per rule and the rest summarised", () => {
  it("keeps the first maxFindingsPerRule findings of a rule and says how many more there are", () => {
    const catalog = standardCatalog(same(12_000));
    const findings = validateCatalog(catalog, { rules: builtinRules });
    const dup = findings.filter((f) => f.rule === "duplicate-entry");
    expect(dup).toHaveLength(DEFAULT_MAX_FINDINGS_PER_RULE + 1);
    const summary = dup.at(-1)!;
    expect(summary).toMatchObject({ severity: "error", data: { omitted: 12_000 - 1 - DEFAULT_MAX_FINDINGS_PER_RULE } });
    expect(summary.message).toContain(`另有 ${12_000 - 1 - DEFAULT_MAX_FINDINGS_PER_RULE} 处同类问题`);
    expect(summary.fingerprint).toBeDefined();
    // The kept ones are the first ones, in order.
    expect(dup[0]!.location.row).toBe(5);
    expect(dup[DEFAULT_MAX_FINDINGS_PER_RULE - 1]!.location.row).toBe(DEFAULT_MAX_FINDINGS_PER_RULE + 4);
  });

  it("applies to the streaming validator, schema findings included, and can be set", () => {
    const v = createValidator(standardCatalog([]), { rules: builtinRules, maxFindingsPerRule: 3 });
    same(10).forEach((e, i) => v.entry(e, i));
    for (let i = 10; i < 20; i++) v.entry({ items: 7 } as unknown as DisclosureEntry, i);
    const findings = v.end();
    expect(findings.filter((f) => f.rule === "duplicate-entry").map((f) => f.data?.["omitted"] ?? "kept")).toEqual(["kept", "kept", "kept", 6]);
    const schema = findings.filter((f) => f.rule === "schema");
    expect(schema).toHaveLength(4);
    expect(schema.at(-1)!.message).toMatch(/^另有 \d+ 处同类问题（schema）/);
  });

  it("adds nothing when no rule goes over", () => {
    expect(validateCatalog(standardCatalog(socialAssistanceRows()), { rules: builtinRules }).some((f) => f.data?.["omitted"] !== undefined)).toBe(false);
  });
});

describe("the duplicate-entry rule bounds the keys it remembers", () => {
  it("stops remembering new names past its bound, still reports duplicates of remembered ones, and says so", () => {
    const entries = Array.from({ length: 30 }, (_, i) => socialAssistanceRow([`事项${i}`, "审批"], "名单", LAW, { source: { sheet: "社会救助", row: i + 4 } }));
    const catalog = standardCatalog([...entries, entries[1]!, entries[25]!, entries[25]!]);
    const findings = validateCatalog(catalog, { rules: [duplicateEntryRule], maxDuplicateKeys: 10 });
    const duplicates = findings.filter((f) => f.data?.["name"] !== undefined);
    // 事项1 was remembered; 事项25 came after the bound, so its copies are not compared with each other.
    expect(duplicates.map((f) => f.data?.["name"])).toEqual(["事项1 / 审批"]);
    const warning = findings.find((f) => f.severity === "warning")!;
    expect(warning.message).toContain("前 10 个");
    expect(warning.data).toMatchObject({ max: 10, count: 22 });
    expect(warning.hint).toContain("--limit maxDuplicateKeys=");
  });

  it("remembers every key under the default bound", () => {
    const entries = Array.from({ length: 30 }, (_, i) => socialAssistanceRow([`事项${i}`, "审批"], "名单", LAW));
    const findings = validateCatalog(standardCatalog([...entries, entries[25]!]), { rules: [duplicateEntryRule] });
    expect(findings.map((f) => f.data?.["name"])).toEqual(["事项25 / 审批"]);
  });
});
