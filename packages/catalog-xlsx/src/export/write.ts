import type ExcelJS from "exceljs";
import { newWorkbook } from "./exceljs.js";
import type { Basis, Catalog, Channels, ExtraColumn, TimeLimit } from "@zwgk/catalog-schemas";
import { formatChannels, isSameAsAbove, KIND_LABELS } from "@zwgk/catalog-core";
import { extraNameOf, holdsAsText, type OutColumn, type OutLayout, type PlanOptions, planLayout, takesFallback } from "./layout.js";
import { CatalogWriteError, DEFAULT_MAX_WRITE_ROWS, tooManyRows } from "./errors.js";
import { BORDER, cellText, checkColumns, drawHeader, safeSheetName, toBytes } from "./sheet.js";

type Fields = Record<string, unknown>;
type CellValue = string | number | undefined;

/** Options of {@link writeCatalogXlsx}. */
export interface WriteOptions extends PlanOptions {
  /** Sheet name; defaults to the sheet the catalog came from, its domain, or the kind. */
  sheetName?: string;
  /** Title row text; defaults to the catalog's title. */
  title?: string;
  /**
   * Per entry (same index as `catalog.entries`): a fill for the whole row and a note (cell comment)
   * on its 事项 cell, e.g. to highlight drafted rows a person must confirm and say where each came
   * from. Entries without a mark (or beyond the array) are written plainly.
   */
  rowMarks?: readonly (RowMark | undefined)[];
  /**
   * Most entries to write (default {@link DEFAULT_MAX_WRITE_ROWS}); more is a `CatalogWriteError`
   * before any work, since the workbook is built in memory.
   */
  maxRows?: number;
}

/** How one row is marked: a background colour and a note. */
export interface RowMark {
  /** Background colour as ARGB hex, e.g. `FFFFF2CC` (light yellow). */
  fill?: string;
  /** Note (cell comment) text shown on the row's 事项 cell (the first cell when there is none). */
  note?: string;
}

const ARGB = /^[0-9a-f]{8}$/i;

/** 序号 that are plain integers are written as numbers (no "number stored as text" warnings). */
const INTEGER = /^[1-9]\d{0,14}$/;
/** The mark written into a flag column. */
export const MARK = "√";

/**
 * The cells of one entry, column by column. Text a flag or 公开属性 column could not hold on import
 * (kept in `extra` under that column's header) goes back into that column; every other extra
 * value goes into a column of its name. Extras are in column order when read from a sheet, so of
 * several columns with one name each value takes the first free one after the previous extra's
 * column (else the first free one): values come back in the columns they were read from. Strings
 * come escaped for the cell (cellText).
 */
export function rowValues(columns: readonly OutColumn[], entry: Fields): CellValue[] {
  const out: CellValue[] = new Array(columns.length);
  const slots = new Map<string, number[]>();
  columns.forEach((c, i) => {
    const fallback = c.codec !== "extra" && takesFallback(c, entry);
    if (c.codec !== "extra" && !fallback) out[i] = cellOf(c, entry);
    else if (fallback || c.parts.length > 0) {
      const name = extraNameOf(c);
      const list = slots.get(name);
      if (list) list.push(i);
      else slots.set(name, [i]);
    }
  });
  const used = new Set<number>();
  let last = -1;
  for (const x of (entry.extra as ExtraColumn[] | undefined) ?? []) {
    let pick = -1;
    for (const i of slots.get(x.name) ?? []) {
      if (used.has(i) || !holdsAsText(columns[i] as OutColumn, x.value)) continue;
      if (pick < 0) pick = i;
      if (i > last) {
        pick = i;
        break;
      }
    }
    if (pick < 0) continue;
    used.add(pick);
    out[pick] = x.value;
    last = pick;
  }
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (typeof v === "string") out[i] = cellText(v);
  }
  return out;
}

