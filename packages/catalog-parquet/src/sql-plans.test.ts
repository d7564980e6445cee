import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sqlStatements } from "./engine.js";
import { loadDuckDB } from "./duckdb-load.js";
import { writeTables } from "./test-support.js";
import { generateCatalogs } from "../../../scripts/catalog-generator.js";

// The keyed SQL must stay close to linear in the province: every join an equality (hash) join,
// never a nested-loop join, which compares every row with every other. A LEFT JOIN whose ON had a
// condition on one side only (`AND l.code_key <> ''`) made DuckDB plan levels-2-merge.sql as two
// blockwise nested-loop joins: 12 s per pass at 1M entries, ~100 times that at 10M. Checked on
// DuckDB's physical plan of every statement, in the order the engine runs them.

const FILES = [
  "bodies-1-edges.sql",
  "bodies-2-merge.sql",
  "duplicates-exact.sql",
  "gaps-keyed.sql",
  "conflicts.sql",
  "levels-1-nodes.sql",
  "levels-2-merge.sql",
  "levels-3-mismatches.sql",
];

describe("the keyed SQL's plans", () => {
  it("join by hash, never by nested loops", async () => {
    const dir = await writeTables([...generateCatalogs({ entries: 3000, catalogs: 20, seed: 5 })]);
    const { DuckDBInstance } = await loadDuckDB();
    const db = await DuckDBInstance.create(":memory:", { threads: "1" });
    const c = await db.connect();
    try {
      for (const t of ["catalogs", "entries"]) await c.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${join(dir, `${t}.parquet`)}')`);
      const operators = new Set<string>();
      for (const file of FILES) {
        for (const statement of sqlStatements(file)) {
          const plan = (await c.runAndReadAll(`EXPLAIN ${statement}`)).getRowObjectsJS().map((r) => String(r["explain_value"])).join("\n");
          for (const [op] of plan.matchAll(/\b[A-Z]+(?:_[A-Z]+)*_JOIN\b|\bCROSS_PRODUCT\b/gu)) operators.add(op);
          expect(plan, `${file}: ${statement.slice(0, 80)}`).not.toMatch(/NESTED_LOOP|BLOCKWISE_NL|CROSS_PRODUCT|PIECEWISE_MERGE|IE_JOIN/u);
          await c.run(statement);
        }
      }
      expect(operators).toContain("HASH_JOIN");
    } finally {
      c.closeSync();
    }
  });
});
