import { DOMAINS, LOCAL_DOMAINS, nfkc, normalizeForMatch, POWER_TYPES } from "@zwgk/catalog-core";
import { memoByText as memo } from "./memo.js";

// How the catalogs word one item. Matching keys (`normalizeForMatch`) already ignore width, script,
// spaces and punctuation (so half- and full-width brackets are alike). On top of them:
//   - wrappers: 信息, 情况, 公开, 公示, 事项, 目录 at either end say how an item is published, not which
//     item it is (行政许可结果信息 = 行政许可结果); 决定 and 结果 name the same thing;
//   - the county words the city's 许可 as 许可证核发, 许可审批, 许可证办理 or 许可证;
//   - level qualifiers in brackets ((县级), （市、县级）) name who exercises a power, not another power:
//     dropped when levels are compared (三级四同), kept within one body, where they tell items apart;
//   - 一级事项 differ between catalogs: 行政审批 = 行政许可, and 行政执法 (also 双公示) is the umbrella
//     of 行政许可/行政处罚/行政强制/行政检查 …;
//   - umbrella 一级事项 (a power type, 行政执法, a domain name such as 社会救助, 政务服务) group items
//     without naming one: 社会救助 / 最低生活保障审批 is the item 最低生活保障审批.
// Every transformation is recorded, so that a finding can say why two names were taken as one.

const WRAPPERS = ["信息", "情况", "公开", "公示", "事项", "目录"] as const;
const MIN_KEY = 2;

const TYPE_NAMES = POWER_TYPES.map((t) => t.name);
/** 行政执法 covers these (双公示 the first two). */
export const ENFORCEMENT_TYPES: readonly string[] = ["行政许可", "行政处罚", "行政强制", "行政检查", "行政征收"];
const UMBRELLA_SYNONYMS: Readonly<Record<string, string>> = {
  行政审批: "行政许可",
  审批服务: "行政许可",
  许可: "行政许可",
  处罚: "行政处罚",
  执法公示: "行政执法",
  行政执法公示: "行政执法",
  行政执法信息: "行政执法",
  双公示: "双公示",
};
const DOMAIN_NAMES = new Set(
  [...DOMAINS, ...LOCAL_DOMAINS].flatMap((d) => [d.name, ...d.aliases]).map((n) => normalizeForMatch(n)),
);
const SERVICE_UMBRELLAS = new Set(["政务服务", "公共服务", "便民服务", "办事服务"]);

/** A name as the analysis compares it, with what was done to it. */
export interface NameKey {
  key: string;
  /** Human-readable steps (去掉“信息”, “决定”视为“结果” …), in order. */
  steps: string[];
}

const LEVEL_SUFFIX = /(?:[省市县区乡镇]|市县|县区|市区|省市)级$/u;
// (县级), （市、县级）, (省/市级): level words and separators only, between brackets.
const LEVEL_BRACKET = /[（(](?:[省市县区乡镇级、,，/和及\s]|街道)+[)）]/gu;
const PERMIT_WORDING = /许可证?(?:核发|审批|办理|发放)$|许可证$/u;

function stripWrappers(key: string, steps: string[]): string {
  let k = key;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of WRAPPERS) {
      if (k.length - w.length < MIN_KEY) continue;
      if (k.endsWith(w)) {
        k = k.slice(0, -w.length);
        steps.push(`去掉“${w}”`);
        changed = true;
      } else if (k.startsWith(w)) {
        k = k.slice(w.length);
        steps.push(`去掉“${w}”`);
        changed = true;
      }
    }
  }
  return k;
}

/**
 * The identity key of one 事项 level or name: matching key, wrappers off, 决定 → 结果, 许可证核发 →
 * 许可. With `levels`, level qualifiers ((县级)) are dropped too (for comparing levels, 三级四同).
 */
