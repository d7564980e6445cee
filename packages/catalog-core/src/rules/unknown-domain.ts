import { fieldLabel } from "../labels.js";
import { closestDomain, resolveDomain } from "../reference/domains.js";
import { defineRule } from "../rule.js";

/** The `unknown-domain` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "unknown-domain",
    severity: "warning",
    kinds: ["standard"],
    description: "标准目录的领域应为26个试点领域之一（或其常见别名）；地方扩展领域给出提示。",
    messages: {
      unknown: "「{label}」「{domain}」不是26个试点领域之一。",
      "unknown-suggest": "「{label}」「{domain}」不是26个试点领域之一，是否应为「{closest}」？",
      local: "「{label}」「{domain}」是地方扩展领域，不在国家26个试点领域之内。",
      missing: "目录没有写明「{label}」，标题中也没有试点领域的名称。",
      "missing-title": "标题中没有写明「{label}」（26个试点领域之一）。",
    },
    hints: {
      unknown: "请使用试点领域的规范名称，如“社会救助”“户籍管理”；地方自设领域请确认名称。",
      "unknown-suggest": "请改为「{closest}」，或确认这是地方自设的领域。",
      local: "地方扩展领域没有国家标准指引，请对照本地的目录编制要求检查。",
      missing: "请在目录信息中填写领域，如“社会救助”，或在标题中写明“××领域基层政务公开标准目录”。",
      "missing-title": "请把标题写成“××领域基层政务公开标准目录”，如“社会救助领域基层政务公开标准目录”。",
    },
  },
  create(context) {
    const { header } = context;
    const label = fieldLabel(context.kind, "domain");
    const domain = header.domain?.trim();
    if (!domain) {
      if (header.title && resolveDomain(header.title)) return {};
      const source = header.source;
      if (!source?.sheet) {
        context.report({ messageId: "missing", field: "domain", data: { label } });
        return {};
      }
      // A workbook states its domain in the title row above the header: point at that cell. A sheet
      // without a title row has no place for it, so there is nothing to point at.
      const titleRow = (source.headerRows?.[0] ?? 1) - 1;
      if (titleRow >= 1) context.report({ messageId: "missing-title", column: "A", row: titleRow, data: { label } });
      return {};
    }
    const match = resolveDomain(domain);
    if (match?.local) {
      context.report({ messageId: "local", field: "domain", severity: "info", data: { label, domain } });
    } else if (!match) {
      const closest = closestDomain(domain);
      context.report({
        messageId: closest ? "unknown-suggest" : "unknown",
        field: "domain",
        data: closest ? { label, domain, closest } : { label, domain },
      });
    }
    return {};
  },
});
