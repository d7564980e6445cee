import { describe, expect, it } from "vitest";
import rule from "./power-type.js";
import { brief, matching, powerCatalog, runRule, serviceCatalog, serviceRow, type Expected } from "./test-fixtures.js";

const power = (type: string, name: string) => ({ type, name, basis: { raw: "【法律】《中华人民共和国公路法》第八十五条" } });
const CODE = "511A0138000000-511602000000-000-115113010833722043-1-00";

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  {
    name: "the 交通运输 types pass",
    catalog: powerCatalog([power("行政许可", "公路超限运输许可"), power("行政处罚", "对未经许可擅自从事道路旅客运输经营的处罚"), power("行政强制", "扣留车辆"), power("行政检查", "道路运输经营者监督检查"), power("其他行政权力", "收费公路权益转让审批"), power("其他职权", "路政巡查")]),
    expected: [],
  },
  {
    name: "a legacy type warns",
    catalog: powerCatalog([power("行政许可", "公路超限运输许可"), power("非行政许可审批", "公路路政管理中的收费公路权益转让审批")]),
    expected: [{ rule: "power-type", severity: "warning", message: "「权力类型」「非行政许可审批」是旧的分类，不在“9+X”权力类型之内。", path: "/entries/1/type", cell: "A4" }],
  },
  {
    name: "a type outside 9+X fails with a suggestion",
    catalog: powerCatalog([power("行政征用", "公路建设征用土地")]),
    expected: [{ rule: "power-type", severity: "error", message: "「权力类型」「行政征用」不是“9+X”权力类型，是否应为「行政征收」？", path: "/entries/0/type", cell: "A3" }],
  },
  {
    name: "a service list accepts 公共服务 and numeric types",
    catalog: serviceCatalog([serviceRow("学生资助政策咨询", CODE, "公共服务", "区教科体局"), serviceRow("适龄儿童延缓入学审批", CODE.replace("0138", "0139"), "1", "区教科体局")]),
    expected: [],
  },
  {
    name: "a service list rejects an unknown type",
    catalog: serviceCatalog([serviceRow("三级社会体育指导员技术等级称号认定", CODE, "便民服务", "区教科体局")]),
    expected: [{ rule: "power-type", severity: "error", message: "「事项类型」「便民服务」不是“9+X”权力类型", path: "/entries/0/type", cell: "D2" }],
  },
];

describe("power-type", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });
  it("a severity override applies to legacy warnings too", () => {
    const findings = runRule(rule, powerCatalog([power("审核转报", "省级许可审核转报")]), { severities: { "power-type": "error" } });
    expect(findings.map((f) => f.severity)).toEqual(["error"]);
  });
});
