/** Small parsers for the sheet hot path: they read straight from the chunk string, no slicing. */
import { columnLetter } from "./cellref.js";
import type { Cell } from "./types.js";

export const TYPE_N = 0;
export const TYPE_S = 1;
export const TYPE_STR = 2;
export const TYPE_INLINE = 3;
export const TYPE_B = 4;
export const TYPE_E = 5;
export const TYPE_D = 6;

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** `t="d"` cells hold ISO 8601 text; report them like date-formatted numbers. undefined if not ISO. */
export function normalizeIsoDate(v: string): string | undefined {
  const m = ISO_DATE.exec(v);
  if (!m) return undefined;
  const time = m[2] === undefined ? "00:00:00" : `${m[2]}:${m[3] ?? "00"}`;
  return time === "00:00:00" ? m[1] : `${m[1]}T${time}`;
}

export function cellRef(col: number, row: number): string {
  return columnLetter(col) + row;
}

/** Digits only; anything else (or overflow) gives -1 so callers fall back to counters. */
export function parseUint(buf: string, start: number, end: number): number {
  if (start >= end) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = buf.charCodeAt(i) - 48;
    if (c < 0 || c > 9 || n > 1e12) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** parseUint over bytes (ASCII text). */
export function parseUintBytes(b: Uint8Array, start: number, end: number): number {
  if (start >= end) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]! - 48;
    if (c < 0 || c > 9 || n > 1e12) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** parseColumn over bytes (ASCII text). */
export function parseColumnBytes(b: Uint8Array, start: number, end: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const c = b[i]! & ~32;
    if (c < 65 || c > 90) break;
    if (col < 1e8) col = col * 26 + (c - 64);
  }
  return i === start ? -1 : col - 1;
}

/** Column letters of an A1 reference -> 0-based index; -1 when there are none. */
export function parseColumn(buf: string, start: number, end: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const c = buf.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    if (col < 1e8) col = col * 26 + (c - 64);
  }
  return i === start ? -1 : col - 1;
}

export function parseType(buf: string, start: number, end: number): number {
  const n = end - start;
  if (n === 1) return parseTypeBytes(buf.charCodeAt(start));
  if (n === 3 && buf.startsWith("str", start)) return TYPE_STR;
  if (n === 9 && buf.startsWith("inlineStr", start)) return TYPE_INLINE;
  return TYPE_N;
}

/** The type of a one-letter t="…", by its character code. */
export function parseTypeBytes(c: number): number {
  switch (c) {
    case 115: return TYPE_S;
    case 98: return TYPE_B;
    case 101: return TYPE_E;
    case 100: return TYPE_D;
    default: return TYPE_N;
  }
}

/** Writers that put cells out of order, or twice, are rare: sort, the later duplicate wins. */
export function sortUnique(cells: Cell[]): Cell[] {
  const byCol = new Map<number, Cell>();
  for (const cell of cells) byCol.set(cell.col, cell);
  return [...byCol.values()].sort((a, b) => a.col - b.col);
}
