import { describe, expect, it } from "vitest";
import { normalizeForMatch } from "../normalize.js";
import { ARTICLE_20, ARTICLE_21, NON_DISCLOSURE_GROUNDS, parseClauseReference, statutoryCategoriesFor } from "./law.js";

describe("条例 reference tables", () => {
  it("lists 第二十条 (一)–(十五) with ids and labels", () => {
    expect(ARTICLE_20).toHaveLength(15);
    expect(ARTICLE_20.map((i) => i.id)).toEqual(Array.from({ length: 15 }, (_, k) => `20.${k + 1}`));
    const budget = ARTICLE_20.find((i) => i.id === "20.7")!;
    expect(budget.label).toBe("第二十条第（七）项");
    expect(budget.text).toBe("财政预算、决算信息");
    expect(budget.keywords).toEqual(expect.arrayContaining(["预算", "决算", "财政"]));
    expect(ARTICLE_20[14]!.keywords).toEqual([]);
  });

  it("keeps keywords in normalised form so callers can match keys with includes()", () => {
    const all = [...ARTICLE_20, ...ARTICLE_21.cityCounty, ...ARTICLE_21.township, ...NON_DISCLOSURE_GROUNDS];
    for (const item of all) for (const k of item.keywords) expect(normalizeForMatch(k)).toBe(k);
  });

  it("is frozen", () => {
    expect(Object.isFrozen(ARTICLE_20)).toBe(true);
    expect(Object.isFrozen(ARTICLE_20[0])).toBe(true);
    expect(Object.isFrozen(ARTICLE_21.township)).toBe(true);
    expect(() => (ARTICLE_20 as unknown as unknown[]).push(1)).toThrow();
  });

  it("has the two 第二十一条 lists of the law text", () => {
    expect(ARTICLE_21.cityCounty.map((i) => i.text)).toEqual(["市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助"]);
    expect(ARTICLE_21.township.map((i) => i.text)).toEqual([
      "农业农村政策", "农田水利工程建设运营", "农村土地承包经营权流转", "宅基地使用情况审核", "土地征收", "房屋征收", "筹资筹劳", "社会救助",
    ]);
    expect(ARTICLE_21.township[3]!.id).toBe("21.2.4");
  });

  it("has the grounds of 第十四、十五、十六条 with their force", () => {
    expect(NON_DISCLOSURE_GROUNDS.map((g) => g.article)).toEqual([14, 14, 14, 15, 15, 16, 16, 16]);
    expect(NON_DISCLOSURE_GROUNDS.find((g) => g.keywords.includes("个人隐私"))!.effect).toBe("must-unless-consent");
    expect(NON_DISCLOSURE_GROUNDS.find((g) => g.id === "16.2")!.effect).toBe("may");
  });
});

describe("statutoryCategoriesFor", () => {
  const ids = (level: Parameters<typeof statutoryCategoriesFor>[0]) => statutoryCategoriesFor(level).map((i) => i.id);

  it("gives 省 第二十条 only", () => {
    expect(ids("省")).toHaveLength(15);
    expect(ids("省").every((id) => id.startsWith("20."))).toBe(true);
  });

  it("adds the 设区的市级、县级 list for 市 and 县", () => {
    expect(ids("市")).toEqual(ids("县"));
    expect(ids("县")).toHaveLength(22);
    expect(ids("县")).toContain("21.1.6");
    expect(ids("县")).not.toContain("21.2.4");
  });

  it("adds the 乡（镇） list for 乡", () => {
    expect(ids("乡")).toHaveLength(23);
    expect(ids("乡")).toContain("21.2.4");
    expect(ids("乡")).not.toContain("21.1.1");
  });

  it("binds no 村（居）", () => {
    expect(ids("村")).toEqual([]);
  });
});

describe("parseClauseReference", () => {
  it("reads the spellings catalogs use", () => {
    expect(parseClauseReference("第二十条(十二)")).toEqual([{ article: 20, item: 12, id: "20.12" }]);
    expect(parseClauseReference("条例第二十条第（七）项")).toEqual([{ article: 20, item: 7, id: "20.7" }]);
    expect(parseClauseReference("第20条第5项")).toEqual([{ article: 20, item: 5, id: "20.5" }]);
    expect(parseClauseReference("第二十条（二）、第二十一条")).toEqual([
      { article: 20, item: 2, id: "20.2" },
      { article: 21, id: "21" },
    ]);
  });

  it("keeps other articles without an id and skips what it cannot read", () => {
    expect(parseClauseReference("第十五条")).toEqual([{ article: 15 }]);
    expect(parseClauseReference("见附件")).toEqual([]);
    expect(parseClauseReference("第二十条(十六)")).toEqual([{ article: 20, item: 16 }]);
  });
});
