import type { Catalog, CatalogKind, ColumnMapping, ExtraColumn } from "@zwgk/catalog-schemas";
import { canonicalMark, entryFields, fieldLabel, isMarked, type MarkGroup, normalizeForMatch } from "@zwgk/catalog-core";
import { builtinMeaning, type Codec, codecOf } from "../layout/detect.js";
import { trimCell } from "../import/row-mapper.js";
import { parseCellRef } from "../reader/index.js";
import { ATTRIBUTE_VALUES, FAMILY_OF, type Family, flagGroupOf, itemLevel } from "../layout/vocabulary.js";

/** One column of a sheet to write: its header path, the field it shows and how. */
export interface OutColumn {
  /** Header path, top row first; the last part spans the remaining header rows. Empty: a blank spacer column. */
  parts: string[];
  field?: string;
  /** Mark label of a flag column. */
  value?: string;
  codec: Codec;
  /**
   * The extra name whose values an extra column holds, when its header cannot say it: a name with a
   * part that is blank once trimmed would read back as no header, and its values as header text.
   */
  holds?: string;
}

/** The header of an extra column whose name would read back blank (the values keep their column). */
export const UNNAMED_EXTRA_HEADER = "未命名列";

/** The column of an extra name, under `rows` header rows (see {@link OutColumn.holds}). */
function extraColumn(name: string, rows: number): OutColumn {
  const parts = splitHeader(name, rows);
  if (parts.every((p) => trimCell(p) !== "")) return { parts, codec: "extra" };
  return { parts: [UNNAMED_EXTRA_HEADER], codec: "extra", holds: name };
}

/** The extra name a column's values are kept under. */
export const extraNameOf = (c: OutColumn): string => c.holds ?? c.parts.join("/");

/** The columns of a sheet to write and its number of header rows. */
export interface OutLayout {
  kind: CatalogKind;
  family: Family;
  depth: number;
  columns: OutColumn[];
}

type Fields = Record<string, unknown>;
const GROUPS: readonly MarkGroup[] = ["audience", "method", "levels"];
const isGroup = (field: string | undefined): field is MarkGroup => GROUPS.includes(field as MarkGroup);
const DEFAULT_MARKS: Record<MarkGroup, readonly string[]> = {
  audience: ["全社会", "特定群体"],
  method: ["主动", "依申请"],
  levels: ["县级", "乡级"],
};
/** Disclosure fields that get a column only when some entry has them. */
const OPTIONAL_DISCLOSURE = ["code", "attribute", "nonDisclosureReason", "clause"];

/** Options of the official layout. */
export interface PlanOptions {
  /** 公开层级 labels, e.g. ["市级", "县级", "乡级"]. */
  levels?: readonly string[];
}

const headerOf = (c: OutColumn) => c.parts.join("/");

/**
 * Whether a modelled column holds an entry's text of the same header when the field itself is
 * absent: a flag cell with a non-mark, a 公开属性 outside the enum (see RowMapper).
 */
export function takesFallback(c: OutColumn, e: Fields): boolean {
  if (c.codec === "flag") return !(e[c.field as string] as string[] | undefined)?.includes(c.value as string);
  if (c.codec === "attribute") return e.attribute === undefined;
  return false;
}

/**
 * Whether a column gives `text` back as an extra of its header: a flag column reads a mark (√, 是)
 * as the mark, a 公开属性 column one of its values as the field; an extra column keeps anything.
 */
export function holdsAsText(c: OutColumn, text: string): boolean {
  if (c.codec === "flag") return !isMarked(text.trim());
  if (c.codec === "attribute") return !ATTRIBUTE_VALUES.has(normalizeForMatch(text.trim()));
  return true;
}

/** What entries use: mark labels per group (first seen first), deepest 事项 level, fields. */
function survey(entries: readonly Fields[]) {
  const marks: Record<MarkGroup, string[]> = { audience: [], method: [], levels: [] };
  const fields = new Set<string>();
  const extraNames = new Set<string>();
  let depth = 0;
  for (const e of entries) {
    for (const key of Object.keys(e)) fields.add(key);
    for (const x of (e.extra as ExtraColumn[] | undefined) ?? []) extraNames.add(x.name);
    for (const g of GROUPS) for (const m of (e[g] as string[] | undefined) ?? []) if (!marks[g].includes(m)) marks[g].push(m);
    depth = Math.max(depth, (e.items as string[] | undefined)?.length ?? 0);
  }
  return { marks, fields, extraNames, depth };
}

/**
 * Extra columns the entries need beyond those present: per name, the most values one entry has
 * that no modelled column of the same header takes. Names in order of first appearance.
 */
