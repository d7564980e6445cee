import type { Catalog, PowerCatalog, StandardCatalog } from "@zwgk/catalog-schemas";
import { analyzeCatalogs, checkReport, analysisReport, type AnalysisFinding, type AnalyzeOptions } from "@zwgk/catalog-diff";
import { describe, expect, it } from "vitest";
import { analyzeParquet } from "./engine.js";
import { sampleCatalogs, writeTables } from "./test-support.js";
import { emptyPlanted, generateCatalogs, plantedMissing } from "../../../scripts/catalog-generator.js";

// The DuckDB engine must give the same findings as the in-process engine on the same catalogs: same
// rules, messages, hints, entries and field comparisons. Compared through the report both engines
// feed (`checkReport` / `analysisReport`), as sorted lists, so the test re-verifies whatever the
// analysis becomes.

/** The check report's findings, canonical and sorted, for comparing engines. */
function canonical(findings: readonly unknown[]): string[] {
  return findings.map((f) => JSON.stringify(f)).sort();
}

export async function expectSameFindings(catalogs: readonly Catalog[], rowGroupSize?: number, options: AnalyzeOptions = {}): Promise<AnalysisFinding[]> {
  const dir = await writeTables(catalogs, [], rowGroupSize);
  const inProcess = checkReport(catalogs, options);
  const duck = await analyzeParquet(dir, { threads: 1, ...options });
  const viaDuck = analysisReport(duck.catalogs.map((c, i) => ({ ...c, entries: { length: duck.entryCounts[i]! } })), duck.bodyLabels, duck.findings);
  expect(viaDuck.files).toEqual(inProcess.files);
  expect(canonical(viaDuck.findings ?? [])).toEqual(canonical(inProcess.findings ?? []));
  // Same order as well.
  expect(duck.findings.map((f) => f.message)).toEqual(analyzeCatalogs(catalogs, options).map((f) => f.message));
  return duck.findings;
}

const withBody = (c: Catalog, name: string, code: string, level?: "省" | "市" | "县"): Catalog =>
  ({ ...c, jurisdiction: { name, code, ...(level ? { level } : {}) } }) as Catalog;

describe("check --engine duckdb gives the in-process findings", async () => {
  const samples = await sampleCatalogs();

  it("on the five sample workbooks as they are (no body named)", async () => {
    const findings = await expectSameFindings(samples);
    expect(new Set(findings.map((f) => f.kind))).toEqual(new Set(["notice", "duplicate", "gap"]));
  });

  it("on the samples as two bodies, with a catalog naming none, and a power list at two levels", async () => {
    const [social, household, dev, power, service] = samples as [Catalog, Catalog, Catalog, Catalog, Catalog];
    const county = (c: Catalog) => withBody(c, "广安市广安区", "511602", "县");
    const city = (c: Catalog) => withBody(c, "广安市", "511600", "市");
    // The county's power list cites another law for its first power; the city's 社会救助 catalog
    // gives its first item another 公开时限 and 公开方式.
    const countyPower = structuredClone(power) as PowerCatalog;
    countyPower.entries[0]!.basis = { raw: "《中华人民共和国行政许可法》" };
    const citySocial = structuredClone(social) as StandardCatalog;
    citySocial.entries[0]!.timeLimit = { raw: "信息形成之日起5个工作日内" };
    citySocial.entries[0]!.method = ["依申请公开"];
    const findings = await expectSameFindings(
      [county(social), county(countyPower), city(household), city(power), dev, county(service), city(citySocial)],
      7,
    );
    // Conflicts are within one body (docs/analysis.md): the two 社会救助 catalogs are of two bodies.
    expect(new Set(findings.map((f) => f.kind))).toEqual(new Set(["notice", "duplicate", "gap", "level-mismatch"]));
    expect(findings.filter((f) => f.kind === "level-mismatch").flatMap((f) => f.fields!.map((x) => x.field))).toEqual(["basis"]);
  });

  it("with options (level, threshold, checks turned off), an empty catalog and a lone power list", async () => {
    const [social, household, , power] = samples as [Catalog, Catalog, Catalog, Catalog];
    const empty = { ...social, entries: [] } as Catalog;
    const set = [withBody(social, "甲县", "510001"), empty, withBody(household, "甲县", "510001"), withBody(power, "乙县", "510002")];
    expect(await expectSameFindings(set, 5, { level: "市", nearThreshold: 0.6 })).not.toEqual([]);
    const onlyGaps = await expectSameFindings(set, 5, { checks: { duplicate: false, conflict: false, "level-mismatch": false } });
    expect(onlyGaps.every((f) => f.kind === "notice" || f.kind === "gap")).toBe(true);
    // A lone power list: nothing to check its gaps against (said once, as a notice).
    expect((await expectSameFindings([withBody(power, "乙县", "510002")])).map((f) => f.kind)).toEqual(["notice"]);
  });

  it.each([1, 2])("on a generated province (seed %i) with planted duplicates, gaps, conflicts and level mismatches, all found", async (seed) => {
    const planted = emptyPlanted();
    const catalogs = [...generateCatalogs({ entries: 12_000, catalogs: 60, seed, rates: { duplicate: 0.01, near: 0.004, gap: 0.01, conflict: 0.01, level: 0.01 } }, planted)];
    const findings = await expectSameFindings(catalogs, 1000);
    const missing = plantedMissing(planted, findings);
    for (const [kind, { planted: n, missing: m }] of Object.entries(missing)) {
      expect(n, `${kind} planted`).toBeGreaterThan(3);
      expect(m, `${kind} missing`).toEqual([]);
    }
  });
});
