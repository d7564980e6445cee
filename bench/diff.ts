// Benchmarks of @zwgk/catalog-diff: the version diff of two 100k-entry catalogs, and near-duplicate
// search (prefix-filtered similarity join) at 10k / 100k / 1M entries against the all-pairs baseline.
// Run: npx tsx bench/diff.ts  (prints a Markdown report).
import os from "node:os";
import { pathToFileURL } from "node:url";
import type { DisclosureEntry, StandardCatalog } from "@zwgk/catalog-schemas";
import { normalizeForMatch } from "@zwgk/catalog-core";
import { analyzeCatalogs, applyChangeSet, diffCatalogs, findSimilarPairs, toChangeSet } from "@zwgk/catalog-diff";

import { rng } from "./fixtures.ts";

const DOMAINS = ["社会救助", "养老服务", "户籍管理", "就业创业", "社会保险", "义务教育", "医疗卫生", "涉农补贴", "公共文化服务", "安全生产",
  "环境保护", "保障性住房", "农村危房改造", "市政服务", "重大建设项目", "公共资源交易", "财政预决算", "税收管理", "征地补偿", "食品药品监管"];
const OBJECTS = ["最低生活保障", "特困人员", "临时救助", "高龄津贴", "养老机构", "居住证", "求职补贴", "医保报销", "学生资助", "耕地地力保护补贴",
  "文化场馆", "危险化学品", "排污许可", "公租房", "危房改造", "供水", "建设项目", "政府采购", "部门预算", "土地征收"];
const ACTIONS = ["政策文件", "办事指南", "审核", "审批", "对象名单", "资金发放", "监督检查", "办理结果", "标准调整", "年度报告"];
// Place-like syllables make each generated 事项 unique, as 村/社区/项目 names do in real catalogs,
// which draw on thousands of characters: 1,000 CJK characters, every 13th from U+4E00.
const SYLLABLES = Array.from({ length: 1000 }, (_, k) => String.fromCharCode(0x4e00 + k * 13));
const LIMITS = ["信息形成或者变更之日起20个工作日内", "制定或获取信息之日起10个工作日内", "每年1月31日前", "实时公开"];
const CHANNELS = [["政府网站", "公开查阅点"], ["政府网站"], ["政府网站", "两微一端", "便民服务站"]];

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

function place(i: number): string {
  let s = "";
  for (let k = 0; k < 4; k++) s += SYLLABLES[mix(i * 4 + k + 1) % SYLLABLES.length];
  return s;
}

function entry(i: number, r: () => number, slim = false): DisclosureEntry {
  const obj = OBJECTS[Math.floor(r() * OBJECTS.length)]!;
  const items = [DOMAINS[i % DOMAINS.length]!, `${place(i)}${obj}${ACTIONS[Math.floor(r() * ACTIONS.length)]}`];
  // Slim entries (name, content, row) keep a million of them within Node's default heap.
  if (slim) return { items, content: `${obj}的办理条件、申请材料、办理流程`, source: { row: i + 4 } };
  return {
    seq: String(i + 1),
    items,
    content: `${obj}的办理条件、申请材料、办理流程`,
    basis: { raw: "《中华人民共和国政府信息公开条例》" },
    timeLimit: { raw: LIMITS[i % LIMITS.length]! },
    subject: "县级政府民政部门",
    channels: { selected: CHANNELS[i % CHANNELS.length]! },
    audience: ["全社会"],
    method: ["主动"],
    levels: ["县级", "乡、村级"],
    source: { sheet: "Sheet1", row: i + 4 },
  };
}

export function catalog(n: number, seed: number, nearShare = 0, slim = false): StandardCatalog {
  const r = rng(seed);
  const entries = Array.from({ length: n }, (_, i) => entry(i, r, slim));
  // Plant near duplicates: an existing 事项 with a qualifier, as clerks write them.
  const near = Math.floor(n * nearShare);
  for (let k = 0; k < near; k++) {
    const src = entries[Math.floor(r() * n)]!;
    entries[Math.floor(r() * n)] = { ...src, items: [src.items[0]!, `${src.items[1]}（试行）`] };
  }
  return { schemaVersion: "1.0", kind: "standard", title: "基准目录", entries };
}

/** A new version: 10% of entries changed (a few renamed), 1% removed, 1% added, order shuffled. */
export function revise(old: StandardCatalog, seed: number): StandardCatalog {
  const r = rng(seed);
  const n = old.entries.length;
  const entries: DisclosureEntry[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    const e = old.entries[i]!;
    if (x < 0.01) continue;
    if (x < 0.11) {
      const changed = { ...structuredClone(e), source: { sheet: "Sheet1", row: 0 } };
      const what = Math.floor(r() * 5);
      if (what === 0) changed.timeLimit = { raw: "信息形成或者变更之日起7个工作日内" };
      else if (what === 1) changed.content = `${e.content}、监督电话`;
      else if (what === 2) changed.channels = { selected: ["政府网站", "政务服务中心"] };
      else if (what === 3) changed.audience = ["特定群众"];
      else changed.items = [e.items[0]!, `${e.items[1]}（调整）`];
      entries.push(changed);
    } else entries.push(structuredClone(e)); // a version read from another file shares no objects
  }
  for (let k = 0; k < Math.floor(n * 0.01); k++) entries.push(entry(n + k, r));
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return { ...old, entries };
}

// Wall-clock time, as a user feels it. (The CPU time of the process is reported beside the totals:
// on a shared machine the wall clock also measures the neighbours.)
function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const us = (x: number) => `${x.toFixed(2)} µs`;

const progress = (text: string) => process.stderr.write(`[bench/diff] ${text}\n`);

