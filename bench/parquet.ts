// Province scale: a generated province (scripts/catalog-generator.ts: bodies × five catalogs, with
// planted duplicates, gaps, conflicts and level mismatches) as JSON catalog files, then, each step in
// its own process (so peak memory is the step's own):
//   read          every catalog file read as zwgk reads it — the baseline of export;
//   export        zwgk export --format parquet (with the validate findings, and without);
//   check         the in-process zwgk check (skipped above ZWGK_BENCH_INPROCESS_MAX entries);
//   check-duckdb  zwgk check --engine duckdb on the export folder;
// and whether each planted problem is in the findings.
//
// Scale: ZWGK_BENCH_PARQUET_ENTRIES (default 50,000) and ZWGK_BENCH_PARQUET_CATALOGS (default 50);
// the issue's target is ZWGK_BENCH_PARQUET_ENTRIES=10000000 ZWGK_BENCH_PARQUET_CATALOGS=3000.
// Run alone: nice npx tsx --tsconfig tsconfig.json bench/parquet.ts
// At 10M the generate + export takes a quarter of an hour: ZWGK_BENCH_KEEP=1 keeps the work folder
// (its path is printed on stderr), ZWGK_BENCH_STOP=export stops after the export, and
// ZWGK_BENCH_REUSE=<kept work folder> runs only the checks on it (planted problems from its
// catalogs.planted.json). ZWGK_BENCH_TIME_V=1 runs each step under /usr/bin/time -v too.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { plantedMissing, writeGenerated, type FoundFinding, type Planted } from "../scripts/catalog-generator.ts";

interface StepResult {
  step: string;
  ms: number;
  cpuMs: number;
  peakMiB: number;
  result: Record<string, unknown>;
}

const STEP = new URL("./parquet-step.ts", import.meta.url).pathname;
const ROOT = new URL("..", import.meta.url).pathname;

