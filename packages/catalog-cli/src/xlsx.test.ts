import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openWorkbook, readCatalogs } from "@zwgk/catalog-xlsx";
import { SAMPLES, scratch, zwgk } from "./test-io.js";

const sample = (name: string) => join(SAMPLES, name);

describe("zwgk validate on department workbooks", () => {
  it("names cells as sheet!A1 and stays 0 on the clean samples", async () => {
    for (const name of ["社会救助-标准目录.xlsx", "户籍管理-标准目录.xlsx", "主动公开目录-发展改革局.xlsx", "权责清单-交通运输.xlsx"]) {
      const r = await zwgk(["validate", sample(name), "--format", "json"]);
      const report = JSON.parse(r.stdout) as { summary: { errors: number } };
      expect(report.summary.errors, `${name}: ${r.stdout.slice(0, 500)}`).toBe(0);
      expect(r.code).toBe(0);
    }
    const r = await zwgk(["validate", sample("政务服务事项-广安区.xlsx"), "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { files: Array<{ entries: number; issues: Array<{ rule: string; location: { sheet?: string; cell?: string; row?: number } }> }> };
    expect(report.files[0]!.entries).toBe(600);
    const code = report.files[0]!.issues.find((i) => i.rule === "implementation-code")!;
    expect(code.location.sheet).toBe("政务服务事项");
    expect(code.location.cell).toMatch(/^C\d+$/);
    expect(code.location.cell).toBe(`C${code.location.row}`);
  });

  it("a blanked cell in a department workbook is reported at its cell, in Chinese", async () => {
    const dir = scratch();
    // Blank 公开时限 (column F) of row 7 by rewriting the sheet with exceljs, as a clerk would in Excel.
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample("社会救助-标准目录.xlsx"));
    wb.worksheets[0]!.getCell("F7").value = null;
    await wb.xlsx.writeFile(join(dir, "edited.xlsx"));
    const r = await zwgk(["validate", "edited.xlsx"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("社会救助!F7");
    expect(r.stdout).toContain("公开时限");
  });

  it("a formula cell is imported by its cached value and reported as a warning at its cell", async () => {
    const dir = scratch();
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample("社会救助-标准目录.xlsx"));
    wb.worksheets[0]!.getCell("G8").value = { formula: 'G7&""', result: "县级政府民政部门、乡镇政府(街道办事处)" };
    await wb.xlsx.writeFile(join(dir, "formula.xlsx"));
    const r = await zwgk(["validate", "formula.xlsx", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    const issues = (JSON.parse(r.stdout) as { files: Array<{ issues: Array<{ rule: string; severity: string; location: { cell?: string; sheet?: string } }> }> }).files[0]!.issues;
    const formula = issues.find((i) => i.rule === "formula-cell");
    expect(formula, JSON.stringify(issues)).toMatchObject({ severity: "warning", location: { sheet: "社会救助", cell: "G8" } });
    expect(issues.filter((i) => i.rule === "required-field")).toEqual([]);
  });

  it("--annotate returns the workbook with the failing cell noted and a 问题汇总 sheet", async () => {
    const dir = scratch();
    const r = await zwgk(["validate", sample("政务服务事项-广安区.xlsx"), "--annotate", "批注.xlsx"], { cwd: dir });
    expect(r.code).toBe(1);
    const wb = await openWorkbook(readFileSync(join(dir, "批注.xlsx")));
    expect(wb.sheets[0]!.name).toBe("问题汇总");
    expect(wb.sheets.map((s) => s.name)).toContain("政务服务事项");
  });

  it("bad files: not a zip, truncated, empty, no header — exit 2, file named, no output left", async () => {
    const dir = scratch();
    const good = readFileSync(sample("社会救助-标准目录.xlsx"));
    writeFileSync(join(dir, "csv.xlsx"), "序号,公开事项\n1,政策\n");
    writeFileSync(join(dir, "cut.xlsx"), good.subarray(0, Math.floor(good.length / 2)));
    writeFileSync(join(dir, "empty.xlsx"), new Uint8Array());
    const ExcelJS = (await import("exceljs")).default;
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet("Sheet1").getCell("A1").value = "会议纪要";
    await blank.xlsx.writeFile(join(dir, "noheader.xlsx"));
    for (const f of ["csv.xlsx", "cut.xlsx", "empty.xlsx", "noheader.xlsx"]) {
      const r = await zwgk(["convert", f, "--out", `${f}.json`], { cwd: dir });
      expect(r.code, `${f}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(f);
      expect(r.stderr).not.toMatch(/^ +at /m);
      expect(r.stderr).not.toContain("内部错误");
      expect(existsSync(join(dir, `${f}.json`))).toBe(false);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("zwgk convert and template", () => {
  it("xlsx → json → xlsx → json keeps the catalog", async () => {
    const dir = scratch();
    expect((await zwgk(["convert", sample("社会救助-标准目录.xlsx"), "--out", "a.json"], { cwd: dir })).code).toBe(0);
    expect((await zwgk(["convert", "a.json", "--out", "b.xlsx"], { cwd: dir })).code).toBe(0);
    expect((await zwgk(["convert", "b.xlsx", "--out", "c.json"], { cwd: dir })).code).toBe(0);
    const a = JSON.parse(readFileSync(join(dir, "a.json"), "utf8")) as { entries: Array<{ source?: unknown }> };
    const c = JSON.parse(readFileSync(join(dir, "c.json"), "utf8")) as { entries: Array<{ source?: unknown }> };
    const strip = (x: { entries: Array<{ source?: unknown }> }) => x.entries.map(({ source: _s, ...rest }) => rest);
    expect(a.entries).toHaveLength(12);
    expect(strip(c)).toEqual(strip(a));
    const yaml = await zwgk(["convert", "a.json", "--out", "a.yaml"], { cwd: dir });
    const xml = await zwgk(["convert", "a.yaml", "--out", "a.xml"], { cwd: dir });
    const back = await zwgk(["convert", "a.xml", "--out", "d.json"], { cwd: dir });
    expect([yaml.code, xml.code, back.code]).toEqual([0, 0, 0]);
    expect(JSON.parse(readFileSync(join(dir, "d.json"), "utf8"))).toEqual(a);
  });

  it("xlsx → json/yaml/xml streams the entries and writes exactly what the whole catalog gives", async () => {
    const dir = scratch();
    const { writeCatalogJson, writeCatalogYaml, writeCatalogXml } = await import("@zwgk/catalog-core");
    const whole = { json: writeCatalogJson, yaml: writeCatalogYaml, xml: writeCatalogXml };
    // A column with data but no header is found mid-sheet (the header, written first, would lack
    // it): that sheet is converted whole instead, with the same result.
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("社会救助");
    ws.addRow(["某县社会救助领域基层政务公开标准目录"]);
    ws.addRow(["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体"]);
    ws.addRow([1, "政策文件", "低保政策", "政策全文", "《社会救助暂行办法》", "20个工作日内", "县民政局"]);
    ws.addRow([2, null, "低保标准", "标准", "同上", "20个工作日内", "县民政局", null, "另记一列"]);
    ws.mergeCells("B3:B4");
    await wb.xlsx.writeFile(join(dir, "late-column.xlsx"));
    for (const file of ["社会救助-标准目录.xlsx", "政务服务事项-广安区.xlsx", "权责清单-交通运输.xlsx", join(dir, "late-column.xlsx")]) {
      const path = file.startsWith("/") ? file : sample(file);
      const [catalog] = await readCatalogs(readFileSync(path), { file: path });
      for (const format of ["json", "yaml", "xml"] as const) {
        const r = await zwgk(["convert", path, "--out", `out.${format}`], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        expect(readFileSync(join(dir, `out.${format}`), "utf8"), `${file} → ${format}`).toBe(whole[format](catalog!));
      }
    }
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("template: a blank workbook that imports back as an empty catalog of its kind, stamped", async () => {
    const dir = scratch();
    const r = await zwgk(["template", "standard", "--domain", "社会救助", "--out", "模板.xlsx"], { cwd: dir });
    expect(r.code).toBe(0);
    const [catalog] = await readCatalogs(readFileSync(join(dir, "模板.xlsx")), { file: "模板.xlsx" });
    expect(catalog!.kind).toBe("standard");
    expect(catalog!.source?.template).toEqual({ id: "standard", version: "1.0" });
  });
});

describe("zwgk.config.json jurisdiction", () => {
  it("applies to workbooks as to text catalogs: validated, and carried into conversions", async () => {
    const dir = scratch();
    // A city code for a county catalog: the division-code rule can only see it if the config reaches the workbook.
    writeFileSync(join(dir, "zwgk.config.json"), JSON.stringify({ jurisdiction: { name: "宝坻区", level: "县", code: "120100" } }));
    const r = await zwgk(["validate", sample("社会救助-标准目录.xlsx"), "--format", "json"], { cwd: dir });
    const report = JSON.parse(r.stdout) as { files: Array<{ issues: Array<{ rule: string; message: string }> }> };
    expect(report.files[0]!.issues.map((i) => [i.rule, i.message])).toEqual([
      ["division-code", "「行政区划代码」「120100」是市级代码，与所填层级「县」不一致。"],
    ]);
    const converted = await zwgk(["convert", sample("社会救助-标准目录.xlsx"), "--out", "社会救助.json"], { cwd: dir });
    expect(converted.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "社会救助.json"), "utf8")).jurisdiction).toEqual({ name: "宝坻区", level: "县", code: "120100" });
  });
});

describe("zwgk template", () => {
  it("warns about an unknown domain with the closest one, and a template without a domain validates with findings at cells only", async () => {
    const dir = scratch();
    const typo = await zwgk(["template", "standard", "--domain", "社会求助", "--out", "a.xlsx"], { cwd: dir });
    expect(typo.code).toBe(0);
    expect(typo.stderr).toContain("领域「社会求助」不是26个试点领域之一，是否应为「社会救助」？");
    const known = await zwgk(["template", "standard", "--domain", "社会救助领域", "--out", "b.xlsx"], { cwd: dir });
    expect(known.stderr).not.toContain("警告");

    await zwgk(["template", "standard", "--out", "c.xlsx"], { cwd: dir });
    const r = await zwgk(["validate", "c.xlsx", "--format", "json"], { cwd: dir });
    const issues = (JSON.parse(r.stdout) as { files: Array<{ issues: Array<{ rule: string; location: { cell?: string; path?: string } }> }> }).files[0]!.issues;
    expect(issues.map((i) => [i.rule, i.location.cell])).toEqual([["unknown-domain", "A1"]]);
    expect(r.code).toBe(0);
  });
});
