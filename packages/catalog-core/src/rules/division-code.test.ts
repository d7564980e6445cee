import { describe, expect, it } from "vitest";
import rule from "./division-code.js";
import { brief, matching, powerCatalog, runRule, serviceCatalog, standardCatalog, type Expected } from "./test-fixtures.js";

const at = (code: string, level?: "省" | "市" | "县" | "乡" | "村") => ({ jurisdiction: { name: "宝坻区", code, ...(level ? { level } : {}) } });

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  { name: "a six-digit county code passes", catalog: standardCatalog(), expected: [] },
  { name: "the 12-digit platform form passes", catalog: serviceCatalog([], { jurisdiction: { name: "广安区", level: "县", code: "511602000000" } }), expected: [] },
  { name: "no code is not this rule's business", catalog: powerCatalog([], { jurisdiction: { name: "某县" } }), expected: [] },
  {
    name: "a five-digit code",
    catalog: standardCatalog(undefined, at("12011")),
    expected: [{ rule: "division-code", severity: "error", message: "「行政区划代码」不正确：行政区划代码「12011」应为6位或12位数字。", path: "/jurisdiction/code" }],
  },
  {
    name: "an unknown province",
    catalog: standardCatalog(undefined, at("990115")),
    expected: [{ rule: "division-code", severity: "error", message: "前两位「99」不是省级行政区的代码", path: "/jurisdiction/code" }],
  },
  {
    name: "a city code for a county catalog",
    catalog: standardCatalog(undefined, at("120100", "县")),
    expected: [{ rule: "division-code", severity: "warning", message: "「行政区划代码」「120100」是市级代码，与所填层级「县」不一致。", path: "/jurisdiction/code" }],
  },
];

describe("division-code", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });
});
