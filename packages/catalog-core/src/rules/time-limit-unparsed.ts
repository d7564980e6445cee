import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import { fieldLabel } from "../labels.js";
import { defineRule } from "../rule.js";
import { DISCLOSURE_KINDS, isBlank, readTimeLimit } from "./shared.js";

/** The `time-limit-unparsed` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "time-limit-unparsed",
    severity: "warning",
    kinds: DISCLOSURE_KINDS,
    description: "公开时限应能被读懂：期限（如“20个工作日内”）、固定日期（如“每年1月31日前”）、实时公开或及时公开。",
    messages: {
      unparsed: "无法识别「{label}」：{reason}",
    },
    hints: {
      unparsed: "请使用规范写法，如“信息形成或者变更之日起20个工作日内”“每年1月31日前”“实时公开”。",
    },
  },
  create(context) {
    const label = fieldLabel(context.kind, "timeLimit");
    return {
      entry(entry, index) {
        const timeLimit = (entry as DisclosureEntry).timeLimit;
        if (!timeLimit || isBlank(timeLimit)) return; // required-field reports a blank one
        const { error } = readTimeLimit(timeLimit);
        if (error) context.report({ messageId: "unparsed", entry: index, field: "timeLimit", data: { label, reason: error } });
      },
    };
  },
});
