import { describe, expect, it } from "vitest";
import rule from "./marks-required.js";
import {
  brief,
  jsonStandardCatalog,
  matching,
  ndrcRow,
  runRule,
  socialAssistanceRow,
  STANDARD_COLUMNS,
  standardCatalog,
  supplementaryCatalog,
  type Expected,
} from "./test-fixtures.js";

const row = (patch: Parameters<typeof socialAssistanceRow>[3]) =>
  socialAssistanceRow(["最低生活保障", "审批"], "最低生活保障对象名单及相关信息", "《最低生活保障审核审批办法(试行)》", patch);
const INFO_LAW = "《中华人民共和国政府信息公开条例》";
const TWENTY = "信息形成或变更之日起20个工作日内";

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  { name: "the 社会救助 sample passes", catalog: standardCatalog(), expected: [] },
  {
    name: "no 公开层级 ticked, pointing at its first column",
    catalog: standardCatalog([row({}), row({ items: ["最低生活保障", "审核"], levels: [] })]),
    expected: [{ rule: "marks-required", severity: "error", message: "「公开层级」一项也没有勾选。", path: "/entries/1/levels", cell: "M5" }],
  },
  {
    name: "no 公开对象 and no 公开方式",
    catalog: standardCatalog([row({ audience: undefined, method: [] })]),
    expected: [
      { rule: "marks-required", severity: "error", message: "「公开对象」一项也没有勾选。", path: "/entries/0/audience", cell: "I4" },
      { rule: "marks-required", severity: "error", message: "「公开方式」一项也没有勾选。", path: "/entries/0/method", cell: "K4" },
    ],
  },
  {
    name: "a 补充目录 layout without 公开层级 columns is not asked for levels",
    catalog: supplementaryCatalog([
      ndrcRow(["机构信息", "机构职能"], "单位名称、机构职能", INFO_LAW, TWENTY),
      ndrcRow(["机构信息", "领导信息"], "领导姓名、职务职级、分管工作", INFO_LAW, TWENTY, { method: [] }),
    ]),
    expected: [{ rule: "marks-required", severity: "error", message: "「公开方式」一项也没有勾选。", path: "/entries/1/method", cell: "J5" }],
  },
  {
    name: "a 标准目录 layout without 公开对象 columns is not asked for 公开对象",
    catalog: standardCatalog([row({ audience: [] })], {
      source: { sheet: "社会救助", columns: STANDARD_COLUMNS.filter((c) => c.field !== "audience") },
    }),
    expected: [],
  },
  {
    name: "a JSON 标准目录 is checked for all three groups",
    catalog: jsonStandardCatalog([row({ levels: undefined })]),
    expected: [{ rule: "marks-required", severity: "error", message: "「公开层级」一项也没有勾选。", path: "/entries/0/levels" }],
  },
];

describe("marks-required", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });

  it("offers the layout's own labels in the hint", () => {
    const [finding] = runRule(rule, standardCatalog([row({ audience: [] })]));
    expect(finding?.hint).toBe("请在「公开对象」下至少勾选（√）一项：全社会、特定群众。");
    const [json] = runRule(rule, jsonStandardCatalog([row({ levels: [] })]));
    expect(json?.hint).toContain("省级、市级、县级、乡级、乡、村级、村级");
  });
});
