import { fnv1a64 } from "./hash.js";
import {
  BASELINE_LABELS,
  groupByRule,
  placeOf,
  relatedText,
  reportedFindings,
  SEVERITY_LABELS,
  summarizeReport,
  type Located,
  type Report,
  type ReporterOptions,
} from "./model.js";
import type { Severity } from "../finding.js";

// GitHub Actions workflow commands. GitHub shows at most 10 error, 10 warning and 10 notice
// annotations per step and 50 per job, dropping the rest silently; so the first findings by
// severity become annotations, the rest are summarised in one notice per file (by rule), and the
// full list goes to the log inside a collapsed group.

/** Options of {@link formatGithub}. */
export interface GithubReportOptions extends ReporterOptions {
  /** Annotations of each level GitHub shows per step. Default 10. */
  perLevel?: number;
  /** Annotations GitHub shows per job; lower it when other steps of the job annotate too. Default 50. */
  perJob?: number;
}

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };
const LINE_BREAK = /\r?\n|\r/g;
const PERCENT = /%/g;
const CR = /\r/g;
const LF = /\n/g;
const COLON = /:/g;
const COMMA = /,/g;
const BACKSLASH = /\\/g;

/** Escapes workflow-command data (the message): `%`, CR, LF. */
export function escapeData(text: string): string {
  return text.replace(PERCENT, "%25").replace(CR, "%0D").replace(LF, "%0A");
}

/** Escapes a workflow-command property value: as data, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(COLON, "%3A").replace(COMMA, "%2C");
}

const slashes = (file: string) => file.replace(BACKSLASH, "/");

function command(name: string, properties: Array<[string, string | number | undefined]>, data: string): string {
  const props = properties.filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${name}${props.length ? ` ${props.join(",")}` : ""}::${escapeData(data)}`;
}

function annotation({ file, finding }: Located): string {
  const state = finding.baselineState ? `[${BASELINE_LABELS[finding.baselineState]}] ` : "";
  const related = relatedText(finding);
  const data = `${state}${finding.message}${related ? `\n${related}` : ""}${finding.hint ? `\n建议：${finding.hint}` : ""}`;
  // Only text sources have lines; for a workbook the annotation is on the file and the cell is in the title.
  // The title names the place the line cannot: the cell of a workbook, else the JSON pointer.
  const { line, cell, sheet, row, path } = finding.location;
  const place = cell || (sheet && row) || !path ? placeOf(finding) : path;
  return command(COMMAND[finding.severity], [["file", file && slashes(file)], ["line", line], ["title", `${place} (${finding.rule})`]], data);
}

function ruleCounts(items: readonly Located[]): string {
  return groupByRule(items).map((g) => `${g.rule} ${g.items.length} 个`).join("、");
}

function severityCounts(items: readonly Located[]): string {
  const n = { error: 0, warning: 0, info: 0 };
  for (const { finding } of items) n[finding.severity]++;
  return (["error", "warning", "info"] as const).filter((s) => n[s]).map((s) => `${SEVERITY_LABELS[s]} ${n[s]} 个`).join("、");
}

/**
 * GitHub Actions workflow commands for a report: annotations for the first findings by severity
 * (within GitHub's per-step and per-job limits), one notice per file summarising the rest by rule,
 * and every finding as plain log lines in a collapsed group (commands disabled inside it, since
 * catalog text is untrusted).
 */
