import { describe, expect, it } from "vitest";
import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import { analyzeCatalogs } from "./analyze.js";
import { devReformSupplementary, guanganServiceCatalog, householdCatalog, socialAssistanceCatalog, transportPowerCatalog, withJurisdiction } from "../fixtures.js";

const BAODI = { name: "宝坻区", level: "县" as const, code: "120115" };
const duplicates = (...catalogs: Parameters<typeof analyzeCatalogs>[0]) =>
  analyzeCatalogs(catalogs, { checks: { gap: false, conflict: false, "level-mismatch": false } });

/** A 补充目录 of the body of the sample 社会救助 标准目录 (宝坻区 民政), with extra rows from row 15. */
function supplementary(...extra: DisclosureEntry[]) {
  const c = { ...withJurisdiction(devReformSupplementary(), BAODI), title: "宝坻区民政局政府信息主动公开补充目录", department: "宝坻区民政局" };
  extra.forEach((e, i) => c.entries.push({ ...e, source: { file: "主动公开目录-发展改革局.xlsx", sheet: "主动公开目录", row: 15 + i } }));
  return c;
}

describe("duplicates", () => {
  it("finds nothing in the sample catalogs, whose look-alike items are different items", () => {
    // 最低生活保障/审核 vs /审批, 特困人员救助供养/政策 vs 临时救助/政策, 道路旅客/货物运输经营许可,
    // 客运车辆道路运输证办理（注销）vs（补办）… are all present in these samples.
    const findings = duplicates(socialAssistanceCatalog(), householdCatalog(), transportPowerCatalog(), devReformSupplementary());
    expect(findings.filter((f) => f.kind === "duplicate")).toEqual([]);
  });

  it("reports an exact duplicate within one catalog as an error, with every row", () => {
    const findings = duplicates(guanganServiceCatalog());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: "duplicate",
      rule: "duplicate-exact",
      severity: "error",
      message: "事项“求职创业补贴申领”在同一目录中重复列出 2 次（事项名称相同，已忽略全半角、繁简、空格和标点）",
      entries: [
        { file: "政务服务事项-广安区.xlsx", sheet: "政务服务事项", row: 492, name: "求职创业补贴申领", catalog: 0 },
        { file: "政务服务事项-广安区.xlsx", sheet: "政务服务事项", row: 539, name: "求职创业补贴申领", catalog: 0 },
      ],
    });
    expect(findings[0]!.fields!.find((f) => f.field === "code")).toMatchObject({
      a: "512B0159000000-511602000000-000-1251130145225903XN-1-00",
      b: "512014025002-511602000000-000-1251130145225903XN-1-00",
    });
  });

  it("reports an item listed in both the 标准目录 and the 补充目录 of one body, whatever its spelling", () => {
    const findings = duplicates(socialAssistanceCatalog(), supplementary({ items: ["最低生活保障", "審批 "], content: "低保对象名单" }));
    expect(findings.map((f) => [f.rule, f.message, f.entries.map((e) => `${e.file}:${e.row}`)])).toEqual([
      [
        "duplicate-exact",
        "事项“最低生活保障 / 审批”在标准目录（社会救助）与补充目录（宝坻区民政局政府信息主动公开补充目录）中重复列出 2 次（事项名称相同，已忽略全半角、繁简、空格和标点）",
        ["社会救助-标准目录.xlsx:9", "主动公开目录-发展改革局.xlsx:15"],
      ],
    ]);
  });

  it("does not call the same item in two bodies' catalogs a duplicate", () => {
    const other = withJurisdiction(socialAssistanceCatalog(), { name: "武清区", level: "县", code: "120114" });
    expect(duplicates(socialAssistanceCatalog(), other)).toEqual([]);
  });

  it("reports near duplicates with a score and every field side by side", () => {
    const findings = duplicates(
      socialAssistanceCatalog(),
      supplementary({ items: ["最低生活保障（低保）", "办事指南"], content: "办理事项、办理条件、低保标准、申请材料", timeLimit: { raw: "信息形成或者变更之日起20个工作日内" } }),
    );
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({ rule: "duplicate-near", severity: "warning", score: 1 });
    expect(f.message).toBe(
      "事项“最低生活保障 / 办事指南”与“最低生活保障（低保） / 办事指南”可能重复：一级事项“最低生活保障”与“最低生活保障（低保）”视为同一类，二级事项相同，相似度 1.00",
    );
    expect(f.fields!.map((x) => x.label)).toEqual(["公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]);
    const limit = f.fields!.find((x) => x.field === "timeLimit")!;
    expect(limit.similarity).toBeLessThan(1);
    expect(f.fields!.find((x) => x.field === "content")!.similarity).toBeGreaterThan(0.4);
  });

  it("does not take 审核 for 审批, nor the same 二级事项 under another 一级事项, for near duplicates", () => {
    const c = socialAssistanceCatalog();
    c.entries.push({ items: ["临时救助", "审核"], content: "临时救助对象初审名单" });
    c.entries.push({ items: ["医疗救助", "政策"], content: "医疗救助政策文件" });
    expect(duplicates(c)).toEqual([]);
  });

  it("does not take powers with different codes for near duplicates", () => {
    const c = transportPowerCatalog();
    c.entries.push({ ...c.entries[0]!, name: "公路超限运输许可证", code: "000117003001", source: { row: 12 } });
    expect(duplicates(c)).toEqual([]);
    c.entries[9]!.code = "000117003000";
    expect(duplicates(c).map((f) => f.rule)).toEqual(["duplicate-near"]);
  });

  it("finds a near duplicate in a body whose catalog also lists a long numbered series (行政处罚事项第1项 … 第2000项)", () => {
    // The series gives far more similar names than the search keeps (every 第N项 is a different
    // item); it used to stop there and report the result incomplete, missing the real pair.
    const series = Array.from({ length: 2000 }, (_, i): DisclosureEntry => ({ items: ["行政权力运行", `行政处罚事项第${i + 1}项`] }));
    const findings = duplicates(socialAssistanceCatalog(), supplementary(...series, { items: ["户籍管理", "居民身份证首次申领办理"] }, { items: ["户籍管理", "居民身份证的首次申领办理"] }));
    expect(findings.filter((f) => f.rule === "analysis-limit")).toEqual([]);
    expect(findings.filter((f) => f.rule === "duplicate-near").map((f) => f.entries.map((e) => e.name))).toEqual([["户籍管理 / 居民身份证首次申领办理", "户籍管理 / 居民身份证的首次申领办理"]]);
  });

  it("respects the threshold", () => {
    const supp = supplementary({ items: ["最低生活保障", "办事指南（低保）"] });
    const near = (t: number) => analyzeCatalogs([socialAssistanceCatalog(), supp], { nearThreshold: t, checks: { gap: false, conflict: false } }).filter((f) => f.kind === "duplicate");
    expect(near(0.7).map((f) => [f.score, f.reason])).toEqual([[0.75, "二级事项相近，相似度 0.75"]]);
    expect(near(0.8)).toEqual([]);
  });

  it("finds the issue's field case: 行政许可 / 行政许可结果 and 行政审批 / 行政许可结果信息, and says why", () => {
    const standard = { ...socialAssistanceCatalog(), department: "宝坻区民政局", entries: [{ items: ["行政许可", "行政许可结果"], source: { row: 20 } }] };
    const findings = duplicates(standard, supplementary({ items: ["行政审批", "行政许可结果信息"] }));
    expect(findings.map((f) => [f.rule, f.reason, f.score])).toEqual([
      ["duplicate-near", "一级事项“行政许可”与“行政审批”视为同一类，二级事项去掉“信息”后相同，相似度 0.83", 0.833],
    ]);
  });

  it("never compares catalogs of different bodies: another county, or another department of one county", () => {
    const otherCounty = withJurisdiction(supplementary({ items: ["最低生活保障", "审批"] }), { name: "武清区", level: "县", code: "120114" });
    expect(duplicates(socialAssistanceCatalog(), otherCounty)).toEqual([]);
    const otherDepartment = { ...supplementary({ items: ["最低生活保障", "审批"] }), department: "宝坻区发展和改革局" };
    expect(duplicates(socialAssistanceCatalog(), otherDepartment)).toEqual([]);
  });

  it("compares a file whose body is unknown with nothing but itself, and says so once", () => {
    const unknown = { ...devReformSupplementary(), entries: [...devReformSupplementary().entries, { items: ["最低生活保障", "审批"] }] };
    delete unknown.department;
    unknown.title = "政府信息主动公开补充目录";
    const findings = duplicates(socialAssistanceCatalog(), unknown);
    expect(findings.map((f) => f.rule)).toEqual(["analysis-body-unknown"]);
    expect(findings[0]!.message).toBe("无法确定本文件所属的单位：标题“政府信息主动公开补充目录”中没有可识别的行政区划。本文件只检查自身，不与其他文件比较。");
  });
});
