import { describe, expect, it } from "vitest";
import { nodeInflate } from "./inflate-node.js";
import { type Cell, columnLetter, openWorkbook, parseCellRef } from "./index.js";
import { QUIRK_CASES, buildCase } from "./test-quirks.js";
import { MAIN_NS, buildXlsx, buildZip, grid, readAll } from "./test-zip.js";

describe("writer quirks", () => {
  it.each(QUIRK_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const wb = await openWorkbook(buildCase(c), { inflate: nodeInflate });
    const rows = await readAll(wb);
    expect({ ...grid(rows) }).toEqual(c.cells);
    const byRef = new Map<string, Cell>();
    for (const row of rows) for (const cell of row.cells) byRef.set(columnLetter(cell.col) + row.index, cell);
    for (const [ref, cell] of Object.entries(c.exact ?? {})) expect(byRef.get(ref)).toStrictEqual(cell);
    for (const row of rows) {
      const cols = row.cells.map((x) => x.col);
      expect(cols).toEqual([...new Set(cols)].sort((a, b) => a - b));
    }
  });

  it("reports merges and the dimension of a prefixed sheet", async () => {
    const wb = await openWorkbook(buildCase(QUIRK_CASES[0]!), { inflate: nodeInflate });
    const reader = wb.readSheet("前缀");
    expect(reader.merges).toEqual([]);
    for await (const _ of reader) void _;
    expect(reader.dimension).toBe("A1:B2");
    expect(reader.merges).toEqual([{ top: 2, left: 0, bottom: 2, right: 1, ref: "A2:B2" }]);
  });

  it("lists worksheets in order with Chinese names and hidden state; skips chartsheets", async () => {
    const data = buildXlsx({
      sheets: [
        { name: "目录", rows: `<row r="1"><c r="A1"><v>1</v></c></row>` },
        { name: "图表", chart: true },
        { name: "隐藏 & 备注", state: "hidden", rows: `<row r="1"><c r="A1"><v>2</v></c></row>` },
        { name: "深度隐藏", state: "veryHidden", rows: `<row r="1"><c r="A1"><v>3</v></c></row>` },
      ],
    });
    const wb = await openWorkbook(data);
    expect(wb.sheets).toEqual([
      { name: "目录", index: 0, path: "xl/worksheets/sheet1.xml", hidden: false },
      { name: "隐藏 & 备注", index: 1, path: "xl/worksheets/sheet3.xml", hidden: true },
      { name: "深度隐藏", index: 2, path: "xl/worksheets/sheet4.xml", hidden: true },
    ]);
    expect(grid(await readAll(wb, "隐藏 & 备注")).A1).toBe("2");
    expect(grid(await readAll(wb, "深度隐藏")).A1).toBe("3");
    // A SheetInfo object works as well as a name, and a reader can be iterated again.
    const reader = wb.readSheet(wb.sheets[0]!);
    for (let i = 0; i < 2; i++) {
      const rows = [];
      for await (const row of reader) rows.push(row);
      expect(rows).toEqual([{ index: 1, cells: [{ col: 0, value: 1, text: "1", kind: "number" }] }]);
    }
  });

  it("reads core and custom document properties", async () => {
    const data = buildXlsx({
      sheets: [{ name: "S", rows: "" }],
      core: `<cp:coreProperties xmlns:cp="cp" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>社会救助领域标准目录</dc:title><dc:creator>民政局</dc:creator><cp:keywords></cp:keywords></cp:coreProperties>`,
      custom: `<Properties xmlns="custom" xmlns:vt="vt"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="目录版本"><vt:lpwstr>2024 &amp; v2</vt:lpwstr></property><property pid="3" name="__proto__"><vt:i4>7</vt:i4></property></Properties>`,
    });
    const wb = await openWorkbook(data);
    expect(wb.properties.get("core:title")).toBe("社会救助领域标准目录");
    expect(wb.properties.get("core:creator")).toBe("民政局");
    expect(wb.properties.has("core:keywords")).toBe(false);
    expect(wb.properties.get("目录版本")).toBe("2024 & v2");
    expect(wb.properties.get("__proto__")).toBe("7");
    expect(await readAll(wb)).toEqual([]);
  });

  it("finds parts whose case differs from the relationship target, and works without a rels file", async () => {
    const data = buildZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/workbook.xml", data: `<workbook xmlns="${MAIN_NS}" xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>` },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: `<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="./worksheets/../worksheets/Sheet1.xml"/></Relationships>`,
      },
      { name: "xl/worksheets/sheet1.xml", data: `<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>` },
      { name: "xl/SharedStrings.xml", data: `<sst><si><t>无关系文件</t></si></sst>` },
    ]);
    const wb = await openWorkbook(data);
    expect(grid(await readAll(wb)).A1).toBe("无关系文件");
  });
});

describe("cell references", () => {
  it("converts between column indexes and letters", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual([
      "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD",
    ]);
    for (let c = 0; c < 20000; c += 37) expect(parseCellRef(`${columnLetter(c)}7`)).toEqual({ row: 7, col: c });
  });

  it("parses A1 references and rejects everything else", () => {
    expect(parseCellRef("B4")).toEqual({ row: 4, col: 1 });
    expect(parseCellRef("$XFD$1048576")).toEqual({ row: 1048576, col: 16383 });
    expect(parseCellRef("aa10")).toEqual({ row: 10, col: 26 });
    for (const bad of ["", "A", "4", "A0", "A-1", "B4:B5", "4B", "A1 ", "公开1"]) expect(parseCellRef(bad)).toBeUndefined();
  });
});
