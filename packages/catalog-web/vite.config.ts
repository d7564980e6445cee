import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The libraries are bundled from their sources (as vitest runs them), so the page needs no prior build
// of the packages and tree-shakes them as one program.
const source = (dir: string) => fileURLToPath(new URL(`../${dir}/src/index.ts`, import.meta.url));
const alias = ["catalog-schemas", "catalog-core", "catalog-xlsx", "catalog-diff", "catalog-derive"].map((dir) => ({
  find: new RegExp(`^@zwgk/${dir}$`),
  replacement: source(dir),
}));

// The tool version reports carry is the CLI's (`zwgk --version`): one source, read here and by tsup.
const { version } = JSON.parse(readFileSync(new URL("../catalog-cli/package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  // Relative asset URLs: the folder works from any static server and under any sub-path.
  base: "./",
  resolve: { alias },
  define: { __ZWGK_VERSION__: JSON.stringify(version) },
  worker: { format: "es" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // exceljs (for the downloads) is large; it is loaded by the worker only.
    chunkSizeWarningLimit: 2000,
    // exceljs makes the worker transform slow enough for a timing notice on every build; not actionable.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});
