import { describe, expect, it } from "vitest";
import type { Catalog, DisclosureEntry } from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION } from "@zwgk/catalog-schemas";
import { buildWorkbook, standardHeader } from "../fixtures/build.js";
import { readCatalogs } from "../import/read.js";
import { columnLetter, openWorkbook } from "../reader/index.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { safeSheetName } from "./sheet.js";
import { writeCatalogXlsx } from "./write.js";

// Cases the cross-format round-trip property found: each once changed a catalog on export.

const read = async (data: Uint8Array) => (await readCatalogs(data, { file: "x.xlsx", inflate: nodeInflate }))[0] as Catalog;
const again = async (catalog: Catalog) => read(await writeCatalogXlsx(catalog));

async function cells(bytes: Uint8Array): Promise<Record<string, string>> {
  const wb = await openWorkbook(bytes, { inflate: nodeInflate });
  const out: Record<string, string> = {};
  for await (const row of wb.readSheet(wb.sheets[0]!)) for (const c of row.cells) out[`${columnLetter(c.col)}${row.index}`] = c.text;
  return out;
}

describe("export fidelity", () => {
  it("keeps blank spacer columns and blank rows of a department's sheet, so cell references stay valid", async () => {
    const data = await buildWorkbook([
      {
        name: "权责清单",
        rows: [
          ["某县交通运输局权责清单"],
          ["序号", "权力类型", "事项名称", null, "实施依据", "备注"],
          [1, "行政许可", "公路超限运输许可", null, "《公路法》第七十六条"],
          [],
          [2, "行政处罚", "对擅自超限运输的处罚", null, "《公路法》第七十六条", "同上"],
        ],
      },
    ]);
    const original = await read(data);
    expect(original.entries.map((e) => e.source?.row)).toEqual([3, 5]);
    const bytes = await writeCatalogXlsx(original);
    expect(await again(original)).toEqual(original);
    expect(await cells(bytes)).toMatchObject({ E3: "《公路法》第七十六条", F5: "同上" });
  });

  it("writes 公开渠道 “同上” as 同上, not as the list it stands for", async () => {
    const [top, sub] = standardHeader();
    const data = await buildWorkbook([
      {
        name: "社会救助",
        rows: [top as string[], sub as string[], [1, "临时救助", "政策", "政策文件", null, null, null, "■政府网站 □政府公报"], [2, "临时救助", "结果", "救助结果", null, null, null, "同上"]],
        merges: ["B1:C1"],
      },
    ]);
    const original = await read(data);
    expect((original.entries[1] as DisclosureEntry).channels).toMatchObject({ raw: "同上", selected: ["政府网站"] });
    const bytes = await writeCatalogXlsx(original);
    expect((await cells(bytes)).H4).toBe("同上");
    expect(await again(original)).toEqual(original);
  });

  it("does not take a row holding only 主动公开 under a header merged down two rows for a third header row", async () => {
    const [top, sub] = standardHeader();
    const data = await buildWorkbook([
      {
        name: "社会救助",
        rows: [
          [...(top as string[]), "公开属性"],
          sub as string[],
          [null, null, null, null, null, null, null, null, null, null, null, null, null, null, "主动公开"],
          [2, "临时救助", "救助结果", "救助对象、救助金额", null, null, null, null, "√", null, "√", null, "√", null, "依申请公开"],
        ],
        merges: ["B1:C1", "O1:O2"],
      },
    ]);
    const catalog = await read(data);
    expect(catalog.source?.headerRows).toEqual([1, 2]);
    expect(catalog.entries.map((e) => (e as DisclosureEntry).attribute)).toEqual(["主动公开", "依申请公开"]);
    expect(catalog.source?.columns?.at(-1)).toEqual({ column: "O", header: "公开属性", field: "attribute" });
  });

  it("writes an extra named 父/子 under a two-row header as one cell", async () => {
    const catalog = { schemaVersion: SCHEMA_VERSION, kind: "standard", domain: "社会救助", entries: [{ items: ["临时救助", "救助结果"], extra: [{ name: "办理/时限", value: "20日" }] }] } as Catalog;
    const back = await again(catalog);
    expect(back.entries[0]?.extra).toEqual([{ name: "办理/时限", value: "20日" }]);
    expect(back.source?.headerRows).toEqual([2, 3]);
  });

  it("of two columns with one header, puts a value back into the column it was read from", async () => {
    const data = await buildWorkbook([
      {
        name: "权责清单",
        rows: [
          ["序号", "权力类型", "事项名称", "附注", "说明", "附注"],
          [1, "行政许可", "公路超限运输许可", null, "按日办理", "第二列的附注"],
        ],
      },
    ]);
    const original = await read(data);
    expect(original.entries[0]?.extra).toEqual([{ name: "说明", value: "按日办理" }, { name: "附注", value: "第二列的附注" }]);
    const written = await cells(await writeCatalogXlsx(original));
    expect([written.D2, written.F2]).toEqual([undefined, "第二列的附注"]);
    expect(await again(original)).toEqual(original);
  });

  it("keeps an extra that reads as a mark (√) out of the flag column of its header", async () => {
    const catalog = {
      schemaVersion: SCHEMA_VERSION,
      kind: "supplementary",
      entries: [
        { items: ["财政预算"], audience: ["全社会"] },
        { items: ["财政决算"], extra: [{ name: "公开对象/全社会", value: "√" }] },
      ],
    } as Catalog;
    const back = await again(catalog);
    expect(back.entries.map((e) => [(e as DisclosureEntry).audience ?? null, e.extra ?? null])).toEqual([
      [["全社会"], null],
      [null, [{ name: "公开对象/全社会", value: "√" }]],
    ]);
  });

  it("makes sheet names Excel accepts and reads back the same", () => {
    expect(safeSheetName("社会\u0000救助\u007f")).toBe("社会_救助_");
    expect(safeSheetName("'引号'")).toBe("引号");
    expect(safeSheetName("History")).toBe("History_");
    expect(safeSheetName(" \u0001 ")).toBe("_");
    expect(safeSheetName("")).toBe("目录");
    const long = `${"目".repeat(30)}😀`;
    expect(safeSheetName(long)).toBe("目".repeat(30));
    for (const name of ["社会\u0000救助", "'a'", "History", long]) expect(safeSheetName(safeSheetName(name))).toBe(safeSheetName(name));
  });

  it("writes the official title for a blank one", async () => {
    const back = await again({ schemaVersion: SCHEMA_VERSION, kind: "power", title: " ", entries: [{ name: "公路超限运输许可" }] } as Catalog);
    expect(back).toMatchObject({ title: "权责清单", source: { headerRows: [2] } });
  });
});
