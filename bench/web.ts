/**
 * The browser page against the CLI: a generated 10,000-row standard catalog validated by the page (in
 * its Web Worker, in Debian's chromium, from choosing the file to the findings on screen) and by
 * `zwgk validate --format json` (a fresh Node process, as a user runs it), interleaved in the same run.
 * Target (issue 11): the page within 2× the CLI. Peak memory: the CLI's max RSS (GNU time) and the peak
 * RSS of chromium's renderer process, which runs the page and its worker (VmHWM).
 *
 *   npx tsx bench/web.ts        # needs npm run build first and /usr/bin/chromium
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeLargeCatalog } from "../packages/catalog-xlsx/src/fixtures/large-catalog.js";
import { serve } from "../packages/catalog-web/scripts/serve.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "packages/catalog-cli/dist/cli.js");
const DIST = join(ROOT, "packages/catalog-web/dist");
const CHROMIUM = "/usr/bin/chromium";
const ROWS = 10_000;
const ROUNDS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Peak RSS (KiB, VmHWM: the high-water mark) and CPU time (ms) of chromium's renderer processes, from /proc. */
function renderers(): { peakKiB: number; cpuMs: number } {
  let peakKiB = 0;
  let cpuMs = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.includes("chromium") || !cmd.includes("--type=renderer")) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
      // utime and stime, fields 14 and 15, in clock ticks (100 per second on Linux).
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      cpuMs += (Number(stat[11]) + Number(stat[12])) * 10;
    } catch {
      // The process ended meanwhile.
    }
  }
  return { peakKiB, cpuMs };
}

function runCli(file: string, cwd: string): { ms: number; cpuMs: number; maxRssKiB: number; findings: number } {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M %U %S", process.execPath, CLI, "validate", "--format", "json", file], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`zwgk validate failed: ${r.stderr}`);
  const [rss, user, sys] = r.stderr.trim().split("\n").at(-1)!.split(" ").map(Number) as [number, number, number];
  const report = JSON.parse(r.stdout) as { summary: { errors: number; warnings: number; infos?: number } };
  return { ms, cpuMs: (user + sys) * 1000, maxRssKiB: rss, findings: report.summary.errors + report.summary.warnings + (report.summary.infos ?? 0) };
}

export async function benchWeb(): Promise<string> {
  if (!existsSync(CHROMIUM)) return `### Browser page vs CLI\n\nSkipped: ${CHROMIUM} not found (apt-get install chromium).`;
  if (!existsSync(join(DIST, "index.html")) || !existsSync(CLI)) throw new Error("run npm run build first");
  const work = mkdtempSync(join(tmpdir(), "zwgk-bench-web-"));
  const name = "大目录-10000行.xlsx";
  const file = join(work, name);
  await writeLargeCatalog(file, ROWS);
  const { server, url } = await serve(DIST);
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1366, height: 768 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageMs: number[] = [];
  const cliMs: number[] = [];
  const pageCpu: number[] = [];
  const cliCpu: number[] = [];
  let cliRss = 0;
  let pageFindings = "";
  let cliFindings = 0;
  let rendererBefore = 0;
  let rendererPeak = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // A fresh page each round: nothing cached from the previous file.
      await page.goto(url);
      await page.waitForSelector("#template-kind option", { state: "attached" });
      const before = renderers();
      if (round === 0) rendererBefore = before.peakKiB;
      const t = performance.now();
      await page.setInputFiles("#files", file);
      await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已检查 1 个文件"), undefined, { timeout: 300_000, polling: 20 });
      pageMs.push(performance.now() - t);
      const after = renderers();
      pageCpu.push(after.cpuMs - before.cpuMs);
      pageFindings = (await page.locator("#file-rows tr td.num").allTextContents()).join("/");
      rendererPeak = Math.max(rendererPeak, after.peakKiB);
      const cli = runCli(name, work);
      cliMs.push(cli.ms);
      cliCpu.push(cli.cpuMs);
      cliRss = Math.max(cliRss, cli.maxRssKiB);
      cliFindings = cli.findings;
    }
  } finally {
    await context.close();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  const page50 = median(pageMs);
  const cli50 = median(cliMs);
  const ratio = page50 / cli50;
  const cpuRatio = median(pageCpu) / median(cliCpu);
  return [
    `### Browser page vs CLI: validating a ${ROWS.toLocaleString("en")}-row workbook`,
    "",
    `${new Date().toISOString().slice(0, 10)} · ${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"} (shared with other work) · Node ${process.version} · Debian chromium, headless. ` +
      `Generated standard catalog (writeLargeCatalog, ${ROWS.toLocaleString("en")} data rows, 14 columns, merged 一级事项). ` +
      `Page: from setting the file input to the findings on screen (read the file, validate in the worker with DecompressionStream, render). ` +
      `CLI: a fresh \`node zwgk validate --format json\` process (start-up included, node:zlib inflate). ${ROUNDS} interleaved rounds; median.`,
    "",
    "| variant | wall, median (ms) | wall runs (ms) | wall ratio vs CLI | CPU, median (ms) | CPU ratio vs CLI | peak memory |",
    "|---|---:|---|---:|---:|---:|---:|",
    `| CLI \`zwgk validate\` (baseline) | ${cli50.toFixed(0)} | ${cliMs.map((m) => m.toFixed(0)).join(", ")} | 1.00× | ${median(cliCpu).toFixed(0)} | 1.00× | max RSS ${(cliRss / 1024).toFixed(0)} MiB |`,
    `| page (worker) | ${page50.toFixed(0)} | ${pageMs.map((m) => m.toFixed(0)).join(", ")} | ${ratio.toFixed(2)}× | ${median(pageCpu).toFixed(0)} | ${cpuRatio.toFixed(2)}× | renderer peak RSS ${(rendererPeak / 1024).toFixed(0)} MiB (${(rendererBefore / 1024).toFixed(0)} MiB before the first file) |`,
    "",
    `CPU: the CLI process (user + system, GNU time) and chromium's renderer processes, which run the page and its worker (/proc utime + stime; the browser and GPU processes are not counted). ` +
      `Target ≤ 2×: ${ratio <= 2 ? "met" : "NOT met"} on the wall clock (${ratio.toFixed(2)}×), ${cpuRatio <= 2 ? "met" : "NOT met"} in CPU time (${cpuRatio.toFixed(2)}×). ` +
      `Both found the same: CLI ${cliFindings} findings; page table (entries/errors/warnings/infos) ${pageFindings}.`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(await benchWeb());
