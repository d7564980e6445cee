/** Why a workbook's layout could not be understood. */
export type LayoutErrorCode = "no-header" | "wrong-kind" | "no-sheet" | "bad-option";

export interface LayoutErrorDetails {
  file?: string;
  sheet?: string;
  /** A1 reference of the cell the problem is about (e.g. the first header cell). */
  cell?: string;
}

/**
 * A workbook that is a valid .xlsx but whose table we cannot read as a catalog: no recognisable
 * header, a layout that contradicts the requested kind, a sheet that does not exist. `message` is
 * Simplified Chinese and says what to do; `code`, `sheet` and `cell` are for programs.
 */
export class LayoutError extends Error {
  readonly code: LayoutErrorCode;
  readonly file?: string;
  readonly sheet?: string;
  readonly cell?: string;

  constructor(code: LayoutErrorCode, message: string, details: LayoutErrorDetails = {}) {
    super(message);
    this.name = "LayoutError";
    this.code = code;
    if (details.file !== undefined) this.file = details.file;
    if (details.sheet !== undefined) this.sheet = details.sheet;
    if (details.cell !== undefined) this.cell = details.cell;
  }
}

/** “文件“x.xlsx”” or “工作簿”, for messages. */
export function fileLabel(file: string | undefined): string {
  return file ? `文件“${file}”` : "工作簿";
}