export function nameKey(text: string, options: { levels?: boolean } = {}): NameKey {
  const steps: string[] = [];
  let raw = nfkc(text);
  if (options.levels) {
    const before = raw;
    raw = raw.replace(LEVEL_BRACKET, "");
    if (raw !== before) steps.push("去掉层级说明");
  }
  let key = normalizeForMatch(raw);
  if (options.levels && LEVEL_SUFFIX.test(key) && key.length > 4) {
    key = key.replace(LEVEL_SUFFIX, "");
    steps.push("去掉层级说明");
  }
  if (key.includes("决定")) {
    key = key.replaceAll("决定", "结果");
    steps.push("“决定”视为“结果”");
  }
  key = stripWrappers(key, steps);
  if (PERMIT_WORDING.test(key)) {
    const m = PERMIT_WORDING.exec(key)!;
    key = `${key.slice(0, m.index)}许可`;
    steps.push(`“${m[0]}”视为“许可”`);
    key = stripWrappers(key, steps);
  }
  return { key, steps };
}

// Remembered per text ("" for none: the memo takes undefined for "not remembered"): catalogs repeat
// their 一级事项 on every row, and the gap search asks for each level of every disclosure entry.
const umbrellaMemo = memo((level: string) => umbrellaOfText(level) ?? "");

/** The umbrella a 一级事项 names (行政许可, 行政执法, 双公示, a domain, 政务服务), or undefined. */
export function umbrellaOf(level: string): string | undefined {
  return umbrellaMemo(level) || undefined;
}

function umbrellaOfText(level: string): string | undefined {
  const key = nameKey(level).key;
  const syn = UMBRELLA_SYNONYMS[key];
  if (syn) return syn;
  if (TYPE_NAMES.includes(key) || key === "行政执法") return key;
  if (DOMAIN_NAMES.has(key)) return `领域:${key}`;
  if (SERVICE_UMBRELLAS.has(key)) return "政务服务";
  return undefined;
}

/** What a 一级事项 is compared by: its key (brackets off), its group (the umbrella it names, else the key) and the groups it is the umbrella of. */
export interface FirstLevelKeys {
  key: string;
  group: string;
  /** 行政执法 covers the enforcement types and 双公示; 双公示 covers 行政许可 and 行政处罚; others none. */
  covers: readonly string[];
}

const COVERS: Readonly<Record<string, readonly string[]>> = {
  行政执法: [...ENFORCEMENT_TYPES, "双公示"],
  双公示: ["行政许可", "行政处罚"],
};

/** The keys {@link firstLevelRelation} compares a 一级事项 by (exported as columns for SQL engines). */
export const firstLevelKeys: (level: string) => Readonly<FirstLevelKeys> = memo(firstLevelKeysOf);

function firstLevelKeysOf(level: string): FirstLevelKeys {
  const u = nfkc(level).replace(BRACKETED, "");
  const key = nameKey(u.trim() ? u : level).key;
  const group = umbrellaOf(level) ?? key;
  return { key, group, covers: COVERS[group] ?? [] };
}

/** How two 一级事项 relate: the same (after synonyms), one the umbrella of the other, or unrelated. */
export function firstLevelRelation(a: string, b: string): "same" | "broader" | "none" {
  const ka = firstLevelKeys(a);
  const kb = firstLevelKeys(b);
  if (ka.key === kb.key || ka.group === kb.group) return "same";
  if (ka.covers.includes(kb.group) || kb.covers.includes(ka.group)) return "broader";
  return "none";
}

// Lower levels that name an aspect of whatever item is above them, not an item: 社会救助 / 政策 is
// not the item 政策.
const ASPECTS = new Set(
  ["政策", "政策文件", "政策解读", "办事指南", "服务指南", "指南", "监督", "监督举报", "审批", "审核", "结果", "名单", "标准", "流程", "程序", "依据", "条件", "其他", "综合", "工作动态", "动态", "通知公告", "规划", "计划", "总结", "制度"].map((w) => normalizeForMatch(w)),
);

/** True when a key names an aspect only (政策, 办事指南 …), not an item. */
export function isAspect(key: string): boolean {
  return key.length < MIN_KEY || ASPECTS.has(key);
}

