import type { Catalog } from "@zwgk/catalog-schemas";
import { createVariantTest } from "../variants.js";
import type { Body } from "./body.js";
import { findConflicts } from "./conflicts.js";
import { catalogBodies, catalogRef, createContext, type Context } from "./context.js";
import { findDuplicates } from "./duplicates.js";
import { findStatutoryGaps, findUncovered, type KeyedCoverage } from "./gaps.js";
import { findLevelMismatches } from "./levels.js";
import { analysisLimits } from "./limits.js";
import { describeOnce, type DescribeItem } from "./match.js";
import { FindingMaker } from "./rules.js";
import type { AnalysisFinding, AnalysisKind, AnalyzeOptions } from "./types.js";

/**
 * Checks a set of catalogs against one another — the demands 梳理不重复、事项无遗漏、公开标准统一 and
 * 三级四同 — one body (jurisdiction + department) at a time (see `bodiesOf`):
 * - `duplicate`: an item listed twice in one catalog or in a body's 标准目录 and 补充目录, exactly
 *   (same matching key) or in other words (wrappers, 决定/结果, 行政审批/行政许可, similar names),
 *   screened for items that only look alike;
 * - `gap`: powers and services no disclosure entry of their body covers, and 条例 categories the
 *   catalogs of a body with a 补充目录 do not cover;
 * - `conflict`: one item disclosed to different standards in two catalogs of one body;
 * - `level-mismatch`: one power with a different name, code, type or basis at 省/市/县 level (across
 *   bodies, on purpose);
 * - `notice`: a file whose body is unknown (compared with nothing but itself), a body with nothing
 *   to check gaps against, a search stopped at its limit.
 * Every finding has a rule id (`ANALYSIS_RULES`), a reason, and for matches a score. Findings come
 * grouped by kind, in input order; entries carry file/sheet/row when known, and catalog and entry
 * index (`index` -1: the catalog as a whole).
 */
export function analyzeCatalogs(catalogs: readonly Catalog[], options: AnalyzeOptions = {}): AnalysisFinding[] {
  const { on, ctx, make, variants, findings } = begin(catalogs, options);
  // Duplicates and conflicts describe the same items (match.ts): they run one after the other and
  // share the descriptions, which are dropped before the gap search; findings keep their order.
  const [duplicates, conflicts] = ((describeItem: DescribeItem) => [
    on("duplicate") ? sortByFirstEntry(findDuplicates(ctx, options.nearThreshold ?? 0.8, variants, make, true, describeItem)) : [],
    on("conflict") ? sortByFirstEntry(findConflicts(ctx, variants, make, describeItem)) : [],
  ])(describeOnce());
  findings.push(...duplicates);
  if (on("gap")) findings.push(...findUncovered(ctx, variants, make), ...findStatutoryGaps(ctx, options.level, make));
  findings.push(...conflicts);
  if (on("level-mismatch")) findings.push(...findLevelMismatches(ctx, make));
  return findings;
}

/**
 * The part of {@link analyzeCatalogs} an engine that decides the keyed checks elsewhere (SQL over the
 * Parquet tables: exact duplicates, conflicts, keyed gap coverage, 三级四同) leaves to the library,
 * run on one body's catalogs: the unknown-body notice, near duplicates (with their limit notice), the
 * similarity part of gap coverage for the powers and services `keyed` left uncovered (the nearest
 * entry, fuzzy coverage) with the "nothing to check against" notice, and the 条例 categories.
 * @internal
 */
export function analyzeBodyUnkeyed(catalogs: readonly Catalog[], options: AnalyzeOptions, keyed: KeyedCoverage): AnalysisFinding[] {
  const { on, ctx, make, variants, findings } = begin(catalogs, options);
  if (on("duplicate")) findings.push(...findDuplicates(ctx, options.nearThreshold ?? 0.8, variants, make, false));
  if (on("gap")) findings.push(...findUncovered(ctx, variants, make, keyed), ...findStatutoryGaps(ctx, options.level, make));
  return findings;
}

/** What both entry points start from: the context, the finding maker, and the unknown-body notices. */
function begin(catalogs: readonly Catalog[], options: AnalyzeOptions) {
  const on = (kind: Exclude<AnalysisKind, "notice">) => options.checks?.[kind] !== false;
  const ctx = createContext(catalogs, options.jurisdiction, options.oneBody, analysisLimits(options.limits));
  const make = new FindingMaker(options.severities);
  const variants = createVariantTest(options.variantWords);
  const findings: AnalysisFinding[] = [...unknownBodies(ctx, make)];
  return { on, ctx, make, variants, findings };
}

