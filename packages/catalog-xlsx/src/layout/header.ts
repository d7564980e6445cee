import { normalizeForMatch } from "@zwgk/catalog-core";
import type { Row } from "../reader/index.js";
import { type Family, type HeaderTable, flagGroupOf, itemLevel, matchHeader } from "./vocabulary.js";

/** Rows read before giving up on finding a header in a sheet (titles and notes sit above tables). */
export const HEADER_SCAN_ROWS = 30;

/** Where the header sits in the first rows of a sheet and what each column is called. */
export interface HeaderBlock {
  /** Index into the scanned rows of the first header row. */
  start: number;
  /** Spreadsheet rows of the header (1-based), including a column-number row under it. */
  rows: number[];
  /** Header path parts per column, top row first; columns without any label are absent. */
  paths: Map<number, string[]>;
  /** Text of the rows above the header (the title rows), one string per row. */
  above: string[];
}

type Tables = Record<Family, HeaderTable>;
const FAMILIES: readonly Family[] = ["disclosure", "power", "service"];

function recognised(tables: Tables, key: string): boolean {
  if (itemLevel(key) !== undefined || flagGroupOf(key) !== undefined) return true;
  for (const f of FAMILIES) if (matchHeader(tables[f], key) !== undefined) return true;
  return false;
}

/** The first row where at least two cells, and at least 40% of them, are known header wordings. */
function findHeaderRow(head: readonly Row[], tables: Tables): number {
  for (let i = 0; i < head.length; i++) {
    const cells = (head[i] as Row).cells;
    if (cells.length < 2) continue;
    let hits = 0;
    for (const c of cells) if (recognised(tables, normalizeForMatch(c.text))) hits++;
    if (hits >= 2 && hits * 5 >= cells.length * 2) return i;
  }
  return -1;
}

function textByColumn(row: Row): Map<number, string> {
  const out = new Map<number, string>();
  for (const c of row.cells) {
    const t = c.text.trim();
    if (t) out.set(c.col, t);
  }
  return out;
}

/**
 * A row continues the header when every label in it sits under a spanning parent: an empty cell of
 * the row above (covered by a horizontal merge we cannot see yet — merges come after the rows), a
 * flag group (公开对象/公开方式/公开层级), or a cell whose right neighbour is empty above but labelled
 * here. Data rows fail because their cells sit under ordinary single-column headers. A column
 * labelled in an earlier header row and empty in `upper` is a label merged down (公开属性 over two
 * rows): its header has ended, so a label under it is data, not a third header row.
 */
function continuesHeader(levels: readonly Map<number, string>[], lower: Row): boolean {
  const upper = levels[levels.length - 1] as Map<number, string>;
  const below = textByColumn(lower);
  if (below.size === 0) return false;
  const firstUpper = Math.min(...upper.keys());
  let spanned = 0;
  for (const c of lower.cells) {
    if (!below.has(c.col)) continue;
    if (c.kind !== "string") return false;
    const above = upper.get(c.col);
    if (above === undefined) {
      if (c.col < firstUpper) return false;
      for (let h = 0; h < levels.length - 1; h++) if ((levels[h] as Map<number, string>).has(c.col)) return false;
      spanned++;
      continue;
    }
    const isParent =
      flagGroupOf(normalizeForMatch(above)) !== undefined ||
      itemLevel(normalizeForMatch(c.text)) !== undefined ||
      (!upper.has(c.col + 1) && below.has(c.col + 1));
    if (!isParent) return false;
    spanned++;
  }
  return spanned > 0;
}

/** "1 2 3 …" under the header: a column-number row some templates carry. */
function isNumberingRow(row: Row): boolean {
  if (row.cells.length < 3) return false;
  return row.cells.every((c, i) => c.text.trim() === String(i + 1));
}

const ATTACHMENT = /^附件\s*(?:[0-9\uFF10-\uFF19一二三四五六七八九十]+\s*)?[:：]?$/u;

/** Finds the header block in the first rows of a sheet, or undefined when there is none. */
export function findHeader(head: readonly Row[], tables: Tables): HeaderBlock | undefined {
  const start = findHeaderRow(head, tables);
  if (start < 0) return undefined;
  const levels = [textByColumn(head[start] as Row)];
  const rows = [(head[start] as Row).index];
  let next = start + 1;
  while (levels.length < 3 && next < head.length) {
    const row = head[next] as Row;
    if (row.index !== (rows[rows.length - 1] as number) + 1) break;
    if (!continuesHeader(levels, row)) break;
    levels.push(textByColumn(row));
    rows.push(row.index);
    next++;
  }
  const numbering = head[next];
  if (numbering && numbering.index === (rows[rows.length - 1] as number) + 1 && isNumberingRow(numbering)) {
    rows.push(numbering.index);
  }

  const columns = new Set<number>();
  for (const level of levels) for (const col of level.keys()) columns.add(col);
  const paths = new Map<number, string[]>();
  for (const col of [...columns].sort((a, b) => a - b)) {
    const parts: string[] = [];
    for (let h = 0; h < levels.length; h++) {
      const own = (levels[h] as Map<number, string>).get(col);
      if (own !== undefined) {
        parts.push(own);
        continue;
      }
      // An empty cell inside the header belongs to the label on its left only when a lower row
      // labels this column: that is a parent spanning its sub-headers.
      const labelledBelow = levels.slice(h + 1).some((l) => l.has(col));
      if (!labelledBelow) continue;
      const owner = nearestLeft(levels[h] as Map<number, string>, col);
      if (owner !== undefined) parts.push(owner);
    }
    if (parts.length) paths.set(col, parts);
  }

  const above: string[] = [];
  for (let i = 0; i < start; i++) {
    const text = (head[i] as Row).cells
      .map((c) => c.text.trim())
      .filter(Boolean)
      .join(" ");
    if (text && !ATTACHMENT.test(text)) above.push(text);
  }
  return { start, rows, paths, above };
}

function nearestLeft(level: Map<number, string>, col: number): string | undefined {
  let best = -1;
  for (const c of level.keys()) if (c < col && c > best) best = c;
  return best < 0 ? undefined : level.get(best);
}
