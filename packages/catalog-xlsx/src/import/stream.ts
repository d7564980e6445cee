import type { Catalog, CatalogKind, CatalogSource, ColumnMapping, Entry } from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION } from "@zwgk/catalog-schemas";
import { type CatalogHeader, closestText } from "@zwgk/catalog-core";
import {
  type InflateFn,
  type MergeRange,
  type ReadLimits,
  type Row,
  type SheetInfo,
  type Workbook,
  openWorkbook,
} from "../reader/index.js";
import { type ColumnPlan, type SheetLayout, detectLayout } from "../layout/detect.js";
import { LayoutError, fileLabel } from "../layout/errors.js";
import { HEADER_SCAN_ROWS } from "../layout/header.js";
import { type Family, familyFields, tablesWithOverrides } from "../layout/vocabulary.js";
import { formulaWarning } from "./formula-warning.js";
import { RowMapper } from "./row-mapper.js";

/** Custom document property naming the template a workbook was made from (writeTemplate: the kind). */
export const TEMPLATE_PROPERTY = "zwgk.template";
/** Custom document property with the schema version the template follows. */
export const TEMPLATE_VERSION_PROPERTY = "zwgk.schemaVersion";

/**
 * Something worth telling the user that does not stop the import.
 * - `sheet-skipped`: a sheet without a recognisable header was not read (`sheet`, `message`).
 * - `formula-cell`: a data cell holds a formula; its cached result (what Excel last showed) was
 *   imported. Also sets `cell`, `row`, `column`, `formula`, `value` and, for modelled columns, `field`.
 *   A formula saved without a result (`uncached`: files written by scripts) imported nothing.
 */
export interface ImportWarning {
  code: "sheet-skipped" | "formula-cell";
  sheet: string;
  /** Simplified Chinese. */
  message: string;
  /** A1 reference of the cell, without the sheet ("F7"). */
  cell?: string;
  /** 1-based spreadsheet row. */
  row?: number;
  /** Column letter ("F"). */
  column?: string;
  /** Model field of the column (`content`, `items.1`, `audience`); absent for extra columns. */
  field?: string;
  /**
   * The formula as Excel shows it, with its leading "="; "" for a cell that shares the formula of
   * the first cell of its range (the file stores the text only there).
   */
  formula?: string;
  /** The cached result that was imported, as text. */
  value?: string;
  /** The file holds no result for the formula (never calculated): nothing was imported from the cell. */
  uncached?: boolean;
}

/** Options of {@link readCatalogs} and {@link streamCatalogs}. */
export interface ImportOptions {
  /** File name for messages and `source.file` (the bytes come from the caller). */
  file?: string;
  /** Read every sheet as this kind instead of detecting it; a clearly different layout is an error. */
  kind?: CatalogKind;
  /** Sheet names to read; by default every visible sheet. */
  sheets?: string[];
  limits?: Partial<ReadLimits>;
  /** Inflate implementation; in Node pass `nodeInflate` from `@zwgk/catalog-xlsx/node`. */
  inflate?: InflateFn;
  /** Called every 1,024 rows and at the end of each sheet with the rows read so far. */
  onProgress?(rowsRead: number): void;
  /** Local header wordings: header text (or `父/子` path) → field (`type`, `items.0`, `extra` …). */
  headerOverrides?: Record<string, string>;
  /**
   * The 行政区划 the catalogs belong to (zwgk.config.json `jurisdiction`): a workbook's layout does not
   * state it, so without this option the catalogs have none.
   */
  jurisdiction?: Catalog["jurisdiction"];
  /** Sheets skipped for want of a header, and similar notices. */
  onWarning?(warning: ImportWarning): void;
}

