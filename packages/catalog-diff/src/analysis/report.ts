import type { Catalog } from "@zwgk/catalog-schemas";
import { fingerprint, normalizeForMatch, type Finding, type Location, type Report } from "@zwgk/catalog-core";
import { analyzeCatalogs, bodiesOf } from "./analyze.js";
import type { AnalysisFinding, AnalyzeOptions } from "./types.js";

/** Lines by JSON pointer: the map the text readers return, or an {@link EntryLines} table. */
export interface PointerLineLookup {
  get(pointer: string): number | undefined;
}

/** Options of {@link checkReport}: the analysis options plus where entries sit in text sources. */
export interface CheckReportOptions extends AnalyzeOptions {
  /**
   * Per catalog (same order), JSON pointer of an entry → line, as the text readers return it (only
   * `/entries/<i>` is looked up: {@link EntryLines} keeps just those).
   */
  lines?: ReadonlyArray<PointerLineLookup | undefined>;
}

const ENTRY = /^\/entries\/(0|[1-9]\d*)$/;

/**
 * The line of each entry (`/entries/<i>`) of a text source, and nothing else: what `checkReport`
 * looks up, in 4 bytes an entry. A reader's map also holds every key of every entry; a caller that
 * keeps many catalogs for the analysis (`zwgk check`) keeps this instead.
 */
export class EntryLines implements PointerLineLookup {
  private readonly line: Int32Array;

  /** The entry lines of `lines` (a reader's map) for a catalog of `count` entries; 0 where none. */
  constructor(lines: PointerLineLookup, count: number) {
    this.line = new Int32Array(count);
    for (let i = 0; i < count; i++) this.line[i] = lines.get(`/entries/${i}`) ?? 0;
  }

  get(pointer: string): number | undefined {
    const m = ENTRY.exec(pointer);
    const line = m ? this.line[Number(m[1])] : undefined;
    return line ? line : undefined;
  }
}

/**
 * Runs the cross-catalog analysis (`analyzeCatalogs`) and returns it in the common report model, as
 * `zwgk check` prints it in every format and as the browser page downloads it: one file section per
 * catalog with the body (单位) the analysis read for it, and the analysis findings, each located at
 * its first entry with the others as related locations. Every catalog should carry `source.file`,
 * since findings name entries by file. Severities come from `options.severities` (the `rules` of
 * zwgk.config.json); a rule set to "off" reports nothing.
 */
export function checkReport(catalogs: readonly Catalog[], options: CheckReportOptions = {}): Report {
  const { lines, ...analyzeOptions } = options;
  const findings = analyzeCatalogs(catalogs, analyzeOptions);
  const bodyOfCatalog: string[] = [];
  for (const g of bodiesOf(catalogs, analyzeOptions)) for (const c of g.catalogs) bodyOfCatalog[c] = g.label;
  return analysisReport(catalogs, bodyOfCatalog, findings, lines);
}

/**
 * Analysis findings in the common report model (as {@link checkReport} returns them), for findings
 * another engine computed: one file section per catalog (`entries` is read only for its count) with
 * the label of its body (`bodiesOf`).
 */
export function analysisReport(
  catalogs: ReadonlyArray<Pick<Catalog, "kind" | "source"> & { entries: { length: number } }>,
  bodyLabels: readonly string[],
  findings: readonly AnalysisFinding[],
  lines?: CheckReportOptions["lines"],
): Report {
  return {
    tool: { name: "zwgk", version: "" },
    command: "check",
    files: catalogs.map((c, i) => ({ file: c.source?.file ?? "", kind: c.kind, entries: c.entries.length, body: bodyLabels[i] ?? "", findings: [] })),
    findings: findings.map((f) => analysisToFinding(f, lines ?? [])),
  };
}

/** An analysis finding in the common report model: located at its first entry, the others related. */
export function analysisToFinding(a: AnalysisFinding, lines: CheckReportOptions["lines"] = []): Finding {
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
  const finding: Finding = {
    rule: a.rule,
    severity: a.severity,
    message: a.message,
    hint: a.hint,
    location: first ?? {},
    ...(rest.length ? { related: rest } : {}),
    data: { kind: a.kind, ...(a.score !== undefined ? { score: a.score } : {}), ...(a.reason !== undefined ? { reason: a.reason } : {}) },
  };
  // Identity for baselines: the entries by file and 事项 name (never row or index, so inserting rows
  // leaves it alone); for findings about whole catalogs, also what they say (the 条例 category).
  const names = a.entries.map((e) => `${(e.file ?? "").replace(/\\/g, "/")}>${normalizeForMatch(e.name)}`).join("|");
  const whole = a.entries.every((e) => e.index < 0) ? `|${normalizeForMatch(a.message)}` : "";
  finding.fingerprint = fingerprint({ ...finding, location: { ...(first?.file ? { file: first.file } : {}) } }, names + whole);
  return finding;
}
