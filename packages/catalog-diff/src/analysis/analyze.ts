import type { Catalog } from "@zwgk/catalog-schemas";
import { createVariantTest } from "../variants.js";
import { findConflicts } from "./conflicts.js";
import { createContext } from "./context.js";
import { findDuplicates } from "./duplicates.js";
import { findStatutoryGaps, findUncovered } from "./gaps.js";
import { findLevelMismatches } from "./levels.js";
import type { AnalysisFinding, AnalysisKind, AnalyzeOptions } from "./types.js";

/**
 * Checks a set of catalogs against one another — the demands 梳理不重复、事项无遗漏、公开标准统一 and
 * 三级四同:
 * - `duplicate`: an item listed twice in one catalog or in a body's 标准目录 and 补充目录, exactly
 *   (same matching key) or nearly (similar names, screened for items that only look alike);
 * - `gap`: powers and services no disclosure entry covers, and 条例 categories no catalog covers;
 * - `conflict`: one item disclosed to different standards in two catalogs;
 * - `level-mismatch`: one power with a different name, code, type or basis at 省/市/县 level.
 * Findings come grouped by kind, in input order; entries carry file/sheet/row when known.
 */
export function analyzeCatalogs(catalogs: readonly Catalog[], options: AnalyzeOptions = {}): AnalysisFinding[] {
  const on = (kind: AnalysisKind) => options.checks?.[kind] !== false;
  const ctx = createContext(catalogs);
  const findings: AnalysisFinding[] = [];
  if (on("duplicate")) {
    const threshold = options.nearThreshold ?? 0.8;
    findings.push(...sortByFirstEntry(findDuplicates(ctx, threshold, createVariantTest(options.variantWords))));
  }
  if (on("gap")) findings.push(...findUncovered(ctx), ...findStatutoryGaps(ctx, options.level));
  if (on("conflict")) findings.push(...sortByFirstEntry(findConflicts(ctx)));
  if (on("level-mismatch")) findings.push(...findLevelMismatches(ctx));
  return findings;
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
    fields?: AnalysisFinding["fields"];
    entries: Array<{ file?: string; sheet?: string; row?: number; name: string }>;
  }>;
  summary: { duplicate: number; gap: number; conflict: number; "level-mismatch": number; errors: number; warnings: number };
}

/** Findings as the JSON report: each finding with its entries' file/sheet/row/name, and counts by kind and severity. */
export function formatAnalysisJson(findings: readonly AnalysisFinding[]): AnalysisJson {
  const summary: AnalysisJson["summary"] = { duplicate: 0, gap: 0, conflict: 0, "level-mismatch": 0, errors: 0, warnings: 0 };
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
    if (f.fields) item.fields = f.fields;
    return item;
  });
  return { findings: out, summary };
}
