import type { Catalog, CatalogKind, Entry, Jurisdiction } from "@zwgk/catalog-schemas";
import { entryName, normalizeForMatch, similarity } from "@zwgk/catalog-core";
import { codeKey, entryPath, entryPathKey, flatKey } from "../identity.js";
import { displayValue, labelOf } from "../fields.js";
import { bodyOf, type Body } from "./body.js";
import { DEFAULT_ANALYSIS_LIMITS } from "./limits.js";
import type { AnalysisEntryRef, AnalysisLimits, FieldComparison } from "./types.js";

// What every analysis needs about an entry, computed once per run: its keys, its catalog, its body
// and where it came from.

/** One entry of the input with its matching keys. */
export interface Item {
  catalog: number;
  index: number;
  kind: CatalogKind;
  entry: Entry;
  /** The 事项 levels as written (一级/二级/三级事项, or 事项名称/子项名称); a disclosure entry's own `items`, not a copy. */
  levels: readonly string[];
  /** 事项 path key (levels joined with LEVEL_SEP). */
  path: string;
  /** The path key without separators, for similarity (computed when asked: few items are compared by it). */
  readonly flat: string;
  code: string;
}

/** The input catalogs, their entries as items, and the body of each catalog. */
export interface Context {
  catalogs: readonly Catalog[];
  items: Item[][];
  /** Per catalog: the body as read (see body.ts). */
  bodies: Body[];
  /**
   * Per catalog: the group of catalogs that belong to one body. Catalogs whose body is unknown
   * each form a group of their own (they are compared with nothing but themselves).
   */
  group: number[];
  /** The bounds in force for this run's searches. */
  limits: Readonly<AnalysisLimits>;
}

export function createContext(catalogs: readonly Catalog[], jurisdiction?: Jurisdiction, oneBody = false, limits: Readonly<AnalysisLimits> = DEFAULT_ANALYSIS_LIMITS): Context {
  return {
    catalogs,
    items: catalogs.map((c, ci) => (c.entries as readonly Entry[]).map((entry, index) => itemOf(ci, index, c.kind, entry))),
    ...catalogBodies(catalogs, jurisdiction, oneBody),
    limits,
  };
}

/** The body of each catalog and how they group, as `createContext` reads them (without the items). */
export function catalogBodies(catalogs: readonly Catalog[], jurisdiction?: Jurisdiction, oneBody = false): Pick<Context, "bodies" | "group"> {
  let bodies = catalogs.map((c) => bodyOf(c, jurisdiction ? { jurisdiction } : {}));
  if (oneBody) {
    // The caller vouches that every catalog is the same body: label it by the first one read.
    const known = bodies.find((b) => b.key);
    const label = known?.label ?? "所给目录所属单位";
    bodies = bodies.map(() => ({ key: "*", department: known?.department ?? "", label }));
  }
  return { bodies, group: oneBody ? bodies.map(() => 0) : groupBodies(bodies) };
}

/**
 * An entry with its matching keys. Every entry of the input is one for the whole analysis (1M at
 * province scale): `flat` is derived from `path` when asked instead of held as a second string.
 */
class EntryItem implements Item {
  constructor(
    public catalog: number,
    public index: number,
    public kind: CatalogKind,
    public entry: Entry,
    public levels: readonly string[],
    public path: string,
    public code: string,
  ) {}

  get flat(): string {
    return flatKey(this.path);
  }
}

/** An entry with its matching keys. */
export function itemOf(catalog: number, index: number, kind: CatalogKind, entry: Entry): Item {
  return new EntryItem(catalog, index, kind, entry, "items" in entry ? entry.items : entryPath(entry), entryPathKey(entry), codeKey(entry.code));
}

/**
 * The keys bodies are grouped by: the 行政区划代码 with the department, and the jurisdiction's name
 * with the department ("" where the body has none, and both "" for an unknown body).
 */
