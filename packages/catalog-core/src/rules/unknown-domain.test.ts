import { describe, expect, it } from "vitest";
import rule from "./unknown-domain.js";
import { brief, jsonStandardCatalog, matching, runRule, standardCatalog, type Expected } from "./test-fixtures.js";

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  { name: "社会救助 passes", catalog: standardCatalog(), expected: [] },
  { name: "an alias passes", catalog: standardCatalog(undefined, { domain: "卫生健康" }), expected: [] },
  { name: "no domain but a title naming one passes", catalog: standardCatalog(undefined, { domain: undefined }), expected: [] },
  {
    name: "a misspelt domain gets a suggestion",
    catalog: standardCatalog(undefined, { domain: "社会求助" }),
    expected: [{ rule: "unknown-domain", severity: "warning", message: "「领域」「社会求助」不是26个试点领域之一，是否应为「社会救助」？", path: "/domain" }],
  },
  {
    name: "an unrelated domain",
    catalog: standardCatalog(undefined, { domain: "机构编制" }),
    expected: [{ rule: "unknown-domain", severity: "warning", message: "「领域」「机构编制」不是26个试点领域之一。", path: "/domain" }],
  },
  {
    name: "a local domain is noted",
    catalog: standardCatalog(undefined, { domain: "旅游" }),
    expected: [{ rule: "unknown-domain", severity: "info", message: "是地方扩展领域", path: "/domain" }],
  },
  {
    name: "a workbook with neither domain nor a title naming one: at the title cell",
    catalog: standardCatalog(undefined, { domain: undefined, title: "宝坻区基层政务公开标准目录" }),
    expected: [{ rule: "unknown-domain", severity: "warning", message: "标题中没有写明「领域」（26个试点领域之一）。", path: "", cell: "A1" }],
  },
  {
    name: "a JSON catalog with neither: at /domain",
    catalog: { ...jsonStandardCatalog(), domain: undefined, title: "宝坻区基层政务公开标准目录" },
    expected: [{ rule: "unknown-domain", severity: "warning", message: "目录没有写明「领域」", path: "/domain" }],
  },
  {
    name: "a workbook whose header starts in row 1 has no title cell to point at",
    catalog: standardCatalog(undefined, {
      domain: undefined,
      title: undefined,
      source: { file: "社会救助-标准目录.xlsx", sheet: "社会救助", format: "xlsx", headerRows: [1, 2], columns: [] },
    }),
    expected: [],
  },
];

describe("unknown-domain", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });
  it("names the file of a spreadsheet catalog", () => {
    expect(runRule(rule, standardCatalog(undefined, { domain: "社会求助" }))[0]?.location.file).toBe("社会救助-标准目录.xlsx");
  });
});
