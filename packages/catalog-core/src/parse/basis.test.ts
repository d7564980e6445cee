import { describe, expect, it } from "vitest";
import { hasLegalCitation, isSameAsAbove, parseBasis } from "./basis.js";

describe("parseBasis", () => {
  it("reads ranks, titles and clauses (权责清单 交通运输)", () => {
    const raw = "【法律】《中华人民共和国公路法》第五十条;【行政法规】《公路安全保护条例》第三十五条";
    expect(parseBasis(raw)).toEqual({
      raw,
      documents: [
        { title: "中华人民共和国公路法", clause: "第五十条", rank: "法律" },
        { title: "公路安全保护条例", clause: "第三十五条", rank: "行政法规" },
      ],
    });
  });

  it.each([
    ["【法律】《中华人民共和国行政许可法》第三十条、第三十四条、第三十七条、第四十四条", "第三十条、第三十四条、第三十七条、第四十四条"],
    ["《中华人民共和国行政许可法》第七十二条至第七十七条", "第七十二条至第七十七条"],
    ["《中华人民共和国政府信息公开条例》第二十条(十二)", "第二十条(十二)"],
    ["《中华人民共和国政府信息公开条例》第二十条第（十二）项", "第二十条第（十二）项"],
    ["《中华人民共和国预算法》第十四条第二款规定", "第十四条第二款"],
    ["《中华人民共和国户口登记条例》 第8条", "第8条"],
  ])("keeps the clause of %s", (raw, clause) => {
    expect(parseBasis(raw).documents?.[0]?.clause).toBe(clause);
  });

  it("lists several documents without clauses (户籍管理)", () => {
    expect(parseBasis("《中华人民共和国户口登记条例》、《国务院居住证暂行条例》").documents).toEqual([
      { title: "中华人民共和国户口登记条例" },
      { title: "国务院居住证暂行条例" },
    ]);
  });

  it("carries a rank over several documents of one sentence, not past its end", () => {
    expect(parseBasis("【规章】《社会救助暂行办法》、《特困人员认定办法》。《某市实施细则》").documents).toEqual([
      { title: "社会救助暂行办法", rank: "规章" },
      { title: "特困人员认定办法", rank: "规章" },
      { title: "某市实施细则" },
    ]);
  });

  it("does not read a document number 〔2019〕 as a rank", () => {
    expect(parseBasis("《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）").documents).toEqual([
      { title: "国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见" },
    ]);
  });

  it("keeps text without documents as raw only", () => {
    expect(parseBasis("相关法律法规")).toEqual({ raw: "相关法律法规" });
  });

  it("resolves 同上 from the row above", () => {
    const above = parseBasis("《中华人民共和国户口登记条例》");
    const resolved = parseBasis("同上", above);
    expect(resolved).toEqual({ raw: "《中华人民共和国户口登记条例》", written: "同上", documents: [{ title: "中华人民共和国户口登记条例" }] });
    expect(resolved.documents).not.toBe(above.documents);
    expect(parseBasis("同上")).toEqual({ raw: "同上" });
  });
});

describe("isSameAsAbove", () => {
  it.each(["同上", "同上。", "同 上", " 同上 ", "同上."])("%s means same as above", (t) => expect(isSameAsAbove(t)).toBe(true));
  it.each(["", "同上级", "参照上条", "《同上》条例"])("%s does not", (t) => expect(isSameAsAbove(t)).toBe(false));
});

describe("hasLegalCitation", () => {
  it.each([
    ["《中华人民共和国政府信息公开条例》", true],
    ["政府信息公开条例第十五条", true],
    ["《信息公开条例》及相关规定", true],
    ["相关规定", false],
    ["《》", false],
  ])("%s → %s", (raw, expected) => expect(hasLegalCitation(parseBasis(raw))).toBe(expected));
});
