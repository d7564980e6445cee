import type { Catalog, Entry, Jurisdiction } from "@zwgk/catalog-schemas";
import { normalizeForMatch } from "@zwgk/catalog-core";

// Which body (单位: jurisdiction + department) a catalog belongs to, read from the catalog itself:
//   jurisdiction — `jurisdiction` (its 行政区划代码, else its name), else the place the title starts
//                  with (宝坻区社会救助领域…, 恭城瑶族自治县交通运输局权责清单), else the 行政区划代码
//                  every 实施编码 of the entries shares (…-511602000000-…), else the caller's default;
//   department   — `department`, else the organ the title names after the place (…交通运输局…), else
//                  the organ the entries' 公开主体/实施主体 name when one organ dominates (县级政府民政
//                  部门 → 民政); a list whose entries name several organs is the jurisdiction's own list.
// Placeholders (某县, ××区, a bare 区) are not names. A catalog whose jurisdiction cannot be read has
// no body: it is compared with nothing but itself, and the analysis says so once.

/** The body a catalog belongs to, as the analysis read it. */
export interface Body {
  /** Grouping key: catalogs with equal keys are one body; "" when the body is unknown. */
  key: string;
  /** 行政区划代码 (6 digits) when known. */
  code?: string;
  /** Jurisdiction name as written (宝坻区), when known. */
  jurisdiction?: string;
  /** Department as read (民政), "" for the jurisdiction as a whole or when not stated. */
  department: string;
  /** How a person names it: 宝坻区 民政, 广安区（行政区划代码 511602）. */
  label: string;
  /** Where the jurisdiction was read from. */
  from?: "catalog" | "title" | "codes" | "default";
  /** Why the body is unknown (Chinese), when it is. */
  unknown?: string;
}

// Place units a title starts with, most specific last (广西壮族自治区桂林市恭城瑶族自治县…).
const PLACE = /^(.{2,10}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|新区|开发区|管委会|[省市州盟县区旗镇乡]|街道))/u;
// Words that end in a place suffix but are not places (城市管理局, 社区, 景区 …).
const NOT_PLACES = new Set(["城市", "都市", "社区", "景区", "园区", "辖区", "城区", "市区", "郊区", "地区", "片区", "农村", "乡村", "城乡", "市县", "县区", "省市"]);
const PLACEHOLDER = /^(?:[某＊*本]|××|x+|〇〇|○○)/iu;
// Organ words never occur inside a place name: 县级政府民政部门乡… is not a place.
const ORGAN_WORDS = /政府|部门|[局委办级厅]|中心/u;
const PLACEHOLDER_PLACE = /^(?:某|本|xx|××)[省市县区镇乡]/iu;
const GENERIC_ROLE = /^(?:相关|有关|各|其他|上级|同级)/u;

/** The leading place unit of a key, if it is one (not 城市…, not a run containing organ words). */
function leadingPlace(t: string): string | undefined {
  const m = PLACE.exec(t);
  if (!m || NOT_PLACES.has(m[1]!) || ORGAN_WORDS.test(m[1]!)) return undefined;
  return m[1]!;
}
// An organ name: the shortest text that ends in an organ word.
const ORGAN = /^(.{1,16}?(?:委员会|办公室|管理局|分局|[局委办厅院所站队]|中心|部门|机关|政府))/u;
const ORGAN_CORE_END = /(?:委员会|办公室|管理局|分局|[局委办厅]|中心|部门|机关)$/u;
const LEADING_LEVEL = /^(?:省级|市级|县级|区级|乡级|镇级|县区|市县|[省市县区乡镇])?(?:人民)?(?:政府)?/u;
const LOWER_BODIES = /^(?:[乡镇村]|街道|社区|居委会)/u;
const ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/^发展改革$|^发展和改革$|^发改$/u, "发改"],
  [/^市场监督管理$|^市场监督$|^市场监管$/u, "市场监管"],
  [/^人力资源和?社会保障$|^人社$/u, "人社"],
  [/^卫生健康$|^卫健$|^卫生和计划生育$/u, "卫健"],
  [/^公安$/u, "公安"],
];

/** The department core of an organ name: 宝坻区民政局 → 民政, 县级政府民政部门 → 民政, 区公安分局 → 公安. */
export function departmentCore(text: string): string {
  let t = normalizeForMatch(text);
  if (!t) return "";
  // Drop a leading place, then level words (县级政府, 区).
  t = t.replace(PLACEHOLDER_PLACE, "");
  for (;;) {
    const place = leadingPlace(t);
    if (!place || place.length === t.length) break;
    const rest = t.slice(place.length);
    if (!ORGAN.test(rest)) break;
    t = rest;
  }
  t = t.replace(LEADING_LEVEL, "");
  if (GENERIC_ROLE.test(t)) return "";
  if (LOWER_BODIES.test(t)) return "";
  const organ = ORGAN.exec(t);
  if (!organ) return "";
  const core = organ[1]!.replace(ORGAN_CORE_END, "").replace(/^(?:人民)?政府/u, "");
  for (const [re, alias] of ALIASES) if (re.test(core) || re.test(core.replace(/和/gu, ""))) return alias;
  if (core === "" || core === "人民" || core === "政府" || core === "人民政府") return "";
  return core;
}

