// Reading a YAML catalog (issue 16): `readCatalogText` on the 10,000- and 100,000-entry 标准目录 as
// the YAML `zwgk convert` writes, each run its own process under /usr/bin/time (CPU, wall, peak RSS),
// against baselines measured in the same run and interleaved with it: JSON.parse of the same catalog
// as JSON, and `readCatalogText` of that JSON. With ZWGK_BENCH_CORE_BEFORE=path/to/catalog-core/dist
// (a copy of an earlier build inside the repository, so it resolves its dependencies), that build is
// measured too, for before/after. `zwgk validate` of the .yaml, .json and .xlsx (the CLI of this
// build) gives the whole-command figures.
// Run: npx tsx bench/yaml-read.ts   (ZWGK_BENCH_ROUNDS=n rounds, default 3; ZWGK_BENCH_SIZES=10000,100000)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CLI, measure, type Measure } from "./cli.ts";
import { jsonFixture, ROOT, TMP, xlsxFixture } from "./fixtures.ts";

const ROUNDS = Math.max(1, Number(process.env.ZWGK_BENCH_ROUNDS ?? 3));
const SIZES = (process.env.ZWGK_BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const AFTER = pathToFileURL(join(ROOT, "packages/catalog-core/dist/index.js")).href;
const BEFORE = process.env.ZWGK_BENCH_CORE_BEFORE ? pathToFileURL(resolve(process.env.ZWGK_BENCH_CORE_BEFORE, "index.js")).href : undefined;
const ROOM = "maxBytes=268435456";

const PARSE = `import { readFileSync } from "node:fs"; JSON.parse(readFileSync(process.argv[1], "utf8"));`;
// The bytes go in as the CLI passes them; the entry count is checked so that a refusal is not timed as a read.
const READ = (core: string) =>
  `import { readFileSync } from "node:fs"; import { readCatalogText } from ${JSON.stringify(core)};
   const r = readCatalogText(readFileSync(process.argv[1]), { file: process.argv[1], limits: { maxBytes: 268435456 } });
   if (!r.ok) { console.error(r.error.message); process.exit(3); }
   console.error("ENTRIES " + r.catalog.entries.length);`;

const node = (script: string, file: string) => measure([process.execPath, "--input-type=module", "-e", script, file]);

function yamlFixture(rows: number, json: string): string {
  const file = join(TMP, `standard-${rows}-v1.yaml`);
  if (!existsSync(file)) {
    const r = spawnSync(process.execPath, [CLI, "convert", json, "--out", file, "--limit", ROOM], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`convert to ${file} failed`);
  }
  return file;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
const f = (x: number, d = 2) => x.toFixed(d);

export async function benchYamlRead(): Promise<string> {
  const out: string[] = [];
  const loads: number[] = [];
  for (const rows of SIZES) {
    const json = await jsonFixture(rows);
    const yaml = yamlFixture(rows, json);
    const xlsx = await xlsxFixture(rows);
    const cases: Array<[string, () => Measure]> = [
      ["JSON.parse of the .json (baseline)", () => node(PARSE, json)],
      ["readCatalogText(.json)", () => node(READ(AFTER), json)],
      ...(BEFORE ? [["readCatalogText(.yaml), before", () => node(READ(BEFORE), yaml)] as [string, () => Measure]] : []),
      ["readCatalogText(.yaml), after", () => node(READ(AFTER), yaml)],
      ["zwgk validate .yaml", () => measure([process.execPath, CLI, "validate", yaml, "--limit", ROOM])],
      ["zwgk validate .json", () => measure([process.execPath, CLI, "validate", json, "--limit", ROOM])],
      ["zwgk validate .xlsx", () => measure([process.execPath, CLI, "validate", xlsx])],
    ];
    const runs = new Map<string, Measure[]>(cases.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      loads.push(loadavg()[0] as number);
      for (const [name, run] of cases) runs.get(name)?.push(run());
    }
    const base = median((runs.get(cases[0]![0]) ?? []).map((m) => m.cpu));
    out.push(`| ${rows.toLocaleString("en")} entries | CPU s (median) | × JSON.parse (CPU) | wall s (median) | peak RSS MiB (max) |`, "|---|---:|---:|---:|---:|");
    for (const [name] of cases) {
      const ms = runs.get(name) ?? [];
      const cpu = median(ms.map((m) => m.cpu));
      out.push(`| ${name} | ${f(cpu)} | ${f(cpu / base)} | ${f(median(ms.map((m) => m.wall)))} | ${f(Math.max(...ms.map((m) => m.rssMb)), 0)} |`);
    }
    out.push("");
  }
  return [
    "### Reading YAML (issue 16), `npx tsx bench/yaml-read.ts`",
    "",
    `${ROUNDS} interleaved rounds, each run its own process; load average ${f(Math.min(...loads), 1)}–${f(Math.max(...loads), 1)}.`,
    "",
    ...out,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(await benchYamlRead());
