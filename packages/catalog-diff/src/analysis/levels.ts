import type { Basis, PowerEntry } from "@zwgk/catalog-schemas";
import { classifyPowerType, entryName, normalizeForMatch } from "@zwgk/catalog-core";
import { comparison, refOf, type Context, type Item } from "./context.js";
import { nameKey } from "./language.js";
import type { FindingMaker } from "./rules.js";
import type { AnalysisFinding, FieldComparison } from "./types.js";

// 三级四同: one power has the same name, code, type and legal basis at 省, 市 and 县 level. Powers of
// 权责清单 whose catalogs state `jurisdiction.level` are matched across levels by code or by the
// name as levels word it (language.ts: level qualifiers dropped, 许可证核发/许可审批 = 许可, wrappers
// off), so a power the county reworded and gave no code is still compared with the city's; each is
// compared with the (first) entry of the highest level in its group. This check runs across bodies on
// purpose: the levels are different bodies.
// "Same basis" means the same set of cited documents (《…》 titles), not the same clause text: levels
// cite different clauses of one law legitimately less often than they cite different laws.

export const RANK: Readonly<Record<string, number>> = { 省: 0, 市: 1, 县: 2, 乡: 3 };
const TITLE = /《([^《》]+)》/g;

export interface Leveled {
  item: Item;
  rank: number;
  level: string;
  /** The name as levels word it (see the module comment). */
  key: string;
}

export function documents(basis: Basis | undefined): string {
  if (!basis) return "";
  const titles = basis.documents?.length
    ? basis.documents.map((d) => normalizeForMatch(d.title))
    : [...basis.raw.matchAll(TITLE)].map((m) => normalizeForMatch(m[1]!));
  return [...new Set(titles)].sort().join("|");
}

/** The power type by its canonical name (其他职权 → 其他行政权力), else its matching key. */
export function typeKey(type: string | undefined): string {
  if (!type) return "";
  return classifyPowerType(type)?.type ?? normalizeForMatch(type);
}

export function differences(ref: Item, other: Item): FieldComparison[] {
  const a = ref.entry as PowerEntry;
  const b = other.entry as PowerEntry;
  const out: FieldComparison[] = [];
  if (ref.path !== other.path) out.push(comparison("power", "name", entryName(a), entryName(b)));
  if (ref.code && other.code && ref.code !== other.code) out.push(comparison("power", "code", a.code!, b.code!));
  const ta = typeKey(a.type);
  const tb = typeKey(b.type);
  if (ta && tb && ta !== tb) out.push(comparison("power", "type", a.type!, b.type!));
  const da = documents(a.basis);
  const db = documents(b.basis);
  if (da && db && da !== db) out.push(comparison("power", "basis", a.basis!.raw, b.basis!.raw));
  return out;
}

/** The name as levels word it (language.ts `nameKey` with level qualifiers dropped): how powers of different levels are matched besides their code. */
export function levelKey(item: Pick<Item, "levels">): string {
  return nameKey(item.levels.join(""), { levels: true }).key;
}

// Entries sharing a code or a 事项 key are one item: union-find over both keys, so that a power
// matched by code at two levels and by name at a third still forms one group.
function components(entries: readonly Leveled[]): Leveled[][] {
  const parent = entries.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const keyOf of [(l: Leveled) => l.item.code, (l: Leveled) => l.key]) {
    const first = new Map<string, number>();
    entries.forEach((l, i) => {
      const key = keyOf(l);
      if (!key) return;
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else parent[find(i)] = find(j);
    });
  }
  const byRoot = new Map<number, Leveled[]>();
  entries.forEach((l, i) => {
    const r = find(i);
    (byRoot.get(r) ?? byRoot.set(r, []).get(r)!).push(l);
  });
  return [...byRoot.values()].filter((g) => new Set(g.map((l) => l.rank)).size > 1);
}

/** Powers that differ in name, code, type or basis between levels (see the module comment). */
export function findLevelMismatches(ctx: Context, make: FindingMaker): AnalysisFinding[] {
  if (!make.enabled("level-mismatch")) return [];
  const leveled: Leveled[] = [];
  ctx.catalogs.forEach((c, ci) => {
    const level = c.jurisdiction?.level;
    if (c.kind !== "power" || !level || RANK[level] === undefined) return;
    for (const item of ctx.items[ci]!) leveled.push({ item, rank: RANK[level]!, level, key: levelKey(item) });
  });
  const findings: AnalysisFinding[] = [];
  for (const g of components(leveled)) {
    const top = g.reduce((best, l) => (l.rank < best.rank ? l : best));
    for (const l of g) {
      if (l.rank === top.rank) continue;
      const fields = differences(top.item, l.item);
      if (fields.length) findings.push(mismatch(ctx, top, l, fields, make));
    }
  }
  return findings.sort((x, y) => x.entries[1]!.catalog - y.entries[1]!.catalog || x.entries[1]!.index - y.entries[1]!.index);
}

export function mismatch(ctx: Context, top: Leveled, other: Leveled, fields: FieldComparison[], make: FindingMaker): AnalysisFinding {
  const ra = refOf(ctx, top.item);
  const labels = fields.map((f) => f.label).join("、");
  let reason: string;
  if (top.item.code && top.item.code === other.item.code) reason = "按事项编码对应";
  else if (top.item.path === other.item.path) reason = "按事项名称对应";
  else {
    const steps = [...new Set([...nameKey(top.item.levels.join(""), { levels: true }).steps, ...nameKey(other.item.levels.join(""), { levels: true }).steps])];
    reason = `按规范化名称对应${steps.length ? `：${steps.join("、")}` : ""}`;
  }
  return make.make(
    "level-mismatch",
    "level-mismatch",
    "differs",
    { name: ra.name, upper: top.level, lower: other.level, labels, reason },
    [ra, refOf(ctx, other.item)],
    { reason, fields },
  );
}
