// Validation throughput: 100k standard-catalog entries, schema + every rule, against bare ajv
// (the compiled schema validator alone) on the same data in the same run. Target: rules add ≤ 3×.
// Then the workbook path: validateWorkbook on the 100k-row 标准目录 against reading its rows alone.
import { pathToFileURL } from "node:url";
import type { StandardCatalog } from "@zwgk/catalog-schemas";
import { validateCatalogShape } from "@zwgk/catalog-schemas";
import { builtinRules, validateCatalog } from "@zwgk/catalog-core";

const LEVEL1 = ["最低生活保障", "特困人员救助供养", "临时救助", "医疗救助", "住房救助", "教育救助", "就业救助", "受灾人员救助"];
const LEVEL2 = ["政策", "办事指南", "审核", "审批", "救助标准", "资金使用", "监督"];
const TIME = ["信息形成或者变更之日起20个工作日内", "制定或获取信息之日起10个工作日内", "实时公开", "每年1月31日前"];

export function makeStandardCatalog(n: number): StandardCatalog {
  const entries: StandardCatalog["entries"] = [];
  for (let i = 0; i < n; i++) {
    const l1 = `${LEVEL1[i % LEVEL1.length]}${Math.floor(i / 56)}`;
    entries.push({
      seq: String(i + 1),
      items: [l1, LEVEL2[i % LEVEL2.length]!],
      content: "办理事项、办理条件、救助标准、申请材料、办理流程、办理时间、地点、联系方式",
      basis: { raw: "《社会救助暂行办法》《中华人民共和国政府信息公开条例》" },
      timeLimit: { raw: TIME[i % TIME.length]! },
      subject: "县级政府民政部门、乡镇政府(街道办事处)",
      channels: { raw: "■政府网站 ■公开查阅点 ■社区/企事业单位/村公示栏（电子屏）", selected: ["政府网站", "公开查阅点", "社区/企事业单位/村公示栏（电子屏）"] },
      audience: ["全社会"],
      method: ["主动"],
      levels: ["县级", "乡、村级"],
      source: { file: "bench.xlsx", sheet: "社会救助", row: i + 4 },
    });
  }
  return { schemaVersion: "1.0", kind: "standard", title: "某县社会救助领域基层政务公开标准目录", domain: "社会救助", entries };
}

function time(fn: () => void, rounds = 3): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** The `validate` suite: the catalog engine on generated entries, then the workbook path after its reader. */
export async function benchValidate(n = 100_000): Promise<string> {
  return `${await benchCatalogValidate(n)}\n\n${await benchWorkbookValidate(n)}`;
}

async function benchCatalogValidate(n: number): Promise<string> {
  const catalog = makeStandardCatalog(n);
  let findings = 0;
  const ajvMs = time(() => {
    if (!validateCatalogShape(catalog).ok) throw new Error("bench catalog does not fit the schema");
  });
  const fullMs = time(() => {
    findings = validateCatalog(catalog, { rules: builtinRules }).length;
  });
  return [
    `### Validation: ${n.toLocaleString("en")} entries (${builtinRules.length} rules)`,
    "",
    "| variant | time (best of 3) | entries/s | ratio vs bare ajv |",
    "|---|---:|---:|---:|",
    `| bare ajv (compiled schema) | ${ajvMs.toFixed(0)} ms | ${Math.round((n / ajvMs) * 1000).toLocaleString("en")} | 1.00× |`,
    `| schema + all rules | ${fullMs.toFixed(0)} ms | ${Math.round((n / fullMs) * 1000).toLocaleString("en")} | ${(fullMs / ajvMs).toFixed(2)}× (target ≤ 3×) |`,
    "",
    `findings on the generated catalog: ${findings}`,
  ].join("\n");
}

/** CPU milliseconds of `fn` (this process, user + system): the machine is shared, wall time is not. */
async function cpuOf(fn: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * What `zwgk validate big.xlsx` spends after the reader: validateWorkbook (rows → entries, schema,
 * every rule, merged cells) against reading the same rows alone, in the same process, runs
 * interleaved; the difference is the cost of everything after the reader.
 */
export async function benchWorkbookValidate(rows = 100_000, rounds = 5): Promise<string> {
  const { readFileSync } = await import("node:fs");
  const { xlsxFixture } = await import("./fixtures.ts");
  const { openWorkbook, validateWorkbook } = await import("@zwgk/catalog-xlsx");
  const { nodeInflate } = await import("@zwgk/catalog-xlsx/node");
  const bytes = new Uint8Array(readFileSync(await xlsxFixture(rows)));
  const read = async () => {
    const workbook = await openWorkbook(bytes, { inflate: nodeInflate });
    for (const sheet of workbook.sheets) for await (const _row of workbook.readSheet(sheet));
  };
  let entries = 0;
  const validate = async () => {
    entries = (await validateWorkbook(bytes, { file: "bench.xlsx", inflate: nodeInflate })).reduce((n, r) => n + (r.entries ?? 0), 0);
  };
  const readMs: number[] = [];
  const validateMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    readMs.push(await cpuOf(read));
    validateMs.push(await cpuOf(validate));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const [readCpu, validateCpu] = [median(readMs), median(validateMs)];
  return [
    `### validateWorkbook after the reader: ${rows.toLocaleString("en")}-row 标准目录 (${entries.toLocaleString("en")} entries)`,
    "",
    `| variant | CPU (median of ${rounds}, interleaved) | ratio vs reading the rows |`,
    "|---|---:|---:|",
    `| read the rows (openWorkbook + readSheet) | ${readCpu.toFixed(0)} ms | 1.00× |`,
    `| validateWorkbook | ${validateCpu.toFixed(0)} ms | ${(validateCpu / readCpu).toFixed(2)}× |`,
    `| after the reader (difference) | ${(validateCpu - readCpu).toFixed(0)} ms | ${((validateCpu - readCpu) / readCpu).toFixed(2)}× |`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(await benchValidate());