/** The notice for each catalog whose body is unknown. */
function unknownBodies(ctx: Context, make: FindingMaker): AnalysisFinding[] {
  if (!make.enabled("analysis-body-unknown")) return [];
  return ctx.bodies.flatMap((b, i) => (b.key ? [] : [make.make("notice", "analysis-body-unknown", "unknown", { why: b.unknown ?? "" }, [catalogRef(ctx, i)])]));
}

/** One body the analysis found: how it was named and which catalogs (by input index) belong to it. */
export interface BodyGroup {
  /** 宝坻区 民政, 广安区（511602） …, or 单位不明 for a catalog whose jurisdiction could not be read. */
  label: string;
  /** False when the catalog's jurisdiction could not be read (then it is alone in its group). */
  known: boolean;
  /** Why the body is unknown, in Chinese. */
  unknown?: string;
  catalogs: number[];
}

/**
 * The bodies (单位: jurisdiction + department) the analysis groups the catalogs into, in input
 * order: read from each catalog's `jurisdiction`, `department`, title, 公开主体/实施主体 and
 * 实施编码 (see docs/analysis.md). Catalogs of different bodies are never compared, except for
 * 三级四同.
 */
export function bodiesOf(catalogs: readonly Catalog[], options: Pick<AnalyzeOptions, "jurisdiction" | "oneBody"> = {}): BodyGroup[] {
  // Bodies only: the entries' matching keys are not needed to group catalogs.
  const ctx = catalogBodies(catalogs, options.jurisdiction, options.oneBody);
  const groups = new Map<number, BodyGroup>();
  ctx.group.forEach((g, i) => {
    const b: Body = ctx.bodies[i]!;
    const group = groups.get(g);
    if (group) group.catalogs.push(i);
    else groups.set(g, { label: b.label, known: Boolean(b.key), ...(b.unknown ? { unknown: b.unknown } : {}), catalogs: [i] });
  });
  return [...groups.values()];
}

function sortByFirstEntry(findings: AnalysisFinding[]): AnalysisFinding[] {
  const at = (f: AnalysisFinding) => f.entries[0]!;
  return findings.sort(
    (x, y) =>
      at(x).catalog - at(y).catalog ||
      at(x).index - at(y).index ||
      (x.entries[1]?.catalog ?? 0) - (y.entries[1]?.catalog ?? 0) ||
      (x.entries[1]?.index ?? 0) - (y.entries[1]?.index ?? 0),
  );
}

/** The JSON document `zwgk check --format json` prints. */
export interface AnalysisJson {
  findings: Array<{
    kind: AnalysisKind;
    rule: string;
    severity: AnalysisFinding["severity"];
    message: string;
    hint: string;
    score?: number;
    reason?: string;
    fields?: AnalysisFinding["fields"];
    entries: Array<{ file?: string; sheet?: string; row?: number; name: string }>;
  }>;
  summary: { duplicate: number; gap: number; conflict: number; "level-mismatch": number; notice: number; errors: number; warnings: number };
}

/** Findings as the JSON report: each finding with its entries' file/sheet/row/name, and counts by kind and severity. */
export function formatAnalysisJson(findings: readonly AnalysisFinding[]): AnalysisJson {
  const summary: AnalysisJson["summary"] = { duplicate: 0, gap: 0, conflict: 0, "level-mismatch": 0, notice: 0, errors: 0, warnings: 0 };
  const out: AnalysisJson["findings"] = findings.map((f) => {
    summary[f.kind]++;
    if (f.severity === "error") summary.errors++;
    else if (f.severity === "warning") summary.warnings++;
    const entries = f.entries.map(({ file, sheet, row, name }) => ({
      ...(file !== undefined && { file }),
      ...(sheet !== undefined && { sheet }),
      ...(row !== undefined && { row }),
      name,
    }));
    const item: AnalysisJson["findings"][number] = { kind: f.kind, rule: f.rule, severity: f.severity, message: f.message, hint: f.hint, entries };
    if (f.score !== undefined) item.score = f.score;
    if (f.reason !== undefined) item.reason = f.reason;
    if (f.fields) item.fields = f.fields;
    return item;
  });
  return { findings: out, summary };
}
