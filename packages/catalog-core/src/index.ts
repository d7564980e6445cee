/**
 * @zwgk/catalog-core — the 政务公开目录 model in use: reference data (the 26 domains, the 13 channels,
 * the 9+X power types, the 条例 categories), normalisation for matching, the 公开时限 parser, and the
 * rule engine that turns a catalog into located, Chinese-language findings.
 *
 * @example
 * ```ts
 * import { validateCatalog, builtinRules } from "@zwgk/catalog-core";
 * const findings = validateCatalog(JSON.parse(text), { rules: builtinRules });
 * for (const f of findings) console.log(f.severity, f.rule, f.message, f.hint);
 * ```
 * @packageDocumentation
 */
export type { Finding, Location, Severity } from "./finding.js";
export { fillTemplate, formatPlace, SEVERITY_ORDER } from "./finding.js";
export type { CatalogHeader, CatalogStream } from "./model.js";
export { entryName, KIND_LABELS, KIND_SHORT_LABELS } from "./model.js";
export type { Rule, RuleContext, RuleMeta, RuleReport, RuleVisitor } from "./rule.js";
export { defineRule } from "./rule.js";
export type { EntryValidator, RuleSetting, ValidateOptions } from "./engine.js";
export { createLocator, createValidator, validateCatalog } from "./engine.js";
export { entryFields, fieldLabel } from "./labels.js";
export { normalizeForMatch, similarity, tidyText, toSimplified } from "./normalize.js";
export { builtinRules } from "./rules/index.js";
