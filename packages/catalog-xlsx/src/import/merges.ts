import type { ColumnMapping, Entry, ExtraColumn } from "@zwgk/catalog-schemas";
import { type MergeRange, columnLetter, parseCellRef } from "../reader/index.js";

type Fields = Record<string, unknown>;

/** Finds the merged range covering a cell; built once per sheet. */
export interface MergeIndex {
  /** The range covering (row 1-based, col 0-based), anchor included. */
  find(row: number, col: number): MergeRange | undefined;
  /**
   * True when an A1 cell lies inside a merged range but is not its top-left cell: Excel shows the
   * anchor's value there, so "this cell is empty" is not true of what a person sees.
   */
  isCovered(cell: string | undefined): boolean;
  /**
   * True when, in this row, a column of the field (`content`, `items.1`; a group such as
   * `audience` means any of its flag columns, `items` any level) lies inside a merge other than its
   * top row. Needs the column list given to {@link mergeIndex}.
   */
  isFieldCovered(row: number, field: string): boolean;
}

/**
 * Indexes merged ranges by column for quick lookups (binary search by top row). With the sheet's
 * column list (`header.source.columns`) it also answers by model field, for findings located by
 * field rather than by cell.
 */
export function mergeIndex(merges: readonly MergeRange[], columns: readonly ColumnMapping[] = []): MergeIndex {
  const byCol = new Map<number, MergeRange[]>();
  for (const m of merges) {
    for (let c = m.left; c <= m.right; c++) {
      let list = byCol.get(c);
      if (!list) byCol.set(c, (list = []));
      list.push(m);
    }
  }
  for (const list of byCol.values()) list.sort((a, b) => a.top - b.top);
  const find = (row: number, col: number): MergeRange | undefined => {
    const list = byCol.get(col);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let hit = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as MergeRange).top <= row) {
        hit = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Ranges in one column do not overlap, so the last one starting at or above the row is the only candidate.
    const m = hit >= 0 ? list[hit] : undefined;
    return m && m.bottom >= row ? m : undefined;
  };
  const covered = (row: number, col: number) => {
    const m = find(row, col);
    return m !== undefined && (m.top !== row || m.left !== col);
  };
  const fieldColumns = new Map<string, number[]>();
  for (const c of columns) {
    if (c.field === undefined) continue;
    const col = parseCellRef(`${c.column}1`)?.col as number;
    for (const key of new Set([c.field, c.field.split(".")[0] as string])) {
      const list = fieldColumns.get(key);
      if (list) list.push(col);
      else fieldColumns.set(key, [col]);
    }
  }
  return {
    find,
    isCovered(cell) {
      const ref = cell ? parseCellRef(cell) : undefined;
      return ref !== undefined && covered(ref.row, ref.col);
    },
    isFieldCovered(row, field) {
      return (fieldColumns.get(field) ?? []).some((col) => covered(row, col));
    },
  };
}

function clone<T>(value: T): T {
  return typeof value === "object" && value !== null ? structuredClone(value) : value;
}

/**
 * Fills every entry a vertical merge covers with the value of the merge's top-left cell, for the
 * merge's first column (a horizontal span is layout: its text appears once). Only fields the
 * covered entry lacks are filled, so nothing written in a covered cell is lost.
 */
export function applyMerges(entries: readonly Entry[], merges: readonly MergeRange[], columns: readonly ColumnMapping[]): void {
  if (!merges.length || !entries.length) return;
  const byRow: Array<Fields | undefined> = [];
  for (const e of entries) if (e.source?.row !== undefined) byRow[e.source.row] = e as unknown as Fields;
  const byLetter = new Map<string, ColumnMapping>();
  for (const c of columns) byLetter.set(c.column, c);
  const order = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!order.has(c.header)) order.set(c.header, i);
  });
  // Upper 事项 levels were filled down while reading; their merges add nothing.
  let deepest = -1;
  for (const c of columns) if (c.field?.startsWith("items.")) deepest = Math.max(deepest, Number(c.field.slice(6)));

  for (const m of merges) {
    if (m.bottom === m.top) continue;
    const anchor = byRow[m.top];
    const column = byLetter.get(columnLetter(m.left));
    if (!anchor || !column) continue;
    if (column.field?.startsWith("items.") && Number(column.field.slice(6)) < deepest) continue;
    for (let row = m.top + 1; row <= m.bottom; row++) {
      const target = byRow[row];
      if (target) copyCell(anchor, target, column, columns, order);
    }
  }
}

function copyCell(from: Fields, to: Fields, mapping: ColumnMapping, columns: readonly ColumnMapping[], order: Map<string, number>): void {
  const field = mapping.field;
  const extraOf = (e: Fields) => (e.extra as ExtraColumn[] | undefined)?.find((x) => x.name === mapping.header);
  if (field === undefined || (mapping.value !== undefined && !(from[field] as string[] | undefined)?.includes(mapping.value))) {
    // An extra column, or a flag cell kept as extra because it held text that is not a mark.
    const x = extraOf(from);
    if (x && !extraOf(to)) insertExtra(to, { ...x }, order);
    return;
  }
  if (field.startsWith("items.")) {
    const level = Number(field.slice(6));
    const value = (from.items as string[] | undefined)?.[level];
    const items = (to.items as string[] | undefined) ?? [];
    if (!value || items[level]) return;
    while (items.length < level) items.push("");
    items[level] = value;
    to.items = items;
    return;
  }
  if (mapping.value !== undefined) {
    const marks = (to[field] as string[] | undefined) ?? [];
    if (marks.includes(mapping.value)) return;
    marks.push(mapping.value);
    // Keep the group's marks in column order.
    const rank = new Map(columns.filter((c) => c.field === field).map((c, i) => [c.value, i]));
    marks.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    to[field] = marks;
    return;
  }
  if (from[field] !== undefined && to[field] === undefined) to[field] = clone(from[field]);
}

function insertExtra(to: Fields, x: ExtraColumn, order: Map<string, number>): void {
  const list = (to.extra as ExtraColumn[] | undefined) ?? [];
  const rank = order.get(x.name) ?? Number.MAX_SAFE_INTEGER;
  let at = list.findIndex((y) => (order.get(y.name) ?? Number.MAX_SAFE_INTEGER) > rank);
  if (at < 0) at = list.length;
  list.splice(at, 0, x);
  to.extra = list;
}
