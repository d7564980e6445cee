import { describe, expect, it } from "vitest";
import type { PowerCatalog, SupplementaryCatalog } from "@zwgk/catalog-schemas";
import { analyzeCatalogs } from "./analyze.js";
import { analysisLimits, DEFAULT_ANALYSIS_LIMITS } from "./limits.js";
import { baodiSupplementary, NEAR_DUPLICATE_PAIRS } from "../fixtures.js";
import type { AnalysisFinding, AnalysisLimits } from "./types.js";
import { diffCatalogs } from "../diff.js";
import { formatDiffText } from "../format-diff.js";

// Issue 13, item 4: 16,000 entries whose names are 16 random characters from 甲/乙 made `check` and
// `diff` run out of memory (every pair a candidate, millions of similar pairs). The searches are now
// bounded: they stop at their limits, say so, and the run ends.
function hostileNames(seed: number): () => string {
  let s = seed;
  const bit = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 16) & 1;
  return () => Array.from({ length: 16 }, () => (bit() ? "甲" : "乙")).join("");
}

function hostile(seed: number, count = 16_000): PowerCatalog {
  const name = hostileNames(seed);
  return {
    schemaVersion: "1.0",
    kind: "power",
    title: "恭城瑶族自治县交通运输局权责清单",
    source: { file: `hostile-${seed}.json` },
    entries: Array.from({ length: count }, () => ({ name: name(), type: "行政许可" })),
  };
}

/** The same body's 补充目录, disclosing `count` such names under 行政处罚. */
function hostileSupplementary(seed: number, count: number): SupplementaryCatalog {
  const name = hostileNames(seed);
  return {
    schemaVersion: "1.0",
    kind: "supplementary",
    title: "恭城瑶族自治县交通运输局政府信息主动公开补充目录",
    source: { file: "hostile-supplementary.json" },
    entries: Array.from({ length: count }, () => ({ items: ["行政处罚", name()] })),
  };
}

describe("near-duplicate search on names built to defeat it", () => {
  it("check: stops at the limit, reports it once, and still reports exact duplicates", () => {
    const findings = analyzeCatalogs([hostile(1)], { checks: { gap: false, conflict: false, "level-mismatch": false } });
    const limits = findings.filter((f) => f.rule === "analysis-limit");
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatchObject({ kind: "notice", severity: "warning" });
    expect(limits[0]!.message).toContain("结果不完整");
    expect(findings.some((f) => f.rule === "duplicate-exact")).toBe(true);
  });

  it("diff: stops the rename search at its limit and says the result is incomplete", () => {
    const diff = diffCatalogs(hostile(2), hostile(3));
    expect(diff.incomplete).toContain("结果不完整");
    expect(formatDiffText(diff)).toContain("更名识别未完成");
    // Nothing is lost: every entry is matched, renamed, added or removed.
    expect(diff.unchanged + diff.changed.length + diff.renamed.length + diff.added.length).toBe(16_000);
  });
});

describe("gap coverage on names built to defeat the similarity join", () => {
  it("stops comparing at the limit and says, once for the list, that its gaps may be wrong", () => {
    const supplementary = hostileSupplementary(5, 16_000);
    const findings = analyzeCatalogs([supplementary, hostile(4)], { checks: { duplicate: false, conflict: false, "level-mismatch": false } });
    const limits = findings.filter((f) => f.rule === "analysis-gap-limit");
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatchObject({ kind: "notice", severity: "warning", entries: [{ catalog: 1, index: -1, file: "hostile-4.json" }] });
    expect(limits[0]!.message).toBe(
      "恭城瑶族自治县交通运输局权责清单的遗漏检查在比较了 1000000 对名称后停止（上限 1000000）：名称过于相似，部分事项未与公开条目逐一比较，报告的遗漏可能有误。",
    );
    // Reported before the list's gaps, which are still reported.
    const first = findings.findIndex((f) => f.rule === "gap-power-not-disclosed");
    expect(first).toBeGreaterThan(findings.indexOf(limits[0]!));
  });
});

