import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { DisclosureEntry, ServiceCatalog } from "@zwgk/catalog-schemas";
import { normalizeForMatch, similarity, statutoryCategoriesFor } from "@zwgk/catalog-core";
import { analyzeCatalogs } from "./analyze.js";
import { coveredByKey, itemCoverKeys } from "./gaps.js";
import { itemCore } from "./language.js";
import { devReformSupplementary, guanganServiceCatalog, socialAssistanceCatalog, transportPowerCatalog, withJurisdiction } from "../fixtures.js";

const BAODI = { name: "宝坻区", level: "县" as const, code: "120115" };
const gaps = (catalogs: Parameters<typeof analyzeCatalogs>[0], level?: "省" | "乡") =>
  analyzeCatalogs(catalogs, { checks: { duplicate: false, conflict: false, "level-mismatch": false }, ...(level && { level }) });
const names = (findings: ReturnType<typeof gaps>, rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.entries[0]!.name);

/** A 补充目录 of 宝坻区's 民政局: the same body as the sample 社会救助 标准目录. */
function supplementary(...extra: DisclosureEntry[]) {
  const c = { ...withJurisdiction(devReformSupplementary(), BAODI), title: "宝坻区民政局政府信息主动公开补充目录", department: "宝坻区民政局" };
  for (const e of extra) c.entries.push(e);
  return c;
}

/** A 补充目录 of 宝坻区's 交通运输局, and the sample 权责清单 said to be 宝坻区's. */
function transportSupplementary(...extra: DisclosureEntry[]) {
  return { ...supplementary(...extra), title: "宝坻区交通运输局政府信息主动公开补充目录", department: "宝坻区交通运输局" };
}
const transportPowers = () => withJurisdiction(transportPowerCatalog(), BAODI);

/** 广安区's 区民政局 services, said to be 宝坻区's. */
function civilAffairsServices(): ServiceCatalog {
  const c = withJurisdiction(guanganServiceCatalog(), BAODI);
  c.entries = c.entries.filter((e) => e.subject === "区民政局");
  return c;
}

