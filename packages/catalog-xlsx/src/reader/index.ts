/**
 * Streaming, browser-compatible .xlsx cell reader: zip directory parsing, streaming inflate and a
 * SpreadsheetML tokenizer. No Node-only APIs here; `inflate-node.ts` offers a faster Node inflate.
 */
export { columnLetter, parseCellRef } from "./cellref.js";
export { XlsxReadError, type XlsxErrorCode } from "./errors.js";
export { type InflateFn, webInflate } from "./inflate.js";
export { DEFAULT_LIMITS, type ReadLimits } from "./limits.js";
export type {
  Cell,
  CellKind,
  CellValue,
  MergeRange,
  OpenOptions,
  Row,
  SheetInfo,
  SheetReader,
  Workbook,
} from "./types.js";
export { measureArchive, openWorkbook } from "./workbook.js";
