import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Catalog } from "@zwgk/catalog-schemas";
import { samplePath } from "../../../../test/support/samples.js";
import { buildWorkbook } from "../fixtures/build.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { CatalogLoadError, catalogFormatOf, loadCatalogBytes, validateCatalogBytes } from "./load.js";

const example = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../examples/${name}`, import.meta.url)));
const enc = (s: string) => new TextEncoder().encode(s);

async function loadError(p: Promise<unknown>): Promise<CatalogLoadError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CatalogLoadError);
  return e as CatalogLoadError;
}

describe("catalogFormatOf", () => {
  it("tells every format we read by extension, case-insensitively, and nothing else", () => {
    expect(["a.XLSX", "a.xlsm", "a.json", "b/c.yml", "c.yaml", "d.XML"].map(catalogFormatOf)).toEqual(["xlsx", "xlsx", "json", "yaml", "yaml", "xml"]);
    expect(["a.xls", "a.csv", "README", "dir.json/x"].map(catalogFormatOf)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("loadCatalogBytes", () => {
  it("reads a sample workbook into one catalog per table sheet, named by the file", async () => {
    const bytes = new Uint8Array(readFileSync(samplePath("社会救助-标准目录.xlsx")));
    const loaded = await loadCatalogBytes(bytes, { file: "社会救助-标准目录.xlsx", inflate: nodeInflate });
    expect(loaded).toHaveLength(1);
    expect(loaded[0]!.file).toBe("社会救助-标准目录.xlsx");
    expect((loaded[0]!.catalog as Catalog).entries).toHaveLength(12);
  });

  it("reads a JSON catalog with the line of each entry", async () => {
    const [loaded] = await loadCatalogBytes(example("社会救助-标准目录.json"), { file: "社会救助.json" });
    expect((loaded!.catalog as Catalog).kind).toBe("standard");
    expect(loaded!.lines?.get("/entries/0")).toBeGreaterThan(1);
  });

  it("names the file and the line of a broken text catalog", async () => {
    const e = await loadError(loadCatalogBytes(enc('{\n  "kind": "standard",\n  "entries": [\n}'), { file: "坏.json" }));
    expect(e).toMatchObject({ file: "坏.json", code: "syntax" });
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/坏\.json/);
  });

  it("turns a file that is not a workbook into a located Chinese error, not a crash", async () => {
    const e = await loadError(loadCatalogBytes(enc("not a zip at all"), { file: "假的.xlsx" }));
    expect(e).toMatchObject({ file: "假的.xlsx", code: "not-zip" });
    expect(e.message).toMatch(/不是有效的 \.xlsx/);
  });

  it("names the sheet of a workbook it cannot read as a catalog", async () => {
    const data = await buildWorkbook([{ name: "随便写写", rows: [["天气", "心情"], ["晴", "好"]] }]);
    const e = await loadError(loadCatalogBytes(data, { file: "杂表.xlsx", inflate: nodeInflate }));
    expect(e.file).toBe("杂表.xlsx");
    expect(e.code).toMatch(/no-header|no-sheet/);
  });

  it("rejects an extension it does not read, with what to do", async () => {
    const e = await loadError(loadCatalogBytes(enc("x"), { file: "旧表.xls" }));
    expect(e).toMatchObject({ code: "unsupported-format", file: "旧表.xls" });
    expect(e.hint).toMatch(/另存为 \.xlsx/);
  });

  it("applies each reader's own limits from one list and names the limit hit", async () => {
    const limits = { maxBytes: 10, maxRows: 3 };
    const text = await loadError(loadCatalogBytes(example("社会救助-标准目录.json"), { file: "a.json", limits }));
    expect(text).toMatchObject({ code: "limit", limit: "maxBytes" });
    const bytes = new Uint8Array(readFileSync(samplePath("社会救助-标准目录.xlsx")));
    const xlsx = await loadError(loadCatalogBytes(bytes, { file: "b.xlsx", limits, inflate: nodeInflate }));
    expect(xlsx).toMatchObject({ code: "limit", limit: "maxRows", file: "b.xlsx" });
  });
});

describe("validateCatalogBytes", () => {
  it("reports a text catalog's findings at the line of their entry", async () => {
    const broken = JSON.parse(new TextDecoder().decode(example("社会救助-标准目录.json"))) as { entries: Array<Record<string, unknown>> };
    delete broken.entries[1]!["basis"];
    const [report] = await validateCatalogBytes(enc(JSON.stringify(broken, null, 2)), { file: "社会救助.json" });
    expect(report).toMatchObject({ file: "社会救助.json", kind: "standard", entries: broken.entries.length });
    const missing = report!.findings.find((f) => f.rule === "required-field" && f.location.field === "basis");
    expect(missing?.location).toMatchObject({ entry: 1 });
    expect(missing?.location.line).toBeGreaterThan(1);
  });

  it("validates a workbook as validateWorkbook does, with errors mapped to CatalogLoadError", async () => {
    const bytes = new Uint8Array(readFileSync(samplePath("政务服务事项-广安区.xlsx")));
    const reports = await validateCatalogBytes(bytes, { file: "政务服务事项-广安区.xlsx", inflate: nodeInflate });
    expect(reports[0]).toMatchObject({ kind: "service", entries: 600 });
    expect(reports[0]!.findings.some((f) => f.location.cell === "C26" && f.location.sheet === "政务服务事项")).toBe(true);
    await loadError(validateCatalogBytes(bytes.subarray(0, bytes.length / 2), { file: "半截.xlsx", inflate: nodeInflate }));
  });
});
