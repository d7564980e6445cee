import type { DisclosureEntry, PowerEntry, ServiceEntry } from "@zwgk/catalog-schemas";
import { classifyPowerType, normalizeForMatch, parseClauseReference, statutoryCategoriesFor, type JurisdictionLevel } from "@zwgk/catalog-core";
import { LEVEL_SEP } from "../identity.js";
import { findSimilarPairsBetween } from "../similarity-join.js";
import { catalogRef, isDisclosure, refOf, sameJurisdiction, type Context, type Item } from "./context.js";
import type { AnalysisFinding } from "./types.js";

// 事项无遗漏. A power (权责清单) or service (公共服务事项) is *covered* by the disclosure catalogs
// (标准目录/补充目录) of the same body when one of these holds (names compared by matching key):
//   1. a disclosure entry has the same code;
//   2. the power's 事项名称 or 子项名称 (4+ characters) appears in a disclosure entry's 公开事项 or
//      公开内容 — "最低生活保障" is covered by 最低生活保障 / 审批;
//   3. a level of a disclosure entry's 公开事项 (4+ characters) appears in the power's name —
//      临时救助 covers 临时救助金给付;
//   4. the name is at least 0.8 similar to a disclosure entry's 公开事项 (whole path or one level);
//   5. generic coverage: an entry that publishes the results of a power type covers every power of
//      that type — the type name with 结果/决定/公示/情况 (行政许可结果, 行政处罚决定公示), 双公示
//      (行政许可 and 行政处罚), 行政执法 with 结果/决定/公示 and no type named (许可, 处罚, 强制,
//      征收, 检查); and for
//      services, an entry for the 办事指南 / 事项清单 of 政务服务 or 公共服务 covers every service.
// A body with no disclosure catalog in the input is not checked (everything would be reported).

const MIN_NAME = 4;
const SIMILAR = 0.8;
const RESULT = /结果|决定|公示|情况/;
const SERVICE_GUIDE = /办事指南|服务指南|事项清单|事项目录/;
const SERVICE_WORDS = /政务服务|公共服务/;
const POWER_TYPES = ["行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励", "行政裁决", "其他行政权力"];
const ENFORCEMENT = ["行政许可", "行政处罚", "行政强制", "行政征收", "行政检查"];
export const ALL_SERVICES = "*service";

export interface Coverage {
  codes: Set<string>;
  corpus: string;
  levelKeys: Set<string>;
  keys: string[];
  generic: Set<string>;
}

export function textOf(it: Item): string {
  const content = (it.entry as DisclosureEntry).content;
  return content ? `${it.flat}\u0001${normalizeForMatch(content)}` : it.flat;
}

export function genericTypes(text: string, out: Set<string>): void {
  let named = text.includes("双公示");
  if (named) out.add("行政许可").add("行政处罚");
  if (RESULT.test(text)) {
    for (const t of POWER_TYPES) {
      if (!text.includes(t)) continue;
      out.add(t);
      named = true;
    }
    if (!named && text.includes("行政执法")) for (const t of ENFORCEMENT) out.add(t);
  }
  if (SERVICE_WORDS.test(text) && SERVICE_GUIDE.test(text)) out.add(ALL_SERVICES);
}

export function buildCoverage(items: readonly Item[]): Coverage {
  const cov: Coverage = { codes: new Set(), corpus: "", levelKeys: new Set(), keys: [], generic: new Set() };
  const texts: string[] = [];
  for (const it of items) {
    if (it.code) cov.codes.add(it.code);
    const text = textOf(it);
    texts.push(text);
    genericTypes(text, cov.generic);
    cov.keys.push(it.flat);
    for (const level of it.path.split(LEVEL_SEP)) {
      if (level.length >= MIN_NAME) cov.levelKeys.add(level);
      if (level !== it.flat) cov.keys.push(level);
    }
  }
  cov.corpus = texts.join("\u0002");
  return cov;
}

function containsLevel(name: string, levels: ReadonlySet<string>): boolean {
  for (let i = 0; i + MIN_NAME <= name.length; i++) {
    for (let j = i + MIN_NAME; j <= name.length; j++) if (levels.has(name.slice(i, j))) return true;
  }
  return false;
}

export function powerType(it: Item): string {
  const type = (it.entry as PowerEntry | ServiceEntry).type;
  if (!type) return "";
  return classifyPowerType(type)?.type ?? normalizeForMatch(type);
}

/** Powers and services no disclosure entry of the same body covers (see the module comment). */
export function findUncovered(ctx: Context): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const cache = new Map<string, Coverage>();
  ctx.catalogs.forEach((catalog, pc) => {
    if (catalog.kind !== "power" && catalog.kind !== "service") return;
    const sources = ctx.catalogs.flatMap((c, dc) => (isDisclosure(c.kind) && sameJurisdiction(ctx, pc, dc) ? [dc] : []));
    if (!sources.length) return;
    const cacheKey = sources.join(",");
    const cov = cache.get(cacheKey) ?? cache.set(cacheKey, buildCoverage(sources.flatMap((dc) => ctx.items[dc]!))).get(cacheKey)!;
    findings.push(...uncoveredAmong(ctx, ctx.items[pc]!, cov));
  });
  return findings;
}