describe("gap-service-not-disclosed / gap-power-not-disclosed", () => {
  it("finds the services no disclosure entry of the same body covers", () => {
    const uncovered = names(gaps([socialAssistanceCatalog(), supplementary(), civilAffairsServices()]), "gap-service-not-disclosed");
    // Covered: 最低生活保障, 临时救助, 特困人员救助供养 (named by 一级事项), and 家庭经济困难儿童提供
    // 最低生活保障 (最低生活保障 scoped to children: its name ends with the item's).
    for (const covered of ["最低生活保障", "临时救助", "特困人员救助供养", "家庭经济困难儿童提供最低生活保障"]) expect(uncovered).not.toContain(covered);
    expect(uncovered).toContain("城市生活无着流浪乞讨人员救助");
    expect(uncovered).toContain("中国内地公民婚姻登记");
    expect(uncovered).toHaveLength(16);
  });

  it("points at the row of the uncovered item", () => {
    const [first] = gaps([socialAssistanceCatalog(), civilAffairsServices()]).filter((f) => f.rule === "gap-service-not-disclosed");
    expect(first).toMatchObject({
      kind: "gap",
      severity: "warning",
      message: "公共服务事项“事实无人抚养儿童认定及基本生活补贴发放”在宝坻区（120115）民政的标准目录、补充目录中没有对应的公开条目",
      entries: [{ file: "政务服务事项-广安区.xlsx", sheet: "政务服务事项", row: 453, catalog: 1, index: 0 }],
    });
    expect(first!.reason).toBe("没有同一编码、针对该事项的条目，也没有涵盖该类事项的通用条目");
  });

  it("lets a 政务服务事项办事指南 entry cover every service", () => {
    const supp = supplementary({ items: ["政务服务", "政务服务事项办事指南"], content: "本单位政务服务事项的办事指南" });
    expect(names(gaps([supp, civilAffairsServices()]), "gap-service-not-disclosed")).toEqual([]);
  });

  it("checks powers, and lets a 行政许可结果 entry cover every 行政许可", () => {
    expect(names(gaps([transportSupplementary(), transportPowers()]), "gap-power-not-disclosed")).toHaveLength(9);
    const withResults = transportSupplementary({ items: ["行政执法公示", "行政许可结果"], content: "行政许可决定书文号、许可内容、许可机关、许可决定日期" });
    expect(names(gaps([withResults, transportPowers()]), "gap-power-not-disclosed")).toEqual([
      "对未经许可擅自从事道路旅客运输经营的处罚",
      "对车辆超限使用汽车渡船或者在公路上擅自超限行驶的处罚",
      "扣留车辆",
      "道路运输经营者监督检查",
      "公路路政管理中的收费公路权益转让审批",
    ]);
    const doublePublic = transportSupplementary({ items: ["行政执法公示", "双公示"] });
    expect(names(gaps([doublePublic, transportPowers()]), "gap-power-not-disclosed")).toEqual(["扣留车辆", "道路运输经营者监督检查", "公路路政管理中的收费公路权益转让审批"]);
  });

  it("does not let an entry about one permit cover the other permits (issue 12: no false 'covered')", () => {
    // 一级事项 行政许可, 二级事项 one permit's name, 公开内容 "办事指南、许可结果": specific, not generic.
    const one = transportSupplementary({ items: ["行政许可", "公路超限运输许可"], content: "办事指南、许可结果" });
    const uncovered = names(gaps([one, transportPowers()]), "gap-power-not-disclosed");
    expect(uncovered).not.toContain("公路超限运输许可");
    expect(uncovered).toContain("道路运输经营许可 / 道路旅客运输经营许可");
    expect(uncovered).toContain("道路运输经营许可 / 道路货物运输经营许可");
    expect(uncovered).toContain("公路建设项目施工许可");
    expect(uncovered).toHaveLength(8);
  });

  it("does not let an item cover a look-alike, and names the nearest entry with its score", () => {
    const services = civilAffairsServices();
    services.entries = [{ name: "最低生活保障边缘家庭认定", type: "行政确认", subject: "区民政局", source: { file: "x.xlsx", row: 3 } }];
    const [f, ...rest] = gaps([socialAssistanceCatalog(), services]).filter((x) => x.rule === "gap-service-not-disclosed");
    expect(rest).toEqual([]);
    expect(f!.message).toContain("最接近的是“最低生活保障 / ");
    expect(f!.reason).toMatch(/^最接近的公开条目“最低生活保障 \/ .+”相似度 0\.\d\d，多出“边缘家庭”$/);
    expect(f!.score).toBeGreaterThan(0.6);
  });

  it("covers a power by code, by name in 公开内容, by the county's wording and by a similar 事项 name", () => {
    const supp = transportSupplementary(
      { items: ["行政许可", "超限运输"], code: "000117003000" },
      { items: ["行政强制", "强制措施"], content: "扣留车辆的依据、条件、程序" },
      { items: ["行政检查", "道路运输经营者的监督检查"] },
      { items: ["行政审批", "道路旅客运输经营许可证核发"] },
    );
    const uncovered = names(gaps([supp, transportPowers()]), "gap-power-not-disclosed");
    expect(uncovered).not.toContain("公路超限运输许可");
    expect(uncovered).not.toContain("扣留车辆");
    expect(uncovered).not.toContain("道路运输经营者监督检查");
    expect(uncovered).not.toContain("道路运输经营许可 / 道路旅客运输经营许可");
    expect(uncovered).toContain("道路运输经营许可 / 道路货物运输经营许可");
    expect(uncovered).toContain("公路建设项目施工许可");
  });

  it("still finds the similar 事项 name that covers a power when numbered series give many more similar names", () => {
    // A county's 补充目录 and 权责清单 both list a numbered series (行政处罚事项第N项): every name of
    // one is like every name of the other, 600 × 600 pairs above the nearest-entry threshold. The
    // pairs of the series must not crowd out the one that covers 道路旅客运输经营许可.
    const series = (from: number) => Array.from({ length: 600 }, (_, i) => `交通运输行政执法事项第${from + i}项`);
    const supp = transportSupplementary(
      { items: ["行政审批", "道路旅客运输经营许可证核发"] },
      ...series(1001).map((name): DisclosureEntry => ({ items: ["行政处罚", name] })),
    );
    const powers = transportPowers();
    for (const name of series(1)) powers.entries.push({ type: "行政强制", name });
    const findings = gaps([supp, powers]);
    const uncovered = names(findings, "gap-power-not-disclosed");
    expect(uncovered).not.toContain("道路运输经营许可 / 道路旅客运输经营许可");
    expect(uncovered).toContain("道路运输经营许可 / 道路货物运输经营许可");
    // Other numbers are other items: every item of the series is a gap, and each names its nearest
    // entry, found among all pairs (the oracle compares every pair), not among the first ones reached.
    const ofSeries = findings.filter((f) => f.rule === "gap-power-not-disclosed" && f.entries[0]!.name.startsWith("交通运输行政执法事项"));
    expect(ofSeries).toHaveLength(600);
    const disclosed = series(1001).map(normalizeForMatch);
    for (const f of ofSeries) {
      const own = normalizeForMatch(f.entries[0]!.name);
      expect(f.score).toBe(Math.round(Math.max(...disclosed.map((d) => similarity(own, d))) * 1000) / 1000);
    }
    expect(findings.map((f) => f.rule)).not.toContain("analysis-gap-limit");
  });

  it("does not check a body that has no disclosure catalog in the input, and says so once", () => {
    const findings = gaps([socialAssistanceCatalog(), transportPowerCatalog()]);
    expect(findings.filter((f) => f.rule.startsWith("gap-power"))).toEqual([]);
    expect(findings.filter((f) => f.rule === "analysis-no-disclosure-catalog").map((f) => f.message)).toEqual([
      "恭城瑶族自治县（450332）交通运输的权责清单没有同一单位的标准目录或补充目录可对照，未检查遗漏。",
    ]);
  });

  it("never takes another department's or county's catalogs for coverage", () => {
    // 宝坻区's 交通运输 powers against 宝坻区's 民政 补充目录 with the generic 双公示: another body.
    const findings = gaps([supplementary({ items: ["行政执法公示", "双公示"] }), transportPowers()]);
    expect(findings.filter((f) => f.rule === "gap-power-not-disclosed")).toEqual([]);
    expect(findings.map((f) => f.rule)).toContain("analysis-no-disclosure-catalog");
  });

  it("keeps identifying the uncovered entry by catalog and entry index (for draft derivation)", () => {
    const findings = gaps([transportSupplementary(), transportPowers()]).filter((f) => f.rule === "gap-power-not-disclosed");
    expect(findings.map((f) => [f.entries[0]!.catalog, f.entries[0]!.index])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => [1, i]));
  });
});

