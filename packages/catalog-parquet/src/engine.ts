import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import { AnalysisParts, type AnalysisFinding, type AnalysisKind, type AnalyzeOptions, type EntryAt } from "@zwgk/catalog-diff";
import type { DuckDBConnection } from "@duckdb/node-api";
import { loadDuckDB } from "./duckdb-load.js";
import { CATALOG_COLUMNS, catalogFromRow, ENTRY_COLUMNS, entryFromRow } from "./layout.js";

// The cross-catalog analysis with DuckDB over the Parquet tables. The keyed parts are SQL (sql/*.sql,
// reading only the documented `catalogs` and `entries` tables): exact duplicates, conflicts, the
// keyed part of gap coverage, 三级四同 groups and mismatches. What needs text similarity (near
// duplicates, the rest of gap coverage, statutory categories) runs in the library, one body at a
// time, on the entries DuckDB hands over for that body: memory is bounded by the largest body.
// Findings are built by @zwgk/catalog-diff's AnalysisParts, so messages and field comparisons are
// those of `analyzeCatalogs`; a test runs both engines on the same inputs.

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
}

/** What {@link analyzeParquet} returns: the catalog headers (entries empty), their entry counts, and the findings. */
export interface ParquetAnalysis {
  catalogs: Catalog[];
  entryCounts: number[];
  findings: AnalysisFinding[];
  /** Per catalog, JSON pointer → line of the entries findings name that came from text sources (for `analysisReport`). */
  lines: Array<Map<string, number> | undefined>;
}

type Row = Record<string, unknown>;

