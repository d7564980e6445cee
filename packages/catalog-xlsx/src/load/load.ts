import type { Catalog } from "@zwgk/catalog-schemas";
import {
  attachEntryLines,
  builtinRules,
  DEFAULT_TEXT_LIMITS,
  type FileReport,
  fileReportFor,
  readCatalogText,
  type RuleSetting,
  type TextFormat,
  validateCatalog,
  validationLimits,
} from "@zwgk/catalog-core";
import { readCatalogs } from "../import/read.js";
import type { ImportOptions } from "../import/stream.js";
import { LayoutError } from "../layout/errors.js";
import { DEFAULT_LIMITS, XlsxReadError } from "../reader/index.js";
import { validateWorkbook, type ValidateWorkbookOptions } from "../validate/validate.js";

// Bytes → catalogs for every format a catalog file comes in, shared by `zwgk` and the browser page:
// the CLI reads files (or git revisions) and the page reads what the user dropped; both hand the bytes
// and the name here, so they dispatch, limit and word errors the same way.

/** The formats a catalog file can be in. */
export type CatalogFileFormat = TextFormat | "xlsx";

const EXTENSIONS: Readonly<Record<string, CatalogFileFormat>> = {
  ".json": "json",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".xml": "xml",
  ".xlsx": "xlsx",
  ".xlsm": "xlsx",
};

/** File extensions (lower case, with the dot) that {@link loadCatalogBytes} reads. */
export const CATALOG_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS);

/** The format of a file told by its extension (case-insensitive), or undefined when it is not one we read. */
export function catalogFormatOf(file: string): CatalogFileFormat | undefined {
  const m = /\.[^./\\]+$/.exec(file);
  return m ? EXTENSIONS[m[0].toLowerCase()] : undefined;
}

/** One catalog read from a file (a workbook gives one per sheet with a table). */
export interface LoadedCatalog {
  /** The file name the caller gave. */
  file: string;
  /** Not yet shape-checked: validation reports schema problems as findings. */
  catalog: unknown;
  /** JSON pointer of an entry → line, for text sources. */
  lines?: Map<string, number>;
}

/** Options of {@link loadCatalogBytes}. */
export interface LoadCatalogOptions extends Omit<ImportOptions, "file" | "limits"> {
  /** The file's name as the user knows it: tells the format and names the file in messages. */
  file: string;
  /** The format, when the name does not tell it. */
  format?: CatalogFileFormat;
  /**
   * Reader limits by name (`DEFAULT_LIMITS` of the xlsx reader, `DEFAULT_TEXT_LIMITS` of the text
   * readers); each reader takes the names it knows, so one `--limit` list serves every format.
   */
  limits?: Readonly<Record<string, number>>;
  /**
   * Text formats: whether to return the line of each entry (default true). Pass false when nothing
   * will be reported at a line (diff, apply): JSON is then read faster, with the same checks.
   */
  lines?: boolean;
}

/** Error codes of {@link CatalogLoadError}: the reader's code, or `unsupported-format`. */
export type CatalogLoadErrorCode = string;

/**
 * A file that could not be read as a catalog, whatever its format: a Simplified Chinese `message`
 * saying what is wrong and what to do, the file, and the sheet/cell (workbooks) or line/column (text)
 * when known. `limit` names the reader limit that was exceeded, so a caller can say how to raise it.
 * Anything else thrown while loading is a bug, not bad input.
 */
export class CatalogLoadError extends Error {
  override readonly name = "CatalogLoadError";
  readonly code: CatalogLoadErrorCode;
  readonly file: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly line?: number;
  readonly column?: number;
  readonly limit?: string;
  readonly hint?: string;

