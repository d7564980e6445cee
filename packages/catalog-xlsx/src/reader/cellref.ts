import type { MergeRange } from "./types.js";

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetter(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`column index must be a non-negative integer: ${col}`);
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = (n - 1 - rem) / 26;
  }
  return s;
}

/** Excel's own grid is 16384 x 1048576; anything beyond a generous bound is not a reference. */
const MAX_COL = 1 << 24;
const MAX_ROW = 1 << 30;

/**
 * "B4" -> { row: 4, col: 1 } (row 1-based, col 0-based). Accepts "$B$4" and lower case.
 * undefined for anything that is not a single cell reference.
 */
export function parseCellRef(ref: string): { row: number; col: number } | undefined {
  let i = 0;
  const len = ref.length;
  if (ref.charCodeAt(i) === 36 /* $ */) i++;
  let col = 0;
  const colStart = i;
  for (; i < len; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper-case letters
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    if (col > MAX_COL) return undefined;
  }
  if (i === colStart) return undefined;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const rowStart = i;
  for (; i < len; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + (c - 48);
    if (row > MAX_ROW) return undefined;
  }
  if (i === rowStart || row === 0) return undefined;
  return { row, col: col - 1 };
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B4:B5" or a single "B4"; corners may be given in any order. */
export function parseRange(ref: string): CellRange | undefined {
  const colon = ref.indexOf(":");
  const a = parseCellRef(colon < 0 ? ref : ref.slice(0, colon));
  const b = colon < 0 ? a : parseCellRef(ref.slice(colon + 1));
  if (!a || !b) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** The MergeRange of a parsed ref (built field by field: a spread is several times slower). */
export function mergeRange(range: CellRange, ref: string): MergeRange {
  return { top: range.top, left: range.left, bottom: range.bottom, right: range.right, ref };
}
