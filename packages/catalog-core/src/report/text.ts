import { KIND_SHORT_LABELS } from "../model.js";
import type { Severity } from "../finding.js";
import {
  BASELINE_LABELS,
  bodyGroups,
  groupByRule,
  relatedText,
  placeOf,
  reportedFindings,
  ruleIndex,
  SEVERITY_LABELS,
  countsText,
  type Located,
  type Report,
  type ReporterOptions,
} from "./model.js";

/** Options of {@link formatText}. */
export interface TextReportOptions extends ReporterOptions {
  /** ANSI colours; the CLI passes `process.stdout.isTTY`. Default false. */
  color?: boolean;
}

// East Asian wide characters take two terminal columns; padding counts them so columns line up.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
// Catalog text is untrusted: control characters (an ESC could drive the terminal) are dropped.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const NEWLINE = /\r?\n|\r/g;
const MAX_PLACE_WIDTH = 28;
/** `[仍存在]` is the widest state tag. */
const STATE_WIDTH = 8;
const SEVERITY_COLOUR: Record<Severity, number> = { error: 31, warning: 33, info: 36 };

function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

const padEnd = (text: string, width: number) => text + " ".repeat(Math.max(0, width - displayWidth(text)));

/** Cleans untrusted text and indents its continuation lines. */
const clean = (text: string, indent = "") => text.replace(CONTROL, "").replace(NEWLINE, `\n${indent}`);

/**
 * A Chinese, human-readable report: the counts first, then file by file and rule by rule, one line
 * per finding (`位置  级别  消息  (rule)`) with the hint below it as `建议：…`. Baseline states
 * (新增/仍存在) and the fixed findings appear once the report was compared with a baseline.
 */
export function formatText(report: Report, options: TextReportOptions = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const rules = ruleIndex(options.ruleMeta);
  const out: string[] = [paint(1, countsText(report))];
  const b = report.baseline;
  if (b) {
    out.push(
      `与基线相比：${paint(31, `${BASELINE_LABELS.new} ${b.new} 个`)}、${BASELINE_LABELS.open} ${b.open} 个、${paint(32, `${BASELINE_LABELS.fixed} ${b.fixed.length} 个`)}`,
    );
  }

  // Cross-catalog analysis: which bodies the files were grouped into (files of different bodies are
  // never compared with each other), so that a reader knows what was compared with what.
  const bodies = bodyGroups(report);
  if (bodies.length) {
    out.push("", paint(1, `按单位分组（共 ${bodies.length} 个单位；不同单位的目录互不比较，三级四同除外）：`));
    for (const g of bodies) out.push(`  ${clean(g.body)}：${clean(g.files.join("、"))}`);
  }

  // One block of findings, grouped by rule; `title` undefined continues the block above.
  const section = (title: string | undefined, items: Located[], withFile: boolean) => {
    if (title !== undefined) out.push("", paint(1, clean(title)));
    for (const group of groupByRule(items)) {
      const description = rules.get(group.rule)?.description;
      out.push(`  ${group.rule}${description ? ` · ${description}` : ""}（${group.items.length} 个）`);
      const places = group.items.map(({ file, finding }) => clean(withFile && file ? `${file} ${placeOf(finding)}` : placeOf(finding)));
      let width = 0;
      for (const p of places) width = Math.max(width, displayWidth(p));
      width = Math.min(width, MAX_PLACE_WIDTH);
      // The hint starts under the message: indent + place + level (两字) + state.
      const indent = " ".repeat(4 + width + 2 + 4 + 2 + (b ? STATE_WIDTH + 2 : 0));
      group.items.forEach(({ finding }, i) => {
        const level = paint(SEVERITY_COLOUR[finding.severity], SEVERITY_LABELS[finding.severity]);
        const state = b ? `${padEnd(`[${BASELINE_LABELS[finding.baselineState ?? "new"]}]`, STATE_WIDTH)}  ` : "";
        out.push(`    ${padEnd(places[i] ?? "", width)}  ${level}  ${state}${clean(finding.message, indent)}  (${finding.rule})`);
        const related = relatedText(finding);
        if (related) out.push(paint(2, `${indent}${clean(related, indent)}`));
        if (finding.hint) out.push(paint(2, `${indent}建议：${clean(finding.hint, indent)}`));
      });
    }
  };

  for (const file of report.files) {
    const what = [file.kind ? KIND_SHORT_LABELS[file.kind] : "", file.entries !== undefined ? `${file.entries} 条事项` : ""].filter(Boolean);
    const title = `${file.file}${what.length ? `（${what.join(" · ")}）` : ""}`;
    if (file.error) {
      out.push("", paint(1, clean(title)));
      out.push(`  ${paint(31, SEVERITY_LABELS.error)}  无法读取：${clean(file.error.message, "    ")}  (${file.error.code})`);
      if (file.error.hint) out.push(paint(2, `  建议：${clean(file.error.hint, "    ")}`));
    }
    if (file.findings.length) section(file.error ? undefined : title, file.findings.map((finding) => ({ file: file.file, finding })), false);
  }
  const cross = reportedFindings({ ...report, files: [] });
  if (cross.length) section("跨文件", cross, true);

  if (b?.fixed.length) {
    out.push("", paint(32, `${BASELINE_LABELS.fixed} ${b.fixed.length} 个（基线中有、本次未再出现）：`));
    for (const f of b.fixed) {
      out.push(`  ${clean([f.location.file, placeOf(f)].filter(Boolean).join(" "))}  ${clean(f.message, "    ")}  (${f.rule})`);
    }
  }
  return `${out.join("\n")}\n`;
}
