import { describe, expect, it } from "vitest";
import type { PowerCatalog, SupplementaryCatalog } from "@zwgk/catalog-schemas";
import { analyzeCatalogs } from "./analyze.js";
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

function hostile(seed: number): PowerCatalog {
  const name = hostileNames(seed);
  return {
    schemaVersion: "1.0",
    kind: "power",
    title: "恭城瑶族自治县交通运输局权责清单",
    source: { file: `hostile-${seed}.json` },
    entries: Array.from({ length: 16_000 }, () => ({ name: name(), type: "行政许可" })),
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
    const name = hostileNames(5);
    const supplementary: SupplementaryCatalog = {
      schemaVersion: "1.0",
      kind: "supplementary",
      title: "恭城瑶族自治县交通运输局政府信息主动公开补充目录",
      source: { file: "hostile-supplementary.json" },
      entries: Array.from({ length: 16_000 }, () => ({ items: ["行政处罚", name()] })),
    };
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