/** The place a title starts with (the most specific of a chain), or undefined. */
export function placeOfTitle(title: string): string | undefined {
  let t = normalizeForMatch(title);
  let place: string | undefined;
  for (;;) {
    const next = leadingPlace(t);
    if (!next) break;
    place = next;
    t = t.slice(place.length);
  }
  if (!place || PLACEHOLDER.test(place)) return undefined;
  return place;
}

/** The organ a title names after its place (恭城瑶族自治县交通运输局权责清单 → 交通运输), or "". */
function departmentOfTitle(title: string): string {
  let t = normalizeForMatch(title).replace(PLACEHOLDER_PLACE, "");
  for (;;) {
    const place = leadingPlace(t);
    if (!place) break;
    t = t.slice(place.length);
  }
  // "…领域基层政务公开标准目录" names a domain, not an organ.
  if (/领域|标准目录/u.test(t) && !/局|委员会/u.test(t.split(/领域|标准目录/u)[0] ?? "")) return "";
  return departmentCore(t);
}

const DIVISION_IN_CODE = /-(\d{12})-/u;

/** The 行政区划代码 the 实施编码 of (nearly) every coded entry names: at least 90 % of them, and half the entries. */
function divisionOfCodes(entries: readonly Entry[]): string | undefined {
  const counts = new Map<string, number>();
  let coded = 0;
  for (const e of entries) {
    const m = e.code ? DIVISION_IN_CODE.exec(e.code) : null;
    if (!m) continue;
    coded++;
    const code = m[1]!.slice(0, 6);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  for (const [code, n] of counts) if (n * 10 >= coded * 9 && n * 2 >= entries.length) return code;
  return undefined;
}

/** The department most entries' 公开主体/实施主体 name, if one names it in at least 60 % of them; "*" when several. */
function departmentOfSubjects(entries: readonly Entry[]): string {
  const counts = new Map<string, number>();
  let total = 0;
  for (const e of entries) {
    const subject = (e as { subject?: string }).subject;
    if (!subject) continue;
    total++;
    let core = "";
    for (const part of subject.split(/[、，,；;\s]+/u)) {
      core = departmentCore(part);
      if (core) break;
    }
    if (core) counts.set(core, (counts.get(core) ?? 0) + 1);
  }
  if (!total) return "";
  let best = "";
  let n = 0;
  for (const [core, c] of counts) if (c > n) [best, n] = [core, c];
  if (n * 10 >= total * 6) return best;
  return counts.size > 1 ? "*" : "";
}

/** Options of {@link bodyOf}. */
export interface BodyOptions {
  /** The jurisdiction of catalogs that name none (from `zwgk.config.json`). */
  jurisdiction?: Jurisdiction;
}

/** Reads a catalog's body (see the module comment). */
export function bodyOf(catalog: Catalog, options: BodyOptions = {}): Body {
  const entries = catalog.entries as readonly Entry[];
  let code: string | undefined;
  let name: string | undefined;
  let from: Body["from"];
  const j = catalog.jurisdiction;
  if (j && (j.code || (j.name && !PLACEHOLDER.test(normalizeForMatch(j.name))))) {
    if (j.code && /^\d{6}(?:\d{6})?$/u.test(j.code)) code = j.code.slice(0, 6);
    if (j.name && !PLACEHOLDER.test(normalizeForMatch(j.name))) name = j.name;
    from = "catalog";
  }
  if (!code && !name && catalog.title) {
    name = placeOfTitle(catalog.title);
    if (name) from = "title";
  }
  if (!code && !name) {
    code = divisionOfCodes(entries);
    if (code) from = "codes";
  }
  if (!code && !name && options.jurisdiction) {
    const d = options.jurisdiction;
    if (d.code && /^\d{6}(?:\d{6})?$/u.test(d.code)) code = d.code.slice(0, 6);
    name = d.name;
    from = "default";
  }
  let department = catalog.department ? departmentCore(catalog.department) : "";
  if (!department && catalog.title) department = departmentOfTitle(catalog.title);
  if (!department) department = departmentOfSubjects(entries);
  const deptLabel = department === "*" ? "（多个部门）" : department;
  if (!code && !name) {
    return {
      key: "",
      department: department === "*" ? "" : department,
      label: deptLabel ? `${deptLabel}（行政区划不明）` : "单位不明",
      unknown: catalog.title
        ? `标题“${catalog.title}”中没有可识别的行政区划`
        : "目录没有标题，也没有写明行政区划",
    };
  }
  const place = name ? normalizeForMatch(name).replace(/人民政府$/u, "") : "";
  const key = `${code ? `#${code}` : `@${place}`}|${department === "*" ? "" : department}`;
  const where = name ? (code ? `${name}（${code}）` : name) : `行政区划代码 ${code}`;
  const label = deptLabel ? (deptLabel.startsWith("（") || where.endsWith("）") ? `${where}${deptLabel}` : `${where} ${deptLabel}`) : where;
  const body: Body = { key, department: department === "*" ? "" : department, label };
  if (code) body.code = code;
  if (name) body.jurisdiction = name;
  if (from) body.from = from;
  return body;
}
