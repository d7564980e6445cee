import { basename, dirname, relative, resolve } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import { checkReport, DEFAULT_ANALYSIS_LIMITS, EntryLines } from "@zwgk/catalog-diff";
import type { Report } from "@zwgk/catalog-core";
import { oneOf, parse } from "../args.js";
import { loadConfig, type Config } from "../config.js";
import { EXIT, UsageError } from "../errors.js";
import { assertOutputsAreNotInputs, type Io } from "../io.js";
import { loadInput, parseLimits, pickLimits, readInputBytes, requireCatalog } from "../load.js";
import { applyBaseline, emit, FORMATS } from "../report.js";
import { checkWithDuckDB } from "../check-duckdb.js";
import { COMMON, defineCommand, FILES_NOTE, formatHelp, shortUsage } from "../help.js";
import { expandInputs } from "../inputs.js";
import { CHECK_HEAP_GROWTH_PERCENT, withHeapGrowth } from "../heap.js";

export const help = defineCommand({
  name: "check",
  usage: ["zwgk check <文件、文件夹或通配符...> [选项]"],
  description:
    "跨目录分析：重复（梳理不重复）、遗漏（事项无遗漏）、标准不一致（公开标准统一）、层级不一致（三级四同）。\n" +
    "按单位（行政区划 + 部门）分组检查：单位从目录的行政区划、标题、公开主体/实施主体、实施编码或\n" +
    "zwgk.config.json 的 bodies 读取；不同单位的目录互不比较（三级四同除外），读不出单位的文件只检查自身。\n" +
    "规则级别可在 zwgk.config.json 的 rules 中设置（规则见 docs/rules.md，定义见 docs/analysis.md）。\n" +
    "--engine duckdb 用 DuckDB 分析（全省、全国规模）：输入还可以是 zwgk export --format parquet 导出的文件夹；\n" +
    "结果与默认引擎相同，内存只随最大单位的目录增长。需要可选依赖 @duckdb/node-api。\n" +
    FILES_NOTE,
  options: {
    format: { type: "string" },
    out: { type: "string" },
    level: { type: "string" },
    engine: { type: "string" },
    baseline: { type: "string" },
    recursive: { type: "boolean" },
    config: { type: "string" },
    limit: { type: "string", multiple: true },
    force: { type: "boolean" }
  },
  describe: {
    format: COMMON.format,
    out: COMMON.out,
    level: "<层级> 省 | 市 | 县 | 乡 | 村：以这一级为准检查遗漏",
    engine: "<引擎> node（默认）| duckdb（全省规模；可读 zwgk export 导出的 Parquet 文件夹）",
    baseline: "<报告.json> 与上次的 JSON 报告比较：只有新出现的错误使退出码为 1",
    recursive: COMMON.recursive,
    config: COMMON.config,
    limit: COMMON.limit,
    force: COMMON.force,
  },
  examples: [
    ["zwgk check 社会救助-标准目录.xlsx 民政局-补充目录.xlsx 民政局-权责清单.xlsx", "一个单位的几份目录"],
    ["zwgk check catalogs", "分析一个县的全部目录（文件夹，按单位分组）"],
    ['zwgk check "catalogs/*.xlsx" --format sarif --out check.sarif', "把分析报告写入文件"],
    ["zwgk check --engine duckdb 全省/", "用 DuckDB 分析 zwgk export 导出的全省数据"],
  ],
});

/** `zwgk check --help` (kept for callers that print it). */
export const CHECK_USAGE = formatHelp(help);
const USAGE = shortUsage(help);

const LEVELS = ["省", "市", "县", "乡", "村"] as const;

