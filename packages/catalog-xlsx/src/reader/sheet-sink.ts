import { MISSING_SHARED, type ValueContext, makeCell } from "./cell-value.js";
import { mergeRange, parseRange } from "./cellref.js";
import { type ErrorLocation, limitError, malformedError } from "./errors.js";
import type { ReadLimits } from "./limits.js";
import {
  TYPE_INLINE,
  TYPE_N,
  TYPE_S,
  cellRef,
  parseColumn,
  parseColumnBytes,
  parseType,
  parseTypeBytes,
  parseUint,
  parseUintBytes,
  sortUnique,
} from "./sheet-parse.js";
import type { Cell, MergeRange, Row } from "./types.js";
import type { XmlScanner, XmlSink } from "./xml-scanner.js";
import { decodeEntities, detach, normalizeLineEnds } from "./xml-text.js";

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
export interface SinkSetup extends ValueContext {
  limits: ReadLimits;
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
  /** Whether the cell being read has a <v> (a formula's cached result, possibly ""). */
  private hasV = false;
  private inIs = false;
  private phonetic = 0;
  /** Where commitQuick finds the text quickContent located. */
  private qStart = 0;
  private qEnd = 0;
  private qInline = false;
  /**
   * The bytes `asciiText` was decoded from, when that chunk is pure ASCII (as the sheets of
   * shared-string workbooks are): positions then agree, and the fast paths read bytes, which is
   * several times cheaper than charCodeAt.
   */
  private ascii: Uint8Array | undefined;
  private asciiText = "";
  /**
   * What followed r="…" in the last plain row tag that had r first, through its ">" (e.g.
   * ` spans="1:14" x14ac:dyDescent="0.25">`): writers repeat it on every row, and a row tag that
   * repeats it needs no second look.
   */
  private rowRest = "";
  private readonly maxRows: number;
  private readonly maxEmptyRows: number;
  private readonly maxColumns: number;
  private readonly maxCellChars: number;

  constructor(private readonly s: SinkSetup) {
    ({ maxRows: this.maxRows, maxEmptyRows: this.maxEmptyRows } = s.limits);
    ({ maxColumns: this.maxColumns, maxCellChars: this.maxCellChars } = s.limits);
  }

  /**
   * Names the bytes the next fed text was decoded from (undefined: none). Only a chunk that is
   * provably ASCII is used: one that starts with an ASCII byte (so no sequence begun in the chunk
   * before completes in it: that is the only way one byte can yield a UTF-16 unit, or two) and
   * has exactly as many bytes as its text has units (every other sequence yields fewer).
   */
  setChunk(bytes: Uint8Array | undefined, text: string): void {
    const n = bytes === undefined ? 0 : bytes.length;
    const plain = n > 0 && n === text.length && bytes![0]! < 0x80;
    this.ascii = plain ? bytes : undefined;
    this.asciiText = plain ? text : "";
  }

  /** The row being read (or the last one), for errors raised outside the sink. */
  get currentRow(): number {
    return this.rowIndex;
  }

