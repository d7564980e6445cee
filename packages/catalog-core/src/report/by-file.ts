import type { CatalogKind } from "@zwgk/catalog-schemas";
import type { Report } from "./model.js";

/** One input file's line in the office summary: what it is and how many problems it has. */
export interface FileSummary {
  file: string;
  /** The kinds of its catalogs (a workbook may hold several sheets). */
  kinds: CatalogKind[];
  /** Entries over all its catalogs. */
  entries: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Why the file could not be read, when it could not. */
  error?: string;
}

/**
 * One summary per input file, in report order, for the office deciding whose file goes back: its
 * sections (one per catalog sheet) are added up, and a cross-file finding (duplicate, conflict …)
 * counts once for every file among the entries it concerns.
 */
export function summarizeByFile(report: Report): FileSummary[] {
  const byFile = new Map<string, FileSummary>();
  const row = (file: string): FileSummary => {
    let s = byFile.get(file);
    if (!s) byFile.set(file, (s = { file, kinds: [], entries: 0, errors: 0, warnings: 0, infos: 0 }));
    return s;
  };
  const count = (s: FileSummary, severity: string) => {
    if (severity === "error") s.errors++;
    else if (severity === "warning") s.warnings++;
    else s.infos++;
  };
  for (const section of report.files) {
    const s = row(section.file);
    if (section.kind && !s.kinds.includes(section.kind)) s.kinds.push(section.kind);
    s.entries += section.entries ?? 0;
    if (section.error) s.error = section.error.message;
    for (const f of section.findings) count(s, f.severity);
  }
  for (const f of report.findings ?? []) {
    const files = new Set([f.location, ...(f.related ?? [])].map((l) => l.file).filter((x): x is string => !!x));
    for (const file of files) count(row(file), f.severity);
  }
  return [...byFile.values()];
}
