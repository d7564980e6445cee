import { describe, expect, it } from "vitest";
import { canonicalMark, isMarked } from "./marks.js";

describe("canonicalMark", () => {
  it.each([
    ["audience", "全社会", "全社会"],
    ["audience", "特定群众", "特定群体"],
    ["method", "主动公开", "主动"],
    ["method", "依申请公开", "依申请"],
    ["method", "依申请", "依申请"],
    ["levels", "区级", "县级"],
    ["levels", "镇级", "乡级"],
    ["levels", "乡、村级", "乡、村级"],
    ["levels", "乡村级", "乡、村级"],
    ["levels", "村（居）级", "村级"],
    ["levels", "市级", "市级"],
    ["levels", " 片区级 ", "片区级"],
  ] as const)("%s %s → %s", (group, label, expected) => expect(canonicalMark(group, label)).toBe(expected));
});

describe("isMarked", () => {
  it.each(["√", "✓", "✔", "✔️", "☑", "●", "■", " √ ", "√（县级）", "是", "有", "Y", "y", "yes", "Ｙ", "V", "v", "TRUE"])(
    "%s is marked",
    (t) => expect(isMarked(t)).toBe(true),
  );
  it.each(["", "  ", "否", "无", "×", "✗", "x", "X", "N", "0", "-", "/", "待定"])("%s is not marked", (t) =>
    expect(isMarked(t)).toBe(false),
  );
});
