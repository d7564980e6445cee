import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Finding } from "@zwgk/catalog-core";
import { hasOpenpyxl, readWithOpenpyxl } from "../fixtures/openpyxl.js";
import { readCatalogs } from "../import/read.js";
import { openWorkbook, XlsxReadError } from "../reader/index.js";
import { buildXlsx } from "../reader/test-zip.js";
import { annotateWorkbook } from "./annotate.js";
import ExcelJS from "exceljs";
import { rezip, unzip } from "../fixtures/mutate.js";
import { validateWorkbook } from "../validate/validate.js";
import { writeTemplate } from "./template.js";
import { samplePath } from "../../../../test/support/samples.js";

const sample = (name: string) => new Uint8Array(readFileSync(samplePath(name)));

/** Cell values and merges of every sheet, as our streaming reader sees them. */
async function contents(bytes: Uint8Array) {
  const wb = await openWorkbook(bytes);
  const out: Record<string, { rows: unknown[]; merges: string[] }> = {};
  for (const sheet of wb.sheets) {
    const reader = wb.readSheet(sheet);
    const rows: unknown[] = [];
    for await (const row of reader) rows.push([row.index, row.cells.map((c) => [c.col, c.value, c.kind])]);
    out[sheet.name] = { rows, merges: reader.merges.map((m) => m.ref).sort() };
  }
  return out;
}

const findings: Finding[] = [
  {
    rule: "time-limit-exceeds-law",
    severity: "error",
    message: "公开时限“制定或获取信息之日起10个工作日内”……",
    hint: "改为不超过20个工作日。",
    location: { file: "社会救助.xlsx", sheet: "社会救助", row: 5, column: "F", cell: "F5" },
  },
  {
    rule: "unknown-channel",
    severity: "warning",
    message: "公开渠道“社区/企事业单位/村公示栏（电子屏）”写法不规范",
    location: { file: "社会救助.xlsx", sheet: "社会救助", row: 5, column: "F", cell: "F5" },
  },
  { rule: "missing-subject", severity: "warning", message: "缺少公开主体", hint: "填写负责公开的机关。", location: { sheet: "社会救助", cell: "G7", row: 7 } },
  { rule: "catalog-coverage", severity: "info", message: "未覆盖第二十条(十二)", location: { file: "社会救助.xlsx", path: "" } },
];

describe("annotateWorkbook", () => {
  it("adds 问题汇总 first and leaves the department's cells and merges as they were", async () => {
    const original = sample("社会救助-标准目录.xlsx");
    const annotated = await annotateWorkbook(original, findings);
    const wb = await openWorkbook(annotated);
    expect(wb.sheets.map((s) => s.name)).toEqual(["问题汇总", "社会救助"]);
    const before = await contents(original);
    const after = await contents(annotated);
    expect(after["社会救助"]).toEqual(before["社会救助"]);
    // Still reads as the same catalog.
    const [a] = await readCatalogs(original, { file: "x" });
    const [b] = await readCatalogs(annotated, { file: "x" });
    expect(b?.entries).toEqual(a?.entries);

    const summary = after["问题汇总"]?.rows as Array<[number, Array<[number, unknown, string]>]>;
    expect(summary).toHaveLength(1 + findings.length);
    expect(summary[0]?.[1].map((c) => c[1])).toEqual(["级别", "规则", "位置", "问题", "建议"]);
    expect(summary.slice(1).map((r) => r[1].map((c) => c[1]).slice(0, 3))).toEqual([
      ["错误", "time-limit-exceeds-law", "社会救助!F5"],
      ["警告", "unknown-channel", "社会救助!F5"],
      ["警告", "missing-subject", "社会救助!G7"],
      ["提示", "catalog-coverage", "/"],
    ]);
  });

  it.skipIf(!hasOpenpyxl)("fills failing cells (red for errors, yellow for warnings), notes the messages and links the summary", async () => {
    const annotated = await annotateWorkbook(sample("社会救助-标准目录.xlsx"), findings);
    const [summary, sheet] = readWithOpenpyxl(annotated);
    expect(sheet?.fills).toEqual({ F5: "FFFFC7CE", G7: "FFFFEB9C" });
    expect(sheet?.comments.F5).toBe("【错误】公开时限“制定或获取信息之日起10个工作日内”……\n建议：改为不超过20个工作日。\n\n【警告】公开渠道“社区/企事业单位/村公示栏（电子屏）”写法不规范");
    expect(sheet?.comments.G7).toBe("【警告】缺少公开主体\n建议：填写负责公开的机关。");
    expect(summary?.cells.C2).toEqual(['=HYPERLINK("#\'社会救助\'!F5","社会救助!F5")', "f"]);
    expect(summary?.cells.C5).toEqual(["/", "s"]);
    expect(sheet?.merges).toEqual(readWithOpenpyxl(sample("社会救助-标准目录.xlsx"))[0]?.merges);
  });

  it("keeps the workbook's custom properties and names a clashing summary sheet apart", async () => {
    const template = await writeTemplate("power");
    const once = await annotateWorkbook(template, [], { summarySheet: "权责清单" });
    const wb = await openWorkbook(once);
    expect(wb.sheets.map((s) => s.name)).toEqual(["权责清单(2)", "权责清单"]);
    expect(wb.properties.get("zwgk.template")).toBe("power");
    const rows = (await contents(once))["权责清单(2)"]?.rows as Array<[number, Array<[number, unknown]>]>;
    expect(rows[1]?.[1].map((c) => c[1])).toEqual(["没有发现问题。"]);
  });
});

