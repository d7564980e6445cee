import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Config } from "./config-schema.js";
import { InputError } from "./errors.js";

export type { Config } from "./config-schema.js";

/**
 * The settings when there is no config file: what `configSchema.parse({})` gives (a test holds the
 * two equal), without loading zod for the common run that has no config file.
 */
export function defaultConfig(): Config {
  return { rules: {}, columns: {}, bodies: {} };
}

export const CONFIG_FILE = "zwgk.config.json";

/** Finds zwgk.config.json from `cwd` upwards (or takes `explicit`), parses and validates it. */
export async function loadConfig(cwd: string, explicit?: string): Promise<{ config: Config; file?: string }> {
  const file = explicit ? resolve(cwd, explicit) : findUp(cwd);
  if (!file) return { config: defaultConfig() };
  if (!existsSync(file)) throw new InputError("找不到配置文件。", { file, hint: "请检查 --config 参数指向的路径。" });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"), (key, value: unknown) => {
      if (key === "__proto__" || key === "constructor" || key === "prototype") {
        throw new InputError(`配置文件含有不允许的键「${key}」。`, { file, hint: "请删除该键。" });
      }
      return value;
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`配置文件不是有效的 JSON：${(e as Error).message}`, { file, hint: "请用 JSON 校验工具检查括号和逗号。" });
  }
  const { configSchema } = await import("./config-schema.js");
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(根)"}：${i.message}`);
    throw new InputError(`配置文件有误：\n${lines.join("\n")}`, {
      file,
      hint: "配置项见 docs/CONFIG.md：rules（规则级别）、columns（自定义列）、jurisdiction（默认行政区划）、bodies（文件所属单位）。",
    });
  }
  return { config: parsed.data, file };
}

function findUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
