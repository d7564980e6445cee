import type { CatalogKind } from "@zwgk/catalog-schemas";
import { formatPlace, SEVERITY_ORDER, type Finding, type Severity } from "../finding.js";
import type { RuleMeta } from "../rule.js";

// One report model behind every format (vfile-reporter style): findings are data, reporters are
// pure functions of a Report. Severity is the engine's; reporters only render it.

/** How a finding relates to a baseline report: first seen in this run, or already there. */
export type BaselineState = "new" | "open";

/** A finding as reported: the engine's finding, plus its baseline state once compared. */
export interface ReportedFinding extends Finding {
  baselineState?: BaselineState;
}

/** Why an input could not be checked at all (unreadable, not a catalog); Simplified Chinese. */
export interface FileError {
  /** Stable code, e.g. `file-unreadable`, `not-a-catalog`. */
  code: string;
  message: string;
  hint?: string;
}

/** What one input file produced. */
export interface FileReport {
  /** The file as the user named it, relative to where the tool ran (forward slashes preferred). */
  file: string;
  kind?: CatalogKind;
  /** How many entries the catalog has. */
  entries?: number;
  findings: ReportedFinding[];
  /** Present when the file could not be read; `findings` is then empty. */
  error?: FileError;
  /**
   * The body (单位: jurisdiction + department) the cross-catalog analysis read for this file
   * (`check`), e.g. `宝坻区 民政`; files of different bodies are not compared with each other.
   */
  body?: string;
}

/** The outcome of comparing a run with a baseline; see `applyBaseline`. */
export interface BaselineSummary {
  new: number;
  open: number;
  /** Baseline findings that no longer occur, each with `location.file` set. */
  fixed: Finding[];
}

/** Everything one run of zwgk found, for any reporter. */
export interface Report {
  tool: { name: "zwgk"; version: string };
  command: "validate" | "diff" | "check";
  files: FileReport[];
  /** Findings across files (`check`), each with `location.file`. */
  findings?: ReportedFinding[];
  /** Set by `applyBaseline`. */
  baseline?: BaselineSummary;
}

/** Options every reporter understands. */
export interface ReporterOptions {
  /** Metadata of the rules that ran (`builtinRules.map((r) => r.meta)`), for descriptions. */
  ruleMeta?: readonly RuleMeta[];
}

/** Counts over a report. */
export interface ReportSummary {
  files: number;
  /** Files that could not be read. */
  unreadable: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts files, unreadable files and findings by severity. */
export function summarizeReport(report: Report): ReportSummary {
  const s: ReportSummary = { files: report.files.length, unreadable: 0, errors: 0, warnings: 0, infos: 0 };
  for (const f of report.files) if (f.error) s.unreadable++;
  for (const { finding } of reportedFindings(report)) {
    if (finding.severity === "error") s.errors++;
    else if (finding.severity === "warning") s.warnings++;
    else s.infos++;
  }
  return s;
}

/** The counts line reports start with: `共检查 N 个文件，发现 错误 X 个、警告 Y 个`. */
export function countsText(report: Report): string {
  const s = summarizeReport(report);
  let line = `共检查 ${s.files} 个文件，`;
  if (s.errors + s.warnings + s.infos === 0) {
    // "No problems" must not be said of a file that could not be read.
    if (!s.unreadable) return `${line}未发现问题`;
    return `${line}${s.unreadable} 个文件无法读取${s.files > s.unreadable ? "，其余文件未发现问题" : ""}`;
  }
  line += `发现 错误 ${s.errors} 个、警告 ${s.warnings} 个`;
  if (s.infos) line += `、提示 ${s.infos} 个`;
  if (s.unreadable) line += `；${s.unreadable} 个文件无法读取`;
  return line;
}

/** A finding with the report's name for its file (undefined only for a cross-file finding without one). */
export interface Located {
  file: string | undefined;
  finding: ReportedFinding;
}

/** Every finding in report order: file by file, then the cross-file ones. */
export function reportedFindings(report: Report): Located[] {
  const out: Located[] = [];
  for (const f of report.files) for (const finding of f.findings) out.push({ file: f.file, finding });
  for (const finding of report.findings ?? []) out.push({ file: finding.location.file, finding });
  return out;
}

/** The other places a finding concerns, as one line: `另见：a.xlsx 社会救助 第9行；b.json 第12行`; "" when none. */
export function relatedText(finding: Finding): string {
  if (!finding.related?.length) return "";
  const places = finding.related.map((r) => {
    const place = formatPlace(r);
    return [r.file, place && place !== "/" ? place : r.file ? "" : "整个目录"].filter(Boolean).join(" ");
  });
  return `另见：${places.join("；")}`;
}

/** Files grouped by the body the analysis read (`FileReport.body`), in first-appearance order. */
export function bodyGroups(report: Report): Array<{ body: string; files: string[] }> {
  const groups = new Map<string, string[]>();
  for (const f of report.files) {
    if (f.body === undefined) continue;
    (groups.get(f.body) ?? groups.set(f.body, []).get(f.body)!).push(f.file);
  }
  return [...groups].map(([body, files]) => ({ body, files }));
}

/** Severity as reports say it. */
export const SEVERITY_LABELS: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };
/** Baseline states as reports say them. */
export const BASELINE_LABELS = { new: "新增", open: "仍存在", fixed: "已修复" } as const;

/** The place a person looks at: `sheet!A1`, `sheet 第7行`, `第12行`, a JSON pointer, or 整个目录. */
export function placeOf(finding: Finding): string {
  const place = formatPlace(finding.location);
  return place && place !== "/" ? place : "整个目录";
}

/** Findings grouped by rule; groups ordered by their most severe finding, then first appearance. */
export function groupByRule<T extends { finding: Finding }>(items: readonly T[]): Array<{ rule: string; items: T[] }> {
  const groups = new Map<string, { rule: string; items: T[]; worst: number; first: number }>();
  items.forEach((item, i) => {
    const rank = SEVERITY_ORDER[item.finding.severity];
    const g = groups.get(item.finding.rule);
    if (g) {
      g.items.push(item);
      if (rank < g.worst) g.worst = rank;
    } else groups.set(item.finding.rule, { rule: item.finding.rule, items: [item], worst: rank, first: i });
  });
  return [...groups.values()].sort((a, b) => a.worst - b.worst || a.first - b.first);
}

/** Rule metadata by id. */
export function ruleIndex(meta: readonly RuleMeta[] | undefined): ReadonlyMap<string, RuleMeta> {
  return new Map((meta ?? []).map((m) => [m.id, m]));
}
