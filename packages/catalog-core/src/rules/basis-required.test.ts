import { describe, expect, it } from "vitest";
import rule from "./basis-required.js";
import { brief, jsonStandardCatalog, matching, runRule, socialAssistanceRow, standardCatalog, type Expected } from "./test-fixtures.js";

const row = (basis: string, patch: Parameters<typeof socialAssistanceRow>[3]) =>
  socialAssistanceRow(["临时救助", "审批"], "救助对象名单、救助金额及相关信息", basis, patch);
const onRequest = { method: ["依申请公开"] };

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  { name: "the 社会救助 sample (all 主动) passes", catalog: standardCatalog(), expected: [] },
  {
    name: "依申请公开 with a basis in 《》 passes",
    catalog: standardCatalog([row("《中华人民共和国政府信息公开条例》第二十七条", onRequest)]),
    expected: [],
  },
  {
    name: "依申请公开 with a clause only passes",
    catalog: standardCatalog([row("政府信息公开条例第二十七条", onRequest)]),
    expected: [],
  },
  {
    name: "依申请公开 without a legal basis",
    catalog: standardCatalog([row("相关规定", onRequest)]),
    expected: [{ rule: "basis-required", severity: "error", message: "依申请公开的事项须在「公开依据」中写明法律依据。", path: "/entries/0/basis", cell: "E4" }],
  },
  {
    name: "both 主动 and 依申请 ticked counts as 主动",
    catalog: standardCatalog([row("相关规定", { method: ["主动", "依申请公开"] })]),
    expected: [],
  },
  {
    name: "不予公开 without a reason",
    catalog: jsonStandardCatalog([row("《中华人民共和国政府信息公开条例》第十五条", { attribute: "不予公开" })]),
    expected: [{ rule: "basis-required", severity: "error", message: "不予公开的事项须写明「不予公开理由」。", path: "/entries/0/nonDisclosureReason" }],
  },
  {
    name: "不予公开 with a reason that names a ground passes",
    catalog: jsonStandardCatalog([
      row("《中华人民共和国政府信息公开条例》第十五条", { attribute: "不予公开", nonDisclosureReason: "涉及个人隐私" }),
      row("《中华人民共和国政府信息公开条例》", { items: ["临时救助", "审核"], attribute: "部分公开", nonDisclosureReason: "依据条例第十六条" }),
    ]),
    expected: [],
  },
  {
    name: "不予公开 with neither basis nor a recognisable ground",
    catalog: jsonStandardCatalog([row("", { attribute: "不予公开", nonDisclosureReason: "不宜公开" })]),
    expected: [
      { rule: "basis-required", severity: "error", message: "不予公开的事项须在「公开依据」中写明法律依据。", path: "/entries/0/basis" },
      { rule: "basis-required", severity: "warning", message: "「不予公开理由」「不宜公开」没有指明条例第十四、十五、十六条", path: "/entries/0/nonDisclosureReason" },
    ],
  },
  {
    name: "an explicit 主动公开 attribute wins over the flags",
    catalog: jsonStandardCatalog([row("相关规定", { attribute: "主动公开", method: ["依申请公开"] })]),
    expected: [],
  },
];

describe("basis-required", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });
});
