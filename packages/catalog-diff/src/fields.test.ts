import { describe, expect, it } from "vitest";
import { differingFields, EntryComparer, readField, sameFieldValue, writeField } from "./fields.js";
import { sameMarks } from "./marks.js";

const NONE = new Set<string>();

describe("sameFieldValue", () => {
  it.each([
    ["content", "办理条件、申请材料", "办理条件、 申请材料", false],
    ["content", "办理条件  申请材料", "办理条件 申请材料", true],
    ["subject", undefined, "", true],
    ["items", ["最低生活保障", "审批"], ["最低生活保障", "审批 "], true],
    ["items", ["最低生活保障", "审批"], ["最低生活保障", "审核"], false],
    ["basis", { raw: "《社会救助暂行办法》" }, { raw: "《社会救助暂行办法》", written: "同上" }, true],
    ["timeLimit", { raw: "每年1月31日前" }, { raw: "每年1月31日前", parsed: { type: "fixed", month: 1, day: 31 } }, true],
    ["channels", { selected: ["政府网站", "公开查阅点"] }, { raw: "■公开查阅点 ■政府网站", selected: ["公开查阅点", "政府网站"] }, true],
    ["channels", { selected: ["政府网站"] }, { selected: ["政府网站", "两微一端"] }, false],
    ["audience", ["特定群众"], ["特定群体"], true],
    ["method", ["主动", "依申请公开"], ["依申请", "主动公开"], true],
    ["levels", ["县级", "乡、村级"], ["区级", "乡村级"], true],
    ["levels", ["县级", "乡级"], ["县级", "乡、村级"], false],
    ["jurisdiction", { name: "宝坻区", level: "县" }, { level: "县", name: "宝坻区" }, true],
    ["jurisdiction", { name: "宝坻区", level: "县" }, { name: "宝坻区", level: "市" }, false],
  ])("%s: %j ≟ %j → %s", (field, a, b, same) => {
    expect(sameFieldValue(field, a, b)).toBe(same);
  });
});

describe("sameMarks", () => {
  it("compares mark lists as sets of canonical labels", () => {
    expect(sameMarks("audience", ["全社会", "特定群众"], ["特定群体", "全社会"])).toBe(true);
    expect(sameMarks("levels", ["区级", "镇级"], ["县级", "乡级"])).toBe(true);
    expect(sameMarks("levels", ["县级", "乡级"], ["县级", "乡、村级"])).toBe(false);
    expect(sameMarks("audience", ["全社会"], undefined)).toBe(false);
  });
});

describe("differingFields / readField / writeField", () => {
  it("lists model fields, then unmodelled columns by header; repeated headers get #2", () => {
    const a = { items: ["机构信息", "领导信息"], seq: "2", extra: [{ name: "备注", value: "a" }, { name: "备注", value: "b" }], source: { row: 5 } };
    const b = { items: ["机构信息", "领导信息"], seq: "3", content: "领导姓名", extra: [{ name: "备注", value: "a" }, { name: "备注", value: "c" }], source: { row: 9 } };
    expect(differingFields(a, b, new Set(["seq"]))).toEqual([
      { field: "content", new: "领导姓名" },
      { field: "extra.备注#2", old: "b", new: "c" },
    ]);
    expect(differingFields(a, b, NONE).map((d) => d.field)).toEqual(["seq", "content", "extra.备注#2"]);
    expect(readField(b, "extra.备注#2")).toBe("c");
  });

  it("writes fields and columns, deleting on undefined and inserting columns at their index", () => {
    const e: Record<string, unknown> = { items: ["a"], extra: [{ name: "公开时长", value: "长期" }] };
    writeField(e, "extra.责任科室", "办公室", 0);
    writeField(e, "content", "x");
    expect(e).toEqual({ items: ["a"], content: "x", extra: [{ name: "责任科室", value: "办公室" }, { name: "公开时长", value: "长期" }] });
    writeField(e, "extra.公开时长", undefined);
    writeField(e, "extra.责任科室", undefined);
    writeField(e, "content", undefined);
    expect(e).toEqual({ items: ["a"] });
  });
});

