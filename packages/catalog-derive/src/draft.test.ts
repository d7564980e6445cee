import { describe, expect, it } from "vitest";
import type { Catalog, DisclosureEntry, PowerCatalog, PowerEntry, ServiceCatalog, StandardCatalog } from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION, validateCatalogShape } from "@zwgk/catalog-schemas";
import { builtinRules, entryName, POWER_TYPES, statutoryWorkingDays, validateCatalog } from "@zwgk/catalog-core";
import { analyzeCatalogs } from "@zwgk/catalog-diff";
import { readCatalogs, writeCatalogXlsx } from "@zwgk/catalog-xlsx";
import { nodeInflate } from "@zwgk/catalog-xlsx/node";
import { draftCatalog, draftRowMarks, isPending, type DraftResult } from "./draft.js";
import { DeriveError } from "./errors.js";
import { ROW_FILLS } from "./provenance.js";
import { type DerivationSubject, rulesFor } from "./table.js";
import { loadOne, tenTypeList } from "./test-support.js";

/** The power/service entries the gap analysis — the check `zwgk check` runs — reports as not covered. */
// The lists and the catalog are one body here (the analysis compares one body at a time).
function gapsOf(lists: readonly Catalog[], catalog: Catalog): string[] {
  return analyzeCatalogs([...lists, catalog], { checks: { duplicate: false, conflict: false, "level-mismatch": false }, oneBody: true })
    .filter((f) => f.kind === "gap")
    .flatMap((f) => f.entries.filter((e) => e.catalog < lists.length && e.index >= 0).map((e) => `${e.catalog}:${e.index}`));
}

const drafted = (r: DraftResult) => r.added.map((a) => r.catalog.entries[a.index] as DisclosureEntry);
const fromPower = (r: DraftResult, code: string) => drafted(r).filter((e) => e.source?.derivedFrom?.code === code);

