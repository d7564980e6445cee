import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  // export-worker: the second thread of `zwgk export`, started from the built files beside it.
  entry: ["src/index.ts", "src/cli.ts", "src/export-worker.ts"],
  format: ["esm"],
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  target: "node20",
  define: { __ZWGK_VERSION__: JSON.stringify(version) },
});
