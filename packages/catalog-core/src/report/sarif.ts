import { formatPlace, type Finding, type Location, type Severity } from "../finding.js";
import { KIND_SHORT_LABELS } from "../model.js";
import type { RuleMeta } from "../rule.js";
import { fingerprintOf } from "./fingerprint.js";
import { reportedFindings, type Report, type ReportedFinding, type ReporterOptions } from "./model.js";

// SARIF 2.1.0, one run. Workbooks have no lines: their findings point at the file and carry the cell
// as a logical location (`sheet!A1`); text sources add `region.startLine`. The fingerprint is the
// one every reporter uses, as `partialFingerprints["zwgkFingerprint/v1"]`.

/** Options of {@link formatSarif}. */
export interface SarifReportOptions extends ReporterOptions {
  /** `tool.driver.informationUri`. Default `https://zwgk.github.io/`. */
  informationUri?: string;
  /**
   * Also write the baseline's fixed findings as results with `baselineState: "absent"`. Off by
   * default: code-scanning services would show them as alerts.
   */
  includeFixed?: boolean;
  /** Indentation; 0 writes one line. Default 2. */
  indent?: number;
}

/** The key of zwgk's fingerprint in `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = "zwgkFingerprint/v1";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
const BACKSLASH = /\\/g;
const LEADING_DOT_SLASH = /^(?:\.\/)+/;
const DRIVE = /^[A-Z]:$/i;

/** A SARIF `artifactLocation`: relative paths against `%SRCROOT%`, absolute ones as `file:` URIs. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const path = file.replace(BACKSLASH, "/");
  // URIs are ASCII: encode each segment (Chinese names, spaces, `#`, `?`), keep a drive letter's colon.
  const encoded = path
    .replace(LEADING_DOT_SLASH, "")
    .split("/")
    .map((s) => (DRIVE.test(s) ? s : encodeURIComponent(s)))
    .join("/");
  if (path.startsWith("/")) return { uri: `file://${encoded}` };
  if (DRIVE.test(path.split("/")[0] ?? "")) return { uri: `file:///${encoded}` };
  return { uri: encoded, uriBaseId: "%SRCROOT%" };
}

function sarifLocation(location: Location, file: string | undefined): Record<string, unknown> {
  const loc: Record<string, unknown> = {};
  if (file) {
    const physical: Record<string, unknown> = { artifactLocation: artifactLocation(file) };
    if (location.line) physical["region"] = { startLine: location.line };
    loc["physicalLocation"] = physical;
  }
  // The logical place: the cell for workbooks, else the JSON pointer (a line is already in the region).
  const { cell, sheet, row, path } = location;
  const place = cell || (sheet && row) ? formatPlace(location) : path;
  if (place && place !== "/") {
    const logical: Record<string, unknown> = { fullyQualifiedName: place };
    if (cell) logical["name"] = cell;
    loc["logicalLocations"] = [logical];
  }
  return loc;
}

function locationsOf(finding: Finding, file: string | undefined): unknown[] {
  const loc = sarifLocation(finding.location, file);
  return Object.keys(loc).length ? [loc] : [];
}

/** The other entries a finding concerns (cross-catalog analysis), as SARIF `relatedLocations` with ids 1…n. */
function relatedLocationsOf(finding: Finding): unknown[] {
  return (finding.related ?? []).map((r, i) => {
    const place = formatPlace(r);
    return {
      id: i + 1,
      ...sarifLocation(r, r.file),
      message: { text: [r.file, place && place !== "/" ? place : "整个目录"].filter(Boolean).join(" ") },
    };
  });
}

function descriptor(id: string, meta: RuleMeta | undefined): Record<string, unknown> {
  if (!meta) return { id };
  const kinds = meta.kinds.map((k) => KIND_SHORT_LABELS[k]).join("、");
  return {
    id,
    shortDescription: { text: meta.description },
    fullDescription: { text: kinds ? `${meta.description}（适用于：${kinds}）` : meta.description },
    defaultConfiguration: { level: LEVEL[meta.severity] },
  };
}

/**
 * SARIF 2.1.0 (one run) for code-scanning services and SARIF viewers: rules from `ruleMeta` (plus
 * any rule seen only in results), results with level, message, locations, `partialFingerprints`
 * and, once compared with a baseline, `baselineState` (`new` / `unchanged`). Unreadable files are
 * tool execution notifications and make `executionSuccessful` false.
 */
export function formatSarif(report: Report, options: SarifReportOptions = {}): string {
  const metaById = new Map((options.ruleMeta ?? []).map((m) => [m.id, m]));
  const rules: Array<Record<string, unknown>> = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string) => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      i = rules.length;
      ruleIndex.set(id, i);
      rules.push(descriptor(id, metaById.get(id)));
    }
    return i;
  };
  for (const id of metaById.keys()) indexOf(id);

  const result = (finding: ReportedFinding, file: string | undefined, state?: "new" | "unchanged" | "absent") => {
    const r: Record<string, unknown> = {
      ruleId: finding.rule,
      ruleIndex: indexOf(finding.rule),
      level: LEVEL[finding.severity],
      message: { text: finding.hint ? `${finding.message}\n建议：${finding.hint}` : finding.message },
      locations: locationsOf(finding, file),
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprintOf(finding, file) },
    };
    const related = relatedLocationsOf(finding);
    if (related.length) r["relatedLocations"] = related;
    if (state) r["baselineState"] = state;
    return r;
  };
  const results = reportedFindings(report).map(({ file, finding }) =>
    result(finding, file, finding.baselineState === "open" ? "unchanged" : finding.baselineState),
  );
  if (options.includeFixed) for (const f of report.baseline?.fixed ?? []) results.push(result(f, f.location.file, "absent"));

  const notifications = report.files
    .filter((f) => f.error)
    .map((f) => ({
      level: "error",
      message: { text: f.error!.hint ? `${f.error!.message}\n建议：${f.error!.hint}` : f.error!.message },
      descriptor: { id: f.error!.code },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file) } }],
    }));
  const invocation: Record<string, unknown> = { executionSuccessful: notifications.length === 0 };
  if (notifications.length) invocation["toolExecutionNotifications"] = notifications;

  const driver: Record<string, unknown> = { name: "zwgk", informationUri: options.informationUri ?? "https://zwgk.github.io/" };
  if (report.tool.version) driver["version"] = report.tool.version;
  driver["rules"] = rules;
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver }, invocations: [invocation], results }],
  };
  return `${JSON.stringify(log, null, options.indent ?? 2)}\n`;
}