describe("EntryComparer (the fast test for pairs that differ in nothing)", () => {
  // Variants of one entry, each changed in one way: some change a field's meaning, some only its
  // spelling or the object's shape (key order, fields missing, unknown fields, unmodelled columns).
  const base = (): Record<string, unknown> => ({
    seq: "5",
    items: ["最低生活保障", "审核"],
    content: "初审对象名单及相关信息",
    basis: { raw: "《最低生活保障审核审批办法(试行)》" },
    timeLimit: { raw: "制定或获取信息之日起10个工作日内", parsed: { type: "relative", amount: 10, unit: "工作日" } },
    subject: "县级政府民政部门",
    channels: { raw: "■政府网站 ■公开查阅点", selected: ["政府网站", "公开查阅点"], unselected: [] },
    audience: ["全社会", "特定群众"],
    method: ["主动"],
    levels: ["县级", "乡级"],
    source: { file: "a.xlsx", sheet: "Sheet1", row: 8 },
  });
  const variants: [string, (e: Record<string, unknown>) => Record<string, unknown>][] = [
    ["the same", (e) => e],
    ["keys in another order", (e) => Object.fromEntries(Object.entries(e).reverse())],
    ["another source row", (e) => ({ ...e, source: { file: "b.xlsx", row: 99 } })],
    ["another 序号", (e) => ({ ...e, seq: "6" })],
    ["序号 missing", (e) => (delete e.seq, e)],
    ["content changed", (e) => ({ ...e, content: "初审对象名单" })],
    ["content with other white space", (e) => ({ ...e, content: "初审对象名单及相关信息 " })],
    ["content missing", (e) => (delete e.content, e)],
    ["content empty", (e) => ({ ...e, content: "" })],
    ["subject missing", (e) => (delete e.subject, e)],
    ["basis text changed", (e) => ({ ...e, basis: { raw: "《社会救助暂行办法》" } })],
    ["basis with 同上 written", (e) => ({ ...e, basis: { raw: "《最低生活保障审核审批办法(试行)》", written: "同上" } })],
    ["时限 changed", (e) => ({ ...e, timeLimit: { raw: "信息形成之日起7个工作日内" } })],
    ["时限 without parsed form", (e) => ({ ...e, timeLimit: { raw: "制定或获取信息之日起10个工作日内" } })],
    ["channels in another order", (e) => ({ ...e, channels: { selected: ["公开查阅点", "政府网站"] } })],
    ["a channel less", (e) => ({ ...e, channels: { selected: ["政府网站"] } })],
    ["channels empty, raw differs", (e) => ({ ...e, channels: { raw: "■其他", selected: [] } })],
    ["marks spelled differently", (e) => ({ ...e, audience: ["特定群体", "全社会"], method: ["主动公开"], levels: ["区级", "镇级"] })],
    ["a mark less", (e) => ({ ...e, levels: ["县级"] })],
    ["marks missing", (e) => (delete e.method, e)],
    ["path with other white space", (e) => ({ ...e, items: ["最低生活保障", "审核 "] })],
    ["path changed", (e) => ({ ...e, items: ["最低生活保障", "审批"] })],
    ["a code", (e) => ({ ...e, code: "MZ-001" })],
    ["an attribute", (e) => ({ ...e, attribute: "主动公开" })],
    ["a clause", (e) => ({ ...e, clause: "第十五条" })],
    ["an unknown field", (e) => ({ ...e, 备注: "新增" })],
    ["an unknown field, empty", (e) => ({ ...e, 备注: "" })],
    ["an unmodelled column", (e) => ({ ...e, extra: [{ name: "公开时长", value: "长期" }] })],
    ["no unmodelled columns, as a list", (e) => ({ ...e, extra: [] })],
  ];
  const ignores: ReadonlySet<string>[] = [new Set(["seq"]), NONE, new Set(["seq", "content", "channels", "levels"]), new Set(["items", "basis", "备注", "extra.公开时长"])];
  const modelled = (e: object) => !("extra" in e) && Object.keys(e).every((k) => k !== "备注");

  it("says 'no differences' exactly when differingFields finds none, for entries of the model's fields", () => {
    let agreed = 0;
    for (const ignore of ignores) {
      const comparer = new EntryComparer(ignore);
      for (const [, left] of variants) {
        for (const [, right] of variants) {
          const a = left(base());
          const b = right(base());
          const none = differingFields(a, b, ignore).length === 0;
          const fast = comparer.agree(a, b);
          // True only when there are none; and for entries of the model's fields, whenever there are none.
          if (fast) expect(none).toBe(true);
          if (modelled(a) && modelled(b)) expect(fast).toBe(none);
          if (fast) agreed++;
        }
      }
    }
    // The fast test answers most pairs by itself (it is not always deferring to differingFields).
    expect(agreed).toBeGreaterThan(400);
  });

  it("leaves unknown fields and unmodelled columns to differingFields", () => {
    const comparer = new EntryComparer(new Set(["seq"]));
    const a = base();
    expect(comparer.agree(a, { ...base(), 备注: "x" })).toBe(false);
    expect(comparer.agree({ ...base(), 备注: "x" }, { ...base(), 备注: "x" })).toBe(false);
    expect(comparer.agree(a, { ...base(), extra: [] })).toBe(false);
    expect(differingFields(a, { ...base(), 备注: "x" }, new Set(["seq"]))).toEqual([{ field: "备注", new: "x" }]);
  });

  it("compares each model field with that field's own comparison", () => {
    // One differing field at a time: each must be noticed (unless ignored).
    const changes: Record<string, unknown> = {
      seq: "9",
      code: "X",
      items: ["最低生活保障", "审批"],
      content: "x",
      basis: { raw: "x" },
      timeLimit: { raw: "x" },
      subject: "x",
      channels: { selected: ["x"] },
      audience: ["全社会"],
      method: ["依申请公开"],
      levels: ["县级"],
      attribute: "x",
      nonDisclosureReason: "x",
      clause: "x",
    };
    for (const [field, value] of Object.entries(changes)) {
      const b = { ...base(), [field]: value };
      expect(new EntryComparer(NONE).agree(base(), b), field).toBe(false);
      expect(new EntryComparer(new Set([field])).agree(base(), b), field).toBe(true);
      expect(differingFields(base(), b, NONE).map((d) => d.field), field).toEqual([field]);
    }
  });
});
