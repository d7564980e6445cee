import { describe, expect, it } from "vitest";
import { CATALOG_COLUMNS, CATALOG_HEAD_ROWS, catalogRow, expectedRowTexts, writeCatalogXlsx } from "./test-catalog.js";
import { nodeInflate } from "./inflate-node.js";
import { type Row, columnLetter, openWorkbook } from "./index.js";

const ENTRIES = 20_000;

describe("a 20k-row Chinese catalog written by exceljs with shared strings", () => {
  // Written once, on first use, by whichever test runs first: each test stands alone (vitest -t).
  let written: Promise<Uint8Array> | undefined;
  const workbook = () => (written ??= writeCatalogXlsx(ENTRIES));

  it("generates the workbook", async () => {
    expect((await workbook()).length).toBeGreaterThan(100_000);
  });

  it.each([
    ["DecompressionStream (default)", {}],
    ["node:zlib", { inflate: nodeInflate }],
  ] as const)("reads every cell exactly with %s", async (_name, options) => {
    const wb = await openWorkbook(await workbook(), options);
    expect(wb.sheets.map((s) => s.name)).toEqual(["社会救助"]);
    const reader = wb.readSheet("社会救助");
    const rows: Row[] = [];
    for await (const row of reader) rows.push(row);

    expect(rows).toHaveLength(ENTRIES + CATALOG_HEAD_ROWS);
    expect(rows.map((r) => r.index)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    let cells = 0;
    let replacement = 0;
    for (const row of rows) {
      const expected = expectedRowTexts(row.index);
      const actual: string[] = Array.from({ length: CATALOG_COLUMNS }, () => "");
      for (const c of row.cells) {
        actual[c.col] = c.text;
        cells++;
        if (c.text.includes("\uFFFD")) replacement++;
      }
      expect(actual.slice(0, expected.length)).toEqual(expected);
    }
    expect(replacement).toBe(0);
    expect(cells).toBeGreaterThan(ENTRIES * 10);

    // Sampled cells, spelled out.
    const at = (index: number, col: number) => rows[index - 1]!.cells.find((c) => c.col === col);
    expect(at(1, 0)!.text).toBe("某县社会救助领域基层政务公开标准目录");
    expect(at(3, 2)!.text).toBe("二级事项");
    expect(at(4, 0)).toEqual({ col: 0, value: 1, text: "1", kind: "number" });
    const last = ENTRIES + CATALOG_HEAD_ROWS;
    expect(at(last, 0)!.value).toBe(ENTRIES);
    expect(at(last, 3)!.text).toBe(catalogRow(ENTRIES)[3]);
    expect(at(12_345, 4)!.text).toMatch(/^《.+》第\d+条$/);
    expect(at(12_345, 7)!.text.startsWith("■政府网站")).toBe(true);
    expect(at(9_999, 5)!.text).toBe(catalogRow(9_999 - CATALOG_HEAD_ROWS)[5]);
    expect(reader.merges.map((m) => m.ref)).toContain("A1:N1");
    expect(reader.merges.find((m) => m.ref === "I2:J2")).toEqual({ top: 2, left: 8, bottom: 2, right: 9, ref: "I2:J2" });
    expect(columnLetter(CATALOG_COLUMNS - 1)).toBe("N");
  });
});
