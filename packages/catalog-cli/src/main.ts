import { closestText } from "@zwgk/catalog-core";
import { describeInputError, EXIT, InputError, UsageError } from "./errors.js";
import { type CommandHelp, displayWidth, formatHelp, padEnd } from "./help.js";
import { type Io, outputError } from "./io.js";
import { VERSION } from "./version.js";

/** What a command module exports: its help (options included) and how to run it. */
export interface CommandModule {
  help: CommandHelp;
  run(argv: string[], io: Io): Promise<number>;
}

/**
 * Every command, in the order the help lists them: a one-line summary and the module, loaded only when
 * the command runs (or shows its help). A new command adds one line here and exports `command` from
 * its module (see commands/validate.ts).
 */
const COMMANDS: Record<string, { args: string; summary: string; load: () => Promise<CommandModule> }> = {
  validate: { args: "<文件...>", summary: "校验目录（.xlsx/.json/.yaml/.xml），报告每个问题所在的单元格或位置", load: async () => (await import("./commands/validate.js")).command },
  convert: { args: "<输入> --out <输出>", summary: "在 .xlsx、.json、.yaml、.xml 之间转换", load: async () => (await import("./commands/convert.js")).command },
  template: { args: "<类型> --out <文件>", summary: "生成空白模板（standard|supplementary|power|service）", load: async () => (await import("./commands/template.js")).command },
  diff: { args: "<旧版> <新版>", summary: "比较两个版本，列出新增、删除、更名和修改的事项", load: async () => (await import("./commands/diff.js")).command },
  apply: { args: "<目录> <变更集>", summary: "把变更集（动态调整记录）应用到目录；--revert 撤销", load: async () => (await import("./commands/apply.js")).command },
  check: { args: "<文件...>", summary: "跨目录分析（按单位分组）：重复、遗漏、标准不一致、层级不一致（--engine duckdb：全省规模）", load: async () => (await import("./commands/check.js")).command },
  export: { args: "<文件或文件夹...> --format parquet --out <文件夹/>", summary: "导出为 Parquet 表，供数据平台分析", load: async () => (await import("./commands/export.js")).command },
  draft: { args: "<清单...> --out <文件>", summary: "依据权责清单、公共服务事项清单起草公开条目；--into 并入现有目录（动态调整）", load: async () => (await import("./commands/derive.js")).draftCommand },
  village: { args: "<标准目录...> --out <文件>", summary: "形成村（居）政务公开事项清单", load: async () => (await import("./commands/derive.js")).villageCommand },
};

const commandLines = Object.entries(COMMANDS).map(([name, c]) => `${name} ${c.args}`);
const width = Math.max(...commandLines.map(displayWidth)) + 2;

export const USAGE = `用法：zwgk <命令> [选项]

命令：
${Object.values(COMMANDS)
  .map((c, i) => `  ${padEnd(commandLines[i]!, width)}${c.summary}`)
  .join("\n")}

文件参数可以是文件、文件夹或通配符（如 "目录/*.xlsx"，由 zwgk 展开）。

通用选项：
  --format <格式>   text（默认）| json | github | junit | sarif
  --out <文件>      把报告或结果写入文件（原子写入）
  --config <文件>   配置文件（默认在当前目录及上级目录查找 zwgk.config.json）
  --limit 名称=值   放宽读取或检查的上限（如 maxRows=2000000），名称与默认值见 SECURITY.md
  -h, --help        显示帮助；zwgk <命令> --help 显示该命令的选项和示例
  -v, --version     显示版本

  --force           允许 --out / --annotate 覆盖输入文件（默认拒绝）

退出码：0 无错误；1 发现错误（或 diff 有差异）；2 输入无法读取、输出无法写入或用法错误；
        70 内部错误（zwgk 的缺陷，请报告）。`;

/** The names of every command (for tests and completion). */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** A command's help (its options included), by name. */
export async function commandHelp(name: string): Promise<CommandHelp | undefined> {
  return Object.hasOwn(COMMANDS, name) ? (await COMMANDS[name]!.load()).help : undefined;
}

/**
 * Runs the zwgk command line and returns the exit code. Every failure becomes a message and a code:
 * usage and unreadable input exit 2 with what to do; an unexpected error is reported as a bug.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "-h" || name === "--help" || (name === "help" && !rest[0])) {
    io.stdout(`${USAGE}\n`);
    return name ? EXIT.ok : EXIT.error;
  }
  if (name === "-v" || name === "--version") {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  // `zwgk help validate` is `zwgk validate --help`.
  const [command, args] = name === "help" && rest[0] ? [rest[0], ["--help"]] : [name, rest];
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  try {
    if (!entry) {
      const near = closestText(command, COMMAND_NAMES);
      throw new UsageError(`未知命令「${command}」${near ? `，是否为「${near}」？` : "。"}\n运行 zwgk --help 查看全部命令。`);
    }
    const module = await entry.load();
    // Help before parsing: `--help` wins over anything else on the line (before `--`).
    const end = args.indexOf("--");
    const options = end < 0 ? args : args.slice(0, end);
    if (options.includes("-h") || options.includes("--help")) {
      io.stdout(`${formatHelp(module.help)}\n`);
      return EXIT.ok;
    }
    return await module.run(args, io);
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
