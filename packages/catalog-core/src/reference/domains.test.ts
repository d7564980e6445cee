import { describe, expect, it } from "vitest";
import { closestDomain, DOMAINS, resolveDomain } from "./domains.js";

describe("DOMAINS", () => {
  it("lists the 26 pilot domains once each, frozen", () => {
    expect(DOMAINS).toHaveLength(26);
    expect(new Set(DOMAINS.map((d) => d.name)).size).toBe(26);
    expect(Object.isFrozen(DOMAINS)).toBe(true);
    expect(Object.isFrozen(DOMAINS[0]!.aliases)).toBe(true);
  });
});

describe("resolveDomain", () => {
  it.each([
    ["社会救助", { name: "社会救助" }],
    ["卫生健康", { name: "医疗卫生", alias: "卫生健康" }],
    ["就业创业", { name: "就业", alias: "就业创业" }],
    ["城乡规划", { name: "国土空间规划", alias: "城乡规划" }],
    [" 財政預決算 ", { name: "财政预决算" }],
    ["宝坻区社会救助领域基层政务公开标准目录", { name: "社会救助" }],
    ["户籍管理领域基层政务公开标准目录", { name: "户籍管理" }],
    ["某县就业创业领域基层政务公开标准目录", { name: "就业", alias: "就业创业" }],
    ["某区生态环境领域基层政务公开标准目录", { name: "环境保护", alias: "生态环境" }],
    ["旅游", { name: "旅游", local: true }],
    ["某县广播电视和网络视听领域基层政务公开标准目录", { name: "广播电视和网络视听", local: true }],
  ])("%s", (text, expected) => expect(resolveDomain(text)).toEqual(expected));

  it.each(["", "某县发展和改革局政府信息主动公开补充目录", "政府办公室"])("finds none in %s", (text) => {
    expect(resolveDomain(text)).toBeUndefined();
  });
});

describe("closestDomain", () => {
  it.each([
    ["社会求助", "社会救助"],
    ["养老", "养老服务"],
    ["户政管理", "户籍管理"],
    ["义务教肓", "义务教育"],
  ])("%s → %s", (text, expected) => expect(closestDomain(text)).toBe(expected));
  it("suggests nothing for unrelated text", () => expect(closestDomain("机构编制")).toBeUndefined());
});
