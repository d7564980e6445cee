import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Catalog, DisclosureEntry, PowerCatalog } from "@zwgk/catalog-schemas";
import { readCatalogs } from "@zwgk/catalog-xlsx";
import { SAMPLES, scratch, zwgk } from "./test-io.js";

const sample = (name: string) => join(SAMPLES, name);
const LIST = sample("权责清单-交通运输.xlsx");

async function readXlsx(path: string): Promise<Catalog> {
  return (await readCatalogs(new Uint8Array(readFileSync(path)), { file: path }))[0]!;
}

/** Power and service gaps `zwgk check` reports (the real command, JSON report). */
async function checkGaps(files: string[], cwd: string): Promise<string[]> {
  const r = await zwgk(["check", ...files, "--format", "json"], { cwd });
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as { issues: Array<{ rule: string; message: string }> };
  return report.issues.filter((i) => i.rule.startsWith("gap-") && i.rule !== "gap-statutory-category").map((i) => i.message);
}

describe("zwgk draft", () => {
  it("a draft from a 权责清单 checked together with it gives zero power gaps (xlsx and json)", async () => {
    const dir = scratch();
    // The catalog of the list's body (check compares one body at a time).
    writeFileSync(join(dir, "empty.json"), JSON.stringify({ schemaVersion: "1.0", kind: "standard", title: "恭城瑶族自治县交通运输局政务公开事项目录", entries: [] }));
    expect(await checkGaps([LIST, "empty.json"], dir)).toHaveLength(9);
    for (const out of ["草稿.xlsx", "草稿.json"]) {
      const r = await zwgk(["draft", LIST, "--into", "empty.json", "--out", out], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("已起草 18 条公开条目（9 个事项");
      expect(await checkGaps([LIST, out], dir)).toEqual([]);
    }
    const json = JSON.parse(readFileSync(join(dir, "草稿.json"), "utf8")) as { entries: DisclosureEntry[] };
    expect(json.entries[0]!.source?.derivedFrom).toMatchObject({ rule: "行政许可/办事指南", kind: "power", sheet: "行政职权", row: 3, code: "000117003000" });
    const xlsx = (await readXlsx(join(dir, "草稿.xlsx"))) as { entries: DisclosureEntry[] };
    expect(xlsx.entries.map((e) => e.items)).toEqual(json.entries.map((e) => e.items));
    expect(xlsx.entries.every((e) => e.extra?.some((x) => x.name === "公开属性" && x.value === "待认定"))).toBe(true);
  });

  it("after a power is removed, --into lists its rows as deletion candidates and keeps every human edit (Excel round trip)", async () => {
    const dir = scratch();
    expect((await zwgk(["draft", LIST, "--out", "草稿.xlsx"], { cwd: dir })).code).toBe(0);
    // A clerk edits the draft in Excel: rewrites a content cell, confirms a 公开属性.
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "草稿.xlsx"));
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(2).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    ws.getCell(4, col("公开内容（要素）")).value = "许可条件、材料、程序（本局修改）";
    ws.getCell(5, col("公开属性")).value = "主动公开";
    await wb.xlsx.writeFile(join(dir, "草稿.xlsx"));
    const edited = await readXlsx(join(dir, "草稿.xlsx"));
    // The 权责清单 loses 扣留车辆 (行政强制).
    expect((await zwgk(["convert", LIST, "--out", "清单.json"], { cwd: dir })).code).toBe(0);
    const list = JSON.parse(readFileSync(join(dir, "清单.json"), "utf8")) as PowerCatalog;
    list.entries = list.entries.filter((p) => p.name !== "扣留车辆");
    writeFileSync(join(dir, "清单.json"), JSON.stringify(list));

    const r = await zwgk(["draft", "清单.json", "--into", "草稿.xlsx", "--out", "调整稿.xlsx"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("已起草 0 条");
    const forced = (edited.entries as DisclosureEntry[]).flatMap((e) => (e.items[0] === "扣留车辆" ? [e.source!.row] : []));
    expect(forced).toHaveLength(2);
    expect(r.stdout).toContain("建议删除 2 条");
    for (const row of forced) expect(r.stdout).toMatch(new RegExp(`草稿\\.xlsx 第${row}行 扣留车辆 / `));
    const after = await readXlsx(join(dir, "调整稿.xlsx"));
    expect(after.entries).toEqual(edited.entries.map((e) => ({ ...e, source: { ...e.source, file: join(dir, "调整稿.xlsx") } })));
    expect((after.entries[0] as DisclosureEntry).content).toBe("许可条件、材料、程序（本局修改）");
    expect((after.entries[1] as DisclosureEntry).attribute).toBe("主动公开");
  });

  it("refuses to overwrite an input, and a standard catalog as the list, with exit 2", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "目录.json"), JSON.stringify({ schemaVersion: "1.0", kind: "standard", entries: [] }));
    const same = await zwgk(["draft", LIST, "--into", "目录.json", "--out", "目录.json"], { cwd: dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("不覆盖输入");
    const wrong = await zwgk(["draft", sample("社会救助-标准目录.xlsx"), "--out", "x.json"], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("不是权责清单或公共服务事项清单");
    expect(wrong.stderr).not.toContain("内部错误");
    expect(existsSync(join(dir, "x.json"))).toBe(false);
  });
});

describe("zwgk draft --help, zwgk village --help", () => {
  it("print the command's own usage with examples", async () => {
    const draft = await zwgk(["draft", "--help"]);
    expect(draft.code).toBe(0);
    expect(draft.stdout).toMatch(/^用法：zwgk draft /);
    expect(draft.stdout).toContain("示例：\n  zwgk draft 权责清单-交通运输.xlsx --out 交通运输-草稿.xlsx");
    const village = await zwgk(["village", "-h"]);
    expect(village.stdout).toMatch(/^用法：zwgk village /);
    expect(village.stdout).toContain("--township");
    const none = await zwgk(["draft"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("请给出至少一个权责清单或公共服务事项清单");
  });
});

describe("zwgk village", () => {
  it("forms the village list of the 社会救助 and 户籍管理 samples in the village layout, each row pointing back", async () => {
    const dir = scratch();
    const inputs = [sample("社会救助-标准目录.xlsx"), sample("户籍管理-标准目录.xlsx")];
    const r = await zwgk(["village", ...inputs, "--township", "大口屯镇人民政府", "--out", "村居清单.xlsx"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const list = await readXlsx(join(dir, "村居清单.xlsx"));
    expect(list.source?.columns?.map((c) => c.header)).toEqual(["序号", "公开事项/一级事项", "公开事项/二级事项", "公开内容", "公开时限", "公开方式和载体", "责任单位"]);
    const social = await readXlsx(inputs[0]!);
    const villageRows = (social.entries as DisclosureEntry[]).filter((e) => e.levels?.some((l) => l.includes("村")));
    expect(list.entries.map((e) => (e as DisclosureEntry).items)).toEqual(villageRows.map((e) => e.items));
    expect(list.entries.every((e) => (e as DisclosureEntry).subject === "大口屯镇人民政府")).toBe(true);

    const json = await zwgk(["village", ...inputs, "--out", "村居清单.json"], { cwd: dir });
    expect(json.code).toBe(0);
    const entries = (JSON.parse(readFileSync(join(dir, "村居清单.json"), "utf8")) as { entries: DisclosureEntry[] }).entries;
    expect(entries.map((e) => e.source?.derivedFrom?.row)).toEqual(villageRows.map((e) => e.source?.row));
    expect(entries.every((e) => e.source?.derivedFrom?.file === inputs[0])).toBe(true);
  });
});
