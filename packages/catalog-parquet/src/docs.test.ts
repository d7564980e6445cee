import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateParquetDoc, PARQUET_DOC_PATH } from "../../../scripts/generate/parquet-doc.js";
import { ROOT } from "../../../scripts/generate/schemas.js";
import { SQL_DIR } from "./engine.js";
import { TABLES } from "./layout.js";

describe("docs/parquet.md", () => {
  it("documents every column as the layout defines it (npm run generate)", () => {
    const onDisk = readFileSync(join(ROOT, PARQUET_DOC_PATH), "utf8");
    expect(onDisk, `${PARQUET_DOC_PATH} drifted from packages/catalog-parquet/src/layout.ts: run npm run generate`).toBe(generateParquetDoc(onDisk));
    for (const columns of Object.values(TABLES)) for (const c of columns) expect(onDisk).toContain(`| \`${c.name}\` |`);
  });

  const sqlFiles = readdirSync(SQL_DIR).filter((f) => f.endsWith(".sql"));

  it("documents the SQL files the engine runs", () => {
    const onDisk = readFileSync(join(ROOT, PARQUET_DOC_PATH), "utf8");
    expect(sqlFiles.length).toBeGreaterThanOrEqual(8);
    for (const f of sqlFiles) expect(onDisk).toContain(f);
  });

  it("SQL files read only the documented tables, the tables the SQL files create, and their own WITH queries", () => {
    const texts = sqlFiles.map((f) => readFileSync(join(SQL_DIR, f), "utf8")
        .split("\n")
        .map((line) => (line.includes("--") ? line.slice(0, line.indexOf("--")) : line))
        .join("\n"),
    );
    const created = new Set(texts.flatMap((t) => [...t.matchAll(/CREATE OR REPLACE TEMPORARY TABLE (\w+)/gu)].map((m) => m[1]!)));
    texts.forEach((t, i) => {
      const own = new Set([...t.matchAll(/\b(\w+) AS \(/gu)].map((m) => m[1]!));
      for (const [, table] of t.matchAll(/\b(?:FROM|JOIN)\s+(\w+)/gu)) {
        expect(["catalogs", "entries", "UNNEST"].includes(table!) || created.has(table!) || own.has(table!), `${sqlFiles[i]} reads ${table}`).toBe(true);
      }
      // Columns read through an alias of a documented table are documented columns of that table.
      for (const [, table, alias] of t.matchAll(/\b(?:FROM|JOIN)\s+(catalogs|entries)\s+(\w+)/gu)) {
        const names = new Set(TABLES[table as "catalogs" | "entries"].map((c) => c.name));
        for (const [, column] of t.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, "gu"))) expect(names.has(column!), `${sqlFiles[i]} reads ${table}.${column}`).toBe(true);
      }
    });
  });
});
