import type { InflateFn } from "./inflate.js";
import type { ReadLimits } from "./limits.js";

export type CellValue = string | number | boolean | null;

export type CellKind = "string" | "number" | "boolean" | "date" | "error";

export interface Cell {
  /** 0-based column index. */
  col: number;
  /**
   * Shared/inline/rich text joined (phonetic runs excluded); numbers as numbers; booleans; error
   * text such as "#N/A". For kind "date" the same ISO string as `text`.
   */
  value: CellValue;
  /** What a person reads: numbers via String(n), booleans "TRUE"/"FALSE", dates as ISO 8601. */
  text: string;
  kind: CellKind;
  /**
   * Formula text when the cell has <f>; "" for shared-formula dependents. `value` is the cached result;
   * a formula saved without one (files written by scripts, e.g. openpyxl) has `value` null and `text` "".
   */
  formula?: string;
}

export interface Row {
  /** 1-based spreadsheet row number. */
  index: number;
  /** Sorted by col; empty cells (text "") omitted, except formula cells saved without a result. */
  cells: Cell[];
}

export interface MergeRange {
  /** 1-based rows, 0-based columns, ref as written ("B4:B5"). */
  top: number;
  left: number;
  bottom: number;
  right: number;
  ref: string;
}

export interface SheetInfo {
  name: string;
  /** 0-based position among the workbook's worksheets (chartsheets are skipped). */
  index: number;
  /** Zip path of the worksheet part. */
  path: string;
  hidden: boolean;
}

export interface SheetReader extends AsyncIterable<Row> {
  readonly sheet: SheetInfo;
  /** Filled once iteration has completed: <mergeCells> come after <sheetData> in the XML. */
  readonly merges: MergeRange[];
  /** The <dimension ref>, known once iteration has started. */
  readonly dimension?: string;
  /**
   * The merged ranges read ahead of the rows, by a cheap pass over the part that skips <sheetData>
   * (inflate and decode only). Lets a writer apply merges while rows stream; callers compare it
   * with {@link merges} once the rows are read, which stays the authority.
   */
  mergesAhead(): Promise<MergeRange[]>;
}

export interface Workbook {
  readonly sheets: SheetInfo[];
  readonly date1904: boolean;
  /** docProps/custom.xml name -> value, and docProps/core.xml fields as "core:title" etc. */
  readonly properties: Map<string, string>;
  readSheet(sheet: SheetInfo | string): SheetReader;
}

export interface OpenOptions {
  limits?: Partial<ReadLimits>;
  /** Defaults to the web-standard DecompressionStream; pass nodeInflate in Node for speed. */
  inflate?: InflateFn;
  /** Re-chunk inflated output to this many bytes (tests use it to force chunk-boundary cases). */
  chunkSize?: number;
}