export function formatGithub(report: Report, options: GithubReportOptions = {}): string {
  const perLevel = options.perLevel ?? 10;
  let room = options.perJob ?? 50;
  const out: string[] = [];

  const unreadable = report.files.filter((f) => f.error);
  for (const f of unreadable.slice(0, perLevel)) {
    if (room <= 0) break;
    const error = f.error!;
    out.push(command("error", [["file", slashes(f.file)], ["title", `无法读取 (${error.code})`]], `${error.message}${error.hint ? `\n建议：${error.hint}` : ""}`));
    room--;
  }

  const all = reportedFindings(report);
  const bySeverity: Record<Severity, Located[]> = { error: [], warning: [], info: [] };
  for (const item of all) bySeverity[item.finding.severity].push(item);
  let errors = Math.max(0, Math.min(bySeverity.error.length, perLevel - Math.min(unreadable.length, perLevel), room));
  let warnings = Math.max(0, Math.min(bySeverity.warning.length, perLevel, room - errors));
  let notices = Math.max(0, Math.min(perLevel, room - errors - warnings));
  // Whatever is not annotated must at least be mentioned: keep one notice for the summary.
  const overflow = errors < bySeverity.error.length || warnings < bySeverity.warning.length || bySeverity.info.length > 0;
  if (overflow && notices === 0 && perLevel > 0 && errors + warnings > 0) {
    if (warnings > 0) warnings--;
    else errors--;
    notices = 1;
  }

  // Notices summarise what was not annotated; reserve them before annotating infos, which can only
  // shrink the set of files that need a summary.
  const hidden = [...bySeverity.error.slice(errors), ...bySeverity.warning.slice(warnings)];
  const filesNeeding = new Set([...hidden, ...bySeverity.info].map((i) => i.file ?? ""));
  const reserved = Math.min(filesNeeding.size, notices);
  const infos = Math.max(0, Math.min(bySeverity.info.length, notices - reserved));
  notices -= infos;

  for (const item of bySeverity.error.slice(0, errors)) out.push(annotation(item));
  for (const item of bySeverity.warning.slice(0, warnings)) out.push(annotation(item));
  for (const item of bySeverity.info.slice(0, infos)) out.push(annotation(item));

  const rest = [...hidden, ...bySeverity.info.slice(infos)];
  if (rest.length) {
    const byFile = new Map<string, Located[]>();
    for (const item of rest) {
      const key = item.file ?? "";
      const list = byFile.get(key);
      if (list) list.push(item);
      else byFile.set(key, [item]);
    }
    const files = [...byFile];
    // With more files than notices, the last notice speaks for all remaining files.
    const single = files.length <= notices ? files.length : Math.max(0, notices - 1);
    for (const [file, items] of files.slice(0, single)) {
      out.push(
        command(
          "notice",
          [["file", file && slashes(file)], ["title", `另有 ${items.length} 个问题未单独标注`]],
          `${file || "跨文件检查"}：另有 ${items.length} 个问题未单独标注（${severityCounts(items)}）。按规则：${ruleCounts(items)}。完整列表见日志中的“zwgk 全部问题”分组。`,
        ),
      );
    }
    const remaining = files.slice(single);
    if (remaining.length && notices > 0) {
      const items = remaining.flatMap(([, list]) => list);
      out.push(
        command(
          "notice",
          [["title", `另有 ${remaining.length} 个文件的 ${items.length} 个问题未单独标注`]],
          `另有 ${remaining.length} 个文件的 ${items.length} 个问题未单独标注（${severityCounts(items)}）。按规则：${ruleCounts(items)}。完整列表见日志中的“zwgk 全部问题”分组。`,
        ),
      );
    }
  }

  if (all.length) {
    const lines = all.map(({ file, finding }) => {
      const head = `  ${file ? `${slashes(file)}  ` : ""}${placeOf(finding)}  ${SEVERITY_LABELS[finding.severity]}  `;
      const related = relatedText(finding);
      const body = `${finding.message}  (${finding.rule})${related ? `\n    ${related}` : ""}${finding.hint ? `\n    建议：${finding.hint}` : ""}`;
      return head + body.replace(LINE_BREAK, "\n    ");
    });
    // A token derived from the content itself: text inside cannot contain it, so cannot end the pause.
    const token = `zwgk-${fnv1a64(lines.join("\n"))}`;
    const s = summarizeReport(report);
    out.push(`::group::${escapeData(`zwgk 全部问题（错误 ${s.errors} 个、警告 ${s.warnings} 个、提示 ${s.infos} 个）`)}`);
    out.push(`::stop-commands::${token}`, ...lines, `::${token}::`, "::endgroup::");
  }
  return out.length ? `${out.join("\n")}\n` : "";
}
