import { SEVERITY_ORDER, type Severity } from "../finding.js";
import { KIND_SHORT_LABELS } from "../model.js";
import {
  BASELINE_LABELS,
  countsText,
  groupByRule,
  placeOf,
  reportedFindings,
  ruleIndex,
  SEVERITY_LABELS,
  type Report,
  type ReporterOptions,
} from "./model.js";

/** Options of {@link formatGithubSummary}. */
export interface GithubSummaryOptions extends ReporterOptions {
  /** How many findings the "主要问题" table lists. Default 20. */
  top?: number;
  /** How many files the files table lists (a step summary is capped at 1 MiB). Default 50. */
  maxFiles?: number;
}

// Catalog text is untrusted and lands in a table cell: keep it one cell, one line, no markup.
const MARKUP = /[\\`*_[\]|<>]/g;
const LINE_BREAK = /\r?\n|\r/g;
const cell = (text: string) => text.replace(MARKUP, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`)).replace(LINE_BREAK, "<br>");
const row = (cells: ReadonlyArray<string | number>) => `| ${cells.join(" | ")} |`;

/**
 * Markdown for `$GITHUB_STEP_SUMMARY`: the counts, a table per file, a table per rule, and the top
 * findings (errors first; new before open when compared with a baseline).
 */
export function formatGithubSummary(report: Report, options: GithubSummaryOptions = {}): string {
  const top = options.top ?? 20;
  const maxFiles = options.maxFiles ?? 50;
  const rules = ruleIndex(options.ruleMeta);
  const all = reportedFindings(report);
  const out: string[] = ["## zwgk 检查结果", "", `${countsText(report)}。`];
  const b = report.baseline;
  if (b) out.push("", `与基线相比：**${BASELINE_LABELS.new} ${b.new} 个**、${BASELINE_LABELS.open} ${b.open} 个、${BASELINE_LABELS.fixed} ${b.fixed.length} 个。`);

  if (report.files.length) {
    out.push("", row(["文件", "类型", "事项", "错误", "警告", "提示"]), row(["---", "---", "---:", "---:", "---:", "---:"]));
    for (const f of report.files.slice(0, maxFiles)) {
      const n = { error: 0, warning: 0, info: 0 };
      for (const finding of f.findings) n[finding.severity]++;
      const kind = f.error ? `无法读取：${cell(f.error.message)}` : f.kind ? KIND_SHORT_LABELS[f.kind] : "";
      out.push(row([cell(f.file), kind, f.entries ?? "", n.error, n.warning, n.info]));
    }
    if (report.files.length > maxFiles) out.push("", `另有 ${report.files.length - maxFiles} 个文件未列出。`);
  }

  if (all.length) {
    out.push("", "### 按规则", "", row(["规则", "说明", "错误", "警告", "提示"]), row(["---", "---", "---:", "---:", "---:"]));
    for (const group of groupByRule(all)) {
      const n = { error: 0, warning: 0, info: 0 };
      for (const { finding } of group.items) n[finding.severity]++;
      out.push(row([cell(group.rule), cell(rules.get(group.rule)?.description ?? ""), n.error, n.warning, n.info]));
    }

    const rank = (s: Severity, state: string | undefined) => SEVERITY_ORDER[s] * 2 + (state === "open" ? 1 : 0);
    const ordered = all
      .map((item, i) => ({ item, i }))
      .sort((x, y) => rank(x.item.finding.severity, x.item.finding.baselineState) - rank(y.item.finding.severity, y.item.finding.baselineState) || x.i - y.i)
      .slice(0, top);
    out.push("", `### 主要问题（${ordered.length < all.length ? `前 ${ordered.length} 个，` : ""}共 ${all.length} 个）`, "");
    out.push(row(["文件", "位置", "级别", ...(b ? ["状态"] : []), "问题", "建议", "规则"]), row(["---", "---", "---", ...(b ? ["---"] : []), "---", "---", "---"]));
    for (const { item } of ordered) {
      const f = item.finding;
      const state = b ? [BASELINE_LABELS[f.baselineState ?? "new"]] : [];
      out.push(row([cell(item.file ?? ""), cell(placeOf(f)), SEVERITY_LABELS[f.severity], ...state, cell(f.message), cell(f.hint ?? ""), cell(f.rule)]));
    }
  }

  if (b?.fixed.length) {
    out.push("", `### ${BASELINE_LABELS.fixed}（${b.fixed.length} 个）`, "");
    for (const f of b.fixed.slice(0, top)) out.push(`- ${cell([f.location.file, placeOf(f)].filter(Boolean).join(" "))}：${cell(f.message)}（${cell(f.rule)}）`);
    if (b.fixed.length > top) out.push(`- ……另有 ${b.fixed.length - top} 个`);
  }
  return `${out.join("\n")}\n`;
}
