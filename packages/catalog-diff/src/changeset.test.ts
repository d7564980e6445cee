import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Catalog, DisclosureEntry, StandardCatalog } from "@zwgk/catalog-schemas";
import { applyChangeSet, ChangeSetError, replayHistory, revertChangeSet } from "./apply.js";
import { invertChangeSet, toChangeSet, type ChangeSet } from "./changeset.js";
import { diffCatalogs } from "./diff.js";
import { parseChangeSet } from "./parse-changeset.js";
import { devReformSupplementary, socialAssistanceCatalog, transportPowerCatalog } from "./fixtures.js";

const META = { author: "宝坻区民政局", reason: "按民办函〔2019〕52号调整社会救助公开标准", approval: "民办函〔2019〕52号", effectiveDate: "2024-07-01" };

/** Key-order-independent JSON of a catalog without entry sources, entries sorted: "equal in everything but source and order". */
function canon(catalog: Catalog): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, stable((v as Record<string, unknown>)[k])]))
        : v;
  const { entries, ...header } = catalog;
  const rows = (entries as object[]).map((e) => {
    const { source: _s, ...rest } = e as { source?: unknown };
    return JSON.stringify(stable(rest));
  });
  return JSON.stringify({ header: stable(header), entries: rows.sort() });
}

function edited(): StandardCatalog {
  const b = socialAssistanceCatalog();
  const e = (i: number) => b.entries[i] as DisclosureEntry;
  e(0).timeLimit = { raw: "信息形成或者变更之日起20个工作日内" };
  e(1).items = ["综合业务", "监督投诉"];
  e(2).extra = [{ name: "公开时长", value: "长期" }];
  delete e(4).subject;
  b.entries.splice(9, 1);
  b.entries.splice(3, 0, { items: ["最低生活保障", "资金发放"], content: "低保金发放情况", timeLimit: { raw: "每月10日前" } });
  b.version = "2024版";
  return b;
}

describe("toChangeSet / applyChangeSet / revertChangeSet", () => {
  it("records who, why, the approval and the changes, without entry sources", () => {
    const cs = toChangeSet(diffCatalogs(socialAssistanceCatalog(), edited()), META);
    expect(cs).toMatchObject({ ...META, kind: "standard" });
    expect(cs.changes.map((c) => c.op)).toEqual(["header", "remove", "rename", "update", "update", "update", "add"]);
    const remove = cs.changes[1]!;
    expect(remove.op === "remove" && remove.entry.source).toBeUndefined();
    expect(JSON.stringify(cs)).not.toContain("社会救助-标准目录.xlsx");
  });

  it("turns the old version into the new one and back", () => {
    const old = socialAssistanceCatalog();
    const next = edited();
    const cs = toChangeSet(diffCatalogs(old, next, { ignore: [] }), META);
    const applied = applyChangeSet(old, cs);
    expect(canon(applied)).toBe(canon(next));
    expect(applied.entries.map((e) => (e as DisclosureEntry).items.join("/"))).toEqual(next.entries.map((e) => e.items.join("/")));
    expect(canon(revertChangeSet(next, cs))).toBe(canon(old));
    expect(canon(old)).toBe(canon(socialAssistanceCatalog()));
  });

  it("applies immutably, sharing unchanged entries", () => {
    const old = socialAssistanceCatalog();
    const cs = toChangeSet(diffCatalogs(old, edited()), META);
    const applied = applyChangeSet(old, cs);
    expect(applied).not.toBe(old);
    expect(old.entries).toHaveLength(12);
    expect(applied.entries[6]).toBe(old.entries[5]);
  });

  it("refuses a stale change set, naming the entry, field and both values", () => {
    const old = socialAssistanceCatalog();
    const cs = toChangeSet(diffCatalogs(old, edited()), META);
    (old.entries[0] as DisclosureEntry).timeLimit = { raw: "制定或获取信息之日起5个工作日内" };
    let error: unknown;
    try {
      applyChangeSet(old, cs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChangeSetError);
    const issues = (error as ChangeSetError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ op: "update", entry: "综合业务 / 政策", field: "timeLimit", expected: "制定或获取信息之日起10个工作日内", actual: "制定或获取信息之日起5个工作日内" });
    expect((error as Error).message).toContain("事项“综合业务 / 政策”（社会救助 第4行）的“公开时限”应为“制定或获取信息之日起10个工作日内”，实际为“制定或获取信息之日起5个工作日内”");
    expect((error as Error).message).toContain("变更集可能已过期");
  });

  it("refuses to apply twice", () => {
    const cs = toChangeSet(diffCatalogs(socialAssistanceCatalog(), edited()), META);
    const once = applyChangeSet(socialAssistanceCatalog(), cs);
    expect(() => applyChangeSet(once, cs)).toThrow(ChangeSetError);
    try {
      applyChangeSet(once, cs);
    } catch (e) {
      const messages = (e as ChangeSetError).issues.map((i) => i.message);
      expect(messages).toContain("找不到事项“临时救助 / 政策”");
      expect(messages).toContain("事项“最低生活保障 / 资金发放”已存在，不能重复新增");
      expect(messages.some((m) => m.includes("“版本”应为“（空）”，实际为“2024版”"))).toBe(true);
    }
  });

  it("refuses a removal whose entry changed since", () => {
    const old = socialAssistanceCatalog();
    const cs = toChangeSet(diffCatalogs(old, edited()), META);
    (old.entries[9] as DisclosureEntry).content = "《国务院关于全面建立临时救助制度的通知》（修订）";
    expect(() => applyChangeSet(old, cs)).toThrow(/事项“临时救助 \/ 政策”（社会救助 第13行）的“公开内容（要素）”应为/);
  });

  it("refuses a change set for another kind of catalog", () => {
    const cs = toChangeSet(diffCatalogs(socialAssistanceCatalog(), edited()), META);
    expect(() => applyChangeSet(transportPowerCatalog(), cs)).toThrow("该变更集适用于标准目录，不能应用到权责清单");
  });

  it("updates powers found by code, and reverts a code change", () => {
    const old = transportPowerCatalog();
    const next = transportPowerCatalog();
    next.entries[3]!.code = "000117004001";
    next.entries[0]!.name = "公路超限运输车辆行驶公路许可";
    const cs = toChangeSet(diffCatalogs(old, next), { ...META, author: "交通运输局" });
    const update = cs.changes.find((c) => c.op === "update")!;
    expect(update).toMatchObject({ target: { code: "000117004000" }, to: { code: "000117004001" } });
    expect(canon(applyChangeSet(old, cs))).toBe(canon(next));
    expect(canon(revertChangeSet(next, cs))).toBe(canon(old));
    expect(invertChangeSet(invertChangeSet(cs))).toEqual(cs);
  });

  it("puts unmodelled columns back in place", () => {
    const old = devReformSupplementary();
    const next = devReformSupplementary();
    (next.entries[0] as DisclosureEntry).extra = [{ name: "责任科室", value: "办公室" }, { name: "公开时长", value: "长期,最新有效" }];
    delete (next.entries[1] as DisclosureEntry).extra;
    const cs = toChangeSet(diffCatalogs(old, next), META);
    expect(applyChangeSet(old, cs).entries.slice(0, 2).map((e) => e.extra)).toEqual([next.entries[0]!.extra, undefined]);
    expect(revertChangeSet(next, cs).entries[1]!.extra).toEqual(old.entries[1]!.extra);
  });
});

