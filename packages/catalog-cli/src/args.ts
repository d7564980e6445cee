import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs with Chinese usage errors: unknown flags and missing values exit 2. */
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export function parse<O extends Options>(argv: string[], options: O, usage: string): Parsed<O> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    const missing = /Option '([^']+)[^']*' argument missing/.exec(msg);
    if (unknown) throw new UsageError(`未知选项 ${unknown[1]}。\n${usage}`);
    if (missing) throw new UsageError(`选项 ${missing[1]} 需要一个值。\n${usage}`);
    throw new UsageError(`${msg}\n${usage}`);
  }
}

/** Checks an option against its allowed values. */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`选项 --${name} 的值「${value}」无效，可选：${allowed.join("、")}。`);
}
