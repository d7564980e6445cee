// Test fixtures for the rule tests: catalogs built from rows of /work/shared/samples, with the
// column layout the xlsx reader records, so that findings carry sheet, row and cell.
import type {
  ColumnMapping,
  DisclosureEntry,
  PowerCatalog,
  PowerEntry,
  ServiceCatalog,
  ServiceEntry,
  StandardCatalog,
  SupplementaryCatalog,
} from "@zwgk/catalog-schemas";
import { expect } from "vitest";
import { validateCatalog, type ValidateOptions } from "../engine.js";
import type { Finding } from "../finding.js";
import type { Rule } from "../rule.js";

const col = (column: string, header: string, field?: string, value?: string): ColumnMapping => ({
  column,
  header,
  ...(field ? { field } : {}),
  ...(value ? { value } : {}),
});

/** 社会救助-标准目录.xlsx: title row, two-row header (rows 2–3), entries from row 4. */
export const STANDARD_COLUMNS: ColumnMapping[] = [
  col("A", "序号", "seq"),
  col("B", "公开事项/一级事项", "items.0"),
  col("C", "公开事项/二级事项", "items.1"),
  col("D", "公开内容（要素）", "content"),
  col("E", "公开依据", "basis"),
  col("F", "公开时限", "timeLimit"),
  col("G", "公开主体", "subject"),
  col("H", "公开渠道和载体", "channels"),
  col("I", "公开对象/全社会", "audience", "全社会"),
  col("J", "公开对象/特定群众", "audience", "特定群众"),
  col("K", "公开方式/主动", "method", "主动"),
  col("L", "公开方式/依申请公开", "method", "依申请公开"),
  col("M", "公开层级/县级", "levels", "县级"),
  col("N", "公开层级/乡、村级", "levels", "乡、村级"),
];

export const WALL = "社区/企事业单位/村公示栏（电子屏）";
const CHANNELS_RAW = `■政府网站 ■公开查阅点 ■${WALL}`;
const SUBJECT = "县级政府民政部门、乡镇政府(街道办事处)";
const TEN_DAYS = "制定或获取信息之日起10个工作日内";

/** One 社会救助 row as the sample has it; `patch` changes what a test needs. */
export function socialAssistanceRow(items: [string, string], content: string, basis: string, patch: Partial<DisclosureEntry> = {}): DisclosureEntry {
  return {
    items,
    content,
    basis: { raw: basis },
    timeLimit: { raw: TEN_DAYS },
    subject: SUBJECT,
    channels: { raw: CHANNELS_RAW, selected: ["政府网站", "公开查阅点", WALL], unselected: [] },
    audience: ["全社会"],
    method: ["主动"],
    levels: ["县级", "乡、村级"],
    ...patch,
  };
}

/** The 12 rows of 社会救助-标准目录.xlsx. */
export function socialAssistanceRows(): DisclosureEntry[] {
  const info = "《信息公开条例》及相关规定";
  return [
    socialAssistanceRow(["综合业务", "政策"], "《社会救助暂行办法》", info),
    socialAssistanceRow(["综合业务", "监督"], "社会救助信访通讯地址、监督举报电话", info),
    socialAssistanceRow(["最低生活保障", "政策"], "《国务院关于进一步加强和改进最低生活保障工作的意见》、《最低生活保障审核审批办法(试行)》、各地配套政策法规文件", info),
    socialAssistanceRow(["最低生活保障", "办事指南"], "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式", "《国务院关于进一步加强和改进最低生活保障工作的意见》、各地相关政策法规文件"),
    socialAssistanceRow(["最低生活保障", "审核"], "初审对象名单及相关信息", "《最低生活保障审核审批办法(试行)》"),
    socialAssistanceRow(["最低生活保障", "审批"], "最低生活保障对象名单及相关信息", "《最低生活保障审核审批办法(试行)》"),
    socialAssistanceRow(["特困人员救助供养", "政策"], "《国务院关于进一步健全特困人员救助供养制度的意见》、各地配套政策法规文件", info),
    socialAssistanceRow(["特困人员救助供养", "办事指南"], "办理事项、办理条件、救助供养标准、申请材料、办理流程、办理时间、地点、联系方式", "《国务院关于进一步健全特困人员救助供养制度的意见》"),
    socialAssistanceRow(["特困人员救助供养", "审批"], "特困人员名单及相关信息", "《特困人员认定办法》"),
    socialAssistanceRow(["临时救助", "政策"], "《国务院关于全面建立临时救助制度的通知》、各地配套政策法规文件", info),
    socialAssistanceRow(["临时救助", "办事指南"], "办理事项、办理条件、临时救助标准、申请材料、办理流程、办理时间、地点、联系方式", "《国务院关于全面建立临时救助制度的通知》"),
    socialAssistanceRow(["临时救助", "审批"], "救助对象名单、救助金额及相关信息", "《国务院关于全面建立临时救助制度的通知》"),
  ];
}

