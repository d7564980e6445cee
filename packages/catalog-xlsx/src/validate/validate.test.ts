import { describe, expect, it } from "vitest";
import { buildWorkbook } from "../fixtures/build.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { validateWorkbook } from "./validate.js";

// A 权责清单 whose 实施依据 is merged over two powers that share it: the second row's cell is covered
// by the merge, so its value is the merge's top-left cell, not "missing".
const rows = [
  ["权力类型", "事项名称", "实施依据", "实施主体"],
  ["行政检查", "道路运输经营者监督检查", "《中华人民共和国道路运输条例》第五十八条", "县交通运输局"],
  ["行政检查", "道路运输站（场）监督检查", null, "县交通运输局"],
  ["行政检查", "超限运输检查", null, "县交通运输局"],
];

describe("validateWorkbook", () => {
  it("drops missing-value findings on cells a merged range covers, and keeps them on cells no merge covers", async () => {
    const data = await buildWorkbook([{ name: "权责清单", rows, merges: ["C2:C3"] }]);
    const [report] = await validateWorkbook(data, { file: "交通.xlsx", inflate: nodeInflate });
    expect(report).toMatchObject({ file: "交通.xlsx", kind: "power", entries: 3 });
    const missing = report!.findings.filter((f) => f.rule === "required-field" && f.location.field === "basis");
    // C3 is covered by C2:C3; C4 is truly empty.
    expect(missing.map((f) => f.location.cell)).toEqual(["C4"]);
  });

  it("keeps at most maxFindingsPerRule findings per rule while streaming, formula cells included, and says how many more", async () => {
    // Every row a duplicate of the first, every basis a formula: without a cap both lists grow with the rows.
    const dup = ["行政检查", "道路运输经营者监督检查", { formula: "\"《道路运输条例》\"", result: "《道路运输条例》" }, "县交通运输局"] as unknown as string[];
    const data = await buildWorkbook([{ name: "权责清单", rows: [rows[0]!, ...Array.from({ length: 300 }, () => dup)] }]);
    const [report] = await validateWorkbook(data, { file: "交通.xlsx", inflate: nodeInflate, maxFindingsPerRule: 20 });
    expect(report!.entries).toBe(300);
    for (const [rule, omitted] of [["duplicate-entry", 279], ["formula-cell", 280]] as const) {
      const list = report!.findings.filter((f) => f.rule === rule);
      expect(list).toHaveLength(21);
      expect(list.at(-1)!.data).toMatchObject({ omitted });
      expect(list.at(-1)!.message).toContain(`另有 ${omitted} 处同类问题`);
    }
  });

  it("bounds the names the duplicate check remembers by maxDuplicateKeys, and says so once", async () => {
    const distinct = Array.from({ length: 12 }, (_, i) => ["行政检查", `监督检查事项${i}`, "《道路运输条例》", "县交通运输局"]);
    const data = await buildWorkbook([{ name: "权责清单", rows: [rows[0]!, ...distinct, distinct[9]!] }]);
    const duplicates = async (options: { maxDuplicateKeys?: number }) =>
      (await validateWorkbook(data, { file: "交通.xlsx", inflate: nodeInflate, ...options }))[0]!.findings.filter((f) => f.rule === "duplicate-entry");
    expect((await duplicates({})).map((f) => f.location.cell ?? f.location.row)).toEqual([14]);
    const bounded = await duplicates({ maxDuplicateKeys: 5 });
    expect(bounded.map((f) => [f.severity, f.data])).toEqual([["warning", { max: 5, count: 8 }]]);
  });

  it("reports the same missing cells as the per-entry rules when nothing is merged", async () => {
    const data = await buildWorkbook([{ name: "权责清单", rows }]);
    const [report] = await validateWorkbook(data, { file: "交通.xlsx", inflate: nodeInflate });
    const missing = report!.findings.filter((f) => f.rule === "required-field" && f.location.field === "basis");
    expect(missing.map((f) => f.location.cell)).toEqual(["C3", "C4"]);
  });
});