// Words that say what is done with or published about an item. Coverage (is this power disclosed?)
// compares items, so they are cut from the end of both names: 临时救助金给付 and 临时救助 / 审批 are
// one item; 最低生活保障边缘家庭认定 stays 最低生活保障边缘家庭, another item than 最低生活保障.
// Procedures on an item (设立, 变更, 注销 …) are the same item for coverage: the entry about a permit
// discloses its change and cancellation too. So are what the entry lists about it (的依据、条件、程序).
const PROCEDURE_SUFFIXES = [
  "办事指南", "服务指南", "指南", "对象名单", "名单", "对象", "结果", "政策", "流程", "标准", "条件", "依据", "程序", "审批", "审核",
  "认定", "确认", "给付", "发放", "核发", "办理", "申请", "申领", "许可", "登记", "备案", "查询", "咨询", "资金", "补助金", "金", "证",
  "服务", "管理", "工作", "设立", "新办", "变更", "延续", "注销", "补办", "补发", "换发", "换领", "补领", "挂失", "校验", "签发",
  "首次", "的",
].map((w) => normalizeForMatch(w));
// The last UTF-16 unit of each suffix: a key is compared with a suffix only when its last unit is that one.
const PROCEDURE_LAST = PROCEDURE_SUFFIXES.map((w) => w.charCodeAt(w.length - 1));
// Bracketed parts name a variant or scope of the item ((零售), (低保), (县级)).
const BRACKETED = /[（(【[][^（）()【】[\]]*[）)】\]]/gu;

/** The item a name is about, for coverage: the identity key without bracketed parts, with procedure and result words cut from its end. */
export const itemCore: (text: string) => string = memo(itemCoreOf);

function itemCoreOf(text: string): string {
  const unbracketed = nfkc(text).replace(BRACKETED, "");
  let key = nameKey(unbracketed.trim() ? unbracketed : text, { levels: true }).key;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < PROCEDURE_SUFFIXES.length; i++) {
      const w = PROCEDURE_SUFFIXES[i]!;
      if (key.charCodeAt(key.length - 1) === PROCEDURE_LAST[i] && key.endsWith(w) && key.length - w.length >= 3) {
        key = key.slice(0, -w.length);
        changed = true;
      }
    }
    const stripped = stripWrappers(key, []);
    if (stripped !== key) {
      key = stripped;
      changed = true;
    }
  }
  return key;
}

// Generic coverage. An entry that names no item — only power types, 行政执法 or 双公示, with result
// or listing words (行政许可结果公示, 行政处罚决定, 双公示, 行政执法结果, 政务服务事项办事指南) —
// covers every power of the types it names (or every service). Anything more in the name (a permit's
// name) makes the entry specific: it covers that item only.
const GENERIC_FILLERS = [
  "结果", "决定", "公示", "公开", "信息", "情况", "事项", "目录", "清单", "汇总", "统计", "办事指南", "服务指南", "指南", "执法", "类", "的", "和", "及", "与", "等", "各",
].map((w) => normalizeForMatch(w));

/** The power types (or "*service" for every service) a generic entry covers; empty when the entry names an item. */
export function genericCoverage(levels: readonly string[]): string[] {
  const text = levels.map((l) => normalizeForMatch(l)).join("");
  if (!text) return [];
  let rest = text;
  const types = new Set<string>();
  const take = (word: string, add: readonly string[]) => {
    if (!rest.includes(word)) return;
    rest = rest.replaceAll(word, "");
    for (const t of add) types.add(t);
  };
  // Named types first: 行政执法 / 行政许可结果 covers 行政许可 only; 行政执法 alone covers every
  // enforcement type.
  take("双公示", ["行政许可", "行政处罚"]);
  take("行政审批", ["行政许可"]);
  for (const t of TYPE_NAMES) take(t, [t]);
  const named = types.size > 0;
  take("行政执法", named ? [] : ENFORCEMENT_TYPES);
  take("政务服务", ["*service"]);
  take("公共服务", ["*service"]);
  if (!types.size) return [];
  for (const w of GENERIC_FILLERS) rest = rest.replaceAll(w, "");
  // A power type alone (一级事项 行政许可 with nothing else) publishes nothing in particular.
  if (rest) return [];
  const publishes = /结果|决定|公示|清单|目录|办事指南|服务指南|双公示/u.test(text);
  return publishes ? [...types] : [];
}
