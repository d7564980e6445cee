import type { CatalogKind, DisclosureEntry, Entry, PowerEntry } from "@zwgk/catalog-schemas";
import { classifyPowerType, normalizeForMatch, parseClauseReference, statutoryCategoriesFor, type JurisdictionLevel } from "@zwgk/catalog-core";
import { findSimilarPairsBetween, type JoinLimit } from "../similarity-join.js";
import type { VariantTest } from "../variants.js";
import { catalogRef, isDisclosure, refOf, type Context, type Item } from "./context.js";
import { genericCoverage, isAspect, itemCore, umbrellaOf } from "./language.js";
import type { FindingMaker } from "./rules.js";
import type { AnalysisFinding } from "./types.js";

// 事项无遗漏. A power (权责清单) or service (公共服务事项) is *covered* when a disclosure entry
// (标准目录/补充目录) of the same body (same jurisdiction and department) is about it:
//   1. the entry has the same code;
//   2. the entry names the item: the item's core — its name (or 子项名称) with procedure and result
//      words cut from the end (itemCore: 临时救助金给付 → 临时救助) — equals the core of the
//      entry's 公开事项 (a level, or the path without an umbrella 一级事项), or of one element of its
//      公开内容 list; or ends with it (the entry is about the general item: 社会保险登记 covers
//      企业社会保险登记); or the two cores are at least 0.85 alike, neither extends the other at its
//      end, and they differ by no procedure, scope or number word;
//   3. the entry is generic: it names no item, only power types (or 行政执法, 双公示) with result or
//      listing words — 行政许可结果公示, 双公示, 行政执法决定 — and covers every power of those
//      types; 政务服务事项办事指南 covers every service.
// An entry about one item never covers another: 行政许可 / 食品经营许可 covers 食品经营许可 only, and
// 最低生活保障 does not cover 最低生活保障边缘家庭认定 (its core keeps 边缘家庭).
// A body with powers or services but no disclosure catalog in the input is not checked; the analysis
// says so once.

const FUZZY = 0.85;
const NEAREST = 0.6;
const MIN_CORE = 3;
const SERVICES = "*service";
/** Disclosure entries whose texts are searched together for the 条例 categories' keywords. */
const STATUTORY_BATCH = 256;
// List separators, and item numbers ("1." "2、"); spaces around them are trimmed per part.
const CONTENT_SPLIT = /[、，,；;\n\r●〇○•]+|(?<!\d)\d+[.．、)]/u;

interface Coverage {
  codes: Set<string>;
  /** Item core → the disclosure item it came from. */
  cores: Map<string, Item>;
  coreList: string[];
  coreItems: Item[];
  /** Power types (and "*service") covered by generic entries → the entry. */
  generic: Map<string, Item>;
}

function addCore(cov: Coverage, core: string, it: Item): void {
  if (core.length < MIN_CORE || cov.cores.has(core)) return;
  cov.cores.set(core, it);
  cov.coreList.push(core);
  cov.coreItems.push(it);
}

/**
 * What a disclosure entry covers, by key: the item cores it names (its whole path, the path without an
 * umbrella 一级事项, each level, each element of its 公开内容 list; 3+ characters, first occurrence
 * first) or, for a generic entry, the power types it covers (`*service` for every service).
 */
export function disclosureCover(levelsAsWritten: readonly string[], content: string | undefined): { cores: string[]; types: string[] } {
  const levels = levelsAsWritten.map((l) => l.trim()).filter(Boolean);
  const types = genericCoverage(levels);
  if (types.length) return { cores: [], types };
  const cores: string[] = [];
  const add = (core: string) => {
    if (core.length >= MIN_CORE && !cores.includes(core)) cores.push(core);
  };
  add(itemCore(levels.join("")));
  if (levels.length > 1 && umbrellaOf(levels[0]!)) add(itemCore(levels.slice(1).join("")));
  for (const level of levels) if (!umbrellaOf(level)) add(itemCore(level));
  if (content) for (const part of content.split(CONTENT_SPLIT)) if (part.trim().length >= 4) add(itemCore(part));
  return { cores, types: [] };
}

