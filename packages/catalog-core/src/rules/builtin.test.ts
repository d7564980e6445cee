import { MAX_SCHEMA_ISSUES, type DisclosureEntry, type ServiceCatalog, type StandardCatalog } from "@zwgk/catalog-schemas";
import { describe, expect, it } from "vitest";
import { validateCatalog } from "../engine.js";
import { parseBasis } from "../parse/basis.js";
import { parseChannels } from "../parse/channels.js";
import { parseTimeLimit } from "../parse/time-limit.js";
import { builtinRules } from "./index.js";
import { ndrcRow, SERVICE_COLUMNS, STANDARD_COLUMNS, supplementaryCatalog } from "./test-fixtures.js";

// Whole catalogs from the sample workbooks, as the reader builds them (同上 resolved, channels and
// 公开时限 parsed), run through every built-in rule: the findings must be exactly these.

const HUJI_FILE = "户籍管理-标准目录.xlsx";
const CONTENT = "1.受理部门 2.办理条件 3.办理流程 4.所需材料 5.办理时限 6.收费依据及标准";
const REGULATION = "《中华人民共和国户口登记条例》";
// 户籍管理-标准目录.xlsx rows 4–14: 一级事项, 二级事项, 公开依据 as written, both levels ticked.
const HUJI_ROWS: Array<[string, string, string, boolean]> = [
  ["出生", "新生儿国内出生户口登记", "《中华人民共和国户口登记条例》《中华人民共和国政府信息公开条例》", true],
  ["出生", "中国公民在国(境)外所生子女户口登记", REGULATION, true],
  ["收养", "社会福利机构收养弃婴登记户口", REGULATION, true],
  ["收养", "公民取得《收养证》的户口登记", "同上", true],
  ["恢复", "刑满释放人员恢复户口", "同上", true],
  ["恢复", "转业、复员、退伍军人恢复户口", "同上", true],
  ["迁移", "迁出、迁入登记", "《中华人民共和国户口登记条例》、《中华人民共和国政府信息公开条例》", true],
  ["注销", "死亡注销", "《中华人民共和国户口登记条例》第八条", true],
  ["注销", "服现役注销", "同上", true],
  ["查询服务", "户政业务办理进度查询", REGULATION, false],
  ["查询服务", "居住证办理进度查询", "《中华人民共和国户口登记条例》、《国务院居住证暂行条例》", false],
];

function hujiCatalog(): StandardCatalog {
  const timeLimit = "形成或者变更之日起20个工作日内予以公开";
  let above: DisclosureEntry["basis"];
  const entries = HUJI_ROWS.map(([first, second, basis, township], i): DisclosureEntry => {
    above = parseBasis(basis, above);
    return {
      seq: String(i + 1),
      items: [first, second],
      content: CONTENT,
      basis: above,
      timeLimit: { raw: timeLimit, ...parseTimeLimit(timeLimit) },
      subject: "区公安分局",
      channels: parseChannels("政府网站 入户/现场"),
      audience: ["全社会"],
      method: ["主动"],
      levels: township ? ["区级", "乡级"] : ["区级"],
      source: { file: HUJI_FILE, sheet: "Sheet1", row: 4 + i },
    };
  });
  const columns = STANDARD_COLUMNS.map((c) => (c.field === "levels" ? { ...c, value: c.column === "M" ? "区级" : "乡级" } : c));
  return {
    schemaVersion: "1.0",
    kind: "standard",
    title: "户籍管理领域基层政务公开标准目录",
    source: { file: HUJI_FILE, sheet: "Sheet1", format: "xlsx", headerRows: [2, 3], columns },
    entries,
  };
}

