import { describe, expect, it } from "vitest";
import type { Catalog, DisclosureEntry, StandardCatalog } from "@zwgk/catalog-schemas";
import { validateCatalogShape } from "@zwgk/catalog-schemas";
import { readCatalogs, writeCatalogXlsx } from "@zwgk/catalog-xlsx";
import { nodeInflate } from "@zwgk/catalog-xlsx/node";
import { DeriveError } from "./errors.js";
import { loadOne } from "./test-support.js";
import { DEFAULT_TOWNSHIP, villageList, villageRowMarks, withVillageLayout } from "./village.js";

const isVillageLevel = (e: DisclosureEntry) => (e.levels ?? []).some((l) => /[村居]/.test(l));
const placeOf = (file: string | undefined, row: number | undefined) => `${file}#${row}`;

describe("villageList from the 社会救助 and 户籍管理 samples", () => {
  it("holds every 村-level entry of its inputs exactly once, each pointing back to its catalog and row", async () => {
    const inputs = [await loadOne("社会救助-标准目录.xlsx"), await loadOne("户籍管理-标准目录.xlsx")] as StandardCatalog[];
    const r = villageList(inputs, { township: "大口屯镇人民政府" });
    const village = inputs.flatMap((c) => c.entries.filter(isVillageLevel).map((e) => placeOf(c.source?.file, e.source?.row)));
    expect(village.length).toBeGreaterThan(0);
    const listed = r.rows.flatMap((row) => row.sources.map((s) => placeOf(s.file, s.row)));
    for (const place of village) expect(listed.filter((p) => p === place), place).toHaveLength(1);
    // Every row's content is its source's, and the township is the 责任单位.
    for (const row of r.rows) {
      const entry = r.catalog.entries[row.index]!;
      const from = row.sources[0]!;
      const source = inputs.find((c) => c.source?.file === from.file)!.entries.find((e) => e.source?.row === from.row)!;
      expect(entry.items).toEqual(source.items);
      expect(entry.content).toBe(source.content);
      expect(entry.timeLimit).toEqual(source.timeLimit);
      expect(entry.subject).toBe("大口屯镇人民政府");
      expect(entry.channels?.selected).toContain("社区/企事业单位/村公示栏（电子屏）");
      expect(entry.source?.derivedFrom).toEqual({ ...from, rule: "村居清单" });
      expect(row.note).toContain(`${from.file} ${from.sheet}!第${from.row}行`);
    }
    // 户籍管理 is disclosed at 区级/乡级 on 政府网站 and 入户/现场: none of it belongs to a village list.
    expect(r.rows.every((row) => row.sources[0]!.file === "社会救助-标准目录.xlsx")).toBe(true);
    expect(r.catalog.title).toBe("大口屯镇人民政府村（居）政务公开事项清单");
    expect(validateCatalogShape(r.catalog).ok).toBe(true);
  });

  it("lists an item once when several domains list it, naming every source", async () => {
    const social = (await loadOne("社会救助-标准目录.xlsx")) as StandardCatalog;
    // The 养老服务 catalog of the same county also lists 特困人员救助供养 / 政策.
    const shared = social.entries.find((e) => e.items.join("/") === "特困人员救助供养/政策")!;
    const elderly: StandardCatalog = {
      ...social,
      title: "宝坻区养老服务领域基层政务公开标准目录",
      domain: "养老服务",
      source: { file: "养老服务-标准目录.xlsx", sheet: "养老服务" },
      entries: [
        { ...structuredClone(shared), source: { file: "养老服务-标准目录.xlsx", sheet: "养老服务", row: 9 } },
        { items: ["高龄津贴", "发放名单"], content: "领取对象、标准", levels: ["乡级"], source: { file: "养老服务-标准目录.xlsx", sheet: "养老服务", row: 10 } },
        { items: ["养老机构", "备案信息"], content: "备案的养老机构名单", levels: ["县级"], source: { file: "养老服务-标准目录.xlsx", sheet: "养老服务", row: 11 } },
      ],
    };
    const r = villageList([social, elderly]);
    const rows = r.rows.filter((row) => r.catalog.entries[row.index]!.items.join("/") === "特困人员救助供养/政策");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sources.map((s) => placeOf(s.file, s.row))).toEqual([placeOf("社会救助-标准目录.xlsx", shared.source?.row), placeOf("养老服务-标准目录.xlsx", 9)]);
    expect(rows[0]!.note).toContain("亦见：标准目录 养老服务-标准目录.xlsx 养老服务!第9行");
    // A focus-domain item disclosed at 乡级 is in; one disclosed at 县级 only is not.
    const names = r.catalog.entries.map((e) => e.items.join("/"));
    expect(names).toContain("高龄津贴/发放名单");
    expect(r.rows.find((row) => r.catalog.entries[row.index]!.items[0] === "高龄津贴")?.reasons).toEqual(["focus"]);
    expect(names).not.toContain("养老机构/备案信息");
    expect(r.catalog.entries.every((e) => e.subject === DEFAULT_TOWNSHIP)).toBe(true);
  });

  it("takes an entry whose channels include a village notice board, whatever its level", async () => {
    const huji = (await loadOne("户籍管理-标准目录.xlsx")) as StandardCatalog;
    const board = structuredClone(huji);
    board.entries[2]!.channels = { raw: "政府网站 村务公开栏", selected: ["政府网站", "村务公开栏"] };
    const r = villageList([board]);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.reasons).toEqual(["channel"]);
    expect(r.catalog.entries[0]!.items).toEqual(board.entries[2]!.items);
    expect(r.catalog.entries[0]!.channels?.selected).toEqual(["社区/企事业单位/村公示栏（电子屏）"]);
  });

  it("rejects a 权责清单 as input", async () => {
    const list = await loadOne("权责清单-交通运输.xlsx");
    expect(() => villageList([list])).toThrow(DeriveError);
    expect(() => villageList([list])).toThrow(/村（居）清单从标准目录或补充目录形成/);
  });
});

describe("withVillageLayout", () => {
  it("writes the village layout (事项, 公开内容, 公开时限, 公开方式和载体, 责任单位) that reads back as the list", async () => {
    const r = villageList([await loadOne("社会救助-标准目录.xlsx")], { township: "大口屯镇人民政府" });
    const layout = withVillageLayout(r);
    const bytes = await writeCatalogXlsx(layout, { rowMarks: villageRowMarks(r) });
    const [read] = (await readCatalogs(bytes, { file: "村居清单.xlsx", inflate: nodeInflate })) as Catalog[];
    expect(read!.source?.columns?.map((c) => c.header)).toEqual(["序号", "公开事项/一级事项", "公开事项/二级事项", "公开内容", "公开时限", "公开方式和载体", "责任单位"]);
    expect(read!.source?.columns?.map((c) => c.field)).toEqual(["seq", "items.0", "items.1", "content", "timeLimit", "channels", "subject"]);
    expect(read!.title).toBe("大口屯镇人民政府村（居）政务公开事项清单");
    const strip = (e: DisclosureEntry) => ({ items: e.items, content: e.content, timeLimit: e.timeLimit, channels: e.channels?.selected, subject: e.subject });
    expect((read!.entries as DisclosureEntry[]).map(strip)).toEqual(r.catalog.entries.map(strip));
    expect(read!.entries.map((e) => e.seq)).toEqual(r.catalog.entries.map((_, i) => String(i + 1)));
  });
});
