import { describe, expect, it } from "vitest";
import rule from "./time-limit-unparsed.js";
import { brief, matching, ndrcRow, runRule, standardCatalog, supplementaryCatalog, type Expected } from "./test-fixtures.js";

const INFO_LAW = "《中华人民共和国政府信息公开条例》";
const row = (timeLimit: string, n: number) => ndrcRow(["特定事项", `事项${n}`], "本部门政府信息公开制度性文件", INFO_LAW, timeLimit);

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  { name: "the 社会救助 sample passes", catalog: standardCatalog(), expected: [] },
  {
    name: "the 发展改革局 wordings pass",
    catalog: supplementaryCatalog([row("信息形成或变更之日起20个工作日内", 1), row("每年1月31日前", 2), row("政策文件公开之日起3个工作日内", 3), row("财政部门批复后20日内", 4)]),
    expected: [],
  },
  {
    name: "text that is no time limit",
    catalog: supplementaryCatalog([row("信息形成或变更之日起20个工作日内", 1), row("按上级要求", 2)]),
    expected: [{ rule: "time-limit-unparsed", severity: "warning", message: "无法识别「公开时限」：未能识别公开时限「按上级要求」", path: "/entries/1/timeLimit", cell: "F5" }],
  },
  {
    name: "a duration written where the limit belongs",
    catalog: supplementaryCatalog([row("长期", 1)]),
    expected: [{ rule: "time-limit-unparsed", severity: "warning", message: "说的是公开时长", path: "/entries/0/timeLimit", cell: "F4" }],
  },
  {
    name: "a stored parse is trusted, a blank limit left to required-field",
    catalog: supplementaryCatalog([
      { ...row("按上级要求", 1), timeLimit: { raw: "按上级要求", parsed: { type: "prompt" } } },
      { ...row("", 2), timeLimit: { raw: " " } },
    ]),
    expected: [],
  },
];

describe("time-limit-unparsed", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });
});