/** A 社会救助 标准目录 read from the sample workbook: entries get rows 4, 5, … */
export function standardCatalog(entries: DisclosureEntry[] = socialAssistanceRows(), patch: Partial<StandardCatalog> = {}): StandardCatalog {
  return {
    schemaVersion: "1.0",
    kind: "standard",
    title: "宝坻区社会救助领域基层政务公开标准目录",
    jurisdiction: { name: "宝坻区", level: "县", code: "120115" },
    domain: "社会救助",
    source: { file: "社会救助-标准目录.xlsx", sheet: "社会救助", format: "xlsx", headerRows: [2, 3], columns: STANDARD_COLUMNS },
    entries: entries.map((e, i) => ({ ...e, source: { file: "社会救助-标准目录.xlsx", sheet: "社会救助", row: 4 + i } })),
    ...patch,
  };
}

/** The same catalog as a hand-written JSON file: no layout, no rows. */
export function jsonStandardCatalog(entries: DisclosureEntry[] = socialAssistanceRows()): StandardCatalog {
  const { source: _source, ...rest } = standardCatalog(entries);
  return { ...rest, entries };
}

/** 主动公开目录-发展改革局.xlsx: no 公开主体, no 公开层级, extra 公开时长. */
export const SUPPLEMENTARY_COLUMNS: ColumnMapping[] = [
  col("A", "序号", "seq"),
  col("B", "公开事项/一级事项", "items.0"),
  col("C", "公开事项/二级事项", "items.1"),
  col("D", "公开内容", "content"),
  col("E", "公开依据", "basis"),
  col("F", "公开时限", "timeLimit"),
  col("G", "公开渠道和载体", "channels"),
  col("H", "公开对象/全社会", "audience", "全社会"),
  col("I", "公开对象/特定群体", "audience", "特定群体"),
  col("J", "公开方式/主动", "method", "主动"),
  col("K", "公开方式/依申请", "method", "依申请"),
  col("L", "公开时长"),
];

/** One 发展改革局 row; `patch` changes what a test needs. */
export function ndrcRow(items: [string, string], content: string, basis: string, timeLimit: string, patch: Partial<DisclosureEntry> = {}): DisclosureEntry {
  return {
    items,
    content,
    basis: { raw: basis },
    timeLimit: { raw: timeLimit },
    channels: { raw: "政府网站", selected: ["政府网站"] },
    audience: ["全社会"],
    method: ["主动"],
    extra: [{ name: "公开时长", value: "长期,最新有效" }],
    ...patch,
  };
}

