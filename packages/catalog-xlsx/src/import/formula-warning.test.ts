import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { DisclosureEntry, PowerEntry } from "@zwgk/catalog-schemas";
import { standardHeader } from "../fixtures/build.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { buildXlsx, escapeXml } from "../reader/test-zip.js";
import { readCatalogs } from "./read.js";
import type { ImportWarning } from "./stream.js";

async function read(data: Uint8Array) {
  const warnings: ImportWarning[] = [];
  const catalogs = await readCatalogs(data, { file: "公式.xlsx", inflate: nodeInflate, onWarning: (w) => warnings.push(w) });
  return { catalogs, warnings };
}

/** A 标准目录 whose title, header and data rows hold formulas (exceljs writes `{ formula, result }`). */
async function standardWithFormulas(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("社会救助");
  ws.getCell("A1").value = { formula: '"社会救助"&"领域基层政务公开标准目录"', result: "社会救助领域基层政务公开标准目录" };
  const [top, sub] = standardHeader();
  top!.forEach((v, c) => v !== null && (ws.getCell(2, c + 1).value = v));
  sub!.forEach((v, c) => v !== null && (ws.getCell(3, c + 1).value = v));
  ws.getCell("D2").value = { formula: '"公开内容（要素）"', result: "公开内容（要素）" };
  ws.mergeCells("B2:C2");
  const rows = [
    ["1", "最低生活保障", "政策文件", "相关法律法规、政策文件", "《社会救助暂行办法》", "信息形成或者变更之日起20个工作日内", "县级人民政府民政部门", "■政府网站", "√", null, "√", null, "√", null],
    ["2", null, "审批", "救助对象名单", "同上", "同上", "县级人民政府民政部门", "■政府网站", "√", null, "√", null, "√", "√"],
  ];
  rows.forEach((r, i) => r.forEach((v, c) => v !== null && (ws.getCell(4 + i, c + 1).value = v)));
  // 序号 computed, a content cell concatenated, a flag set by IF.
  ws.getCell("A4").value = { formula: "ROW()-3", result: 1 };
  ws.getCell("A5").value = { formula: "ROW()-3", result: 2 };
  ws.getCell("D5").value = { formula: 'D4&"（个人隐私信息除外）"', result: "相关法律法规、政策文件（个人隐私信息除外）" };
  ws.getCell("J5").value = { formula: 'IF(I5="√","","√")', result: "" };
  ws.getCell("O4").value = { formula: '"长期"', result: "长期" };
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("formula cells on import", () => {
  it("imports the cached results and warns once per formula data cell, never for the title or header", async () => {
    const { catalogs, warnings } = await read(await standardWithFormulas());
    const entries = catalogs[0]?.entries as DisclosureEntry[];
    expect(catalogs[0]?.title).toBe("社会救助领域基层政务公开标准目录");
    expect(entries.map((e) => e.seq)).toEqual(["1", "2"]);
    expect(entries[1]?.content).toBe("相关法律法规、政策文件（个人隐私信息除外）");
    expect(entries[0]?.extra).toEqual([{ name: "列O", value: "长期" }]);
    // J5's result is empty: nothing imported, nothing to warn about.
    expect(entries[1]?.audience).toEqual(["全社会"]);
    expect(warnings.map((w) => [w.cell, w.field ?? null, w.formula, w.value])).toEqual([
      ["A4", "seq", "=ROW()-3", "1"],
      ["O4", null, '="长期"', "长期"],
      ["A5", "seq", "=ROW()-3", "2"],
      ["D5", "content", '=D4&"（个人隐私信息除外）"', "相关法律法规、政策文件（个人隐私信息除外）"],
    ]);
    expect(warnings[3]).toEqual({
      code: "formula-cell",
      sheet: "社会救助",
      cell: "D5",
      row: 5,
      column: "D",
      field: "content",
      formula: '=D4&"（个人隐私信息除外）"',
      value: "相关法律法规、政策文件（个人隐私信息除外）",
      message:
        '单元格 社会救助!D5 是公式（=D4&"（个人隐私信息除外）"），已按其计算结果「相关法律法规、政策文件（个人隐私信息除外）」导入；' +
        "请改为直接填写文字，以免在其他软件中显示不同的值。",
    });
    expect(warnings[1]).not.toHaveProperty("field");
  });

  it("reports shared-formula dependents (no text of their own) and formulas in a 权责清单 written by hand", async () => {
    const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
    const s = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
    const f = (ref: string, formula: string, cached: string, attrs = "") =>
      `<c r="${ref}" t="str"><f${attrs}>${escapeXml(formula)}</f><v>${escapeXml(cached)}</v></c>`;
    const data = buildXlsx({
      sheets: [
        {
          name: "2024 权责清单",
          rows:
            row(1, s("A1", "序号") + s("B1", "权力类型") + s("C1", "事项名称") + s("D1", "实施依据") + s("E1", "备注")) +
            row(2, f("A2", "ROW()-1", "1", ' t="shared" ref="A2:A4" si="0"') + s("B2", "行政许可") + s("C2", "公路超限运输许可") + s("D2", "《公路法》第七十六条")) +
            row(3, f("A3", "", "2", ' t="shared" si="0"') + s("B3", "行政处罚") + s("C3", "对擅自超限运输的处罚") + f("D3", "D2", "《公路法》第七十六条")) +
            row(4, f("A4", "", "3", ' t="shared" si="0"') + s("B4", "行政检查") + s("C4", "超限运输检查") + f("E4", "REPT(\"长\",200)", "长".repeat(200))),
        },
      ],
    });
    const { catalogs, warnings } = await read(data);
    const entries = catalogs[0]?.entries as PowerEntry[];
    expect(entries.map((e) => e.seq)).toEqual(["1", "2", "3"]);
    expect(entries[1]?.basis?.raw).toBe("《公路法》第七十六条");
    expect(warnings.map((w) => [w.cell, w.field, w.formula])).toEqual([
      ["A2", "seq", "=ROW()-1"],
      ["A3", "seq", ""],
      ["D3", "basis", "=D2"],
      ["A4", "seq", ""],
      ["E4", "remark", '=REPT("长",200)'],
    ]);
    expect(warnings[1]?.message).toBe(
      "单元格 '2024 权责清单'!A3 是公式（与相邻单元格共用的公式），已按其计算结果「2」导入；请改为直接填写文字，以免在其他软件中显示不同的值。",
    );
    // Long results are cut in the message and kept whole in `value`.
    expect(warnings[4]?.value).toHaveLength(200);
    expect(warnings[4]?.message).toContain(`「${"长".repeat(60)}…」`);
  });

  it("costs nothing without a listener: the same catalogs are read", async () => {
    const data = await standardWithFormulas();
    const quiet = await readCatalogs(data, { inflate: nodeInflate, file: "公式.xlsx" });
    expect(quiet).toEqual((await read(data)).catalogs);
  });
});
