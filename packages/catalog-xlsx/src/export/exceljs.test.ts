// exceljs is loaded only when a workbook is written: reading and validating never load it (it costs
// about 0.3 s of CPU on every start of `zwgk`). Counted by the modules Node loaded, not by time.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const DIST = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

const PROBE = `
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const loaded = () => Object.keys(require.cache).some((k) => k.includes("/node_modules/exceljs/"));
const xlsx = await import(process.argv[1]);
const before = loaded();
await xlsx.writeTemplate("standard");
console.log(JSON.stringify({ before, after: loaded() }));
`;

describe("exceljs is loaded on first use", () => {
  it("not by importing the package, but by the first workbook written", () => {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", PROBE, DIST], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ before: false, after: true });
  }, 60_000);
});
