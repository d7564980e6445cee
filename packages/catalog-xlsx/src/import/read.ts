import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import { applyMerges } from "./merges.js";
import { type ImportOptions, streamCatalogs } from "./stream.js";

/**
 * Reads every sheet of a workbook that has a recognisable catalog header into a catalog: kind,
 * title, domain, the column map (`source.columns`) and one entry per data row with its sheet and
 * row. Merged cells are filled into every row they cover. Memory grows with the entries; for
 * validation of very large files use {@link streamCatalogs}.
 *
 * @example
 * ```ts
 * const [catalog] = await readCatalogs(bytes, { file: "社会救助.xlsx", inflate: nodeInflate });
 * console.log(catalog.kind, catalog.entries.length);
 * ```
 * @throws XlsxReadError when the file is not a readable workbook; LayoutError when no sheet has a
 *   recognisable header, a named sheet is missing, or `kind` contradicts the layout.
 */
export async function readCatalogs(data: Uint8Array, options: ImportOptions = {}): Promise<Catalog[]> {
  const catalogs: Catalog[] = [];
  for await (const sheet of streamCatalogs(data, options)) {
    const entries: Entry[] = [];
    for await (const entry of sheet.entries) entries.push(entry);
    applyMerges(entries, sheet.merges(), sheet.header.source?.columns ?? []);
    catalogs.push({ ...sheet.header, entries } as Catalog);
  }
  return catalogs;
}
