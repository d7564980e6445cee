// Checks that two builds of @zwgk/catalog-diff report the same diffs, byte for byte, in every output
// (the diff object as JSON, the text report, the change set as JSON, the one-line summary, the change
// set object): over every ordered pair of a corpus of catalogs — the sample fixtures, the examples,
// and mutated versions of them that touch what the fast paths of the diff must get right (key order,
// fields missing, unknown fields, unmodelled columns, marks spelled differently, channels reordered,
// texts that differ only in white space, renames, removals, additions, shuffles) — under several
// diff options, and on the 100,000-entry bench pair when its files exist.
//
//   npx tsx --tsconfig tsconfig.json bench/diff-equivalence.ts <old dist dir> [<new dist dir>]
//
// (the new build defaults to packages/catalog-diff/dist). Exit 1 on the first difference.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as fixtures from "../packages/catalog-diff/src/fixtures.js";

type Json = Record<string, unknown>;
type Catalog = Json & { kind: string; entries: Json[] };
interface DiffModule {
  diffCatalogs(a: unknown, b: unknown, options?: unknown): unknown;
  formatDiffText(d: unknown): string;
  formatDiffJson(d: unknown, meta: unknown): string;
  summarizeDiff(d: unknown): string;
  toChangeSet(d: unknown, meta: unknown): unknown;
}

const ROOT = resolve(import.meta.dirname, "..");
const [oldDir, newDir = join(ROOT, "packages/catalog-diff/dist")] = process.argv.slice(2);
if (!oldDir) {
  console.error("usage: bench/diff-equivalence.ts <old dist dir> [<new dist dir>]");
  process.exit(2);
}
const load = async (dir: string) => (await import(pathToFileURL(join(resolve(dir), "index.js")).href)) as DiffModule;
const [before, after] = [await load(oldDir), await load(newDir)];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESPELL: Record<string, string> = { 特定群众: "特定群体", 依申请公开: "依申请", 主动: "主动公开", 县级: "区级", 乡级: "镇级" };

// One mutated version of a catalog: each entry is left alone or changed in one of the ways above.
function mutate(catalog: Catalog, seed: number): Catalog {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out = structuredClone(catalog);
  const entries: Json[] = [];
  for (const original of out.entries) {
    let e: Json = original;
    const x = r();
    if (x < 0.04) continue;
    if (x < 0.6) {
      const what = Math.floor(r() * 18);
      const keys = Object.keys(e);
      if (what === 0 && typeof e.content === "string") e.content = `${e.content}、监督电话`;
      else if (what === 1 && typeof e.content === "string") e.content = e.content.replace(/、/, "、  ");
      else if (what === 2) for (const g of ["audience", "method", "levels"]) (e[g] as string[] | undefined)?.forEach((m, i, a) => (a[i] = RESPELL[m] ?? m));
      else if (what === 3) for (const g of ["audience", "method", "levels"]) (e[g] as string[] | undefined)?.reverse();
      else if (what === 4 && e.channels) (e.channels as { selected: string[] }).selected.reverse();
      else if (what === 5 && e.channels) e.channels = { selected: [...(e.channels as { selected: string[] }).selected] };
      else if (what === 6) e = Object.fromEntries([...Object.entries(e)].sort(() => r() - 0.5));
      else if (what === 7) e = { ...e, 备注: pick(["", "x", "  "]) };
      else if (what === 8) delete e[pick(keys.filter((k) => k !== "items" && k !== "name"))];
      else if (what === 9) e.extra = [...((e.extra as Json[] | undefined) ?? []), { name: pick(["公开时长", "备注"]), value: pick(["长期", "一年", ""]) }];
      else if (what === 10 && Array.isArray(e.items)) e.items = [...(e.items as string[]).slice(0, -1), `${(e.items as string[]).at(-1)}${pick(["（调整）", "类", ""])}`];
      else if (what === 10 && typeof e.name === "string") e.name = `${e.name}${pick(["（调整）", "类"])}`;
      else if (what === 11 && e.basis) e.basis = { ...(e.basis as Json), raw: `${(e.basis as { raw: string }).raw} `, written: "同上" };
      else if (what === 12) e.timeLimit = { raw: pick(["信息形成或者变更之日起7个工作日内", "每年1月31日前", ""]) };
      else if (what === 13 && Array.isArray(e.items)) e.items = ["新一级", ...(e.items as string[])];
      else if (what === 14) e.seq = `${r()}`.slice(2, 5);
      else if (what === 15) e[pick(["subject", "content", "clause", "attribute", "nonDisclosureReason"])] = pick(["", " ", undefined, "x"]);
      else if (what === 16) e.code = pick(["", "A-1", `C${Math.floor(r() * 20)}`]);
      else if (what === 17) e[pick(["audience", "method", "levels"])] = pick([[], undefined, ["全社会", "特定群众"]]);
    }
    entries.push(e);
    if (r() < 0.02) entries.push(structuredClone(e));
  }
  if (r() < 0.5) for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return { ...out, entries };
}