function step(args: string[], env: Record<string, string> = {}, heapMiB = 4096): StepResult {
  // ZWGK_BENCH_TIME_V=1: each step under /usr/bin/time -v as well (its report on stderr).
  const node = [process.execPath, `--max-old-space-size=${heapMiB}`, "--import", "tsx", STEP, ...args];
  const [cmd, ...argv] = process.env["ZWGK_BENCH_TIME_V"] ? ["/usr/bin/time", "-v", ...node] : node;
  const out = execFileSync(cmd!, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 1 << 26,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").pop()!) as StepResult;
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

const fmt = (n: number) => n.toLocaleString("en-US");
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The findings of a check --format json report as (rule, catalog index, entry index), catalogs numbered by file order. */
function foundFindings(reportFile: string, files: readonly string[]): FoundFinding[] {
  interface Place {
    file?: string;
    path?: string;
  }
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as { issues?: Array<{ rule: string; file?: string; location: Place; related?: Place[] }> };
  const index = new Map(files.map((f, i) => [f, i]));
  const at = (file: string | undefined, l: Place) => ({ catalog: index.get(l.file ?? file ?? "") ?? -1, index: Number(/^\/entries\/(\d+)$/.exec(l.path ?? "")?.[1] ?? -1) });
  return (report.issues ?? []).map((f) => ({ rule: f.rule, entries: [at(f.file, f.location), ...(f.related ?? []).map((r) => at(f.file, r))] }));
}

/** What writeGenerated returned, for a kept work folder: the planted problems written beside the catalogs. */
function keptGenerated(dir: string): { planted: Planted; entries: number } {
  const planted = JSON.parse(readFileSync(`${dir}.planted.json`, "utf8")) as Planted;
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .reduce((n, f) => n + (JSON.parse(readFileSync(join(dir, f), "utf8")) as { entries: unknown[] }).entries.length, 0);
  return { planted, entries };
}

export async function benchParquet(): Promise<string> {
  const entries = Number(process.env["ZWGK_BENCH_PARQUET_ENTRIES"] ?? 50_000);
  const catalogs = Number(process.env["ZWGK_BENCH_PARQUET_CATALOGS"] ?? 50);
  const inProcessMax = Number(process.env["ZWGK_BENCH_INPROCESS_MAX"] ?? 2_000_000);
  const reuse = process.env["ZWGK_BENCH_REUSE"];
  const work = reuse ?? mkdtempSync(join(process.env["ZWGK_BENCH_DIR"] ?? tmpdir(), "zwgk-bench-parquet-"));
  const dir = join(work, "catalogs");
  const out = join(work, "tables");
  if (process.env["ZWGK_BENCH_KEEP"]) process.stderr.write(`bench work folder: ${work}\n`);
  try {
    const load = loadavg().map((x) => x.toFixed(1)).join(" / ");
    const g0 = performance.now();
    const generated = reuse ? keptGenerated(dir) : writeGenerated(dir, { entries, catalogs, seed: 1 });
    const generateMs = performance.now() - g0;
    const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => join(dir, f));
    const read = reuse ? undefined : step(["read", dir]);
    const skip = new Set((process.env["ZWGK_BENCH_SKIP"] ?? "").split(","));
    const exportNoFindings = reuse || skip.has("export-no-findings") ? undefined : step(["export", dir, out], { BENCH_NO_FINDINGS: "1" });
    const exported = reuse ? undefined : step(["export", dir, out]);
    if (process.env["ZWGK_BENCH_STOP"] === "export") return JSON.stringify({ work, generateMs, read, exportNoFindings, exported });
    const duck = step(["check-duckdb", out, join(work, "duck.json")]);
    const node = generated.entries <= inProcessMax ? step(["check", dir, join(work, "node.json")], {}, 16_384) : undefined;
    const sameReport = node ? readFileSync(join(work, "duck.json"), "utf8") === readFileSync(join(work, "node.json"), "utf8") : undefined;
    const missing = plantedMissing(generated.planted, foundFindings(join(work, "duck.json"), files));
    const findings = (JSON.parse(readFileSync(join(work, "duck.json"), "utf8")) as { issues?: unknown[] }).issues?.length ?? 0;

    const row = (label: string, r: StepResult | undefined, base?: StepResult, note = "") =>
      r ? `| ${label} | ${s(r.ms)} | ${s(r.cpuMs)} | ${base ? `${(r.cpuMs / base.cpuMs).toFixed(2)}×` : r === read ? "1.00×" : "—"} | ${fmt(r.peakMiB)} | ${note} |` : `| ${label} | not run (ZWGK_BENCH_REUSE) | | | | |`;
    const lines = [
      `### Province scale: ${fmt(generated.entries)} entries in ${fmt(files.length)} catalogs (${fmt(files.length / 5)} bodies)`,
      "",
      `Generated JSON catalogs: ${(dirBytes(dir) / 2 ** 20).toFixed(0)} MiB in ${s(generateMs)}; Parquet tables: ${(dirBytes(out) / 2 ** 20).toFixed(0)} MiB. ` +
        `${cpus().length} cores (${cpus()[0]?.model ?? "cpu"}), load average at start ${load} (the machine is shared: wall time includes others' work; ratios use CPU time, which is this process's, including DuckDB's threads).`,
      "",
      "| step | wall | CPU | × read (CPU) | peak RSS MiB | notes |",
      "|---|---:|---:|---:|---:|---|",
      row("read every catalog (baseline)", read, undefined, `${fmt(generated.entries)} entries`),
      ...(exportNoFindings ? [row("export --format parquet --no-findings", exportNoFindings, read)] : []),
      row("export --format parquet (with validate findings)", exported, read, "target ≤ 3× read"),
      row("check --engine duckdb (on the export)", duck, read, `${fmt(findings)} findings; target < 10 min, ≤ 4 GB`),
      node ? row("check (in-process, from the JSON files)", node, read, `same report as DuckDB: ${sameReport ? "yes" : "NO"}`) : `| check (in-process) | not run above ${fmt(inProcessMax)} entries | | | | |`,
      "",
      "Planted problems found by `check --engine duckdb`:",
      "",
      "| planted | count | missing |",
      "|---|---:|---:|",
      ...Object.entries(missing).map(([kind, m]) => `| ${kind} | ${fmt(m.planted)} | ${m.missing.length} |`),
      // Which ones (catalog index, entry index), when few: to look them up.
      ...Object.entries(missing)
        .filter(([, m]) => m.missing.length && m.missing.length <= 20)
        .map(([kind, m]) => `\nMissing ${kind}: ${JSON.stringify(m.missing)}`),
    ];
    return lines.join("\n");
  } finally {
    if (!process.env["ZWGK_BENCH_KEEP"]) rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(await benchParquet());
