import { readFileSync, readdirSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { nodeInflate } from "./inflate-node.js";
import { openWorkbook } from "./index.js";
import { grid, readAll } from "./test-zip.js";
import { SAMPLES_DIR } from "../../../../test/support/samples.js";

const DIR = SAMPLES_DIR;
const files = readdirSync(DIR).filter((f) => f.endsWith(".xlsx"));
const load = (name: string) => new Uint8Array(readFileSync(`${DIR}/${name}`));

/** Every non-empty, non-merged-slave cell as exceljs's in-memory reader sees it. */
async function exceljsGrid(data: Uint8Array): Promise<{ cells: Record<string, string>; merges: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const cells: Record<string, string> = {};
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const v = cell.value;
      let text: string;
      if (v === null || v === undefined) return;
      if (typeof v === "object" && "richText" in v) text = v.richText.map((r) => r.text).join("");
      else text = String(v);
      if (text !== "") cells[cell.address] = text;
    });
  });
  const merges = (ws.model as unknown as { merges: string[] }).merges;
  return { cells, merges };
}

describe("real sample workbooks", () => {
  it("finds all five samples", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it("社会救助-标准目录.xlsx (openpyxl, inline strings as character references)", async () => {
    const wb = await openWorkbook(load("社会救助-标准目录.xlsx"), { inflate: nodeInflate });
    expect(wb.sheets).toEqual([{ name: "社会救助", index: 0, path: "xl/worksheets/sheet1.xml", hidden: false }]);
    expect(wb.date1904).toBe(false);
    expect(wb.properties.get("core:creator")).toBe("openpyxl");
    const reader = wb.readSheet("社会救助");
    const rows = await readAll(wb, "社会救助");
    const g = grid(rows);
    expect(g.A1).toBe("宝坻区社会救助领域基层政务公开标准目录");
    expect(g.C3).toBe("二级事项");
    expect(g.H4).toMatch(/^■政府网站/);
    expect(g.I15).toBe("√");
    expect(g.J15).toBeUndefined(); // <c t="n"></c> is empty
    expect(rows.at(-1)!.index).toBe(15);
    const a4 = rows.find((r) => r.index === 4)!.cells[0]!;
    expect(a4).toEqual({ col: 0, value: 1, text: "1", kind: "number" });

    for await (const _row of reader) void _row;
    expect(reader.dimension).toBe("A1:N15");
    expect(reader.merges).toContainEqual({ top: 6, left: 1, bottom: 9, right: 1, ref: "B6:B9" });
    expect(reader.merges).toContainEqual({ top: 1, left: 0, bottom: 1, right: 13, ref: "A1:N1" });
    expect(reader.merges).toHaveLength(15);
  });

  it("户籍管理-标准目录.xlsx (LibreOffice, shared strings with rich text)", async () => {
    const wb = await openWorkbook(load("户籍管理-标准目录.xlsx"), { inflate: nodeInflate });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    const g = grid(await readAll(wb));
    expect(g.A1).toBe("户籍管理领域基层政务公开标准目录");
    expect(g.M3).toBe("区级");
    // D4 is a rich-text shared string of several runs in different fonts.
    expect(g.D4).toBe("1.受理部门 2.办理条件 3.办理流程 4.所需材料 5.办理时限 6.收费依据及标准");
  });

  it.each(files)("%s: every cell and merge matches exceljs's in-memory reader", async (name) => {
    const data = load(name);
    const expected = await exceljsGrid(data);
    for (const inflate of [nodeInflate, undefined]) {
      const wb = await openWorkbook(data, inflate ? { inflate } : {});
      const reader = wb.readSheet(wb.sheets[0]!);
      const rows = [];
      for await (const row of reader) rows.push(row);
      expect({ ...grid(rows) }).toEqual(expected.cells);
      expect(reader.merges.map((m) => m.ref).sort()).toEqual([...expected.merges].sort());
      expect(JSON.stringify(rows)).not.toContain("\uFFFD");
    }
  });

  it("政务服务事项-广安区.xlsx has 600 items plus the header", async () => {
    const wb = await openWorkbook(load("政务服务事项-广安区.xlsx"), { inflate: nodeInflate });
    const rows = await readAll(wb);
    expect(rows).toHaveLength(601);
    expect(rows[600]!.cells[0]!.value).toBe(600);
    expect(rows.every((r, i) => r.index === i + 1)).toBe(true);
  });
});
