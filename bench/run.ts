// `npm run bench`: every benchmark, each reported as ratios against a baseline measured in the same
// run (the machines are noisy; absolute times are for context only). Writes bench/RESULTS.md too.
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { benchCheck } from "./check.ts";
import { benchCli } from "./cli.ts";
import { benchDiff } from "./diff.ts";
import { benchParquet } from "./parquet.ts";
import { benchValidate } from "./validate.ts";
import { benchWeb } from "./web.ts";
import { benchXlsxImport } from "./xlsx-import.ts";
import { benchXlsxReader } from "./xlsx-reader.ts";
import { benchThreadTransfer } from "./thread-transfer.ts";
import { benchYamlRead } from "./yaml-read.ts";

const only = process.argv.slice(2);
const suites: Array<[string, () => Promise<string>]> = [
  ["validate", () => benchValidate()],
  ["xlsx-reader", benchXlsxReader],
  ["xlsx-import", benchXlsxImport],
  ["diff", benchDiff],
  // Province scale (Parquet export, check --engine duckdb): 50k entries by default; see bench/parquet.ts for the 10M run.
  ["parquet", benchParquet],
  ["web", benchWeb],
  ["cli", benchCli],
  // Why validate big.xlsx stays on one thread: the cost of handing its rows to another.
  ["thread-transfer", benchThreadTransfer],
  // Reading the 10k- and 100k-entry catalog as YAML, against JSON.parse and the JSON reader.
  ["yaml-read", benchYamlRead],
  // zwgk check on 10 catalogs, 1M entries (about 0.4 GB of generated JSON under .bench-tmp/).
  ["check", benchCheck],
];

const sections = [
  `# zwgk benchmarks`,
  "",
  `${new Date().toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? "cpu"} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
];
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  console.error(`bench: ${name} …`);
  const section = await run();
  console.log(`\n${section}\n`);
  sections.push("", section);
}
if (!only.length) writeFileSync(new URL("./RESULTS.md", import.meta.url), `${sections.join("\n")}\n`);
