import { cpSync } from "node:fs";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // The published package carries the schema files themselves too, for validators in other languages.
  onSuccess: async () => {
    cpSync("../../schemas", "dist/schemas", { recursive: true });
  },
});