export function supplementaryCatalog(entries: DisclosureEntry[], patch: Partial<SupplementaryCatalog> = {}): SupplementaryCatalog {
  const file = "主动公开目录-发展改革局.xlsx";
  return {
    schemaVersion: "1.0",
    kind: "supplementary",
    title: "某县发展和改革局政府信息主动公开补充目录",
    department: "某县发展和改革局",
    source: { file, sheet: "主动公开目录", format: "xlsx", headerRows: [2, 3], columns: SUPPLEMENTARY_COLUMNS },
    entries: entries.map((e, i) => ({ ...e, source: { file, sheet: "主动公开目录", row: 4 + i } })),
    ...patch,
  };
}

/** 权责清单-交通运输.xlsx: one-row header in row 2, entries from row 3. */
export const POWER_COLUMNS: ColumnMapping[] = [
  col("A", "权力分类", "type"),
  col("B", "项目名称", "name"),
  col("C", "子项", "subItem"),
  col("D", "实施依据", "basis"),
  col("E", "责任事项", "responsibilities"),
  col("F", "责任事项依据", "responsibilityBasis"),
  col("G", "追责情形", "accountabilityCases"),
  col("H", "追责依据", "accountabilityBasis"),
  col("I", "行政许可事项编号", "code"),
  col("J", "部门梳理意见及理由"),
  col("K", "审核组意见"),
];

export function powerCatalog(entries: PowerEntry[], patch: Partial<PowerCatalog> = {}): PowerCatalog {
  const file = "权责清单-交通运输.xlsx";
  return {
    schemaVersion: "1.0",
    kind: "power",
    title: "恭城瑶族自治县交通运输局权责清单",
    jurisdiction: { name: "恭城瑶族自治县", level: "县", code: "450332" },
    department: "恭城瑶族自治县交通运输局",
    source: { file, sheet: "行政职权", format: "xlsx", headerRows: [2], columns: POWER_COLUMNS },
    entries: entries.map((e, i) => ({ ...e, source: { file, sheet: "行政职权", row: 3 + i } })),
    ...patch,
  };
}

/** 政务服务事项-广安区.xlsx: header in row 1, entries from row 2. */
export const SERVICE_COLUMNS: ColumnMapping[] = [
  col("A", "序号", "seq"),
  col("B", "事项名称", "name"),
  col("C", "实施编码", "code"),
  col("D", "事项类型", "type"),
  col("E", "实施部门", "subject"),
];

export function serviceRow(name: string, code: string, type: string, subject: string): ServiceEntry {
  return { name, code, type, subject };
}

export function serviceCatalog(entries: ServiceEntry[], patch: Partial<ServiceCatalog> = {}): ServiceCatalog {
  const file = "政务服务事项-广安区.xlsx";
  return {
    schemaVersion: "1.0",
    kind: "service",
    title: "广安区政务服务事项清单",
    jurisdiction: { name: "广安区", level: "县", code: "511602" },
    source: { file, sheet: "政务服务事项", format: "xlsx", headerRows: [1], columns: SERVICE_COLUMNS },
    entries: entries.map((e, i) => ({ ...e, source: { file, sheet: "政务服务事项", row: 2 + i } })),
    ...patch,
  };
}

/** Runs one rule over a catalog through the public engine. */
export function runRule(rule: Rule, catalog: unknown, options: ValidateOptions = {}): Finding[] {
  return validateCatalog(catalog, { ...options, rules: [rule] });
}

/** The parts of a finding a table-driven test compares. */
export function brief(f: Finding): { rule: string; severity: string; message: string; path?: string; cell?: string } {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...(f.location.path !== undefined ? { path: f.location.path } : {}),
    ...(f.location.cell ? { cell: f.location.cell } : {}),
  };
}

/** What a test expects of a finding: `message` is a fragment of the message. */
export interface Expected {
  rule: string;
  severity: string;
  message: string;
  path?: string;
  cell?: string;
}

/** The findings, reduced to what tests compare, with `message` matched as a fragment. */
export function matching(expected: readonly Expected[]): unknown[] {
  return expected.map((e) => ({ ...e, message: expect.stringContaining(e.message) }));
}
