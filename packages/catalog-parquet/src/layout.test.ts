import { join } from "node:path";
import type { Entry } from "@zwgk/catalog-schemas";
import { validateCatalog, builtinRules } from "@zwgk/catalog-core";
import { describe, expect, it } from "vitest";
import { CATALOG_COLUMNS, catalogFromRow, ENTRY_COLUMNS, entryFromRow, FINDING_COLUMNS } from "./layout.js";
import { query, sampleCatalogs, writeTables } from "./test-support.js";

// The files are read back by DuckDB, an independent Parquet reader: every entry and catalog header
// comes back as written (the layout is lossless), and the derived columns hold what the docs say.
describe("Parquet export of the sample workbooks, read back by DuckDB", async () => {
  const catalogs = await sampleCatalogs();
  const findings = catalogs.map((c) => validateCatalog(c, { rules: builtinRules }));
  // Small row groups, so that files of several row groups are read back too.
  const dir = await writeTables(catalogs, findings, 100);
  const t = (name: string) => `'${join(dir, `${name}.parquet`)}'`;

  it("has the documented columns with the documented types and nullability", async () => {
    for (const [table, columns] of [["catalogs", CATALOG_COLUMNS], ["entries", ENTRY_COLUMNS], ["findings", FINDING_COLUMNS]] as const) {
      const described = await query(`DESCRIBE SELECT * FROM ${t(table)}`);
      const expected = columns.map((c) => ({ name: c.name, type: { STRING: "VARCHAR", JSON: "VARCHAR", INT32: "INTEGER", "LIST<STRING>": "VARCHAR[]" }[c.type] }));
      expect(described.map((d) => ({ name: d["column_name"], type: d["column_type"] }))).toEqual(expected);
      for (const c of columns.filter((c) => !c.nullable)) {
        const [row] = await query(`SELECT count(*) AS n FROM ${t(table)} WHERE "${c.name}" IS NULL`);
        expect(Number(row!["n"]), `${table}.${c.name}`).toBe(0);
      }
    }
  });

  it("gives back every entry as read, field for field", async () => {
    const rows = await query(`SELECT * FROM ${t("entries")} ORDER BY catalog_id, position`);
    expect(rows.length).toBe(catalogs.reduce((n, c) => n + c.entries.length, 0));
    let i = 0;
    catalogs.forEach((c, ci) =>
      (c.entries as Entry[]).forEach((e, position) => {
        const row = rows[i++]!;
        expect([row["catalog_id"], row["position"], row["kind"]]).toEqual([ci, position, c.kind]);
        expect(entryFromRow(row)).toEqual(JSON.parse(JSON.stringify(e)));
      }),
    );
  });

  it("gives back every catalog header", async () => {
    const rows = await query(`SELECT * FROM ${t("catalogs")} ORDER BY catalog_id`);
    expect(rows.map(catalogFromRow)).toEqual(catalogs.map((c) => JSON.parse(JSON.stringify({ ...c, entries: [] }))));
    expect(rows.map((r) => r["entry_count"])).toEqual(catalogs.map((c) => c.entries.length));
  });

  it("stores the matching key the analysis groups by", async () => {
    const rows = await query(`SELECT display_name, path_key, flat_key, level_keys FROM ${t("entries")} WHERE display_name = '最低生活保障 / 审批'`);
    // Levels normalised (NFKC, no punctuation) and joined with U+0001.
    expect(rows[0]).toEqual({ display_name: "最低生活保障 / 审批", path_key: "最低生活保障\u0001审批", flat_key: "最低生活保障审批", level_keys: ["最低生活保障", "审批"] });
    const [codes] = await query(`SELECT count(*) FILTER (WHERE code_key <> '') AS n FROM ${t("entries")} WHERE kind = 'service'`);
    expect(Number(codes!["n"])).toBe(600);
  });

  it("keeps the validation findings with their locations", async () => {
    const rows = await query(`SELECT catalog_id, rule, severity, sheet, row, cell, related FROM ${t("findings")} ORDER BY catalog_id`);
    expect(rows.length).toBe(findings.flat().length);
    const first = findings.findIndex((f) => f.length);
    const f = findings[first]![0]!;
    // SQL gives no order within a catalog unless asked: look the finding up by its location.
    const expected = { catalog_id: first, rule: f.rule, severity: f.severity, sheet: f.location.sheet ?? null, row: f.location.row ?? null, cell: f.location.cell ?? null };
    expect(rows).toContainEqual(expect.objectContaining(expected));
  });
});
