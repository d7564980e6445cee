import type ExcelJS from "exceljs";
import { newWorkbook } from "./exceljs.js";
import { type Finding, formatPlace, type Severity, SEVERITY_ORDER } from "@zwgk/catalog-core";
import { type ImportOptions, streamCatalogs } from "../import/stream.js";
import { LayoutError } from "../layout/errors.js";
import { type InflateFn, measureArchive, openWorkbook } from "../reader/index.js";
import { setCustomProperties } from "./custom-props.js";
import { BORDER, cellText, toBytes } from "./sheet.js";

/** Options of {@link annotateWorkbook}. */
export interface AnnotateOptions {
  /** Name of the summary sheet; default 问题汇总. */
  summarySheet?: string;
  /**
   * Decompressed size of the whole workbook allowed (default 128 MiB): exceljs holds every part in
   * memory at many times its size, so a larger workbook is refused before it is loaded.
   */
  maxInflatedBytes?: number;
  /** Inflate implementation for the size check; in Node pass `nodeInflate`. */
  inflate?: InflateFn;
  /**
   * How the workbook was read for validation (kind, local header wordings): used to find each sheet's
   * 事项 column, where a finding about a whole row (a duplicate) is marked.
   */
  import?: Pick<ImportOptions, "kind" | "headerOverrides" | "sheets" | "limits" | "inflate">;
}

/**
 * Per sheet, the column a row-level finding is marked in: the entry's 事项 — 事项名称, or the deepest
 * 事项 level of a disclosure catalog (the upper levels are often merged over many rows).
 */
async function itemColumns(original: Uint8Array, options: AnnotateOptions["import"]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  try {
    for await (const sheet of streamCatalogs(original, options ?? {})) {
      const columns = sheet.header.source?.columns ?? [];
      const name = columns.find((c) => c.field === "name");
      const deepest = columns.filter((c) => c.field?.startsWith("items.")).sort((x, y) => Number(y.field!.slice(6)) - Number(x.field!.slice(6)))[0];
      const column = (name ?? deepest)?.column;
      if (column) out.set(sheet.sheet.name, column);
    }
  } catch (e) {
    // A workbook without a catalog header has no rows to mark; the findings still go to 问题汇总.
    if (!(e instanceof LayoutError)) throw e;
  }
  return out;
}

const MAX_ANNOTATE_BYTES = 128 * 1024 * 1024;

const FILLS: Partial<Record<Severity, ExcelJS.Fill>> = {
  error: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } },
  warning: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFEB9C" } },
};
/**
 * A1 references a sheet can have (XFD1048576 at most). Findings may come from a file, so a cell
 * outside this shape is not looked up (exceljs throws on it) nor put into a HYPERLINK formula.
 */
const A1 = /^[A-Z]{1,3}[1-9]\d{0,6}$/;

const LEVEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };
const SUMMARY_COLUMNS = [
  { header: "级别", width: 8 },
  { header: "规则", width: 22 },
  { header: "位置", width: 18 },
  { header: "问题", width: 60 },
  { header: "建议", width: 60 },
];

function noteText(findings: readonly Finding[]): string {
  return findings
    .map((f) => `【${LEVEL[f.severity]}】${f.message}${f.hint ? `\n建议：${f.hint}` : ""}`)
    .join("\n\n");
}

/** `'Sheet'!B4` for a HYPERLINK formula: sheet names quoted, quotes doubled, then " doubled. */
function linkFormula(sheet: string, cell: string, text: string): string {
  const target = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `HYPERLINK(${q(target)},${q(text)})`;
}

