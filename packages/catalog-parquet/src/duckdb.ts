/**
 * @zwgk/catalog-parquet/duckdb — the cross-catalog analysis on DuckDB over the Parquet tables: 三级四同
 * as SQL, the per-body checks by the library one body at a time (Node only; `@duckdb/node-api` is an
 * optional dependency, loaded when first used).
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
