import type { CatalogKind } from "@zwgk/catalog-schemas";
import { normalizeForMatch } from "@zwgk/catalog-core";

/** The layout families: standard and supplementary catalogs share one row shape. */
export type Family = "disclosure" | "power" | "service";

/** The flag groups of a disclosure layout (公开对象 / 公开方式 / 公开层级). */
export type FlagGroup = "audience" | "method" | "levels";

export const FAMILY_OF: Record<CatalogKind, Family> = {
  standard: "disclosure",
  supplementary: "disclosure",
  power: "power",
  service: "service",
};

// Header wordings seen in real catalogs (REFERENCE §3.2, §5, §6). Keys are compared after
// normalizeForMatch, so brackets, width, spaces and traditional script do not matter here.
const DISCLOSURE: Record<string, readonly string[]> = {
  seq: ["序号", "编号", "事项编号", "目录编号"],
  code: ["事项编码", "编码", "事项代码"],
  "items.0": ["公开事项", "公开事项名称", "一级事项", "一级事项名称", "一级目录"],
  "items.1": ["二级事项", "二级事项名称", "二级目录"],
  "items.2": ["三级事项", "三级事项名称", "三级目录"],
  "items.3": ["四级事项", "四级事项名称"],
  content: ["公开内容（要素）", "公开内容", "公开要素", "公开内容要素", "内容"],
  basis: ["公开依据", "依据", "公开依据（文号）"],
  timeLimit: ["公开时限", "时限"],
  subject: ["公开主体", "公开责任主体", "责任主体", "公开单位", "责任单位"],
  channels: ["公开渠道和载体", "公开渠道及载体", "公开渠道", "公开载体", "公开渠道载体", "公开方式和载体", "公开方式及载体"],
  audience: ["公开对象"],
  method: ["公开方式"],
  levels: ["公开层级", "公开层次"],
  attribute: ["公开属性"],
  nonDisclosureReason: ["不予公开理由", "不公开理由", "不予公开依据", "依申请公开理由"],
  clause: ["条款内容", "对应条款", "条例条款"],
};

const POWER: Record<string, readonly string[]> = {
  seq: ["序号", "编号"],
  code: ["事项编码", "职权编码", "行政许可事项编号", "权力编码", "权责事项编码", "权力事项编码", "编码"],
  type: ["权力类型", "权力类别", "职权类型", "职权类别", "事项类型", "权责类型", "权力分类", "职权分类"],
  name: ["事项名称", "权责事项名称", "权力事项名称", "职权名称", "项目名称", "权力名称", "主项名称", "主项"],
  subItem: ["子项名称", "子项", "实施事项", "子项目名称"],
  basis: ["实施依据", "设定依据", "法律依据", "权力依据", "设定和实施依据", "设定依据及实施依据"],
  subject: ["实施主体", "行使主体", "责任主体", "部门名称", "实施部门"],
  department: ["承办机构", "承办科室", "责任科室", "内设机构", "承办处室"],
  level: ["行使层级", "实施层级及权限", "实施层级", "行使层级及权限"],
  responsibilities: ["责任事项", "责任事项内容"],
  responsibilityBasis: ["责任事项依据"],
  accountabilityScope: ["追责对象范围", "追责对象"],
  accountabilityCases: ["追责情形", "问责情形", "责任追究情形"],
  accountabilityBasis: ["追责依据", "问责依据", "责任追究依据"],
  remark: ["备注"],
  status: ["状态", "事项状态"],
};

const SERVICE: Record<string, readonly string[]> = {
  seq: ["序号", "编号"],
  name: ["事项名称", "服务事项名称", "公共服务事项名称", "政务服务事项名称", "服务事项"],
  code: ["实施编码", "事项实施编码", "实施清单编码"],
  baseCode: ["基本编码", "事项基本编码", "基本目录编码"],
  type: ["事项类型", "服务类型"],
  subject: ["实施主体", "实施部门", "实施机关", "责任部门"],
  basis: ["办理依据", "设定依据", "服务依据", "实施依据"],
  serviceObject: ["服务对象"],
  acceptingUnit: ["受理单位", "受理机构", "受理部门"],
  process: ["办理流程", "基本流程", "运行流程", "服务流程"],
  materials: ["申请材料", "材料目录", "申请材料目录"],
  fees: ["收费依据及标准", "收费标准", "收费依据", "收费标准及依据"],
  legalTimeLimit: ["法定办结时限", "法定时限"],
  promisedTimeLimit: ["承诺办结时限", "承诺时限"],
  consultation: ["咨询方式", "咨询电话"],
  complaint: ["监督投诉方式", "投诉方式", "监督投诉电话", "投诉电话"],
  location: ["办理地点"],
  hours: ["办理时间"],
};

const SOURCES: Record<Family, Record<string, readonly string[]>> = {
  disclosure: DISCLOSURE,
  power: POWER,
  service: SERVICE,
};

/** Fields that identify a family: a layout without one of them is not that family. */
export const KEY_FIELDS: Record<Family, readonly string[]> = {
  disclosure: ["items.0", "items.1", "items.2", "content", "basis", "timeLimit", "channels"],
  power: ["name"],
  service: ["name"],
};