describe("draftCatalog from 权责清单-交通运输.xlsx", () => {
  it("drafts, for every power, the entries the table names for its type, each field as the issue prescribes", async () => {
    const list = (await loadOne("权责清单-交通运输.xlsx")) as PowerCatalog;
    const r = draftCatalog([list]);
    const expected = list.entries.flatMap((p) => rulesFor(p.type as DerivationSubject).map((rule) => [p.source?.row, rule.id]));
    expect(drafted(r).map((e) => [e.source?.derivedFrom?.row, e.source?.derivedFrom?.rule])).toEqual(expected);
    expect(r.alreadyCovered).toBe(0);

    const permit = list.entries[0]!; // 公路超限运输许可, 行政许可, row 3
    const guide = drafted(r).find((e) => e.code === permit.code);
    const result = drafted(r).find((e) => e.code === `${permit.code}-2`);
    expect(guide!.items).toEqual(["公路超限运输许可", "办事指南"]);
    expect(guide!.code).toBe("000117003000");
    expect(result!.items).toEqual(["公路超限运输许可", "许可结果"]);
    expect(result!.code).toBe("000117003000-2");
    // 公开依据: the item's 实施依据, then the 条例 clause; 条款内容 readable by the analysis.
    expect(guide!.basis!.raw).toBe(`${permit.basis!.raw}；《中华人民共和国政府信息公开条例》第二十条第（五）项、第（八）项`);
    expect(guide!.basis!.documents?.map((d) => d.title)).toEqual(["中华人民共和国公路法", "公路安全保护条例", "中华人民共和国政府信息公开条例"]);
    expect(guide!.clause).toBe("第二十条(五)、第二十条(八)");
    // 公开时限: decisions within 7 working days, the guide within 20.
    expect(result!.timeLimit?.parsed).toEqual({ type: "relative", anchor: "作出行政决定", amount: 7, unit: "工作日" });
    expect(statutoryWorkingDays(guide!.timeLimit!.parsed!)).toBe(20);
    // 公开主体, 公开层级: the list states neither, so both come from its title (and the note says so).
    expect(guide!.subject).toBe("恭城瑶族自治县交通运输局");
    expect(guide!.levels).toEqual(["县级"]);
    expect(r.added[0]!.note).toContain("按清单标题推定为县级");
    expect(guide!.audience).toEqual(["全社会"]);
    expect(guide!.method).toEqual(["主动"]);
    // 公开属性 待认定, for a person; where it came from.
    expect(guide!.attribute).toBeUndefined();
    expect(guide!.extra).toEqual([{ name: "公开属性", value: "待认定" }]);
    expect(isPending(guide!)).toBe(true);
    expect(guide!.source).toEqual({
      derivedFrom: {
        rule: "行政许可/办事指南",
        kind: "power",
        file: "权责清单-交通运输.xlsx",
        sheet: "行政职权",
        row: 3,
        code: "000117003000",
        name: "公路超限运输许可",
        type: "行政许可",
      },
    });
    // Sub-items keep their 子项 as a level.
    expect(drafted(r).find((e) => e.code === "000117010001")?.items).toEqual(["道路运输经营许可", "道路旅客运输经营许可", "办事指南"]);
  });

  it("gives a catalog the analysis finds no power gap in, and that passes every built-in rule without an error", async () => {
    const list = await loadOne("权责清单-交通运输.xlsx");
    const r = draftCatalog([list]);
    expect(gapsOf([list], { schemaVersion: SCHEMA_VERSION, kind: "standard", entries: [] })).toHaveLength(list.entries.length);
    expect(gapsOf([list], r.catalog)).toEqual([]);
    expect(r.remainingGaps).toEqual([]);
    expect(validateCatalogShape(r.catalog).ok).toBe(true);
    const errors = validateCatalog(r.catalog, { rules: builtinRules }).filter((f) => f.severity === "error");
    expect(errors).toEqual([]);
  });

  it("rejects inputs that are not 权责清单/公共服务事项清单, and an --into that is not a disclosure catalog", async () => {
    const standard = await loadOne("社会救助-标准目录.xlsx");
    const list = await loadOne("权责清单-交通运输.xlsx");
    expect(() => draftCatalog([standard])).toThrow(DeriveError);
    expect(() => draftCatalog([list], { into: list as never })).toThrow(/只能并入标准目录或补充目录/);
    expect(() => draftCatalog([])).toThrow(DeriveError);
  });
});

describe("draftCatalog on a 权责清单 with all ten power types", () => {
  it("drafts each power by the rules of its type (a legacy type as 其他行政权力, with a note)", async () => {
    const list = await tenTypeList();
    const r = draftCatalog([list]);
    const types = new Set<string>();
    for (const p of list.entries) {
      const mine = fromPower(r, p.code!);
      const subject = (POWER_TYPES.some((t) => t.name === p.type) ? p.type : "其他行政权力") as DerivationSubject;
      types.add(subject);
      expect(mine.map((e) => e.source?.derivedFrom?.rule), p.name).toEqual(rulesFor(subject).map((x) => x.id));
      for (const e of mine) {
        expect(e.subject).toBe("某县住房和城乡建设局");
        expect(e.levels).toEqual(p.level === "县级、乡级" ? ["县级", "乡级"] : ["县级"]);
        const decision = /许可结果|处罚决定/.test(e.items.at(-1)!);
        expect(statutoryWorkingDays(e.timeLimit!.parsed!), e.items.join("/")).toBe(decision ? 7 : 20);
      }
    }
    expect(types.size).toBe(10);
    const legacy = r.added.find((a) => (r.catalog.entries[a.index] as DisclosureEntry).code === "001114009000")!;
    expect(legacy.note).toContain("权力类型“审核转报”是旧分类，已按“其他行政权力”起草");
    expect(gapsOf([list], r.catalog)).toEqual([]);
    expect(validateCatalog(r.catalog, { rules: builtinRules }).filter((f) => f.severity === "error")).toEqual([]);
  });
});

