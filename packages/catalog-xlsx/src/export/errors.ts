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

/**
 * Entries one .xlsx catalog is written with at most. The writer builds the workbook in memory
 * (exceljs), measured at ~22 KB per row (20k rows: +381 MB, 80k rows: +1.8 GB): 100,000 rows is about
 * 2 GB, past which a 1M-row catalog would abort the process out of memory. Larger catalogs go to the
 * streaming text formats, which hold nothing per entry.
 */
export const DEFAULT_MAX_WRITE_ROWS = 100_000;

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

export function tooManyRows(entries: number, max: number): CatalogWriteError {
  return new CatalogWriteError(
    `目录有 ${entries} 个条目，超过写出 .xlsx 的上限 ${max} 个（Excel 工作簿要整个在内存中生成，每行约 22 KB）。请改存为 .json、.yaml 或 .xml（逐条写出，不受此限），或按领域、部门拆分后再存为 .xlsx。`,
    { limit: "maxWriteRows" },
  );
}
