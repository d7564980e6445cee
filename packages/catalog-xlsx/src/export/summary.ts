import type ExcelJS from "exceljs";
import { newWorkbook } from "./exceljs.js";
import { formatPlace, KIND_LABELS, type Report, type Severity, summarizeByFile } from "@zwgk/catalog-core";
import { BORDER, cellText, toBytes } from "./sheet.js";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const RED: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
const LEVEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

function addTable(ws: ExcelJS.Worksheet, columns: Array<{ header: string; width: number }>, rows: Array<Array<string | number>>): void {
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  });
  for (const values of rows) {
    const row = ws.addRow(values.map((v) => (typeof v === "string" ? cellText(v) : v)));
    row.alignment = { vertical: "top", wrapText: true };
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = BORDER));
  }
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/**
 * The county office's summary of a set of catalogs as a workbook: a sheet 汇总 with one row per file
 * (目录类型, 事项数, 错误, 警告, 提示 and 结论 — 需退回修改 when it has errors or cannot be read), and a
 * sheet 问题明细 listing every finding (文件, 位置, 级别, 规则, 问题, 建议). Counts follow
 * {@link summarizeByFile}: pass the files' validation sections and the cross-catalog findings
 * (`checkReport(...).findings`) in one report.
 *
 * @example
 * ```ts
 * const bytes = await writeSummaryWorkbook({ ...checkReport(catalogs), files: validationSections });
 * ```
 */
export async function writeSummaryWorkbook(report: Report): Promise<Uint8Array> {
  const workbook = await newWorkbook();
  workbook.creator = "zwgk";
  const summary = workbook.addWorksheet("汇总");
  addTable(
    summary,
    [
      { header: "文件", width: 40 },
      { header: "目录类型", width: 24 },
      { header: "事项数", width: 8 },
      { header: "错误", width: 8 },
      { header: "警告", width: 8 },
      { header: "提示", width: 8 },
      { header: "结论", width: 40 },
    ],
    summarizeByFile(report).map((s) => [
      s.file,
      s.kinds.map((k) => KIND_LABELS[k]).join("、"),
      s.entries,
      s.errors,
      s.warnings,
      s.infos,
      s.error ? `无法读取：${s.error}` : s.errors ? "需退回修改" : s.warnings ? "通过（有警告，建议修改）" : "通过",
    ]),
  );
  summary.eachRow((row, i) => {
    const verdict = String(row.getCell(7).value);
    if (i > 1 && (verdict.startsWith("需退回") || verdict.startsWith("无法读取"))) row.getCell(7).fill = RED;
  });
  const details: Array<Array<string | number>> = [];
  const place = (l: Parameters<typeof formatPlace>[0]) => formatPlace(l) || "整个目录";
  for (const section of report.files) {
    for (const f of section.findings) details.push([section.file, place(f.location), LEVEL[f.severity], f.rule, f.message, f.hint ?? ""]);
  }
  for (const f of report.findings ?? []) {
    const others = (f.related ?? []).map((l) => `${l.file ?? ""} ${place(l)}`.trim());
    const message = others.length ? `${f.message}（另见：${others.join("；")}）` : f.message;
    details.push([f.location.file ?? "", place(f.location), LEVEL[f.severity], f.rule, message, f.hint ?? ""]);
  }
  addTable(
    workbook.addWorksheet("问题明细"),
    [
      { header: "文件", width: 32 },
      { header: "位置", width: 18 },
      { header: "级别", width: 8 },
      { header: "规则", width: 22 },
      { header: "问题", width: 60 },
      { header: "建议", width: 50 },
    ],
    details,
  );
  return toBytes(await workbook.xlsx.writeBuffer());
}
