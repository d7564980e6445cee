// Whole-process benchmarks of the `zwgk` commands on the 100,000-row 标准目录 (issue 16), each row a
// ratio against a baseline measured in the same run, with peak RSS:
// - the floor: `unzip -p` of the sheet and shared strings piped to `wc -c`;
// - JSON.parse of the catalog (and of both versions, for diff), and JSON.parse + the bare compiled
//   ajv validator (no rules, no line tracking);
// - the engine alone (diffCatalogs on catalogs already in memory), next to the whole process.
// daff 1.4.2 (a tabular diff) is compared only when it is installed: it is not a dependency. Point
// ZWGK_BENCH_DAFF at its bin/daff.js (or the folder it is installed in, e.g. after
// `npm i daff@1.4.2` in /tmp/daff); a `daff` module the repository resolves or a `daff` on the PATH
// is used too. It diffs the two versions as flat CSV tables keyed on 二级事项, as the issue did.
// Run: npx tsx bench/cli.ts   (ZWGK_BENCH_RUNS=n keeps the best of n; ZWGK_BENCH_CLI=path/to/cli.js
// measures another build, e.g. the previous release, for before/after tables; ZWGK_BENCH_ONLY=diff
// measures only the diff rows and their baseline).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { csvTable, jsonFixture, jsonRevision, ROOT, TMP, xlsxFixture } from "./fixtures.ts";

export const CLI = resolve(process.env.ZWGK_BENCH_CLI ?? join(ROOT, "packages/catalog-cli/dist/cli.js"));
const RUNS = Math.max(1, Number(process.env.ZWGK_BENCH_RUNS ?? 1));
const HAS_TIME = existsSync("/usr/bin/time");
// Both builds are given room for the 150 MiB catalog (the old default refused it).
const ROOM = ["--limit", "maxBytes=268435456"];

export interface Measure {
  wall: number;
  cpu: number;
  rssMb: number;
  code: number;
}

