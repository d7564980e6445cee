import type { CatalogKind } from "@zwgk/catalog-schemas";
import { KIND_SHORT_LABELS } from "@zwgk/catalog-core";
import { findSimilarPairs, type JoinLimit } from "../similarity-join.js";
import type { VariantTest } from "../variants.js";
import { compareFields, isDisclosure, refOf, type Context, type Item } from "./context.js";
import { describe, relate, type DescribeItem, type Described, type Match } from "./match.js";
import type { FindingMaker } from "./rules.js";
import type { AnalysisFinding, AnalysisLimits } from "./types.js";

// 梳理不重复: an item listed twice in one catalog, or in the 标准目录 and 补充目录 of one body (never
// across bodies). Exact duplicates share a matching key; near duplicates are one item in other words
// (match.ts). Candidates come from the prefix-filtered similarity join over the names that identify
// items, and from equal lower levels (never all pairs); the join's work is bounded, and when it stops
// early the analysis says so once.

function pool(kind: CatalogKind): string {
  return isDisclosure(kind) ? "disclosure" : kind;
}

/** Lower-level groups larger than this are generic (政策 …) and give no candidates. */
const MAX_GROUP = 64;

function where(ctx: Context, items: readonly Item[]): string {
  const catalogs = [...new Set(items.map((i) => i.catalog))];
  if (catalogs.length === 1) return "同一目录中";
  const names = catalogs.map((c) => {
    const cat = ctx.catalogs[c]!;
    const label = KIND_SHORT_LABELS[cat.kind];
    const what = cat.domain ?? cat.title ?? cat.source?.file;
    return what ? `${label}（${what}）` : label;
  });
  return `${names.join("与")}中`;
}

/** One 事项 key within one body: its items and the matcher's view of the first. */
interface Unit {
  items: Item[];
  d: Described;
}

/** Exact and near duplicates of every pool (disclosure, power, service), per body. */
export function findDuplicates(
  ctx: Context,
  threshold: number,
  variants: VariantTest,
  make: FindingMaker,
  exactToo = true,
  describeItem: DescribeItem = describe,
): AnalysisFinding[] {
  // Units by pool (and body), then by path key: no key string is built per entry. `units` keeps the
  // order in which they were first seen.
  const units: Unit[] = [];
  const byPool = new Map<string, Unit[]>();
  const byPath = new Map<string, Map<string, Unit>>();
  ctx.items.forEach((items, c) => {
    const p = `${pool(ctx.catalogs[c]!.kind)}|${ctx.group[c]}`;
    const list = byPool.get(p) ?? byPool.set(p, []).get(p)!;
    const paths = byPath.get(p) ?? byPath.set(p, new Map()).get(p)!;
    for (const it of items) {
      if (!it.path) continue;
      const u = paths.get(it.path);
      if (u) u.items.push(it);
      else {
        const unit: Unit = { items: [it], d: describeItem(it) };
        paths.set(it.path, unit);
        list.push(unit);
        units.push(unit);
      }
    }
  });
  byPath.clear();
  const findings: AnalysisFinding[] = [];
  for (const unit of units) if (exactToo && unit.items.length >= 2 && make.enabled("duplicate-exact")) findings.push(exact(ctx, unit.items, make));
  if (!make.enabled("duplicate-near")) return findings;
  let near = 0;
  let dropped = 0;
  let limit: JoinLimit | undefined;
  for (const list of byPool.values()) {
    if (list.length < 2) continue;
    for (const [x, y, match] of nearPairs(list, threshold, variants, ctx.limits, (l) => (limit ??= l))) {
      if (near >= ctx.limits.maxNearDuplicates) {
        dropped++;
        continue;
      }
      const a = x.items[0]!;
      const b = y.items[0]!;
      findings.push(nearFinding(ctx, a, b, match, make));
      near++;
    }
  }
  findings.push(...limitFindings(ctx, limit, dropped, make));
  return findings;
}

