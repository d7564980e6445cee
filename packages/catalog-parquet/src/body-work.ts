import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import { AnalysisParts, analyzeBodyUnkeyed, type AnalysisFinding, type AnalyzeOptions, type EntryAt } from "@zwgk/catalog-diff";

// The library's part of the DuckDB engine, one body at a time: what is not keyed (near duplicates,
// the similarity part of gap coverage, 条例 categories, notices) on the body's entries, and the
// findings of what the keyed SQL found in it (exact duplicates, conflicts). Pure: the engine runs it
// in a worker thread (body-worker.ts), so that the library's work on one body overlaps DuckDB's
// reading of the next; or in its own thread.

/** One body, as the engine hands it over. Catalogs by index in the whole input. */
export interface BodyTask {
  /** The body's catalogs, in input order. */
  ids: number[];
  /** Per catalog of `ids`: its entries as JSON text (entry-json.ts), in position order. */
  entries: string[][];
  /** Per catalog of `ids`: the entries (powers, services) the keyed coverage left uncovered. */
  left: number[][];
  /** Exact duplicate sets the SQL found in the body. */
  duplicates: EntryAt[][];
  /** Conflicts the SQL found in the body. */
  conflicts: Array<{ a: EntryAt; b: EntryAt; fields: string[] }>;
}

/** The body's findings (catalogs by index in the whole input), and the lines of the entries they name that came from text sources. */
export interface BodyResult {
  findings: AnalysisFinding[];
  lines: Array<[catalog: number, index: number, line: number]>;
}

/** The options the library reads (what a worker is given: no callbacks). */
export function libraryOptions(options: AnalyzeOptions): AnalyzeOptions {
  const { checks, severities, oneBody, jurisdiction, nearThreshold, level, variantWords, limits } = options;
  const out: AnalyzeOptions = {};
  if (checks) out.checks = checks;
  if (severities) out.severities = severities;
  if (oneBody !== undefined) out.oneBody = oneBody;
  if (jurisdiction) out.jurisdiction = jurisdiction;
  if (nearThreshold !== undefined) out.nearThreshold = nearThreshold;
  if (level) out.level = level;
  if (variantWords) out.variantWords = variantWords;
  if (limits) out.limits = limits;
  return out;
}

export class BodyAnalyzer {
  private readonly parts: AnalysisParts;

  /** `catalogs`: the headers of every catalog of the input (entries empty). */
  constructor(
    private readonly catalogs: Catalog[],
    private readonly options: AnalyzeOptions,
  ) {
    this.parts = new AnalysisParts(catalogs, options);
  }

  analyze(task: BodyTask): BodyResult {
    const { ids } = task;
    ids.forEach((id, k) => ((this.catalogs[id] as { entries: Entry[] }).entries = task.entries[k]!.map((text) => JSON.parse(text) as Entry)));
    try {
      const subset = ids.map((i) => this.catalogs[i]!);
      const found = analyzeBodyUnkeyed(subset, this.options, (local) => task.left[local] ?? []);
      const findings = found.map((f) => ({ ...f, entries: f.entries.map((e) => ({ ...e, catalog: ids[e.catalog]! })) }));
      findings.push(...task.duplicates.map((set) => this.parts.exactDuplicate(set)));
      findings.push(...task.conflicts.map((c) => this.parts.conflict(c.a, c.b, c.fields)));
      const lines: BodyResult["lines"] = [];
      for (const f of findings) {
        for (const e of f.entries) {
          const line = e.index >= 0 ? (this.catalogs[e.catalog]!.entries as Entry[])[e.index]?.source?.line : undefined;
          if (line !== undefined) lines.push([e.catalog, e.index, line]);
        }
      }
      return { findings, lines };
    } finally {
      for (const id of ids) (this.catalogs[id] as { entries: Entry[] }).entries = [];
    }
  }
}