describe("annotateWorkbook bounds what exceljs would hold", () => {
  it("refuses a workbook whose parts inflate past maxInflatedBytes before loading it, whatever part is large", async () => {
    // A part our reader never reads (a drawing), 3 MB inflated: exceljs would load it all.
    const data = buildXlsx({ sheets: [{ name: "数据", rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }], extra: [{ name: "xl/drawings/drawing1.xml", data: `<xdr:wsDr xmlns:xdr="x">${"<a/>".repeat(800_000)}</xdr:wsDr>`, method: 0 }] });
    const error = await annotateWorkbook(data, [], { maxInflatedBytes: 1024 * 1024 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxReadError);
    expect(error).toMatchObject({ code: "limit", part: "xl/drawings/drawing1.xml" });
  });
});

describe("annotateWorkbook: findings about a whole row", () => {
  /** The 社会救助 sample with row 6 (最低生活保障 / 政策) entered a second time as row 16. */
  function withDuplicateRow(): Uint8Array {
    const parts = unzip(sample("社会救助-标准目录.xlsx"));
    const sheet = parts.find((p) => p.name === "xl/worksheets/sheet1.xml")!;
    const xml = new TextDecoder().decode(sheet.data);
    const row6 = /<row r="6"[^>]*>.*?<\/row>/.exec(xml)![0];
    sheet.data = new TextEncoder().encode(xml.replace("</sheetData>", `${row6.replace(/r="([A-Z]*)6"/g, 'r="$116"')}</sheetData>`));
    return rezip(parts);
  }

  it("marks a duplicate row on its 事项 cell with colour and note, and links its 问题汇总 line there", async () => {
    const original = withDuplicateRow();
    const [report] = await validateWorkbook(original, { file: "社会救助.xlsx" });
    const duplicate = report!.findings.find((f) => f.rule === "duplicate-entry")!;
    expect(duplicate.location).toMatchObject({ sheet: "社会救助", row: 16 });
    expect(duplicate.location.cell).toBeUndefined();

    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load((await annotateWorkbook(original, report!.findings)) as unknown as ArrayBuffer);
    // C is 二级事项, the deepest 事项 level (B, 一级事项, is merged over several rows).
    const cell = annotated.getWorksheet("社会救助")!.getCell("C16");
    expect(duplicate.severity).toBe("error");
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE"); // red, as for every error
    const note = typeof cell.note === "string" ? cell.note : cell.note?.texts?.map((t) => t.text).join("");
    expect(note).toContain(duplicate.message);
    const line = annotated.getWorksheet("问题汇总")!.getRow(2).getCell(3).value as ExcelJS.CellFormulaValue;
    expect(line.formula).toBe(`HYPERLINK("#'社会救助'!C16","${line.result as string}")`);
  });
});