/** A compiled header table: normalised wording → field, plus prefixes for lenient matching. */
export interface HeaderTable {
  readonly family: Family;
  readonly exact: ReadonlyMap<string, string>;
  /** Keys of 4+ characters, longest first, tried as prefixes ("公开依据及文号" → basis). */
  readonly prefixes: ReadonlyArray<readonly [string, string]>;
  /** Fields a header may fall back to when its first choice is taken (事项编号 → seq, then code). */
  readonly fallback: ReadonlyMap<string, string>;
  /** Local wordings from `headerOverrides`; they win over every built-in rule. */
  readonly forced: ReadonlyMap<string, string>;
}

function compile(family: Family, forced: ReadonlyMap<string, string> = new Map()): HeaderTable {
  const exact = new Map<string, string>();
  for (const [field, words] of Object.entries(SOURCES[family])) {
    for (const w of words) {
      const key = normalizeForMatch(w);
      if (!exact.has(key)) exact.set(key, field);
    }
  }
  const prefixes = [...exact].filter(([k]) => k.length >= 4).sort((a, b) => b[0].length - a[0].length);
  const fallback = new Map<string, string>();
  if (family === "disclosure") fallback.set(normalizeForMatch("事项编号"), "code");
  return { family, exact, prefixes, fallback, forced };
}

/** The built-in tables, compiled once when the module loads. */
export const TABLES: Record<Family, HeaderTable> = {
  disclosure: compile("disclosure"),
  power: compile("power"),
  service: compile("service"),
};

/** Every field a family's entries can be mapped to (for validating `headerOverrides`). */
export function familyFields(family: Family): ReadonlySet<string> {
  return new Set(Object.keys(SOURCES[family]));
}

/**
 * Tables with local header wordings added (`headerOverrides`: header text → field). Built once per
 * import call. An override value of `extra` keeps the column as an unmodelled column.
 */
export function tablesWithOverrides(overrides: Readonly<Record<string, string>> | undefined): Record<Family, HeaderTable> {
  if (!overrides || Object.keys(overrides).length === 0) return TABLES;
  const out = {} as Record<Family, HeaderTable>;
  for (const family of ["disclosure", "power", "service"] as const) {
    const known = familyFields(family);
    const forced = new Map<string, string>();
    for (const [header, field] of Object.entries(overrides)) {
      if (field === "extra" || known.has(field)) forced.set(normalizeForMatch(header), field);
    }
    out[family] = compile(family, forced);
  }
  return out;
}

/** The field a normalised header names in a table, exact wording first, then the longest known prefix. */
export function matchHeader(table: HeaderTable, key: string): string | undefined {
  const hit = table.forced.get(key) ?? table.exact.get(key);
  if (hit !== undefined) return hit;
  if (key.length < 4) return undefined;
  for (const [prefix, field] of table.prefixes) if (key.startsWith(prefix)) return field;
  return undefined;
}

const ITEM_LEVEL = /^(?:公开事项)?([一二三四1-4])级(?:公开)?(?:事项|目录)?(?:名称)?$/u;
const LEVEL_INDEX: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, "1": 0, "2": 1, "3": 2, "4": 3 };

/** `一级事项`, `二级`, `三级事项名称` → 0, 1, 2 (normalised input). */
export function itemLevel(key: string): number | undefined {
  const m = ITEM_LEVEL.exec(key);
  return m ? LEVEL_INDEX[m[1] as string] : undefined;
}

const GROUP_PARENTS: ReadonlyArray<readonly [string, FlagGroup]> = [
  [normalizeForMatch("公开对象"), "audience"],
  [normalizeForMatch("公开方式"), "method"],
  [normalizeForMatch("公开层级"), "levels"],
  [normalizeForMatch("公开层次"), "levels"],
];

/** The flag group a (normalised) parent header names: 公开对象 → audience … */
export function flagGroupOf(key: string): FlagGroup | undefined {
  for (const [prefix, group] of GROUP_PARENTS) if (key === prefix || key.startsWith(prefix)) return group;
  return undefined;
}

const AUDIENCE_LABELS = new Set(["全社会", "特定群众", "特定群体", "特定对象", "社会公众"].map(normalizeForMatch));
const METHOD_LABELS = new Set(["主动", "主动公开", "依申请", "依申请公开"].map(normalizeForMatch));
const LEVEL_LABEL = /^(?:[省市县区乡镇村]|街道|社区)+级$/u;

/** The group of a flag label standing alone in a one-row header (全社会, 主动, 县级 …). */
export function standaloneFlagGroup(key: string): FlagGroup | undefined {
  if (AUDIENCE_LABELS.has(key)) return "audience";
  if (METHOD_LABELS.has(key)) return "method";
  if (LEVEL_LABEL.test(key)) return "levels";
  return undefined;
}

/** Wordings of 公开属性 values → the schema's enum. */
export const ATTRIBUTE_VALUES: ReadonlyMap<string, string> = new Map(
  (
    [
      ["主动", "主动公开"],
      ["主动公开", "主动公开"],
      ["依申请", "依申请公开"],
      ["依申请公开", "依申请公开"],
      ["不予公开", "不予公开"],
      ["不公开", "不予公开"],
      ["部分公开", "部分公开"],
      ["删减后公开", "删减后公开"],
    ] as const
  ).map(([k, v]) => [normalizeForMatch(k), v]),
);
