import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import { AnalysisParts, bodyGroups, type AnalysisFinding, type AnalyzeOptions, type Body, type EntryAt } from "@zwgk/catalog-diff";
import type { DuckDBConnection } from "@duckdb/node-api";
import { BodyAnalyzer, libraryOptions, type BodyResult, type BodyTask } from "./body-work.js";
import { loadDuckDB } from "./duckdb-load.js";
import { entryJsonSql } from "./entry-json.js";
import { CATALOG_COLUMNS, catalogFromRow, ENTRY_COLUMNS, entryFromRow } from "./layout.js";

// The cross-catalog analysis with DuckDB over the Parquet tables. The keyed parts are SQL (sql/*.sql,
// reading only the documented `catalogs` and `entries` tables and the key columns the library
// computed at export): bodies (bodies-*.sql), exact duplicates, conflicts, keyed gap coverage, and
// 三级四同 across levels (levels-*.sql). What is not keyed — near duplicates, the similarity part of
// gap coverage, 条例 categories — is the library's, run on one body's catalogs at a time as DuckDB
// hands their entries over, so memory is bounded by the largest body; the library also turns the
// SQL rows into findings (and checks that it agrees with them). A test runs both engines on the same
// inputs.

/** Where the .sql files are: dist/sql beside the built module, src/sql beside the sources. */
export const SQL_DIR = fileURLToPath(new URL("./sql/", import.meta.url));

/** The statements of a .sql file (comment lines dropped, split at `;`). */
export function sqlStatements(file: string): string[] {
  const text = readFileSync(join(SQL_DIR, file), "utf8")
    .split("\n")
    .filter((l) => !l.trimStart().startsWith("--"))
    .join("\n");
  return text
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The export folder does not hold the tables (or not in the documented layout). */
export class ParquetLayoutError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = "ParquetLayoutError";
  }
}

/** Options of {@link analyzeParquet}. */
export interface ParquetAnalyzeOptions extends AnalyzeOptions {
  /** DuckDB worker threads (default: DuckDB's, the number of cores). */
  threads?: number;
  /** DuckDB memory limit, e.g. `2GB` (default: DuckDB's, 80% of RAM). */
  memoryLimit?: string;
  /** Where DuckDB spills to disk when over its memory limit. */
  tempDirectory?: string;
  /** Called with a short Chinese description of each step. */
  onStep?: (step: string) => void;
  /**
   * Run the library's per-body work in a worker thread, overlapping DuckDB's reading of the next
   * bodies (default: when the input has more than 10,000 entries). Same findings either way.
   */
  worker?: boolean;
}

/** What {@link analyzeParquet} returns: the catalog headers (entries empty), their entry counts, and the findings. */
export interface ParquetAnalysis {
  catalogs: Catalog[];
  entryCounts: number[];
  /** Per catalog, the label of its body (as `bodiesOf` gives it), for `analysisReport`. */
  bodyLabels: string[];
  findings: AnalysisFinding[];
  /** Per catalog, JSON pointer → line of the entries findings name that came from text sources (for `analysisReport`). */
  lines: Array<Map<string, number> | undefined>;
}

type Row = Record<string, unknown>;

/** What the keyed SQL found: exact duplicate sets and conflicts by body group, entries left uncovered by catalog. */
interface Keyed {
  duplicates: Map<number, EntryAt[][]>;
  left: Map<number, number[]>;
  conflicts: Map<number, Array<{ a: EntryAt; b: EntryAt; fields: string[] }>>;
}

/** True when two labellings group the same items together. */
function samePartition(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]!) ?? b[i]) !== b[i] || (ba.get(b[i]!) ?? a[i]) !== a[i]) return false;
    ab.set(a[i]!, b[i]!);
    ba.set(b[i]!, a[i]!);
  }
  return true;
}

// Every model field is loaded for a body's entries: the library's analysis runs on them as read.
const FIELD_COLUMNS = ENTRY_COLUMNS.filter((c) => c.field).map((c) => `"${c.name}"`);

