/**
 * @zwgk/catalog-diff — what changed between two versions of a 政务公开目录 (diff), the change sets
 * that record 动态调整 (apply, revert, replay), and analysis across catalogs: duplicates
 * (梳理不重复), gaps (事项无遗漏), conflicting standards (公开标准统一) and 三级四同 mismatches.
 * Runs in browsers: no file access.
 *
 * @example
 * ```ts
 * import { diffCatalogs, formatDiffText, toChangeSet, applyChangeSet } from "@zwgk/catalog-diff";
 * const diff = diffCatalogs(oldCatalog, newCatalog);
 * console.log(formatDiffText(diff));
 * const cs = toChangeSet(diff, { author: "县民政局", reason: "调整低保审批公开时限", effectiveDate: "2024-07-01" });
 * const updated = applyChangeSet(oldCatalog, cs);
 * ```
 * @packageDocumentation
 */
export type { CatalogDiff, DiffOptions, EntryRef, FieldChange, MatchedEntry, RenamedEntry } from "./diff.js";
export { diffCatalogs } from "./diff.js";
export type { FieldDifference, JsonValue } from "./fields.js";
export { sameFieldValue } from "./fields.js";
export type { EntryIdentity } from "./identity.js";
export type {
  AddChange,
  Change,
  ChangeSet,
  ChangeSetMeta,
  FieldPatch,
  HeaderChange,
  RemoveChange,
  RenameChange,
  UpdateChange,
} from "./changeset.js";
export { invertChangeSet, toChangeSet } from "./changeset.js";
export type { ApplyOptions, ChangeSetIssue } from "./apply.js";
export { applyChangeSet, ChangeSetError, DEFAULT_MAX_APPLY_COMPARISONS, replayHistory, revertChangeSet } from "./apply.js";
export { parseChangeSet } from "./parse-changeset.js";
export { isCalendarDate, todayInChina } from "./dates.js";
export { formatDiffJson, formatDiffText, summarizeDiff } from "./format-diff.js";
export type { JoinLimit, SimilarPair, SimilarPairsOptions } from "./similarity-join.js";
export { DEFAULT_MAX_COMPARISONS, DEFAULT_MAX_PAIRS, findSimilarPairs, findSimilarPairsBetween } from "./similarity-join.js";
export { VARIANT_WORDS } from "./variants.js";
export type { AnalysisEntryRef, AnalysisFinding, AnalysisKind, AnalysisLimits, AnalyzeOptions, FieldComparison } from "./analysis/types.js";
export { DEFAULT_ANALYSIS_LIMITS } from "./analysis/limits.js";
export type { AnalysisJson, BodyGroup } from "./analysis/analyze.js";
export { analyzeBodyUnkeyed, analyzeCatalogs, bodiesOf, formatAnalysisJson } from "./analysis/analyze.js";
export { ANALYSIS_RULES } from "./analysis/rules.js";
export type { CheckReportOptions, PointerLineLookup } from "./analysis/report.js";
export { analysisReport, analysisToFinding, checkReport, EntryLines } from "./analysis/report.js";
export type { EntryAt, EntryMatchKeys } from "./analysis/parts.js";
export { AnalysisParts, bodyGroups, catalogMatchKeys, entryMatchKeys } from "./analysis/parts.js";
export type { Body } from "./analysis/body.js";
export { LEVEL_SEP } from "./identity.js";
