import { describe, expect, it } from "vitest";
import type { DisclosureEntry, ServiceCatalog } from "@zwgk/catalog-schemas";
import { analyzeCatalogs } from "./analyze.js";
import { devReformSupplementary, guanganServiceCatalog, socialAssistanceCatalog, transportPowerCatalog, withJurisdiction } from "../fixtures.js";

const BAODI = { name: "宝坻区", level: "县" as const, code: "120115" };
const gaps = (catalogs: Parameters<typeof analyzeCatalogs>[0], level?: "省" | "乡") =>
  analyzeCatalogs(catalogs, { checks: { duplicate: false, conflict: false, "level-mismatch": false }, ...(level && { level }) });
const names = (findings: ReturnType<typeof gaps>, rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.entries[0]!.name);

function supplementary(...extra: DisclosureEntry[]) {
  const c = withJurisdiction(devReformSupplementary(), BAODI);
  for (const e of extra) c.entries.push(e);
  return c;
}

/** 广安区's 区民政局 services, said to be 宝坻区's. */
function civilAffairsServices(): ServiceCatalog {
  const c = withJurisdiction(guanganServiceCatalog(), BAODI);
  c.entries = c.entries.filter((e) => e.subject === "区民政局");
  return c;
}

describe("gap-service-not-disclosed / gap-power-not-disclosed", () => {
  it("finds the services no disclosure entry of the same body covers", () => {
    const uncovered = names(gaps([socialAssistanceCatalog(), supplementary(), civilAffairsServices()]), "gap-service-not-disclosed");
    // Covered: 最低生活保障, 临时救助, 特困人员救助供养 (named by 事项), 家庭经济困难儿童提供最低生活保障
    // (contains the 一级事项 最低生活保障).
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
      message: "公共服务事项“事实无人抚养儿童认定及基本生活补贴发放”在同一单位的标准目录、补充目录中没有对应的公开条目",
      entries: [{ file: "政务服务事项-广安区.xlsx", sheet: "政务服务事项", row: 453, catalog: 1, index: 0 }],
    });
  });

  it("lets a 政务服务事项办事指南 entry cover every service", () => {
    const supp = supplementary({ items: ["政务服务", "政务服务事项办事指南"], content: "本单位政务服务事项的办事指南" });
    expect(names(gaps([supp, civilAffairsServices()]), "gap-service-not-disclosed")).toEqual([]);
  });

  it("checks powers, and lets a 行政许可结果 entry cover every 行政许可", () => {
    const power = withJurisdiction(transportPowerCatalog(), BAODI);
    expect(names(gaps([supplementary(), power]), "gap-power-not-disclosed")).toHaveLength(9);
    const withResults = supplementary({ items: ["行政执法公示", "行政许可结果"], content: "行政许可决定书文号、许可内容、许可机关、许可决定日期" });
    expect(names(gaps([withResults, power]), "gap-power-not-disclosed")).toEqual([
      "对未经许可擅自从事道路旅客运输经营的处罚",
      "对车辆超限使用汽车渡船或者在公路上擅自超限行驶的处罚",
      "扣留车辆",
      "道路运输经营者监督检查",
      "公路路政管理中的收费公路权益转让审批",
    ]);
    const doublePublic = supplementary({ items: ["行政执法公示", "双公示"] });
    expect(names(gaps([doublePublic, power]), "gap-power-not-disclosed")).toEqual(["扣留车辆", "道路运输经营者监督检查", "公路路政管理中的收费公路权益转让审批"]);
  });

  it("covers a power by code, by name in 公开内容, and by a similar 事项 name", () => {
    const power = withJurisdiction(transportPowerCatalog(), BAODI);
    const supp = supplementary(
      { items: ["行政许可", "超限运输"], code: "000117003000" },
      { items: ["行政强制", "强制措施"], content: "扣留车辆的依据、条件、程序" },
      { items: ["行政检查", "道路运输经营者的监督检查"] },
    );
    const uncovered = names(gaps([supp, power]), "gap-power-not-disclosed");
    expect(uncovered).not.toContain("公路超限运输许可");
    expect(uncovered).not.toContain("扣留车辆");
    expect(uncovered).not.toContain("道路运输经营者监督检查");
    expect(uncovered).toContain("公路建设项目施工许可");
  });

  it("does not check a body that has no disclosure catalog in the input", () => {
    expect(gaps([socialAssistanceCatalog(), transportPowerCatalog()]).filter((f) => f.rule.startsWith("gap-power"))).toEqual([]);
  });
});

describe("gap-statutory-category", () => {
  const ids = (findings: ReturnType<typeof gaps>) => findings.filter((f) => f.rule === "gap-statutory-category").map((f) => f.message.slice(2, f.message.indexOf("“")));

  it("lists the 条例 categories the catalogs of a 县 do not cover", () => {
    const findings = gaps([socialAssistanceCatalog(), supplementary()]);
    const missing = ids(findings);
    expect(missing).toContain("第二十条第（四）项");
    expect(missing).not.toContain("第二十条第（二）项"); // 机构信息/机构职能
    expect(missing).not.toContain("第二十条第（七）项"); // 财政信息/部门预算
    expect(missing).not.toContain("第二十条第（十一）项"); // 社会救助
    expect(missing).not.toContain("第二十条第（十五）项"); // the catch-all is never checked
    const statistics = findings.find((f) => f.message.startsWith("条例第二十条第（四）项"))!;
    expect(statistics).toMatchObject({
      severity: "warning",
      message: "条例第二十条第（四）项“国民经济和社会发展统计信息”：所给目录中没有对应的公开事项（县级）",
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

  it("uses the categories of the level", () => {
    const township = ids(gaps([socialAssistanceCatalog(), supplementary()], "乡"));
    expect(township).toContain("第二十一条（乡（镇）人民政府）");
    expect(township.filter((m) => m.startsWith("第二十一条（设区的市级"))).toEqual([]);
    expect(ids(gaps([socialAssistanceCatalog()], "省")).every((m) => m.startsWith("第二十条"))).toBe(true);
  });
});

describe("generic coverage by 行政执法", () => {
  it("lets a 行政执法结果 entry that names no type cover every enforcement type", () => {
    const power = withJurisdiction(transportPowerCatalog(), BAODI);
    const supp = supplementary({ items: ["行政执法公示", "执法结果"], content: "行政执法决定信息" });
    expect(names(gaps([supp, power]), "gap-power-not-disclosed")).toEqual(["公路路政管理中的收费公路权益转让审批"]);
  });
});
