import type { Catalog } from "@zwgk/catalog-schemas";
import { checkReport } from "@zwgk/catalog-diff";
import { oneOf, parse } from "../args.js";
import { loadConfig } from "../config.js";
import { EXIT, UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { loadInput, parseLimits, requireCatalog } from "../load.js";
import { emit, FORMATS } from "../report.js";
import { checkWithDuckDB } from "../check-duckdb.js";

const USAGE = `用法：zwgk check <文件...> [--format text|json|github|junit|sarif] [--out 文件] [--level 省|市|县|乡|村] [--engine node|duckdb]
  跨目录分析：重复（梳理不重复）、遗漏（事项无遗漏）、标准不一致（公开标准统一）、层级不一致（三级四同）。
  --engine duckdb  用 DuckDB 分析（全省、全国规模）：输入可以是目录文件、文件夹，或 zwgk export --format parquet
                   导出的文件夹；结果与默认引擎相同，内存只随最大单位的目录增长。需要可选依赖 @duckdb/node-api。`;

const LEVELS = ["省", "市", "县", "乡", "村"] as const;

export async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { format: { type: "string" }, out: { type: "string" }, level: { type: "string" }, engine: { type: "string" }, config: { type: "string" }, limit: { type: "string", multiple: true } },
    USAGE,
  );
  if (!positionals.length) throw new UsageError(`请给出要分析的目录文件。\n${USAGE}`);
  const format = oneOf("format", values.format, FORMATS, "text");
  const level = values.level === undefined ? undefined : oneOf("level", values.level, LEVELS, "县");
  const { config } = loadConfig(io.cwd, values.config);
  const limits = parseLimits(values.limit);
  if (oneOf("engine", values.engine, ["node", "duckdb"] as const, "node") === "duckdb") {
    const report = await checkWithDuckDB(positionals, io, { config, ...(limits ? { limits } : {}), ...(level ? { level } : {}) });
    emit(report, format, io, values.out);
    return report.findings?.some((f) => f.severity === "error") ? EXIT.findings : EXIT.ok;
  }
  const catalogs: Catalog[] = [];
  const lines: Array<Map<string, number> | undefined> = [];
  for (const file of positionals) {
    for (const loaded of await loadInput(file, io, { columns: config.columns, ...(limits ? { limits } : {}) })) {
      lines.push(loaded.lines);
      const c = requireCatalog(loaded.catalog, file);
      // Analysis findings name entries by file: make sure every catalog knows its file.
      catalogs.push({ ...c, source: { ...c.source, file: c.source?.file ?? file }, ...(c.jurisdiction || !config.jurisdiction ? {} : { jurisdiction: config.jurisdiction }) } as Catalog);
    }
  }
  // One report model for every format (the browser page downloads the same JSON document).
  const report = checkReport(catalogs, { ...(level ? { level } : {}), lines });
  emit(report, format, io, values.out);
  return report.findings?.some((f) => f.severity === "error") ? EXIT.findings : EXIT.ok;
}