  open(id: number, selfClosing: boolean, sc: XmlScanner): number {
    switch (id) {
      case C:
        return this.inRow ? this.openCell(sc, selfClosing) : -1;
      case V:
        if (this.inCell) {
          this.hasV = true;
          if (!selfClosing) this.capture = CAPTURE_V;
        }
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
    if (this.capture !== CAPTURE_NONE) this.append(normalizeLineEnds(buf.slice(start, end)));
  }

  private append(piece: string): void {
    const capture = this.capture;
    const prev = capture === CAPTURE_V ? this.vText : capture === CAPTURE_T ? this.tText : this.fText!;
    if (prev.length + piece.length > this.maxCellChars) this.tooLong();
    const next = prev.length === 0 ? piece : prev + piece;
    if (capture === CAPTURE_V) this.vText = next;
    else if (capture === CAPTURE_T) this.tText = next;
    else this.fText = next;
  }

  private openRow(sc: XmlScanner, selfClosing: boolean): void {
    const i = sc.attrIndex("r");
    this.startRow(i < 0 ? -1 : parseUint(sc.buf, sc.attrValueStart[i]!, sc.attrValueEnd[i]!), selfClosing);
  }

  /** `r` is the row's r="…" as parseUint read it (-1: absent or not a number: the next row). */
  private startRow(r: number, selfClosing: boolean): void {
    if (++this.rowCount > this.maxRows) throw limitError("工作表的行数", "maxRows", this.maxRows, this.s.loc);
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
    this.place(col, style, type);
    if (selfClosing) return -1; // <c r="A1" s="1"/> carries formatting only
    const end = this.quickContent(buf, sc.gt + 1, type);
    if (end >= 0) {
      this.commitQuick(buf, type === TYPE_S ? parseUint(buf, this.qStart, this.qEnd) : -1);
      return this.cellRun(buf, end);
    }
    this.vText = "";
    this.tText = "";
    this.fText = null;
    this.hasV = false;
    this.inIs = false;
    this.inCell = true;
    return -1;
  }

  private place(col: number, style: number, type: number): void {
    if (col < 0) col = this.lastCol + 1;
    if (col >= this.maxColumns) {
      throw limitError("列数", "maxColumns", this.maxColumns, { ...this.s.loc, cell: cellRef(col, this.rowIndex) });
    }
    if (col <= this.lastCol) this.sorted = false;
    this.lastCol = col;
    this.col = col;
    this.style = style;
    this.type = type;
  }

  /**
   * Fast path for the content nearly every cell has: `<v>…</v></c>` or `<is><t>…</t></is></c>`.
   * Only records where the text is (no other side effects) and returns the position after </c>;
   * -1 hands the cell to the scanner's events (prefixes, formulas, rich text, a chunk boundary).
   */
  private quickContent(buf: string, p: number, type: number): number {
    if (buf.startsWith("<v>", p)) {
      const lt = buf.indexOf("<", p + 3);
      if (lt < 0 || !buf.startsWith("</v></c>", lt)) return -1;
      this.qStart = p + 3;
      this.qEnd = lt;
      this.qInline = false;
      return lt + 8;
    }
    if (type === TYPE_INLINE && buf.startsWith("<is><t>", p)) {
      const lt = buf.indexOf("<", p + 7);
      if (lt < 0 || !buf.startsWith("</t></is></c>", lt)) return -1;
      this.qStart = p + 7;
      this.qEnd = lt;
      this.qInline = true;
      return lt + 13;
    }
    return -1;
  }

  /** `index` is parseUint of the quick text (only read for a shared string). */
  private commitQuick(buf: string, index: number): void {
    if (this.type === TYPE_S && !this.qInline) {
      const s = this.s.sst[index];
      if (s === undefined) this.missingShared(buf.slice(this.qStart, this.qEnd));
      if (s !== "") this.cells.push({ col: this.col, value: s, text: s, kind: "string" });
      return;
    }
    const text = decodeEntities(buf.slice(this.qStart, this.qEnd));
    if (text.length > this.maxCellChars) this.tooLong();
    this.push(makeCell(this.s, this.col, this.type, this.style, this.qInline ? "" : text, this.qInline ? text : "", null));
  }

  /**
   * After a quick cell, the next one usually follows directly: parse plain `<c r=".." s=".." t="..">`
   * tags here instead of a round trip through the scanner. Anything unusual (other attributes,
   * single quotes, whitespace variants) returns to the scanner before any state has changed.
   */
  private cellRun(buf: string, q: number): number {
    const bytes = this.ascii;
    if (bytes !== undefined && buf === this.asciiText) return this.cellRunBytes(bytes, buf, q);
    for (;;) {
      if (buf.charCodeAt(q) !== 60 || buf.charCodeAt(q + 1) !== 99 || buf.charCodeAt(q + 2) !== 32) {
        // The row ends here and the next one starts: `</row><row r="5" spans="1:14">`.
        if (!buf.startsWith("</row>", q)) return q;
        const next = this.nextRow(buf, q);
        if (next < 0) return q + 6;
        q = next;
        continue;
      }
      let i = q + 3;
      let col = -1;
      let style = 0;
      let type = TYPE_N;
      let selfClosing = false;
      for (;;) {
        const a = buf.charCodeAt(i);
        if (buf.charCodeAt(i + 1) !== 61 || buf.charCodeAt(i + 2) !== 34) return q;
        const vs = i + 3;
        const ve = buf.indexOf('"', vs);
        if (ve < 0) return q;
        if (a === 114 /* r */) col = parseColumn(buf, vs, ve);
        else if (a === 115 /* s */) style = parseUint(buf, vs, ve);
        else if (a === 116 /* t */) type = parseType(buf, vs, ve);
        else return q;
        const c = buf.charCodeAt(ve + 1);
        i = ve + 2;
        if (c === 32) continue;
        if (c === 62 /* > */) break;
        if (c !== 47 || buf.charCodeAt(i) !== 62) return q;
        selfClosing = true;
        i++;
        break;
      }
      const end = selfClosing ? i : this.quickContent(buf, i, type);
      if (end < 0) return q;
      this.place(col, style, type);
      if (!selfClosing) this.commitQuick(buf, type === TYPE_S ? parseUint(buf, this.qStart, this.qEnd) : -1);
      q = end;
    }
  }

  /**
   * cellRun over the bytes of an ASCII chunk (`b[k] === buf.charCodeAt(k)` for every k): the same
   * shapes are accepted and anything else returns to the scanner at the same place.
   */
  private cellRunBytes(b: Uint8Array, buf: string, q: number): number {
    const n = b.length;
    for (;;) {
      if (q + 3 > n || b[q] !== 60 || b[q + 1] !== 99 || b[q + 2] !== 32) {
        if (q + 6 > n || !(b[q] === 60 && b[q + 1] === 47 && b[q + 2] === 114 && b[q + 3] === 111 && b[q + 4] === 119 && b[q + 5] === 62)) return q; // </row>
        const next = this.nextRow(buf, q);
        if (next < 0) return q + 6;
        q = next;
        continue;
      }
      let i = q + 3;
      let col = -1;
      let style = 0;
      let type = TYPE_N;
      let selfClosing = false;
      for (;;) {
        if (i + 3 > n) return q;
        const a = b[i];
        if (b[i + 1] !== 61 || b[i + 2] !== 34) return q;
        const vs = i + 3;
        let ve = vs;
        while (ve < n && b[ve] !== 34) ve++;
        if (ve + 2 > n) return q;
        if (a === 114 /* r */) col = parseColumnBytes(b, vs, ve);
        else if (a === 115 /* s */) style = parseUintBytes(b, vs, ve);
        else if (a === 116 /* t */) type = ve - vs === 1 ? parseTypeBytes(b[vs]!) : parseType(buf, vs, ve);
        else return q;
        const c = b[ve + 1];
        i = ve + 2;
        if (c === 32) continue;
        if (c === 62 /* > */) break;
        if (c !== 47 || i >= n || b[i] !== 62) return q;
        selfClosing = true;
        i++;
        break;
      }
      let end = i;
      if (!selfClosing) {
        // <v>…</v></c>, or (inline strings) <is><t>…</t></is></c>: as quickContent.
        let lt = -1;
        if (i + 3 <= n && b[i] === 60 && b[i + 1] === 118 && b[i + 2] === 62) {
          lt = i + 3;
          while (lt < n && b[lt] !== 60) lt++;
          if (lt + 8 > n || !(b[lt + 1] === 47 && b[lt + 2] === 118 && b[lt + 3] === 62 && b[lt + 4] === 60 && b[lt + 5] === 47 && b[lt + 6] === 99 && b[lt + 7] === 62)) return q;
          this.qStart = i + 3;
          this.qInline = false;
          end = lt + 8;
        } else {
          end = type === TYPE_INLINE ? this.quickContent(buf, i, type) : -1;
          if (end < 0) return q;
          lt = this.qEnd;
        }
        this.qEnd = lt;
      }
      this.place(col, style, type);
      if (!selfClosing) this.commitQuick(buf, type === TYPE_S ? parseUintBytes(b, this.qStart, this.qEnd) : -1);
      q = end;
    }
  }

  /** At the `</row>` at q: ends the row; then as rowStart after it. */
  private nextRow(buf: string, q: number): number {
    this.endRow();
    return this.rowStart(buf, q + 6);
  }

  /**
   * A plain `<row a="…" b="…">` at q, as the scanner would read it (attribute names without
   * white space or quotes, double-quoted values, single spaces): starts the row and returns the
   * position after the tag. -1, with nothing changed, for anything else (a prefix, a self-closing
   * row, other spacing or quotes, a tag cut by the chunk's end): the scanner reads it.
   */
  private rowStart(buf: string, q: number): number {
    if (!buf.startsWith("<row ", q)) return -1;
    const rest = this.rowRest;
    if (rest !== "" && buf.charCodeAt(q + 5) === 114 && buf.charCodeAt(q + 6) === 61 && buf.charCodeAt(q + 7) === 34) {
      // `<row r="digits"` and then exactly the rest the loop below accepted for an earlier row.
      let k = q + 8;
      let c = buf.charCodeAt(k);
      while (c >= 48 && c <= 57) c = buf.charCodeAt(++k);
      if (c === 34 && k > q + 8 && buf.startsWith(rest, k + 1)) {
        this.startRow(parseUint(buf, q + 8, k), false);
        return k + 1 + rest.length;
      }
    }
    let i = q + 5;
    let r = -1;
    let seenR = false;
    let restStart = -1;
    for (;;) {
      const ns = i;
      let c = buf.charCodeAt(i);
      while (c > 32 && c !== 61 && c !== 62 && c !== 47 && c !== 34 && c !== 39 && c !== 60) c = buf.charCodeAt(++i);
      if (i === ns || c !== 61 || buf.charCodeAt(i + 1) !== 34) return -1;
      const vs = i + 2;
      const ve = buf.indexOf('"', vs);
      if (ve < 0) return -1;
      if (i - ns === 1 && buf.charCodeAt(ns) === 114 /* r */) {
        if (seenR) return -1; // r twice: left to the scanner's rule (the first one counts)
        seenR = true;
        r = parseUint(buf, vs, ve);
        if (ns === q + 5) restStart = ve + 1;
      }
      c = buf.charCodeAt(ve + 1);
      i = ve + 2;
      if (c === 62 /* > */) break;
      if (c !== 32) return -1;
    }
    if (restStart > 0) this.rowRest = detach(buf.slice(restStart, i));
    this.startRow(r, false);
    return i;
  }

  private endCell(): void {
    this.inCell = false;
    this.capture = CAPTURE_NONE;
    const formula = this.fText;
    // A formula saved without its result (scripts such as openpyxl write these): kept, text "", so an
    // importer can say at the cell that there is no value to read — rather than read it as blank.
    if (formula !== null && !this.hasV && this.tText === "") this.push({ col: this.col, value: null, text: "", kind: "string", formula: detach(formula) });
    else this.push(makeCell(this.s, this.col, this.type, this.style, this.vText, this.tText, formula));
  }

  private push(cell: Cell | null | typeof MISSING_SHARED): void {
    if (cell === MISSING_SHARED) this.missingShared(this.vText);
    else if (cell !== null) this.cells.push(cell);
  }

  private missingShared(index: string): never {
    throw malformedError(`共享字符串编号“${index}”不存在`, this.where());
  }

  private tooLong(): never {
    throw limitError("单元格内容的长度", "maxCellChars", this.maxCellChars, this.where());
  }

  private addMerge(sc: XmlScanner): void {
    const ref = sc.attr("ref");
    const range = ref === undefined ? undefined : parseRange(ref);
    if (ref === undefined || !range) return;
    if (this.s.out.merges.length >= this.s.limits.maxMergedRanges) {
      throw limitError("合并单元格区域的数量", "maxMergedRanges", this.s.limits.maxMergedRanges, this.s.loc, "可在 Excel 或 WPS 中取消不需要的合并单元格。");
    }
    this.s.out.merges.push(mergeRange(range, ref));
  }

  private where(): ErrorLocation {
    return { ...this.s.loc, cell: cellRef(this.col, this.rowIndex) };
  }
}
