import { join } from "node:path";
import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import { builtinRules, validateCatalog, type Finding } from "@zwgk/catalog-core";
import { catalogMatchKeys } from "@zwgk/catalog-diff";
import { describe, expect, it } from "vitest";
import { CATALOG_COLUMNS, ENTRY_COLUMNS, entrySource, FINDING_COLUMNS, type Column } from "./layout.js";
import { query, writeTables } from "./test-support.js";
import { generateCatalogs } from "../../../scripts/catalog-generator.js";

// Every cell of the three tables, read back by DuckDB (an independent reader), equals the value the
// layout gives for it — for a generated province (every catalog kind, planted duplicates, conflicts,
// validation findings) written in several row groups. The writer may encode the cells however it
// likes (dictionaries, pages, row groups, compression); this pins that what a reader gets back does
// not change.

/** A cell as DuckDB gives it back: INT32 → number, LIST<STRING> → array, JSON/STRING → string, null. */
function expectedCell<R>(c: Column<R>, source: R): unknown {
  const v = c.get(source);
  if (v === null || v === undefined) return null;
  if (c.type === "LIST<STRING>") return [...(v as string[])];
  return v;
}

function expectedRows<R>(columns: ReadonlyArray<Column<R>>, sources: readonly R[]): Record<string, unknown>[] {
  return sources.map((s) => Object.fromEntries(columns.map((c) => [c.name, expectedCell(c, s)])));
}

describe("a generated province, exported and read back by DuckDB", async () => {
  const catalogs: Catalog[] = [...generateCatalogs({ entries: 6000, catalogs: 15, seed: 7 })];
  const findings: Finding[][] = catalogs.map((c) => validateCatalog(c, { rules: builtinRules }));
  // Small row groups: the tables span many row groups, and row groups span catalogs.
  const dir = await writeTables(catalogs, findings, 700);
  const t = (name: string) => `'${join(dir, `${name}.parquet`)}'`;

  it("has the generated catalogs of every kind, with validation findings", () => {
    expect(new Set(catalogs.map((c) => c.kind))).toEqual(new Set(["standard", "supplementary", "power", "service"]));
    expect(findings.flat().length).toBeGreaterThan(100);
  });

  it("gives back every cell of entries", async () => {
    const sources = catalogs.flatMap((c, ci) => (c.entries as Entry[]).map((e, i) => entrySource(ci, i, c.kind, e)));
    const rows = await query(`SELECT * FROM ${t("entries")} ORDER BY catalog_id, position`);
    expect(rows.length).toBe(sources.length);
    expect(rows).toEqual(expectedRows(ENTRY_COLUMNS, sources));
  });

  it("gives back every cell of catalogs", async () => {
    const sources = catalogs.map((catalog, catalogId) => ({ catalogId, catalog, keys: catalogMatchKeys(catalog) }));
    const rows = await query(`SELECT * FROM ${t("catalogs")} ORDER BY catalog_id`);
    expect(rows).toEqual(expectedRows(CATALOG_COLUMNS, sources));
  });

  it("gives back every cell of findings", async () => {
    const sources = findings.flatMap((fs, catalogId) => fs.map((finding) => ({ catalogId, origin: "validate" as const, finding })));
    const rows = await query(`SELECT * FROM ${t("findings")}`);
    // The table has no order within a catalog: compare as sorted lists.
    const sorted = (rs: Record<string, unknown>[]) => rs.map((r) => JSON.stringify(r)).sort();
    expect(sorted(rows)).toEqual(sorted(expectedRows(FINDING_COLUMNS, sources)));
  });
});
