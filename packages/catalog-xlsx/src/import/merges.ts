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
 * Work done here, counted for tests: the bounds the comments below promise are asserted on these
 * counts, never on time. Internal to the package (not exported from its index).
 * - `stored`: range entries put into segment-tree nodes while an index is built;
 * - `probed`: tree nodes a lookup examined;
 * - `visited`: covered entries a merge fill visited;
 * - `settled`: marks and extras handled when the copied ones are put in column order.
 */
export const mergeWork = { stored: 0, probed: 0, visited: 0, settled: 0 };

/** Index of the last element of `sorted` that is <= value, or -1. */
function lastAtMost(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let hit = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) {
      hit = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return hit;
}

/**
 * Merges by column span in a segment tree over the columns their edges fall on: each range is
 * stored in O(log n) nodes, never once per column it spans, so a hostile "A1:XFD1048576" repeated
 * thousands of times costs what a handful of ordinary merges cost.
 */
function columnTree(merges: readonly MergeRange[]) {
  const edges = [...new Set(merges.flatMap((m) => [m.left, m.right + 1]))].sort((a, b) => a - b);
  let size = 1;
  while (size < edges.length) size <<= 1;
  const nodes: Array<MergeRange[] | undefined> = new Array(2 * size);
  for (const m of merges) {
    let l = lastAtMost(edges, m.left) + size;
    let r = lastAtMost(edges, m.right + 1) + size;
    for (; l < r; l >>= 1, r >>= 1) {
      if (l & 1) {
        (nodes[l++] ??= []).push(m);
        mergeWork.stored++;
      }
      if (r & 1) {
        (nodes[--r] ??= []).push(m);
        mergeWork.stored++;
      }
    }
  }
  const tops: Array<number[] | undefined> = nodes.map((list) => {
    list?.sort((a, b) => a.top - b.top);
    return list?.map((m) => m.top);
  });
  return (row: number, col: number): MergeRange | undefined => {
    const leaf = lastAtMost(edges, col);
    if (leaf < 0 || leaf >= edges.length - 1) return undefined;
    for (let n = leaf + size; n >= 1; n >>= 1) {
      const list = nodes[n];
      if (!list) continue;
      mergeWork.probed++;
      // Merges do not overlap in a valid file, so among those spanning this column the last one
      // starting at or above the row is the only candidate.
      const m = list[lastAtMost(tops[n] as number[], row)];
      if (m && m.bottom >= row) return m;
    }
    return undefined;
  };
}

/**
 * Indexes merged ranges for quick lookups (a segment tree by column, binary search by top row).
 * With the sheet's column list (`header.source.columns`) it also answers by model field, for
 * findings located by field rather than by cell.
 */
