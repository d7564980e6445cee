import { parseRange } from "./cellref.js";
import { serialToIso } from "./dates.js";
import { type ErrorLocation, limitError, malformedError } from "./errors.js";
import type { ReadLimits } from "./limits.js";
import type { Cell, CellKind, CellValue, MergeRange, Row } from "./types.js";
import type { XmlScanner, XmlSink } from "./xml-scanner.js";
import { decodeEntities, decodeOoxmlEscapes, detach } from "./xml-text.js";
import {
  TYPE_B,
  TYPE_D,
  TYPE_E,
  TYPE_INLINE,
  TYPE_N,
  TYPE_S,
  TYPE_STR,
  cellRef,
  normalizeIsoDate,
  parseColumn,
  parseType,
  parseUint,
  sortUnique,
} from "./sheet-parse.js";

const SHEET_DATA = 0;
const ROW = 1;
const C = 2;
const V = 3;
const F = 4;
const IS = 5;
const T = 6;
const RPH = 7;
const MERGE_CELL = 8;
const DIMENSION = 9;
export const SHEET_NAMES = ["sheetData", "row", "c", "v", "f", "is", "t", "rPh", "mergeCell", "dimension"];


const CAPTURE_NONE = 0;
const CAPTURE_V = 1;
const CAPTURE_T = 2;
const CAPTURE_F = 3;

/** Per-sheet constants the sink reads on every cell, gathered once. */
export interface SinkSetup {
  limits: ReadLimits;
  sst: string[];
  dateFlags: Uint8Array;
  date1904: boolean;
  loc: ErrorLocation;
  out: { merges: MergeRange[]; dimension?: string };
}

/** Turns sheet XML events into rows. All per-cell state lives in fields so the hot path allocates only the Cell. */
export class SheetSink implements XmlSink {
  rows: Row[] = [];
  private inSheetData = false;
  private inRow = false;
  private rowIndex = 0;
  private rowCount = 0;
  private emptyRun = 0;
  private cells: Cell[] = [];
  private lastCol = -1;
  private sorted = true;
  private inCell = false;
  private col = 0;
  private style = 0;
  private type = TYPE_N;
  private capture = CAPTURE_NONE;
  private vText = "";
  private tText = "";
  private fText: string | null = null;
  private inIs = false;
  private phonetic = 0;
  private readonly maxRows: number;
  private readonly maxEmptyRows: number;
  private readonly maxColumns: number;
  private readonly maxCellChars: number;

  constructor(private readonly s: SinkSetup) {
    ({ maxRows: this.maxRows, maxEmptyRows: this.maxEmptyRows } = s.limits);
    ({ maxColumns: this.maxColumns, maxCellChars: this.maxCellChars } = s.limits);
  }

  open(id: number, selfClosing: boolean, sc: XmlScanner): number {
    switch (id) {
      case C:
        return this.inRow ? this.openCell(sc, selfClosing) : -1;
      case V:
        if (this.inCell && !selfClosing) this.capture = CAPTURE_V;
        break;
      case T:
        if (this.inIs && this.phonetic === 0 && !selfClosing) this.capture = CAPTURE_T;
        break;
      case ROW:
        if (this.inSheetData) this.openRow(sc, selfClosing);
        break;
      case F:
        if (this.inCell) {
          this.fText = "";
          if (!selfClosing) this.capture = CAPTURE_F;
        }
        break;
      case IS:
        if (this.inCell && !selfClosing) this.inIs = true;
        break;
      case RPH:
        if (!selfClosing) this.phonetic++;
        break;
      case SHEET_DATA:
        this.inSheetData = !selfClosing;
        break;
      case MERGE_CELL:
        if (!this.inSheetData) this.addMerge(sc);
        break;
      case DIMENSION:
        if (!this.inSheetData) this.s.out.dimension = sc.attr("ref");
        break;
    }
    return -1;
  }