describe("replayHistory", () => {
  it("applies the change sets effective on or before the date, in date order", () => {
    const v0 = socialAssistanceCatalog();
    const v1 = structuredClone(v0);
    (v1.entries[0] as DisclosureEntry).timeLimit = { raw: "信息形成或者变更之日起20个工作日内" };
    const v2 = structuredClone(v1);
    v2.entries.splice(1, 1);
    const cs1 = toChangeSet(diffCatalogs(v0, v1), { ...META, id: "2024-01", effectiveDate: "2024-01-01" });
    const cs2 = toChangeSet(diffCatalogs(v1, v2), { ...META, id: "2024-06", effectiveDate: "2024-06-01" });
    const history = [cs2, cs1];
    expect(canon(replayHistory(v0, history, "2023-12-31"))).toBe(canon(v0));
    expect(canon(replayHistory(v0, history, "2024-01-01"))).toBe(canon(v1));
    expect(canon(replayHistory(v0, history, "2024-05-31"))).toBe(canon(v1));
    expect(canon(replayHistory(v0, history, "2025-01-01"))).toBe(canon(v2));
  });
});

describe("parseChangeSet", () => {
  it("accepts a change set after a JSON round trip", () => {
    const cs = toChangeSet(diffCatalogs(socialAssistanceCatalog(), edited()), META);
    expect(parseChangeSet(JSON.parse(JSON.stringify(cs)))).toEqual(cs);
  });

  it.each([
    [null, "变更集 应为 JSON 对象"],
    [{ ...META, kind: "list", changes: [] }, "kind 应为 standard、supplementary、power、service 之一"],
    [{ ...META, author: " ", kind: "standard", changes: [] }, "author 应为非空字符串"],
    [{ ...META, effectiveDate: "2024-02-30", kind: "standard", changes: [] }, "effectiveDate 不是有效日期：2024-02-30"],
    [{ ...META, effectiveDate: "2024/07/01", kind: "standard", changes: [] }, "effectiveDate 应为 YYYY-MM-DD 格式的日期"],
    [{ ...META, kind: "standard", changes: [{ op: "move" }] }, "changes[0].op 应为 add、remove、update、rename、header 之一"],
    [{ ...META, kind: "standard", changes: [{ op: "update", target: { path: [] }, patches: [] }] }, "changes[0].target.path 应为非空的事项名称数组"],
    [{ ...META, kind: "standard", changes: [{ op: "add", target: { path: ["a"] }, entry: { name: "a" } }] }, "changes[0].entry.items 应为非空的公开事项数组"],
    [{ ...META, kind: "power", changes: [{ op: "update", target: { path: ["a"] }, patches: [{ old: 1 }] }] }, "changes[0].patches[0].field 应为非空字符串"],
  ])("rejects %j", (value, message) => {
    expect(parseChangeSet(value)).toEqual({ error: `变更集格式错误：${message}` });
  });
});