/** One sheet's catalog, read lazily: the header first, then the entries, then the merged ranges. */
export interface SheetCatalog {
  header: CatalogHeader;
  /** The entries in sheet order; iterate once, before asking for the next sheet. */
  entries: AsyncIterable<Entry>;
  sheet: SheetInfo;
  /**
   * The merged ranges of the data rows. Known only after `entries` has been read to the end
   * (<mergeCells> follows the rows in the file); calling it earlier throws.
   */
  merges(): MergeRange[];
  /**
   * The same ranges read ahead, before the entries (a cheap pass that skips the rows), for writers
   * that apply merges while entries stream ({@link createMergeFiller}). Compare with `merges()` after
   * the entries: that one is read with the rows and stays the authority.
   */
  mergesAhead(): Promise<MergeRange[]>;
}

const PROGRESS_EVERY = 1024;

/** What the reader's row iterator (sheet.ts) offers besides next(): the rest of the current batch of rows. */
interface BatchedRows {
  nextBatch(): Promise<Row[] | undefined>;
}

/** The entries of each sheet handed out, in batches (see {@link entryBatches}). */
const batchesOf = new WeakMap<SheetCatalog, () => AsyncIterable<Iterable<Entry>>>();

/**
 * The entries of a sheet from {@link streamCatalogs}, the same as `sheet.entries` but one batch per
 * inflated chunk of rows: a consumer that handles entries synchronously (validateWorkbook) waits once
 * per chunk instead of once per entry. Each batch is read lazily and must be read to its end before
 * the next is asked for; `sheet.entries` and this can be used only once between them.
 */
export function entryBatches(sheet: SheetCatalog): AsyncIterable<Iterable<Entry>> {
  const batches = batchesOf.get(sheet);
  if (!batches) throw new Error("entryBatches takes a sheet that streamCatalogs yielded");
  return { [Symbol.asyncIterator]: () => batches()[Symbol.asyncIterator]() };
}

/**
 * Every field a header can be mapped to with `headerOverrides` (zwgk.config.json `columns`), across the
 * catalog kinds, plus `extra` (keep the column as an unmodelled one).
 */
export const HEADER_OVERRIDE_FIELDS: readonly string[] = Object.freeze([
  ...new Set<string>([...(["disclosure", "power", "service"] as Family[]).flatMap((f) => [...familyFields(f)]), "extra"]),
]);

/** What is wrong with a header → field mapping, in Chinese, or undefined when the field exists. */
export function overrideFieldProblem(header: string, field: string): string | undefined {
  if (HEADER_OVERRIDE_FIELDS.includes(field)) return undefined;
  const near = closestText(field, HEADER_OVERRIDE_FIELDS);
  return `列名“${header}”对应的字段“${field}”不存在${near ? `，是否为“${near}”？` : "。"}可用的字段有：${HEADER_OVERRIDE_FIELDS.join("、")}。`;
}

function validateOverrides(overrides: Record<string, string> | undefined): void {
  if (!overrides) return;
  for (const [header, field] of Object.entries(overrides)) {
    const problem = overrideFieldProblem(header, field);
    if (problem) throw new LayoutError("bad-option", `headerOverrides 中${problem}`);
  }
}

function selectSheets(workbook: Workbook, options: ImportOptions): SheetInfo[] {
  if (!options.sheets?.length) return workbook.sheets.filter((s) => !s.hidden);
  return options.sheets.map((name) => {
    const sheet = workbook.sheets.find((s) => s.name === name) ?? workbook.sheets.find((s) => s.name.trim() === name.trim());
    if (!sheet) {
      const names = workbook.sheets.map((s) => `“${s.name}”`).join("、");
      throw new LayoutError("no-sheet", `${fileLabel(options.file)}中没有名为“${name}”的工作表。现有的工作表：${names}。`, {
        ...(options.file !== undefined ? { file: options.file } : {}),
        sheet: name,
      });
    }
    return sheet;
  });
}

/** The column list a catalog records: letter, header path, field and mark label. */
function columnMapping(plan: ColumnPlan): ColumnMapping {
  const m: ColumnMapping = { column: plan.letter, header: plan.header };
  if (plan.field !== undefined) m.field = plan.field;
  if (plan.value !== undefined) m.value = plan.value;
  return m;
}

