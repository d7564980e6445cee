import { describe, expect, it } from "vitest";
import { analyzeCatalogs, formatAnalysisJson } from "./analyze.js";
import { devReformSupplementary, guanganServiceCatalog, socialAssistanceCatalog, transportPowerCatalog, withJurisdiction } from "../fixtures.js";

const BAODI = { name: "宝坻区", level: "县" as const, code: "120115" };

function scenario() {
  // A 补充目录 of 宝坻区's 民政局 (the body of the sample 社会救助 标准目录), 宝坻区's 交通运输 powers
  // and their province's, and 广安区's services (another county: never compared with 宝坻区's).
  const supp = { ...withJurisdiction(devReformSupplementary(), BAODI), title: "宝坻区民政局政府信息主动公开补充目录", department: "宝坻区民政局" };
  supp.entries.push({ items: ["最低生活保障", "审批"], timeLimit: { raw: "信息形成或者变更之日起20个工作日内" }, source: { row: 15 } });
  const province = withJurisdiction(transportPowerCatalog(), { name: "广西壮族自治区", level: "省", code: "450000" });
  province.entries[0]!.name = "公路超限运输车辆行驶公路许可";
  const transportSupp = { ...supp, title: "宝坻区交通运输局政府信息主动公开补充目录", department: "宝坻区交通运输局", entries: [] };
  return [socialAssistanceCatalog(), supp, withJurisdiction(transportPowerCatalog(), BAODI), province, guanganServiceCatalog(), transportSupp];
}

describe("analyzeCatalogs", () => {
  it("reports every kind, grouped by kind", () => {
    const findings = analyzeCatalogs(scenario());
    const kinds = findings.map((f) => f.kind);
    const order = ["duplicate", "gap", "conflict", "level-mismatch"];
    const main = kinds.filter((k) => k !== "notice");
    expect([...new Set(main)]).toEqual(order);
    expect(main).toEqual([...main].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(new Set(findings.map((f) => f.rule))).toEqual(
      new Set(["duplicate-exact", "gap-power-not-disclosed", "gap-statutory-category", "conflict-standard", "level-mismatch", "analysis-no-disclosure-catalog"]),
    );
    // Every finding says why.
    for (const f of findings.filter((x) => x.kind !== "notice")) expect(f.reason, f.rule).toMatch(/\p{Script=Han}/u);
  });

  it("runs only the checks asked for", () => {
    const findings = analyzeCatalogs(scenario(), { checks: { duplicate: false, gap: false, conflict: false } });
    expect(findings.map((f) => f.rule)).toEqual(["level-mismatch"]);
    expect(analyzeCatalogs(scenario(), { checks: { duplicate: false, gap: false, conflict: false }, severities: { "level-mismatch": "off" } })).toEqual([]);
  });

  it("is deterministic", () => {
    expect(analyzeCatalogs(scenario())).toEqual(analyzeCatalogs(scenario()));
  });
});

describe("formatAnalysisJson", () => {
  it("gives findings with their places and a summary by kind and severity", () => {
    const findings = analyzeCatalogs(scenario());
    const json = formatAnalysisJson(findings);
    expect(json.findings).toHaveLength(findings.length);
    const dup = json.findings.find((f) => f.kind === "duplicate")!;
    expect(dup).toEqual({
      kind: "duplicate",
      rule: "duplicate-exact",
      severity: "error",
      message: expect.stringContaining("重复列出 2 次"),
      hint: expect.any(String),
      score: 1,
      reason: "事项名称相同",
      fields: expect.any(Array),
      entries: [
        { file: "社会救助-标准目录.xlsx", sheet: "社会救助", row: 9, name: "最低生活保障 / 审批" },
        { file: "主动公开目录-发展改革局.xlsx", sheet: "主动公开目录", row: 15, name: "最低生活保障 / 审批" },
      ],
    });
    const count = (kind: string) => findings.filter((f) => f.kind === kind).length;
    expect(json.summary).toEqual({
      duplicate: count("duplicate"),
      gap: count("gap"),
      conflict: count("conflict"),
      "level-mismatch": count("level-mismatch"),
      notice: count("notice"),
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
    });
    expect(json.summary.duplicate).toBe(2);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