function buildCoverage(items: readonly Item[]): Coverage {
  const cov: Coverage = { codes: new Set(), cores: new Map(), coreList: [], coreItems: [], generic: new Map() };
  for (const it of items) {
    if (it.code) cov.codes.add(it.code);
    const { cores, types } = disclosureCover(it.levels, (it.entry as DisclosureEntry).content);
    for (const t of types) if (!cov.generic.has(t)) cov.generic.set(t, it);
    for (const core of cores) addCore(cov, core, it);
  }
  return cov;
}

/**
 * The keys a power or service is covered by when a disclosure entry of its body has one of them
 * among its cores ({@link disclosureCover}): its own cores (the item named), and their tails of 4+
 * characters that are not aspects (an entry about the general item: 社会保险登记 covers
 * 企业社会保险登记). A core that only starts with the entry's is another item (最低生活保障边缘家庭
 * is not 最低生活保障).
 */
export function itemCoverKeys(levels: readonly string[]): string[] {
  const cores = coresOf(levels);
  const out = new Set(cores);
  for (const core of cores) {
    for (let i = 1; i + 4 <= core.length; i++) {
      const tail = core.slice(i);
      if (!isAspect(tail)) out.add(tail);
    }
  }
  return [...out];
}

/**
 * True when one of an item's cover keys ({@link itemCoverKeys}, from its cores) is among `covered`:
 * the cores first, then the tails, without building the list. @internal Exported for tests.
 */
export function coveredByKey(cores: readonly string[], covered: ReadonlyMap<string, unknown>): boolean {
  for (const core of cores) if (covered.has(core)) return true;
  for (const core of cores) {
    for (let i = 1; i + 4 <= core.length; i++) {
      const tail = core.slice(i);
      if (!isAspect(tail) && covered.has(tail)) return true;
    }
  }
  return false;
}

/** The key of the generic entries that cover a power (its type, "" when none) or a service (`*service`); "" for disclosure entries. */
export function coverTypeOf(kind: CatalogKind, entry: Entry): string {
  if (kind === "service") return SERVICES;
  if (kind !== "power") return "";
  const type = (entry as PowerEntry).type;
  if (!type) return "";
  return classifyPowerType(type)?.type ?? normalizeForMatch(type);
}

/** The cores a power or service is known by: its name, and its 子项名称 (with and without the name). */
function coresOf(levels: readonly string[]): string[] {
  const out = new Set<string>();
  for (const text of [levels.join(""), ...levels]) {
    const core = itemCore(text);
    if (core.length >= MIN_CORE) out.add(core);
  }
  return [...out];
}

/**
 * The entries of a power or service catalog (by index in the context) that no disclosure entry of
 * its body covers by key — code, generic entry, or core ({@link itemCoverKeys}) — in entry order, as
 * an engine that decides the keyed coverage elsewhere (SQL) found them.
 */
export type KeyedCoverage = (catalog: number) => readonly number[];