/** Column letters in sheet order: shorter first ("Z" < "AA"), then alphabetical. */
const byLetter = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** An unlabelled column found among the data goes where it sits in the sheet, as labelled ones do. */
function insertColumn(columns: ColumnMapping[], mapping: ColumnMapping): void {
  let at = columns.length;
  while (at > 0 && byLetter((columns[at - 1] as ColumnMapping).column, mapping.column) > 0) at--;
  columns.splice(at, 0, mapping);
}

function headerOf(layout: SheetLayout, sheet: SheetInfo, workbook: Workbook, file: string | undefined, jurisdiction?: Catalog["jurisdiction"]): CatalogHeader {
  const source: CatalogSource = {
    ...(file !== undefined ? { file } : {}),
    sheet: sheet.name,
    format: "xlsx",
    headerRows: layout.headerRows,
    columns: layout.columns.map(columnMapping),
  };
  const template = workbook.properties.get(TEMPLATE_PROPERTY);
  if (template) source.template = { id: template, version: workbook.properties.get(TEMPLATE_VERSION_PROPERTY) ?? "" };
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: layout.kind,
    ...(layout.title !== undefined ? { title: layout.title } : {}),
    ...(jurisdiction ? { jurisdiction: { ...jurisdiction } } : {}),
    ...(layout.domain !== undefined ? { domain: layout.domain } : {}),
    source,
  } as CatalogHeader;
}

function noHeader(file: string | undefined, checked: readonly string[]): LayoutError {
  const sheets = checked.length ? checked.map((s) => `“${s}”`).join("、") : "（没有可见的工作表）";
  return new LayoutError(
    "no-header",
    `${fileLabel(file)}中没有找到可识别的目录表头（已检查工作表：${sheets}）。` +
      `表头应在前 ${HEADER_SCAN_ROWS} 行内，包含“序号”“公开事项”“公开内容（要素）”“公开依据”“公开时限”等列名` +
      `（权责清单如“权力类型”“事项名称”“实施依据”，政务服务事项如“事项名称”“实施编码”“事项类型”）。` +
      `请确认选择了正确的文件和工作表；如果使用本地列名，请在 zwgk.config.json 的 columns（编程接口：headerOverrides）中指定列名对应的字段。`,
    { ...(file !== undefined ? { file } : {}), ...(checked.length === 1 ? { sheet: checked[0] as string } : {}) },
  );
}

/**
 * Reads a workbook sheet by sheet with flat memory: each sheet with a recognisable header yields
 * its header, then its entries as they are read, then its merged ranges. Sheets without a header
 * are skipped (reported through `onWarning`); when no sheet has one, a `no-header` LayoutError.
 * Merged cells are not applied here (their ranges come after the rows); upper 事项 levels are
 * filled down regardless, and `merges()` lets a validator drop "missing value" findings on cells
 * a merge covers (Excel shows the merge's value there; readCatalogs fills it in).
 *
 * @example
 * ```ts
 * const ABSENCE = new Set(["required-field", "marks-required"]); // rules that report empty cells
 * for await (const sheet of streamCatalogs(bytes, { file, inflate: nodeInflate })) {
 *   const validator = createValidator(sheet.header, { rules: builtinRules });
 *   let i = 0;
 *   for await (const entry of sheet.entries) validator.entry(entry, i++);
 *   const covered = mergeIndex(sheet.merges(), sheet.header.source?.columns);
 *   const findings = validator.end().filter((f) => {
 *     const { row, field } = f.location;
 *     return !(ABSENCE.has(f.rule) && row !== undefined && field !== undefined && covered.isFieldCovered(row, field));
 *   });
 * }
 * ```
 * @throws XlsxReadError when the file is not a readable workbook; LayoutError for layout problems.
 */
