/**
 * A catalog the .xlsx writers cannot write so that it reads back: a cell over Excel's 32,767
 * characters, more columns than Excel's 16,384. Refused at write time with what to do, rather than
 * producing a workbook our own reader (and Excel) refuses. `entry` and `column` say where.
 */
export class CatalogWriteError extends Error {
  override readonly name = "CatalogWriteError";
  constructor(
    message: string,
    readonly details: { entry?: number; column?: string; limit?: string } = {},
  ) {
    super(message);
  }
}

/** Excel's limits, which the reader's defaults mirror (maxCellChars, maxColumns). */
export const MAX_CELL_CHARS = 32_767;
export const MAX_COLUMNS = 16_384;

const OTHER_FORMATS = "如需保留完整内容，请改存为 .json、.yaml 或 .xml。";

export function cellTooLong(chars: number): CatalogWriteError {
  return new CatalogWriteError(`单元格文本有 ${chars} 个字符，超过 Excel 单元格的上限 ${MAX_CELL_CHARS} 个字符，无法写入 .xlsx。${OTHER_FORMATS}`, { limit: "maxCellChars" });
}

export function tooManyColumns(columns: number): CatalogWriteError {
  return new CatalogWriteError(
    `需要 ${columns} 列，超过 Excel 工作表的上限 ${MAX_COLUMNS} 列（多出的通常是大量不同名称的“其他列”），无法写入 .xlsx。请合并或删除多余的其他列；${OTHER_FORMATS}`,
    { limit: "maxColumns" },
  );
}
