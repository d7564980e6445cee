import { cpSync } from "node:fs";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/duckdb.ts", "src/body-worker.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  external: ["@duckdb/node-api"],
  shims: true,
  // The SQL of the DuckDB engine ships as plain files (dist/sql), for data teams to run elsewhere too.
  onSuccess: async () => {
    cpSync("src/sql", "dist/sql", { recursive: true });
  },
});
