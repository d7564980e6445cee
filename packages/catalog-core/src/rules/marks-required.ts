import type { CatalogKind } from "@zwgk/catalog-schemas";
import { fieldLabel } from "../labels.js";
import { MARK_LABELS, type MarkGroup } from "../reference/marks.js";
import { defineRule } from "../rule.js";
import { DISCLOSURE_KINDS, layoutMarkLabels } from "./shared.js";

/** The flag groups each disclosure kind normally has: 补充目录 have no 公开层级 (REFERENCE §4). */
const DEFAULT_GROUPS: Partial<Record<CatalogKind, readonly MarkGroup[]>> = {
  standard: ["audience", "method", "levels"],
  supplementary: ["audience", "method"],
};
const GROUPS: readonly MarkGroup[] = ["audience", "method", "levels"];

/** The `marks-required` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "marks-required",
    severity: "error",
    kinds: DISCLOSURE_KINDS,
    description: "公开对象、公开方式、公开层级每组至少勾选一项（只检查表格中有的组；没有列信息时按目录类型检查）。",
    messages: {
      none: "「{label}」一项也没有勾选。",
    },
    hints: {
      none: "请在「{label}」下至少勾选（√）一项：{options}。",
    },
  },
  create(context) {
    const { kind, header } = context;
    const columns = header.source?.columns;
    const groups = columns?.length
      ? GROUPS.filter((g) => columns.some((c) => c.field === g))
      : (DEFAULT_GROUPS[kind] ?? []);
    const checks = groups.map((group) => {
      const written = layoutMarkLabels(header, group);
      const options = (written.length ? written : MARK_LABELS[group].map((t) => t.name)).join("、");
      return { group, data: { label: fieldLabel(kind, group), options } };
    });
    return {
      entry(entry, index) {
        for (const { group, data } of checks) {
          const marks = (entry as Partial<Record<MarkGroup, string[]>>)[group];
          if (!marks?.length) context.report({ messageId: "none", entry: index, field: group, data });
        }
      },
    };
  },
});