export function mergeIndex(merges: readonly MergeRange[], columns: readonly ColumnMapping[] = []): MergeIndex {
  const find = columnTree(merges);
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

/** What one merge copies into the rows it covers, decided once from its anchor. */
type Payload =
  | { kind: "extra"; extra: ExtraColumn }
  | { kind: "item"; level: number; value: string }
  | { kind: "mark"; field: string; value: string }
  | { kind: "field"; field: string; value: unknown };

function payloadOf(from: Fields, mapping: ColumnMapping): Payload | undefined {
  const field = mapping.field;
  if (field === undefined || (mapping.value !== undefined && !(from[field] as string[] | undefined)?.includes(mapping.value))) {
    // An extra column, or a flag cell kept as extra because it held text that is not a mark.
    const extra = (from.extra as ExtraColumn[] | undefined)?.find((x) => x.name === mapping.header);
    return extra && { kind: "extra", extra };
  }
  if (field.startsWith("items.")) {
    const level = Number(field.slice(6));
    const value = (from.items as string[] | undefined)?.[level];
    return value ? { kind: "item", level, value } : undefined;
  }
  if (mapping.value !== undefined) return { kind: "mark", field, value: mapping.value };
  return from[field] !== undefined ? { kind: "field", field, value: from[field] } : undefined;
}

/** Marks and extras gained by one covered entry, applied once at the end (sorting per copy is quadratic). */
interface Pending {
  marks?: Map<string, string[]>;
  extras?: ExtraColumn[];
}

/**
 * Fills every entry a vertical merge covers with the value of the merge's top-left cell, for the
 * merge's first column (a horizontal span is layout: its text appears once). Only fields the
 * covered entry lacks are filled, so nothing written in a covered cell is lost. Marks keep the
 * group's column order; extras go in column order among those the entry has. The work is bounded
 * by the entries times the merged columns, whatever ranges a hostile file declares.
 */
export function applyMerges(entries: readonly Entry[], merges: readonly MergeRange[], columns: readonly ColumnMapping[]): void {
  if (!merges.length || !entries.length) return;
  // Entries by sheet row, as a sorted list (a sparse array indexed by row would make a file with rows
  // 4 and 1073741823 walk a billion slots): each merge visits only the entries it covers.
  const byRow = new Map<number, Fields>();
  for (const e of entries) if (e.source?.row !== undefined) byRow.set(e.source.row, e as unknown as Fields);
  const rows = Float64Array.from(byRow.keys()).sort();
  const byLetter = new Map<string, ColumnMapping>();
  for (const c of columns) byLetter.set(c.column, c);
  // Upper 事项 levels were filled down while reading; their merges add nothing.
  let deepest = -1;
  for (const c of columns) if (c.field?.startsWith("items.")) deepest = Math.max(deepest, Number(c.field.slice(6)));

  // By first column, then top: a range overlapping the one before it in its column is skipped (Excel
  // never writes such ranges and repairs files that have them), so each entry row is filled at most
  // once per column, and a range visits only the entry rows inside it ("B4:B1048576").
  const sorted = merges.filter((m) => m.bottom > m.top).sort((a, b) => a.left - b.left || a.top - b.top);
  const pending = new Map<Fields, Pending>();
  let left = -1;
  let reach = 0;
  for (const m of sorted) {
    if (m.left !== left) [left, reach] = [m.left, 0];
    if (m.top <= reach) continue;
    reach = m.bottom;
    const anchor = byRow.get(m.top);
    const column = byLetter.get(columnLetter(m.left));
    if (!anchor || !column) continue;
    if (column.field?.startsWith("items.") && Number(column.field.slice(6)) < deepest) continue;
    const payload = payloadOf(anchor, column);
    if (!payload) continue;
    for (let i = lastAtMost(rows, m.top) + 1; i < rows.length && rows[i]! <= m.bottom; i++) {
      mergeWork.visited++;
      fill(byRow.get(rows[i]!)!, payload, pending);
    }
  }
  if (pending.size) settle(pending, columns);
}

function fill(to: Fields, p: Payload, pending: Map<Fields, Pending>): void {
  if (p.kind === "item") {
    const items = (to.items as string[] | undefined) ?? [];
    if (items[p.level]) return;
    while (items.length < p.level) items.push("");
    items[p.level] = p.value;
    to.items = items;
  } else if (p.kind === "field") {
    if (to[p.field] === undefined) to[p.field] = clone(p.value);
  } else {
    let slot = pending.get(to);
    if (!slot) pending.set(to, (slot = {}));
    if (p.kind === "extra") (slot.extras ??= []).push(p.extra);
    else {
      const marks = (slot.marks ??= new Map()).get(p.field);
      if (marks) marks.push(p.value);
      else slot.marks.set(p.field, [p.value]);
    }
  }
}

function settle(pending: Map<Fields, Pending>, columns: readonly ColumnMapping[]): void {
  const rank = new Map<string, Map<string | undefined, number>>();
  columns.forEach((c, i) => {
    if (c.field === undefined) return;
    let ranks = rank.get(c.field);
    if (!ranks) rank.set(c.field, (ranks = new Map()));
    if (!ranks.has(c.value)) ranks.set(c.value, i);
  });
  const order = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!order.has(c.header)) order.set(c.header, i);
  });
  for (const [to, slot] of pending) {
    for (const [field, added] of slot.marks ?? []) {
      const ranks = rank.get(field);
      const marks = new Set((to[field] as string[] | undefined) ?? []);
      for (const v of added) marks.add(v);
      mergeWork.settled += marks.size;
      // Keep the group's marks in column order.
      to[field] = [...marks].sort((a, b) => (ranks?.get(a) ?? 0) - (ranks?.get(b) ?? 0));
    }
    if (slot.extras) to.extra = mergeExtras((to.extra as ExtraColumn[] | undefined) ?? [], slot.extras, order);
  }
}

