/**
 * @zwgk/catalog-xlsx — 政务公开目录 catalogs in and out of Excel: a streaming, browser-compatible
 * importer that understands the layouts departments publish (title rows, two-row merged headers,
 * √ flag columns, ■/□ channels, 同上, merged 一级事项), and writers for the official layout, blank
 * templates and annotated copies of a department's own workbook.
 *
 * @example
 * ```ts
 * import { readCatalogs, writeCatalogXlsx } from "@zwgk/catalog-xlsx";
 * const [catalog] = await readCatalogs(bytes, { file: "社会救助.xlsx" });
 * const xlsx = await writeCatalogXlsx(catalog);
 * ```
 * @packageDocumentation
 */
export type { ImportOptions, ImportWarning, SheetCatalog } from "./import/stream.js";
export { HEADER_OVERRIDE_FIELDS, overrideFieldProblem, streamCatalogs, TEMPLATE_PROPERTY, TEMPLATE_VERSION_PROPERTY } from "./import/stream.js";
export { readCatalogs } from "./import/read.js";
export type { MergeIndex } from "./import/merges.js";
export { createMergeFiller, mergeIndex } from "./import/merges.js";
export type { LayoutErrorCode, LayoutErrorDetails } from "./layout/errors.js";
export { LayoutError } from "./layout/errors.js";
export type {
  Cell,
  CellKind,
  CellValue,
  InflateFn,
  MergeRange,
  OpenOptions,
  ReadLimits,
  Row,
  SheetInfo,
  SheetReader,
  Workbook,
  XlsxErrorCode,
} from "./reader/index.js";
export { columnLetter, DEFAULT_LIMITS, openWorkbook, parseCellRef, webInflate, XlsxReadError } from "./reader/index.js";
export { CatalogWriteError, DEFAULT_MAX_WRITE_ROWS } from "./export/errors.js";
export type { RowMark, WriteOptions } from "./export/write.js";
export { writeCatalogXlsx } from "./export/write.js";
export type { DiffWorkbookInput } from "./export/diff.js";
export { writeDiffWorkbook } from "./export/diff.js";
export type { TemplateOptions } from "./export/template.js";
export { writeTemplate } from "./export/template.js";
export type { AnnotateOptions } from "./export/annotate.js";
export { annotateWorkbook } from "./export/annotate.js";
export type { ValidateWorkbookOptions } from "./validate/validate.js";
export { validateWorkbook } from "./validate/validate.js";
export { WORKBOOK_RULES } from "./validate/rules.js";
export type {
  CatalogFileFormat,
  CatalogLoadErrorCode,
  LoadCatalogOptions,
  LoadedCatalog,
  ValidateCatalogBytesOptions,
} from "./load/load.js";
export {
  CATALOG_EXTENSIONS,
  CatalogLoadError,
  catalogFormatOf,
  limitHint,
  loadCatalogBytes,
  toCatalogLoadError,
  unsupportedFormatError,
  validateCatalogBytes,
} from "./load/load.js";
export { writeSummaryWorkbook } from "./export/summary.js";
