import type { ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * What a command accepts and how to use it: the parseArgs options and, for each, its help text, so
 * that the help can never miss an option the command takes (the type requires a text for every one).
 * Each command module exports one (`export const help = defineCommand({ … })`); main.ts lists the
 * commands in one table. A new command adds its module and one line there.
 */
export interface CommandHelp<O extends Options = Options> {
  /** The command's name, as typed after `zwgk`. */
  name: string;
  /** Usage lines without the leading "用法：", e.g. `zwgk validate <文件...> [选项]`. */
  usage: readonly string[];
  /** What the command does, a few lines of Chinese. */
  description: string;
  /** The parseArgs options. */
  options: O;
  /**
   * Per option: `"<值> 说明"` for options that take a value (the placeholder up to the first space),
   * or just the description for flags.
   */
  describe: { readonly [K in keyof O]: string };
  /** Command lines and what each does. */
  examples: ReadonlyArray<readonly [command: string, what: string]>;
}

/** Declares a command's help (identity, for the types). */
export function defineCommand<O extends Options>(help: CommandHelp<O>): CommandHelp<O> {
  return help;
}

/** Option descriptions several commands share, so they read the same everywhere. */
export const COMMON = {
  format: "<格式> 报告格式：text（默认）| json | github | junit | sarif",
  out: "<文件> 把结果写入文件（原子写入：失败时不留下半个文件，也不会覆盖输入）",
  config: "<文件> 配置文件（默认在当前目录及上级目录查找 zwgk.config.json）",
  limit: "<名称=值> 放宽读取或检查的上限（如 maxRows=2000000；可重复），名称与默认值见 SECURITY.md",
  kind: "<类型> 按此类型读取：standard | supplementary | power | service（默认自动识别）",
  recursive: "文件夹参数连同其子文件夹一起读取",
  force: "允许 --out / --annotate 覆盖输入文件（默认拒绝）",
} as const;

/** How file arguments are read, for every command that takes files. */
export const FILES_NOTE =
  "文件参数可以是文件、文件夹（读取其中全部目录文件，加 --recursive 包括子文件夹）或通配符（如 \"目录/*.xlsx\"，由 zwgk 自己展开，Windows 下也可用）。";

function optionLines(help: CommandHelp): string[] {
  const rows = Object.entries(help.options).map(([name, o]) => {
    const text = help.describe[name] ?? "";
    const takesValue = o.type === "string";
    const space = text.indexOf(" ");
    const placeholder = takesValue && text.startsWith("<") && space > 0 ? text.slice(0, space) : takesValue ? "<值>" : "";
    const what = takesValue && text.startsWith("<") && space > 0 ? text.slice(space + 1) : text;
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${placeholder ? ` ${placeholder}` : ""}`;
    return [flag, what] as const;
  });
  rows.push(["-h, --help", "显示本帮助"]);
  const width = Math.max(...rows.map(([flag]) => displayWidth(flag)));
  return rows.map(([flag, what]) => `  ${padEnd(flag, width + 2)}${what}`);
}

/** Columns a terminal gives a string: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/** The full help of a command, for `zwgk <命令> --help`. */
export function formatHelp(help: CommandHelp): string {
  const [first, ...rest] = help.usage;
  return [
    `用法：${first}`,
    ...rest.map((l) => `      ${l}`),
    "",
    help.description,
    "",
    "选项：",
    ...optionLines(help),
    "",
    "示例：",
    ...help.examples.flatMap(([command, what]) => [`  ${command}`, `      ${what}`]),
  ].join("\n");
}

/** The usage lines and where to find more, for usage errors. */
export function shortUsage(help: CommandHelp): string {
  const [first, ...rest] = help.usage;
  return [`用法：${first}`, ...rest.map((l) => `      ${l}`), `选项和示例：zwgk ${help.name} --help`].join("\n");
}

/** `text` padded with spaces to `columns` terminal columns. */
export function padEnd(text: string, columns: number): string {
  return text + " ".repeat(Math.max(0, columns - displayWidth(text)));
}