function ndrcCatalog() {
  const law = "《中华人民共和国政府信息公开条例》";
  const twenty = "信息形成或变更之日起20个工作日内";
  const budget = "《中华人民共和国预算法》第十四条";
  return supplementaryCatalog([
    ndrcRow(["机构信息", "机构职能"], "单位名称、机构职能、办公地址、办公时间、联系方式(包括联系电话、通讯地址等)", law, twenty),
    ndrcRow(["机构信息", "领导信息"], "领导姓名、职务职级、分管工作", law, twenty),
    ndrcRow(["机构信息", "内设科室"], "内设科室名称、职能职责", law, twenty),
    ndrcRow(["特定事项", "公开目录"], "本部门政府信息主动公开目录", law, twenty),
    ndrcRow(["特定事项", "公开指南"], "政府信息公开的范围、公开机构信息、政府信息获取方式、依申请公开受理机构、申请材料、申请渠道、申请表及办理流程等、监督方式", law, twenty),
    ndrcRow(["特定事项", "公开制度"], "本部门政府信息公开制度性文件", law, twenty),
    ndrcRow(["特定事项", "公开年报"], "本部门政府信息公开工作年度报告", law, "每年1月31日前"),
    ndrcRow(["政策法规", "文件发布"], "本部门出台的重要政策文件、制定的规范性文件等", law, twenty),
    ndrcRow(["政策法规", "政策解读"], "政策文件的解读材料", law, "政策文件公开之日起3个工作日内"),
    ndrcRow(["财政信息", "部门预算"], "收支总体情况表、财政拨款收支情况表、一般公共预算支出情况表、\"三公\"经费支出表", budget, "财政部门批复后20日内"),
    ndrcRow(["财政信息", "部门决算"], "部门决算报表及说明", budget, "财政部门批复后20日内"),
  ]);
}

// Rows of 政务服务事项-广安区.xlsx as they are, with their real defects: [row, 序号, 事项名称, 实施编码, 事项类型, 实施部门].
const GUANG_AN: Array<[number, string, string, string, string, string]> = [
  [2, "1", "企业投资项目备案（技术改造）（市级/县级）", "511Z07001006-511602000000-000-11511301008778183N-1-00", "其他行政权力", "区经信局"],
  [3, "2", "适龄儿童、少年因身体状况需要延缓入学或者休学审批", "511A0138000000-511602000000-000-115113010833722043-1-00", "行政许可", "区教科体局"],
  [4, "3", "中职和本专科建档立卡特别资助项目", "G-000007-001-511602000000-000-115113010833722043-1-00", "行政给付", "区教科体局"],
  [5, "4", "学生资助政策咨询", "512C0053300008-511602000000-000-115113010833722043-1-00", "公共服务", "区教科体局"],
  [6, "5", "中等职业学校学生国家助学金查询", "512B0053300007-511602000000-000-115113010833722043-1-00", "公共服务", "区教科体局"],
  [7, "6", "三级社会体育指导员技术等级称号认定", "511F33033003-511602000000-000-115113010833722043-1-00", "行政确认", "区教科体局"],
  [27, "26", "户口登记项目内容变更更正证明", "513A0161200000-511602000000-000-1151130000877869M-1-00", "公共服务", "区公安分局"],
  [71, "70", "律师及律所信息查询", "512C0107400001-511602000000-000-00877868-5-1-00", "公共服务", "区司法局"],
  [119, "118", "省际间调运林草植物检疫证书新办核发", "511A0077700002-510000000000-000-8282348-1-00", "行政许可", "区自然资源和规划局"],
  [166, "165", "客运班线延续经营许可", "511A0014100002-511602000000-000-2222222222222-1-00", "行政许可", "区交通运输局"],
  [167, "166", "对客运经营者在发车时间安排上发生纠纷客运站经营者协调无效的裁决", "E-000004-001-11511301008778386B", "行政裁决", "区交通运输局"],
  [228, "227", "重大事故隐患的排查和处理情况的备案", "1J-5100-00027-511602000000-000-11511301008778386B-1-00", "其他行政权力", "区交通运输局"],
  [311, "310", "文物定级", "511F0118100001-511602000000-000-0087790701-1-00", "行政确认", "区文广旅局"],
  [368, "367", "企业名称争议裁决", "E-000021-001-1111111111111111", "行政裁决", "区市监局"],
  [369, "368", "消费纠纷调解", "A-005818-5818-511602000000-000-115113010087783353-1-00", "公共服务", "区市监局"],
  [371, "370", "对计量纠纷进行调解及仲裁检定", "511Z0100400001-511602000000-000-11511301MB051073XA-1-00", "行政裁决", "区市监局"],
  [492, "491", "求职创业补贴申领", "512B0159000000-511602000000-000-1251130145225903XN-1-00", "公共服务", "区人社局"],
  [539, "538", "求职创业补贴申领", "512014025002-511602000000-000-1251130145225903XN-1-00", "公共服务", "区人社局"],
];