function uniqueName(workbook: ExcelJS.Workbook, wanted: string): string {
  const taken = new Set(workbook.worksheets.map((w) => w.name));
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}(${i})`)) return `${wanted}(${i})`;
}

/**
 * The department's own workbook back with the findings on it: every cell a finding points at
 * (location.sheet + location.cell) filled red for errors or yellow for warnings, with a note giving
 * each message and hint; and a first sheet 问题汇总 listing every finding (级别, 规则, 位置, 问题,
 * 建议) with a link to its cell. Cell values, merges and the other sheets are left as they were.
 *
 * Uses exceljs load + save, so the whole workbook is held in memory (several times the file size)
 * and parts exceljs does not model (charts, pivot tables, macros) are not kept; custom document
 * properties are carried over.
 */
export async function annotateWorkbook(original: Uint8Array, findings: readonly Finding[], options: AnnotateOptions = {}): Promise<Uint8Array> {
  // Every part, not only those our reader reads, is bounded before exceljs builds it all in memory.
  await measureArchive(original, { limits: { maxTotalBytes: options.maxInflatedBytes ?? MAX_ANNOTATE_BYTES }, ...(options.inflate ? { inflate: options.inflate } : {}) });
  const workbook = await newWorkbook();
  await workbook.xlsx.load(original as unknown as ArrayBuffer);
  const custom = new Map<string, string>();
  for (const [k, v] of (await openWorkbook(original)).properties) if (!k.startsWith("core:")) custom.set(k, v);

  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  // A finding about a whole row (a duplicate entry) has a row but no cell: it is marked on the row's 事项.
  const rowLevel = sorted.some((f) => !f.location.cell && f.location.row !== undefined && f.location.sheet !== undefined);
  const items = rowLevel ? await itemColumns(original, { ...(options.inflate ? { inflate: options.inflate } : {}), ...options.import }) : new Map<string, string>();
  const cellOf = (f: Finding): string | undefined => {
    const { sheet, row, cell } = f.location;
    if (cell) return cell;
    const column = sheet !== undefined && row !== undefined ? items.get(sheet) : undefined;
    return column ? `${column}${row}` : undefined;
  };
  const byCell = new Map<string, { sheet: ExcelJS.Worksheet; cell: string; findings: Finding[] }>();
  for (const f of sorted) {
    const { sheet } = f.location;
    const cell = cellOf(f);
    const ws = sheet !== undefined ? workbook.getWorksheet(sheet) : undefined;
    if (!ws || !cell || !A1.test(cell)) continue;
    const key = `${ws.id}!${cell}`;
    const group = byCell.get(key);
    if (group) group.findings.push(f);
    else byCell.set(key, { sheet: ws, cell, findings: [f] });
  }
  for (const { sheet, cell, findings: here } of byCell.values()) {
    const target = sheet.getCell(cell);
    const fill = FILLS[(here[0] as Finding).severity];
    // Cells loaded with the same format share one style object in exceljs: replace, never mutate.
    if (fill) target.style = { ...target.style, fill };
    const note = noteText(here);
    const old = target.note;
    const previous = typeof old === "string" ? old : old?.texts?.map((t) => t.text).join("") ?? "";
    target.note = previous ? `${previous}\n\n${note}` : note;
  }

  const summary = workbook.addWorksheet(uniqueName(workbook, options.summarySheet ?? "问题汇总"));
  // First tab: orderNo sorts worksheets when exceljs writes the workbook.
  (summary as unknown as { orderNo: number }).orderNo = -1;
  summary.columns = SUMMARY_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  summary.getRow(1).font = { bold: true };
  for (const f of sorted) {
    const place = formatPlace(f.location) || (f.location.file ?? "");
    const row = summary.addRow([LEVEL[f.severity], cellText(f.rule, "truncate"), cellText(place, "truncate"), cellText(f.message, "truncate"), cellText(f.hint ?? "", "truncate")]);
    const { sheet } = f.location;
    const cell = cellOf(f);
    if (sheet !== undefined && cell && A1.test(cell) && workbook.getWorksheet(sheet)) {
      const link = row.getCell(3);
      link.value = { formula: linkFormula(sheet, cell, place), result: place } as ExcelJS.CellFormulaValue;
      link.font = { color: { argb: "FF0563C1" }, underline: true };
    }
    const fill = FILLS[f.severity];
    if (fill) row.getCell(1).fill = fill;
    row.eachCell((c) => {
      c.alignment = { vertical: "top", wrapText: true };
      c.border = BORDER;
    });
  }
  if (sorted.length === 0) summary.addRow(["", "", "", "没有发现问题。", ""]);
  // Only the summary tab is selected: two selected tabs would group the sheets for editing.
  for (const ws of workbook.worksheets) for (const v of ws.views ?? []) (v as { tabSelected?: boolean }).tabSelected = false;
  const view = { state: "frozen", ySplit: 1, topLeftCell: "A2", tabSelected: true };
  summary.views = [view as unknown as ExcelJS.WorksheetView];
  workbook.views = [{ ...(workbook.views?.[0] ?? {}), activeTab: 0, firstSheet: 0 } as ExcelJS.WorkbookView];
  setCustomProperties(workbook, custom);
  return toBytes(await workbook.xlsx.writeBuffer());
}
