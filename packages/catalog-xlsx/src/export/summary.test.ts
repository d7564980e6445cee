import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FileReport, Report } from "@zwgk/catalog-core";
import { samplePath } from "../../../../test/support/samples.js";
import { validateWorkbook } from "../validate/validate.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { openWorkbook } from "../reader/index.js";
import { writeSummaryWorkbook } from "./summary.js";

async function sheetRows(bytes: Uint8Array, name: string): Promise<unknown[][]> {
  const wb = await openWorkbook(bytes);
  const sheet = wb.sheets.find((s) => s.name === name)!;
  const rows: unknown[][] = [];
  for await (const row of wb.readSheet(sheet)) {
    const values: unknown[] = [];
    for (const c of row.cells) values[c.col] = c.value;
    rows.push(Array.from(values, (v) => v ?? null));
  }
  return rows;
}

describe("writeSummaryWorkbook", () => {
  it("gives the office one row per file with its counts, cross-file findings counted for each file they concern", async () => {
    const files = ["政务服务事项-广安区.xlsx", "社会救助-标准目录.xlsx"];
    const sections: FileReport[] = [];
    for (const file of files) sections.push(...(await validateWorkbook(new Uint8Array(readFileSync(samplePath(file))), { file, inflate: nodeInflate })));
    const report: Report = {
      tool: { name: "zwgk", version: "" },
      command: "check",
      files: [...sections, { file: "坏.xlsx", findings: [], error: { code: "not-zip", message: "文件不是有效的 .xlsx 工作簿" } }],
      findings: [
        {
          rule: "duplicate-entry",
          severity: "warning",
          message: "事项重复",
          location: { file: files[0], sheet: "政务服务事项", row: 5 },
          related: [{ file: files[1], sheet: "社会救助", row: 7 }],
        },
      ],
    };
    const bytes = await writeSummaryWorkbook(report);
    const rows = await sheetRows(bytes, "汇总");
    expect(rows[0]).toEqual(["文件", "目录类型", "事项数", "错误", "警告", "提示", "结论"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([...files, "坏.xlsx"]);
    const count = (i: number, severity: string) => sections[i]!.findings.filter((f) => f.severity === severity).length;
    expect(rows[1]).toEqual([files[0], "公共服务事项清单", 600, count(0, "error"), count(0, "warning") + 1, count(0, "info"), count(0, "error") ? "需退回修改" : expect.any(String)]);
    expect(rows[2]!.slice(2, 5)).toEqual([12, count(1, "error"), count(1, "warning") + 1]);
    expect(rows[3]![6]).toMatch(/^无法读取：文件不是有效的/);
    const details = await sheetRows(bytes, "问题明细");
    expect(details).toHaveLength(1 + sections[0]!.findings.length + sections[1]!.findings.length + 1);
    expect(details.some((r) => r[1] === "政务服务事项!C26")).toBe(true);
    expect(details.at(-1)![4]).toBe("事项重复（另见：社会救助-标准目录.xlsx 社会救助 第7行）");
  });
});
