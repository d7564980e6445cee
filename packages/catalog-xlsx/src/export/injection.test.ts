import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Catalog, DisclosureEntry, PowerEntry } from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION } from "@zwgk/catalog-schemas";
import { parseBasis, type Finding } from "@zwgk/catalog-core";
import { buildWorkbook, standardHeader } from "../fixtures/build.js";
import { readCatalogs } from "../import/read.js";
import { columnLetter, openWorkbook } from "../reader/index.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { parseZip } from "../reader/zip.js";
import { annotateWorkbook } from "./annotate.js";
import { type DiffWorkbookInput, writeDiffWorkbook } from "./diff.js";
import { cellText } from "./sheet.js";
import { writeTemplate } from "./template.js";
import { writeCatalogXlsx } from "./write.js";

// Formula injection: text from a catalog, a finding or a diff that starts like a formula must land
// in a text cell, never in <f>. Checked with our own reader, which reports <f> as `formula`.

const RISKY = [
  '=HYPERLINK("http://example.invalid","点此查看")',
  "=cmd|' /C calc'!A0",
  "+86 028-12345678",
  "-1+1",
  "@SUM(A1:A3)",
  "  =1+1",
  "\t=1+1",
  "＝SUM(A1)",
  "＋1",
  "－1",
  "=公开目录!A1&\"同上\"",
];

interface SeenCell {
  sheet: string;
  ref: string;
  text: string;
  formula: string | undefined;
}

async function cells(bytes: Uint8Array): Promise<SeenCell[]> {
  const wb = await openWorkbook(bytes, { inflate: nodeInflate });
  const out: SeenCell[] = [];
  for (const sheet of wb.sheets) {
    for await (const row of wb.readSheet(sheet)) {
      for (const c of row.cells) out.push({ sheet: sheet.name, ref: `${columnLetter(c.col)}${row.index}`, text: c.text, formula: c.formula });
    }
  }
  return out;
}

/** Every risky text is a cell's whole value (as text) somewhere, and no cell has a formula. */
function expectTextOnly(seen: SeenCell[], texts: readonly string[]) {
  expect(seen.filter((c) => c.formula !== undefined)).toEqual([]);
  const values = new Set(seen.map((c) => c.text));
  expect(texts.filter((t) => !values.has(t))).toEqual([]);
}

/** The inflated XML of every part whose name matches. */
function partsXml(bytes: Uint8Array, name: RegExp): string[] {
  const zip = parseZip(bytes);
  return zip.entries
    .filter((e) => name.test(e.name))
    .map((e) => {
      const raw = zip.rawData(e);
      return new TextDecoder().decode(e.method === 0 ? raw : inflateRawSync(raw));
    });
}

const powerCatalog = (): Catalog => ({
  schemaVersion: SCHEMA_VERSION,
  kind: "power",
  title: "=某局权责清单",
  entries: RISKY.map((t, i) => ({ seq: String(i + 1), type: t, name: t, subItem: t, basis: parseBasis(t), remark: t, extra: [{ name: "@备注", value: t }] })),
});

