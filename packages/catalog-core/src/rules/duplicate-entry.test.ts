import { describe, expect, it } from "vitest";
import rule from "./duplicate-entry.js";
import {
  brief,
  jsonStandardCatalog,
  matching,
  powerCatalog,
  runRule,
  serviceCatalog,
  serviceRow,
  socialAssistanceRow,
  socialAssistanceRows,
  standardCatalog,
  type Expected,
} from "./test-fixtures.js";

const LAW = "《最低生活保障审核审批办法(试行)》";
const HIGHWAY = "【法律】《中华人民共和国公路法》第五十条";
const PEOPLE = "1251130145225903XN";

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  { name: "the 社会救助 sample has no duplicates", catalog: standardCatalog(), expected: [] },
  {
    name: "the same 事项 path written with other width and script",
    catalog: standardCatalog([
      socialAssistanceRow(["最低生活保障", "审批"], "最低生活保障对象名单", LAW),
      socialAssistanceRow(["特困人员救助供养", "审批"], "特困人员名单", LAW),
      socialAssistanceRow(["最低生活保障 ", "審批。"], "最低生活保障对象名单及相关信息", LAW),
    ]),
    expected: [{ rule: "duplicate-entry", severity: "error", message: "事项「最低生活保障  / 審批。」与社会救助 第4行重复。", path: "/entries/2" }],
  },
  {
    name: "a JSON catalog names the first by its position",
    catalog: jsonStandardCatalog([...socialAssistanceRows().slice(0, 2), socialAssistanceRows()[0]!]),
    expected: [{ rule: "duplicate-entry", severity: "error", message: "事项「综合业务 / 政策」与第1项重复。", path: "/entries/2" }],
  },
  {
    name: "a power listed twice (name + 子项)",
    catalog: powerCatalog([
      { type: "行政许可", name: "道路运输经营许可", subItem: "道路旅客运输经营许可", basis: { raw: HIGHWAY } },
      { type: "行政许可", name: "道路运输经营许可", subItem: "道路货物运输经营许可", basis: { raw: HIGHWAY } },
      { type: "行政许可", name: "道路运输经营许可", subItem: "道路旅客运输经营许可", basis: { raw: HIGHWAY } },
    ]),
    expected: [{ rule: "duplicate-entry", severity: "error", message: "事项「道路运输经营许可 / 道路旅客运输经营许可」与行政职权 第3行重复。", path: "/entries/2" }],
  },
  {
    name: "two powers sharing one 行政许可事项编号",
    catalog: powerCatalog([
      { type: "行政许可", name: "公路超限运输许可", code: "000117003000" },
      { type: "行政许可", name: "公路建设项目施工许可", code: "000117003000" },
    ]),
    expected: [
      { rule: "duplicate-entry", severity: "error", message: "「事项编码」「000117003000」与行政职权 第3行重复。", path: "/entries/1/code", cell: "I4" },
    ],
  },
  {
    name: "one service listed under two codes (广安区 rows 492 and 539)",
    catalog: serviceCatalog([
      serviceRow("求职创业补贴申领", `512B0159000000-511602000000-000-${PEOPLE}-1-00`, "公共服务", "区人社局"),
      serviceRow("就业创业证申领", `512014025001-511602000000-000-${PEOPLE}-1-00`, "公共服务", "区人社局"),
      serviceRow("求职创业补贴申领", `512014025002-511602000000-000-${PEOPLE}-1-00`, "公共服务", "区人社局"),
    ]),
    expected: [{ rule: "duplicate-entry", severity: "error", message: "事项「求职创业补贴申领」与政务服务事项 第2行重复。", path: "/entries/2" }],
  },
  {
    name: "one name under two bodies is two services",
    catalog: serviceCatalog([
      serviceRow("企业投资项目备案", `513A0166300000-511602000000-000-008778175-1-00`, "其他行政权力", "区发改局"),
      serviceRow("企业投资项目备案", "511Z07001006-511602000000-000-11511301008778183N-1-00", "其他行政权力", "区经信局"),
    ]),
    expected: [],
  },
];

describe("duplicate-entry", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });

  it("points at the first occurrence", () => {
    const [f] = runRule(rule, standardCatalog([...socialAssistanceRows().slice(0, 3), socialAssistanceRows()[1]!]));
    expect(f?.related).toEqual([{ entry: 1, file: "社会救助-标准目录.xlsx", sheet: "社会救助", row: 5, path: "/entries/1" }]);
  });
});
