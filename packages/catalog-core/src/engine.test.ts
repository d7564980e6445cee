import { describe, expect, it } from "vitest";
import { validateCatalog } from "./engine.js";
import { defineRule } from "./rule.js";
import { builtinRules } from "./rules/index.js";
import { socialAssistanceRow, socialAssistanceRows, standardCatalog } from "./rules/test-fixtures.js";

describe("validateCatalog defaults", () => {
  it("runs the built-in rules when no rules are given, as documented", () => {
    // A 社会救助 row whose 公开时限 exceeds 条例's 20 working days (the sample's F column).
    const entries = socialAssistanceRows();
    entries[2] = { ...entries[2]!, timeLimit: { raw: "信息形成之日起30个工作日内" } };
    const catalog = standardCatalog(entries);
    const withDefaults = validateCatalog(catalog);
    expect(withDefaults.map((f) => [f.rule, f.location.cell])).toContainEqual(["time-limit-exceeds", "F6"]);
    expect(withDefaults).toEqual(validateCatalog(catalog, { rules: builtinRules }));
    // An explicit empty list still means "shape only".
    expect(validateCatalog(catalog, { rules: [] })).toEqual([]);
  });
});

describe("JSON pointers in findings (RFC 6901)", () => {
  const fieldRule = (field: string) =>
    defineRule({
      meta: { id: "test-field", severity: "warning", kinds: ["standard"], description: "测试", messages: { m: "测试" }, hints: {} },
      create: (context) => ({ entry: (_e, index) => context.report({ messageId: "m", entry: index, field }) }),
    });

  it("escapes ~ and / in each segment of a field path", () => {
    const catalog = standardCatalog([socialAssistanceRow(["最低生活保障", "审批"], "救助对象", "《社会救助暂行办法》")]);
    const [finding] = validateCatalog(catalog, { rules: [fieldRule("extra.乡/村级~备注")] });
    expect(finding!.location.path).toBe("/entries/0/extra/乡~1村级~0备注");
    expect(finding!.location.field).toBe("extra.乡/村级~备注");
    const [catalogLevel] = validateCatalog(catalog, {
      rules: [
        defineRule({
          ...fieldRule(""),
          create: (context) => ({ end: () => context.report({ messageId: "m", field: "jurisdiction.a/b" }) }),
        }),
      ],
    });
    expect(catalogLevel!.location.path).toBe("/jurisdiction/a~1b");
  });
});

describe("validateCatalog with trustedShape", () => {
  const catalog = {
    schemaVersion: "1.0",
    kind: "standard",
    domain: "社会救助",
    entries: [{ items: ["最低生活保障", "审批"], content: "办理结果" }],
  };

  it("does not run the schema a second time when the caller has checked the shape", () => {
    // A catalog the schema refuses (an unknown member): reported without trustedShape, not with it.
    const odd = { ...catalog, unknownMember: 1 };
    expect(validateCatalog(odd, { rules: [] }).map((f) => f.rule)).toContain("schema");
    expect(validateCatalog(odd, { rules: [], trustedShape: true })).toEqual([]);
  });

  it("gives the same findings as the full check on a catalog of the right shape", () => {
    expect(validateCatalog(catalog, { rules: builtinRules, trustedShape: true })).toEqual(validateCatalog(catalog, { rules: builtinRules }));
  });
});
