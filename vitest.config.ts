import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run against the sources: each @zwgk/* import resolves to its package's entry file.
const entry = (file: string) => fileURLToPath(new URL(`./packages/${file}`, import.meta.url));
const ENTRIES: Record<string, string> = {
  "@zwgk/catalog-schemas": "catalog-schemas/src/index.ts",
  "@zwgk/catalog-core": "catalog-core/src/index.ts",
  "@zwgk/catalog-xlsx": "catalog-xlsx/src/index.ts",
  "@zwgk/catalog-xlsx/node": "catalog-xlsx/src/node.ts",
  "@zwgk/catalog-diff": "catalog-diff/src/index.ts",
  "@zwgk/catalog-derive": "catalog-derive/src/index.ts",
  "@zwgk/catalog-parquet": "catalog-parquet/src/index.ts",
  "@zwgk/catalog-parquet/duckdb": "catalog-parquet/src/duckdb.ts",
  "@zwgk/catalog-cli": "catalog-cli/src/index.ts",
};

export default defineConfig({
  resolve: {
    alias: Object.entries(ENTRIES).map(([name, file]) => ({
      find: new RegExp(`^${name.replace(/[/-]/g, "\\$&")}$`),
      replacement: entry(file),
    })),
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
