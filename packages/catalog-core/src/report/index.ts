// The report layer: one Report model, pure reporters that return strings (the CLI writes them).
export type {
  BaselineState,
  BaselineSummary,
  FileError,
  FileReport,
  Report,
  ReportedFinding,
  ReporterOptions,
  ReportSummary,
} from "./model.js";
export { bodyGroups, countsText, relatedText, summarizeReport } from "./model.js";
export type { EntryIdentities } from "./fingerprint.js";
export { entryIdentity, fingerprint, withFingerprints } from "./fingerprint.js";
export type { BaselineComparison } from "./baseline.js";
export { applyBaseline, BaselineError, compareWithBaseline } from "./baseline.js";
export type { JsonReportOptions, ParseReportResult } from "./json.js";
export { formatJson, parseJsonReport, reportFromJson } from "./json.js";
export type { TextReportOptions } from "./text.js";
export { formatText } from "./text.js";
export type { GithubReportOptions } from "./github.js";
export { formatGithub } from "./github.js";
export type { GithubSummaryOptions } from "./github-summary.js";
export { formatGithubSummary } from "./github-summary.js";
export { formatJunit } from "./junit.js";
export type { SarifReportOptions } from "./sarif.js";
export { formatSarif, SARIF_FINGERPRINT_KEY } from "./sarif.js";
export { attachEntryLines, fileReportFor } from "./build.js";
export type { FileSummary } from "./by-file.js";
export { summarizeByFile } from "./by-file.js";