// Every entry of a body is read as one JSON text (entry-json.ts).
const ENTRY_JSON = entryJsonSql();

/** Entries read per query by byBody (consecutive bodies; about one Parquet row group). */
const BATCH_ENTRIES = 100_000;

const lit = (path: string) => `'${path.replace(/'/g, "''")}'`;

async function rows(c: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJS() as Row[];
}

/**
 * Runs the cross-catalog analysis over an export folder (`catalogs.parquet`, `entries.parquet` as
 * `zwgk export --format parquet` writes them) with DuckDB. Same findings as `analyzeCatalogs` on the
 * same catalogs. Rejects with `DuckDBUnavailableError` when DuckDB cannot load, and with
 * {@link ParquetLayoutError} when the folder does not hold the tables.
 */
export async function analyzeParquet(dir: string, options: ParquetAnalyzeOptions = {}): Promise<ParquetAnalysis> {
  const { DuckDBInstance } = await loadDuckDB();
  for (const table of ["catalogs", "entries"]) {
    const file = join(dir, `${table}.parquet`);
    if (!existsSync(file)) throw new ParquetLayoutError(`找不到表 ${table}.parquet：这不是 zwgk export --format parquet 导出的文件夹。`, file);
  }
  const config: Record<string, string> = {};
  if (options.threads) config["threads"] = String(options.threads);
  if (options.memoryLimit) config["memory_limit"] = options.memoryLimit;
  if (options.tempDirectory) config["temp_directory"] = options.tempDirectory;
  const db = await DuckDBInstance.create(":memory:", config);
  const c = await db.connect();
  try {
    return await new Run(c, dir, options).analyze();
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

class Run {
  private parts!: AnalysisParts;
  private catalogs!: Catalog[];
  private readonly step: (s: string) => void;
  private readonly lines: Array<Map<string, number> | undefined> = [];
  private entryCounts: number[] = [];

  constructor(
    private readonly c: DuckDBConnection,
    private readonly dir: string,
    private readonly options: ParquetAnalyzeOptions,
  ) {
    this.step = options.onStep ?? (() => {});
  }

  private async exec(file: string): Promise<Row[]> {
    let last: Row[] = [];
    for (const s of sqlStatements(file)) last = await rows(this.c, s);
    return last;
  }

  async analyze(): Promise<ParquetAnalysis> {
    for (const [table, columns] of [["catalogs", CATALOG_COLUMNS], ["entries", ENTRY_COLUMNS]] as const) {
      const file = join(this.dir, `${table}.parquet`);
      let have: Set<unknown>;
      try {
        await this.c.run(`CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet(${lit(file)})`);
        // The per-body reads (byBody) open the file again and again: keep its footer.
        await this.c.run("SET parquet_metadata_cache = true");
        have = new Set((await rows(this.c, `DESCRIBE ${table}`)).map((r) => r["column_name"]));
      } catch (e) {
        throw new ParquetLayoutError(`无法读取 ${table}.parquet（${String((e as Error).message).split("\n")[0]}）。`, file);
      }
      const missing = columns.filter((col) => !have.has(col.name)).map((col) => col.name);
      if (missing.length) throw new ParquetLayoutError(`表 ${table}.parquet 缺少列 ${missing.join("、")}：请用当前版本的 zwgk export 重新导出。`, file);
    }
    const headerRows = await rows(this.c, "SELECT * FROM catalogs ORDER BY catalog_id");
    headerRows.forEach((r, i) => {
      if (r["catalog_id"] !== i) throw new ParquetLayoutError("catalogs.catalog_id 应从 0 起连续编号。", join(this.dir, "catalogs.parquet"));
    });
    this.catalogs = headerRows.map(catalogFromRow);
    const entryCounts = headerRows.map((r) => Number(r["entry_count"]));
    const bodies = headerRows.map((r) => JSON.parse(String(r["body"])) as Body);
    const groups = await this.bodyGroups();
    if (!samePartition(groups, bodyGroups(bodies))) throw new Error("bodies-*.sql grouped the catalogs otherwise than the library's bodyGroups");
    // As bodiesOf labels them: a group by the body of its first catalog.
    const firstOfGroup = new Map<number, number>();
    groups.forEach((g, i) => firstOfGroup.has(g) || firstOfGroup.set(g, i));
    const bodyLabels = groups.map((g) => bodies[firstOfGroup.get(g)!]!.label);
    this.parts = new AnalysisParts(this.catalogs, this.options);
    this.entryCounts = entryCounts;

    const sections = inProcessOrder(await this.byBody(groups, await this.keyed()));
    if (this.on("level-mismatch") && this.parts.enabled("level-mismatch")) sections.push(...(await this.levelMismatches()));
    return { catalogs: this.catalogs, entryCounts, bodyLabels, findings: sections, lines: this.lines };
  }

  private on(kind: "duplicate" | "gap" | "conflict" | "level-mismatch"): boolean {
    return this.options.checks?.[kind] !== false;
  }

  /** Runs a merge step (a file whose last statement reports `changed`) until it changes nothing. */
  private async untilUnchanged(file: string, maxPasses: number): Promise<void> {
    for (let pass = 0; ; pass++) {
      const [r] = await this.exec(file);
      if (Number(r!["changed"]) === 0) return;
      if (pass > maxPasses) throw new Error(`${file} did not converge`);
    }
  }

  /** The body group of every catalog (bodies-*.sql: the first catalog of its body). */
  private async bodyGroups(): Promise<number[]> {
    this.step("单位分组（SQL）");
    await this.exec("bodies-1-edges.sql");
    await this.untilUnchanged("bodies-2-merge.sql", 100_000);
    const out: number[] = [];
    for (const r of await rows(this.c, "SELECT catalog_id, grp FROM body_groups")) out[Number(r["catalog_id"])] = Number(r["grp"]);
    return out;
  }

  /** The keyed checks as SQL, by body group: exact duplicates, powers and services not covered by key, conflicts. */
  private async keyed(): Promise<Keyed> {
    const k: Keyed = { duplicates: new Map(), left: new Map(), conflicts: new Map() };
    const byGroup = <T>(map: Map<number, T[]>, r: Row, v: T) => {
      const g = Number(r["grp"]);
      (map.get(g) ?? map.set(g, []).get(g)!).push(v);
    };
    if (this.on("duplicate") && this.parts.enabled("duplicate-exact")) {
      this.step("完全重复（SQL）");
      let last = "";
      for (const r of await this.exec("duplicates-exact.sql")) {
        const set = `${String(r["first_catalog"])}/${String(r["first_position"])}`;
        const at: EntryAt = [Number(r["catalog_id"]), Number(r["position"])];
        const sets = k.duplicates.get(Number(r["grp"]));
        if (set === last && sets) sets[sets.length - 1]!.push(at);
        else byGroup(k.duplicates, r, [at]);
        last = set;
      }
    }
    if (this.on("gap")) {
      this.step("遗漏：按编码和事项覆盖（SQL）");
      for (const r of await this.exec("gaps-keyed.sql")) {
        const c = Number(r["catalog_id"]);
        (k.left.get(c) ?? k.left.set(c, []).get(c)!).push(Number(r["position"]));
      }
    }
    if (this.on("conflict") && this.parts.enabled("conflict-standard")) {
      this.step("标准不一致（SQL）");
      for (const r of await this.exec("conflicts.sql")) {
        byGroup(k.conflicts, r, { a: [Number(r["a_catalog"]), Number(r["a_position"])], b: [Number(r["b_catalog"]), Number(r["b_position"])], fields: String(r["fields"]).split(",") });
      }
    }
    return k;
  }

  /** Loads the entries at the given places into the catalogs' (sparse) entry arrays. */
  private async loadAt(at: readonly EntryAt[]): Promise<void> {
    if (!at.length) return;
    await this.c.run("CREATE OR REPLACE TEMPORARY TABLE wanted (catalog_id INTEGER, position INTEGER)");
    const appender = await this.c.createAppender("wanted");
    for (const [catalog, position] of at) {
      appender.appendInteger(catalog);
      appender.appendInteger(position);
      appender.endRow();
    }
    appender.closeSync();
    this.place(
      await rows(
        this.c,
        `SELECT e.catalog_id, e.position, ${FIELD_COLUMNS.map((f) => `e.${f}`).join(", ")} FROM entries e JOIN wanted w ON w.catalog_id = e.catalog_id AND w.position = e.position`,
      ),
    );
  }

  private place(loaded: readonly Row[]): void {
    for (const r of loaded) (this.catalogs[r["catalog_id"] as number]!.entries as Entry[])[r["position"] as number] = entryFromRow(r);
  }

  /** Drops the loaded entries, so that the next step starts from nothing (keeping the lines of those findings name). */
  private unload(findings: readonly AnalysisFinding[] = []): void {
    for (const f of findings) {
      for (const e of f.entries) {
        const line = e.index >= 0 ? (this.catalogs[e.catalog]!.entries as Entry[])[e.index]?.source?.line : undefined;
        if (line !== undefined) (this.lines[e.catalog] ??= new Map()).set(`/entries/${e.index}`, line);
      }
    }
    for (const c of this.catalogs) (c as { entries: Entry[] }).entries = [];
  }

  /**
   * The entries of the given catalogs as JSON text (entry-json.ts), per catalog in position order.
   * The range of catalog ids lets DuckDB skip the row groups of other catalogs (their statistics),
   * so that reading the province body by body reads each row group about once, not once per body.
   */
  private async entryTexts(ids: readonly number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    const filled = new Map<number, number>();
    for (const id of ids) {
      out.set(id, new Array<string>(this.entryCounts[id]!));
      filled.set(id, 0);
    }
    const lo = Math.min(...ids);
    const hi = Math.max(...ids);
    const where = `catalog_id BETWEEN ${lo} AND ${hi}${hi - lo + 1 === ids.length ? "" : ` AND catalog_id IN (${ids.join(",")})`}`;
    const result = await this.c.stream(`SELECT catalog_id, position, ${ENTRY_JSON} AS entry FROM entries WHERE ${where}`);
    const bad = (id: number) =>
      new ParquetLayoutError(`entries.parquet 中目录 ${id} 的条目与 catalogs.entry_count 不符（position 应为 0 起的连续编号）。`, join(this.dir, "entries.parquet"));
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const catalog = chunk.getColumnVector(0);
      const position = chunk.getColumnVector(1);
      const entry = chunk.getColumnVector(2);
      for (let r = 0; r < chunk.rowCount; r++) {
        const id = catalog.getItem(r) as number;
        const p = position.getItem(r) as number;
        const texts = out.get(id)!;
        if (!(p >= 0 && p < texts.length) || texts[p] !== undefined) throw bad(id);
        texts[p] = entry.getItem(r) as string;
        filled.set(id, filled.get(id)! + 1);
      }
    }
    for (const [id, n] of filled) if (n !== this.entryCounts[id]) throw bad(id);
    return out;
  }

  /**
   * Duplicates, gaps and conflicts are decided within one body (docs/analysis.md). The keyed parts
   * came from SQL (`keyed`); DuckDB then reads the bodies in input order, a batch of consecutive
   * bodies per query, and hands each body to the library (body-work.ts), which turns the SQL rows
   * into findings and runs what is not keyed (near duplicates, the similarity part of gap coverage,
   * 条例 categories, notices) on it. With a worker thread, the library works on one batch while
   * DuckDB reads the next; at most two batches are held, so memory is bounded by the batch size and
   * the largest body. Findings name catalogs by their index in the whole input.
   */
  private async byBody(groups: readonly number[], keyed: Keyed): Promise<AnalysisFinding[]> {
    const members = new Map<number, number[]>();
    groups.forEach((g, i) => (members.get(g) ?? members.set(g, []).get(g)!).push(i));
    const bodies = [...members];
    const total = this.entryCounts.reduce((a, b) => a + b, 0);
    const runner = (this.options.worker ?? total > 10_000) ? workerRunner(this.catalogs, this.options) : inThreadRunner(this.catalogs, this.options);
    const results: Array<Promise<BodyResult>> = [];
    try {
      let previous: Array<Promise<BodyResult>> = [];
      for (let b = 0; b < bodies.length; ) {
        // A batch: consecutive bodies up to BATCH_ENTRIES entries (at least one body).
        const batch: Array<[number, number[]]> = [];
        let size = 0;
        while (b < bodies.length && (!batch.length || size + this.bodySize(bodies[b]![1]) <= BATCH_ENTRIES)) {
          size += this.bodySize(bodies[b]![1]);
          batch.push(bodies[b++]!);
        }
        this.step(`按单位分析 ${b}/${bodies.length}`);
        const texts = await this.entryTexts(batch.flatMap(([, ids]) => ids));
        const current = batch.map(([g, ids]) => {
          const task: BodyTask = {
            ids,
            entries: ids.map((i) => texts.get(i)!),
            left: ids.map((i) => keyed.left.get(i) ?? []),
            duplicates: keyed.duplicates.get(g) ?? [],
            conflicts: keyed.conflicts.get(g) ?? [],
          };
          const p = runner.run(task);
          // Awaited below, in order; a failure must not go unhandled meanwhile.
          p.catch(() => {});
          return p;
        });
        results.push(...current);
        await Promise.all(previous);
        previous = current;
      }
      const out: AnalysisFinding[] = [];
      for (const r of await Promise.all(results)) {
        out.push(...r.findings);
        for (const [c, i, line] of r.lines) (this.lines[c] ??= new Map()).set(`/entries/${i}`, line);
      }
      return out;
    } finally {
      await runner.close();
    }
  }

  private bodySize(ids: readonly number[]): number {
    return ids.reduce((n, i) => n + this.entryCounts[i]!, 0);
  }

  private async levelMismatches(): Promise<AnalysisFinding[]> {
    this.step("三级四同（SQL）");
    await this.exec("levels-1-nodes.sql");
    await this.untilUnchanged("levels-2-merge.sql", 10_000);
    const pairs = await this.exec("levels-3-mismatches.sql");
    const at = (r: Row, p: "top" | "other"): EntryAt => [r[`${p}_catalog`] as number, r[`${p}_position`] as number];
    await this.loadAt(pairs.flatMap((r) => [at(r, "top"), at(r, "other")]));
    const out = pairs.map((r) => this.parts.levelMismatch(at(r, "top"), at(r, "other"), String(r["fields"]).split(",")));
    this.unload(out);
    return out;
  }
}

/** Runs the library's work on one body at a time, in the order given. */
interface BodyRunner {
  run(task: BodyTask): Promise<BodyResult>;
  close(): Promise<void>;
}

function inThreadRunner(catalogs: readonly Catalog[], options: AnalyzeOptions): BodyRunner {
  const analyzer = new BodyAnalyzer(headers(catalogs), libraryOptions(options));
  return { run: (task) => Promise.resolve().then(() => analyzer.analyze(task)), close: () => Promise.resolve() };
}

/** The catalogs without their entries (what BodyAnalyzer starts from). */
function headers(catalogs: readonly Catalog[]): Catalog[] {
  return catalogs.map((c) => ({ ...c, entries: [] }) as unknown as Catalog);
}

/** body-worker.js beside the built module; in the sources (tests), body-worker.ts through tsx. */
function workerScript(): { script: URL | string; eval?: boolean } | undefined {
  const js = new URL("./body-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(js))) return { script: js };
  const ts = new URL("./body-worker.ts", import.meta.url);
  if (!existsSync(fileURLToPath(ts))) return undefined;
  return { script: `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(ts.href)}); });`, eval: true };
}

/** One worker thread running body-worker; replies come in the order of the tasks. */
function oneWorker(script: { script: URL | string; eval?: boolean }, catalogs: Catalog[], options: AnalyzeOptions): BodyRunner & { pending: number } {
  const worker = new Worker(script.script, { workerData: { catalogs, options }, ...(script.eval ? { eval: true } : {}) });
  const pending: Array<{ resolve: (r: BodyResult) => void; reject: (e: Error) => void }> = [];
  let failed: Error | undefined;
  const failAll = (e: Error) => {
    failed ??= e;
    for (const p of pending.splice(0)) p.reject(e);
  };
  worker.on("message", (m: { result?: BodyResult; error?: { name: string; message: string; stack?: string } }) => {
    const p = pending.shift();
    if (m.error !== undefined) {
      // The worker's error as this thread's: the same message, and the stack where it was thrown.
      const e = new Error(`DuckDB engine worker: ${m.error.name}: ${m.error.message}`);
      if (m.error.stack !== undefined) e.stack = m.error.stack;
      p?.reject(e);
    } else p?.resolve(m.result!);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`DuckDB engine worker exited (${code})`)));
  return {
    get pending() {
      return pending.length;
    },
    run: (task) =>
      new Promise<BodyResult>((resolve, reject) => {
        if (failed) return reject(failed);
        pending.push({ resolve, reject });
        worker.postMessage(task);
      }),
    close: async () => {
      failed ??= new Error("DuckDB engine worker closed");
      await worker.terminate();
    },
  };
}

/**
 * Worker threads for the library's per-body work, one per core (at least two: the engine's own
 * thread mostly waits for DuckDB; at most four, each holds a body); each body goes to the worker
 * with the fewest bodies waiting.
 */
function workerRunner(catalogs: readonly Catalog[], options: AnalyzeOptions): BodyRunner {
  const script = workerScript();
  if (!script) return inThreadRunner(catalogs, options);
  const data = { catalogs: headers(catalogs), options: libraryOptions(options) };
  const workers = Array.from({ length: Math.min(4, Math.max(2, availableParallelism())) }, () => oneWorker(script, data.catalogs, data.options));
  return {
    run: (task) => workers.reduce((a, b) => (b.pending < a.pending ? b : a)).run(task),
    close: async () => void (await Promise.all(workers.map((w) => w.close()))),
  };
}

// The order `analyzeCatalogs` reports in, restored over the bodies' findings: unknown bodies (by
// catalog); duplicates with the search-limit notice (by first entry, then second); powers and
// services not covered with the "nothing to check against" notices (by catalog and entry); statutory
// categories (by the body's first catalog); conflicts (by first entry, then second). A rule this
// list does not know stays in the section of the finding before it.
const SECTION: Readonly<Record<string, number>> = {
  "analysis-body-unknown": 0,
  "analysis-limit": 1,
  "analysis-gap-limit": 2,
  "analysis-no-disclosure-catalog": 2,
  "gap-statutory-category": 3,
};
const KIND_SECTION: Readonly<Record<string, number>> = { duplicate: 1, gap: 2, conflict: 4 };

function byEntries(x: AnalysisFinding, y: AnalysisFinding): number {
  const a = x.entries[0]!;
  const b = y.entries[0]!;
  return a.catalog - b.catalog || a.index - b.index || (x.entries[1]?.catalog ?? 0) - (y.entries[1]?.catalog ?? 0) || (x.entries[1]?.index ?? 0) - (y.entries[1]?.index ?? 0);
}

function inProcessOrder(findings: readonly AnalysisFinding[]): AnalysisFinding[] {
  const sections: AnalysisFinding[][] = [[], [], [], [], []];
  let last = 0;
  for (const f of findings) {
    last = SECTION[f.rule] ?? KIND_SECTION[f.kind] ?? last;
    sections[last]!.push(f);
  }
  const byCatalog = (x: AnalysisFinding, y: AnalysisFinding) => x.entries[0]!.catalog - y.entries[0]!.catalog;
  sections[0]!.sort(byCatalog);
  sections[1]!.sort(byEntries);
  sections[2]!.sort((x, y) => byCatalog(x, y) || x.entries[0]!.index - y.entries[0]!.index);
  sections[3]!.sort(byCatalog);
  sections[4]!.sort(byEntries);
  return sections.flat();
}

