import type { CatalogKind } from "@zwgk/catalog-schemas";
import { KIND_SHORT_LABELS, similarity } from "@zwgk/catalog-core";
import { LEVEL_SEP } from "../identity.js";
import { findSimilarPairs } from "../similarity-join.js";
import type { VariantTest } from "../variants.js";
import { compareFields, isDisclosure, refOf, sameJurisdiction, type Context, type Item } from "./context.js";
import type { AnalysisFinding } from "./types.js";

// 梳理不重复: an item listed twice in one catalog, or in both the 标准目录 and the 补充目录 of one
// body. Exact duplicates share a matching key; near duplicates are found by the prefix-filtered
// similarity join over the distinct keys (never all pairs), then screened: names that differ by a
// procedure word or number are different items (see variants.ts), and so are entries under the same
// 一级事项 (or 事项名称) whose lower levels are not themselves similar, and entries with different codes.

export function pool(kind: CatalogKind): string {
  return isDisclosure(kind) ? "disclosure" : kind;
}

/** Splits items of one key into groups whose catalogs may belong to the same body. */
function byJurisdiction(ctx: Context, items: readonly Item[]): Item[][] {
  const groups = new Map<string, Item[]>();
  const unknown: Item[] = [];
  for (const it of items) {
    const j = ctx.jurisdiction[it.catalog]!;
    if (!j) unknown.push(it);
    else (groups.get(j) ?? groups.set(j, []).get(j)!).push(it);
  }
  // Entries of catalogs that do not name their body join the one body the others name, if only one.
  if (groups.size <= 1) return [[...([...groups.values()][0] ?? []), ...unknown]];
  return [...groups.values(), unknown];
}

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

/** Exact and near duplicates of every pool (disclosure, power, service), in input order. */
export function findDuplicates(ctx: Context, threshold: number, variants: VariantTest): AnalysisFinding[] {
  const byPool = new Map<string, Item[]>();
  ctx.items.forEach((items, c) => {
    const p = pool(ctx.catalogs[c]!.kind);
    const list = byPool.get(p) ?? byPool.set(p, []).get(p)!;
    for (const it of items) list.push(it);
  });
  const findings: AnalysisFinding[] = [];
  for (const items of byPool.values()) {
    const byKey = new Map<string, Item[]>();
    for (const it of items) if (it.path) (byKey.get(it.path) ?? byKey.set(it.path, []).get(it.path)!).push(it);
    for (const group of byKey.values()) {
      if (group.length < 2) continue;
      for (const g of byJurisdiction(ctx, group)) if (g.length >= 2) findings.push(exact(ctx, g));
    }
    findings.push(...near(ctx, [...byKey.values()], threshold, variants));
  }
  return findings;
}

export function exact(ctx: Context, group: readonly Item[]): AnalysisFinding {
  const first = group[0]!;
  const name = refOf(ctx, first).name;
  return {
    kind: "duplicate",
    rule: "duplicate-exact",
    severity: "error",
    message: `事项“${name}”在${where(ctx, group)}重复列出 ${group.length} 次`,
    hint: "保留一处、删除其余条目；标准目录已有的事项，补充目录不应再列（梳理不重复）。",
    score: 1,
    fields: compareFields(first.kind, first.entry, group[1]!.entry),
    entries: group.map((it) => refOf(ctx, it)),
  };
}

/** The levels below the first (一级事项 / 事项名称), as a key, when both entries have them. */
function lowerLevels(it: Item): [string, string] | undefined {
  const cut = it.path.indexOf(LEVEL_SEP);
  return cut < 0 ? undefined : [it.path.slice(0, cut), it.path.slice(cut + 1).replaceAll(LEVEL_SEP, "")];
}

export function near(ctx: Context, groups: readonly Item[][], threshold: number, variants: VariantTest): AnalysisFinding[] {
  const keys = groups.map((g) => g[0]!.flat);
  const out: AnalysisFinding[] = [];
  for (const pair of findSimilarPairs(keys, { threshold })) {
    const ga = groups[pair.a]!;
    const gb = groups[pair.b]!;
    const a0 = ga[0]!;
    const b0 = gb[0]!;
    if (variants.relate(a0.flat, b0.flat).startsWith("variant")) continue;
    let score = pair.similarity;
    const la = lowerLevels(a0);
    const lb = lowerLevels(b0);
    if (la && lb && la[0] === lb[0]) {
      score = Math.min(score, similarity(la[1], lb[1]));
      if (score < threshold) continue;
    }
    const seen = new Set<string>();
    for (const a of ga) {
      for (const b of gb) {
        if (!sameJurisdiction(ctx, a.catalog, b.catalog)) continue;
        if (a.code && b.code && a.code !== b.code) continue;
        const body = ctx.jurisdiction[a.catalog] || ctx.jurisdiction[b.catalog]!;
        if (seen.has(body)) continue;
        seen.add(body);
        out.push(nearFinding(ctx, a, b, score));
      }
    }
  }
  return out;
}

function nearFinding(ctx: Context, a: Item, b: Item, score: number): AnalysisFinding {
  const ra = refOf(ctx, a);
  const rb = refOf(ctx, b);
  const sameCatalog = a.catalog === b.catalog ? "同一目录中的" : "";
  return {
    kind: "duplicate",
    rule: "duplicate-near",
    severity: "warning",
    message: `${sameCatalog}事项“${ra.name}”与“${rb.name}”名称相近（相似度 ${score.toFixed(2)}），可能重复`,
    hint: "对照下列各栏核对：是同一事项则合并为一条；不是则可忽略，或在名称中写明两者的区别。",
    score: Math.round(score * 1000) / 1000,
    fields: compareFields(a.kind, a.entry, b.entry),
    entries: [ra, rb],
  };
}