  constructor(
    code: CatalogLoadErrorCode,
    message: string,
    details: { file: string; sheet?: string; cell?: string; line?: number; column?: number; limit?: string; hint?: string; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.file = details.file;
    if (details.sheet !== undefined) this.sheet = details.sheet;
    if (details.cell !== undefined) this.cell = details.cell;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
    if (details.limit !== undefined) this.limit = details.limit;
    if (details.hint !== undefined) this.hint = details.hint;
  }
}

/**
 * What to do about an exceeded reader limit. Worded for `zwgk --limit`, the one place a limit can be
 * raised; the page shows it too, so its JSON report matches the CLI's.
 */
export function limitHint(limit: string): string {
  return `确认文件可信后，可用 --limit ${limit}=更大的值 放宽上限。`;
}

/** The error for a file whose extension names no catalog format. */
export function unsupportedFormatError(file: string): CatalogLoadError {
  const ext = /\.[^./\\]+$/.exec(file)?.[0];
  return new CatalogLoadError("unsupported-format", `不支持的文件类型「${ext ?? "无扩展名"}」。`, {
    file,
    hint: "支持 .xlsx、.json、.yaml/.yml、.xml。旧版 .xls 请先用 Excel 或 WPS 另存为 .xlsx。",
  });
}

/**
 * A workbook reader or layout error as a {@link CatalogLoadError} naming the file, sheet and cell;
 * anything else (a bug) is returned unchanged.
 */
export function toCatalogLoadError(e: unknown, file: string): unknown {
  if (e instanceof CatalogLoadError) return e;
  if (!(e instanceof XlsxReadError || e instanceof LayoutError)) return e;
  const limit = e instanceof XlsxReadError ? e.limit : undefined;
  return new CatalogLoadError(e.code, e.message, {
    file,
    ...(e.sheet ? { sheet: e.sheet } : {}),
    ...(e.cell ? { cell: e.cell } : {}),
    ...(limit ? { limit, hint: limitHint(limit) } : {}),
    cause: e,
  });
}

const pick = (limits: Readonly<Record<string, number>> | undefined, defaults: object) =>
  limits ? Object.fromEntries(Object.entries(limits).filter(([k]) => Object.hasOwn(defaults, k))) : undefined;

function formatFor(options: LoadCatalogOptions): CatalogFileFormat {
  const format = options.format ?? catalogFormatOf(options.file);
  if (!format) throw unsupportedFormatError(options.file);
  return format;
}

function importOptions(options: LoadCatalogOptions): ImportOptions {
  const { format: _format, limits, lines: _lines, ...rest } = options;
  const xlsxLimits = pick(limits, DEFAULT_LIMITS);
  return { ...rest, ...(xlsxLimits ? { limits: xlsxLimits } : {}) };
}

function readText(bytes: Uint8Array, format: TextFormat, options: LoadCatalogOptions): LoadedCatalog {
  const limits = pick(options.limits, DEFAULT_TEXT_LIMITS);
  const result = readCatalogText(bytes, { file: options.file, format, ...(limits ? { limits } : {}), ...(options.lines === false ? { lines: false } : {}) });
  if (!result.ok) {
    const e = result.error;
    throw new CatalogLoadError(e.code, e.message, {
      file: options.file,
      ...(e.line ? { line: e.line } : {}),
      ...(e.column ? { column: e.column } : {}),
      ...(e.limit ? { limit: e.limit, hint: limitHint(e.limit) } : {}),
    });
  }
  return { file: options.file, catalog: withJurisdiction(result.catalog, options.jurisdiction), ...(result.lines ? { lines: result.lines } : {}) };
}

/**
 * Reads the bytes of a catalog file of any format — .xlsx/.xlsm (every sheet with a catalog table),
 * .json, .yaml/.yml, .xml — told by `options.file`'s extension, within the readers' limits. Browser-safe:
 * pass `inflate: nodeInflate` from `@zwgk/catalog-xlsx/node` in Node for speed.
 *
 * @example
 * ```ts
 * const [loaded] = await loadCatalogBytes(bytes, { file: "社会救助.yaml" });
 * console.log((loaded.catalog as Catalog).entries.length);
 * ```
 * @throws CatalogLoadError when the file is not a readable catalog (message in Chinese, with file,
 *   sheet, cell or line); any other error is a bug.
 */
export async function loadCatalogBytes(bytes: Uint8Array, options: LoadCatalogOptions): Promise<LoadedCatalog[]> {
  const format = formatFor(options);
  if (format !== "xlsx") return [readText(bytes, format, options)];
  try {
    const catalogs: Catalog[] = await readCatalogs(bytes, importOptions(options));
    return catalogs.map((catalog) => ({ file: options.file, catalog }));
  } catch (e) {
    throw toCatalogLoadError(e, options.file);
  }
}

/** Options of {@link validateCatalogBytes}. */
export interface ValidateCatalogBytesOptions extends LoadCatalogOptions {
  /** Rule id → severity or `off`, as in zwgk.config.json `rules`. */
  severities?: Readonly<Record<string, RuleSetting>>;
  /** Workbooks: called with each catalog sheet's header (title, header rows, column map) before its entries. */
  onHeader?: ValidateWorkbookOptions["onHeader"];
  /** Findings kept per rule (default 5,000); the rest are counted in one summary finding. */
  maxFindingsPerRule?: number;
  /** Names and codes the `duplicate-entry` rule remembers (default 2,000,000; see `ValidateOptions`). */
  maxDuplicateKeys?: number;
}

/**
 * Validates a catalog file of any format and returns its report sections, as `zwgk validate` and the
 * browser page both report it: a workbook is checked while it streams (`validateWorkbook`, one section
 * per catalog sheet), a text catalog is read whole and its findings point at the entry's line.
 *
 * @throws CatalogLoadError when the file cannot be read as a catalog.
 */
export async function validateCatalogBytes(bytes: Uint8Array, options: ValidateCatalogBytesOptions): Promise<FileReport[]> {
  const { severities, onHeader, maxFindingsPerRule, maxDuplicateKeys, ...load } = options;
  const cap = validationLimits({ maxFindingsPerRule, maxDuplicateKeys });
  const format = formatFor(load);
  if (format === "xlsx") {
    try {
      return await validateWorkbook(bytes, { ...importOptions(load), file: load.file, ...(severities ? { severities } : {}), ...(onHeader ? { onHeader } : {}), ...cap });
    } catch (e) {
      throw toCatalogLoadError(e, load.file);
    }
  }
  const loaded = readText(bytes, format, load);
  const catalog = loaded.catalog;
  const findings = validateCatalog(catalog, { rules: builtinRules, ...(severities ? { severities } : {}), ...cap });
  if (loaded.lines) attachEntryLines(findings, loaded.lines);
  return [fileReportFor(loaded.file, catalog, findings)];
}

function withJurisdiction(catalog: unknown, jurisdiction: Catalog["jurisdiction"] | undefined): unknown {
  if (!jurisdiction || !catalog || typeof catalog !== "object" || "jurisdiction" in catalog) return catalog;
  return { ...catalog, jurisdiction };
}
