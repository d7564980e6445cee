import { describe, expect, it } from "vitest";
import rule from "./time-limit-exceeds.js";
import { brief, matching, ndrcRow, runRule, standardCatalog, supplementaryCatalog, type Expected } from "./test-fixtures.js";

const INFO_LAW = "《中华人民共和国政府信息公开条例》";
const row = (timeLimit: string, basis = INFO_LAW, n = 1) => ndrcRow(["财政信息", `事项${n}`], "部门预算", basis, timeLimit);

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  { name: "the 社会救助 sample (10 working days) passes", catalog: standardCatalog(), expected: [] },
  { name: "20 working days pass", catalog: supplementaryCatalog([row("信息形成或变更之日起20个工作日内")]), expected: [] },
  { name: "28 calendar days pass", catalog: supplementaryCatalog([row("信息形成后28日内")]), expected: [] },
  {
    name: "30 working days fail",
    catalog: supplementaryCatalog([row("信息形成或变更之日起20个工作日内", INFO_LAW, 1), row("信息形成之日起30个工作日内", INFO_LAW, 2)]),
    expected: [
      {
        rule: "time-limit-exceeds",
        severity: "error",
        message: "「公开时限」「信息形成之日起30个工作日内」长于条例第二十六条规定的20个工作日（最多约30个工作日）。",
        path: "/entries/1/timeLimit",
        cell: "F5",
      },
    ],
  },
  {
    name: "one month fails",
    catalog: supplementaryCatalog([row("季度结束后1个月内")]),
    expected: [{ rule: "time-limit-exceeds", severity: "error", message: "最多约23个工作日", path: "/entries/0/timeLimit", cell: "F4" }],
  },
  {
    name: "a longer exception fails",
    catalog: supplementaryCatalog([row("信息形成20个工作日内公开;其中统计信息自发布之日起2个月内")]),
    expected: [{ rule: "time-limit-exceeds", severity: "error", message: "最多约46个工作日", path: "/entries/0/timeLimit", cell: "F4" }],
  },
  { name: "the 从其规定 deferral passes", catalog: supplementaryCatalog([row("信息形成之日起30日内。法律、法规另有规定的，从其规定")]), expected: [] },
  { name: "a cited special law passes", catalog: supplementaryCatalog([row("财政部门批复后30日内", "《中华人民共和国预算法》第十四条")]), expected: [] },
  { name: "a ranked regulation passes", catalog: supplementaryCatalog([row("批复后30日内", "【地方性法规】《某省政务公开规定》")]), expected: [] },
  {
    name: "a policy document is no special law",
    catalog: supplementaryCatalog([row("批复后30日内", "《关于做好部门预算公开工作的通知》")]),
    expected: [{ rule: "time-limit-exceeds", severity: "error", message: "最多约22个工作日", path: "/entries/0/timeLimit", cell: "F4" }],
  },
  { name: "fixed dates and 及时 are not periods", catalog: supplementaryCatalog([row("每年1月31日前", INFO_LAW, 1), row("及时公开", INFO_LAW, 2)]), expected: [] },
];

describe("time-limit-exceeds", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });

  it("hints at citing the law", () => {
    const [f] = runRule(rule, supplementaryCatalog([row("30个工作日内")]));
    expect(f?.hint).toContain("请在「公开依据」中写明该法律法规");
    expect(f?.data).toMatchObject({ days: 30 });
  });
});