describe("gap-statutory-category", () => {
  const ids = (findings: ReturnType<typeof gaps>) => findings.filter((f) => f.rule === "gap-statutory-category").map((f) => f.message.slice(2, f.message.indexOf("“")));

  it("lists the 条例 categories the catalogs of a 县 do not cover", () => {
    const findings = gaps([socialAssistanceCatalog(), supplementary()]);
    // A body with a 标准目录 only is not checked: a domain catalog is not meant to cover the law.
    expect(ids(gaps([socialAssistanceCatalog()]))).toEqual([]);
    const missing = ids(findings);
    expect(missing).toContain("第二十条第（四）项");
    expect(missing).not.toContain("第二十条第（二）项"); // 机构信息/机构职能
    expect(missing).not.toContain("第二十条第（七）项"); // 财政信息/部门预算
    expect(missing).not.toContain("第二十条第（十一）项"); // 社会救助
    expect(missing).not.toContain("第二十条第（十五）项"); // the catch-all is never checked
    const statistics = findings.find((f) => f.message.startsWith("条例第二十条第（四）项"))!;
    expect(statistics).toMatchObject({
      severity: "warning",
      message: "条例第二十条第（四）项“国民经济和社会发展统计信息”：宝坻区（120115）民政的目录中没有对应的公开事项（县级）",
      entries: [
        { file: "社会救助-标准目录.xlsx", name: "宝坻区社会救助领域基层政务公开标准目录", catalog: 0, index: -1 },
        { file: "主动公开目录-发展改革局.xlsx", catalog: 1, index: -1 },
      ],
    });
    expect(statistics.hint).toContain("第二十条(四)");
    const building = findings.find((f) => f.message.includes("“市政建设”"))!;
    expect(building.severity).toBe("info");
  });

  it("counts an entry's 条款内容 as coverage", () => {
    const supp = supplementary({ items: ["数据发布", "年度数据"], clause: "第二十条（四）" });
    expect(ids(gaps([socialAssistanceCatalog(), supp]))).not.toContain("第二十条第（四）项");
  });

  it("reads entries only until every category is covered, and finds keywords in the last entry", () => {
    const keywords = statutoryCategoriesFor("县").map((c) => c.keywords[0]).filter(Boolean);
    let reads = 0;
    const rest = Array.from({ length: 2000 }, (_, i): DisclosureEntry => ({
      items: ["其他", `事项${i}`],
      get content() {
        reads++;
        return "办理流程";
      },
    }));
    const naming = { items: ["综合", "目录"], content: keywords.join("、") };
    // Named by the last entry only: every entry is read.
    expect(ids(gaps([socialAssistanceCatalog(), supplementary(...rest, naming)]))).toEqual([]);
    expect(reads).toBe(2000);
    // Named first: entries are read in batches of 256, and none after the batch that covers every category.
    reads = 0;
    expect(ids(gaps([socialAssistanceCatalog(), supplementary(naming, ...rest)]))).toEqual([]);
    expect(reads).toBeLessThan(256);
  });

  it("uses the categories of the level", () => {
    const township = ids(gaps([socialAssistanceCatalog(), supplementary()], "乡"));
    expect(township).toContain("第二十一条（乡（镇）人民政府）");
    expect(township.filter((m) => m.startsWith("第二十一条（设区的市级"))).toEqual([]);
    expect(ids(gaps([socialAssistanceCatalog(), supplementary()], "省")).every((m) => m.startsWith("第二十条"))).toBe(true);
  });
});

