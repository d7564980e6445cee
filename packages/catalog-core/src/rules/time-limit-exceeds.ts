import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import { fieldLabel } from "../labels.js";
import { statutoryWorkingDays } from "../parse/time-limit.js";
import { defineRule } from "../rule.js";
import { citesOtherLaw, DISCLOSURE_KINDS, parsedTimeLimit } from "./shared.js";

/** 条例 第二十六条: within 20 working days of the information being formed or changed. */
const STATUTORY_WORKING_DAYS = 20;

/** The `time-limit-exceeds` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "time-limit-exceeds",
    severity: "error",
    kinds: DISCLOSURE_KINDS,
    description: "公开时限不得长于条例第二十六条规定的20个工作日，除非时限写明“法律、法规另有规定的，从其规定”或公开依据引用了其他法律法规。",
    messages: {
      exceeds: "「{label}」「{raw}」长于条例第二十六条规定的20个工作日（最多约{days}个工作日）。",
    },
    hints: {
      exceeds: "请改为20个工作日以内；如果法律、法规另有规定，请在「{basisLabel}」中写明该法律法规及条款（如《中华人民共和国预算法》第十四条）。",
    },
  },
  create(context) {
    const label = fieldLabel(context.kind, "timeLimit");
    const basisLabel = fieldLabel(context.kind, "basis");
    return {
      entry(e, index) {
        const entry = e as DisclosureEntry;
        const parsed = parsedTimeLimit(entry.timeLimit);
        if (!parsed || parsed.lawOverride) return;
        const days = statutoryWorkingDays(parsed);
        if (days === undefined || days <= STATUTORY_WORKING_DAYS || citesOtherLaw(entry.basis)) return;
        context.report({
          messageId: "exceeds",
          entry: index,
          field: "timeLimit",
          data: { label, raw: entry.timeLimit!.raw.trim(), days, basisLabel },
        });
      },
    };
  },
});
