import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { builtinRules, closestText } from "@zwgk/catalog-core";
import { ANALYSIS_RULES } from "@zwgk/catalog-diff";
import { overrideFieldProblem, WORKBOOK_RULES } from "@zwgk/catalog-xlsx";
import { z } from "zod";
import { InputError } from "./errors.js";

// zod's own messages in Simplified Chinese: configuration errors are read by clerks too.
z.config(z.locales.zhCN());

/** Every rule whose severity the config may set: the validation, workbook and analysis rules. */
const RULE_IDS: readonly string[] = [...builtinRules.map((r) => r.meta.id), ...WORKBOOK_RULES.map((r) => r.id), ...ANALYSIS_RULES.map((r) => r.id)];

const severity = z.enum(["error", "warning", "info", "off"]);
const jurisdiction = z.strictObject({
  name: z.string().min(1),
  level: z.enum(["省", "市", "县", "乡", "村"]).optional(),
  code: z.string().regex(/^(\d{6}|\d{12})$/, "行政区划代码应为 6 位或 12 位数字").optional(),
});

/**
 * `zwgk.config.json`: project settings for a catalog repository or an office's checks.
 * Validated with zod; unknown keys are errors so a typo never silently does nothing.
 */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Rule id → severity or "off". An id no rule has is an error: a typo must not silently do nothing. */
    rules: z
      .record(z.string().regex(/^[a-z0-9-]+$/, "规则 id 只含小写字母、数字和连字符"), severity)
      .superRefine((rules, ctx) => {
        for (const id of Object.keys(rules)) {
          if (RULE_IDS.includes(id)) continue;
          const near = closestText(id, RULE_IDS);
          ctx.addIssue({ code: "custom", path: [id], message: `没有这条规则${near ? `，是否想写「${near}」？` : "。"}规则 id 见 docs/rules.md。` });
        }
      })
      .default({}),
    /** Header text of a local column → model field (e.g. "办理科室": "subject"), for Excel import. */
    columns: z
      .record(z.string().min(1), z.string().min(1))
      .superRefine((columns, ctx) => {
        // Checked here, so a typo is reported under `columns` and the user's own header text.
        for (const [header, field] of Object.entries(columns)) {
          const problem = overrideFieldProblem(header, field);
          if (problem) ctx.addIssue({ code: "custom", path: [header], message: problem });
        }
      })
      .default({}),
    /** Defaults for catalogs that do not name their jurisdiction. */
    jurisdiction: jurisdiction.optional(),
    /**
     * The body (单位) of particular files, for `check`: file name (or path relative to the config
     * file) → jurisdiction and/or department. Overrides what the catalog itself says.
     */
    bodies: z
      .record(
        z.string().min(1),
        z.strictObject({ jurisdiction: jurisdiction.optional(), department: z.string().min(1).optional() }).refine((b) => b.jurisdiction || b.department, "请至少写明 jurisdiction 或 department"),
      )
      .default({}),
  });

export type Config = z.infer<typeof configSchema>;
export const CONFIG_FILE = "zwgk.config.json";

/** Finds zwgk.config.json from `cwd` upwards (or takes `explicit`), parses and validates it. */
export function loadConfig(cwd: string, explicit?: string): { config: Config; file?: string } {
  const file = explicit ? resolve(cwd, explicit) : findUp(cwd);
  if (!file) return { config: configSchema.parse({}) };
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