function benchVersionDiff(): string[] {
  progress("version diff: generating 2 × 100,000 entries");
  diffCatalogs(catalog(5000, 1), revise(catalog(5000, 1), 2)); // warm-up
  const old = catalog(100_000, 11);
  const next = revise(old, 12);
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  let diff = diffCatalogs(old, next);
  for (let k = 0; k < 3; k++) {
    progress(`version diff: run ${k + 1}/3`);
    const c0 = process.cpuUsage();
    const [d, t] = time(() => diffCatalogs(old, next));
    cpuRuns.push(cpuMs(c0));
    diff = d;
    runs.push(t);
  }
  const [cs, tCs] = time(() => toChangeSet(diff, { author: "基准", reason: "基准测试", effectiveDate: "2024-07-01" }));
  const [, tApply] = time(() => applyChangeSet(old, cs));
  return [
    "### Version diff (100,000 × 100,000 entries; 10% changed incl. 2% renamed, 1% added, 1% removed, shuffled)",
    "",
    "| step | time (wall) | CPU | result |",
    "|---|---|---|---|",
    `| diffCatalogs (median of 3 runs: ${runs.map(ms).join(", ")}) | ${ms(median(runs))} | ${ms(median(cpuRuns))} | +${diff.added.length} −${diff.removed.length}, ${diff.renamed.length} renamed, ${diff.changed.length} changed, ${diff.unchanged} unchanged |`,
    `| toChangeSet | ${ms(tCs)} | | ${cs.changes.length} changes |`,
    `| applyChangeSet (checks every precondition) | ${ms(tApply)} | | ${old.entries.length - diff.removed.length + diff.added.length} entries |`,
    "",
    `Target < 1 s: ${median(runs) < 1000 ? "met" : "not met"} on the wall clock (${ms(median(runs))}); CPU time ${ms(median(cpuRuns))}.`,
    "",
  ];
}

function benchNearDuplicates(): string[] {
  const lines = [
    "### Near-duplicate search (Dice ≥ 0.8 over bigrams; 1% planted near duplicates)",
    "",
    "| entries | method | join time (wall) | join CPU | CPU / entry | pairs | duplicate analysis (exact + near, screened), wall | findings |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const perEntry: Array<[number, number]> = [];
  let baseline10k = 0;
  let blocking10k = 0;
  for (const n of [10_000, 100_000, 1_000_000]) {
    progress(`near duplicates: ${n} entries`);
    const c = catalog(n, 100 + n, 0.01, true);
    const keys = c.entries.map((e) => normalizeForMatch(e.items.join("")));
    const c0 = process.cpuUsage();
    const [pairs, tJoin] = time(() => findSimilarPairs(keys, { threshold: 0.8 }));
    const cJoin = cpuMs(c0);
    const [findings, tAnalysis] = time(() => analyzeCatalogs([c], { checks: { gap: false, conflict: false, "level-mismatch": false } }));
    perEntry.push([n, cJoin]);
    lines.push(`| ${n.toLocaleString("en")} | blocking (prefix filter) | ${ms(tJoin)} | ${ms(cJoin)} | ${us((cJoin * 1000) / n)} | ${pairs.length} | ${ms(tAnalysis)} | ${findings.length} |`);
    if (n === 10_000) {
      progress("near duplicates: all-pairs baseline on 10,000");
      blocking10k = cJoin;
      const c1 = process.cpuUsage();
      const [all, tAll] = time(() => findSimilarPairs(keys, { threshold: 0.8, method: "all-pairs" }));
      baseline10k = cpuMs(c1);
      const same = all.length === pairs.length ? "same pairs" : `DIFFERENT: ${all.length}`;
      lines.push(`| 10,000 | all pairs (baseline, ${((n * (n - 1)) / 2 / 1e6).toFixed(0)}M comparisons) | ${ms(tAll)} | ${ms(baseline10k)} | ${us((baseline10k * 1000) / n)} | ${all.length} (${same}) | | |`);
    }
  }
  const growth = perEntry.slice(1).map(([n, t], i) => {
    const [n0, t0] = perEntry[i]!;
    return `${(n / n0).toFixed(0)}× entries → ${(t / t0).toFixed(1)}× CPU`;
  });
  lines.push(
    "",
    `Blocking vs all pairs at 10k: ${(baseline10k / blocking10k).toFixed(0)}× less CPU. Growth of the join: ${growth.join("; ")} (linear: 10×; all pairs: 100×).`,
    "",
  );
  return lines;
}

// A fixed reference workload, so that readers can scale the numbers to their machine: 100,000
// string keys put into a Map and read back (a few milliseconds on a current laptop).
function calibrate(): number {
  const keys = Array.from({ length: 100_000 }, (_, i) => `社会救助${i.toString(36)}最低生活保障审批`);
  const runs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const c0 = process.cpuUsage();
    const m = new Map<string, number>();
    keys.forEach((key, i) => m.set(key, i));
    let sum = 0;
    for (const key of keys) sum += m.get(key)!;
    if (sum < 0) throw new Error("unreachable");
    runs.push(cpuMs(c0));
  }
  return median(runs);
}

/** Runs the benchmarks and returns a Markdown report of what was measured. */
export async function benchDiff(): Promise<string> {
  const reference = calibrate();
  return [
    "## @zwgk/catalog-diff",
    "",
    `Node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? "?"}), load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}: wall-clock times include what else the machine was running; CPU times are this process's. Reference workload (100,000 string keys into a Map and back): ${ms(reference)} CPU.`,
    "",
    ...benchVersionDiff(),
    ...benchNearDuplicates(),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchDiff());
}
