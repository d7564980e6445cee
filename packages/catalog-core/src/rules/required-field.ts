import type { CatalogKind } from "@zwgk/catalog-schemas";
import { fieldLabel } from "../labels.js";
import { KIND_SHORT_LABELS } from "../model.js";
import { defineRule } from "../rule.js";
import { ALL_KINDS, fieldValue, isBlank, layoutFields } from "./shared.js";

/**
 * What each kind must fill, after REFERENCE §3–§6: a 标准目录 row names both 事项 levels and the
 * whole disclosure standard; a 补充目录 has no 公开主体 (the department is the subject) and often a
 * single 事项 level; a 权责清单 power needs its type and legal basis; a 公共服务事项 its 实施主体
 * (实施编码 is not required: county 公共服务事项清单 often carry no platform code).
 */
export const REQUIRED_FIELDS: Readonly<Record<CatalogKind, readonly string[]>> = Object.freeze({
  standard: ["items.0", "items.1", "content", "basis", "timeLimit", "subject", "channels"],
  supplementary: ["items.0", "content", "basis", "timeLimit", "channels"],
  power: ["type", "name", "basis"],
  service: ["name", "subject"],
});

/** The `required-field` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "required-field",
    severity: "error",
    kinds: ALL_KINDS,
    description: "每一项都须填写本类目录的必填内容（如标准目录的一级事项、二级事项、公开内容、公开依据、公开时限、公开主体、公开渠道和载体）。",
    messages: {
      missing: "缺少「{label}」。",
      "no-channel": "「{label}」没有选中任何渠道。",
      "missing-column": "目录中没有「{label}」列，{kind}的每一项都须填写该内容。",
    },
    hints: {
      missing: "请填写「{label}」。{kind}的必填内容为：{required}。",
      "no-channel": "请至少勾选一个公开渠道（■），或直接写出渠道名称。",
      "missing-column": "请在表格中增加「{label}」列并逐项填写。",
    },
  },
  create(context) {
    const kind = context.kind;
    const layout = layoutFields(context.header);
    const labels = REQUIRED_FIELDS[kind].map((f) => fieldLabel(kind, f));
    const kindName = KIND_SHORT_LABELS[kind];
    const required = labels.join("、");
    // Fields whose column the layout lacks are reported once for the catalog, not on every row.
    const checked: Array<{ field: string; data: Record<string, string> }> = [];
    REQUIRED_FIELDS[kind].forEach((field, i) => {
      const data = { label: labels[i]!, kind: kindName, required };
      if (layout && !layout.has(field)) {
        context.report({ messageId: "missing-column", data });
      } else checked.push({ field, data });
    });
    return {
      entry(entry, index) {
        for (const { field, data } of checked) {
          const value = fieldValue(entry, field);
          if (!isBlank(value)) continue;
          const channelsUnticked = field === "channels" && value !== undefined && !isBlank((value as { raw?: string }).raw);
          context.report({ messageId: channelsUnticked ? "no-channel" : "missing", entry: index, field, data });
        }
      },
    };
  },
});