/** What a clerk does to a draft: edits a content, confirms an attribute, adds an entry of their own. */
function editByHand(catalog: StandardCatalog): StandardCatalog {
  const edited = structuredClone(catalog);
  edited.entries[0]!.content = "许可依据、条件、程序、材料（按本局实际修改）";
  const confirmed = edited.entries[1]!;
  confirmed.attribute = "主动公开";
  delete confirmed.extra;
  edited.entries.push({ items: ["机关信息", "机构职能"], content: "本局职能、内设机构、联系方式", method: ["主动"], audience: ["全社会"], levels: ["县级"] });
  return edited;
}

describe("draftCatalog --into (动态调整)", () => {
  it("adds exactly the powers the gap analysis says are missing, and never changes an existing entry", async () => {
    const list = await loadOne("权责清单-交通运输.xlsx");
    // A catalog a person wrote: one entry covers both 道路运输经营许可 sub-items by name.
    const into: StandardCatalog = {
      schemaVersion: SCHEMA_VERSION,
      kind: "standard",
      title: "交通运输局政务公开标准目录",
      entries: [{ items: ["道路运输经营许可", "办事指南"], content: "许可条件、材料、程序", method: ["主动"], audience: ["全社会"], levels: ["县级"] }],
    };
    const before = structuredClone(into);
    const missing = gapsOf([list], into);
    const r = draftCatalog([list], { into });
    const draftedFrom = [...new Set(drafted(r).map((e) => `0:${list.entries.findIndex((p) => p.source?.row === e.source?.derivedFrom?.row)}`))];
    expect(draftedFrom).toEqual(missing);
    expect(r.alreadyCovered).toBe(list.entries.length - missing.length);
    expect(r.alreadyCovered).toBeGreaterThan(0);
    expect(r.catalog.entries[0]).toBe(into.entries[0]);
    expect(into).toEqual(before);
    expect(gapsOf([list], r.catalog)).toEqual([]);
  });

  it("after a power is removed: lists that power's entries as deletion candidates, adds nothing, keeps every human edit (JSON)", async () => {
    const list = await tenTypeList();
    const first = editByHand(draftCatalog([list]).catalog as StandardCatalog);
    const snapshot = structuredClone(first);
    const removed = list.entries.find((p) => p.type === "行政强制")!;
    const shorter: PowerCatalog = { ...list, entries: list.entries.filter((p) => p !== removed) };
    const r = draftCatalog([shorter], { into: first });
    expect(r.added).toEqual([]);
    const expected = first.entries.flatMap((e, i) => (e.source?.derivedFrom?.code === removed.code ? [i] : []));
    expect(expected).toHaveLength(2);
    expect(r.deletionCandidates.map((d) => d.index)).toEqual(expected);
    expect(r.deletionCandidates[0]!.reason).toContain("查封施工现场");
    expect(r.catalog.entries).toEqual(snapshot.entries);
    expect(first).toEqual(snapshot);
    expect(gapsOf([shorter], r.catalog)).toEqual([]);
  });

  it("the same through Excel: the draft read back from .xlsx is linked by 事项编码, human edits kept", async () => {
    const list = await tenTypeList();
    const result = draftCatalog([list]);
    const bytes = await writeCatalogXlsx(result.catalog, { rowMarks: draftRowMarks(result) });
    const [read] = await readCatalogs(bytes, { file: "草稿.xlsx", inflate: nodeInflate });
    const first = editByHand(read as StandardCatalog);
    const snapshot = structuredClone(first);
    // Re-run on the same list: nothing missing, nothing to delete.
    const same = draftCatalog([list], { into: first });
    expect([same.added.length, same.deletionCandidates.length]).toEqual([0, 0]);
    const removed = list.entries.find((p) => p.type === "行政给付")!;
    const r = draftCatalog([{ ...list, entries: list.entries.filter((p) => p !== removed) } as PowerCatalog], { into: first });
    expect(r.added).toEqual([]);
    const names = r.deletionCandidates.map((d) => d.name);
    expect(names).toEqual(["城镇住房保障家庭租赁补贴发放 / 给付政策", "城镇住房保障家庭租赁补贴发放 / 给付结果"]);
    expect(r.catalog.entries).toEqual(snapshot.entries);
    // The human entry (no code) and the confirmed one are not candidates.
    expect(r.deletionCandidates.some((d) => d.name === "机关信息 / 机构职能")).toBe(false);
  });

  it("judges only the kinds of list given: without the service list, service-derived entries are not candidates", async () => {
    const list = await loadOne("权责清单-交通运输.xlsx");
    const services = (await loadOne("政务服务事项-广安区.xlsx")) as ServiceCatalog;
    const few: ServiceCatalog = { ...services, entries: services.entries.slice(0, 5) };
    const both = draftCatalog([list, few]).catalog;
    expect(draftCatalog([list], { into: both }).deletionCandidates).toEqual([]);
    const fewer: ServiceCatalog = { ...few, entries: few.entries.slice(1) };
    expect(draftCatalog([list, fewer], { into: both }).deletionCandidates.map((d) => d.name)).toEqual([`${few.entries[0]!.name} / 办事指南`]);
  });

  it("marks drafted rows yellow with where they came from, candidates red with the reason", async () => {
    const list = await tenTypeList();
    const first = draftCatalog([list]).catalog as StandardCatalog;
    const removed = list.entries[0]!;
    const r = draftCatalog([{ ...list, entries: list.entries.slice(1) } as PowerCatalog], { into: first });
    const marks = draftRowMarks(r);
    expect(marks).toHaveLength(r.catalog.entries.length);
    expect(marks[0]).toEqual({ fill: ROW_FILLS.delete, note: r.deletionCandidates[0]!.reason });
    // Still-pending rows of the existing catalog stay highlighted.
    expect(marks[2]?.fill).toBe(ROW_FILLS.confirm);
    expect(marks[2]?.note).toContain(list.entries[1]!.code!);
    expect(r.deletionCandidates[0]!.reason).toContain(removed.name);
    const fresh = draftCatalog([list]);
    const note = draftRowMarks(fresh)[0]!.note;
    expect(note).toContain("权责清单 权责清单-住建.xlsx");
    expect(note).toContain("000114001000 建设工程规划许可证核发（行政许可）");
    expect(note).toContain("规则：行政许可/办事指南");
  });
});

