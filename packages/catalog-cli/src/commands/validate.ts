import { execFileSync } from "node:child_process";
import { extname, resolve } from "node:path";
import type { CatalogKind } from "@zwgk/catalog-schemas";
import { CATALOG_KINDS } from "@zwgk/catalog-schemas";
import { VALIDATION_LIMIT_DEFAULTS } from "@zwgk/catalog-core";
import { annotateWorkbook } from "@zwgk/catalog-xlsx";
import { nodeInflate } from "@zwgk/catalog-xlsx/node";
import { oneOf, parse } from "../args.js";
import { loadConfig } from "../config.js";
import { describeInputError, EXIT, InputError, UsageError } from "../errors.js";
import { assertOutputsAreNotInputs, writeFileAtomic, type Io } from "../io.js";
import { asInputError, parseLimits, pickLimits, readInputBytes } from "../load.js";
import { validateInput } from "../stream-validate.js";
import { FORMATS, applyBaseline, emit, type FileReport, type Report } from "../report.js";
import { COMMON, defineCommand, FILES_NOTE, shortUsage } from "../help.js";
import { CATALOG_EXTENSIONS, expandInputs } from "../inputs.js";

export const help = defineCommand({
  name: "validate",
  usage: ["zwgk validate <文件、文件夹或通配符...> [选项]"],
  description:
    "校验目录（.xlsx/.xlsm/.json/.yaml/.xml）：结构是否符合目录标准，内容是否符合规则（必填项、公开时限、重复……）。\n" +
    "每个问题都指明所在的「工作表!单元格」或 JSON 位置，并给出修改建议。\n" +
    FILES_NOTE,
  options: {
    format: { type: "string" },
    out: { type: "string" },
    kind: { type: "string" },
    annotate: { type: "string" },
    baseline: { type: "string" },
    changed: { type: "boolean" },
    base: { type: "string" },
    recursive: { type: "boolean" },
    config: { type: "string" },
    limit: { type: "string", multiple: true },
    force: { type: "boolean" }
  },
  describe: {
    format: COMMON.format,
    out: "<文件> 把报告写入文件（原子写入）",
    kind: COMMON.kind,
    annotate: "<批注.xlsx> 写出带批注的工作簿：出错的单元格标色并附说明，首页“问题汇总”可点击跳转（只用于一个 .xlsx）",
    baseline: "<报告.json> 与上次的 JSON 报告比较，只有新出现的错误才使退出码为 1",
    changed: "只校验相对于 --base 有改动的目录文件（合并请求中使用）",
    base: "<修订> --changed 的比较基准（默认 origin/HEAD）",
    recursive: COMMON.recursive,
    config: COMMON.config,
    limit: COMMON.limit,
    force: COMMON.force,
  },
  examples: [
    ["zwgk validate 社会救助.xlsx", "校验一个部门的 Excel 目录"],
    ["zwgk validate 目录 --recursive", "校验文件夹（含子文件夹）中的全部目录文件"],
    ['zwgk validate "目录/*.xlsx" --format json --out 报告.json', "校验匹配的文件，把 JSON 报告写入文件"],
    ["zwgk validate 社会救助.xlsx --annotate 批注.xlsx", "把问题标在原表上，还给部门修改"],
    ["zwgk validate --changed --base origin/main --format github", "在合并请求中只校验改动的目录"],
  ],
});


export async function validate(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, help.options, shortUsage(help));
  const format = oneOf("format", values.format, FORMATS, "text");
  const kind = values.kind === undefined ? undefined : oneOf<CatalogKind>("kind", values.kind, CATALOG_KINDS, "standard");
  const { config } = await loadConfig(io.cwd, values.config);
  const limits = parseLimits(values.limit, VALIDATION_LIMIT_DEFAULTS);
  const given = expandInputs(positionals, io, { recursive: values.recursive ?? false });
  const files = values.changed ? [...given, ...changedCatalogFiles(io, values.base ?? "origin/HEAD")] : given;
  if (files.length === 0) {
    if (values.changed) {
      io.stderr("zwgk：没有改动的目录文件，无需校验。\n");
      return EXIT.ok;
    }
    throw new UsageError(`请指定要校验的文件。\n${shortUsage(help)}`);
  }
  if (values.annotate && files.length !== 1) throw new UsageError("--annotate 只能用于一个 .xlsx 文件。");
  if (values.annotate && extname(files[0]!).toLowerCase() !== ".xlsx") throw new UsageError("--annotate 只能用于 .xlsx 文件。");

  assertOutputsAreNotInputs(
    io,
    [{ option: "--out", path: values.out }, { option: "--annotate", path: values.annotate }],
    [...files, ...(values.baseline ? [values.baseline] : []), ...(values.config ? [values.config] : [])],
    values.force,
  );

  const findingLimit = pickLimits(limits, VALIDATION_LIMIT_DEFAULTS);
  const reports: FileReport[] = [];
  let unreadable = false;
  for (const file of files) {
    try {
      const options = { ...(kind ? { kind } : {}), ...(limits ? { limits } : {}), columns: config.columns, severities: config.rules, ...findingLimit };
      reports.push(...(await validateInput(file, io, { ...options, ...(config.jurisdiction ? { jurisdiction: config.jurisdiction } : {}) })));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      unreadable = true;
      reports.push({ file, findings: [], error: { code: e.details.code ?? "unreadable", message: e.message, ...(e.details.hint ? { hint: e.details.hint } : {}) } });
      io.stderr(`zwgk：${describeInputError(e)}\n`);
    }
  }

  let report: Report = { tool: { name: "zwgk", version: "" }, command: "validate", files: reports };
  // Read like any input: a missing or unreadable baseline is an input error naming the file, not a crash.
  if (values.baseline) report = applyBaseline(report, new TextDecoder().decode(readInputBytes(values.baseline, io)), values.baseline);
  await emit(report, format, io, values.out);

  if (values.annotate && !unreadable) {
    const findings = reports.flatMap((r) => r.findings);
    let bytes: Uint8Array;
    try {
      bytes = await annotateWorkbook(readInputBytes(files[0]!, io), findings, {
        inflate: nodeInflate,
        import: { inflate: nodeInflate, ...(kind ? { kind } : {}), ...(Object.keys(config.columns).length ? { headerOverrides: config.columns } : {}) },
      });
    } catch (e) {
      throw asInputError(e, files[0]!);
    }
    await writeFileAtomic(resolve(io.cwd, values.annotate), bytes);
    io.stderr(`已写出批注工作簿：${values.annotate}\n`);
  }
  if (unreadable) return EXIT.error;
  const failing = report.files.flatMap((r) => r.findings).filter((f) => f.severity === "error" && (!values.baseline || f.baselineState === "new"));
  return failing.length ? EXIT.findings : EXIT.ok;
}

/** Catalog files changed since the merge base with `base` (pull-request mode). */
function changedCatalogFiles(io: Io, base: string): string[] {
  let out: string;
  try {
    out = execFileSync("git", ["diff", "--name-only", "--diff-filter=ACMR", `${base}...HEAD`], {
      cwd: io.cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    throw new UsageError(`无法列出相对于「${base}」的改动：${String((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}。请用 --base 指定存在的分支或修订。`);
  }
  const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: io.cwd, encoding: "utf8" }).trim();
  return out
    .split("\n")
    .filter((f) => f && CATALOG_EXTENSIONS.has(extname(f).toLowerCase()) && !f.endsWith("zwgk.config.json") && !f.endsWith("package.json"))
    .map((f) => resolve(root, f));
}

export const command = { help, run: validate };
