import type { Catalog } from "@zwgk/catalog-schemas";
import type { Finding, Location, Report } from "@zwgk/catalog-core";
import { analyzeCatalogs } from "./analyze.js";
import type { AnalysisFinding, AnalyzeOptions } from "./types.js";

/** Options of {@link checkReport}: the analysis options plus where entries sit in text sources. */
export interface CheckReportOptions extends AnalyzeOptions {
  /** Per catalog (same order), JSON pointer of an entry → line, as the text readers return it. */
  lines?: ReadonlyArray<ReadonlyMap<string, number> | undefined>;
}

/**
 * Runs the cross-catalog analysis (`analyzeCatalogs`) and returns it in the common report model, as
 * `zwgk check` prints it in every format and as the browser page downloads it: one file section per
 * catalog, and the analysis findings, each located at its first entry with the others as related
 * locations. Every catalog should carry `source.file`, since findings name entries by file.
 */
export function checkReport(catalogs: readonly Catalog[], options: CheckReportOptions = {}): Report {
  const { lines, ...analyzeOptions } = options;
  return analysisReport(catalogs, analyzeCatalogs(catalogs, analyzeOptions), lines);
}

/**
 * Analysis findings in the common report model (as {@link checkReport} returns them), for findings
 * another engine computed: one file section per catalog (`entries` is read only for its count).
 */
export function analysisReport(
  catalogs: ReadonlyArray<Pick<Catalog, "kind" | "source"> & { entries: { length: number } }>,
  findings: readonly AnalysisFinding[],
  lines?: CheckReportOptions["lines"],
): Report {
  return {
    tool: { name: "zwgk", version: "" },
    command: "check",
    files: catalogs.map((c) => ({ file: c.source?.file ?? "", kind: c.kind, entries: c.entries.length, findings: [] })),
    findings: findings.map((f) => analysisToFinding(f, lines ?? [])),
  };
}

/** An analysis finding in the common report model: located at its first entry, the others related. */
export function analysisToFinding(a: AnalysisFinding, lines: ReadonlyArray<ReadonlyMap<string, number> | undefined> = []): Finding {
  const [first, ...rest] = a.entries.map((e): Location => {
    // A negative index names the catalog as a whole (e.g. a statutory category none of them covers).
    const entry = e.index >= 0 ? `/entries/${e.index}` : undefined;
    const line = entry ? lines[e.catalog]?.get(entry) : undefined;
    return {
      ...(e.file ? { file: e.file } : {}),
      ...(e.sheet ? { sheet: e.sheet } : {}),
      ...(e.row ? { row: e.row } : {}),
      ...(line ? { line } : {}),
      ...(entry ? { path: entry, entry: e.index } : {}),
    };
  });
  return {
    rule: a.rule,
    severity: a.severity,
    message: a.message,
    hint: a.hint,
    location: first ?? {},
    ...(rest.length ? { related: rest } : {}),
    data: { kind: a.kind, ...(a.score !== undefined ? { score: a.score } : {}) },
  };
}
