import type { Catalog, PowerCatalog, StandardCatalog } from "@zwgk/catalog-schemas";
import { analyzeCatalogs, checkReport, analysisReport, type AnalysisFinding, type AnalyzeOptions } from "@zwgk/catalog-diff";
import { describe, expect, it } from "vitest";
import { renameSync } from "node:fs";
import { join } from "node:path";
import { analyzeParquet, ParquetLayoutError } from "./engine.js";
import { query, sampleCatalogs, writeTables } from "./test-support.js";
import { emptyPlanted, generateCatalogs, plantedMissing } from "../../../scripts/catalog-generator.js";

// The DuckDB engine must give the same findings as the in-process engine on the same catalogs: same
// rules, messages, hints, entries and field comparisons. Compared through the report both engines
// feed (`checkReport` / `analysisReport`), as sorted lists, so the test re-verifies whatever the
// analysis becomes.

/** The check report's findings, canonical and sorted, for comparing engines. */
function canonical(findings: readonly unknown[]): string[] {
  return findings.map((f) => JSON.stringify(f)).sort();
}

export async function expectSameFindings(catalogs: readonly Catalog[], rowGroupSize?: number, options: AnalyzeOptions & { worker?: boolean } = {}): Promise<AnalysisFinding[]> {
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

  it.each([
    [1, 12_000, 60, 0.01],
    [2, 12_000, 60, 0.01],
    // Fewer, larger catalogs with more problems planted.
    [3, 8_000, 20, 0.03],
  ])("on a generated province (seed %i, %i entries in %i catalogs, rate %d) with planted problems, all found", async (seed, entries, count, rate) => {
    const planted = emptyPlanted();
    const catalogs = [...generateCatalogs({ entries, catalogs: count, seed, rates: { duplicate: rate, near: rate * 0.4, gap: rate, conflict: rate, level: rate } }, planted)];
    // The library's per-body work in a worker thread (as at scale), and row groups spanning bodies.
    const findings = await expectSameFindings(catalogs, 1000, { worker: true });
    const missing = plantedMissing(planted, findings);
    for (const [kind, { planted: n, missing: m }] of Object.entries(missing)) {
      expect(n, `${kind} planted`).toBeGreaterThan(3);
      expect(m, `${kind} missing`).toEqual([]);
    }
  });

  it("on hand-made catalogs that reach every branch of the keyed SQL (bodies, conflicts, coverage)", async () => {
    const j = (name: string, code?: string) => ({ name, ...(code ? { code } : {}) });
    const d = (items: string[], more: Record<string, unknown> = {}) => ({ items, ...more });
    const tl = (raw: string) => ({ timeLimit: { raw } });
    // 40 entries under different 一级事项 sharing one specific lower level: a key group above 64
    // pairs nothing (in-process and SQL alike), although each pair would be one item.
    const crowd = (tag: string) => Array.from({ length: 40 }, (_, i) => d([`${tag}部门${i}`, "部门预算执行情况"], tl(`${i + 1}个工作日`)));
    const standard = {
      schemaVersion: "1.0", kind: "standard", title: "甲县民政领域基层政务公开标准目录", jurisdiction: j("甲县", "510001"), department: "民政局",
      entries: [
        d(["行政审批", "食品经营许可结果"], { ...tl("20个工作日"), method: ["主动公开"] }),
        d(["社会救助", "最低生活保障审批"], { subject: "县民政局", audience: ["全社会"] }),
        d(["行政执法", "行政处罚决定"], { ...tl("信息形成之日起7个工作日内"), levels: ["县级"] }),
        d(["临时救助", "政策"], tl("5个工作日")),
        d(["财政信息", "部门预算"], tl("10个工作日")),
        d(["社会保险登记"], { code: "C-1" }),
        d(["行政处罚结果公示"]),
        ...crowd("甲"),
      ],
    };
    const supplementary = {
      schemaVersion: "1.0", kind: "supplementary", title: "甲县民政局主动公开补充目录", jurisdiction: j("甲县"), department: "民政局",
      entries: [
        // 行政审批 = 行政许可, wrapper 信息 off, same period in other words; 公开方式 differs.
        d(["行政许可", "食品经营许可结果信息"], { ...tl("信息形成之日起20个工作日内"), method: ["依申请公开"] }),
        // Umbrella 一级事项 set aside: one item; 公开主体 differs, 公开对象 the same in other words.
        d(["最低生活保障审批信息"], { subject: "县人社局", audience: ["全社会"] }),
        // 双公示 is within 行政执法: related 一级事项; 公开时限 differs.
        d(["双公示", "行政处罚结果"], { ...tl("信息形成之日起15个工作日内"), levels: ["区级"] }),
        // An aspect under another 一级事项 is another item.
        d(["特困人员救助供养", "政策"], tl("9个工作日")),
        // Unrelated 一级事项, the same specific lower level; two entries: only the first pair counts.
        d(["财政预决算", "部门预算"], tl("10个工作日内")),
        d(["预决算公开", "部门预算"], tl("30个工作日")),
        ...crowd("乙"),
      ],
    };
    const power = {
      schemaVersion: "1.0", kind: "power", title: "甲县民政局权责清单", jurisdiction: j("甲县", "510001"), department: "民政局",
      entries: [
        { name: "企业社会保险登记", type: "行政确认" },
        { name: "某项登记", code: "C-1", type: "行政确认" },
        { name: "对违法行为的处罚", type: "行政处罚" },
        { name: "最低生活保障边缘家庭认定", type: "行政确认" },
        { name: "临时救助金给付", type: "行政给付" },
      ],
    };
    // Bodies: one by code, one by name, one whose code differs from the first with that name.
    const byCode = { ...power, title: "乙县民政局权责清单", jurisdiction: j("乙县", "510001") };
    const otherCode = { ...supplementary, jurisdiction: j("甲县", "510009") };
    const catalogs = [standard, supplementary, power, byCode, otherCode] as unknown as Catalog[];
    const findings = await expectSameFindings(catalogs, 16);
    const kinds = findings.map((f) => f.rule);
    expect(kinds.filter((r) => r === "conflict-standard").length).toBeGreaterThanOrEqual(3);
    expect(kinds).toContain("gap-power-not-disclosed");
  });

  it("refuses entries that do not match catalogs.entry_count (a body is read whole or not at all)", async () => {
    const dir = await writeTables(samples);
    const file = join(dir, "catalogs.parquet");
    await query(`COPY (SELECT * REPLACE (CASE WHEN catalog_id = 1 THEN entry_count + 1 ELSE entry_count END AS entry_count) FROM '${file}') TO '${file}.new' (FORMAT parquet)`);
    renameSync(`${file}.new`, file);
    await expect(analyzeParquet(dir, { threads: 1 })).rejects.toThrow(ParquetLayoutError);
    await expect(analyzeParquet(dir, { threads: 1 })).rejects.toThrow(/entry_count/);
  });
});

describe("an error in the per-body worker", () => {
  it("reaches the caller as one error: the worker's message, its stack kept apart (no stack in the message)", async () => {
    const dir = await writeTables(await sampleCatalogs());
    // A bound that is not a whole number is the caller's bug; the worker is where it is found.
    const error = await analyzeParquet(dir, { threads: 1, worker: true, limits: { maxNearDuplicates: -1 } }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toBe("DuckDB engine worker: RangeError: analysis limit maxNearDuplicates must be a non-negative integer, not -1");
    expect(error!.stack).toContain("analysisLimits");
  });
});