function cellOf(c: OutColumn, e: Fields): CellValue {
  const field = c.field as string;
  switch (c.codec) {
    case "items":
      return (e.items as string[] | undefined)?.[Number(field.slice(6))] || undefined;
    case "basis": {
      const b = e[field] as Basis | undefined;
      return b ? b.written ?? b.raw : undefined;
    }
    case "timeLimit":
      return (e[field] as TimeLimit | undefined)?.raw;
    case "channels": {
      const ch = e[field] as Channels | undefined;
      // 同上 carries the selection of the row above (RowMapper); written as such, as 公开时限 is.
      if (ch?.raw !== undefined && isSameAsAbove(ch.raw)) return ch.raw;
      return ch ? formatChannels(ch) : undefined;
    }
    case "flag":
      return MARK;
    case "marks":
      return (e[field] as string[] | undefined)?.join("、");
    default: {
      const v = e[field];
      if (typeof v !== "string") return undefined;
      return field === "seq" && INTEGER.test(v) ? Number(v) : v;
    }
  }
}

/** rowValues, with a refusal located at its entry and column. */
function valuesAt(layout: OutLayout, entry: Fields, k: number): CellValue[] {
  try {
    return rowValues(layout.columns, entry);
  } catch (e) {
    if (!(e instanceof CatalogWriteError)) throw e;
    const i = layout.columns.findIndex((c) => tooLong(c, entry));
    const header = i >= 0 ? (layout.columns[i] as OutColumn).parts.join("/") : undefined;
    throw new CatalogWriteError(`第 ${k + 1} 项${header ? `的「${header}」` : ""}：${e.message}`, { ...e.details, entry: k, ...(header ? { column: header } : {}) });
  }
}

function tooLong(c: OutColumn, entry: Fields): boolean {
  try {
    rowValues([c], entry);
    return false;
  } catch {
    return true;
  }
}

/** Default title when a catalog without one is written in the official layout. */
function defaultTitle(catalog: Catalog): string {
  return catalog.kind === "standard" && catalog.domain ? `${catalog.domain}领域${KIND_LABELS.standard}` : KIND_LABELS[catalog.kind];
}

/**
 * Merges runs of equal upper 事项 levels down the rows, as official catalogs print them. Only
 * levels above the deepest are merged, and only where the whole path above is equal, so reading
 * the sheet back (blank upper levels fill down) gives the same paths.
 */
function mergeItemRuns(ws: ExcelJS.Worksheet, layout: OutLayout, entries: readonly Fields[], rows: readonly number[]): void {
  const depth = layout.columns.filter((c) => c.codec === "items").length;
  layout.columns.forEach((c, i) => {
    if (c.codec !== "items") return;
    const level = Number((c.field as string).slice(6));
    if (level >= depth - 1) return;
    let start = 0;
    for (let k = 1; k <= entries.length; k++) {
      const next = k < entries.length && rows[k] === (rows[k - 1] as number) + 1;
      if (next && samePath(entries[start] as Fields, entries[k] as Fields, level)) continue;
      if (k - 1 > start) ws.mergeCells(rows[start] as number, i + 1, rows[k - 1] as number, i + 1);
      start = k;
    }
  });
}

/**
 * Where a row's note goes: the cell of the entry's own last 事项 level (never merged with the rows
 * around it), else 事项名称, else the first column.
 */
function notedColumn(layout: OutLayout): (entry: Fields) => number {
  const levels = new Map<number, number>();
  layout.columns.forEach((c, i) => {
    if (c.codec === "items") levels.set(Number((c.field as string).slice(6)), i);
  });
  const fallback = Math.max(0, levels.get(0) ?? layout.columns.findIndex((c) => c.field === "name"));
  return (entry) => {
    const depth = (entry.items as string[] | undefined)?.length ?? 0;
    return levels.get(depth - 1) ?? fallback;
  };
}

/** Excel's last row. */
const MAX_ROW = 1_048_576;

/**
 * The row of each entry: the one it was read from when the catalog came from a sheet and those
 * rows still increase below the header (so blank rows between entries stay, and cell references
 * in findings stay valid); otherwise one after another.
 */
