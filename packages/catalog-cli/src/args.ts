import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/**
 * node:util parseArgs with Chinese usage errors: unknown flags and missing values exit 2. The error is
 * told by its stable `code`, never by Node's English wording; which argument it was comes from our own
 * scan of argv.
 */
export function parse<O extends Options>(argv: string[], options: O, usage: string): Parsed<O> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const culprit = findCulprit(argv, options);
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new UsageError(`未知选项 ${culprit?.kind === "unknown" ? culprit.arg : "（见上方命令行）"}。\n${usage}`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      if (culprit?.kind === "flag-with-value") throw new UsageError(`选项 ${culprit.arg} 不带值。\n${usage}`);
      const name = culprit?.kind === "missing-value" ? culprit.arg : "";
      throw new UsageError(`选项 ${name} 需要一个值（以 - 开头的值请写成 ${name || "--选项"}=值）。\n${usage}`);
    }
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_")) throw new UsageError(`命令行参数无效。\n${usage}`);
    throw e;
  }
}

interface Culprit {
  kind: "unknown" | "missing-value" | "flag-with-value";
  /** The option as the user wrote it (--name or -x). */
  arg: string;
}

/** Finds the first argument parseArgs (strict) rejects, the way it reads argv. */
export function findCulprit(argv: readonly string[], options: Options): Culprit | undefined {
  const byShort = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) if (o.short) byShort.set(o.short, name);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return undefined;
    if (!arg.startsWith("-") || arg === "-") continue;
    const next = argv[i + 1];
    const needsValue = () => next === undefined || (next.startsWith("-") && next !== "-");
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const option = options[name];
      if (!option) return { kind: "unknown", arg: `--${name}` };
      if (option.type === "boolean" && eq >= 0) return { kind: "flag-with-value", arg: `--${name}` };
      if (option.type === "string" && eq < 0) {
        if (needsValue()) return { kind: "missing-value", arg: `--${name}` };
        i++;
      }
      continue;
    }
    // -abc: a group of short flags; a string option takes the rest of the group or the next argument.
    for (let j = 1; j < arg.length; j++) {
      const name = byShort.get(arg[j]!);
      if (!name) return { kind: "unknown", arg: `-${arg[j]}` };
      if (options[name]!.type === "string") {
        if (j === arg.length - 1) {
          if (needsValue()) return { kind: "missing-value", arg: `-${arg[j]}` };
          i++;
        }
        break;
      }
    }
  }
  return undefined;
}

/** Checks an option against its allowed values. */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`选项 --${name} 的值「${value}」无效，可选：${allowed.join("、")}。`);
}
