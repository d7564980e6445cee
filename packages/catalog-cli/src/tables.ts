import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { Catalog } from "@zwgk/catalog-schemas";
import type { RuleSetting } from "@zwgk/catalog-core";
import { CatalogPartEncoder, CatalogTableWriter, TABLES, type TableName } from "@zwgk/catalog-parquet";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { errorFromPart, exportInput, runPart, type ExportBody, type ExportCatalogOptions } from "./export-part.js";
import type { LoadOptions } from "./load.js";
import type { PartMessage, PartTask, PartWorkerData } from "./export-worker.js";

// Catalog files → the Parquet tables (catalogs, entries, findings), streaming: one input is read,
// written as rows and dropped before the next, so memory is one workbook plus a row group per table
// (per thread, with two threads: export-worker.ts).
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
   * Threads: 2 reads, validates and encodes the inputs in two worker threads, each taking whole parts
   * of them (every file is read once), while this thread writes the parts in input order (the rows
   * are the same as with 1; the entries' row groups end at the parts' ends, {@link partsOf}); default
   * 2 on a machine with more than one core when the inputs hold at least {@link THREADS_FROM} bytes,
   * else 1.
   */
  threads?: 1 | 2;
}

/** Input bytes from which an export uses a second thread by default (below, starting it costs more than it saves). */
export const THREADS_FROM = 8 * 1024 * 1024;

/** The rows written per table, and the threads that wrote them. */
export type ExportCounts = Record<TableName, number> & { threads: 1 | 2 };

/** An input's size on disk (0 when it is not a file: `REV:path`, or missing — its reading reports that). */
function fileBytes(file: string, io: Io): number {
  const path = resolve(io.cwd, file);
  return existsSync(path) ? statSync(path).size : 0;
}

function inputBytes(inputs: readonly string[], io: Io): number {
  return inputs.reduce((n, f) => n + fileBytes(f, io), 0);
}

/**
 * Starts export-worker beside this module: `export-worker.js` when built. From the sources (benchmarks,
 * tests through tsx) only when tsx is registered for this process: workers do not inherit its loader,
 * so the worker registers it first. Undefined when the worker cannot be started this way (one thread).
 */
