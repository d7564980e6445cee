import { appendFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  applyBaseline as applyBaselineCore,
  BaselineError,
  builtinRules,
  type FileReport,
  formatGithub,
  formatGithubSummary,
  formatJson,
  formatJunit,
  formatSarif,
  formatText,
  parseJsonReport,
  type Report,
} from "@zwgk/catalog-core";
import { ANALYSIS_RULES } from "@zwgk/catalog-diff";
import { InputError } from "./errors.js";
import { writeFileAtomic, type Io } from "./io.js";
import { VERSION } from "./version.js";

export type { FileReport, Report };
export const FORMATS = ["text", "json", "github", "junit", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

const validationMeta = builtinRules.map((r) => r.meta);
/** The rules a report's findings come from: the analysis rules for `check`, the validation rules otherwise. */
const metaOf = (report: Report) => (report.command === "check" ? ANALYSIS_RULES : validationMeta);

/** Renders a report in the chosen format to stdout or, atomically, to `--out`. */
export async function emit(report: Report, format: Format, io: Io, out?: string): Promise<void> {
  const stamped: Report = { ...report, tool: { name: "zwgk", version: VERSION } };
  const ruleMeta = metaOf(report);
  let text: string;
  switch (format) {
    case "json":
      text = formatJson(stamped);
      break;
    case "github":
      text = formatGithub(stamped, { ruleMeta });
      writeGithubSummary(stamped, io);
      break;
    case "junit":
      text = formatJunit(stamped, { ruleMeta });
      break;
    case "sarif":
      text = formatSarif(stamped, { ruleMeta });
      break;
    default:
      text = formatText(stamped, { color: io.isTTY && !out && !io.env["NO_COLOR"], ruleMeta });
  }
  if (!text.endsWith("\n")) text += "\n";
  if (out) await writeFileAtomic(resolve(io.cwd, out), text);
  else io.stdout(text);
}

/** On GitHub Actions, the Markdown job summary goes to $GITHUB_STEP_SUMMARY as well. */
function writeGithubSummary(report: Report, io: Io): void {
  const target = io.env["GITHUB_STEP_SUMMARY"];
  if (!target) return;
  // Appending is how the runner expects summaries to be written (several steps may add to it).
  appendFileSync(target, formatGithubSummary(report, { ruleMeta: metaOf(report) }));
}

/** Compares with a previous JSON report: findings become new / open, and fixed ones are listed. */
export function applyBaseline(report: Report, baselineText: string, baselineFile: string): Report {
  const parsed = parseJsonReport(baselineText);
  if (!parsed.ok) throw new InputError(parsed.error.message, { file: baselineFile, ...(parsed.error.hint ? { hint: parsed.error.hint } : {}) });
  try {
    return applyBaselineCore(report, parsed.report);
  } catch (e) {
    if (e instanceof BaselineError) throw new InputError(e.message, { file: baselineFile, ...(e.hint ? { hint: e.hint } : {}) });
    throw e;
  }
}