/** Powers and services no disclosure entry of the same body covers (see the module comment). */
export function findUncovered(ctx: Context, variants: VariantTest, make: FindingMaker, keyed?: KeyedCoverage): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const cache = new Map<number, Coverage>();
  const notChecked = new Set<number>();
  // A body's coverage is kept until its last power or service list has been checked, then dropped.
  const pending = new Map<number, number>();
  ctx.catalogs.forEach((c, i) => {
    if (c.kind === "power" || c.kind === "service") pending.set(ctx.group[i]!, (pending.get(ctx.group[i]!) ?? 0) + 1);
  });
  ctx.catalogs.forEach((catalog, pc) => {
    if (catalog.kind !== "power" && catalog.kind !== "service") return;
    const group = ctx.group[pc]!;
    const remaining = pending.get(group)! - 1;
    pending.set(group, remaining);
    const rule = catalog.kind === "power" ? "gap-power-not-disclosed" : "gap-service-not-disclosed";
    if (!make.enabled(rule)) return;
    const sources = ctx.catalogs.flatMap((c, dc) => (isDisclosure(c.kind) && ctx.group[dc] === group && dc !== pc ? [dc] : []));
    if (!sources.length) {
      if (!notChecked.has(group) && ctx.bodies[pc]!.key) {
        notChecked.add(group);
        findings.push(
          make.make("notice", "analysis-no-disclosure-catalog", "none", { body: ctx.bodies[pc]!.label, what: catalog.kind === "power" ? "权责清单" : "公共服务事项清单" }, [catalogRef(ctx, pc)]),
        );
      }
      return;
    }
    const cov = cache.get(group) ?? cache.set(group, buildCoverage(sources.flatMap((dc) => ctx.items[dc]!))).get(group)!;
    const items = ctx.items[pc]!;
    const itemCores = items.map((it) => coresOf(it.levels));
    // Exact coverage first (code, generic entry, same or general item); only what is left goes to
    // the bounded join for fuzzy coverage and the nearest entry.
    const left: number[] = keyed ? [...keyed(pc)] : [];
    if (!keyed) {
      for (let i = 0; i < items.length; i++) {
        const it = items[i]!;
        if (it.code && cov.codes.has(it.code)) continue;
        const type = coverTypeOf(catalog.kind, it.entry);
        if (type && cov.generic.has(type)) continue;
        if (coveredByKey(itemCores[i]!, cov.cores)) continue;
        left.push(i);
      }
    }
    const flatCores: string[] = [];
    const owner: number[] = [];
    for (const i of left) {
      for (const c of itemCores[i]!) {
        flatCores.push(c);
        owner.push(i);
      }
    }
    // The best disclosure core of each item left: covering before not, then the most similar, then
    // the first in (item core, disclosure core) order. Folded as the join finds pairs, so that a
    // numbered series (行政处罚事项第1项 … 第3000项, each like every other) costs no memory and
    // cannot crowd out the pairs of the other items.
    const best = new Map<number, { sim: number; core: string; covered: boolean; a: number; b: number }>();
    // The join's candidate checks are bounded by maxNameComparisons; the wording test, dearer (a few
    // microseconds a call), by maxRejectedNamePairs calls.
    const { maxNameComparisons, maxRejectedNamePairs } = ctx.limits;
    let limit: { done: number; value: number; limit: "maxNameComparisons" | "maxRejectedNamePairs" } | undefined;
    let related = 0;
    const fold = (pa: number, pb: number, sim: number) => {
      const i = owner[pa]!;
      const prev = best.get(i);
      // A covered item is not reported: no later pair can change what is said about it.
      if (prev?.covered) return true;
      const a = flatCores[pa]!;
      const b = cov.coreList[pb]!;
      // A core that extends the entry's at its end names a narrower or another item (…机构设立许可).
      let covered = false;
      if (sim >= FUZZY && !a.startsWith(b) && !b.startsWith(a)) {
        if (++related > maxRejectedNamePairs) {
          limit = { done: maxRejectedNamePairs, value: maxRejectedNamePairs, limit: "maxRejectedNamePairs" };
          return false;
        }
        covered = variants.relate(a, b) === "similar";
      }
      if (!prev || covered || sim > prev.sim || (sim === prev.sim && (pa < prev.a || (pa === prev.a && pb < prev.b)))) {
        best.set(i, { sim, core: b, covered, a: pa, b: pb });
      }
      return true;
    };
    const onLimit = (l: JoinLimit) => (limit = { done: l.comparisons, value: l.value, limit: "maxNameComparisons" });
    if (flatCores.length && cov.coreList.length) findSimilarPairsBetween(flatCores, cov.coreList, { threshold: NEAREST, onPair: fold, onLimit, maxComparisons: maxNameComparisons });
    if (limit && make.enabled("analysis-gap-limit")) {
      const data = { list: catalogRef(ctx, pc).name, progress: limit.done, value: limit.value, limit: limit.limit };
      findings.push(make.make("notice", "analysis-gap-limit", "stopped", data, [catalogRef(ctx, pc)]));
    }
    const body = ctx.bodies[pc]!.label;
    for (const i of left) {
      const near = best.get(i);
      if (near?.covered) continue;
      findings.push(uncovered(ctx, items[i]!, rule, body, near && { core: near.core, sim: near.sim, entry: cov.cores.get(near.core)! }, itemCores[i]![0] ?? "", make));
    }
    if (!remaining) cache.delete(group);
  });
  return findings;
}

function difference(a: string, b: string): string {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const da = a.slice(p, a.length - s);
  const db = b.slice(p, b.length - s);
  if (da && db) return `“${da}”与“${db}”不同`;
  return da ? `多出“${da}”` : db ? `少了“${db}”` : "";
}

