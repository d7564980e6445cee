import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { JurisdictionLevel, Report } from "@zwgk/catalog-core";
import { analysisReport, DEFAULT_ANALYSIS_LIMITS } from "@zwgk/catalog-diff";
import type { Config } from "./config.js";
import { InputError, UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { expandInputs } from "./inputs.js";
import { pickLimits } from "./load.js";
import { exportTables } from "./tables.js";

/** Options of {@link checkWithDuckDB}. */
export interface DuckDBCheckOptions {
  config: Config;
  /** The body zwgk.config.json `bodies` gives a file, if any. */
  bodyFor?: (file: string) => Config["bodies"][string] | undefined;
  limits?: Record<string, number>;
  level?: JurisdictionLevel;
}

/** True when a path is a folder written by `zwgk export --format parquet`. */
function isExportFolder(path: string): boolean {
  return existsSync(join(path, "catalogs.parquet")) && existsSync(join(path, "entries.parquet"));
}

/**
 * `zwgk check --engine duckdb`: catalogs (files or folders) are first written as Parquet tables to a
 * temporary folder, one input at a time; an export folder is read as it is. DuckDB then runs the
 * analysis (@zwgk/catalog-parquet/duckdb) and the findings go through the same report model as the
 * in-process check.
 */
export async function checkWithDuckDB(positionals: readonly string[], io: Io, options: DuckDBCheckOptions): Promise<Report> {
  const engine = await import("@zwgk/catalog-parquet/duckdb");
  // Fail before any work when DuckDB cannot load, with a message that says what to do.
  try {
    await engine.loadDuckDB();
  } catch (e) {
    if (e instanceof engine.DuckDBUnavailableError) throw new UsageError(e.message);
    throw e;
  }
  const folders = positionals.filter((p) => isExportFolder(resolve(io.cwd, p)));
  if (folders.length && positionals.length > 1) {
    throw new UsageError("--engine duckdb 一次分析一个导出文件夹，或若干目录文件/文件夹，不能混用：请把要一起分析的目录一并导出。");
  }
  let dir = folders[0] ? resolve(io.cwd, folders[0]) : undefined;
  let tmp: string | undefined;
  try {
    if (!dir) {
      tmp = mkdtempSync(join(tmpdir(), "zwgk-check-"));
      dir = join(tmp, "tables");
      await exportTables(expandInputs(positionals, io, { recursive: true }), dir, io, {
        columns: options.config.columns,
        ...(options.limits ? { limits: options.limits } : {}),
        validate: false,
        ...(options.bodyFor ? { bodyFor: options.bodyFor } : {}),
        ...(options.config.jurisdiction ? { jurisdiction: options.config.jurisdiction } : {}),
      });
    }
    const analysis = await engine.analyzeParquet(dir, {
      ...(options.level ? { level: options.level } : {}),
      limits: pickLimits(options.limits, DEFAULT_ANALYSIS_LIMITS),
      severities: options.config.rules,
      ...(options.config.jurisdiction ? { jurisdiction: options.config.jurisdiction } : {}),
      memoryLimit: io.env["ZWGK_DUCKDB_MEMORY"] ?? "2GB",
      tempDirectory: join(tmp ?? tmpdir(), "duckdb-spill"),
    });
    const files = analysis.catalogs.map((c, i) => ({ ...c, entries: { length: analysis.entryCounts[i]! } }));
    return analysisReport(files, analysis.bodyLabels, analysis.findings, analysis.lines);
  } catch (e) {
    if (e instanceof engine.ParquetLayoutError) throw new InputError(e.message, { file: e.file, hint: "请用 zwgk export --format parquet 重新导出。" });
    throw e;
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
