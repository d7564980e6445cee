import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { samplePath } from "../../../../test/support/samples.js";
import { rezip, unzip } from "../fixtures/mutate.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { validateWorkbook } from "./validate.js";

// openpyxl and other libraries save formulas without a result (<f> and no <v>): the value only exists
// once Excel or WPS recalculates. A clerk's script filled 序号 with =A7+1 and 公开依据 with =E10.
function withUncachedFormulas(edit: (xml: string) => string = (xml) => xml): Uint8Array {
  const parts = unzip(new Uint8Array(readFileSync(samplePath("社会救助-标准目录.xlsx"))));
  const sheet = parts.find((p) => p.name === "xl/worksheets/sheet1.xml")!;
  const xml = new TextDecoder()
    .decode(sheet.data)
    .replace(/<c r="A8"[^>]*>.*?<\/c>/, '<c r="A8" s="1"><f>A7+1</f></c>')
    .replace(/<c r="E11"[^>]*>.*?<\/c>/, '<c r="E11" s="1"><f>E10</f></c>');
  sheet.data = new TextEncoder().encode(edit(xml));
  return rezip(parts);
}

describe("formulas saved without a result", () => {
  it("are reported at their cell as uncached formulas, never as missing values", async () => {
    const [report] = await validateWorkbook(withUncachedFormulas(), { file: "社会救助.xlsx", inflate: nodeInflate });
    const formulas = report!.findings.filter((f) => f.rule === "formula-cell");
    expect(formulas.map((f) => [f.location.cell, f.severity])).toEqual([
      ["A8", "warning"],
      ["E11", "warning"],
    ]);
    expect(formulas[1]!.message).toBe(
      "单元格 社会救助!E11 是公式（=E10），但文件里没有保存它的计算结果（多见于程序生成、未在 Excel/WPS 中打开保存过的文件），无法读出其值；请在 Excel 或 WPS 中打开后保存一次，或改为直接填写文字。",
    );
    expect(formulas[1]!.location.field).toBe("basis");
    // Not 缺少「公开依据」 at E11: the cell has a value, only the file does not hold it.
    expect(report!.findings.filter((f) => f.location.cell === "E11").map((f) => f.rule)).toEqual(["formula-cell"]);
    expect(report!.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("are not counted as missing in the 另有 N 处 summary either, when findings per rule are capped", async () => {
    // Three more uncached 公开依据 formulas and one 公开依据 really left empty; one finding kept per rule.
    const bytes = withUncachedFormulas((xml) =>
      xml
        .replace(/<c r="E12"[^>]*>.*?<\/c>/, '<c r="E12" s="1"><f>E10</f></c>')
        .replace(/<c r="E13"[^>]*>.*?<\/c>/, '<c r="E13" s="1"><f>E10</f></c>')
        .replace(/<c r="E14"[^>]*>.*?<\/c>/, ""),
    );
    const [report] = await validateWorkbook(bytes, { file: "社会救助.xlsx", inflate: nodeInflate, maxFindingsPerRule: 1 });
    const missing = report!.findings.filter((f) => f.rule === "required-field");
    // The one empty cell, and no summary claiming more: the formula cells are not missing values.
    expect(missing.map((f) => f.location.cell)).toEqual(["E14"]);
  });
});