describe("the analysis's bounds are options (zwgk check --limit)", () => {
  const supplementary = baodiSupplementary;
  const onlyDuplicates = { checks: { gap: false, conflict: false, "level-mismatch": false } } as const;
  const pairs = NEAR_DUPLICATE_PAIRS;
  const series = Array.from({ length: 600 }, (_, i) => ["行政权力运行", `行政处罚事项第${i + 1}项`]);
  const near = (findings: AnalysisFinding[]) => findings.filter((f) => f.rule === "duplicate-near");
  const notice = (findings: AnalysisFinding[]) => findings.filter((f) => f.rule === "analysis-limit");

  it("lists every near duplicate under the defaults, and says nothing of limits", () => {
    const findings = analyzeCatalogs([supplementary([...series, ...pairs])], onlyDuplicates);
    expect(near(findings)).toHaveLength(3);
    expect(notice(findings)).toEqual([]);
  });

  it("maxNearDuplicates: lists that many, counts the rest, and names the limit in the hint", () => {
    const findings = analyzeCatalogs([supplementary(pairs)], { ...onlyDuplicates, limits: { maxNearDuplicates: 2 } });
    expect(near(findings)).toHaveLength(2);
    expect(notice(findings).map((f) => f.message)).toEqual(["可能重复的事项超过上限：只列出前 2 处，另有 1 处未列出。"]);
    expect(notice(findings)[0]!.hint).toContain("--limit maxNearDuplicates=更大的值");
  });

  it("maxSimilarNamePairs: the search keeps that many pairs that may be one item", () => {
    const findings = analyzeCatalogs([supplementary(pairs)], { ...onlyDuplicates, limits: { maxSimilarNamePairs: 1 } });
    expect(near(findings)).toHaveLength(1);
    expect(notice(findings)[0]!.message).toContain("找到 1 对名称相近的事项后停止（上限 1）");
    expect(notice(findings)[0]!.hint).toContain("--limit maxSimilarNamePairs=");
  });

  it("maxNameComparisons and maxRejectedNamePairs: a numbered series stops the search where they say", () => {
    const compared = analyzeCatalogs([supplementary([...series, ...pairs])], { ...onlyDuplicates, limits: { maxNameComparisons: 1_000 } });
    expect(notice(compared)[0]!.message).toContain("比较了 1000 对名称后停止（上限 1000）");
    expect(notice(compared)[0]!.hint).toContain("--limit maxNameComparisons=");
    const rejected = analyzeCatalogs([supplementary([...series, ...pairs])], { ...onlyDuplicates, limits: { maxRejectedNamePairs: 50 } });
    expect(notice(rejected)[0]!.message).toContain("排除了 50 对名称相近但不是同一事项的名称后停止（上限 50）");
    expect(notice(rejected)[0]!.hint).toContain("--limit maxRejectedNamePairs=");
  });

  it("the gap coverage stops at maxNameComparisons or maxRejectedNamePairs, naming the one it reached", () => {
    const disclosure = hostileSupplementary(7, 300);
    const powers = hostile(8, 300);
    const gapsOnly = { checks: { duplicate: false, conflict: false, "level-mismatch": false } } as const;
    const gapLimit = (limits: Partial<AnalysisLimits>) => analyzeCatalogs([disclosure, powers], { ...gapsOnly, limits }).filter((f) => f.rule === "analysis-gap-limit");
    expect(gapLimit({})).toEqual([]);
    const compared = gapLimit({ maxNameComparisons: 40 });
    expect(compared.map((f) => f.message)).toEqual([
      "恭城瑶族自治县交通运输局权责清单的遗漏检查在比较了 40 对名称后停止（上限 40）：名称过于相似，部分事项未与公开条目逐一比较，报告的遗漏可能有误。",
    ]);
    expect(compared[0]!.hint).toContain("--limit maxNameComparisons=");
    const rejected = gapLimit({ maxRejectedNamePairs: 100 });
    expect(rejected[0]!.message).toContain("比较了 100 对名称后停止（上限 100）");
    expect(rejected[0]!.hint).toContain("--limit maxRejectedNamePairs=");
  });

  it("refuses a bound that is not a non-negative whole number (the caller's bug)", () => {
    expect(() => analyzeCatalogs([supplementary(pairs)], { limits: { maxNearDuplicates: -1 } })).toThrow(RangeError);
    expect(() => analyzeCatalogs([supplementary(pairs)], { limits: { maxNameComparisons: 1.5 } })).toThrow(RangeError);
    expect(analysisLimits({ maxNearDuplicates: 7, ...({ bananas: 3 } as object) })).toEqual({ ...DEFAULT_ANALYSIS_LIMITS, maxNearDuplicates: 7 });
  });
});