// The model fields the analysis reads (names, the compared fields, where an entry is): entries are
// loaded with these only, since converting DuckDB rows to objects is the costly part of a step. The
// engine comparison test fails if a finding needs another one.
const ANALYSIS_FIELDS = new Set([
  "items", "name", "subItem", "code", "type", "content", "basis.raw", "basis.written", "basis.documents", "timeLimit.raw", "timeLimit.parsed",
  "subject", "channels.raw", "channels.selected", "channels.unselected", "audience", "method", "levels", "clause", "source.file", "source.sheet", "source.row", "source.line",
]);
const FIELD_COLUMNS = ENTRY_COLUMNS.filter((c) => c.field && ANALYSIS_FIELDS.has(c.field)).map((c) => `"${c.name}"`);

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

  constructor(
    private readonly c: DuckDBConnection,
    private readonly dir: string,
    private readonly options: ParquetAnalyzeOptions,
  ) {
    this.step = options.onStep ?? (() => {});
  }

  private on(kind: AnalysisKind): boolean {
    return this.options.checks?.[kind] !== false;
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
    this.parts = new AnalysisParts(this.catalogs, this.options);

    const duplicates: AnalysisFinding[] = [];
    const gaps: AnalysisFinding[] = [];
    let conflicts: AnalysisFinding[] = [];
    let levels: AnalysisFinding[] = [];
    if (this.on("duplicate")) duplicates.push(...(await this.exactDuplicates()));
    if (this.on("conflict")) conflicts = await this.conflicts();
    if (this.on("level-mismatch")) levels = await this.levelMismatches();
    const candidates = this.on("gap") ? await this.gapCandidates() : new Map<string, EntryAt[]>();
    const statutory = await this.byBody(duplicates, gaps, candidates);
    return {
      catalogs: this.catalogs,
      entryCounts,
      findings: [...sortByFirstEntry(duplicates), ...gaps.sort(byFirstEntry), ...statutory, ...conflicts, ...levels],
      lines: this.lines,
    };
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

  /** Loads every entry of the given catalogs; returns their places in input order. */
  private async loadCatalogs(ids: readonly number[]): Promise<EntryAt[]> {
    if (!ids.length) return [];
    const loaded = await rows(this.c, `SELECT catalog_id, position, ${FIELD_COLUMNS.join(", ")} FROM entries WHERE catalog_id IN (${ids.join(",")}) ORDER BY catalog_id, position`);
    this.place(loaded);
    return loaded.map((r) => [r["catalog_id"] as number, r["position"] as number] as const);
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

  private async exactDuplicates(): Promise<AnalysisFinding[]> {
    this.step("完全重复（SQL）");
    const members = await this.exec("duplicates-exact.sql");
    const groups: EntryAt[][] = [];
    let key = "";
    for (const m of members) {
      const k = `${m["pool"]}\u0000${m["path_key"]}\u0000${m["body_group"]}`;
      if (k !== key) groups.push([]);
      key = k;
      groups[groups.length - 1]!.push([m["catalog_id"] as number, m["position"] as number]);
    }
    await this.loadAt(groups.flatMap((g) => g));
    const out = groups.map((g) => this.parts.exactDuplicate(g));
    this.unload(out);
    return out;
  }

  private async conflicts(): Promise<AnalysisFinding[]> {
    this.step("公开标准不一致（SQL）");
    const pairs = await this.exec("conflicts.sql");
    const at = (r: Row, p: "a" | "b"): EntryAt => [r[`${p}_catalog`] as number, r[`${p}_position`] as number];
    await this.loadAt(pairs.flatMap((r) => [at(r, "a"), at(r, "b")]));
    const out = pairs.map((r) => this.parts.conflict(at(r, "a"), at(r, "b"), String(r["fields"]).split(",")));
    this.unload(out);
    return out;
  }

  private async levelMismatches(): Promise<AnalysisFinding[]> {
    this.step("三级四同（SQL）");
    await this.exec("levels-1-nodes.sql");
    for (let pass = 0; ; pass++) {
      const [r] = await this.exec("levels-2-merge.sql");
      if (Number(r!["changed"]) === 0) break;
      if (pass > 10_000) throw new Error("levels-2-merge.sql did not converge");
    }
    const pairs = await this.exec("levels-3-mismatches.sql");
    const at = (r: Row, p: "top" | "other"): EntryAt => [r[`${p}_catalog`] as number, r[`${p}_position`] as number];
    await this.loadAt(pairs.flatMap((r) => [at(r, "top"), at(r, "other")]));
    const out = pairs.map((r) => this.parts.levelMismatch(at(r, "top"), at(r, "other"), String(r["fields"]).split(",")));
    this.unload(out);
    return out;
  }

  private async gapCandidates(): Promise<Map<string, EntryAt[]>> {
    this.step("遗漏：按编码、名称覆盖（SQL）");
    const byBody = new Map<string, EntryAt[]>();
    for (const r of await this.exec("gaps-candidates.sql")) {
      const body = r["coverage_body"] as string;
      (byBody.get(body) ?? byBody.set(body, []).get(body)!).push([r["catalog_id"] as number, r["position"] as number]);
    }
    return byBody;
  }

  /**
   * The library's per-body steps: near duplicates, the rest of gap coverage and the statutory
   * categories. One partition per named body (its catalogs and those naming no body; or, when no
   * catalog names a body, all of them), loaded, analysed and dropped before the next.
   */
  private async byBody(duplicates: AnalysisFinding[], gaps: AnalysisFinding[], candidates: Map<string, EntryAt[]>): Promise<AnalysisFinding[]> {
    const bodies = this.parts.bodies;
    const named = [...new Set(bodies.filter(Boolean))];
    const unnamed = bodies.flatMap((b, i) => (b ? [] : [i]));
    const partitions = named.length ? named.map((b) => ({ body: b, ids: bodies.flatMap((x, i) => (x === b || !x ? [i] : [])) })) : [{ body: "", ids: unnamed }];
    const statutoryBodies = this.on("gap") ? this.parts.disclosureBodies() : [];
    const statutory: AnalysisFinding[][] = statutoryBodies.map(() => []);
    const statutoryDone = new Set<number>();
    const needNear = this.on("duplicate");
    for (let p = 0; p < partitions.length; p++) {
      const { body, ids } = partitions[p]!;
      const inPartition = new Set(ids);
      const bodyCandidates = candidates.get(body) ?? [];
      const statutoryHere = statutoryBodies.flatMap((sb, i) => (!statutoryDone.has(i) && sb.every((c) => inPartition.has(c)) ? [i] : []));
      if (!needNear && !bodyCandidates.length && !statutoryHere.length) continue;
      this.step(`按单位分析 ${p + 1}/${partitions.length}${body ? `（${body}）` : ""}`);
      const loaded = await this.loadCatalogs(ids);
      const found: AnalysisFinding[] = [];
      if (needNear) found.push(...this.parts.nearDuplicates(loaded, (b) => b === body || (p === 0 && b === "")));
      duplicates.push(...found);
      if (bodyCandidates.length) {
        const uncovered = this.parts.uncovered(bodyCandidates, loaded.filter(([c]) => isDisclosure(this.catalogs[c]!)));
        gaps.push(...uncovered);
        found.push(...uncovered);
      }
      for (const i of statutoryHere) {
        const sb = new Set(statutoryBodies[i]);
        statutory[i] = this.parts.statutoryGaps(statutoryBodies[i]!, loaded.filter(([c]) => sb.has(c)));
        statutoryDone.add(i);
      }
      this.unload(found);
    }
    // Powers and services of catalogs that name no body, when others do: checked against every
    // disclosure catalog (the in-process rule), so all of those are loaded at once.
    const orphans = named.length ? candidates.get("") ?? [] : [];
    if (orphans.length) {
      this.step("未注明单位的清单");
      const sources = await this.loadCatalogs(this.catalogs.flatMap((c, i) => (isDisclosure(c) ? [i] : [])));
      const uncovered = this.parts.uncovered(orphans, sources);
      gaps.push(...uncovered);
      this.unload(uncovered);
    }
    return statutory.flat();
  }
}

function isDisclosure(c: Catalog): boolean {
  return c.kind === "standard" || c.kind === "supplementary";
}

function byFirstEntry(x: AnalysisFinding, y: AnalysisFinding): number {
  const a = x.entries[0]!;
  const b = y.entries[0]!;
  return a.catalog - b.catalog || a.index - b.index || (x.entries[1]?.catalog ?? 0) - (y.entries[1]?.catalog ?? 0) || (x.entries[1]?.index ?? 0) - (y.entries[1]?.index ?? 0);
}

function sortByFirstEntry(findings: AnalysisFinding[]): AnalysisFinding[] {
  return findings.sort(byFirstEntry);
}
