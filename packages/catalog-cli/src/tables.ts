import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import { builtinRules, validateCatalog, type RuleSetting } from "@zwgk/catalog-core";
import { CatalogTableWriter, TABLES, type TableName } from "@zwgk/catalog-parquet";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { loadInput, requireCatalog, type LoadOptions } from "./load.js";

// Catalog files → the Parquet tables (catalogs, entries, findings), streaming: one input is read,
// written as rows and dropped before the next, so memory is one workbook plus a row group per table.
// The tables are written into a temporary folder beside the output and renamed into place only when
// all three are complete: a failed export leaves no partial table.

/** Options of {@link exportTables}. */
export interface ExportTablesOptions extends LoadOptions {
  /** Validate each catalog and write its findings (`findings` table); default true. */
  validate?: boolean;
  severities?: Readonly<Record<string, RuleSetting>>;
  /** Default jurisdiction for catalogs whose own cannot be read (zwgk.config.json `jurisdiction`), as `check` uses it. */
  jurisdiction?: Catalog["jurisdiction"];
  /** The body zwgk.config.json `bodies` gives a file (overrides what the catalog says), as `check` applies it. */
  bodyFor?: (file: string) => { jurisdiction?: Catalog["jurisdiction"]; department?: string } | undefined;
  /** Called after each input with the rows written so far. */
  onInput?: (file: string, counts: Record<TableName, number>) => void;
}

/** Writes the tables of the catalogs in `inputs` into `outDir` (created; existing tables replaced). Returns the row counts. */
export async function exportTables(inputs: readonly string[], outDir: string, io: Io, options: ExportTablesOptions = {}): Promise<Record<TableName, number>> {
  const out = resolve(io.cwd, outDir);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out「${outDir}」已存在且不是文件夹：Parquet 导出写入一个文件夹（catalogs.parquet、entries.parquet、findings.parquet）。`);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = mkdtempSync(join(dirname(out), ".zwgk-export-"));
  const tables = Object.keys(TABLES) as TableName[];
  const fds = Object.fromEntries(tables.map((t) => [t, openSync(join(tmp, `${t}.parquet`), "w")])) as Record<TableName, number>;
  let closed = false;
  const closeAll = () => {
    if (closed) return;
    closed = true;
    for (const fd of Object.values(fds)) closeSync(fd);
  };
  try {
    const sink = (t: TableName) => (bytes: Uint8Array) => {
      writeSync(fds[t], bytes);
    };
    const writer = new CatalogTableWriter(
      { catalogs: sink("catalogs"), entries: sink("entries"), findings: sink("findings") },
      options.jurisdiction ? { jurisdiction: options.jurisdiction } : {},
    );
    for (const file of inputs) {
      for (const loaded of await loadInput(file, io, options)) {
        const c = requireCatalog(loaded.catalog, file);
        // As `check` sees them: every catalog knows its file; a body the config gives for the file
        // overrides what the catalog says.
        const body = options.bodyFor?.(loaded.file);
        const catalog = {
          ...c,
          source: { ...c.source, file: c.source?.file ?? file },
          ...(body?.jurisdiction ? { jurisdiction: body.jurisdiction } : {}),
          ...(body?.department ? { department: body.department } : {}),
        } as Catalog;
        // requireCatalog has checked the shape, and what is set above (a file name, a jurisdiction and
        // department as zwgk.config.json validates them) keeps it: the schema is not run twice.
        const findings =
          options.validate === false
            ? []
            : validateCatalog(catalog, { rules: builtinRules, trustedShape: true, ...(options.severities ? { severities: options.severities } : {}) });
        await writer.addCatalog(catalog, findings, loaded.lines ? { lines: loaded.lines } : {});
      }
      options.onInput?.(file, writer.counts);
    }
    await writer.finish();
    closeAll();
    mkdirSync(out, { recursive: true });
    for (const t of tables) renameSync(join(tmp, `${t}.parquet`), join(out, `${t}.parquet`));
    return writer.counts;
  } finally {
    closeAll();
    rmSync(tmp, { recursive: true, force: true });
  }
}