function uncovered(
  ctx: Context,
  it: Item,
  rule: string,
  body: string,
  near: { core: string; sim: number; entry: Item } | undefined,
  core: string,
  make: FindingMaker,
): AnalysisFinding {
  const ref = refOf(ctx, it);
  const type = (it.entry as PowerEntry).type;
  let nearest = "";
  let reason = "没有同一编码、针对该事项的条目，也没有涵盖该类事项的通用条目";
  if (near) {
    const name = refOf(ctx, near.entry).name;
    const diff = difference(core, near.core);
    nearest = `（最接近的是“${name}”，相似度 ${near.sim.toFixed(2)}，${diff ? `${diff}，` : ""}不是同一事项）`;
    reason = `最接近的公开条目“${name}”相似度 ${near.sim.toFixed(2)}，${diff || "名称不同"}`;
  }
  return make.make("gap", rule, "missing", { name: ref.name, type: rule === "gap-power-not-disclosed" && type ? `（${type}）` : "", body, nearest }, [ref], {
    ...(near ? { score: near.sim } : {}),
    reason,
  });
}

/**
 * 条例 categories (第二十条, and 第二十一条 for the level) that the disclosure catalogs of a body with
 * a 补充目录 do not cover: no entry cites the item in 条款内容 (e.g. 第二十条(七)) and no entry's 公开
 * 事项 or 公开内容 names one of its keywords. A body with 标准目录 only is not checked: a domain's
 * standard catalog is not meant to cover the law; the 补充目录 is. 第二十条(十五) (the catch-all) is
 * not checked. 第二十一条 asks for disclosure "根据本地方的具体情况", so its gaps are `info`.
 */
export function findStatutoryGaps(ctx: Context, level: JurisdictionLevel | undefined, make: FindingMaker): AnalysisFinding[] {
  if (!make.enabled("gap-statutory-category")) return [];
  const findings: AnalysisFinding[] = [];
  const groups = new Map<number, number[]>();
  ctx.catalogs.forEach((c, i) => {
    if (isDisclosure(c.kind)) (groups.get(ctx.group[i]!) ?? groups.set(ctx.group[i]!, []).get(ctx.group[i]!)!).push(i);
  });
  for (const body of groups.values()) {
    if (!body.some((c) => ctx.catalogs[c]!.kind === "supplementary")) continue;
    const lvl = level ?? body.map((c) => ctx.catalogs[c]!.jurisdiction?.level).find(Boolean) ?? "县";
    // A category is covered once an entry cites it or names one of its keywords in its 事项 path or
    // (matching key of) 公开内容. Entries are read in batches of STATUTORY_BATCH, each searched as one
    // text (as the whole body's text was), until every category is covered: a large body that covers
    // them all does so in its first batches. A keyword never spans two entries' texts: keywords are
    // words, without the separators.
    const open = new Set(statutoryCategoriesFor(lvl).filter((cat) => cat.keywords.length));
    const batch: string[] = [];
    const search = () => {
      const text = batch.join("\u0002");
      batch.length = 0;
      for (const cat of open) if (cat.keywords.some((k) => text.includes(k))) open.delete(cat);
    };
    for (const c of body) {
      for (const it of ctx.items[c]!) {
        if (!open.size) break;
        const entry = it.entry as DisclosureEntry;
        if (entry.clause) for (const ref of parseClauseReference(entry.clause)) for (const cat of open) if (ref.id && cat.id === ref.id) open.delete(cat);
        const content = entry.content;
        batch.push(content ? `${it.flat}\u0001${normalizeForMatch(content)}` : it.flat);
        if (batch.length === STATUTORY_BATCH) search();
      }
    }
    if (open.size) search();
    const label = ctx.bodies[body[0]!]!.label;
    for (const cat of statutoryCategoriesFor(lvl)) {
      if (!open.has(cat)) continue;
      const art20 = cat.article === 20;
      findings.push(
        make.make(
          "gap",
          "gap-statutory-category",
          art20 ? "article20" : "article21",
          { label: cat.label, text: cat.text, body: label, level: lvl, item: cat.label.slice(6, -2) },
          body.map((c) => catalogRef(ctx, c)),
          { severity: art20 ? "warning" : "info", reason: "没有条目在条款内容中引用该项，公开事项和公开内容中也没有该类信息的关键词" },
        ),
      );
    }
  }
  return findings;
}
