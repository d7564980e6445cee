import { describe, expect, it } from "vitest";
import rule from "./required-field.js";
import {
  brief,
  jsonStandardCatalog,
  matching,
  ndrcRow,
  powerCatalog,
  serviceCatalog,
  serviceRow,
  socialAssistanceRow,
  socialAssistanceRows,
  STANDARD_COLUMNS,
  standardCatalog,
  supplementaryCatalog,
  runRule,
  type Expected,
} from "./test-fixtures.js";

const row = socialAssistanceRow;
const LICENCE = "【法律】《中华人民共和国公路法》第五十条;【行政法规】《公路安全保护条例》第三十五条";

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  { name: "the 社会救助 sample passes", catalog: standardCatalog(), expected: [] },
  {
    name: "blank 公开内容 and no 公开依据 in a 标准目录",
    catalog: standardCatalog([row(["综合业务", "政策"], "《社会救助暂行办法》", "《信息公开条例》及相关规定"), { ...row(["综合业务", "监督"], "  ", "x"), basis: undefined }]),
    expected: [
      { rule: "required-field", severity: "error", message: "缺少「公开内容（要素）」。", path: "/entries/1/content", cell: "D5" },
      { rule: "required-field", severity: "error", message: "缺少「公开依据」。", path: "/entries/1/basis", cell: "E5" },
    ],
  },
  {
    name: "a single 事项 level in a 标准目录",
    catalog: standardCatalog([{ ...row(["综合业务", "政策"], "《社会救助暂行办法》", "《信息公开条例》"), items: ["综合业务"] }]),
    expected: [{ rule: "required-field", severity: "error", message: "缺少「二级事项」。", path: "/entries/0/items/1", cell: "C4" }],
  },
  {
    name: "every channel box left empty",
    catalog: standardCatalog([
      row(["临时救助", "审批"], "救助对象名单", "《国务院关于全面建立临时救助制度的通知》", {
        channels: { raw: "□政府网站 □政府公报", selected: [], unselected: ["政府网站", "政府公报"] },
      }),
    ]),
    expected: [{ rule: "required-field", severity: "error", message: "「公开渠道和载体」没有选中任何渠道。", path: "/entries/0/channels", cell: "H4" }],
  },
  {
    name: "a JSON catalog without 公开主体 is located by JSON pointer only",
    catalog: jsonStandardCatalog([{ ...socialAssistanceRows()[0]!, subject: undefined }]),
    expected: [{ rule: "required-field", severity: "error", message: "缺少「公开主体」。", path: "/entries/0/subject" }],
  },
  {
    name: "a layout without a 公开主体 column is reported once",
    catalog: standardCatalog(socialAssistanceRows().map((e) => ({ ...e, subject: undefined })), {
      source: { file: "社会救助-标准目录.xlsx", sheet: "社会救助", columns: STANDARD_COLUMNS.filter((c) => c.field !== "subject") },
    }),
    expected: [{ rule: "required-field", severity: "error", message: "目录中没有「公开主体」列，标准目录的每一项都须填写该内容。", path: "" }],
  },
  {
    name: "a 补充目录 needs no 公开主体 but a 公开时限",
    catalog: supplementaryCatalog([
      ndrcRow(["机构信息", "机构职能"], "单位名称、机构职能", "《中华人民共和国政府信息公开条例》", "信息形成或变更之日起20个工作日内"),
      { ...ndrcRow(["机构信息", "领导信息"], "领导姓名", "《中华人民共和国政府信息公开条例》", ""), timeLimit: { raw: "" } },
    ]),
    expected: [{ rule: "required-field", severity: "error", message: "缺少「公开时限」。", path: "/entries/1/timeLimit", cell: "F5" }],
  },
  {
    name: "a power without 权力类型 and 实施依据",
    catalog: powerCatalog([
      { type: "行政许可", name: "公路超限运输许可", basis: { raw: LICENCE } },
      { name: "扣留车辆", basis: { raw: " " } },
    ]),
    expected: [
      { rule: "required-field", severity: "error", message: "缺少「权力类型」。", path: "/entries/1/type", cell: "A4" },
      { rule: "required-field", severity: "error", message: "缺少「实施依据」。", path: "/entries/1/basis", cell: "D4" },
    ],
  },
  {
    name: "a service without 实施主体",
    catalog: serviceCatalog([
      serviceRow("学生资助政策咨询", "512C0053300008-511602000000-000-115113010833722043-1-00", "公共服务", "区教科体局"),
      serviceRow("普通高中国家助学金、免学费查询", "512B0053300004-511602000000-000-115113010833722043-1-00", "公共服务", ""),
    ]),
    expected: [{ rule: "required-field", severity: "error", message: "缺少「实施主体」。", path: "/entries/1/subject", cell: "E3" }],
  },
];

describe("required-field", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });

  it("names the unrecognised column a missing one probably is, at its header cell, with the config entry", () => {
    // F2 renamed 公开期限: the column is read as an extra column and 公开时限 is missing.
    const columns = STANDARD_COLUMNS.map((c) => (c.field === "timeLimit" ? { column: "F", header: "公开期限" } : c));
    const catalog = standardCatalog(
      socialAssistanceRows().map((e) => ({ ...e, timeLimit: undefined })),
      { source: { file: "社会救助-标准目录.xlsx", sheet: "社会救助", format: "xlsx", headerRows: [2, 3], columns } },
    );
    const findings = runRule(rule, catalog);
    expect(findings.map((f) => [f.message, f.location.cell, f.location.sheet])).toEqual([
      ["F 列的表头「公开期限」未被识别；目录中没有「公开时限」列，最接近的就是这一列。", "F2", "社会救助"],
    ]);
    expect(findings[0]!.hint).toBe('如果这一列就是「公开时限」，请在 zwgk.config.json 中加上 "columns": { "公开期限": "timeLimit" }（或把表头改为「公开时限」）。');
    expect(findings[0]!.hint).not.toContain("增加「公开时限」列");
  });

  it("lists the unrecognised columns when none is close to the missing one", () => {
    const columns = STANDARD_COLUMNS.map((c) => (c.field === "subject" ? { column: "G", header: "责任科室" } : c));
    const catalog = standardCatalog(
      socialAssistanceRows().map((e) => ({ ...e, subject: undefined })),
      { source: { file: "社会救助-标准目录.xlsx", sheet: "社会救助", format: "xlsx", headerRows: [2, 3], columns } },
    );
    const [finding] = runRule(rule, catalog);
    expect(finding!.message).toBe("目录中没有「公开主体」列，标准目录的每一项都须填写该内容。");
    expect(finding!.hint).toBe(
      '请在表格中增加「公开主体」列并逐项填写。若表中某一列就是它（未识别的列：G 列「责任科室」），请在 zwgk.config.json 的 columns 中把该列名映射到 "subject"。',
    );
  });

  it("lists the kind's required fields in the hint", () => {
    const [finding] = runRule(rule, jsonStandardCatalog([{ ...socialAssistanceRows()[0]!, content: "" }]));
    expect(finding?.hint).toBe("请填写「公开内容（要素）」。标准目录的必填内容为：一级事项、二级事项、公开内容（要素）、公开依据、公开时限、公开主体、公开渠道和载体。");
  });

  it("can be switched off or downgraded", () => {
    const catalog = jsonStandardCatalog([{ ...socialAssistanceRows()[0]!, content: "" }]);
    expect(runRule(rule, catalog, { severities: { "required-field": "off" } })).toEqual([]);
    expect(runRule(rule, catalog, { severities: { "required-field": "warning" } }).map((f) => f.severity)).toEqual(["warning"]);
  });
});