function partWorker(): ((data: PartWorkerData) => Worker) | undefined {
  const self = import.meta.url;
  if (!self.endsWith(".ts")) return (data) => new Worker(new URL("./export-worker.js", self), { workerData: data });
  if (!process.execArgv.some((a) => a.includes("tsx"))) return undefined;
  const script = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); await import(${JSON.stringify(new URL("./export-worker.ts", self).href)});`;
  return (data) => new Worker(script, { eval: true, workerData: data });
}

/** Input bytes per part of a two-thread export: about a row group of entries (100,000) of generated JSON. */
export const PART_BYTES = 32 * 1024 * 1024;

/**
 * The inputs cut into parts of whole files, in order, for the threads to take: at least `threads`
 * parts, else about {@link PART_BYTES} each, cut where the bytes read so far cross an equal share.
 * Each part's entries are row groups of their own (a part's last row group is a short one).
 */
export function partsOf(sizes: readonly number[], threads: number, partBytes = PART_BYTES): number[][] {
  const total = sizes.reduce((n, b) => n + b, 0);
  const count = Math.max(threads, Math.round(total / partBytes));
  const parts: number[][] = [];
  let done = 0;
  let last = -1;
  for (let i = 0; i < sizes.length; i++) {
    // The part of a file is the share its middle byte falls in.
    const at = total ? Math.min(count - 1, Math.floor(((done + sizes[i]! / 2) * count) / total)) : 0;
    if (at !== last) parts.push([]);
    last = at;
    parts[parts.length - 1]!.push(i);
    done += sizes[i]!;
  }
  return parts;
}

/**
 * Parts taken and not yet written, at most: enough that the worker need not wait while this thread
 * reads a part of its own (at 1M entries, a window of three parts left it idle a third of the time),
 * few enough that what waits here (encoded row groups, findings) stays small.
 */
const AHEAD = 5;

/** What {@link writeParts} is given: the inputs and their parts, how to start a worker and with what, and where progress goes. */
interface PartsRun {
  inputs: readonly string[];
  parts: readonly number[][];
  start: (data: PartWorkerData) => Worker;
  data: PartWorkerData;
  bodyFor: ((file: string) => ExportBody | undefined) | undefined;
  /** Called when a file's rows are written. */
  onFile: (file: string) => void;
  threads: number;
  io: Io;
}

/**
 * Writes the parts with `threads` threads: this one and `threads - 1` workers (export-worker.ts),
 * each taking the next part when it is free and reading, validating and encoding it (runPart); the
 * parts are written here in input order. At most {@link AHEAD} parts are taken and not yet written,
 * so what waits here is a few parts' encoded bytes (the entries of a part are ~6 MiB of Parquet).
 */
async function writeParts(writer: CatalogTableWriter, run: PartsRun): Promise<void> {
  const { inputs, parts, start, data, bodyFor, onFile, threads, io } = run;
  const inbox: PartMessage[][] = parts.map(() => []);
  let crash: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const sleep = () => new Promise<void>((r) => (wake = r));
  const workers: Worker[] = [];
  const idle: Worker[] = [];
  let given = 0;
  let written = 0;
  let stopped = false;
  const free = () => !stopped && given < parts.length && given < written + AHEAD;
  const task = (): PartTask => {
    const files = parts[given]!.map((i) => inputs[i]!);
    return { part: given++, files, bodies: files.map((f) => bodyFor?.(f)) };
  };
  const give = () => {
    while (idle.length && free()) idle.pop()!.postMessage(task());
  };
  // This thread's share: the next free part whenever it is not writing (the writer below runs
  // between its catalogs, when it awaits).
  const encoder = new CatalogPartEncoder(data.jurisdiction ? { jurisdiction: data.jurisdiction } : {});
  let waitingHere: (() => void) | undefined;
  const here = async () => {
    while (!stopped) {
      if (!free()) {
        if (given >= parts.length) return;
        await new Promise<void>((r) => (waitingHere = r));
        continue;
      }
      await runPart(task(), io, data, encoder, (m) => {
        inbox[m.part]!.push(m);
        notify();
      });
      // Let the workers' messages in before taking another part.
      await new Promise<void>((r) => setImmediate(r));
    }
  };
  let local: Promise<void> | undefined;
  try {
    for (let t = 1; t < Math.min(threads, parts.length); t++) {
      const worker = start(data);
      workers.push(worker);
      idle.push(worker);
      worker.on("message", (m: PartMessage) => {
        inbox[m.part]!.push(m);
        if ("done" in m || "error" in m) {
          idle.push(worker);
          give();
        }
        notify();
      });
      worker.on("error", (e) => {
        crash ??= new Error(`导出的第二个线程出错：${e.message}`);
        notify();
      });
      worker.on("exit", () => {
        crash ??= new Error("导出的第二个线程提前结束。");
        notify();
      });
    }
    give();
    // A failure outside a part (none is expected: runPart reports its own) must not leave the loop below waiting.
    local = here().catch((e: unknown) => {
      crash ??= e instanceof Error ? e : new Error(String(e));
      notify();
    });
    for (let k = 0; k < parts.length; k++) {
      const box = inbox[k]!;
      for (;;) {
        if (!box.length) {
          if (crash) throw crash;
          await sleep();
          continue;
        }
        const m = box.shift()!;
        if ("error" in m) throw errorFromPart(m.error);
        if ("done" in m) break;
        if ("catalog" in m) await writer.addCatalogOfPart(m.catalog);
        else if ("group" in m) await writer.addEntryGroup(m.group);
        else onFile(m.file);
      }
      written = k + 1;
      give();
      waitingHere?.();
      waitingHere = undefined;
    }
  } finally {
    stopped = true;
    waitingHere?.();
    await local;
    for (const w of workers) w.removeAllListeners("exit");
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Writes the tables of the catalogs in `inputs` into `outDir` (created; existing tables replaced). Returns the row counts. */
export async function exportTables(inputs: readonly string[], outDir: string, io: Io, options: ExportTablesOptions = {}): Promise<ExportCounts> {
  const out = resolve(io.cwd, outDir);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out「${outDir}」已存在且不是文件夹：Parquet 导出写入一个文件夹（catalogs.parquet、entries.parquet、findings.parquet）。`);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = mkdtempSync(join(dirname(out), ".zwgk-export-"));
  const tables = Object.keys(TABLES) as TableName[];
  const fds = Object.fromEntries(tables.map((t) => [t, openSync(join(tmp, `${t}.parquet`), "w")])) as Record<TableName, number>;
  const start = partWorker();
  const threads = start ? (options.threads ?? (availableParallelism() > 1 && inputBytes(inputs, io) >= THREADS_FROM ? 2 : 1)) : 1;
  const load: LoadOptions = {
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.columns ? { columns: options.columns } : {}),
    ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
    ...(options.lines === false ? { lines: false } : {}),
  };
  const each: ExportCatalogOptions = { validate: options.validate !== false, ...(options.severities ? { severities: options.severities } : {}) };
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
      { ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}), ...(threads === 2 ? { entriesInParts: true } : {}) },
    );
    if (threads === 2) {
      // Each thread reads whole parts of the inputs (each file once in all); the catalogs are
      // numbered here, in input order.
      const data: PartWorkerData = { cwd: io.cwd, env: io.env, load, export: each, ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}) };
      const parts = partsOf(inputs.map((f) => fileBytes(f, io)), threads);
      const onFile = (file: string) => options.onInput?.(file, writer.counts);
      await writeParts(writer, { inputs, parts, start: start!, data, bodyFor: options.bodyFor, onFile, threads, io });
    } else {
      for (const file of inputs) {
        for (const { catalog, findings, lines } of await exportInput(file, io, load, options.bodyFor?.(file), each)) await writer.addCatalog(catalog, findings, lines);
        options.onInput?.(file, writer.counts);
      }
    }
    await writer.finish();
    closeAll();
    mkdirSync(out, { recursive: true });
    for (const t of tables) renameSync(join(tmp, `${t}.parquet`), join(out, `${t}.parquet`));
    return { ...writer.counts, threads };
  } finally {
    closeAll();
    rmSync(tmp, { recursive: true, force: true });
  }
}