// Property: for random edits of a catalog, apply(old, toChangeSet(diff(old, new))) equals new in
// everything but entry source and order, and revert(new, cs) equals old.
const LIMITS = ["信息形成或者变更之日起20个工作日内", "制定或获取信息之日起10个工作日内", "每年1月31日前", "实时公开"];
const CHANNELS = [["政府网站"], ["政府网站", "公开查阅点"], ["便民服务站", "入户/现场", "政府网站"]];
const AUDIENCES = [["全社会"], ["特定群众"], ["全社会", "特定群众"]];
const L1 = ["最低生活保障", "特困人员救助供养", "临时救助", "受灾人员救助", "医疗救助"];
const L2 = ["政策文件", "办事指南", "审核确认", "资金发放", "监督电话", "年度统计", "对象名单", "标准调整"];

const entryArb = fc.record({
  content: fc.constantFrom("办理条件、申请材料", "救助对象名单", "资金发放情况", "政策原文及解读"),
  limit: fc.integer({ min: 0, max: LIMITS.length - 1 }),
  channel: fc.integer({ min: 0, max: CHANNELS.length - 1 }),
  audience: fc.integer({ min: 0, max: AUDIENCES.length - 1 }),
  duration: fc.option(fc.constantFrom("长期", "任期内", "1年"), { nil: undefined }),
});
type Spec = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

function build(items: string[], s: Spec, row: number): DisclosureEntry {
  const e: DisclosureEntry = {
    items,
    content: s.content,
    timeLimit: { raw: LIMITS[s.limit]! },
    channels: { selected: [...CHANNELS[s.channel]!] },
    audience: [...AUDIENCES[s.audience]!],
    source: { sheet: "Sheet1", row },
  };
  if (s.duration) e.extra = [{ name: "公开时长", value: s.duration }];
  return e;
}

describe("change set property", () => {
  it("apply(old, cs) ≡ new and revert(new, cs) ≡ old", () => {
    const names = L1.flatMap((a) => L2.map((b) => [a, b]));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: names.length - 1 }), { minLength: 2, maxLength: 20 }),
        fc.array(entryArb, { minLength: 20, maxLength: 20 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.constantFrom("edit", "remove", "rename"), entryArb), { maxLength: 8 }),
        fc.uniqueArray(fc.integer({ min: 0, max: names.length - 1 }), { maxLength: 4 }),
        fc.integer(),
        (picked, specs, edits, addedNames, seed) => {
          const old: StandardCatalog = { schemaVersion: "1.0", kind: "standard", entries: picked.map((n, i) => build([...names[n]!], specs[i]!, i + 4)) };
          const next = structuredClone(old);
          const used = new Set(picked);
          const removed = new Set<number>();
          for (const [i, op, spec] of edits) {
            if (i >= next.entries.length || removed.has(i)) continue;
            if (op === "remove") removed.add(i);
            else if (op === "edit") next.entries[i] = build(next.entries[i]!.items, spec, 100 + i);
            else next.entries[i]!.items = [next.entries[i]!.items[0]!, `${next.entries[i]!.items[1]}（调整）`];
          }
          next.entries = next.entries.filter((_, i) => !removed.has(i));
          for (const n of addedNames) if (!used.has(n)) next.entries.push(build([...names[n]!], specs[n % 20]!, 200 + n));
          // Shuffle deterministically: order alone is not a change.
          next.entries.sort((a, b) => ((a.items.join().length * 7919 + seed) % 13) - ((b.items.join().length * 7919 + seed) % 13));
          const cs = toChangeSet(diffCatalogs(old, next, { ignore: [] }), META);
          const parsed = parseChangeSet(JSON.parse(JSON.stringify(cs))) as ChangeSet;
          const applied = applyChangeSet(old, parsed);
          expect(canon(applied)).toBe(canon(next));
          const d = diffCatalogs(applied, next);
          expect([d.added.length, d.removed.length, d.renamed.length, d.changed.length]).toEqual([0, 0, 0, 0]);
          expect(canon(revertChangeSet(next, parsed))).toBe(canon(old));
        },
      ),
      { numRuns: 200 },
    );
  });
});
