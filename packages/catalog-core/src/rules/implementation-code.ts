import type { ServiceEntry } from "@zwgk/catalog-schemas";
import { checkCreditCode, checkOrganizationCode, creditCodeCheckCharacter, parseImplementationCode } from "../codes.js";
import { fieldLabel } from "../labels.js";
import { canonicalItemType, itemTypeOfCode } from "../reference/item-types.js";
import { defineRule } from "../rule.js";

/** The `implementation-code` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "implementation-code",
    severity: "error",
    kinds: ["service"],
    description: "实施编码应能按“事项编码-行政区划代码-3位-实施主体代码-1位-2位”分段，实施主体的统一社会信用代码校验位正确，编码中的类型字母与事项类型一致。",
    messages: {
      shape: "「{label}」格式不正确：{reason}",
      "credit-code": "「{label}」中的统一社会信用代码「{subject}」校验位不正确。",
      "organization-code": "「{label}」中的组织机构代码「{subject}」校验位不正确。",
      "subject-shape": "「{label}」中的实施主体代码「{subject}」既不是18位统一社会信用代码，也不是9位组织机构代码。",
      "type-mismatch": "「{label}」的类型字母表示{codeType}，与「{typeLabel}」「{type}」不一致。",
    },
    hints: {
      shape: "请从政务服务平台复制完整的实施编码，如 511A0138000000-511602000000-000-115113010833722043-1-00。",
      "credit-code": "按前17位计算，校验位应为「{expected}」；请核对实施主体的统一社会信用代码。",
      "organization-code": "请核对实施主体的组织机构代码，或改用18位统一社会信用代码。",
      "subject-shape": "请将实施主体代码改为实施主体的18位统一社会信用代码。",
      "type-mismatch": "请核对事项类型或实施编码，二者应一致。",
    },
  },
  create(context) {
    const label = fieldLabel(context.kind, "code");
    const typeLabel = fieldLabel(context.kind, "type");
    // A district has a few dozen bodies and a handful of types: decide each once per catalog.
    const subjectValid = new Map<string, boolean>();
    const typeNames = new Map<string, string | undefined>();
    const validSubject = (subject: string, kind: "credit" | "organization") => {
      let ok = subjectValid.get(subject);
      if (ok === undefined) {
        ok = kind === "credit" ? checkCreditCode(subject) : checkOrganizationCode(subject);
        subjectValid.set(subject, ok);
      }
      return ok;
    };
    const typeName = (type: string) => {
      if (!typeNames.has(type)) typeNames.set(type, canonicalItemType(type));
      return typeNames.get(type);
    };
    return {
      entry(e, index) {
        const entry = e as ServiceEntry;
        if (!entry.code?.trim()) return;
        const { code, error } = parseImplementationCode(entry.code);
        if (!code) {
          context.report({ messageId: "shape", entry: index, field: "code", data: { label, reason: error! } });
          return;
        }
        const subject = code.subject;
        if (code.subjectKind === "credit" && !validSubject(subject, "credit")) {
          const expected = creditCodeCheckCharacter(subject.slice(0, 17)) ?? "（前17位含有不允许的字符）";
          context.report({ messageId: "credit-code", entry: index, field: "code", data: { label, subject, expected } });
        } else if (code.subjectKind === "organization" && !validSubject(subject, "organization")) {
          context.report({ messageId: "organization-code", entry: index, field: "code", data: { label, subject } });
        } else if (code.subjectKind === "other") {
          context.report({ messageId: "subject-shape", entry: index, field: "code", data: { label, subject } });
        }
        const codeType = itemTypeOfCode(code);
        const type = entry.type?.trim();
        if (!codeType || !type) return;
        const written = typeName(type);
        if (written && written !== codeType) {
          context.report({
            messageId: "type-mismatch",
            entry: index,
            field: "code",
            severity: "warning",
            data: { label, codeType, typeLabel, type },
          });
        }
      },
    };
  },
});
