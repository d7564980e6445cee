/**
 * @zwgk/catalog-parquet — 政务公开目录 catalogs as three Parquet tables with a documented, stable
 * layout (`catalogs`, `entries`, `findings`; see docs/parquet.md), for data platforms and for the
 * SQL engine of the cross-catalog analysis (`@zwgk/catalog-parquet/duckdb`, Node only).
 * Browser-safe: bytes out, no file access.
 * @packageDocumentation
 */
export type { Column, ColumnType, TableName } from "./layout.js";
export { CATALOG_COLUMNS, catalogFromRow, ENTRY_COLUMNS, ENTRY_KEY_COLUMNS, entryFromRow, FINDING_COLUMNS, LAYOUT_VERSION, TABLES } from "./layout.js";
export type { ByteSink, CatalogKeys, CatalogOfPart, CatalogTableWriterOptions, EncodedChunk, EncodedGroup, TableSinks, TableWriterOptions } from "./writer.js";
export { CatalogPartEncoder, CatalogTableWriter, ENTRY_PART_COLUMNS, EntryColumnEncoder } from "./writer.js";
