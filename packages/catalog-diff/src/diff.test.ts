import { describe, expect, it } from "vitest";
import type { DisclosureEntry, PowerEntry } from "@zwgk/catalog-schemas";
import { diffCatalogs } from "./diff.js";
import { devReformSupplementary, socialAssistanceCatalog, transportPowerCatalog } from "./fixtures.js";

const entry = (catalog: { entries: unknown[] }, i: number) => catalog.entries[i] as DisclosureEntry;

describe("diffCatalogs", () => {
  it("finds nothing between a catalog and itself", () => {
    const d = diffCatalogs(socialAssistanceCatalog(), socialAssistanceCatalog());
    expect([d.added, d.removed, d.renamed, d.changed, d.header]).toEqual([[], [], [], [], []]);
    expect(d.unchanged).toBe(12);
    expect(d.files).toEqual({ old: "社会救助-标准目录.xlsx", new: "社会救助-标准目录.xlsx" });
  });

  it("does not count row order, 序号 or source rows as changes", () => {
    const b = socialAssistanceCatalog();
    b.entries.reverse();
    b.entries.forEach((e, i) => {
      e.seq = String(i + 1);
      e.source = { file: "社会救助-2024.xlsx", sheet: "Sheet1", row: i + 3 };
    });
    const d = diffCatalogs(socialAssistanceCatalog(), b);
    expect(d.changed).toEqual([]);
    expect(d.unchanged).toBe(12);
  });

  it("compares 序号 when asked to", () => {
    const b = socialAssistanceCatalog();
    entry(b, 0).seq = "1-1";
    const d = diffCatalogs(socialAssistanceCatalog(), b, { ignore: [] });
    expect(d.changed.map((c) => c.changes.map((x) => x.field))).toEqual([["seq"]]);
  });

  it("reports field-level changes with labels and both rows", () => {
    const b = socialAssistanceCatalog();
    entry(b, 4).timeLimit = { raw: "信息形成或者变更之日起20个工作日内" };
    entry(b, 4).channels = { raw: "■政府网站 □公开查阅点", selected: ["政府网站"], unselected: ["公开查阅点"] };
    entry(b, 4).audience = ["特定群众"];
    entry(b, 4).source = { file: "新.xlsx", sheet: "社会救助", row: 20 };
    const d = diffCatalogs(socialAssistanceCatalog(), b);
    expect(d.changed).toHaveLength(1);
    const c = d.changed[0]!;
    expect(c.matchedBy).toBe("path");
    expect(c.old.source).toEqual({ file: "社会救助-标准目录.xlsx", sheet: "社会救助", row: 8 });
    expect(c.new.source?.row).toBe(20);
    expect(c.changes.map((x) => [x.field, x.label, x.oldText, x.newText])).toEqual([
      ["timeLimit", "公开时限", "制定或获取信息之日起10个工作日内", "信息形成或者变更之日起20个工作日内"],
      ["channels", "公开渠道和载体", "政府网站、公开查阅点、社区/企事业单位/村公示栏（电子屏）", "政府网站"],
      ["audience", "公开对象", "全社会", "特定群众"],
    ]);
  });

  it("compares by meaning: set order, mark spellings, spacing and parsed forms are not changes", () => {
    const b = socialAssistanceCatalog();
    const e = entry(b, 2);
    e.channels = { raw: "■社区/企事业单位/村公示栏（电子屏） ■政府网站 ■公开查阅点", selected: ["社区/企事业单位/村公示栏（电子屏）", "政府网站", "公开查阅点"] };
    e.method = ["主动公开"];
    e.levels = ["乡、村级", "区级"];
    e.timeLimit = { raw: " 制定或获取信息之日起10个工作日内", parsed: { type: "relative", amount: 10, unit: "工作日" } };
    e.basis = { raw: "《信息公开条例》及相关规定", documents: [{ title: "信息公开条例" }] };
    expect(diffCatalogs(socialAssistanceCatalog(), b).changed).toEqual([]);
  });

  it("reports unmodelled columns by their header", () => {
    const b = devReformSupplementary();
    entry(b, 1).extra = [{ name: "公开时长", value: "长期" }];
    entry(b, 2).extra = [...entry(b, 2).extra!, { name: "责任科室", value: "办公室" }];
    const d = diffCatalogs(devReformSupplementary(), b);
    expect(d.changed.flatMap((c) => c.changes.map((x) => [x.field, x.label, x.oldText, x.newText]))).toEqual([
      ["extra.公开时长", "公开时长", "任期内", "长期"],
      ["extra.责任科室", "责任科室", "", "办公室"],
    ]);
    expect(d.changed[1]!.changes[0]!.index).toBe(1);
  });

  it("lists added and removed entries with their rows", () => {
    const b = socialAssistanceCatalog();
    b.entries.splice(11, 1);
    b.entries.push({ items: ["临时救助", "资金使用"], content: "临时救助资金筹集和使用情况" });
    const d = diffCatalogs(socialAssistanceCatalog(), b);
    expect(d.removed.map((r) => [r.index, r.source?.row, (r.entry as DisclosureEntry).items.join("/")])).toEqual([[11, 15, "临时救助/审批"]]);
    expect(d.added.map((a) => [a.index, a.source, (a.entry as DisclosureEntry).items.join("/")])).toEqual([[11, undefined, "临时救助/资金使用"]]);
    expect(d.renamed).toEqual([]);
  });

  it("recognises a rename among the leftovers by name similarity and agreeing fields", () => {
    const b = socialAssistanceCatalog();
    entry(b, 3).items = ["最低生活保障", "办事指南（低保）"];
    const d = diffCatalogs(socialAssistanceCatalog(), b);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.renamed).toHaveLength(1);
    const r = d.renamed[0]!;
    expect(r.matchedBy).toBe("similarity");
    expect(r.similarity).toBeGreaterThan(0.8);
    expect(r.changes.map((c) => [c.field, c.oldText, c.newText])).toEqual([["items", "最低生活保障 / 办事指南", "最低生活保障 / 办事指南（低保）"]]);
  });

  it("keeps a different procedure as remove + add, not a rename (审批 → 审核)", () => {
    const b = socialAssistanceCatalog();
    entry(b, 11).items = ["临时救助", "审核"];
    const d = diffCatalogs(socialAssistanceCatalog(), b);
    expect(d.renamed).toEqual([]);
    expect(d.removed.map((r) => (r.entry as DisclosureEntry).items.join("/"))).toEqual(["临时救助/审批"]);
    expect(d.added.map((a) => (a.entry as DisclosureEntry).items.join("/"))).toEqual(["临时救助/审核"]);
  });

  it("does not pair unrelated leftovers, even when their other fields agree", () => {
    const b = socialAssistanceCatalog();
    entry(b, 7).items = ["临时救助", "资金发放"];
    const d = diffCatalogs(socialAssistanceCatalog(), b);
    expect(d.renamed).toEqual([]);
    expect([d.added.length, d.removed.length]).toEqual([1, 1]);
  });

  it("matches powers by code, so a new name is a rename and a changed code under the same name an update", () => {
    const b = transportPowerCatalog();
    const permit = b.entries[0] as PowerEntry;
    permit.name = "公路超限运输车辆行驶公路许可";
    const construction = b.entries[3] as PowerEntry;
    construction.code = "000117004001";
    const d = diffCatalogs(transportPowerCatalog(), b);
    expect(d.renamed.map((r) => [r.matchedBy, r.old.entry.code, r.changes.map((c) => c.label)])).toEqual([["code", "000117003000", ["事项名称"]]]);
    expect(d.changed.map((c) => [c.matchedBy, c.changes.map((x) => [x.field, x.oldText, x.newText])])).toEqual([
      ["path", [["code", "000117004000", "000117004001"]]],
    ]);
  });

  it("reports catalog-level changes", () => {
    const b = socialAssistanceCatalog();
    b.version = "2024版";
    b.title = "宝坻区社会救助领域基层政务公开标准目录（2024年修订）";
    b.source = { file: "other.xlsx" };
    const d = diffCatalogs(socialAssistanceCatalog(), b);
    expect(d.header.map((h) => [h.field, h.label, h.oldText, h.newText])).toEqual([
      ["title", "标题", "宝坻区社会救助领域基层政务公开标准目录", "宝坻区社会救助领域基层政务公开标准目录（2024年修订）"],
      ["version", "版本", "", "2024版"],
    ]);
  });

  it("stays correct with duplicate names: pairs them first with first", () => {
    const a = socialAssistanceCatalog();
    a.entries.push(structuredClone(a.entries[0]!));
    const b = structuredClone(a);
    entry(b, 12).content = "《社会救助暂行办法》（2019年修订）";
    const d = diffCatalogs(a, b);
    expect(d.changed.map((c) => [c.old.index, c.new.index])).toEqual([[12, 12]]);
  });
});
