import { dirname } from "node:path";
import { oneOf, parse } from "../args.js";
import { bodyLookup } from "./check.js";
import { loadConfig } from "../config.js";
import { EXIT, UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { parseLimits } from "../load.js";
import { expandInputs } from "../inputs.js";
import { exportTables } from "../tables.js";
import { COMMON, defineCommand, formatHelp, shortUsage } from "../help.js";

export const help = defineCommand({
  name: "export",
  usage: ["zwgk export <目录文件或文件夹...> --format parquet --out <文件夹/> [选项]"],
  description:
    "把目录导出为三张 Parquet 表（catalogs、entries、findings，列的含义见 docs/parquet.md），供数据平台\n" +
    "（DuckDB、Spark、Trino 等）读取；文件夹中的目录文件（.xlsx、.json、.yaml、.xml）全部导出。",
  options: {
    format: { type: "string" },
    out: { type: "string" },
    "no-findings": { type: "boolean" },
    threads: { type: "string" },
    config: { type: "string" },
    limit: { type: "string", multiple: true },
  },
  describe: {
    format: "<格式> parquet（目前唯一的格式）",
    out: "<文件夹/> 输出文件夹",
    "no-findings": "不做逐目录校验（findings 表为空），导出更快",
    threads: "<1|2> 线程数：2 时两个线程各读取、校验并编码一部分输入文件（每个文件只读一次，各表的行与 1 相同）；默认多核机器上较大的导出用 2",
    config: COMMON.config,
    limit: COMMON.limit,
  },
  examples: [
    ["zwgk export 各县目录/ --format parquet --out 全省/", "导出一个文件夹中的全部目录"],
    ["zwgk export 社会救助.xlsx 户籍管理.json --format parquet --out 本县/ --no-findings", "只导出目录，不做校验（更快）"],
    ["zwgk check --engine duckdb 全省/", "再用 DuckDB 做全省的跨目录分析"],
  ],
});

/** `zwgk export --help` (kept for callers that print it). */
export const EXPORT_USAGE = formatHelp(help);
const USAGE = shortUsage(help);

export async function exportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, help.options, USAGE);
  if (!positionals.length) throw new UsageError(`请给出要导出的目录文件或文件夹。\n${USAGE}`);
  oneOf("format", values.format ?? "parquet", ["parquet"] as const, "parquet");
  if (!values.out) throw new UsageError(`请用 --out 给出输出文件夹。\n${USAGE}`);
  const { config, file: configFile } = await loadConfig(io.cwd, values.config);
  const limits = parseLimits(values.limit);
  // Folders are searched with their subfolders (a province exports whole trees); patterns work as in every command.
  const inputs = expandInputs(positionals, io, { recursive: true });
  const counts = await exportTables(inputs, values.out, io, {
    columns: config.columns,
    ...(limits ? { limits } : {}),
    validate: !values["no-findings"],
    ...(values.threads !== undefined ? { threads: Number(oneOf("threads", values.threads, ["1", "2"] as const, "2")) as 1 | 2 } : {}),
    severities: config.rules,
    bodyFor: bodyLookup(config.bodies, configFile ? dirname(configFile) : io.cwd, io.cwd),
    ...(config.jurisdiction ? { jurisdiction: config.jurisdiction } : {}),
  });
  io.stderr(`已写出 ${values.out}：catalogs ${counts.catalogs} 行，entries ${counts.entries} 行，findings ${counts.findings} 行（${inputs.length} 个文件${counts.threads === 2 ? "，2 个线程" : ""}）\n`);
  return EXIT.ok;
}

export const command = { help, run: exportCommand };