export async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, help.options, USAGE);
  if (!positionals.length) throw new UsageError(`请给出要分析的目录文件。\n${USAGE}`);
  assertOutputsAreNotInputs(
    io,
    [{ option: "--out", path: values.out }],
    [...positionals, ...(values.baseline ? [values.baseline] : []), ...(values.config ? [values.config] : [])],
    values.force,
  );
  const format = oneOf("format", values.format, FORMATS, "text");
  const level = values.level === undefined ? undefined : oneOf("level", values.level, LEVELS, "县");
  const { config, file: configFile } = await loadConfig(io.cwd, values.config);
  const bodyFor = bodyLookup(config.bodies, configFile ? dirname(configFile) : io.cwd, io.cwd);
  const limits = parseLimits(values.limit, DEFAULT_ANALYSIS_LIMITS);
  const engine = oneOf("engine", values.engine, ["node", "duckdb"] as const, "node");
  // Files, folders and patterns; the DuckDB engine also reads exported Parquet folders, so it takes its arguments as given.
  const inputs = engine === "duckdb" ? positionals : expandInputs(positionals, io, { recursive: values.recursive ?? false });
  let report =
    engine === "duckdb"
      ? await checkWithDuckDB(inputs, io, { config, bodyFor, ...(limits ? { limits } : {}), ...(level ? { level } : {}) })
      : // Every catalog is held while the analysis runs: V8 collects earlier than it would on its own (heap.ts).
        await withHeapGrowth(CHECK_HEAP_GROWTH_PERCENT, () =>
          checkInProcess(inputs, io, { config, bodyFor, ...(limits ? { limits } : {}), ...(level ? { level } : {}) }),
        );
  // Read like any input: a missing or unreadable baseline is an input error naming the file.
  if (values.baseline) report = applyBaseline(report, new TextDecoder().decode(readInputBytes(values.baseline, io)), values.baseline);
  await emit(report, format, io, values.out);
  const failing = (report.findings ?? []).filter((f) => f.severity === "error" && (!values.baseline || f.baselineState === "new"));
  return failing.length ? EXIT.findings : EXIT.ok;
}

/** The in-process engine: every catalog read, then `checkReport`. */
async function checkInProcess(
  positionals: readonly string[],
  io: Io,
  { config, bodyFor, limits, level }: { config: Config; bodyFor: ReturnType<typeof bodyLookup>; limits?: Record<string, number>; level?: (typeof LEVELS)[number] },
): Promise<Report> {
  const { catalogs, lines } = await loadForCheck(positionals, io, config, bodyFor, limits);
  // One report model for every format (the browser page downloads the same JSON document).
  // config.jurisdiction is the default for catalogs whose own jurisdiction cannot be read (title,
  // codes); config.rules sets the analysis rules' severities.
  return checkReport(catalogs, {
    ...(level ? { level } : {}),
    limits: pickLimits(limits, DEFAULT_ANALYSIS_LIMITS),
    lines,
    severities: config.rules,
    ...(config.jurisdiction ? { jurisdiction: config.jurisdiction } : {}),
  });
}

/** Every input's catalogs, as the analysis needs them: each knows its file and body; of the lines, the entries'. */
async function loadForCheck(
  positionals: readonly string[],
  io: Io,
  config: Config,
  bodyFor: ReturnType<typeof bodyLookup>,
  limits: Record<string, number> | undefined,
): Promise<{ catalogs: Catalog[]; lines: Array<EntryLines | undefined> }> {
  const catalogs: Catalog[] = [];
  // Only the entries' lines are looked up: a reader's map of every key's line is dropped as each file
  // is read (at 1M entries it outweighed the catalogs themselves).
  const lines: Array<EntryLines | undefined> = [];
  const share = shareRepeatedValues();
  for (const file of positionals) {
    for (const loaded of await loadInput(file, io, { columns: config.columns, ...(limits ? { limits } : {}) })) {
      const c = requireCatalog(loaded.catalog, file);
      lines.push(loaded.lines && new EntryLines(loaded.lines, c.entries.length));
      for (const entry of c.entries) share(entry);
      // Analysis findings name entries by file: make sure every catalog knows its file. A body the
      // config gives for the file overrides what the catalog says.
      const body = bodyFor(loaded.file);
      catalogs.push({
        ...c,
        source: { ...c.source, file: c.source?.file ?? file },
        ...(body?.jurisdiction ? { jurisdiction: body.jurisdiction } : {}),
        ...(body?.department ? { department: body.department } : {}),
      } as Catalog);
    }
  }
  return { catalogs, lines };
}

/**
 * Makes equal values of the entries one value: every catalog is held until the analysis ends, and its
 * entries repeat the same 公开时限, 公开依据, 公开主体, 公开方式/对象/层级, 公开渠道 and national 事项
 * names thousands of times, each a copy of its own as the text readers build it (at 1M entries about
 * half of the catalogs' memory). Strings of 11–32 characters become one string: shorter ones JSON.parse
 * already shares, and longer ones (公开内容) rarely repeat. Small objects and arrays made of strings only
 * (`{ raw }`, `["主动"]`, `{ selected: [...] }`) become one value, frozen so that nothing can edit what
 * entries share — as the workbook reader shares parsed values. Values are unchanged; the 事项 levels
 * (`items`), `source`, frozen values and anything that is not a plain object or array are left alone.
 */
