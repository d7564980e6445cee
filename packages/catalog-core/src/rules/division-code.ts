import { checkDivisionCode } from "../codes.js";
import { defineRule } from "../rule.js";
import { ALL_KINDS } from "./shared.js";

/** The `division-code` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "division-code",
    severity: "error",
    kinds: ALL_KINDS,
    description: "目录所属行政区划的行政区划代码应为6位或12位数字，省级代码存在，且与所填层级一致。",
    messages: {
      invalid: "「行政区划代码」不正确：{reason}",
      level: "「行政区划代码」「{code}」是{codeLevel}级代码，与所填层级「{level}」不一致。",
    },
    hints: {
      invalid: "请填写 GB/T 2260 的6位行政区划代码（如 511602），或政务服务平台的12位代码（如 511602000000）。",
      level: "请核对行政区划代码或层级。",
    },
  },
  create(context) {
    const jurisdiction = context.header.jurisdiction;
    const code = jurisdiction?.code?.trim();
    if (!code) return {};
    const check = checkDivisionCode(code);
    if (!check.ok) {
      context.report({ messageId: "invalid", field: "jurisdiction.code", data: { reason: check.error } });
    } else if (jurisdiction?.level && jurisdiction.level !== check.level) {
      context.report({
        messageId: "level",
        field: "jurisdiction.code",
        severity: "warning",
        data: { code, codeLevel: check.level, level: jurisdiction.level },
      });
    }
    return {};
  },
});
