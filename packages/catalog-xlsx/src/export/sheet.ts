import type ExcelJS from "exceljs";
import { cellTooLong, MAX_CELL_CHARS, MAX_COLUMNS, tooManyColumns } from "./errors.js";
import type { OutColumn, OutLayout } from "./layout.js";

// Drawing shared by the catalog writer and the template writer: the title row, the merged header,
// column widths and styles, frozen panes and print setup.

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const FONT = "宋体";

/**
 * What a cell's XML cannot carry as it is: C0 controls other than tab and LF, and DEL (exceljs drops them;
 * CR would become LF in any XML parser), U+FFFE/U+FFFF, and text that looks like an escape
 * (`_x0041_`, which Excel and every reader decode). The first test keeps ordinary text untouched.
 */
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// A lone surrogate cannot be stored as UTF-8 (it would become U+FFFD); as `_xD800_` it reads back.
const ESCAPED = /[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const escapeOne = (ch: string) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;

/**
 * Text as a cell must store it to read back the same (the ST_Xstring escapes Excel writes:
 * CR → `_x000D_`, a literal `_x0041_` → `_x005F_x0041_`). Strings stay strings: exceljs writes
 * them as text cells whatever they start with (= + - @), so nothing here concerns formulas.
 */
export function cellText(text: string, overflow: "refuse" | "truncate" = "refuse"): string {
  const out = NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, escapeOne) : text;
  if (out.length <= MAX_CELL_CHARS) return out;
  // Report cells (findings quoting long text) are cut; catalog data is never cut silently.
  if (overflow === "refuse") throw cellTooLong(out.length);
  return `${out.slice(0, MAX_CELL_CHARS - 20).replace(/_x[0-9A-Fa-f]{0,3}$|[\ud800-\udbff]$/, "")}……（已截断）`;
}

/** Refuses a layout wider than a sheet: exceljs would fail deep inside ("16385 is out of bounds"). */
export function checkColumns(layout: OutLayout): void {
  if (layout.columns.length > MAX_COLUMNS) throw tooManyColumns(layout.columns.length);
}

/** Column widths (in characters) by field; long free text is wide, √ columns narrow. */
const WIDTHS: Record<string, number> = {
  seq: 6,
  code: 18,
  content: 40,
  basis: 36,
  timeLimit: 24,
  subject: 20,
  channels: 32,
  name: 30,
  subItem: 24,
  type: 12,
  responsibilities: 48,
  responsibilityBasis: 36,
  accountabilityCases: 48,
  accountabilityBasis: 36,
  materials: 40,
  process: 40,
};

function widthOf(c: OutColumn): number {
  if (c.codec === "flag") return Math.max(6, (c.value?.length ?? 2) * 2 + 2);
  if (c.codec === "items") return 16;
  return WIDTHS[c.field ?? ""] ?? 16;
}

/** Where the table starts once the title and header are drawn. */
export interface DrawnHeader {
  /** 1-based rows of the header. */
  headerRows: number[];
  firstDataRow: number;
}

/**
 * Draws the title row (merged across the table) when there is a title, then the header: a part
 * per header row, parents merged across their children, single-part headers merged down.
 * Sets column widths and data styles (wrapped text, borders, centred flags), freezes the header and
 * prepares printing (A4 landscape, fit to width, header rows repeated on every page).
 */
export function drawHeader(ws: ExcelJS.Worksheet, layout: OutLayout, title: string | undefined): DrawnHeader {
  const n = layout.columns.length;
  layout.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = widthOf(c);
    col.alignment = c.codec === "flag" ? { horizontal: "center", vertical: "middle" } : { vertical: "top", wrapText: true };
    col.font = { name: FONT, size: 10 };
  });
  let row = 1;
  if (title !== undefined) {
    const cell = ws.getCell(1, 1);
    cell.value = cellText(title);
    cell.font = { name: FONT, size: 16, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    if (n > 1) ws.mergeCells(1, 1, 1, n);
    ws.getRow(1).height = 36;
    row = 2;
  }
  const top = row;
  const depth = layout.depth;
  for (let i = 0; i < n; i++) {
    const parts = (layout.columns[i] as OutColumn).parts;
    for (let h = 0; h < parts.length; h++) {
      // A parent is drawn once, on the first column of the run of columns that share it.
      const prev = layout.columns[i - 1]?.parts;
      const continues = h < parts.length - 1 && prev !== undefined && prev.length > h + 1 && sameUpTo(prev, parts, h);
      if (continues) continue;
      const cell = ws.getCell(top + h, i + 1);
      cell.value = cellText(parts[h] as string);
      let right = i;
      if (h < parts.length - 1) {
        while (right + 1 < n && sameParent(layout.columns[right + 1] as OutColumn, parts, h)) right++;
      }
      const bottom = h === parts.length - 1 ? top + depth - 1 : top + h;
      if (right > i || bottom > top + h) ws.mergeCells(top + h, i + 1, bottom, right + 1);
    }
  }
  const headerRows: number[] = [];
  for (let r = top; r < top + depth; r++) {
    headerRows.push(r);
    ws.getRow(r).height = depth > 1 ? 24 : 30;
    for (let c = 1; c <= n; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
    }
  }
  const last = top + depth - 1;
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: last, topLeftCell: `A${last + 1}`, activeCell: `A${last + 1}` }];
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${top}:${last}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  return { headerRows, firstDataRow: last + 1 };
}

function sameUpTo(a: readonly string[], b: readonly string[], h: number): boolean {
  for (let k = 0; k <= h; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** True when a column sits under the same parent (parts 0..h) and has a level below it. */
function sameParent(c: OutColumn, parts: readonly string[], h: number): boolean {
  return c.parts.length > h + 1 && sameUpTo(c.parts, parts, h);
}

/** What a sheet name cannot hold: Excel's forbidden characters, and controls and lone surrogates XML cannot carry. */
const SHEET_NAME_BANNED = /[:\\/?*[\]\u0000-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Excel's rules for sheet names: 1–31 characters, none of : \ / ? * [ ], no quote at either end, not "History". */
export function safeSheetName(name: string): string {
  const unquote = (t: string) => t.replace(/^[\s']+|(?<![\s'])[\s']+$/g, "");
  let clean = unquote(name.replace(SHEET_NAME_BANNED, "_"));
  // 31 UTF-16 units, without cutting a surrogate pair in two.
  if (clean.length > 31) clean = unquote(clean.slice(0, /[\ud800-\udbff]/.test(clean.charAt(30)) ? 30 : 31));
  if (clean.toLowerCase() === "history") clean += "_";
  return clean || "目录";
}

/** exceljs gives a Buffer in Node and an ArrayBuffer in browsers; callers get plain bytes. */
export function toBytes(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return new Uint8Array(buffer);
}
