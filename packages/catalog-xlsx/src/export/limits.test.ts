// Writers never produce a workbook their own reader refuses or reads differently: what Excel cannot
// hold is refused at write time with a Chinese message naming the entry and column; what it can hold
// escaped (lone surrogates, control characters at the edges) comes back unchanged.
import { describe, expect, it } from "vitest";
import type { Catalog, DisclosureEntry, StandardCatalog } from "@zwgk/catalog-schemas";
import { readCatalogs } from "../import/read.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { CatalogWriteError, DEFAULT_MAX_WRITE_ROWS } from "./errors.js";
import { writeCatalogXlsx } from "./write.js";
import { writeDiffWorkbook } from "./diff.js";

function catalog(entries: Partial<DisclosureEntry>[]): StandardCatalog {
  return {
    kind: "standard",
    title: "社会救助领域基层政务公开标准目录",
    domain: "社会救助",
    entries: entries.map((e, i) => ({ items: ["最低生活保障", `事项${i}`], content: "名单", ...e })) as DisclosureEntry[],
  } as StandardCatalog;
}

const readBack = async (c: Catalog) => (await readCatalogs(await writeCatalogXlsx(c), { file: "x.xlsx", inflate: nodeInflate }))[0]!.entries as DisclosureEntry[];

async function refusal(run: Promise<unknown>): Promise<CatalogWriteError> {
  const e = await run.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(CatalogWriteError);
  expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
  return e as CatalogWriteError;
}

describe("xlsx writer limits", () => {
  it("refuses a 40,000-character value (over Excel's 32,767) naming the entry and column", async () => {
    const e = await refusal(writeCatalogXlsx(catalog([{}, { content: "公开".repeat(20_000) }])));
    expect(e.details).toMatchObject({ entry: 1, limit: "maxCellChars" });
    expect(e.message).toContain("第 2 项");
    expect(e.message).toContain("公开内容");
    expect(e.message).toContain("32767");
    // At the limit it is written and read back whole.
    const [, second] = await readBack(catalog([{}, { content: "公".repeat(32_767) }]));
    expect(second!.content).toHaveLength(32_767);
  });

  it("refuses more entries than it can build in memory, before any work, and says which format to use", async () => {
    // The default (100,000 rows, ~2 GB) is what stops a 1M-row catalog aborting the process; the same
    // check with a small maxRows keeps the test cheap.
    const e = await refusal(writeCatalogXlsx(catalog([{}, {}, {}]), { maxRows: 2 }));
    expect(e.details).toMatchObject({ limit: "maxWriteRows" });
    expect(e.message).toContain("3 个条目");
    expect(e.message).toContain(".json");
    expect(await readBack(catalog([{}, {}]))).toHaveLength(2);
    const big = { entries: { length: DEFAULT_MAX_WRITE_ROWS + 1 } } as unknown as Catalog;
    expect((await refusal(writeCatalogXlsx(big))).details).toMatchObject({ limit: "maxWriteRows" });
  });

  it("refuses 17,000 extra columns (Excel stops at 16,384) instead of an internal error", async () => {
    const extra = Array.from({ length: 17_000 }, (_, i) => ({ name: `其他${i}`, value: "x" }));
    const e = await refusal(writeCatalogXlsx(catalog([{ extra }])));
    expect(e.details).toMatchObject({ limit: "maxColumns" });
    expect(e.message).toContain("16384");
    await refusal(writeDiffWorkbook({ added: [], removed: [], renamed: [], changed: [], header: [], unchanged: 0, files: {} } as never, catalog([{ extra }])));
  });

  it("writes lone surrogates and edge control characters so that they read back unchanged", async () => {
    const texts = ["\ud800", "a\udfffb", "\u000b开头", "结尾\u000c", "\u000b", "x\u0001y"];
    const back = await readBack(catalog(texts.map((content) => ({ content }))));
    expect(back.map((e) => e.content)).toEqual(texts);
  });
});
