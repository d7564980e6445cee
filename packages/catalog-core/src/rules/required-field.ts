import type { CatalogKind } from "@zwgk/catalog-schemas";
import { fieldLabel } from "../labels.js";
import { KIND_SHORT_LABELS } from "../model.js";
import { closestText } from "../normalize.js";
import { defineRule } from "../rule.js";
import { ALL_KINDS, fieldReader, isBlank, layoutFields } from "./shared.js";

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
      "unrecognised-column": "{column} 列的表头「{header}」未被识别；目录中没有「{label}」列，最接近的就是这一列。",
    },
    hints: {
      missing: "请填写「{label}」。{kind}的必填内容为：{required}。",
      "no-channel": "请至少勾选一个公开渠道（■），或直接写出渠道名称。",
      "missing-column": "请在表格中增加「{label}」列并逐项填写。{unrecognised}",
      "unrecognised-column":
        "如果这一列就是「{label}」，请在 zwgk.config.json 中加上 \"columns\": { \"{header}\": \"{field}\" }（或把表头改为「{label}」）。",
    },
  },
  create(context) {
    const kind = context.kind;
    const layout = layoutFields(context.header);
    const labels = REQUIRED_FIELDS[kind].map((f) => fieldLabel(kind, f));
    const kindName = KIND_SHORT_LABELS[kind];
    const required = labels.join("、");
    // Fields whose column the layout lacks are reported once for the catalog, not on every row.
    const checked: Array<{ field: string; read: (entry: object) => unknown; data: Record<string, string> }> = [];
    // Columns whose header matched no field: a missing column is often one of these, worded locally.
    const unrecognised = (context.header.source?.columns ?? []).filter((c) => !c.field);
    const claimed = new Set<string>();
    REQUIRED_FIELDS[kind].forEach((field, i) => {
      const data = { label: labels[i]!, kind: kindName, required };
      if (layout && !layout.has(field)) {
        const near = closestColumn(labels[i]!, unrecognised, claimed);
        if (near) {
          claimed.add(near.column);
          context.report({ messageId: "unrecognised-column", column: near.column, data: { ...data, field, column: near.column, header: near.header } });
        } else {
          const list = unrecognised.map((c) => `${c.column} 列「${c.header}」`).join("、");
          const advice = list ? `若表中某一列就是它（未识别的列：${list}），请在 zwgk.config.json 的 columns 中把该列名映射到 "${field}"。` : "";
          context.report({ messageId: "missing-column", data: { ...data, unrecognised: advice } });
        }
      } else checked.push({ field, read: fieldReader(field), data });
    });
    return {
      entry(entry, index) {
        for (const { field, read, data } of checked) {
          const value = read(entry);
          if (!isBlank(value)) continue;
          const channelsUnticked = field === "channels" && value !== undefined && !isBlank((value as { raw?: string }).raw);
          context.report({ messageId: channelsUnticked ? "no-channel" : "missing", entry: index, field, data });
        }
      },
    };
  },
});

/** The unrecognised column whose header (or its last part, for 父/子 headers) is closest to `label`. */
function closestColumn(label: string, columns: ReadonlyArray<{ column: string; header: string }>, claimed: ReadonlySet<string>) {
  const byText = new Map<string, { column: string; header: string }>();
  for (const c of columns) {
    if (claimed.has(c.column)) continue;
    byText.set(c.header, c);
    byText.set(c.header.split("/").at(-1)!, c);
  }
  const text = closestText(label, byText.keys());
  return text === undefined ? undefined : byText.get(text);
}