const bases: [string, Catalog][] = [
  ["社会救助 (fixture)", fixtures.socialAssistanceCatalog() as unknown as Catalog],
  ["户籍管理 (fixture)", fixtures.householdCatalog() as unknown as Catalog],
  ["发展改革局 (fixture)", fixtures.devReformSupplementary() as unknown as Catalog],
  ["交通运输 (fixture)", fixtures.transportPowerCatalog() as unknown as Catalog],
  ["广安区 (fixture)", fixtures.guanganServiceCatalog() as unknown as Catalog],
];
for (const dir of ["examples", "examples/county/catalogs"]) {
  for (const f of readdirSync(join(ROOT, dir))) if (f.endsWith(".json")) bases.push([`${dir}/${f}`, JSON.parse(readFileSync(join(ROOT, dir, f), "utf8")) as Catalog]);
}
const corpus: [string, Catalog][] = [];
bases.forEach(([name, c], i) => {
  corpus.push([name, c]);
  for (let v = 1; v <= 2; v++) corpus.push([`${name} ~${v}`, mutate(c, 1000 * i + v)]);
});

const OPTIONS: [string, Json][] = [
  ["default", {}],
  ["ignore []", { ignore: [] }],
  ["ignore seq,content,audience,extra.备注", { ignore: ["seq", "content", "audience", "extra.备注"] }],
  ["renameThreshold 0.6, variantWords", { renameThreshold: 0.6, variantWords: ["调整"] }],
];
const META = { author: "县民政局", reason: "核对", effectiveDate: "2024-07-01" };

function outputs(m: DiffModule, a: Catalog, b: Catalog, options: Json): string[] {
  const d = m.diffCatalogs(a, b, options);
  return [JSON.stringify(d), m.formatDiffText(d), m.formatDiffJson(d, META), m.summarizeDiff(d), JSON.stringify(m.toChangeSet(d, META))];
}

let pairs = 0;
let changedEntries = 0;
function check(label: string, a: Catalog, b: Catalog, options: [string, Json][]): void {
  for (const [optionName, option] of options) {
    const x = outputs(before, a, b, option);
    const y = outputs(after, a, b, option);
    for (let f = 0; f < x.length; f++) {
      if (x[f] !== y[f]) {
        console.error(`DIFFERENT: ${label} (${optionName}), output ${f}`);
        process.exit(1);
      }
    }
    changedEntries += (x[0]!.match(/"changes":\[\{/g) ?? []).length;
    pairs++;
  }
}

for (const [na, a] of corpus) for (const [nb, b] of corpus) if (a !== b) check(`${na} → ${nb}`, a, b, OPTIONS);
const catalogPairs = corpus.length * (corpus.length - 1);
console.log(`${corpus.length} catalogs, ${catalogPairs} ordered pairs × ${OPTIONS.length} option sets × 5 outputs: identical (${pairs} diffs, ${changedEntries} matched entries with changes)`);

const big = [join(ROOT, ".bench-tmp/standard-100000-v1.json"), join(ROOT, ".bench-tmp/standard-100000-v2.json")];
if (big.every((f) => existsSync(f))) {
  const [v1, v2] = big.map((f) => JSON.parse(readFileSync(f, "utf8")) as Catalog) as [Catalog, Catalog];
  check("100k v1 → v2", v1, v2, OPTIONS.slice(0, 2));
  const v3 = mutate(v2, 7);
  check("100k v1 → v2 mutated", v1, v3, OPTIONS.slice(0, 1));
  console.log("100,000-entry bench pair (v1 → v2 with 2 option sets, v1 → mutated v2): identical");
}