function missingExtras(entries: readonly Fields[], columns: readonly OutColumn[], depth: number): OutColumn[] {
  const need = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const e of entries) {
    const extra = e.extra as ExtraColumn[] | undefined;
    if (!extra) continue;
    counts.clear();
    for (const x of extra) counts.set(x.name, (counts.get(x.name) ?? 0) + 1);
    for (const [name, n] of counts) {
      const fallbacks = columns.filter((c) => c.codec !== "extra" && headerOf(c) === name && takesFallback(c, e));
      // A value such a column would read as its field (√ in a flag column) needs a column of its own.
      const fitting = extra.filter((x) => x.name === name && fallbacks.some((c) => holdsAsText(c, x.value))).length;
      need.set(name, Math.max(need.get(name) ?? 0, n - Math.min(fallbacks.length, fitting)));
    }
  }
  const out: OutColumn[] = [];
  for (const [name, n] of need) {
    const have = columns.filter((c) => c.codec === "extra" && extraNameOf(c) === name).length;
    for (let i = have; i < n; i++) out.push(extraColumn(name, depth));
  }
  return out;
}

function modelled(kind: CatalogKind, field: string): OutColumn {
  return { parts: [fieldLabel(kind, field)], field, codec: codecOf(FAMILY_OF[kind], field) };
}

function flagColumn(kind: CatalogKind, group: MarkGroup, label: string): OutColumn {
  return { parts: [fieldLabel(kind, group), label], field: group, value: label, codec: "flag" };
}

/** A group's labels: the defaults in the spelling the entries use, then other labels they use. */
function groupLabels(group: MarkGroup, seen: readonly string[], defaults: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of defaults) out.push(seen.find((s) => canonicalMark(group, s) === canonicalMark(group, d)) ?? d);
  for (const s of seen) if (!out.includes(s)) out.push(s);
  return out;
}

/**
 * The official layout of a kind: 序号 | 公开事项 (一级/二级/三级) | 公开内容（要素） | 公开依据 | 公开时限 |
 * 公开主体 | 公开渠道和载体 | 公开对象 | 公开方式 | 公开层级 (补充目录: 公开层级 only when used) under a
 * two-row header; power and service kinds one row of every labelled field. Extras follow.
 */
export function officialLayout(kind: CatalogKind, entries: readonly Fields[], options: PlanOptions = {}): OutLayout {
  const family = FAMILY_OF[kind];
  const s = survey(entries);
  const columns: OutColumn[] = [];
  let depth = 1;
  if (family !== "disclosure") {
    for (const [field] of entryFields(kind)) columns.push(modelled(kind, field));
  } else {
    depth = 2;
    columns.push(modelled(kind, "seq"));
    const top = fieldLabel(kind, "items");
    for (let level = 0; level < Math.max(2, s.depth); level++) {
      columns.push({ parts: [top, fieldLabel(kind, `items.${level}`)], field: `items.${level}`, codec: "items" });
    }
    for (const f of ["content", "basis", "timeLimit", "subject", "channels"]) columns.push(modelled(kind, f));
    for (const g of GROUPS) {
      const custom = g === "levels" && options.levels?.length ? options.levels : undefined;
      if (g === "levels" && kind !== "standard" && !custom && !s.marks.levels.length) continue;
      for (const label of groupLabels(g, s.marks[g], custom ?? DEFAULT_MARKS[g])) columns.push(flagColumn(kind, g, label));
    }
    // An optional field gets its column also when entries keep text of its header as an extra (a
    // 公开属性 such as 待认定 outside the enum): the text goes back into that one column.
    for (const f of OPTIONAL_DISCLOSURE) if (s.fields.has(f) || s.extraNames.has(fieldLabel(kind, f))) columns.push(modelled(kind, f));
  }
  columns.push(...missingExtras(entries, columns, depth));
  return { kind, family, depth, columns: collapseLoneParents(shieldExtras(family, columns)) };
}

/**
 * An extra column whose header the importer would read as a modelled field (an extra named 备注
 * in a 权责清单) gets an empty column of that field, with the same header, in front of it: the
 * importer maps the first and keeps the second as an extra, so the extra comes back as one.
 */
function shieldExtras(family: Family, columns: readonly OutColumn[]): OutColumn[] {
  const out: OutColumn[] = [];
  const claimed = new Set<string>();
  // Mark labels as the importer tells them apart (normalised: `"` and `[` are the same label to it).
  const key = (field: string, value?: string) => `${field}\u0000${normalizeForMatch(value ?? "")}`;
  for (const c of columns) {
    if (c.codec === "extra" && c.parts.length > 0) {
      const meaning = builtinMeaning(family, c.parts);
      if (meaning.field !== undefined && !claimed.has(key(meaning.field, meaning.value))) {
        claimed.add(key(meaning.field, meaning.value));
        const guard: OutColumn = { parts: [...c.parts], field: meaning.field, codec: meaning.codec };
        if (meaning.value !== undefined) guard.value = meaning.value;
        out.push(guard);
      }
    } else if (c.field !== undefined) {
      claimed.add(key(c.field, c.value));
      if (c.codec === "flag" || c.codec === "marks") claimed.add(key(c.field));
    }
    out.push(c);
  }
  return out;
}

