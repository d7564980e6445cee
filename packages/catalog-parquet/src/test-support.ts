// Test helpers: the sample workbooks as catalogs, Parquet tables written to a temporary folder, and
// DuckDB (the independent reader) over them.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import { readCatalogs } from "@zwgk/catalog-xlsx";
import { nodeInflate } from "@zwgk/catalog-xlsx/node";
import { samplePath } from "../../../test/support/samples.js";
import { CatalogTableWriter } from "./writer.js";
import type { Finding } from "@zwgk/catalog-core";
import { loadDuckDB } from "./duckdb-load.js";

export const SAMPLE_FILES = ["社会救助-标准目录.xlsx", "户籍管理-标准目录.xlsx", "主动公开目录-发展改革局.xlsx", "权责清单-交通运输.xlsx", "政务服务事项-广安区.xlsx"];

/** The catalogs of the sample workbooks, as `zwgk` reads them. */
export async function sampleCatalogs(files = SAMPLE_FILES): Promise<Catalog[]> {
  const out: Catalog[] = [];
  for (const f of files) out.push(...(await readCatalogs(readFileSync(samplePath(f)), { file: f, inflate: nodeInflate })));
  return out;
}

/** Writes catalogs (and per-catalog findings) as the three tables into a new temporary folder. */
export async function writeTables(catalogs: readonly Catalog[], findings: ReadonlyArray<readonly Finding[]> = [], rowGroupSize?: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "zwgk-parquet-"));
  const chunks: Record<string, Uint8Array[]> = { catalogs: [], entries: [], findings: [] };
  const w = new CatalogTableWriter(
    { catalogs: (b) => void chunks.catalogs!.push(b), entries: (b) => void chunks.entries!.push(b), findings: (b) => void chunks.findings!.push(b) },
    rowGroupSize ? { rowGroupSize } : {},
  );
  for (let i = 0; i < catalogs.length; i++) await w.addCatalog(catalogs[i]!, findings[i] ?? []);
  await w.finish();
  for (const [table, parts] of Object.entries(chunks)) writeFileSync(join(dir, `${table}.parquet`), Buffer.concat(parts));
  return dir;
}

/** Rows of a query, as plain JS values (DuckDB's own conversion). */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = await loadDuckDB();
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
  }
}
