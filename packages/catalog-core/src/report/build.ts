import type { CatalogKind } from "@zwgk/catalog-schemas";
import type { Finding } from "../finding.js";
import type { FileReport } from "./model.js";

/**
 * The report section of one catalog read from `file`: its kind and entry count (when the catalog
 * has them) and its findings. Used by the CLI and the browser page alike, so both produce the same
 * JSON report for the same input.
 */
export function fileReportFor(file: string, catalog: unknown, findings: Finding[]): FileReport {
  const c = catalog as { kind?: CatalogKind; entries?: unknown[] } | null;
  return {
    file,
    ...(c?.kind ? { kind: c.kind } : {}),
    ...(Array.isArray(c?.entries) ? { entries: c.entries.length } : {}),
    findings,
  };
}

/**
 * Points findings of text sources (JSON/YAML/XML catalogs kept as code) at the line of their entry.
 * `lines` maps an entry's JSON pointer (`/entries/3`) to its line, as the text readers return it.
 */
export function attachEntryLines(findings: Finding[], lines: ReadonlyMap<string, number>): void {
  for (const f of findings) {
    const m = /^\/entries\/\d+/.exec(f.location.path ?? "");
    const line = m ? lines.get(m[0]) : undefined;
    if (line && !f.location.line) f.location.line = line;
  }
}
