/**
 * @zwgk/catalog-derive — catalogs derived the way the policies prescribe: disclosure entries drafted
 * from 权责清单 and 公共服务事项清单 by one documented table (type → information produced, with its
 * legal source), merged into an existing catalog by the same coverage logic as the gap analysis
 * (动态调整), and 村（居）政务公开事项清单 formed from standard catalogs. Pure functions over the
 * `Catalog` model; no file access, runs in browsers.
 *
 * @example
 * ```ts
 * import { draftCatalog, draftRowMarks } from "@zwgk/catalog-derive";
 * const result = draftCatalog([powerCatalog], { into: existingCatalog });
 * result.catalog;              // existing entries untouched, then the drafted ones
 * result.deletionCandidates;   // entries whose power is no longer listed
 * const rowMarks = draftRowMarks(result); // for writeCatalogXlsx(result.catalog, { rowMarks })
 * ```
 * @packageDocumentation
 */
export type { DerivationRule, DerivationSubject, TimeLimitInfo, TimeLimitRule } from "./table.js";
export { DERIVATION_TABLE, rulesFor, TIME_LIMITS } from "./table.js";
export type { DeletionCandidate, DisclosureCatalog, DraftedEntry, DraftOptions, DraftResult, SourceCatalog } from "./draft.js";
export { draftCatalog, draftRowMarks, isPending } from "./draft.js";
export type { VillageOptions, VillageReason, VillageResult, VillageRow } from "./village.js";
export { DEFAULT_TOWNSHIP, VILLAGE_FOCUS, villageList, villageRowMarks, withVillageLayout } from "./village.js";
export type { DraftSummary } from "./summary.js";
export { entryPlace, summarizeDraft, summarizeVillage } from "./summary.js";
export type { DeriveErrorCode } from "./errors.js";
export { DeriveError } from "./errors.js";
export { ATTRIBUTE_HEADER, derivationText, PENDING_ATTRIBUTE, ROW_FILLS } from "./provenance.js";
