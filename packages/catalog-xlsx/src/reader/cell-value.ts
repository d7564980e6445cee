import { serialToIso } from "./dates.js";
import {
  TYPE_B,
  TYPE_D,
  TYPE_E,
  TYPE_INLINE,
  TYPE_S,
  TYPE_STR,
  normalizeIsoDate,
  parseUint,
} from "./sheet-parse.js";
import type { Cell, CellKind, CellValue } from "./types.js";
import { decodeOoxmlEscapes, detach } from "./xml-text.js";

/** What converting one cell needs from the workbook, gathered once per sheet. */
export interface ValueContext {
  sst: string[];
  dateFlags: Uint8Array;
  date1904: boolean;
}

/** Marker result for a `t="s"` cell whose index is not in the shared strings table. */
export const MISSING_SHARED = 1;

/**
 * Builds the Cell for a finished <c>: `v` is the decoded <v> text, `inline` the <is> text,
 * `formula` the <f> text or null. Returns null for an empty cell, MISSING_SHARED for a bad index.
 */
export function makeCell(
  ctx: ValueContext,
  col: number,
  type: number,
  style: number,
  v: string,
  inline: string,
  formula: string | null,
): Cell | null | typeof MISSING_SHARED {
  let value: CellValue;
  let text: string;
  let kind: CellKind = "string";
  switch (type) {
    case TYPE_S: {
      if (v === "") return null;
      const s = ctx.sst[parseUint(v, 0, v.length)];
      if (s === undefined) return MISSING_SHARED;
      value = text = s;
      break;
    }
    case TYPE_INLINE:
      // Detached so that rows a caller keeps do not pin the decoded chunks they were cut from.
      value = text = detach(decodeOoxmlEscapes(inline === "" ? v : inline));
      break;
    case TYPE_STR:
      value = text = detach(decodeOoxmlEscapes(v));
      break;
    case TYPE_B:
      if (v === "") return null;
      value = v === "1" || v === "true" || v === "TRUE";
      text = value ? "TRUE" : "FALSE";
      kind = "boolean";
      break;
    case TYPE_E:
      value = text = v;
      kind = "error";
      break;
    case TYPE_D: {
      const iso = normalizeIsoDate(v);
      value = text = iso ?? v;
      if (iso !== undefined) kind = "date";
      break;
    }
    default: {
      if (v === "") return null;
      const n = +v;
      if (n !== n) {
        value = text = detach(v); // not a number after all: keep what the file says
        break;
      }
      if (ctx.dateFlags[style] === 1) {
        const iso = serialToIso(n, ctx.date1904);
        if (iso !== undefined) {
          value = text = iso;
          kind = "date";
          break;
        }
      }
      value = n;
      text = String(n);
      kind = "number";
    }
  }
  if (text === "") return null;
  return formula === null ? { col, value, text, kind } : { col, value, text, kind, formula: detach(formula) };
}