export function bodyGroupKeys(b: Body): { code: string; name: string } {
  if (!b.key) return { code: "", name: "" };
  return {
    code: b.code ? `${b.code}|${b.department}` : "",
    name: b.jurisdiction ? `${normalizeForMatch(b.jurisdiction).replace(/人民政府$/u, "")}|${b.department}` : "",
  };
}

// Two bodies are one when their departments agree and their jurisdictions do: the same 行政区划代码,
// or (when either lacks one) the same name. Union-find, so that a catalog with code and name joins
// one with the code and one with the name.
export function groupBodies(bodies: readonly Body[]): number[] {
  const parent = bodies.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  bodies.forEach((b, i) => {
    if (!b.key) return;
    const { code, name } = bodyGroupKeys(b);
    const keys: Array<[Map<string, number>, string]> = [];
    if (code) keys.push([byCode, code]);
    if (name) keys.push([byName, name]);
    for (const [map, key] of keys) {
      const j = map.get(key);
      if (j === undefined) map.set(key, i);
      else if (!(b.code && bodies[j]!.code && b.code !== bodies[j]!.code)) parent[find(i)] = find(j);
    }
  });
  return bodies.map((_, i) => find(i));
}

/** True when two catalogs belong to one body (never for a catalog whose body is unknown, except with itself). */
export function sameBody(ctx: Context, a: number, b: number): boolean {
  return a === b || ctx.group[a] === ctx.group[b];
}

/** Disclosure catalogs (标准目录, 补充目录) share one pool: an item in both is listed twice. */
export function isDisclosure(kind: CatalogKind): boolean {
  return kind === "standard" || kind === "supplementary";
}

/** Where an entry is, for a finding. */
export function refOf(ctx: Context, item: Item): AnalysisEntryRef {
  const ref: AnalysisEntryRef = { name: entryName(item.entry), catalog: item.catalog, index: item.index };
  const file = item.entry.source?.file ?? ctx.catalogs[item.catalog]!.source?.file;
  if (file) ref.file = file;
  const sheet = item.entry.source?.sheet ?? ctx.catalogs[item.catalog]!.source?.sheet;
  if (sheet) ref.sheet = sheet;
  if (item.entry.source?.row !== undefined) ref.row = item.entry.source.row;
  return ref;
}

/** A reference to a catalog as a whole (index -1). */
export function catalogRef(ctx: Context, catalog: number): AnalysisEntryRef {
  const c = ctx.catalogs[catalog]!;
  const ref: AnalysisEntryRef = { name: c.title ?? c.domain ?? c.kind, catalog, index: -1 };
  if (c.source?.file) ref.file = c.source.file;
  return ref;
}

/** Similarity of two texts by their matching keys; 1 when both are empty or equal. */
export function textSimilarity(a: string, b: string): number {
  const ka = normalizeForMatch(a);
  const kb = normalizeForMatch(b);
  if (ka === kb) return 1;
  return similarity(ka, kb);
}

/** Fields compared side by side when two entries might be one item; those empty in both are left out. */
const COMPARED: readonly string[] = [
  "items", "name", "subItem", "code", "type", "content", "basis", "timeLimit", "subject", "channels", "audience", "method", "levels",
];

/** The fields of two entries side by side with their similarities (for near duplicates). */
export function compareFields(kind: CatalogKind, a: Entry, b: Entry, fields: readonly string[] = COMPARED): FieldComparison[] {
  const out: FieldComparison[] = [];
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const field of fields) {
    if (ra[field] === undefined && rb[field] === undefined) continue;
    const ta = displayValue(field, ra[field]);
    const tb = displayValue(field, rb[field]);
    out.push({ field, label: labelOf(kind, field), a: ta, b: tb, similarity: textSimilarity(ta, tb) });
  }
  return out;
}

/** One field comparison from display texts. */
export function comparison(kind: CatalogKind, field: string, a: string, b: string): FieldComparison {
  return { field, label: labelOf(kind, field), a, b, similarity: textSimilarity(a, b) };
}