  close(id: number): void {
    switch (id) {
      case V:
      case T:
      case F:
        this.capture = CAPTURE_NONE;
        return;
      case C:
        if (this.inCell) this.endCell();
        return;
      case ROW:
        if (this.inRow) this.endRow();
        return;
      case IS:
        this.inIs = false;
        return;
      case RPH:
        if (this.phonetic > 0) this.phonetic--;
        return;
      case SHEET_DATA:
        this.inSheetData = false;
        return;
    }
  }

  text(buf: string, start: number, end: number): void {
    if (this.capture !== CAPTURE_NONE) this.append(decodeEntities(buf.slice(start, end)));
  }

  cdata(buf: string, start: number, end: number): void {
    if (this.capture !== CAPTURE_NONE) this.append(buf.slice(start, end));
  }

  private append(piece: string): void {
    const capture = this.capture;
    const prev = capture === CAPTURE_V ? this.vText : capture === CAPTURE_T ? this.tText : this.fText!;
    if (prev.length + piece.length > this.maxCellChars) {
      throw limitError("单元格内容的长度", "maxCellChars", this.maxCellChars, this.where());
    }
    const next = prev.length === 0 ? piece : prev + piece;
    if (capture === CAPTURE_V) this.vText = next;
    else if (capture === CAPTURE_T) this.tText = next;
    else this.fText = next;
  }

  private openRow(sc: XmlScanner, selfClosing: boolean): void {
    if (++this.rowCount > this.maxRows) throw limitError("工作表的行数", "maxRows", this.maxRows, this.s.loc);
    const i = sc.attrIndex("r");
    const r = i < 0 ? -1 : parseUint(sc.buf, sc.attrValueStart[i]!, sc.attrValueEnd[i]!);
    this.rowIndex = r > 0 ? r : this.rowIndex + 1;
    this.inRow = true;
    this.cells = [];
    this.lastCol = -1;
    this.sorted = true;
    if (selfClosing) this.endRow();
  }

  private endRow(): void {
    this.inRow = false;
    const cells = this.cells;
    if (cells.length === 0) {
      if (++this.emptyRun > this.maxEmptyRows) {
        throw limitError("连续的空行数", "maxEmptyRows", this.maxEmptyRows, this.s.loc, "工作表中有大量带格式但没有内容的行，可在 Excel 或 WPS 中删除这些空行。");
      }
      return;
    }
    this.emptyRun = 0;
    if (!this.sorted) this.cells = sortUnique(cells);
    this.rows.push({ index: this.rowIndex, cells: this.cells });
  }

  private openCell(sc: XmlScanner, selfClosing: boolean): number {
    const buf = sc.buf;
    let col = -1;
    let style = 0;
    let type = TYPE_N;
    for (let i = 0; i < sc.attrCount; i++) {
      const ns = sc.attrNameStart[i]!;
      if (sc.attrNameEnd[i]! - ns !== 1) continue;
      const ch = buf.charCodeAt(ns);
      if (ch === 114 /* r */) col = parseColumn(buf, sc.attrValueStart[i]!, sc.attrValueEnd[i]!);
      else if (ch === 115 /* s */) style = parseUint(buf, sc.attrValueStart[i]!, sc.attrValueEnd[i]!);
      else if (ch === 116 /* t */) type = parseType(buf, sc.attrValueStart[i]!, sc.attrValueEnd[i]!);
    }
    if (col < 0) col = this.lastCol + 1;
    if (col >= this.maxColumns) {
      throw limitError("列数", "maxColumns", this.maxColumns, { ...this.s.loc, cell: cellRef(col, this.rowIndex) });
    }
    if (col <= this.lastCol) this.sorted = false;
    this.lastCol = col;
    if (selfClosing) return -1; // <c r="A1" s="1"/> carries formatting only
    this.col = col;
    this.style = style;
    this.type = type;
    this.vText = "";
    this.tText = "";
    this.fText = null;
    this.inIs = false;
    // Fast paths for the shapes nearly every cell has; anything else goes through the events.
    // Literal checks by char code: String#startsWith is a call, and these run for nearly every cell.
    const p = sc.gt + 1;
    if (buf.charCodeAt(p) === 60 && buf.charCodeAt(p + 1) === 118 && buf.charCodeAt(p + 2) === 62) {
      let lt = p + 3; // <v>
      while (buf.charCodeAt(lt) !== 60 && lt < buf.length) lt++;
      if (isCloseVC(buf, lt)) {
        if (type === TYPE_S) this.pushShared(parseUint(buf, p + 3, lt), buf, p + 3, lt);
        else {
          this.vText = this.checked(decodeEntities(buf.slice(p + 3, lt)));
          this.endCell();
        }
        return lt + 8;
      }
    } else if (type === TYPE_INLINE && buf.startsWith("<is><t>", p)) {
      const lt = buf.indexOf("<", p + 7);
      if (lt > 0 && buf.startsWith("</t></is></c>", lt)) {
        this.tText = this.checked(decodeEntities(buf.slice(p + 7, lt)));
        this.endCell();
        return lt + 13;
      }
    }
    this.inCell = true;
    return -1;
  }

