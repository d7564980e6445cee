import type ExcelJS from "exceljs";

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on first use. Only the writers need it; reading and validating a workbook do not,
 * and loading it costs about 0.3 s of CPU in Node on every start (a quarter of `zwgk validate` on a
 * 100,000-row workbook) and a large chunk in the page's worker.
 */
export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import("exceljs").then((m) => (m as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS));
  return loading;
}

/** A new, empty exceljs workbook. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { Workbook } = await loadExcelJS();
  return new Workbook();
}
