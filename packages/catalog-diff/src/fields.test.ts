import { describe, expect, it } from "vitest";
import { differingFields, readField, sameFieldValue, writeField } from "./fields.js";
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