function guangAnCatalog(): ServiceCatalog {
  const file = "政务服务事项-广安区.xlsx";
  const sheet = "政务服务事项";
  return {
    schemaVersion: "1.0",
    kind: "service",
    title: "广安区政务服务事项清单（节选）",
    jurisdiction: { name: "广安区", level: "县", code: "511602" },
    source: { file, sheet, format: "xlsx", headerRows: [1], columns: SERVICE_COLUMNS },
    entries: GUANG_AN.map(([row, seq, name, code, type, subject]) => ({ seq, name, code, type, subject, source: { file, sheet, row } })),
  };
}

describe("builtinRules over sample catalogs", () => {
  it("find nothing in the clean 户籍管理 标准目录 (同上, plain channels, 区级/乡级)", () => {
    expect(validateCatalog(hujiCatalog(), { rules: builtinRules })).toEqual([]);
  });

  it("find nothing in the clean 发展改革局 补充目录 (no 公开主体, no 公开层级, 每年1月31日前, 20日)", () => {
    expect(validateCatalog(ndrcCatalog(), { rules: builtinRules })).toEqual([]);
  });

  it("find exactly the real defects of the 广安区 rows", () => {
    const findings = validateCatalog(guangAnCatalog(), { rules: builtinRules });
    expect(findings.map((f) => [f.rule, f.severity, f.location.cell ?? `row ${f.location.row}`, f.message])).toEqual([
      ["implementation-code", "error", "C27", "「实施编码」中的实施主体代码「1151130000877869M」既不是18位统一社会信用代码，也不是9位组织机构代码。"],
      ["implementation-code", "error", "C119", "「实施编码」中的实施主体代码「8282348」既不是18位统一社会信用代码，也不是9位组织机构代码。"],
      ["implementation-code", "error", "C166", "「实施编码」中的实施主体代码「2222222222222」既不是18位统一社会信用代码，也不是9位组织机构代码。"],
      ["implementation-code", "error", "C167", "「实施编码」格式不正确：实施编码「E-000004-001-11511301008778386B」中没有12位行政区划代码段（如 511602000000）。"],
      ["implementation-code", "error", "C311", "「实施编码」中的实施主体代码「0087790701」既不是18位统一社会信用代码，也不是9位组织机构代码。"],
      ["implementation-code", "error", "C368", "「实施编码」格式不正确：实施编码「E-000021-001-1111111111111111」中没有12位行政区划代码段（如 511602000000）。"],
      ["implementation-code", "warning", "C371", "「实施编码」的类型字母表示其他行政权力，与「事项类型」「行政裁决」不一致。"],
      ["duplicate-entry", "error", "row 539", "事项「求职创业补贴申领」与政务服务事项 第492行重复。"],
    ]);
  });

  it("let a caller change severities", () => {
    const findings = validateCatalog(guangAnCatalog(), {
      rules: builtinRules,
      severities: { "implementation-code": "warning", "duplicate-entry": "off" },
    });
    expect(findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(Array(7).fill("implementation-code:warning"));
  });
});

describe("validateCatalog with more schema problems than it lists", () => {
  it("lists the first ones, counts the other failing entries, and keeps them all from the rules", () => {
    const entries: unknown[] = Array.from({ length: 5_000 }, (_, i) => (i % 2 ? i : "not an entry"));
    entries.push({ items: ["社会救助", "低保"], content: "x" });
    const findings = validateCatalog({ schemaVersion: "1.0", kind: "standard", entries }, { rules: builtinRules });
    const schema = findings.filter((f) => f.rule === "schema");
    expect(schema).toHaveLength(MAX_SCHEMA_ISSUES + 1);
    const summary = schema.at(-1)!;
    expect(summary.message).toBe(`另有 ${5_000 - MAX_SCHEMA_ISSUES} 个条目不符合目录标准，未逐一列出（每次最多列出 ${MAX_SCHEMA_ISSUES} 处问题）。`);
    expect(summary.location.path).toBe("/entries");
    // The one valid entry still gets the rules; no rule ever sees a number or a string as an entry.
    expect(findings.some((f) => f.rule !== "schema" && f.location.entry === 5_000)).toBe(true);
    expect(findings.every((f) => f.rule === "schema" || f.location.entry === undefined || f.location.entry === 5_000)).toBe(true);
  });
});