export function shareRepeatedValues(): (entry: object) => void {
  const strings = new Map<string, string>();
  const values = new SharedValues();
  const visit = (node: Record<string, unknown> | unknown[]): void => {
    if (Object.isFrozen(node)) return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const v = record[key];
      if (typeof v === "string") {
        if (v.length <= 10 || v.length > 32) continue;
        const first = strings.get(v);
        if (first === undefined) strings.set(v, v);
        else record[key] = first;
      } else if (v !== null && typeof v === "object" && key !== "source") {
        visit(v as Record<string, unknown>);
        if (key === "items" || Object.isFrozen(v)) continue;
        // Nested values were shared (and frozen) by the visit above, so freezing this one freezes it all.
        const first = values.share(v);
        if (first !== undefined && first !== v) record[key] = first;
      }
    }
  };
  return (entry) => visit(entry as Record<string, unknown>);
}

/** Most text a shared value holds (its strings and keys, about its JSON length): the values that repeat are short. */
const MAX_SHARED_VALUE = 200;

/** A node of {@link SharedValues}' trie: the parts read so far lead here; `value` is the first value made of exactly them. */
class ValueNode {
  next: Map<unknown, ValueNode> | undefined = undefined;
  value: object | undefined = undefined;

  child(part: unknown): ValueNode {
    const next = (this.next ??= new Map());
    let node = next.get(part);
    if (node === undefined) next.set(part, (node = new ValueNode()));
    return node;
  }
}

const isPlain = (v: object): boolean => Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype;

/**
 * The text a part of a larger value holds when it is a value already shared (frozen), a plain object
 * or array of strings only (such a part is looked up by identity); -1 for anything else.
 */
function sharedStringsSize(x: unknown): number {
  if (x === null || typeof x !== "object" || !Object.isFrozen(x) || !isPlain(x)) return -1;
  let size = 2;
  for (const [k, s] of Object.entries(x)) {
    if (typeof s !== "string") return -1;
    size += s.length + 3 + (Array.isArray(x) ? 0 : k.length + 3);
  }
  return size;
}

/**
 * Equal values, one of each: a plain array or object whose parts are strings or shared values (two
 * levels deep at most) is looked up by its parts — array or object, then the elements, or each key
 * and its value — in a trie of maps, so that no key text is built per value (JSON.stringify of six
 * small values an entry was half the sharing's time at 1M entries). Strings are parts by value, shared
 * values by identity: those are already one per text.
 */
class SharedValues {
  private readonly arrays = new ValueNode();
  private readonly objects = new ValueNode();

  /** The first value equal to `v` (`v` itself, frozen, when it is the first), or undefined for a value that is not shared. */
  share(v: object): object | undefined {
    let node: ValueNode;
    if (Array.isArray(v)) {
      const a = v as unknown[];
      let size = 2;
      for (const x of a) {
        const part = typeof x === "string" ? x.length + 2 : sharedStringsSize(x);
        if (part < 0) return undefined;
        size += part + 1;
      }
      if (size > MAX_SHARED_VALUE) return undefined;
      node = this.arrays;
      for (const x of a) node = node.child(x);
    } else {
      if (Object.getPrototypeOf(v) !== Object.prototype) return undefined;
      const r = v as Record<string, unknown>;
      const keys = Object.keys(r);
      let size = 2;
      for (const k of keys) {
        const x = r[k];
        const part = typeof x === "string" ? x.length + 2 : sharedStringsSize(x);
        if (part < 0) return undefined;
        size += k.length + 4 + part;
      }
      if (size > MAX_SHARED_VALUE) return undefined;
      node = this.objects;
      for (const k of keys) node = node.child(k).child(r[k]);
    }
    return (node.value ??= Object.freeze(v));
  }
}

/** Finds the `bodies` entry of zwgk.config.json for an input: by path relative to the config file, as given, or by file name. */
export function bodyLookup(bodies: Config["bodies"], base: string, cwd: string): (file: string) => Config["bodies"][string] | undefined {
  const slashes = (p: string) => p.replace(/\\/g, "/");
  const table = new Map<string, Config["bodies"][string]>();
  for (const [key, body] of Object.entries(bodies)) table.set(slashes(key), body);
  return (file) => {
    if (!table.size) return undefined;
    const abs = resolve(cwd, file);
    for (const candidate of [slashes(relative(base, abs)), slashes(file), basename(abs)]) {
      const body = table.get(candidate);
      if (body) return body;
    }
    return undefined;
  };
}

export const command = { help, run: check };
