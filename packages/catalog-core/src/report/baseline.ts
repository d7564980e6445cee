import type { Finding } from "../finding.js";
import { normalizeForMatch } from "../normalize.js";
import { fingerprint, fingerprintOf } from "./fingerprint.js";
import { reportFromJson } from "./json.js";
import { reportedFindings, type BaselineState, type Report, type ReportedFinding } from "./model.js";

/** Findings of the current run sorted against a baseline. */
export interface BaselineComparison {
  /** In this run, not in the baseline. */
  new: ReportedFinding[];
  /** In both. */
  open: ReportedFinding[];
  /** In the baseline only (each with `location.file`). */
  fixed: Finding[];
}

/** The baseline is neither a `Report` nor a zwgk JSON report; `message`/`hint` are Simplified Chinese. */
export class BaselineError extends Error {
  override readonly name = "BaselineError";
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

function toReport(baseline: unknown): Report {
  if (isReport(baseline)) return baseline;
  const parsed = reportFromJson(baseline);
  if (!parsed.ok) throw new BaselineError(parsed.error.code, `基线${parsed.error.message}`, parsed.error.hint);
  return parsed.report;
}

function isReport(v: unknown): v is Report {
  const r = v as Partial<Report> | null;
  return typeof r === "object" && r !== null && r.tool?.name === "zwgk" && Array.isArray(r.files) && r.files.every((f) => Array.isArray(f?.findings));
}

// Loose key for baseline findings written without a fingerprint (older files): same rule, file and
// message. Only used for those, after exact fingerprints have been matched.
const looseKey = (f: Finding, file: string | undefined) => `${f.rule}\u0000${file ?? ""}\u0000${normalizeForMatch(f.message)}`;

function classify(current: Report, baselineInput: unknown) {
  const baseline = toReport(baselineInput);
  const pool = new Map<string, Array<{ finding: Finding; file: string | undefined; stored: boolean }>>();
  for (const { file, finding } of reportedFindings(baseline)) {
    const fp = finding.fingerprint ?? fingerprint(finding, undefined, file);
    const bucket = pool.get(fp);
    const item = { finding, file, stored: finding.fingerprint !== undefined };
    if (bucket) bucket.push(item);
    else pool.set(fp, [item]);
  }
  const states = new Map<ReportedFinding, BaselineState>();
  const unmatched: Array<{ finding: ReportedFinding; file: string | undefined }> = [];
  for (const located of reportedFindings(current)) {
    // Equal fingerprints are matched by count: two open and one gone leaves one fixed.
    const hit = pool.get(fingerprintOf(located.finding, located.file))?.shift();
    if (hit) states.set(located.finding, "open");
    else unmatched.push(located);
  }
  const loose = new Map<string, number>();
  const left = [...pool.values()].flat();
  for (const b of left) if (!b.stored) loose.set(looseKey(b.finding, b.file), (loose.get(looseKey(b.finding, b.file)) ?? 0) + 1);
  const looseMatched = new Map<string, number>();
  for (const { finding, file } of unmatched) {
    const key = looseKey(finding, file);
    const n = loose.get(key) ?? 0;
    if (n > 0) {
      loose.set(key, n - 1);
      looseMatched.set(key, (looseMatched.get(key) ?? 0) + 1);
      states.set(finding, "open");
    } else states.set(finding, "new");
  }
  const fixed: Finding[] = [];
  for (const b of left) {
    if (!b.stored) {
      const key = looseKey(b.finding, b.file);
      const n = looseMatched.get(key) ?? 0;
      if (n > 0) {
        looseMatched.set(key, n - 1);
        continue;
      }
    }
    const { baselineState: _, ...plain } = b.finding as ReportedFinding;
    fixed.push(b.file !== undefined && plain.location.file === undefined ? { ...plain, location: { ...plain.location, file: b.file } } : plain);
  }
  return { states, fixed };
}

/**
 * Sorts the current run's findings against a baseline: new, still open, fixed. Findings match by
 * fingerprint (so a row moved by inserted rows stays open), equal fingerprints by count.
 *
 * @param baseline - a `Report`, or a parsed zwgk JSON report (`JSON.parse` of a `--format json` file).
 * @throws {@link BaselineError} when `baseline` is neither.
 */
export function compareWithBaseline(current: Report, baseline: Report | unknown): BaselineComparison {
  const { states, fixed } = classify(current, baseline);
  const out: BaselineComparison = { new: [], open: [], fixed };
  for (const { finding } of reportedFindings(current)) out[states.get(finding) ?? "new"].push(finding);
  return out;
}

/**
 * The current report with each finding's `baselineState` and a `baseline` summary (counts and the
 * fixed findings), which every reporter shows.
 *
 * @throws {@link BaselineError} when `baseline` is neither a `Report` nor a zwgk JSON report.
 */
export function applyBaseline(current: Report, baseline: Report | unknown): Report {
  const { states, fixed } = classify(current, baseline);
  let added = 0;
  const mark = (f: ReportedFinding): ReportedFinding => {
    const baselineState = states.get(f) ?? "new";
    if (baselineState === "new") added++;
    return { ...f, baselineState };
  };
  const files = current.files.map((file) => ({ ...file, findings: file.findings.map(mark) }));
  const report: Report = { ...current, files };
  if (current.findings) report.findings = current.findings.map(mark);
  report.baseline = { new: added, open: states.size - added, fixed };
  return report;
}