describe("generic coverage by 行政执法", () => {
  it("lets a 行政执法结果 entry that names no type cover every enforcement type", () => {
    const supp = transportSupplementary({ items: ["行政执法公示", "执法结果"], content: "行政执法决定信息" });
    expect(names(gaps([supp, transportPowers()]), "gap-power-not-disclosed")).toEqual(["公路路政管理中的收费公路权益转让审批"]);
  });

  it("takes the caller's word that the catalogs are one body (oneBody)", () => {
    const powers = transportPowerCatalog();
    const unknown = { ...devReformSupplementary(), title: "政府信息主动公开补充目录", entries: [{ items: ["行政许可", "公路超限运输许可"] }] };
    delete unknown.department;
    const opts = { checks: { duplicate: false, conflict: false, "level-mismatch": false } } as const;
    expect(analyzeCatalogs([powers, unknown], opts).filter((f) => f.rule === "gap-power-not-disclosed")).toEqual([]);
    const findings = analyzeCatalogs([powers, unknown], { ...opts, oneBody: true });
    expect(findings.filter((f) => f.rule === "gap-power-not-disclosed")).toHaveLength(8);
    expect(findings.some((f) => f.rule === "analysis-body-unknown")).toBe(false);
  });
});

describe("coverage by key", () => {
  it("finds a cover key among the covered keys exactly when the item's key list has one", () => {
    const text = fc.string({ unit: fc.constantFrom(..."社会保险登记最低生活保障审批证政策"), minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 6 }), (name, others) => {
        const keys = itemCoverKeys([name]);
        const core = itemCore(name);
        const cores = core.length >= 3 ? [core] : [];
        for (const covered of [new Map(others.map((o) => [itemCore(o), 0])), new Map(keys.slice(-1).map((k) => [k, 0])), new Map(others.map((o) => [o, 0]))]) {
          expect(coveredByKey(cores, covered)).toBe(keys.some((k) => covered.has(k)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
