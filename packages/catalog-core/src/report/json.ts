import { CATALOG_KINDS, type CatalogKind } from "@zwgk/catalog-schemas";
import type { Finding, Location, Severity } from "../finding.js";
import { fingerprintOf } from "./fingerprint.js";
import {
  summarizeReport,
  type BaselineState,
  type FileReport,
  type FileError,
  type Report,
  type ReportedFinding,
} from "./model.js";

// The JSON format is the machine contract (and the baseline file format):
// { files: [{ file, kind, entries, issues: [{ rule, severity, message, hint, location, fingerprint }] }],
//   summary: { errors, warnings } }, plus `error` on unreadable files, top-level `issues` for
// cross-file findings and `baseline` once compared. Members are present only when known.

/** Options of {@link formatJson}. */
export interface JsonReportOptions {
  /** Indentation; 0 writes one line. Default 2. */
  indent?: number;
}

const LOCATION_KEYS = ["sheet", "row", "column", "cell", "path", "line"] as const;

function issueOf(finding: ReportedFinding, file: string | undefined): Record<string, unknown> {
  const location: Record<string, unknown> = {};
  for (const key of LOCATION_KEYS) if (finding.location[key] !== undefined) location[key] = finding.location[key];
  const issue: Record<string, unknown> = { rule: finding.rule, severity: finding.severity, message: finding.message };
  if (finding.hint) issue["hint"] = finding.hint;
  issue["location"] = location;
  // Cross-catalog findings concern several entries: the others, each with its file (SARIF's relatedLocations).
  if (finding.related?.length) issue["related"] = finding.related.map(relatedOf);
  issue["fingerprint"] = fingerprintOf(finding, file);
  if (finding.baselineState) issue["baselineState"] = finding.baselineState;
  return issue;
}

function relatedOf(location: Location): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (location.file !== undefined) out["file"] = location.file;
  for (const key of LOCATION_KEYS) if (location[key] !== undefined) out[key] = location[key];
  return out;
}

/** The report as JSON text (with a final newline); {@link parseJsonReport} reads it back. */
export function formatJson(report: Report, options: JsonReportOptions = {}): string {
  const summary = summarizeReport(report);
  const out: Record<string, unknown> = {
    files: report.files.map((f) => {
      const file: Record<string, unknown> = { file: f.file };
      if (f.kind) file["kind"] = f.kind;
      if (f.entries !== undefined) file["entries"] = f.entries;
      if (f.body !== undefined) file["body"] = f.body;
      if (f.error) file["error"] = { ...f.error };
      file["issues"] = f.findings.map((finding) => issueOf(finding, f.file));
      return file;
    }),
  };
  if (report.findings?.length) out["issues"] = report.findings.map(withFile);
  out["summary"] = { errors: summary.errors, warnings: summary.warnings };
  if (report.baseline) {
    const { fixed } = report.baseline;
    out["baseline"] = { new: report.baseline.new, open: report.baseline.open, fixed: fixed.length, fixedIssues: fixed.map(withFile) };
  }
  return `${JSON.stringify(out, null, options.indent ?? 2)}\n`;
}

function withFile(finding: Finding): Record<string, unknown> {
  const file = finding.location.file;
  return { ...(file !== undefined ? { file } : {}), ...issueOf(finding, file) };
}

/** The result of reading a JSON report: the report, or why the text is not one (Simplified Chinese). */
export type ParseReportResult = { ok: true; report: Report } | { ok: false; error: FileError };

const BOM = /^\uFEFF/;
const HINT = "请使用 zwgk 以 JSON 格式输出的检查报告（含 files 与 summary）。";

/**
 * Reads a report written by {@link formatJson}. Tolerant: unknown members are ignored, missing
 * optional members are fine, and older spellings (`findings` for `issues`, `ruleId` for `rule`, a
 * flat location) are understood; issues without a rule or message are dropped.
 */
export function parseJsonReport(text: string): ParseReportResult {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(BOM, ""));
  } catch (e) {
    return fail("report-not-json", `文件不是有效的 JSON：${(e as Error).message}`);
  }
  return reportFromJson(value);
}

