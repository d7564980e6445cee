import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { Catalog } from "@zwgk/catalog-schemas";
import { builtinRules, validateCatalog, type RuleSetting } from "@zwgk/catalog-core";
import { CatalogTableWriter, ENTRY_KEY_COLUMNS, TABLES, type EncodedGroup, type TableName } from "@zwgk/catalog-parquet";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { catalogFormatOf } from "@zwgk/catalog-xlsx";
import { jsonEntryLines } from "./entry-lines.js";
import { loadInput, loadInputBytes, readInputBytes, requireCatalog, type LoadedCatalog, type LoadOptions } from "./load.js";
import type { KeyWorkerData, KeyWorkerMessage } from "./export-worker.js";

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
  /**
   * Threads: 2 computes and encodes the entries' key columns in a second thread (the files are the
   * same bytes either way); default 2 on a machine with more than one core when the inputs hold at
   * least {@link THREADS_FROM} bytes, else 1.
   */
  threads?: 1 | 2;
}

/**
 * The entries columns the second thread computes and encodes: the match keys' (the costliest). With
 * validation it used to take `path` and `display_name` too; since the main thread reads without the
 * line of every key and fills only the field columns an entry has, that left the second thread the
 * busier one, so it takes the match keys alone.
 */
const secondThreadColumns = (): string[] => [...ENTRY_KEY_COLUMNS];

/** Input bytes from which an export uses a second thread by default (below, starting it costs more than it saves). */
export const THREADS_FROM = 8 * 1024 * 1024;

/** The rows written per table, and the threads that wrote them. */
export type ExportCounts = Record<TableName, number> & { threads: 1 | 2 };

function inputBytes(inputs: readonly string[], io: Io): number {
  let n = 0;
  for (const f of inputs) {
    const path = resolve(io.cwd, f);
    if (existsSync(path)) n += statSync(path).size;
  }
  return n;
}

/**
 * Starts export-worker beside this module: `export-worker.js` when built. From the sources (benchmarks,
 * tests through tsx) only when tsx is registered for this process: workers do not inherit its loader,
 * so the worker registers it first. Undefined when the worker cannot be started this way (one thread).
 */
function keyWorker(): ((data: KeyWorkerData) => Worker) | undefined {
  const self = import.meta.url;
  if (!self.endsWith(".ts")) return (data) => new Worker(new URL("./export-worker.js", self), { workerData: data });
  if (!process.execArgv.some((a) => a.includes("tsx"))) return undefined;
  const script = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); await import(${JSON.stringify(new URL("./export-worker.ts", self).href)});`;
  return (data) => new Worker(script, { eval: true, workerData: data });
}

/** The second thread (export-worker.ts): its row groups of key columns, in order, as the writer asks for them. */
function startKeyWorker(worker: Worker): { group: (index: number, rows: number) => Promise<EncodedGroup>; stop: () => Promise<void> } {
  const arrived: EncodedGroup[] = [];
  let placed = 0;
  let failed: Error | undefined;
  let done = false;
  let waiting: { resolve: (g: EncodedGroup) => void; reject: (e: Error) => void } | undefined;
  const fail = (e: Error) => {
    failed ??= e;
    waiting?.reject(failed);
    waiting = undefined;
  };
  worker.on("message", (m: KeyWorkerMessage) => {
    if ("done" in m) done = true;
    else if (waiting) {
      waiting.resolve(m.group);
      waiting = undefined;
    } else arrived.push(m.group);
  });
  worker.on("error", (e) => fail(new Error(`导出的第二个线程出错：${e.message}`)));
  worker.on("exit", () => {
    if (!done) fail(new Error("导出的第二个线程提前结束。"));
  });
  return {
    group: (index) => {
      if (index !== placed) throw new Error(`export: row group ${index} asked for, ${placed} expected`);
      worker.postMessage({ placed: ++placed });
      const next = arrived.shift();
      if (next) return Promise.resolve(next);
      if (failed) return Promise.reject(failed);
      if (done) return Promise.reject(new Error(`export: the second thread wrote no row group ${index}`));
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    stop: async () => {
      await worker.terminate();
    },
  };
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

/** Writes the tables of the catalogs in `inputs` into `outDir` (created; existing tables replaced). Returns the row counts. */
export async function exportTables(inputs: readonly string[], outDir: string, io: Io, options: ExportTablesOptions = {}): Promise<ExportCounts> {
  const out = resolve(io.cwd, outDir);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out「${outDir}」已存在且不是文件夹：Parquet 导出写入一个文件夹（catalogs.parquet、entries.parquet、findings.parquet）。`);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = mkdtempSync(join(dirname(out), ".zwgk-export-"));
  const tables = Object.keys(TABLES) as TableName[];
  const fds = Object.fromEntries(tables.map((t) => [t, openSync(join(tmp, `${t}.parquet`), "w")])) as Record<TableName, number>;
  const start = keyWorker();
  const threads = start ? (options.threads ?? (availableParallelism() > 1 && inputBytes(inputs, io) >= THREADS_FROM ? 2 : 1)) : 1;
  const load: LoadOptions = {
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.columns ? { columns: options.columns } : {}),
    ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
  };
  const apart = secondThreadColumns();
  const keys = threads === 2 ? startKeyWorker(start!({ inputs: [...inputs], cwd: io.cwd, env: io.env, load, columns: apart })) : undefined;
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
      { ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}), ...(keys ? { entryColumnsElsewhere: { names: apart, group: keys.group } } : {}) },
    );
    for (const file of inputs) {
      const { catalogs: loadedCatalogs, entryLines } = await loadForExport(file, io, options);
      for (const loaded of loadedCatalogs) {
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
        await writer.addCatalog(catalog, findings, entryLines ? { entryLines } : loaded.lines ? { lines: loaded.lines } : {});
      }
      options.onInput?.(file, writer.counts);
    }
    await writer.finish();
    closeAll();
    mkdirSync(out, { recursive: true });
    for (const t of tables) renameSync(join(tmp, `${t}.parquet`), join(out, `${t}.parquet`));
    return { ...writer.counts, threads };
  } finally {
    await keys?.stop();
    closeAll();
    rmSync(tmp, { recursive: true, force: true });
  }
}