function entryRows(entries: readonly Fields[], firstDataRow: number, fromSheet: boolean): number[] {
  const rows = entries.map((e) => (e.source as { row?: unknown } | undefined)?.row);
  const kept =
    fromSheet &&
    rows.every((r, k) => Number.isInteger(r) && (r as number) <= MAX_ROW && (r as number) >= (k === 0 ? firstDataRow : (rows[k - 1] as number) + 1));
  return kept ? (rows as number[]) : entries.map((_, k) => firstDataRow + k);
}

function samePath(a: Fields, b: Fields, level: number): boolean {
  const pa = a.items as string[] | undefined;
  const pb = b.items as string[] | undefined;
  if (!pa || !pb || !pa[level]) return false;
  // Both rows need a deeper level: a row that stops here is an item of its own.
  if (pa.length <= level + 1 || pb.length <= level + 1) return false;
  for (let k = 0; k <= level; k++) if (pa[k] !== pb[k]) return false;
  return true;
}

/**
 * Writes a catalog as a workbook in the official layout of its kind — or, when it was read from a
 * sheet, in that sheet's layout (headers, mark labels, extra columns). Title row merged across,
 * merged two-row header for 标准目录/补充目录, √ flags, channels as written (■/□, formatChannels),
 * 同上 as written (`basis.written`), runs of equal upper 事项 merged, frozen header, print setup.
 * Strings are always text cells: a value starting with = + - @ never becomes a formula.
 *
 * Round trip: `readCatalogs(writeCatalogXlsx(x))` gives x back, except `source.file` (catalog and
 * entries). For a catalog read from a sheet whose title took one row, `source.headerRows`,
 * `source.columns` and entry rows come back identical too; a catalog without a sheet layout comes
 * back with the `source` of the layout written (the official title row added when it had none).
 * Entries must hold what the importer produces (parsed values consistent with their raw text).
 *
 * @example
 * ```ts
 * const bytes = await writeCatalogXlsx(catalog);
 * writeFileSync("社会救助.xlsx", bytes); // file writing is the caller's job
 * ```
 */
export async function writeCatalogXlsx(catalog: Catalog, options: WriteOptions = {}): Promise<Uint8Array> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_WRITE_ROWS;
  if (catalog.entries.length > maxRows) throw tooManyRows(catalog.entries.length, maxRows);
  const layout = planLayout(catalog, options);
  checkColumns(layout);
  const fromSheet = catalog.source?.format === "xlsx" && !!catalog.source.columns?.length;
  // A sheet without a title row keeps having none; the official layout always has one. A blank
  // title is no title: an empty first row would not read back as one.
  const own = options.title ?? catalog.title;
  const title = own?.trim() ? own : fromSheet ? undefined : defaultTitle(catalog);
  const workbook = await newWorkbook();
  workbook.creator = "zwgk";
  const name = options.sheetName ?? catalog.source?.sheet ?? (catalog.kind === "standard" ? catalog.domain : undefined) ?? KIND_LABELS[catalog.kind];
  const ws = workbook.addWorksheet(safeSheetName(name));
  const { firstDataRow } = drawHeader(ws, layout, title);
  const entries = catalog.entries as unknown as Fields[];
  const rows = entryRows(entries, firstDataRow, fromSheet);
  const noteColumn = notedColumn(layout);
  entries.forEach((entry, k) => {
    const row = ws.getRow(rows[k] as number);
    const values = valuesAt(layout, entry, k);
    const mark = options.rowMarks?.[k];
    if (mark?.fill !== undefined && !ARGB.test(mark.fill)) throw new TypeError(`rowMarks[${k}].fill: not an ARGB colour: ${mark.fill}`);
    const fill: ExcelJS.Fill | undefined = mark?.fill ? { type: "pattern", pattern: "solid", fgColor: { argb: mark.fill.toUpperCase() } } : undefined;
    for (let i = 0; i < values.length; i++) {
      const cell = row.getCell(i + 1);
      const v = values[i];
      if (v !== undefined && v !== "") cell.value = v;
      cell.border = BORDER;
      if (fill) cell.fill = fill;
    }
    if (mark?.note) row.getCell(noteColumn(entry) + 1).note = cellText(mark.note, "truncate");
  });
  mergeItemRuns(ws, layout, entries, rows);
  return toBytes(await workbook.xlsx.writeBuffer());
}
