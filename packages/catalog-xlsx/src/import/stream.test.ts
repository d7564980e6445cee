import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Entry, PowerEntry } from "@zwgk/catalog-schemas";
import ExcelJS from "exceljs";
import { buildWorkbook, standardHeader } from "../fixtures/build.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { mergeIndex } from "./merges.js";
import { streamCatalogs } from "./stream.js";
import { samplePath } from "../../../../test/support/samples.js";

const sample = (name: string) => new Uint8Array(readFileSync(samplePath(name)));

async function collect(entries: AsyncIterable<Entry>): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const e of entries) out.push(e);
  return out;
}

describe("streamCatalogs", () => {
  it("yields the header first, then entries, then the merged ranges of the data rows", async () => {
    for await (const sheet of streamCatalogs(sample("社会救助-标准目录.xlsx"), { file: "社会救助.xlsx", inflate: nodeInflate })) {
      expect(sheet.header).toMatchObject({ kind: "standard", domain: "社会救助", source: { sheet: "社会救助", headerRows: [2, 3] } });
      expect(() => sheet.merges()).toThrow(/only after all its entries/);
      const entries = await collect(sheet.entries);
      expect(entries).toHaveLength(12);
      expect(sheet.merges().map((m) => m.ref)).toEqual(["B4:B5", "B6:B9", "B10:B12", "B13:B15"]);
      await expect(collect(sheet.entries)).rejects.toThrow(/only once/);
    }
  });

  it("leaves merged non-hierarchy cells empty and lets a validator recognise them with mergeIndex", async () => {
    const data = await buildWorkbook([
      {
        name: "权责清单",
        rows: [
          ["权力类型", "事项名称", "实施依据", "责任事项"],
          ["行政检查", "道路运输经营者监督检查", "《中华人民共和国道路运输条例》第五十八条", "1.检查责任"],
          [null, "公路养护作业检查", "《公路安全保护条例》", "1.检查责任"],
          [null, "超限运输检查", "《公路安全保护条例》", "1.检查责任"],
        ],
        merges: ["A2:A4"],
      },
    ]);
    const sheets = [];
    for await (const sheet of streamCatalogs(data, { inflate: nodeInflate })) {
      const entries = (await collect(sheet.entries)) as PowerEntry[];
      expect(entries.map((e) => e.type)).toEqual(["行政检查", undefined, undefined]);
      const covered = mergeIndex(sheet.merges(), sheet.header.source?.columns);
      expect([covered.isCovered("A2"), covered.isCovered("A3"), covered.isCovered("A4"), covered.isCovered("A5"), covered.isCovered("B3")]).toEqual([false, true, true, false, false]);
      expect(covered.find(3, 0)?.ref).toBe("A2:A4");
      expect(covered.isCovered(undefined)).toBe(false);
      expect([2, 3, 4].map((row) => covered.isFieldCovered(row, "type"))).toEqual([false, true, true]);
      expect(covered.isFieldCovered(3, "name")).toBe(false);
      sheets.push(sheet.sheet.name);
    }
    expect(sheets).toEqual(["权责清单"]);
  });

  it("moves on to the next sheet when a consumer skips the entries", async () => {
    const rows = [["序号", "事项名称", "实施编码", "事项类型"], [1, "a", "x", "公共服务"]];
    const data = await buildWorkbook([
      { name: "一", rows },
      { name: "二", rows: [...rows, [2, "b", "y", "公共服务"]] },
    ]);
    const counts: Array<[string, number]> = [];
    for await (const sheet of streamCatalogs(data, { inflate: nodeInflate })) {
      if (sheet.sheet.name === "一") continue;
      counts.push([sheet.sheet.name, (await collect(sheet.entries)).length]);
    }
    expect(counts).toEqual([["二", 2]]);
  });
});

describe("mergeIndex by field", () => {
  it("answers for a flag group and for 事项 levels through any of their columns", () => {
    const columns = [
      { column: "B", header: "公开事项/一级事项", field: "items.0" },
      { column: "C", header: "公开事项/二级事项", field: "items.1" },
      { column: "I", header: "公开对象/全社会", field: "audience", value: "全社会" },
      { column: "J", header: "公开对象/特定群众", field: "audience", value: "特定群众" },
    ];
    const index = mergeIndex(
      [
        { top: 4, left: 9, bottom: 6, right: 9, ref: "J4:J6" },
        { top: 4, left: 2, bottom: 5, right: 2, ref: "C4:C5" },
      ],
      columns,
    );
    expect([4, 5, 6, 7].map((row) => index.isFieldCovered(row, "audience"))).toEqual([false, true, true, false]);
    expect([index.isFieldCovered(5, "items.1"), index.isFieldCovered(5, "items"), index.isFieldCovered(5, "items.0")]).toEqual([true, true, false]);
    expect(index.isFieldCovered(5, "content")).toBe(false);
  });
});

describe("streamCatalogs maps a row only when its entry is asked for", () => {
  it("the warnings about a row come after the entry before it and just before its own", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("社会救助");
    const [top, sub] = standardHeader();
    top!.forEach((v, c) => v !== null && (ws.getCell(1, c + 1).value = v));
    sub!.forEach((v, c) => v !== null && (ws.getCell(2, c + 1).value = v));
    for (let r = 3; r < 503; r++) {
      ws.getCell(r, 1).value = { formula: "ROW()-2", result: r - 2 };
      ws.getCell(r, 2).value = "最低生活保障";
      ws.getCell(r, 3).value = `事项${r}`;
      ws.getCell(r, 4).value = r % 2 ? { formula: '"救助对象名单"', result: "救助对象名单" } : "救助对象名单";
    }
    const data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const events: string[] = [];
    for await (const sheet of streamCatalogs(data, { inflate: nodeInflate, onWarning: (w) => events.push(`w${w.row}`) })) {
      for await (const entry of sheet.entries) events.push(`e${entry.source?.row}`);
    }
    // 500 rows fit in one inflated chunk: mapping them all at once would put every warning first.
    const expected: string[] = [];
    for (let r = 3; r < 503; r++) expected.push(...(r % 2 ? [`w${r}`, `w${r}`] : [`w${r}`]), `e${r}`);
    expect(events).toEqual(expected);
  });
});
