// The zod schema of zwgk.config.json. Its own module, loaded only when a config file is found: zod
// alone takes longer to load than reading a small catalog, and most runs have no config file.
import { builtinRules, closestText } from "@zwgk/catalog-core";
import { ANALYSIS_RULES } from "@zwgk/catalog-diff";
import { overrideFieldProblem, WORKBOOK_RULES } from "@zwgk/catalog-xlsx";
import { z } from "zod";

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
