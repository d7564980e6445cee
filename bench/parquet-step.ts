// One step of the Parquet/DuckDB benchmark, in its own process so that its peak memory is its own:
//   read <dir>            read every catalog file as `zwgk` does (the baseline of export)
//   export <dir> <out>    zwgk export <dir> --format parquet --out <out>
//   check <dir>           zwgk check <files> --format json (in-process engine)
//   check-duckdb <out>    zwgk check --engine duckdb <out> --format json
// Prints one JSON line on stdout: wall and CPU ms, peak RSS (MiB), and what the step produced.
import { readdirSync, writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { run } from "../packages/catalog-cli/src/main.ts";
import { loadInput } from "../packages/catalog-cli/src/load.ts";
import type { Io } from "../packages/catalog-cli/src/io.ts";

const [step, dir, out] = process.argv.slice(2);
let stdout = "";
const io: Io = {
  stdout: (t) => void (stdout += t),
  stderr: (t) => void process.stderr.write(t),
  isTTY: false,
  stderrTTY: false,
  cwd: process.cwd(),
  env: process.env,
};
const files = () =>
  readdirSync(dir!)
    .filter((f) => f.endsWith(".json") && f !== "planted.json")
    .sort()
    .map((f) => join(dir!, f));

// CPU per thread (Linux): a sampler thread reads /proc/self/task every 200 ms and keeps each thread's
// last figure, so that the main thread's CPU and the export's second thread's can be told apart
// from the process total (what a 2-core machine's wall time follows: the busier thread).
const sampler = new Worker(
  `const { readdirSync, readFileSync } = require("node:fs");
   const { parentPort } = require("node:worker_threads");
   const seen = new Map();
   const tick = () => { try { for (const t of readdirSync("/proc/self/task")) { const stat = readFileSync("/proc/self/task/" + t + "/stat", "utf8"); const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); seen.set(t, (Number(f[11]) + Number(f[12])) * 10); } } catch {} };
   const timer = setInterval(tick, 200);
   parentPort.on("message", () => { tick(); clearInterval(timer); parentPort.postMessage([...seen]); });`,
  { eval: true },
);
const threadCpu = async (): Promise<Array<[string, number]>> => {
  sampler.postMessage("end");
  const seen = await new Promise<Array<[string, number]>>((r) => sampler.once("message", r));
  await sampler.terminate();
  return seen.filter(([, ms]) => ms >= 100).sort((a, b) => b[1] - a[1]).map(([t, ms]) => [t === String(process.pid) ? "main" : t, ms]);
};

const t0 = performance.now();
const c0 = process.cpuUsage();
let result: unknown;
if (step === "read") {
  let entries = 0;
  for (const f of files()) for (const l of await loadInput(f, io)) entries += (l.catalog as { entries: unknown[] }).entries.length;
  result = { entries };
} else if (step === "export") {
  const code = await run(["export", dir!, "--format", "parquet", "--out", out!, ...(process.env["BENCH_NO_FINDINGS"] ? ["--no-findings"] : []), ...(process.env["BENCH_EXPORT_THREADS"] ? ["--threads", process.env["BENCH_EXPORT_THREADS"]] : [])], io);
  result = { code };
} else if (step === "check" || step === "check-duckdb") {
  const args = step === "check" ? ["check", ...files()] : ["check", "--engine", "duckdb", dir!];
  const code = await run([...args, "--format", "json"], io);
  // The report, for the parent to check the planted problems against.
  writeFileSync(out!, stdout);
  result = { code, bytes: stdout.length };
} else {
  throw new Error(`unknown step ${step}`);
}
const cpu = process.cpuUsage(c0);
console.log(
  JSON.stringify({
    step,
    ms: Math.round(performance.now() - t0),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    threadsMs: await threadCpu(),
    result,
  }),
);
