import type { PowerEntry, ServiceEntry } from "@zwgk/catalog-schemas";
import { fieldLabel } from "../labels.js";
import { canonicalItemType } from "../reference/item-types.js";
import { classifyPowerType, closestPowerType, POWER_TYPES, type PowerTypeMatch } from "../reference/power-types.js";
import { defineRule } from "../rule.js";

const NINE_PLUS_X = POWER_TYPES.map((t) => t.name).join("、");

/** The `power-type` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "power-type",
    severity: "error",
    kinds: ["power", "service"],
    description: "权力类型（事项类型）应为“9+X”类型之一；旧分类（非行政许可审批、审核转报等）给出警告。公共服务事项清单中“公共服务”是正常类型。",
    messages: {
      unknown: "「{label}」「{type}」不是“9+X”权力类型。",
      "unknown-suggest": "「{label}」「{type}」不是“9+X”权力类型，是否应为「{closest}」？",
      legacy: "「{label}」「{type}」是旧的分类，不在“9+X”权力类型之内。",
    },
    hints: {
      unknown: `权力类型应为：${NINE_PLUS_X}（公共服务事项清单中还可以是“公共服务”）。`,
      "unknown-suggest": `请改为「{closest}」；权力类型应为：${NINE_PLUS_X}（公共服务事项清单中还可以是“公共服务”）。`,
      legacy: `请按现行分类改为：${NINE_PLUS_X}之一。`,
    },
  },
  create(context) {
    const service = context.kind === "service";
    const label = fieldLabel(context.kind, "type");
    const verdicts = new Map<string, PowerTypeMatch | null>();
    const classify = (text: string): PowerTypeMatch | null => {
      let v = verdicts.get(text);
      if (v === undefined) {
        // In a 公共服务事项清单, 公共服务 and the numeric 事项类型 codes are proper types.
        const item = service ? canonicalItemType(text) : undefined;
        v = item === "公共服务" ? { type: item, legacy: false } : (classifyPowerType(item ?? text) ?? null);
        verdicts.set(text, v);
      }
      return v;
    };
    return {
      entry(entry, index) {
        const type = (entry as PowerEntry | ServiceEntry).type?.trim();
        if (!type) return; // required-field reports a missing one
        const v = classify(type);
        if (v && !v.legacy) return;
        if (v) {
          context.report({ messageId: "legacy", entry: index, field: "type", severity: "warning", data: { label, type } });
          return;
        }
        const closest = closestPowerType(type);
        context.report({
          messageId: closest ? "unknown-suggest" : "unknown",
          entry: index,
          field: "type",
          data: closest ? { label, type, closest } : { label, type },
        });
      },
    };
  },
});