describe("formula injection on export", () => {
  it("writeCatalogXlsx: risky values, title, extra headers and mark labels are text cells", async () => {
    const standard: Catalog = {
      schemaVersion: SCHEMA_VERSION,
      kind: "standard",
      title: "+社会救助领域基层政务公开标准目录",
      domain: "社会救助",
      entries: RISKY.map((t, i) => ({ seq: String(i + 1), items: [t, t], content: t, subject: t, audience: ["=全社会"], method: ["主动"], levels: ["-县级"], extra: [{ name: "=备注", value: t }] })),
    };
    for (const catalog of [powerCatalog(), standard]) {
      const bytes = await writeCatalogXlsx(catalog);
      const seen = await cells(bytes);
      expectTextOnly(seen, [...RISKY, catalog.title as string]);
      // And the import gives the texts back.
      const [again] = await readCatalogs(bytes, { inflate: nodeInflate });
      const names = (again?.entries ?? []).map((e) => (e as PowerEntry).name ?? (e as DisclosureEntry).content);
      expect(names).toEqual(RISKY.map((t) => t.trim()));
    }
    const std = await cells(await writeCatalogXlsx({ schemaVersion: SCHEMA_VERSION, kind: "standard", entries: [{ items: ["a"], audience: ["=全社会"], levels: ["-县级"] }] }));
    expect(std.map((c) => c.text)).toEqual(expect.arrayContaining(["=全社会", "-县级"]));
  });

  it("writeTemplate: a risky domain and 公开层级 labels become text, and no list validation carries them", async () => {
    const levels = ["=1+1", "+市级", "-县级", "@乡级", " ＝村级"];
    const bytes = await writeTemplate("standard", { domain: "=社会救助", levels, rows: 20 });
    const seen = await cells(bytes);
    expectTextOnly(seen, ["=社会救助领域基层政务公开标准目录", ...levels]);
    expect(seen[0]?.sheet).toBe("=社会救助");
    // The only list formulas are our own (√); the user's labels never reach a <formula1>.
    const formulas = partsXml(bytes, /worksheets\/sheet\d+\.xml$/).flatMap((xml) => [...xml.matchAll(/<formula1>([^<]*)<\/formula1>/g)].map((m) => m[1]));
    expect(new Set(formulas)).toEqual(new Set(["&quot;√&quot;"]));
  });

  it("annotateWorkbook: risky messages, hints, rule ids and sheet names are text; the only formulas are our quoted links", async () => {
    const sheet = '=社会"救助\'科';
    const [top, sub] = standardHeader();
    const original = await buildWorkbook([{ name: sheet, rows: [top as string[], sub as string[], ["1", "最低生活保障", "审批", "=D3 不是公式"]] }]);
    const findings: Finding[] = [
      { rule: "@rule", severity: "error", message: RISKY[0] as string, hint: RISKY[1] as string, location: { sheet, cell: "D3", row: 3 } },
      { rule: "-x", severity: "warning", message: RISKY[2] as string, hint: RISKY[7] as string, location: { sheet, cell: "B3" } },
      // A cell that is not an A1 reference (a finding read from a file) is neither looked up nor linked.
      { rule: "x", severity: "warning", message: "+不是单元格", location: { sheet, cell: 'A1",WEBSERVICE("http://example.invalid")&"' } },
    ];
    const bytes = await annotateWorkbook(original, findings);
    const seen = await cells(bytes);
    const links = seen.filter((c) => c.formula !== undefined);
    expect(links.map((c) => [c.sheet, c.ref, c.formula])).toEqual([
      ["问题汇总", "C2", `HYPERLINK("#'=社会""救助''科'!D3","'=社会""救助''科'!D3")`],
      ["问题汇总", "C3", `HYPERLINK("#'=社会""救助''科'!B3","'=社会""救助''科'!B3")`],
    ]);
    expectTextOnly(seen.filter((c) => c.formula === undefined), [RISKY[0], RISKY[1], RISKY[2], RISKY[7], "@rule", "-x", "+不是单元格", "=D3 不是公式"] as string[]);
    expect(seen.find((c) => c.ref === "C4" && c.sheet === "问题汇总")?.text).toBe(`'=社会"救助''科'!A1",WEBSERVICE("http://example.invalid")&"`);
  });

  it("writeDiffWorkbook: risky entries, field labels and old/new texts are text cells", async () => {
    const catalog = powerCatalog();
    const removed = { ...(catalog.entries[0] as PowerEntry), name: "=已删除事项()" };
    const diff: DiffWorkbookInput = {
      files: { old: "=旧.xlsx", new: "+新.xlsx" },
      added: [{ index: 1 }],
      removed: [{ entry: removed }],
      renamed: [{ old: { entry: { ...removed, name: "@旧名称" } }, new: { index: 2 }, changes: [] }],
      changed: [{ new: { index: 3 }, changes: [{ field: "remark", label: "=备注", oldText: "-旧值", newText: RISKY[3] as string }] }],
      header: [{ field: "title", label: "+标题", oldText: "=旧标题", newText: "@新标题" }],
      unchanged: 0,
    };
    const seen = await cells(await writeDiffWorkbook(diff, catalog));
    expectTextOnly(seen, [...RISKY, "=已删除事项()", "=备注", "-旧值", "+标题", "=旧标题", "@新标题"]);
    // The old name of a renamed power is shown with its 子项 (entryName).
    expect(seen.some((c) => c.sheet === "变更摘要" && c.text.startsWith("@旧名称"))).toBe(true);
  });
});

describe("cellText", () => {
  it("escapes what a cell's XML cannot carry, and text that looks like an escape", () => {
    expect(cellText("最低生活保障")).toBe("最低生活保障");
    expect(cellText("a\u000bb\rc\u0000")).toBe("a_x000B_b_x000D_c_x0000_");
    expect(cellText("_x0041_ and _x005F_x0041_ and _xZZ_")).toBe("_x005F_x0041_ and _x005F_x005F_x005F_x0041_ and _xZZ_");
    expect(cellText("\t\n")).toBe("\t\n");
  });

  it("round-trips such text through writeCatalogXlsx and readCatalogs", async () => {
    const odd = ["第一行\r\n第二行", "a\u000bb", "_x000D_ 字面", "_x005F_x0041_", "\ufffe"];
    const catalog: Catalog = { schemaVersion: SCHEMA_VERSION, kind: "power", entries: odd.map((t, i) => ({ seq: String(i + 1), name: `事项${i}`, remark: `前${t}后` })) };
    const [again] = await readCatalogs(await writeCatalogXlsx(catalog), { inflate: nodeInflate });
    expect((again?.entries as PowerEntry[]).map((e) => e.remark)).toEqual(odd.map((t) => `前${t}后`));
  });
});
