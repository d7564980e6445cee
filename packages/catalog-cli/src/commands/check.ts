import { resolve } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import type { Finding, Location } from "@zwgk/catalog-core";
import { type AnalysisFinding, analyzeCatalogs, formatAnalysisJson } from "@zwgk/catalog-diff";
import { oneOf, parse } from "../args.js";
import { loadConfig } from "../config.js";
import { EXIT, UsageError } from "../errors.js";
import { writeFileAtomic, type Io } from "../io.js";
import { loadInput, parseLimits, requireCatalog } from "../load.js";
import { emit, FORMATS } from "../report.js";

const USAGE = `用法：zwgk check <文件...> [--format text|json|github|junit|sarif] [--out 文件] [--level 省|市|县|乡|村]
  跨目录分析：重复（梳理不重复）、遗漏（事项无遗漏）、标准不一致（公开标准统一）、层级不一致（三级四同）。`;

const LEVELS = ["省", "市", "县", "乡", "村"] as const;

export async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { format: { type: "string" }, out: { type: "string" }, level: { type: "string" }, config: { type: "string" }, limit: { type: "string", multiple: true } },
    USAGE,
  );
  if (!positionals.length) throw new UsageError(`请给出要分析的目录文件。\n${USAGE}`);
  const format = oneOf("format", values.format, FORMATS, "text");
  const level = values.level === undefined ? undefined : oneOf("level", values.level, LEVELS, "县");
  const { config } = loadConfig(io.cwd, values.config);
  const limits = parseLimits(values.limit);
  const catalogs: Catalog[] = [];
  const lineMaps: Array<Map<string, number> | undefined> = [];
  for (const file of positionals) {
    for (const loaded of await loadInput(file, io, { columns: config.columns, ...(limits ? { limits } : {}) })) {
      lineMaps.push(loaded.lines);
      const c = requireCatalog(loaded.catalog, file);
      // Analysis findings name entries by file: make sure every catalog knows its file.
      catalogs.push({ ...c, source: { ...c.source, file: c.source?.file ?? file }, ...(c.jurisdiction || !config.jurisdiction ? {} : { jurisdiction: config.jurisdiction }) } as Catalog);
    }
  }
  const findings = analyzeCatalogs(catalogs, level ? { level } : {});
  if (format === "json") {
    const text = `${JSON.stringify(formatAnalysisJson(findings), null, 2)}\n`;
    if (values.out) writeFileAtomic(resolve(io.cwd, values.out), text);
    else io.stdout(text);
  } else {
    emit(
      {
        tool: { name: "zwgk", version: "" },
        command: "check",
        files: catalogs.map((c) => ({ file: c.source?.file ?? "", kind: c.kind, entries: c.entries.length, findings: [] })),
        findings: findings.map((f) => toFinding(f, lineMaps)),
      },
      format,
      io,
      values.out,
    );
  }
  return findings.some((f) => f.severity === "error") ? EXIT.findings : EXIT.ok;
}

/** An analysis finding in the common report model: located at its first entry, the others related. */
function toFinding(a: AnalysisFinding, lineMaps: ReadonlyArray<Map<string, number> | undefined>): Finding {
  const [first, ...rest] = a.entries.map((e): Location => {
    // A negative index names the catalog as a whole (e.g. a statutory category none of them covers).
    const entry = e.index >= 0 ? `/entries/${e.index}` : undefined;
    const line = entry ? lineMaps[e.catalog]?.get(entry) : undefined;
    return {
      ...(e.file ? { file: e.file } : {}),
      ...(e.sheet ? { sheet: e.sheet } : {}),
      ...(e.row ? { row: e.row } : {}),
      ...(line ? { line } : {}),
      ...(entry ? { path: entry, entry: e.index } : {}),
    };
  });
  return {
    rule: a.rule,
    severity: a.severity,
    message: a.message,
    hint: a.hint,
    location: first ?? {},
    ...(rest.length ? { related: rest } : {}),
    data: { kind: a.kind, ...(a.score !== undefined ? { score: a.score } : {}) },
  };
}