/**
 * A sub-header under a parent that spans only its own column reads back as a data row: the
 * importer tells a second header row by parents spanning several columns, flag groups (公开对象)
 * and 事项 levels. Such a column is written as one cell "父/子", whose header path reads the same.
 */
function collapseLoneParents(columns: readonly OutColumn[]): OutColumn[] {
  return columns.map((c, i) => {
    if (c.parts.length < 2) return c;
    const parent = c.parts[0] as string;
    const shared = [columns[i - 1], columns[i + 1]].some((n) => n !== undefined && n.parts.length > 1 && n.parts[0] === parent);
    if (shared || flagGroupOf(normalizeForMatch(parent)) !== undefined) return c;
    if (itemLevel(normalizeForMatch(c.parts[c.parts.length - 1] as string)) !== undefined) return c;
    return { ...c, parts: [c.parts.join("/")] };
  });
}

/** "公开对象/全社会" → ["公开对象", "全社会"], never more parts than header rows. */
function splitHeader(header: string, rows: number): string[] {
  const parts = header.split("/");
  if (parts.length <= rows) return parts;
  return [...parts.slice(0, rows - 1), parts.slice(rows - 1).join("/")];
}

/** Excel's last column (XFD): gaps are kept only in a column list that fits the grid. */
const MAX_COLUMNS = 16_384;

/**
 * The sheet's empty columns (no header, no data: spacers) kept as blank columns, so every column
 * is written at the letter it was read from and cell references stay valid. A list whose letters
 * do not increase (edited by hand) is written consecutively instead.
 */
function withGaps(mappings: readonly ColumnMapping[], columns: OutColumn[]): OutColumn[] {
  const cols = mappings.map((m) => parseCellRef(`${m.column}1`)?.col ?? -1);
  const increasing = cols.every((c, i) => c >= 0 && c < MAX_COLUMNS && (i === 0 || c > (cols[i - 1] as number)));
  if (!increasing) return columns;
  const out: OutColumn[] = [];
  cols.forEach((col, i) => {
    while (out.length < col) out.push({ parts: [], codec: "extra" });
    out.push(columns[i] as OutColumn);
  });
  return out;
}

/**
 * The layout a catalog read from a sheet came in (`source.columns`): the department's headers,
 * mark labels and extra columns, in their order, so that importing the export gives the catalog
 * back. Fields, 事项 levels, mark labels and extras the entries gained since are appended.
 */
export function sourceLayout(catalog: Catalog, mappings: readonly ColumnMapping[]): OutLayout {
  const kind = catalog.kind;
  const family = FAMILY_OF[kind];
  const entries = catalog.entries as unknown as Fields[];
  const rows = Math.max(1, catalog.source?.headerRows?.length ?? 1);
  const columns: OutColumn[] = withGaps(
    mappings,
    mappings.map((m) => {
      if (m.field === undefined) return extraColumn(m.header, rows);
      const parts = splitHeader(m.header, rows);
      if (isGroup(m.field)) {
        return m.value !== undefined ? { parts, field: m.field, value: m.value, codec: "flag" } : { parts, field: m.field, codec: "marks" };
      }
      return { parts, field: m.field, codec: codecOf(family, m.field) };
    }),
  );
  const s = survey(entries);
  const has = (field: string) => columns.some((c) => c.field === field);
  if (family === "disclosure") {
    for (let level = 0; level < s.depth; level++) {
      if (!has(`items.${level}`)) columns.push({ parts: [fieldLabel(kind, `items.${level}`)], field: `items.${level}`, codec: "items" });
    }
    for (const g of GROUPS) {
      if (columns.some((c) => c.field === g && c.codec === "marks")) continue;
      for (const label of s.marks[g]) {
        if (!columns.some((c) => c.field === g && c.value === label)) columns.push(flagColumn(kind, g, label));
      }
    }
  }
  for (const [field] of entryFields(kind)) {
    if (field !== "items" && !isGroup(field) && s.fields.has(field) && !has(field)) columns.push(modelled(kind, field));
  }
  const depth = Math.min(3, Math.max(...columns.map((c) => c.parts.length)));
  columns.push(...missingExtras(entries, columns, depth));
  return { kind, family, depth, columns: collapseLoneParents(shieldExtras(family, columns)) };
}

/** The layout to write a catalog in: its own sheet's when it was read from one, else the official one. */
export function planLayout(catalog: Catalog, options: PlanOptions = {}): OutLayout {
  const mappings = catalog.source?.format === "xlsx" ? catalog.source.columns : undefined;
  if (mappings?.length) return sourceLayout(catalog, mappings);
  return officialLayout(catalog.kind, catalog.entries as unknown as Fields[], options);
}
