import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateParquetDoc, PARQUET_DOC_PATH } from "../../../scripts/generate/parquet-doc.js";
import { ROOT } from "../../../scripts/generate/schemas.js";
import { TABLES } from "./layout.js";

describe("docs/parquet.md", () => {
  it("documents every column as the layout defines it (npm run generate)", () => {
    const onDisk = readFileSync(join(ROOT, PARQUET_DOC_PATH), "utf8");
    expect(onDisk, `${PARQUET_DOC_PATH} drifted from packages/catalog-parquet/src/layout.ts: run npm run generate`).toBe(generateParquetDoc(onDisk));
    for (const columns of Object.values(TABLES)) for (const c of columns) expect(onDisk).toContain(`| \`${c.name}\` |`);
  });

  it("documents the SQL files the engine runs", () => {
    const onDisk = readFileSync(join(ROOT, PARQUET_DOC_PATH), "utf8");
    for (const f of ["levels-1-nodes.sql", "levels-2-merge.sql", "levels-3-mismatches.sql"]) expect(onDisk).toContain(f);
  });
});
