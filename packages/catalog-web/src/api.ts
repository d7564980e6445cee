// The one interface between the page and its worker (comlink proxies it). Everything crossing it is
// plain data (structured clone) or bytes; the worker owns the files' bytes, the page only names them.
import type { CatalogKind } from "@zwgk/catalog-schemas";
import type { FileReport, FileSummary, Report } from "@zwgk/catalog-core";
import type { CatalogDiff } from "@zwgk/catalog-diff";

/** Why a file could not be used, in Chinese; `internal` marks a bug in zwgk rather than bad input. */
export interface PageError {
  code: string;
  message: string;
  hint?: string;
  sheet?: string;
  cell?: string;
  line?: number;
  internal?: boolean;
}

/** What validating one file gave. */
export interface ValidateResult {
  name: string;
  /** One section per catalog sheet (or one for a text catalog), as `zwgk validate` reports them. */
  reports: FileReport[];
  error?: PageError;
  /** True for .xlsx/.xlsm: the grid and the annotated workbook are available. */
  workbook: boolean;
  /** Sheet names of the workbook, in order (for the grid). */
  sheets: string[];
  /** Catalog sheet → its last title/header row (kept in view above the rows in the grid). */
  headerEnds: Record<string, number>;
}

/** Cells of a sheet around a row, for the grid view; bounded whatever the sheet's size. */
export interface GridWindow {
  sheet: string;
  /** Rows shown at the top whatever the window (title and header rows). */
  pinned: GridRow[];
  rows: GridRow[];
  /** Last row number in the sheet. */
  lastRow: number;
  /** Columns shown (0-based, exclusive); wider sheets are cut, `truncatedColumns` says so. */
  columns: number;
  truncatedColumns: boolean;
  merges: Array<{ top: number; left: number; bottom: number; right: number }>;
}

export interface GridRow {
  index: number;
  cells: Array<{ col: number; text: string }>;
}

/** The cross-catalog check of the loaded files. */
export interface CheckResult {
  /** The report of `zwgk check` (cross-file findings with the entries they concern). */
  report: Report;
  /** Exactly what `zwgk check <files> --format json` prints. */
  json: string;
  /** One row per loaded file: validation and cross-file findings counted together. */
  summary: FileSummary[];
  /** Files left out of the check, and why. */
  skipped: Array<{ name: string; message: string }>;
}

/** Who, why and when, for the change set of a comparison (as `zwgk diff --author …`). */
export interface ChangeSetInput {
  author: string;
  reason: string;
  effectiveDate: string;
  approval?: string;
}

export interface DiffResult {
  diff: CatalogDiff;
  /** `zwgk diff --format json`. */
  json: string;
  /** `zwgk diff --format xlsx`. */
  workbook: Uint8Array;
  summary: string;
}

/** A draft from 权责清单 / 公共服务事项清单 (`zwgk draft`). */
export interface DraftPageResult {
  /** What `zwgk draft` says: entries drafted, items covered already. */
  summary: string;
  /** One line per deletion candidate (entry of the existing catalog whose power is gone). */
  candidates: string[];
  /** Set when the analysis still reports gaps after the draft: a bug in zwgk. */
  inconsistency?: string;
  /** Drafted entries with the type rule that produced each and where it came from. */
  added: Array<{ name: string; rule: string; from: string }>;
  /** `zwgk draft … --out 草稿.json`. */
  json: string;
  /** `zwgk draft … --out 草稿.xlsx`: rows to confirm yellow, deletion candidates red, a note on each. */
  workbook: Uint8Array;
}

/** A 村（居）政务公开事项清单 (`zwgk village`). */
export interface VillagePageResult {
  summary: string;
  rows: Array<{ name: string; note: string }>;
  /** `zwgk village … --out 村居清单.json`. */
  json: string;
  /** `zwgk village … --out 村居清单.xlsx` (the village layout, a source note on each row). */
  workbook: Uint8Array;
}

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** What the worker does for the page. Progress goes through a callback (rows read so far). */
export interface CatalogWorker {
  /** Keeps the file's bytes (replacing a file of the same name) and validates it. */
  validate(name: string, bytes: Uint8Array, onProgress?: (rows: number) => void): Promise<ValidateResult>;
  /** Forgets a file. */
  remove(name: string): Promise<void>;
  /** Exactly what `zwgk validate <names> --format json` prints for these files. */
  validateJson(names: string[]): Promise<string>;
  /** The workbook with its findings marked and a 问题汇总 sheet (`zwgk validate --annotate`). */
  annotate(name: string): Promise<Uint8Array>;
  /** Rows of a sheet around `row` (at most `size` rows), with its merged ranges; rows up to `pinned` always. */
  sheetWindow(name: string, sheet: string, row: number, size: number, pinned: number): Promise<GridWindow>;
  check(names: string[]): Promise<CheckResult>;
  /** The office summary as a workbook (汇总 + 问题明细). */
  summaryWorkbook(names: string[]): Promise<Uint8Array>;
  /** Compares two versions (`zwgk diff`); the files are given here, apart from the validated ones. */
  diff(oldFile: NamedBytes, newFile: NamedBytes, meta: ChangeSetInput): Promise<DiffResult | { error: PageError }>;
  template(kind: CatalogKind, domain?: string): Promise<Uint8Array>;
  /** Drafts entries from 权责清单 / 公共服务事项清单, into an existing catalog when given (`zwgk draft [--into]`). */
  draft(lists: NamedBytes[], into?: NamedBytes): Promise<DraftPageResult | { error: PageError }>;
  /** Forms the village list of standard catalogs (`zwgk village --township`). */
  village(catalogs: NamedBytes[], township: string): Promise<VillagePageResult | { error: PageError }>;
  /** Rule id → one-line Chinese description (for the rule filter and headings, as the text report). */
  ruleDescriptions(): Promise<Record<string, string>>;
}
