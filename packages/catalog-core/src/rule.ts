import type { CatalogKind, Entry } from "@zwgk/catalog-schemas";
import type { CatalogHeader } from "./model.js";
import type { Location, Severity } from "./finding.js";

/** What a rule declares about itself; the docs table and the README are generated from it. */
export interface RuleMeta {
  /** Stable id, kebab-case, e.g. `required-field`. Never renamed once published. */
  id: string;
  /** Default severity; configurable per rule. */
  severity: Severity;
  /** The catalog kinds the rule applies to. */
  kinds: readonly CatalogKind[];
  /** One line, Simplified Chinese, for the rules table. */
  description: string;
  /** messageId → Simplified Chinese template with `{name}` placeholders. */
  messages: Record<string, string>;
  /** messageId → what to do next (Simplified Chinese template). */
  hints: Record<string, string>;
}

/** What a rule reports; the engine turns it into a located `Finding`. */
export interface RuleReport {
  messageId: string;
  /** Index of the entry in `catalog.entries`; absent for catalog-level findings. */
  entry?: number;
  /** Model field the finding is about, e.g. `timeLimit`, `items.0`, `audience`, or an envelope field. */
  field?: string;
  data?: Record<string, string | number>;
  related?: Location[];
  /** Overrides the rule's severity for this report (e.g. an unknown but plausible value). */
  severity?: Severity;
  /**
   * For a catalog-level report about a spreadsheet column (e.g. a header that was not recognised): its
   * letter. The finding is placed at the column's header cell.
   */
  column?: string;
  /** With `column`: the row of the cell meant, when it is not the header (e.g. the title row). */
  row?: number;
}

/** Handed to `Rule.create`: the catalog header (without entries) and a way to report. */
export interface RuleContext {
  readonly kind: CatalogKind;
  readonly header: CatalogHeader;
  /** Bounds on what a rule keeps across entries (`ValidateOptions`; `--limit` on the command line). */
  readonly limits: { readonly maxDuplicateKeys: number };
  report(report: RuleReport): void;
  /**
   * The location of the entry being visited (and a field of it). Earlier entries are not held:
   * a rule that needs their place later keeps the Location it got while visiting them.
   */
  locate(entry: number, field?: string): Location;
}

/** A rule's per-catalog visitor: `entry` sees each entry once, in order; `end` runs after the last. */
export interface RuleVisitor {
  entry?(entry: Entry, index: number): void;
  end?(): void;
}

/**
 * A validation rule: metadata and a pure check. Rules never read files and never decide how a
 * finding is rendered; they may keep state across entries (e.g. to find duplicates).
 */
export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitor;
}

/** Identity helper that keeps a rule's literal types. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
