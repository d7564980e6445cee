import type { Catalog, CatalogKind, Entry } from "@zwgk/catalog-schemas";
import { entryName, normalizeForMatch, similarity } from "@zwgk/catalog-core";
import { codeKey, entryPathKey, flatKey } from "../identity.js";
import { displayValue, labelOf } from "../fields.js";
import type { AnalysisEntryRef, FieldComparison } from "./types.js";

// What every analysis needs about an entry, computed once per run: its keys, its catalog and where
// it came from.

/** One entry of the input with its matching keys. */
export interface Item {
  catalog: number;
  index: number;
  kind: CatalogKind;
  entry: Entry;
  /** 事项 path key (levels joined with LEVEL_SEP). */
  path: string;
  /** The path key without separators, for similarity. */
  flat: string;
  code: string;
}

/** The input catalogs, their entries as items, and the jurisdiction key of each catalog. */
export interface Context {
  catalogs: readonly Catalog[];
  items: Item[][];
  /** Per catalog: 行政区划代码 (6 digits) or normalised name; "" when unknown. */
  jurisdiction: string[];
}

export function createContext(catalogs: readonly Catalog[]): Context {
  return {
    catalogs,
    items: catalogs.map((c, ci) => (c.entries as readonly Entry[]).map((entry, index) => itemOf(ci, index, c.kind, entry))),
    jurisdiction: catalogs.map(jurisdictionKey),
  };
}

/** An entry with its matching keys. */
export function itemOf(catalog: number, index: number, kind: CatalogKind, entry: Entry): Item {
  const path = entryPathKey(entry);
  return { catalog, index, kind, entry, path, flat: flatKey(path), code: codeKey(entry.code) };
}

/** The body key of a catalog: its 行政区划代码 (6 digits), else its normalised jurisdiction name; "" when unknown. */
export function jurisdictionKey(catalog: Catalog): string {
  const j = catalog.jurisdiction;
  if (!j) return "";
  if (j.code && /^\d{6}(?:\d{6})?$/.test(j.code)) return j.code.slice(0, 6);
  return normalizeForMatch(j.name ?? "");
}

/** True when two catalogs may speak of the same body: same jurisdiction, or one of them does not say. */
export function sameJurisdiction(ctx: Context, a: number, b: number): boolean {
  const ja = ctx.jurisdiction[a]!;
  const jb = ctx.jurisdiction[b]!;
  return !ja || !jb || ja === jb;
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