export async function* streamCatalogs(data: Uint8Array, options: ImportOptions = {}): AsyncGenerator<SheetCatalog, void, undefined> {
  validateOverrides(options.headerOverrides);
  const tables = tablesWithOverrides(options.headerOverrides);
  const workbook = await openWorkbook(data, {
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.inflate ? { inflate: options.inflate } : {}),
  });
  const file = options.file;
  const sheets = selectSheets(workbook, options);
  const skipped: string[] = [];
  let found = 0;
  let rowsRead = 0;
  const progress = options.onProgress;

  for (const sheet of sheets) {
    const reader = workbook.readSheet(sheet);
    const rows = reader[Symbol.asyncIterator]();
    const head: Row[] = [];
    while (head.length < HEADER_SCAN_ROWS) {
      const r = await rows.next();
      if (r.done) break;
      head.push(r.value);
    }
    rowsRead += head.length;
    const layout = detectLayout(head, { ...(file !== undefined ? { file } : {}), sheet: sheet.name, ...(options.kind ? { kind: options.kind } : {}), tables });
    if (!layout) {
      await rows.return?.();
      skipped.push(sheet.name);
      options.onWarning?.({ code: "sheet-skipped", sheet: sheet.name, message: `工作表“${sheet.name}”中没有找到可识别的目录表头，已跳过。` });
      continue;
    }
    found++;
    const header = headerOf(layout, sheet, workbook, file, options.jurisdiction);
    const columns = header.source?.columns as ColumnMapping[];
    const onWarning = options.onWarning;
    const mapper = new RowMapper(layout, { ...(file !== undefined ? { file } : {}), sheet: sheet.name }, {
      onNewColumn: (plan) => insertColumn(columns, columnMapping(plan)),
      ...(onWarning ? { onFormula: (cell, row, plan) => onWarning(formulaWarning(sheet.name, cell, row, plan)) } : {}),
    });
    let state: "unread" | "reading" | "done" | "closed" = "unread";
    const { firstDataIndex, firstDataRow } = layout;

    // The head rows after the header, then the rows each inflated chunk completed, taken together:
    // one await per chunk instead of one per row. Each row is still mapped only when its entry is
    // asked for, so warnings about a row come just before its entry.
    function* mapHead(): Generator<Entry, void, undefined> {
      for (let i = firstDataIndex; i < head.length; i++) {
        const entry = mapper.map(head[i] as Row);
        if (entry) yield entry;
      }
      head.length = 0;
    }
    function* mapBatch(batch: Row[]): Generator<Entry, void, undefined> {
      for (const row of batch) {
        if (++rowsRead % PROGRESS_EVERY === 0) progress?.(rowsRead);
        const entry = mapper.map(row);
        if (entry) yield entry;
      }
    }
    async function* batches(): AsyncGenerator<Iterable<Entry>, void, undefined> {
      if (state !== "unread") throw new Error(`entries of sheet "${sheet.name}" can be read only once`);
      state = "reading";
      try {
        yield mapHead();
        const batched = rows as AsyncIterator<Row, undefined> & BatchedRows;
        for (let batch = await batched.nextBatch(); batch; batch = await batched.nextBatch()) yield mapBatch(batch);
        state = "done";
        progress?.(rowsRead);
      } finally {
        if (state !== "done") {
          state = "closed";
          await rows.return?.();
        }
      }
    }
    async function* entries(): AsyncGenerator<Entry, void, undefined> {
      for await (const batch of batches()) for (const entry of batch) yield entry;
    }

    const catalog: SheetCatalog = {
      header,
      entries: { [Symbol.asyncIterator]: entries },
      sheet,
      merges() {
        if (state !== "done") throw new Error(`merges of sheet "${sheet.name}" are known only after all its entries have been read`);
        return reader.merges.filter((m) => m.top >= firstDataRow);
      },
      async mergesAhead() {
        return (await reader.mergesAhead()).filter((m) => m.top >= firstDataRow);
      },
    };
    batchesOf.set(catalog, batches);
    try {
      yield catalog;
    } finally {
      // The consumer moved on (next sheet, or out of the loop) without reading every row.
      if (state === "unread" || state === "reading") await rows.return?.();
    }
  }
  if (found === 0) throw noHeader(file, skipped);
}
