// Bench data, generated (never committed) under .bench-tmp/: the 100,000-row 标准目录 as the issue
// measured it (14 columns, 一级事项 merged over its 二级事项) as .xlsx, the same catalog as JSON (what
// `zwgk convert` writes), and a second JSON version of it: 10% of entries changed, 1% removed, 1%
// added, rows shuffled. Plus smaller sizes, to show whether memory grows with the row count.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const TMP = join(ROOT, ".bench-tmp");

/** Deterministic PRNG (mulberry32), so every run measures the same data. */
export { mulberry32 as rng } from "../scripts/catalog-generator.ts";
import { mulberry32 as rng } from "../scripts/catalog-generator.ts";

/** The workbook of `rows` data rows (written with exceljs's streaming writer). */
export async function xlsxFixture(rows: number): Promise<string> {
  mkdirSync(TMP, { recursive: true });
  const file = join(TMP, `standard-${rows}-v1.xlsx`);
  if (!existsSync(file)) {
    const { writeLargeCatalog } = await import("../packages/catalog-xlsx/src/fixtures/large-catalog.js");
    await writeLargeCatalog(`${file}.part`, rows);
    renameSync(`${file}.part`, file);
  }
  return file;
}

/** The workbook read with our reader and written as JSON: what a user converting it gets. */
export async function jsonFixture(rows: number): Promise<string> {
  const file = join(TMP, `standard-${rows}-v1.json`);
  if (existsSync(file)) return file;
  const xlsx = await import("../packages/catalog-xlsx/src/index.js");
  const { nodeInflate } = await import("../packages/catalog-xlsx/src/node.js");
  const core = await import("../packages/catalog-core/src/index.js");
  const source = await xlsxFixture(rows);
  const [catalog] = await xlsx.readCatalogs(new Uint8Array(readFileSync(source)), { inflate: nodeInflate, file: `standard-${rows}-v1.xlsx` });
  if (!catalog || catalog.entries.length !== rows) throw new Error(`expected ${rows} entries from ${source}`);
  writeFileSync(file, core.writeCatalogJson(catalog));
  return file;
}

type Json = Record<string, unknown>;

/** The second version: 10% changed (of them a fifth renamed), 1% removed, 1% added, shuffled. */
export async function jsonRevision(rows: number): Promise<string> {
  const file = join(TMP, `standard-${rows}-v2.json`);
  if (existsSync(file)) return file;
  const core = await import("../packages/catalog-core/src/index.js");
  const old = JSON.parse(readFileSync(await jsonFixture(rows), "utf8")) as Json & { entries: Json[] };
  const r = rng(20_260_101);
  const entries: Json[] = [];
  for (const e of old.entries) {
    const x = r();
    if (x < 0.01) continue;
    if (x < 0.11) {
      const changed = structuredClone(e) as Json & { items: string[] };
      const what = Math.floor(r() * 5);
      if (what === 0) changed.timeLimit = { raw: "信息形成或者变更之日起7个工作日内" };
      else if (what === 1) changed.content = `${String(changed.content)}、监督电话`;
      else if (what === 2) changed.channels = { selected: ["政府网站", "政务服务中心"] };
      else if (what === 3) changed.audience = ["特定群众"];
      else changed.items = [changed.items[0] as string, `${changed.items[1]}（调整）`];
      entries.push(changed);
    } else entries.push(e);
  }
  const added = Math.floor(rows * 0.01);
  for (let k = 0; k < added; k++) {
    const template = structuredClone(old.entries[Math.floor(r() * rows)]) as Json & { items: string[]; source?: Json };
    template.items = [template.items[0] as string, `新增事项${k + 1}号`];
    entries.push(template);
  }
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [entries[i], entries[j]] = [entries[j] as Json, entries[i] as Json];
  }
  writeFileSync(file, core.writeCatalogJson({ ...old, entries } as never));
  return file;
}

/**
 * A catalog as a flat table (one row an entry, the 标准目录's columns, marks and channels joined with
 * 、) in CSV: what a tabular diff tool such as daff compares. Written once next to the JSON.
 */
export function csvTable(jsonFile: string): string {
  const file = jsonFile.replace(/\.json$/, ".csv");
  if (existsSync(file)) return file;
  const catalog = JSON.parse(readFileSync(jsonFile, "utf8")) as { entries: Array<Record<string, unknown>> };
  const raw = (v: unknown) => (v && typeof v === "object" && "raw" in v ? String((v as { raw: unknown }).raw) : "");
  const list = (v: unknown) => (Array.isArray(v) ? v.join("、") : "");
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const header = ["一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道", "公开对象", "公开方式", "公开层级"];
  const lines = [header.join(",")];
  for (const e of catalog.entries) {
    const items = e.items as string[];
    const channels = (e.channels as { selected?: string[] } | undefined)?.selected;
    const row = [items[0] ?? "", items[1] ?? "", String(e.content ?? ""), raw(e.basis), raw(e.timeLimit), String(e.subject ?? ""), list(channels), list(e.audience), list(e.method), list(e.levels)];
    lines.push(row.map(cell).join(","));
  }
  writeFileSync(`${file}.part`, `${lines.join("\n")}\n`);
  renameSync(`${file}.part`, file);
  return file;
}
