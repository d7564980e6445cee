// What `zwgk export` does with one input, whichever thread does it (tables.ts in the main thread
// with one thread, export-worker.ts with two): read it, and make each of its catalogs the catalog
// `check` sees, with the findings `validate` reports for it.
import type { Catalog } from "@zwgk/catalog-schemas";
import type { CatalogPartEncoder } from "@zwgk/catalog-parquet";
import { builtinRules, validateCatalog, type Finding, type RuleSetting } from "@zwgk/catalog-core";
import { catalogFormatOf } from "@zwgk/catalog-xlsx";
import { jsonEntryLines } from "./entry-lines.js";
import { InputError, UsageError } from "./errors.js";
import type { Io } from "./io.js";
import type { PartMessage, PartTask } from "./export-worker.js";
import { loadInput, loadInputBytes, readInputBytes, requireCatalog, type LoadedCatalog, type LoadOptions } from "./load.js";

/** The body zwgk.config.json `bodies` gives an input (it overrides what the catalog says). */
export interface ExportBody {
  jurisdiction?: Catalog["jurisdiction"];
  department?: string;
}

/** How each catalog is exported: plain data (it crosses threads). */
export interface ExportCatalogOptions {
  /** Validate each catalog (its findings go to the `findings` table). */
  validate: boolean;
  severities?: Readonly<Record<string, RuleSetting>>;
}

/** A catalog of an input as it is exported, with its findings and the lines of its entries. */
export interface ExportedCatalog {
  catalog: Catalog;
  findings: Finding[];
  lines: { lines?: ReadonlyMap<string, number>; entryLines?: number[] };
}

/**
 * Reads an input as `export` needs it: a JSON file without the reader's lines of every key, and the
 * line of each entry (`entries.source_line`) from the same bytes (entry-lines.ts) — the same lines,
 * at a fraction of the cost; other inputs (and a JSON file whose entry count the scan does not
 * confirm) as every command reads them. The file is read once either way.
 */
async function loadForExport(file: string, io: Io, options: LoadOptions): Promise<{ catalogs: LoadedCatalog[]; entryLines?: number[] }> {
  if (catalogFormatOf(file) !== "json" || options.lines === false) return { catalogs: await loadInput(file, io, options) };
  const bytes = readInputBytes(file, io, options.limits?.["maxFileBytes"]);
  const catalogs = await loadInputBytes(file, bytes, io, { ...options, lines: false });
  const entries = catalogs.length === 1 ? (catalogs[0]!.catalog as { entries?: unknown }).entries : undefined;
  const entryLines = Array.isArray(entries) ? jsonEntryLines(bytes) : undefined;
  if (entryLines && entryLines.length === (entries as unknown[]).length) return { catalogs, entryLines };
  return { catalogs: await loadInputBytes(file, bytes, io, options) };
}

/** The catalogs of one input, in order, as export writes them (an input that cannot be read throws, as every command reports it). */
export async function exportInput(file: string, io: Io, load: LoadOptions, body: ExportBody | undefined, options: ExportCatalogOptions): Promise<ExportedCatalog[]> {
  const { catalogs, entryLines } = await loadForExport(file, io, load);
  return catalogs.map((loaded) => {
    const c = requireCatalog(loaded.catalog, file);
    // As `check` sees them: every catalog knows its file; a body the config gives for the file
    // overrides what the catalog says.
    const catalog = {
      ...c,
      source: { ...c.source, file: c.source?.file ?? file },
      ...(body?.jurisdiction ? { jurisdiction: body.jurisdiction } : {}),
      ...(body?.department ? { department: body.department } : {}),
    } as Catalog;
    // requireCatalog has checked the shape, and what is set above (a file name, a jurisdiction and
    // department as zwgk.config.json validates them) keeps it: the schema is not run twice.
    const findings = options.validate
      ? validateCatalog(catalog, { rules: builtinRules, trustedShape: true, ...(options.severities ? { severities: options.severities } : {}) })
      : [];
    return { catalog, findings, lines: entryLines ? { entryLines } : loaded.lines ? { lines: loaded.lines } : {} };
  });
}

/**
 * An error of a part, as it crosses threads (structured clone keeps only plain data): rebuilt as the
 * same kind of error by {@link errorFromPart}, so that the main thread tells bad input, an
 * operating-system error on an input and zwgk's own bug apart exactly as with one thread.
 */
export interface PartError {
  name: string;
  message: string;
  details?: InputError["details"];
  /** An internal error's stack (shown with ZWGK_DEBUG=1, as for any internal error). */
  stack?: string;
  /** An operating-system error's `code` (EACCES, EIO …) and `path`. */
  code?: string;
  path?: string;
}

/** The error a part reported, as the main thread throws it: bad input stays bad input (exit 2), an OS error on a path stays one, anything else an internal error. */
export function errorFromPart(e: PartError): Error {
  if (e.name === "InputError") return new InputError(e.message, e.details ?? {});
  if (e.name === "UsageError") return new UsageError(e.message);
  const err = Object.assign(new Error(e.message), {
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.path !== undefined ? { path: e.path } : {}),
  });
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}

/** An error as it crosses threads. */
export function partError(e: unknown): PartError {
  if (e instanceof InputError) return { name: e.name, message: e.message, details: e.details };
  if (e instanceof UsageError) return { name: e.name, message: e.message };
  if (!(e instanceof Error)) return { name: "Error", message: String(e) };
  const { code, path } = e as { code?: unknown; path?: unknown };
  return {
    name: "Error",
    message: e.message,
    ...(e.stack !== undefined ? { stack: e.stack } : {}),
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof path === "string" ? { path } : {}),
  };
}

/**
 * Exports a part of the inputs (`zwgk export --threads 2`, in either thread): each file read once,
 * its catalogs validated and encoded by `encoder`; `post` is given the part's catalogs, entries row
 * groups and files done, in order, then `done` — or an error (the part's rows so far are dropped).
 */
export async function runPart(
  { part, files, bodies }: PartTask,
  io: Io,
  options: { load: LoadOptions; export: ExportCatalogOptions },
  encoder: CatalogPartEncoder,
  post: (m: PartMessage) => void,
): Promise<void> {
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      for (const { catalog, findings, lines } of await exportInput(file, io, options.load, bodies[i], options.export)) {
        const added = encoder.addCatalog(catalog, findings, lines);
        post({ part, catalog: added.catalog });
        for (const group of added.groups) post({ part, group });
      }
      post({ part, file });
      // Let the thread's other work in between files: in the main thread, the worker's messages (it
      // is given its next part when it reports one done) and the writing of earlier parts.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    for (const group of encoder.endPart()) post({ part, group });
    post({ part, done: true });
  } catch (e) {
    post({ part, error: partError(e) });
    // The encoder starts the next part empty (nothing after an error is written, but a part in flight still ends).
    encoder.endPart();
  }
}
