import type ExcelJS from "exceljs";
import { newWorkbook } from "./exceljs.js";
import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import { entryName, KIND_LABELS } from "@zwgk/catalog-core";
import { type OutColumn, planLayout } from "./layout.js";
import { BORDER, cellText, checkColumns, drawHeader, safeSheetName, toBytes } from "./sheet.js";
import { rowValues } from "./write.js";

/**
 * What the reviewer workbook needs of a diff. Structurally a `CatalogDiff` of @zwgk/catalog-diff, kept
 * as its own type so that this package does not depend on that one.
 */
export interface DiffWorkbookInput {
  files?: { old?: string; new?: string };
  added: ReadonlyArray<{ index: number }>;
  removed: ReadonlyArray<{ entry: Entry }>;
  renamed: ReadonlyArray<{ old: { entry: Entry }; new: { index: number }; changes: ReadonlyArray<FieldChangeLike> }>;
  changed: ReadonlyArray<{ new: { index: number }; changes: ReadonlyArray<FieldChangeLike> }>;
  header: ReadonlyArray<FieldChangeLike>;
  unchanged: number;
}

interface FieldChangeLike {
  field: string;
  label: string;
  oldText: string;
  newText: string;
}

const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const GREEN = fill("FFC6EFCE");
const RED = fill("FFFFC7CE");
const YELLOW = fill("FFFFEB9C");

/** The columns a changed field lives in: `timeLimit` → its column, `audience` → every flag of the group. */
function columnsOf(columns: readonly OutColumn[], field: string): number[] {
  const out: number[] = [];
  columns.forEach((c, i) => {
    if (c.field === field || (field === "items" && c.codec === "items")) out.push(i);
    else if (field.startsWith("extra.") && c.codec === "extra" && c.parts.join("/") === field.slice(6)) out.push(i);
  });
  return out;
}

/**
 * The reviewer's view of a diff: the new catalog in the layout of the inputs (the new version's own
 * columns when it was read from a workbook, else the old version's, else the official layout) with added rows green, removed
 * rows (after the new ones) red with strikethrough, changed cells yellow with the old value in a note,
 * and a first sheet 变更摘要 that lists every change.
 *
 * @example
 * ```ts
 * const bytes = await writeDiffWorkbook(diffCatalogs(oldCatalog, newCatalog), newCatalog, oldCatalog);
 * ```
 */
export async function writeDiffWorkbook(diff: DiffWorkbookInput, newCatalog: Catalog, oldCatalog?: Catalog): Promise<Uint8Array> {
  const removed = diff.removed.map((r) => r.entry);
  // The department's own columns (乡、村级 where the official layout has 乡级 …), from whichever input
  // was a workbook; planned over both versions' entries so removed rows keep every value they had.
  const fromSheet = (c: Catalog | undefined) => (c?.source?.format === "xlsx" && c.source.columns?.length ? c.source : undefined);
  const source = fromSheet(newCatalog) ?? fromSheet(oldCatalog);
  const layout = planLayout({ ...newCatalog, source, entries: [...newCatalog.entries, ...removed] } as Catalog);
  checkColumns(layout);
  const workbook = await newWorkbook();
  workbook.creator = "zwgk";
  const summary = workbook.addWorksheet("变更摘要");
  const ws = workbook.addWorksheet(safeSheetName(newCatalog.source?.sheet ?? newCatalog.domain ?? KIND_LABELS[newCatalog.kind]));
  const { firstDataRow } = drawHeader(ws, layout, `${newCatalog.title ?? KIND_LABELS[newCatalog.kind]}（变更对照）`);

  const rows = [...(newCatalog.entries as Entry[]), ...removed];
  rows.forEach((entry, k) => {
    const row = ws.getRow(firstDataRow + k);
    const values = rowValues(layout.columns, entry as unknown as Record<string, unknown>);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      if (v !== undefined && v !== "") cell.value = v;
      cell.border = BORDER;
    });
  });
  const paint = (k: number, style: ExcelJS.Fill, strike = false) => {
    const row = ws.getRow(firstDataRow + k);
    for (let i = 1; i <= layout.columns.length; i++) {
      const cell = row.getCell(i);
      cell.fill = style;
      if (strike) cell.font = { ...cell.font, strike: true, color: { argb: "FF9C0006" } };
    }
  };
  for (const a of diff.added) paint(a.index, GREEN);
  removed.forEach((_, j) => paint(newCatalog.entries.length + j, RED, true));
  const mark = (index: number, changes: ReadonlyArray<FieldChangeLike>) => {
    for (const ch of changes) {
      for (const i of columnsOf(layout.columns, ch.field)) {
        const cell = ws.getRow(firstDataRow + index).getCell(i + 1);
        cell.fill = YELLOW;
        cell.note = `${ch.label}原值：${ch.oldText || "（空）"}`;
      }
    }
  };
  for (const r of diff.renamed) mark(r.new.index, [{ field: "items", label: "事项", oldText: entryName(r.old.entry), newText: "" }, ...r.changes]);
  for (const c of diff.changed) mark(c.new.index, c.changes);

  writeSummary(summary, diff, newCatalog, firstDataRow);
  return toBytes(await workbook.xlsx.writeBuffer());
}

function writeSummary(ws: ExcelJS.Worksheet, diff: DiffWorkbookInput, catalog: Catalog, firstDataRow: number): void {
  ws.columns = [
    { header: "变更", width: 8 },
    { header: "事项", width: 36 },
    { header: "字段", width: 16 },
    { header: "原值", width: 40 },
    { header: "新值", width: 40 },
    { header: "行", width: 8 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const name = (i: number) => entryName(catalog.entries[i] as Entry);
  const rowOf = (i: number) => firstDataRow + i;
  const add = (values: Array<string | number>) => ws.addRow(values.map((v) => (typeof v === "string" ? cellText(v, "truncate") : v))).eachCell((c) => (c.alignment = { wrapText: true, vertical: "top" }));
  for (const h of diff.header) add(["目录", "", h.label, h.oldText, h.newText, ""]);
  for (const a of diff.added) add(["新增", name(a.index), "", "", "", rowOf(a.index)]);
  diff.removed.forEach((r, j) => add(["删除", entryName(r.entry), "", "", "", rowOf(catalog.entries.length + j)]));
  for (const r of diff.renamed) add(["更名", name(r.new.index), "事项", entryName(r.old.entry), name(r.new.index), rowOf(r.new.index)]);
  for (const c of diff.changed) for (const ch of c.changes) add(["修改", name(c.new.index), ch.label, ch.oldText, ch.newText, rowOf(c.new.index)]);
  ws.addRow([]);
  ws.addRow([
    `合计：新增 ${diff.added.length}、删除 ${diff.removed.length}、更名 ${diff.renamed.length}、修改 ${diff.changed.length}、未变 ${diff.unchanged}`,
  ]).font = { bold: true };
}
