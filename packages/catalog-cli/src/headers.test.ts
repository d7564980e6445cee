import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rezip, unzip } from "../../catalog-xlsx/src/fixtures/mutate.js";
import { SAMPLES, scratch, zwgk } from "./test-io.js";

/** The 社会救助 sample with F2 renamed from 公开时限 to 公开期限, as a department might word it. */
function renamedHeader(dir: string): string {
  const parts = unzip(new Uint8Array(readFileSync(join(SAMPLES, "社会救助-标准目录.xlsx"))));
  const sheet = parts.find((p) => p.name === "xl/worksheets/sheet1.xml")!;
  const xml = new TextDecoder().decode(sheet.data).replace(/<c r="F2"[^>]*>.*?<\/c>/, '<c r="F2" t="inlineStr"><is><t>公开期限</t></is></c>');
  sheet.data = new TextEncoder().encode(xml);
  writeFileSync(join(dir, "社会救助.xlsx"), rezip(parts));
  return "社会救助.xlsx";
}

describe("a header zwgk does not recognise", () => {
  it("is named by column letter and text, with the closest field and the columns entry that maps it", async () => {
    const dir = scratch();
    const file = renamedHeader(dir);
    const r = await zwgk(["validate", file], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("社会救助!F2");
    expect(r.stdout).toContain("F 列的表头「公开期限」未被识别；目录中没有「公开时限」列，最接近的就是这一列。");
    expect(r.stdout).toContain('"columns": { "公开期限": "timeLimit" }');
    expect(r.stdout).not.toContain("请在表格中增加「公开时限」列");

    // The advice works: with that entry the workbook is clean.
    writeFileSync(join(dir, "zwgk.config.json"), JSON.stringify({ columns: { 公开期限: "timeLimit" } }));
    const fixed = await zwgk(["validate", file], { cwd: dir });
    expect(fixed.stdout).toBe("共检查 1 个文件，未发现问题\n");
    expect(fixed.code).toBe(0);
  });

  it("a typo in zwgk.config.json columns is reported under columns and the user's header, with the closest field", async () => {
    const dir = scratch();
    const file = renamedHeader(dir);
    writeFileSync(join(dir, "zwgk.config.json"), JSON.stringify({ columns: { 公开期限: "timeLimt" } }));
    const r = await zwgk(["validate", file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("columns.公开期限：列名“公开期限”对应的字段“timeLimt”不存在，是否为“timeLimit”？");
    expect(r.stderr).not.toContain("headerOverrides");
  });
});
