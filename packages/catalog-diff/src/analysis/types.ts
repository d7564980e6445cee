import type { Jurisdiction } from "@zwgk/catalog-schemas";
import type { JurisdictionLevel, RuleSetting, Severity } from "@zwgk/catalog-core";

/**
 * The four kinds of cross-catalog finding (梳理不重复、事项无遗漏、公开标准统一, 三级四同), and
 * `notice`: what the analysis could not do (a file whose body is unknown, a body with nothing to
 * check gaps against, a search stopped at its limit).
 */
export type AnalysisKind = "duplicate" | "gap" | "conflict" | "level-mismatch" | "notice";

/** An entry a finding concerns: where it is (file, sheet, row), its 事项 name, and its position in the input. */
export interface AnalysisEntryRef {
  file?: string;
  sheet?: string;
  row?: number;
  /** The 事项 as a person names it (`最低生活保障 / 审批`), or the catalog's title when `index` is -1. */
  name: string;
  /** Index of the catalog in the input array. */
  catalog: number;
  /** Index of the entry in that catalog's `entries`; -1 when the finding is about the catalog as a whole. */
  index: number;
}

/** One field of two entries side by side, so that a clerk can judge a finding. */
export interface FieldComparison {
  /** Model field: `items`, `content`, `timeLimit`, … */
  field: string;
  /** Chinese label: 公开事项, 公开内容（要素）, 公开时限, … */
  label: string;
  /** The value in the first entry, as text. */
  a: string;
  /** The value in the second entry, as text. */
  b: string;
  /** Similarity of the two texts in [0, 1] (Dice over bigrams of the matching keys; 1 when equal). */
  similarity: number;
}

/** One finding of `analyzeCatalogs`. */
export interface AnalysisFinding {
  kind: AnalysisKind;
  /** Stable rule id (see `ANALYSIS_RULES`): `duplicate-exact`, `duplicate-near`, `gap-power-not-disclosed`, … */
  rule: string;
  severity: Severity;
  /** What is wrong, in Chinese. */
  message: string;
  /** What to do next, in Chinese. */
  hint: string;
  /**
   * Similarity of the compared names (Dice over bigrams of the matching keys): for duplicates and
   * conflicts, of the names as written; for gaps, of the nearest disclosure entry.
   */
  score?: number;
  /** Why the entries were taken as one item (or why none covers the item), in Chinese. */
  reason?: string;
  /** The compared fields (near duplicates: every field; conflicts and level mismatches: the differing ones). */
  fields?: FieldComparison[];
  entries: AnalysisEntryRef[];
}

/** Options of `analyzeCatalogs`. */
export interface AnalyzeOptions {
  /** Which analyses to run; all by default. */
  checks?: Partial<Record<Exclude<AnalysisKind, "notice">, boolean>>;
  /** Per-rule severity or "off" (rule ids of `ANALYSIS_RULES`), as `rules` in zwgk.config.json. */
  severities?: Readonly<Record<string, RuleSetting>>;
  /**
   * All catalogs belong to one body: the caller knows (e.g. drafting a body's catalog from its own
   * 权责清单). No body is read from the catalogs and none is reported as unknown.
   */
  oneBody?: boolean;
  /**
   * Jurisdiction of catalogs that name none, neither in `jurisdiction` nor in their title nor in
   * their codes (the `jurisdiction` of zwgk.config.json).
   */
  jurisdiction?: Jurisdiction;
  /** Name similarity from which two entries may be duplicates (Dice over bigrams, default 0.8). */
  nearThreshold?: number;
  /**
   * Level whose statutory categories (条例第二十条、第二十一条) the disclosure catalogs must cover.
   * Default: the catalogs' `jurisdiction.level`, else 县.
   */
  level?: JurisdictionLevel;
  /** More words that tell similar names apart (added to `VARIANT_WORDS`). */
  variantWords?: readonly string[];
  /** Bounds on the searches' work and on the near duplicates listed; unset ones keep their defaults ({@link AnalysisLimits}). */
  limits?: Partial<AnalysisLimits>;
}

/**
 * Bounds on the analysis's work and on what it lists, so that names built to defeat the searches (or a
 * province with thousands of numbered series) cannot exhaust time or memory. A search that reaches one
 * stops, keeps what it found and says so once (`analysis-limit`, `analysis-gap-limit`), naming the
 * bound; on the command line each is a `--limit` of the same name. Defaults: `DEFAULT_ANALYSIS_LIMITS`.
 */
export interface AnalysisLimits {
  /**
   * Near-duplicate findings listed in one run (by the DuckDB engine: per body); more are counted in
   * the `analysis-limit` notice. Default 5,000 (~1.7 KB each with their compared fields, measured).
   */
  maxNearDuplicates: number;
  /**
   * Pairs of similar names the near-duplicate search keeps for one pool of a body (disclosure,
   * powers, services), counting only those the matcher takes for one item. Default 50,000.
   */
  maxSimilarNamePairs: number;
  /**
   * Candidate name pairs one similarity search compares (the near duplicates of one pool; the gap
   * coverage of one power or service list). Default 40,000,000: a few seconds of counting.
   */
  maxNameComparisons: number;
  /**
   * Similar name pairs one search may examine and set aside as different items (numbered series,
   * 审核/审批 …) before it stops: the near-duplicate matcher, the gap coverage's wording test.
   * Default 1,000,000: a few seconds.
   */
  maxRejectedNamePairs: number;
}
