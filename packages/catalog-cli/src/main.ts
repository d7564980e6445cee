import { describeInputError, EXIT, InputError, UsageError } from "./errors.js";
import { type Io, outputError } from "./io.js";
import { VERSION } from "./version.js";

export const USAGE = `用法：zwgk <命令> [选项]

命令：
  validate <文件...>        校验目录（.xlsx/.json/.yaml/.xml），报告每个问题所在的单元格或位置
  convert <输入> --out <输出>  在 .xlsx、.json、.yaml、.xml 之间转换（导出为官方版式）
  template <类型> --out <文件>  生成空白模板（类型：standard|supplementary|power|service）
  diff <旧版> <新版>          比较两个版本，列出新增、删除、更名和修改的事项
  apply <目录> <变更集>       把变更集（动态调整记录）应用到目录；--revert 撤销
  check <文件...>           跨目录分析（按单位分组）：重复、遗漏、标准不一致、层级不一致（--engine duckdb：全省规模）
  export <文件或文件夹...> --format parquet --out <文件夹/>  导出为 Parquet 表，供数据平台分析
  draft <清单...> --out <文件>  依据权责清单、公共服务事项清单起草公开条目；--into 并入现有目录（动态调整）
  village <标准目录...> --out <文件>  形成村（居）政务公开事项清单

通用选项：
  --format <格式>   text（默认）| json | github | junit | sarif
  --out <文件>      把报告或结果写入文件（原子写入）
  --config <文件>   配置文件（默认在当前目录及上级目录查找 zwgk.config.json）
  --limit 名称=值   放宽读取上限（如 maxRows=2000000），名称与默认值见 SECURITY.md
  -h, --help        显示帮助
  -v, --version     显示版本

  --force           允许 --out / --annotate 覆盖输入文件（默认拒绝）

退出码：0 无错误；1 发现错误（或 diff 有差异）；2 输入无法读取、输出无法写入或用法错误；
        70 内部错误（zwgk 的缺陷，请报告）。`;

type Command = (argv: string[], io: Io) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  validate: async () => (await import("./commands/validate.js")).validate,
  convert: async () => (await import("./commands/convert.js")).convert,
  template: async () => (await import("./commands/template.js")).template,
  diff: async () => (await import("./commands/diff.js")).diff,
  apply: async () => (await import("./commands/apply.js")).apply,
  check: async () => (await import("./commands/check.js")).check,
  export: async () => (await import("./commands/export.js")).exportCommand,
  draft: async () => (await import("./commands/derive.js")).draft,
  village: async () => (await import("./commands/derive.js")).village,
};

/** Commands with a help text of their own (with examples), printed for `zwgk <命令> --help`. */
const help: Record<string, () => Promise<string>> = {
  check: async () => (await import("./commands/check.js")).CHECK_USAGE,
  export: async () => (await import("./commands/export.js")).EXPORT_USAGE,
  draft: async () => (await import("./commands/derive.js")).DRAFT_USAGE,
  village: async () => (await import("./commands/derive.js")).VILLAGE_USAGE,
};

/**
 * Runs the zwgk command line and returns the exit code. Every failure becomes a message and a code:
 * usage and unreadable input exit 2 with what to do; an unexpected error is reported as a bug.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "-h" || name === "--help" || name === "help") {
    io.stdout(`${USAGE}\n`);
    return name ? EXIT.ok : EXIT.error;
  }
  if (name === "-v" || name === "--version") {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const load = commands[name];
  try {
    if (!load) throw new UsageError(`未知命令「${name}」。\n${USAGE}`);
    if (rest.includes("-h") || rest.includes("--help")) {
      io.stdout(`${help[name] ? await help[name]() : USAGE}\n`);
      return EXIT.ok;
    }
    return await (await load())(rest, io);
  } catch (e) {
    return reportFailure(e, io);
  }
}

export function reportFailure(e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    io.stderr(`zwgk：${e.message}\n`);
    return EXIT.error;
  }
  if (e instanceof InputError) {
    io.stderr(`zwgk：${describeInputError(e)}\n`);
    return EXIT.error;
  }
  // An operating-system error that escaped a writer (it names its path): the user can fix it.
  const os = e as { code?: unknown; path?: unknown } | null;
  if (os && typeof os.code === "string" && /^E[A-Z]+$/.test(os.code) && typeof os.path === "string") {
    // Outputs go through writeFileAtomic, which names them itself: this one was read or opened.
    return reportFailure(outputError(e, os.path, false), io);
  }
  // The catalog holds what an .xlsx cannot (a cell over 32,767 characters, over 16,384 columns).
  if (e instanceof Error && e.name === "CatalogWriteError") {
    io.stderr(`zwgk：${e.message}\n`);
    return EXIT.error;
  }
  const err = e as Error;
  io.stderr(
    `zwgk：内部错误（这是 zwgk 的缺陷，不是您文件的问题）：${err?.message ?? String(e)}\n` +
      `请把这条信息和所用命令报告给我们：https://github.com/zwgk/zwgk/issues\n` +
      (io.env["ZWGK_DEBUG"] ? `${err?.stack ?? ""}\n` : "设置环境变量 ZWGK_DEBUG=1 可显示调试信息。\n"),
  );
  return EXIT.internal;
}
