import { describe, expect, it } from "vitest";
import { normalizeForMatch } from "@zwgk/catalog-core";
import { createVariantTest } from "./variants.js";

const test = createVariantTest();
const relate = (a: string, b: string) => test.relate(normalizeForMatch(a), normalizeForMatch(b));

describe("createVariantTest", () => {
  it.each([
    ["最低生活保障审核", "最低生活保障审批", "variant-substitution"],
    ["客运车辆道路运输证办理（注销）", "客运车辆道路运输证办理（补办）", "variant-substitution"],
    ["道路旅客运输经营许可", "道路货物运输经营许可", "variant-substitution"],
    ["客运线路经营主体、起讫地变更许可（变更经营主体）", "客运线路经营主体、起讫地变更许可（变更起讫地）", "variant-substitution"],
    ["第一类医疗器械经营备案", "第二类医疗器械经营备案", "variant-substitution"],
    ["机动车维修经营备案", "机动车维修经营备案（终止）", "variant-qualifier"],
    ["教师资格证书补发", "教师资格证书补发、换发", "variant-qualifier"],
    ["最低生活保障办事指南", "最低生活保障（低保）办事指南", "similar"],
    ["农村公路建设项目初步设计审批", "农村公路建设项目初步设计审批（试行）", "similar"],
    ["最低生活保障审批", "最底生活保障审批", "similar"],
    ["最低生活保障审批", "最低生活保障（审批）", "same"],
  ])("%s / %s → %s", (a, b, expected) => {
    expect(relate(a, b)).toBe(expected);
  });

  it("takes extra words", () => {
    expect(relate("森林防火宣传（春季）", "森林防火宣传")).toBe("similar");
    expect(createVariantTest(["春季"]).relate("森林防火宣传春季", "森林防火宣传")).toBe("variant-qualifier");
  });
});