/** The gaps among `items` (powers or services of one catalog) given their body's disclosure coverage. */
export function uncoveredAmong(ctx: Context, items: readonly Item[], cov: Coverage): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const similar = new Set(findSimilarPairsBetween(items.map((it) => it.flat), cov.keys, { threshold: SIMILAR }).map((p) => p.a));
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (similar.has(i) || isCovered(it, cov)) continue;
    findings.push(uncovered(ctx, it, it.kind === "power"));
  }
  return findings;
}

function isCovered(it: Item, cov: Coverage): boolean {
  if (it.code && cov.codes.has(it.code)) return true;
  const type = powerType(it);
  if (type && cov.generic.has(type)) return true;
  if (it.kind === "service" && cov.generic.has(ALL_SERVICES)) return true;
  for (const name of it.path.split(LEVEL_SEP)) if (name.length >= MIN_NAME && cov.corpus.includes(name)) return true;
  return containsLevel(it.flat, cov.levelKeys);
}

function uncovered(ctx: Context, it: Item, power: boolean): AnalysisFinding {
  const ref = refOf(ctx, it);
  const type = (it.entry as PowerEntry).type;
  const what = power ? `权责清单事项“${ref.name}”${type ? `（${type}）` : ""}` : `公共服务事项“${ref.name}”`;
  return {
    kind: "gap",
    rule: power ? "gap-power-not-disclosed" : "gap-service-not-disclosed",
    severity: "warning",
    message: `${what}在同一单位的标准目录、补充目录中没有对应的公开条目`,
    hint: power
      ? "在标准目录或补充目录中增加公开该事项依据、条件、程序和结果的条目（条例第二十条第（五）（六）项）；依法不予公开的，请注明理由。"
      : "在标准目录或补充目录中增加公开该事项办事指南的条目；依法不予公开的，请注明理由。",
    entries: [ref],
  };
}

/** Groups disclosure catalogs by body; catalogs that do not name theirs join the only named body. */
export function disclosureBodies(ctx: Context): number[][] {
  const bodies = new Map<string, number[]>();
  const unknown: number[] = [];
  ctx.catalogs.forEach((c, i) => {
    if (!isDisclosure(c.kind)) return;
    const j = ctx.jurisdiction[i]!;
    if (!j) unknown.push(i);
    else (bodies.get(j) ?? bodies.set(j, []).get(j)!).push(i);
  });
  if (bodies.size <= 1) {
    const all = [...([...bodies.values()][0] ?? []), ...unknown].sort((a, b) => a - b);
    return all.length ? [all] : [];
  }
  return unknown.length ? [...bodies.values(), unknown] : [...bodies.values()];
}

/**
 * 条例 categories (第二十条, and 第二十一条 for the level) that no disclosure catalog of a body covers:
 * no entry cites the item in 条款内容 (e.g. 第二十条(七)) and no entry's 公开事项 or 公开内容 names
 * one of its keywords. 第二十条(十五) (the catch-all) is not checked. 第二十一条 asks for disclosure
 * "根据本地方的具体情况", so its gaps are `info`.
 */
export function findStatutoryGaps(ctx: Context, level: JurisdictionLevel | undefined): AnalysisFinding[] {
  return disclosureBodies(ctx).flatMap((body) => statutoryGapsOfBody(ctx, body, body.flatMap((c) => ctx.items[c]!), level));
}

/** The statutory-category gaps of one body: its disclosure catalogs and their items. */
export function statutoryGapsOfBody(ctx: Context, body: readonly number[], items: readonly Item[], level: JurisdictionLevel | undefined): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const lvl = level ?? body.map((c) => ctx.catalogs[c]!.jurisdiction?.level).find(Boolean) ?? "县";
  const corpus = items.map(textOf).join("\u0002");
  const cited = new Set<string>();
  for (const it of items) {
    const clause = (it.entry as DisclosureEntry).clause;
    if (clause) for (const ref of parseClauseReference(clause)) if (ref.id) cited.add(ref.id);
  }
  for (const cat of statutoryCategoriesFor(lvl)) {
    if (!cat.keywords.length || cited.has(cat.id) || cat.keywords.some((k) => corpus.includes(k))) continue;
    const art20 = cat.article === 20;
    findings.push({
      kind: "gap",
      rule: "gap-statutory-category",
      severity: art20 ? "warning" : "info",
      message: `条例${cat.label}“${cat.text}”：所给目录中没有对应的公开事项（${lvl}级）`,
      hint: art20
        ? `在补充目录中增加该类信息的公开条目；已有条目涵盖的，在其“条款内容”列注明“第二十条(${cat.label.slice(6, -2)})”。`
        : `条例第二十一条要求${lvl}级政府根据本地方的具体情况主动公开该方面信息：如本地有此类事项，请在补充目录中增加。`,
      entries: body.map((c) => catalogRef(ctx, c)),
    });
  }
  return findings;
}