/** Runs a command under `nice` (the machine is shared) and returns wall and CPU seconds and peak RSS. */
export function measure(argv: string[]): Measure {
  let best: Measure | undefined;
  for (let i = 0; i < RUNS; i++) {
    const out = join(TMP, "time.txt");
    const cmd = HAS_TIME ? ["/usr/bin/time", "-f", "%e %U %S %M", "-o", out, ...argv] : argv;
    const t0 = performance.now();
    const r = spawnSync("nice", cmd, { cwd: TMP, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
    const wallJs = (performance.now() - t0) / 1000;
    let m: Measure = { wall: wallJs, cpu: Number.NaN, rssMb: Number.NaN, code: r.status ?? -1 };
    if (HAS_TIME) {
      const [wall, user, sys, rss] = (spawnSync("cat", [out], { encoding: "utf8" }).stdout.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
      m = { wall: wall ?? wallJs, cpu: (user ?? 0) + (sys ?? 0), rssMb: (rss ?? 0) / 1024, code: r.status ?? -1 };
    }
    if (m.code !== 0 && m.code !== 1) throw new Error(`${argv.join(" ")} exited ${m.code}: ${String(r.stderr).slice(-500)}`);
    if (!best || m.wall < best.wall) best = m;
  }
  return best as Measure;
}

const zwgk = (...args: string[]) => measure([process.execPath, CLI, ...args]);
const node = (script: string, ...args: string[]) => measure([process.execPath, "--input-type=module", "-e", script, ...args]);

const PARSE = `import { readFileSync } from "node:fs"; for (const f of process.argv.slice(1)) JSON.parse(readFileSync(f, "utf8"));`;
const PARSE_AJV = (schemas: string) =>
  `import { readFileSync } from "node:fs"; import { validateCatalogShape } from ${JSON.stringify(schemas)}; for (const f of process.argv.slice(1)) if (!validateCatalogShape(JSON.parse(readFileSync(f, "utf8"))).ok) process.exit(3);`;
// The least a Node process does with the workbook before any XML is parsed: start, read the file,
// inflate the sheet and shared strings with node:zlib (streaming), decode them with a fatal UTF-8
// decoder and count the `<c ` cells with indexOf. Any JavaScript reader pays this; it shows how much
// of a ratio against `unzip -p | wc -c` is Node itself.
const NODE_FLOOR = `import { readFileSync } from "node:fs"; import { createInflateRaw } from "node:zlib";
  const buf = readFileSync(process.argv[1]); const end = buf.lastIndexOf("PK\\x05\\x06");
  let p = buf.readUInt32LE(end + 16); let cells = 0;
  for (let k = buf.readUInt16LE(end + 10); k > 0; k--) {
    const size = buf.readUInt32LE(p + 20), nameLength = buf.readUInt16LE(p + 28), local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (!/^xl\\/(worksheets\\/sheet\\d+|sharedStrings)\\.xml$/.test(name)) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const decoder = new TextDecoder("utf-8", { fatal: true }); const z = createInflateRaw({ chunkSize: 65536 });
    z.end(buf.subarray(start, start + size));
    for await (const chunk of z) { const s = decoder.decode(chunk, { stream: true }); for (let i = s.indexOf("<c "); i >= 0; i = s.indexOf("<c ", i + 1)) cells++; }
  }
  if (!cells) process.exit(3);`;
const ENGINE = (diff: string) =>
  `import { readFileSync } from "node:fs"; import { diffCatalogs } from ${JSON.stringify(diff)};
   const [a, b] = process.argv.slice(1).map((f) => JSON.parse(readFileSync(f, "utf8")));
   let best = Infinity; let cpu = Infinity;
   for (let i = 0; i < 3; i++) { const c = process.cpuUsage(); const t = performance.now(); diffCatalogs(a, b); best = Math.min(best, performance.now() - t); const u = process.cpuUsage(c); cpu = Math.min(cpu, (u.user + u.system) / 1000); }
   console.error("ENGINE " + best.toFixed(0) + " " + cpu.toFixed(0));`;

function engineMs(v1: string, v2: string): { wall: number; cpu: number } {
  const diffModule = pathToFileURL(join(CLI, "../../../catalog-diff/dist/index.js")).href;
  const r = spawnSync("nice", [process.execPath, "--input-type=module", "-e", ENGINE(diffModule), v1, v2], { cwd: TMP, encoding: "utf8" });
  const m = /ENGINE (\d+) (\d+)/.exec(r.stderr);
  return { wall: Number(m?.[1] ?? Number.NaN), cpu: Number(m?.[2] ?? Number.NaN) };
}

const fmt = (x: number, digits = 2) => (Number.isNaN(x) ? "–" : x.toFixed(digits));

/** The command that runs daff, when it is installed: ZWGK_BENCH_DAFF, a resolvable module, or the PATH. */
function findDaff(): { argv: string[]; version: string } | undefined {
  const candidates: string[][] = [];
  const env = process.env.ZWGK_BENCH_DAFF;
  if (env) {
    const path = resolve(env);
    const inFolder = [join(path, "bin/daff.js"), join(path, "daff.js"), join(path, "node_modules/daff/bin/daff.js")];
    const file = existsSync(path) && statSync(path).isFile() ? path : inFolder.find((f) => existsSync(f));
    if (file) candidates.push(file.endsWith(".js") ? [process.execPath, file] : [file]);
  }
  try {
    candidates.push([process.execPath, createRequire(join(ROOT, "package.json")).resolve("daff/bin/daff.js")]);
  } catch {
    // not resolvable from the repository (it is not a dependency)
  }
  if (spawnSync("sh", ["-c", "command -v daff"]).status === 0) candidates.push(["daff"]);
  for (const argv of candidates) {
    const r = spawnSync(argv[0]!, [...argv.slice(1), "version"], { encoding: "utf8" });
    if (r.status === 0 && /^\d+\.\d+/.test(r.stdout.trim())) return { argv, version: r.stdout.trim() };
  }
  return undefined;
}

export async function benchCli(): Promise<string> {
  mkdirSync(TMP, { recursive: true });
  const only = process.env.ZWGK_BENCH_ONLY?.split(",") ?? [];
  const want = (group: string) => !only.length || only.includes(group);
  const [v1, v2] = [await jsonFixture(100_000), await jsonRevision(100_000)];
  const [x100, x10, v1small] = want("xlsx") || want("json") ? [await xlsxFixture(100_000), await xlsxFixture(10_000), await jsonFixture(10_000)] : ["", "", ""];
  const schemas = pathToFileURL(join(CLI, "../../../catalog-schemas/dist/index.js")).href;
  const load = loadavg().map((l) => l.toFixed(1)).join(" / ");
  const skipped: Measure = { wall: Number.NaN, cpu: Number.NaN, rssMb: Number.NaN, code: 0 };

  const floor = want("xlsx") ? measure(["sh", "-c", `unzip -p '${x100}' 'xl/worksheets/sheet*.xml' xl/sharedStrings.xml | wc -c`]) : skipped;
  const nodeFloor = want("xlsx") ? node(NODE_FLOOR, x100) : skipped;
  const parse1 = want("json") ? node(PARSE, v1) : skipped;
  const parseAjv = want("json") ? node(PARSE_AJV(schemas), v1) : skipped;
  const parse2 = want("diff") ? node(PARSE, v1, v2) : skipped;
  const out = (name: string) => join(TMP, name);
  const rows: Array<[string, Measure, string, number, string]> = [];
  const row = (label: string, m: Measure, base: string, baseM: Measure, target: string) => rows.push([label, m, base, m.wall / baseM.wall, target]);

  let cx = skipped;
  let vxWall = Number.NaN;
  let cx10 = skipped;
  if (want("xlsx")) {
    const vx = zwgk("validate", x100);
    vxWall = vx.wall;
    const vx10 = zwgk("validate", x10);
    row("`zwgk validate big.xlsx`", vx, "floor", floor, "≤ 2.5×");
    row("`zwgk validate` 10k-row .xlsx (memory flatness)", vx10, "floor", floor, "–");
    cx = zwgk("convert", x100, "--out", out("big.json"));
    cx10 = zwgk("convert", x10, "--out", out("small.json"));
    row("`zwgk convert big.xlsx --out big.json`", cx, "floor", floor, "≤ 3×, ≤ 150 MB over 10k");
    row("`zwgk convert` 10k-row .xlsx → json", cx10, "floor", floor, "–");
  }
  let cy = skipped;
  let cy10 = skipped;
  if (want("json")) {
    const vj = zwgk("validate", v1, ...ROOM);
    row("`zwgk validate big.json`", vj, "JSON.parse + bare ajv", parseAjv, "≤ 2×");
    cy = zwgk("convert", v1, "--out", out("big.yaml"), ...ROOM);
    cy10 = zwgk("convert", v1small, "--out", out("small.yaml"), ...ROOM);
    row("`zwgk convert big.json --out big.yaml`", cy, "JSON.parse", parse1, "≤ 3×, flat memory");
    row("`zwgk convert` 10k-entry .json → yaml", cy10, "JSON.parse", parse1, "–");
  }
  let d = skipped;
  let engine = { wall: Number.NaN, cpu: Number.NaN };
  let daff: { m: Measure; version: string } | undefined;
  const daffCommand = want("diff") ? findDaff() : undefined;
  if (want("diff")) {
    d = zwgk("diff", v1, v2, "--out", out("diff.txt"), ...ROOM);
    row("`zwgk diff v1.json v2.json` (whole process)", d, "JSON.parse of both", parse2, "≤ 1.5×, peak ≤ 1.5×");
    engine = engineMs(v1, v2);
    if (daffCommand) {
      // The same two versions as flat tables (made once, not timed), keyed on 二级事项, rows unordered.
      const [t1, t2] = [csvTable(v1), csvTable(v2)];
      const m = measure([...daffCommand.argv, "diff", "--id", "二级事项", "--unordered", "--output", out("daff.csv"), t1, t2]);
      daff = { m, version: daffCommand.version };
      row(`daff ${daff.version} \`diff --id 二级事项\` on the same versions as CSV (whole process)`, m, "JSON.parse of both", parse2, "–");
    }
  }
  for (const f of ["big.json", "small.json", "big.yaml", "small.yaml", "diff.txt", "daff.csv", "time.txt"]) rmSync(out(f), { force: true });

  const lines = [
    `### Commands on the 100,000-row 标准目录 (issue 16)`,
    "",
    `${cpus().length} CPU(s), load average at start ${load}: the machine is shared with other jobs, so wall times vary from run to run; the ratios compare runs made minutes apart on the same machine. Each command runs as its own process under \`nice\`, best of ${RUNS}; peak RSS is the process's. Catalog: ${x100 ? x100.split("/").at(-1) : "standard-100000-v1.xlsx"} (100,000 rows, 14 columns, merged 一级事项) and the same catalog as JSON (${(await import("node:fs")).statSync(v1).size.toLocaleString("en")} bytes, as \`zwgk convert\` writes it), v2 with 10% changed, 1% removed, 1% added, shuffled.`,
    "",
    "| baseline | wall s | CPU s | peak RSS MB |",
    "|---|---:|---:|---:|",
    `| floor: \`unzip -p\` sheet + shared strings \\| wc -c | ${fmt(floor.wall)} | ${fmt(floor.cpu)} | – |`,
    `| Node floor: start, inflate (node:zlib) + strict UTF-8 decode of the same parts, count cells | ${fmt(nodeFloor.wall)} | ${fmt(nodeFloor.cpu)} | ${fmt(nodeFloor.rssMb, 0)} |`,
    `| JSON.parse of big.json | ${fmt(parse1.wall)} | ${fmt(parse1.cpu)} | ${fmt(parse1.rssMb, 0)} |`,
    `| JSON.parse + bare ajv (compiled validator) of big.json | ${fmt(parseAjv.wall)} | ${fmt(parseAjv.cpu)} | ${fmt(parseAjv.rssMb, 0)} |`,
    `| JSON.parse of v1 and v2 | ${fmt(parse2.wall)} | ${fmt(parse2.cpu)} | ${fmt(parse2.rssMb, 0)} |`,
    "",
    "| command | wall s | CPU s | peak RSS MB | baseline | × baseline (wall) | × baseline (CPU) | target |",
    "|---|---:|---:|---:|---|---:|---:|---|",
    ...rows.map(([label, m, base, ratio, target]) => {
      const baseM = base === "floor" ? floor : base === "JSON.parse" ? parse1 : base === "JSON.parse of both" ? parse2 : parseAjv;
      return `| ${label} | ${fmt(m.wall)} | ${fmt(m.cpu)} | ${fmt(m.rssMb, 0)} | ${base} | ${fmt(ratio)} | ${fmt(m.cpu / baseM.cpu)} | ${target} |`;
    }),
    "",
    ...(want("xlsx")
      ? [
          `- convert big.xlsx → json: peak RSS ${fmt(cx.rssMb, 0)} MB, ${fmt(cx.rssMb - cx10.rssMb, 0)} MB above the 10k-row run (target ≤ 150 MB).`,
          `- The Node floor is ${fmt(nodeFloor.wall / floor.wall)}× the floor in wall time (${fmt(nodeFloor.cpu / floor.cpu)}× in CPU) before any XML is parsed; against it, validate big.xlsx is ${fmt(vxWall / nodeFloor.wall)}× and convert ${fmt(cx.wall / nodeFloor.wall)}× (wall).`,
        ]
      : []),
    ...(want("json") ? [`- convert big.json → yaml: peak RSS ${fmt(cy.rssMb, 0)} MB, ${fmt(cy.rssMb - cy10.rssMb, 0)} MB above the 10k-entry run (flat memory: the JSON input streams entry by entry).`] : []),
    ...(want("diff")
      ? [
          `- diff: peak RSS ${fmt(d.rssMb / parse2.rssMb)}× that of JSON.parse of both files (target ≤ 1.5×); the engine alone (diffCatalogs on parsed catalogs, best of 3): ${fmt(engine.wall, 0)} ms wall, ${fmt(engine.cpu, 0)} ms CPU (target < 500 ms).`,
          daff
            ? `- daff ${daff.version}: ${fmt(daff.m.wall)} s wall, ${fmt(daff.m.cpu)} s CPU, ${fmt(daff.m.rssMb, 0)} MB peak; zwgk diff took ${fmt(d.cpu / daff.m.cpu)}× daff's CPU time and ${fmt(d.rssMb / daff.m.rssMb)}× its peak memory (daff compares the flat tables by key; zwgk also reads and checks the catalogs, matches renames and compares fields by meaning).`
            : "- daff: not installed (not a dependency), not compared; set ZWGK_BENCH_DAFF to its bin/daff.js to compare.",
        ]
      : []),
    `- CPU ratios are the steadier figure on a loaded machine (wall time there also measures the neighbours); the xlsx floor's CPU includes \`unzip\` and \`wc\`, and every zwgk row includes Node's start-up and module loading (about 0.1 s CPU since the CLI is one bundle).`,
  ];
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) console.log(await benchCli());
