/**
 * @zwgk/catalog-parquet/duckdb — the cross-catalog analysis on DuckDB over the Parquet tables: the
 * keyed checks (bodies, exact duplicates, conflicts, keyed gap coverage, 三级四同) as SQL, near
 * duplicates and the similarity part of coverage by the library one body at a time (Node only;
 * `@duckdb/node-api` is an optional dependency, loaded when first used).
 *
 * @example
 * ```ts
 * import { analyzeParquet } from "@zwgk/catalog-parquet/duckdb";
 * const { findings } = await analyzeParquet("导出/");
 * ```
 * @packageDocumentation
 */
export type { ParquetAnalysis, ParquetAnalyzeOptions } from "./engine.js";
export { analyzeParquet, ParquetLayoutError, SQL_DIR, sqlStatements } from "./engine.js";
export { DuckDBUnavailableError, loadDuckDB } from "./duckdb-load.js";