/** {@link parseJsonReport} for an already parsed value. */
export function reportFromJson(value: unknown): ParseReportResult {
  if (!isRecord(value)) return fail("report-not-zwgk", "文件不是 zwgk 的 JSON 报告：顶层应是一个对象。");
  if (Array.isArray(value["runs"]) && typeof value["version"] === "string") {
    return fail("report-is-sarif", "文件是 SARIF 报告，不是 zwgk 的 JSON 报告。");
  }
  const rawFiles = value["files"];
  if (!Array.isArray(rawFiles)) return fail("report-not-zwgk", "文件不是 zwgk 的 JSON 报告：缺少 files 列表。");
  const files: FileReport[] = [];
  for (const raw of rawFiles) {
    if (!isRecord(raw) || typeof raw["file"] !== "string") continue;
    files.push(fileOf(raw, raw["file"]));
  }
  if (rawFiles.length && !files.length) {
    return fail("report-not-zwgk", "文件不是 zwgk 的 JSON 报告：files 中没有可识别的文件记录。");
  }
  const tool = isRecord(value["tool"]) && typeof value["tool"]["version"] === "string" ? value["tool"]["version"] : "";
  const command = value["command"] === "diff" || value["command"] === "check" ? value["command"] : "validate";
  const report: Report = { tool: { name: "zwgk", version: tool }, command, files };
  const cross = issuesOf(value["issues"], undefined);
  if (cross.length) report.findings = cross;
  const baseline = value["baseline"];
  if (isRecord(baseline)) {
    report.baseline = {
      new: count(baseline["new"]),
      open: count(baseline["open"]),
      fixed: issuesOf(baseline["fixedIssues"], undefined).map(({ baselineState: _, ...f }) => f),
    };
  }
  return { ok: true, report };
}

function fileOf(raw: Record<string, unknown>, file: string): FileReport {
  const out: FileReport = { file, findings: issuesOf(raw["issues"] ?? raw["findings"], file) };
  if (CATALOG_KINDS.includes(raw["kind"] as CatalogKind)) out.kind = raw["kind"] as CatalogKind;
  if (typeof raw["entries"] === "number" && Number.isInteger(raw["entries"])) out.entries = raw["entries"];
  if (typeof raw["body"] === "string") out.body = raw["body"];
  const error = raw["error"];
  if (isRecord(error) && typeof error["message"] === "string") {
    out.error = { code: typeof error["code"] === "string" ? error["code"] : "unreadable", message: error["message"] };
    if (typeof error["hint"] === "string") out.error.hint = error["hint"];
  }
  return out;
}

function issuesOf(raw: unknown, file: string | undefined): ReportedFinding[] {
  if (!Array.isArray(raw)) return [];
  const out: ReportedFinding[] = [];
  for (const issue of raw) {
    if (!isRecord(issue)) continue;
    const rule = text(issue["rule"]) ?? text(issue["ruleId"]);
    const message = text(issue["message"]) ?? (isRecord(issue["message"]) ? text(issue["message"]["text"]) : undefined);
    if (!rule || message === undefined) continue;
    const place = isRecord(issue["location"]) ? issue["location"] : issue;
    const issueFile = file ?? text(issue["file"]) ?? text(place["file"]);
    const finding: ReportedFinding = { rule, severity: severityOf(issue["severity"] ?? issue["level"]), message, location: locationOf(place, issueFile) };
    const hint = text(issue["hint"]);
    if (hint) finding.hint = hint;
    if (Array.isArray(issue["related"])) {
      const related = issue["related"].filter(isRecord).map((r) => locationOf(r, text(r["file"])));
      if (related.length) finding.related = related;
    }
    const fp = text(issue["fingerprint"]);
    if (fp) finding.fingerprint = fp;
    const state = issue["baselineState"];
    if (state === "new" || state === "open") finding.baselineState = state as BaselineState;
    out.push(finding);
  }
  return out;
}

function locationOf(raw: Record<string, unknown>, file: string | undefined): Location {
  const loc: Location = {};
  if (file !== undefined) loc.file = file;
  const sheet = text(raw["sheet"]);
  if (sheet !== undefined) loc.sheet = sheet;
  if (isCount(raw["row"])) loc.row = raw["row"];
  const column = text(raw["column"]);
  if (column !== undefined) loc.column = column;
  const cell = text(raw["cell"]);
  if (cell !== undefined) loc.cell = cell;
  const path = text(raw["path"]);
  if (path !== undefined) loc.path = path;
  if (isCount(raw["line"])) loc.line = raw["line"];
  const field = text(raw["field"]);
  if (field !== undefined) loc.field = field;
  return loc;
}

function severityOf(raw: unknown): Severity {
  if (raw === "error" || raw === "warning" || raw === "info") return raw;
  if (raw === "note") return "info";
  // An older or foreign severity: keep the finding visible without failing the build on it.
  return "warning";
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const count = (v: unknown): number => (isCount(v) ? v : 0);
const fail = (code: string, message: string): ParseReportResult => ({ ok: false, error: { code, message, hint: HINT } });
