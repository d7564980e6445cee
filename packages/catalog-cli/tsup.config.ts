import { cpSync } from "node:fs";
import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  entry: {
    index: "src/index.ts",
    cli: "src/cli.ts",
    // export-worker: the second thread of `zwgk export`, started from the built files beside it.
    "export-worker": "src/export-worker.ts",
    // body-worker: a thread of `check --engine duckdb`, which the bundled engine starts from beside it.
    "body-worker": "../catalog-parquet/dist/body-worker.js",
  },
  format: ["esm"],
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  target: "node20",
  define: { __ZWGK_VERSION__: JSON.stringify(version) },
  // One bundle, split per command: Node resolves and compiles one file per chunk instead of ~200
  // modules (zod, yaml and fast-xml-parser alone are ~150), which took 70 ms of every run.
  noExternal: [/^@zwgk\//, "zod"],
  // exceljs (loaded only by the writers) and DuckDB's native binding stay packages of their own.
  external: ["exceljs", "@duckdb/node-api"],
  // yaml's Node build is CommonJS and requires Node's modules; an ESM bundle needs a `require` for it.
  banner: { js: 'import { createRequire as __zwgkRequire } from "node:module"; const require = __zwgkRequire(import.meta.url);' },
  // The DuckDB engine reads its SQL from beside the module that runs it.
  onSuccess: async () => {
    cpSync("../catalog-parquet/dist/sql", "dist/sql", { recursive: true });
  },
});