function* nearPairs(list: readonly Unit[], threshold: number, variants: VariantTest, limits: Readonly<AnalysisLimits>, onLimit: (l: JoinLimit) => void): Generator<[Unit, Unit, Match]> {
  const seen = new Set<number>();
  const n = list.length;
  const check = function* (i: number, j: number): Generator<[Unit, Unit, Match]> {
    const [a, b] = i < j ? [i, j] : [j, i];
    const id = a * n + b;
    if (a === b || seen.has(id)) return;
    seen.add(id);
    const match = relate(list[a]!.d, list[b]!.d, threshold, variants);
    if (match && match.how !== "exact") yield [list[a]!, list[b]!, match];
  };
  // Names that identify the items, compared by the bounded similarity join. Only pairs that are one
  // item count against its bound: a body's numbered series (服务事项第1项 … 第3000项) gives millions
  // of similar names that are all different items, and must not stop the search for the real ones.
  const matches = new Map<number, Match>();
  const keep = (a: number, b: number) => {
    const match = relate(list[a]!.d, list[b]!.d, threshold, variants);
    if (!match || match.how === "exact") return false;
    matches.set(a * n + b, match);
    return true;
  };
  const search = {
    threshold: Math.min(threshold, 0.8),
    maxPairs: limits.maxSimilarNamePairs,
    maxComparisons: limits.maxNameComparisons,
    maxRefused: limits.maxRejectedNamePairs,
    onLimit,
    keep,
  };
  for (const p of findSimilarPairs(list.map((u) => u.d.specKey), search)) {
    const id = p.a * n + p.b;
    if (seen.has(id)) continue;
    seen.add(id);
    yield [list[p.a]!, list[p.b]!, matches.get(id)!];
  }
  matches.clear();
  // Lower levels equal after the wording is undone, under other 一级事项 (行政许可 / 行政审批).
  const byLower = new Map<string, number[]>();
  list.forEach((u, i) => {
    if (u.d.lowerKey) (byLower.get(u.d.lowerKey) ?? byLower.set(u.d.lowerKey, []).get(u.d.lowerKey)!).push(i);
  });
  for (const group of byLower.values()) {
    if (group.length < 2 || group.length > MAX_GROUP) continue;
    for (let x = 0; x < group.length; x++) for (let y = x + 1; y < group.length; y++) yield* check(group[x]!, group[y]!);
  }
}

export function exact(ctx: Context, group: readonly Item[], make: FindingMaker): AnalysisFinding {
  const first = group[0]!;
  const name = refOf(ctx, first).name;
  return make.make(
    "duplicate",
    "duplicate-exact",
    "exact",
    { name, where: where(ctx, group), count: group.length, reason: "事项名称相同，已忽略全半角、繁简、空格和标点" },
    group.map((it) => refOf(ctx, it)),
    { score: 1, reason: "事项名称相同", fields: compareFields(first.kind, first.entry, group[1]!.entry) },
  );
}

function nearFinding(ctx: Context, a: Item, b: Item, match: Match, make: FindingMaker): AnalysisFinding {
  const ra = refOf(ctx, a);
  const rb = refOf(ctx, b);
  return make.make(
    "duplicate",
    "duplicate-near",
    "near",
    { where: a.catalog === b.catalog ? "同一目录中的" : "", a: ra.name, b: rb.name, reason: match.reason },
    [ra, rb],
    { score: match.score, reason: match.reason, fields: compareFields(a.kind, a.entry, b.entry) },
  );
}

/** Which `AnalysisLimits` bound a stopped join reached. */
const JOIN_BOUND: Readonly<Record<JoinLimit["limit"], keyof AnalysisLimits>> = {
  maxPairs: "maxSimilarNamePairs",
  maxComparisons: "maxNameComparisons",
  maxRefused: "maxRejectedNamePairs",
};

function limitFindings(ctx: Context, limit: JoinLimit | undefined, dropped: number, make: FindingMaker): AnalysisFinding[] {
  const entries = () => ctx.catalogs.map((c, i) => ({ name: c.title ?? c.source?.file ?? c.kind, catalog: i, index: -1, ...(c.source?.file ? { file: c.source.file } : {}) }));
  const out: AnalysisFinding[] = [];
  if (limit) {
    const progress =
      limit.limit === "maxPairs"
        ? `找到 ${limit.pairs} 对名称相近的事项`
        : limit.limit === "maxRefused"
          ? `排除了 ${limit.value} 对名称相近但不是同一事项的名称`
          : `比较了 ${limit.comparisons} 对名称`;
    out.push(make.make("notice", "analysis-limit", "stopped", { what: "近似重复查找", progress, value: limit.value, limit: JOIN_BOUND[limit.limit] }, entries()));
  }
  if (dropped) {
    const max = ctx.limits.maxNearDuplicates;
    out.push(make.make("notice", "analysis-limit", "listed", { value: max, dropped, limit: "maxNearDuplicates" }, entries()));
  }
  return out;
}
