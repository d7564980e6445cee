import { describe, expect, it } from "vitest";
import { EntryIndex, entryPathKey, identityOf, LEVEL_SEP, pathKey } from "./identity.js";

const key = (...levels: string[]) => levels.join(LEVEL_SEP);

describe("identity", () => {
  it("keys a 事项 path level by level", () => {
    expect(pathKey(["最低生活保障", "审批"])).toBe(key("最低生活保障", "审批"));
    expect(pathKey(["最低生活保障（低保）", " 審批"])).toBe(key("最低生活保障低保", "审批"));
    expect(pathKey(["综合业务", "、", "政策"])).toBe(key("综合业务", "政策"));
    expect(pathKey(["", "政策"])).toBe("政策");
    expect(entryPathKey({ name: "道路运输经营许可", subItem: "道路旅客运输经营许可" })).toBe(key("道路运输经营许可", "道路旅客运输经营许可"));
    expect(entryPathKey({ name: "临时救助" })).toBe("临时救助");
  });

  it("names entries by code and path, and finds them by code first", () => {
    const entries = [
      { name: "公路超限运输许可", code: "000117003000" },
      { name: "公路超限运输许可" },
      { items: ["最低生活保障", "审批"] },
    ];
    expect(identityOf(entries[0]!)).toEqual({ code: "000117003000", path: ["公路超限运输许可"] });
    expect(identityOf(entries[2]!)).toEqual({ path: ["最低生活保障", "审批"] });
    const index = new EntryIndex(entries);
    expect(index.find({ code: "000117003000", path: ["其他名称"] })).toEqual([0]);
    expect(index.find({ code: "999", path: ["公路超限运输许可"] })).toEqual([0, 1]);
    expect(index.find({ path: ["最低生活保障", "審批"] })).toEqual([2]);
    expect(index.find({ path: ["临时救助"] })).toEqual([]);
  });
});
