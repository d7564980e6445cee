import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@zwgk/catalog-schemas": src("catalog-schemas"),
      "@zwgk/catalog-core": src("catalog-core"),
      "@zwgk/catalog-xlsx": src("catalog-xlsx"),
      "@zwgk/catalog-diff": src("catalog-diff"),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
