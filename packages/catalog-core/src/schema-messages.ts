import type { CatalogKind, SchemaIssue } from "@zwgk/catalog-schemas";
import { CATALOG_KINDS } from "@zwgk/catalog-schemas";
import { fieldLabel } from "./labels.js";

const TYPE_NAMES: Record<string, string> = {
  string: "文本",
  number: "数字",
  integer: "整数",
  boolean: "布尔值",
  array: "列表（数组）",
  object: "对象",
  null: "空值",
};

/** Turns one schema issue into a Chinese message and hint that name the field by its label. */
export function schemaIssueMessage(kind: CatalogKind, issue: SchemaIssue): { message: string; hint: string } {
  const parts = issue.pointer.split("/").filter(Boolean);
  const inEntry = parts[0] === "entries";
  const fieldPath = (inEntry ? parts.slice(2) : parts).join(".");
  const label = (f: string) => (f ? `「${fieldLabel(kind, f)}」(${f})` : inEntry ? "该条目" : "目录");
  const here = label(fieldPath);
  const p = issue.params;
  switch (issue.keyword) {
    case "required": {
      const missing = String(p["missingProperty"]);
      const full = fieldPath ? `${fieldPath}.${missing}` : missing;
      return { message: `缺少必填字段${label(full)}。`, hint: `请补充${label(full)}。` };
    }
    case "additionalProperties":
    case "unevaluatedProperties": {
      const prop = String(p["additionalProperty"] ?? p["unevaluatedProperty"]);
      return {
        message: `${here}中有标准未定义的字段「${prop}」。`,
        hint: "请检查字段名拼写；标准以外的列请放入 extra（其他列）。",
      };
    }
    case "type":
      return {
        message: `${here}的类型应为${TYPE_NAMES[String(p["type"])] ?? String(p["type"])}。`,
        hint: "请按 JSON Schema 修改该值的类型。",
      };
    case "enum":
      return {
        message: `${here}的值不在允许范围内。`,
        hint: `可选值：${(p["allowedValues"] as unknown[]).join("、")}。`,
      };
    case "const":
    case "discriminator":
    case "oneOf":
      if (!fieldPath || fieldPath === "kind") {
        return {
          message: "目录类型（kind）缺失或无法识别。",
          hint: `kind 应为 ${CATALOG_KINDS.join(" / ")} 之一（标准目录 / 补充目录 / 权责清单 / 公共服务事项清单）。`,
        };
      }
      return { message: `${here}的值不符合标准。`, hint: "请对照 JSON Schema 修改。" };
    case "minLength":
    case "minItems":
      return { message: `${here}不能为空。`, hint: `请填写${here}。` };
    case "maxLength":
    case "maxItems":
      return { message: `${here}超出长度上限（${String(p["limit"])}）。`, hint: "请精简内容或拆分为多项。" };
    case "pattern":
      return { message: `${here}的格式不正确。`, hint: `应符合格式 ${String(p["pattern"])}。` };
    case "uniqueItems":
      return { message: `${here}中有重复的值。`, hint: "请删除重复值。" };
    default:
      return { message: `${here}不符合标准（${issue.keyword}）。`, hint: "请对照 JSON Schema 修改。" };
  }
}
