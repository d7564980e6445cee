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
export { schemaIssueMessage } from "./schema-messages.js";
export {
  createFindingCap,
  createLocator,
  createValidator,
  DEFAULT_MAX_DUPLICATE_KEYS,
  DEFAULT_MAX_FINDINGS_PER_RULE,
  VALIDATION_LIMIT_DEFAULTS,
  validateCatalog,
  validationLimits,
} from "./engine.js";
export { entryFields, fieldLabel } from "./labels.js";
export { closestText, nfkc, normalizeForMatch, similarity, tidyText, toSimplified } from "./normalize.js";
export { builtinRules } from "./rules/index.js";
export type { TimeLimitParse } from "./parse/time-limit.js";
export { parseTimeLimit, statutoryWorkingDays } from "./parse/time-limit.js";
export { citedDocuments, hasLegalCitation, isSameAsAbove, parseBasis } from "./parse/basis.js";
export { formatChannels, parseChannels } from "./parse/channels.js";
export type { DivisionCodeCheck, DivisionLevel, ImplementationCode, ImplementationCodeParse } from "./codes.js";
export {
  checkCreditCode,
  checkDivisionCode,
  checkOrganizationCode,
  creditCodeCheckCharacter,
  parseImplementationCode,
} from "./codes.js";
export type { DomainGuideline, DomainInfo, DomainMatch } from "./reference/domains.js";
export { closestDomain, DOMAINS, LOCAL_DOMAINS, resolveDomain } from "./reference/domains.js";
export type { ChannelInfo } from "./reference/channels.js";
export {
  canonicalChannel,
  closestChannel,
  isKnownChannel,
  KNOWN_EXTRA_CHANNELS,
  STANDARD_CHANNELS,
} from "./reference/channels.js";
export type { PowerTypeInfo, PowerTypeMatch } from "./reference/power-types.js";
export { classifyPowerType, closestPowerType, LEGACY_POWER_TYPES, POWER_TYPES } from "./reference/power-types.js";
export type { ItemTypeInfo } from "./reference/item-types.js";
export { canonicalItemType, ITEM_TYPES, itemTypeOfCode } from "./reference/item-types.js";
export type { MarkGroup } from "./reference/marks.js";
export type { Term, VocabularyMatch } from "./reference/vocabulary.js";
export { canonicalMark, isMarked, MARK_LABELS } from "./reference/marks.js";
export type { ClauseReference, JurisdictionLevel, NonDisclosureGround, StatutoryItem, WithholdingEffect } from "./reference/law.js";
export { ARTICLE_20, ARTICLE_21, NON_DISCLOSURE_GROUNDS, parseClauseReference, statutoryCategoriesFor } from "./reference/law.js";
export type {
  BaselineComparison,
  BaselineState,
  BaselineSummary,
  EntryIdentities,
  FileError,
  FileReport,
  FileSummary,
  GithubReportOptions,
  GithubSummaryOptions,
  JsonReportOptions,
  ParseReportResult,
  Report,
  ReportedFinding,
  ReporterOptions,
  ReportSummary,
  SarifReportOptions,
  TextReportOptions,
} from "./report/index.js";
export {
  applyBaseline,
  attachEntryLines,
  BaselineError,
  compareWithBaseline,
  countsText,
  entryIdentity,
  fileReportFor,
  fingerprint,
  formatGithub,
  formatGithubSummary,
  formatJson,
  formatJunit,
  formatSarif,
  formatText,
  parseJsonReport,
  reportFromJson,
  SARIF_FINGERPRINT_KEY,
  summarizeByFile,
  summarizeReport,
  withFingerprints,
} from "./report/index.js";
export type { CatalogReadError, CatalogReadErrorCode, ReadResult, TextFormat, TextLimits } from "./io/errors.js";
export { DEFAULT_TEXT_LIMITS } from "./io/errors.js";
export type { ReadCatalogOptions } from "./io/read.js";
export { readCatalogText } from "./io/read.js";
export type { ByteSource, JsonCatalogEvent, JsonStreamOptions } from "./io/json-stream.js";
export { readCatalogJsonStream } from "./io/json-stream.js";
export { detectFormat } from "./io/decode.js";
export { writeCatalogJson } from "./io/json.js";
export { writeCatalogYaml } from "./io/yaml.js";
export { writeCatalogXml } from "./io/xml-write.js";
export type { CatalogByteWriter, CatalogTextWriter } from "./io/write-stream.js";
export { createCatalogByteWriter, createCatalogWriter } from "./io/write-stream.js";
export { CATALOG_XML_NAMESPACE, escapeXmlAttribute, escapeXmlText } from "./io/xml-text.js";