  private checked(text: string): string {
    if (text.length > this.maxCellChars) {
      throw limitError("单元格内容的长度", "maxCellChars", this.maxCellChars, this.where());
    }
    return text;
  }

  private pushShared(index: number, buf: string, start: number, end: number): void {
    const s = this.s.sst[index];
    if (s === undefined) throw malformedError(`共享字符串编号“${buf.slice(start, end)}”不存在`, this.where());
    if (s !== "") this.cells.push({ col: this.col, value: s, text: s, kind: "string" });
  }

  private endCell(): void {
    this.inCell = false;
    this.capture = CAPTURE_NONE;
    const v = this.vText;
    let value: CellValue;
    let text: string;
    let kind: CellKind = "string";
    switch (this.type) {
      case TYPE_S: {
        if (v === "") return;
        const s = this.s.sst[parseUint(v, 0, v.length)];
        if (s === undefined) throw malformedError(`共享字符串编号“${v}”不存在`, this.where());
        value = text = s;
        break;
      }
      case TYPE_INLINE:
        // Detached so that rows a caller keeps do not pin the decoded chunks they were cut from.
        value = text = detach(decodeOoxmlEscapes(this.tText === "" ? v : this.tText));
        break;
      case TYPE_STR:
        value = text = detach(decodeOoxmlEscapes(v));
        break;
      case TYPE_B:
        if (v === "") return;
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
        if (v === "") return;
        const n = +v;
        if (n !== n) {
          value = text = detach(v); // not a number after all: keep what the file says
          break;
        }
        if (this.s.dateFlags[this.style] === 1) {
          const iso = serialToIso(n, this.s.date1904);
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
    if (text === "") return;
    const f = this.fText;
    this.cells.push(f === null ? { col: this.col, value, text, kind } : { col: this.col, value, text, kind, formula: detach(f) });
  }

  private addMerge(sc: XmlScanner): void {
    const ref = sc.attr("ref");
    const range = ref === undefined ? undefined : parseRange(ref);
    if (ref !== undefined && range) this.s.out.merges.push({ ...range, ref });
  }

  private where(): ErrorLocation {
    return { ...this.s.loc, cell: cellRef(this.col, this.rowIndex) };
  }
}

/** "</v></c>" at i. */
function isCloseVC(buf: string, i: number): boolean {
  return (
    buf.charCodeAt(i + 1) === 47 &&
    buf.charCodeAt(i + 2) === 118 &&
    buf.charCodeAt(i + 3) === 62 &&
    buf.charCodeAt(i + 4) === 60 &&
    buf.charCodeAt(i + 5) === 47 &&
    buf.charCodeAt(i + 6) === 99 &&
    buf.charCodeAt(i + 7) === 62
  );
}