describe("draftCatalog from 政务服务事项-广安区.xlsx (600 services)", () => {
  it("drafts one 办事指南 per service with the eight elements, and leaves no service gap", async () => {
    const services = (await loadOne("政务服务事项-广安区.xlsx")) as ServiceCatalog;
    const r = draftCatalog([services]);
    const names = new Set(services.entries.map((s) => entryName(s)));
    expect(r.added).toHaveLength(names.size);
    const e = r.catalog.entries[0] as DisclosureEntry;
    expect(e.items).toEqual([services.entries[0]!.name, "办事指南"]);
    expect(e.content).toBe("办理依据、受理单位、基本流程、申请材料、示范文本及常见错误示例、收费依据及标准、办理时限、咨询方式");
    expect(e.code).toBe(services.entries[0]!.code);
    expect(e.subject).toBe(services.entries[0]!.subject);
    expect(e.source?.derivedFrom).toMatchObject({ rule: "公共服务/办事指南", kind: "service", row: 2, type: "其他行政权力" });
    expect(gapsOf([services], r.catalog)).toEqual([]);
  });

  it("a power list and a service list together: every power and service covered", async () => {
    const lists = [await loadOne("权责清单-交通运输.xlsx"), await loadOne("政务服务事项-广安区.xlsx")];
    const r = draftCatalog(lists);
    expect(gapsOf(lists, r.catalog)).toEqual([]);
    expect(new Set(r.catalog.entries.map((e) => (e as DisclosureEntry).items.join("\u0001"))).size).toBe(r.catalog.entries.length);
    const entry = r.catalog.entries[0] as PowerEntry | DisclosureEntry;
    expect("items" in entry).toBe(true);
  });
});
