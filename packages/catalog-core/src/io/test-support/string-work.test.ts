import { describe, expect, it } from "vitest";
import { countStringWork } from "./string-work.js";

describe("countStringWork", () => {
  const text = "一二三四五六七八九十".repeat(10);

  it("counts a search by the characters it passes, the rest of the string when nothing is found", () => {
    expect(countStringWork(() => text.indexOf("三", 5)).work).toBe(8);
    expect(countStringWork(() => text.indexOf("X", 90)).work).toBe(10);
    expect(countStringWork(() => text.includes("X")).work).toBe(100);
    expect(countStringWork(() => text.lastIndexOf("九")).work).toBe(2);
  });

  it("counts reads, prefixes and copies by their length", () => {
    const { result, work } = countStringWork(() => {
      let sum = 0;
      for (let i = 0; i < 20; i++) sum += text.charCodeAt(i);
      return [sum, text.slice(3, 13), text.startsWith("一二")];
    });
    expect(result[1]).toBe("四五六七八九十一二三");
    expect(work).toBe(20 + 10 + 2);
    expect(countStringWork(() => text.slice(1)).work).toBe(13);
  });

  it("restores String.prototype, also when the code throws", () => {
    const original = String.prototype.indexOf;
    expect(() => countStringWork(() => { throw new Error("x"); })).toThrow("x");
    expect(String.prototype.indexOf).toBe(original);
    expect(countStringWork(() => 1).work).toBe(0);
  });
});