/**
 * The entry's extras with the copied ones added, each name at most once (an extra the entry has, or
 * the first copied, wins) and each placed after every extra of the same or an earlier column.
 */
function mergeExtras(own: readonly ExtraColumn[], copied: readonly ExtraColumn[], order: Map<string, number>): ExtraColumn[] {
  const rankOf = (x: ExtraColumn) => order.get(x.name) ?? Number.MAX_SAFE_INTEGER;
  mergeWork.settled += own.length + copied.length;
  const names = new Set(own.map((x) => x.name));
  const added: ExtraColumn[] = [];
  for (const x of copied) {
    if (names.has(x.name)) continue;
    names.add(x.name);
    added.push({ ...x });
  }
  added.sort((a, b) => rankOf(a) - rankOf(b));
  const out: ExtraColumn[] = [];
  let j = 0;
  for (const x of own) {
    while (j < added.length && rankOf(added[j] as ExtraColumn) < rankOf(x)) out.push(added[j++] as ExtraColumn);
    out.push(x);
  }
  while (j < added.length) out.push(added[j++] as ExtraColumn);
  return out;
}

/** A merge as the filler applies it: its column's payload, taken from its anchor entry. */
interface ActiveMerge {
  left: number;
  bottom: number;
  payload: Payload;
}

/**
 * {@link applyMerges} for entries that stream: given every merged range up front (read ahead) and
 * the sheet's columns, returns a function that fills each entry, in row order, the way applyMerges
 * fills the whole list — same ranges skipped, same values, marks and extras in the same order — while
 * holding only the merges open at the current row. Entries must come in increasing row order.
 */
export function createMergeFiller(merges: readonly MergeRange[], columns: readonly ColumnMapping[]): (entry: Entry) => void {
  const byLetter = new Map<string, ColumnMapping>();
  for (const c of columns) byLetter.set(c.column, c);
  let deepest = -1;
  for (const c of columns) if (c.field?.startsWith("items.")) deepest = Math.max(deepest, Number(c.field.slice(6)));
  // The ranges applyMerges would follow, grouped by their anchor row.
  const sorted = merges.filter((m) => m.bottom > m.top).sort((a, b) => a.left - b.left || a.top - b.top);
  const byTop = new Map<number, Array<{ m: MergeRange; column: ColumnMapping }>>();
  let left = -1;
  let reach = 0;
  for (const m of sorted) {
    if (m.left !== left) [left, reach] = [m.left, 0];
    if (m.top <= reach) continue;
    reach = m.bottom;
    const column = byLetter.get(columnLetter(m.left));
    if (!column) continue;
    if (column.field?.startsWith("items.") && Number(column.field.slice(6)) < deepest) continue;
    const list = byTop.get(m.top);
    if (list) list.push({ m, column });
    else byTop.set(m.top, [{ m, column }]);
  }
  // Open merges in column order (at most one per column: overlapping ranges were skipped).
  let active: ActiveMerge[] = [];
  return (entry) => {
    const row = entry.source?.row;
    if (row === undefined) return;
    const to = entry as unknown as Fields;
    // An anchor's payload is taken before the entry itself is filled from other columns' merges.
    const starting = byTop.get(row);
    const opened: ActiveMerge[] = [];
    for (const { m, column } of starting ?? []) {
      const payload = payloadOf(to, column);
      if (payload) opened.push({ left: m.left, bottom: m.bottom, payload });
    }
    if (active.length) {
      active = active.filter((a) => a.bottom >= row);
      const pending = new Map<Fields, Pending>();
      for (const a of active) fill(to, a.payload, pending);
      if (pending.size) settle(pending, columns);
    }
    if (opened.length) {
      active.push(...opened);
      active.sort((a, b) => a.left - b.left);
    }
  };
}
