import type { Catalog, CatalogKind, Entry, SchemaIssue } from "@zwgk/catalog-schemas";
import { CATALOG_KINDS, MAX_SCHEMA_ISSUES, validateCatalogShape, validateEntryShape } from "@zwgk/catalog-schemas";
import { fillTemplate, type Finding, type Location, SEVERITY_ORDER, type Severity } from "./finding.js";
import type { CatalogHeader } from "./model.js";
import { pointerSegment } from "./io/errors.js";
import type { Rule, RuleContext, RuleReport, RuleVisitor } from "./rule.js";
import { builtinRules } from "./rules/index.js";
import { entryIdentity, fingerprint } from "./report/fingerprint.js";
import { schemaIssueMessage } from "./schema-messages.js";

/** A rule's severity, or `off` to disable it. */
export type RuleSetting = Severity | "off";

export interface ValidateOptions {
  /** Per-rule severity overrides, e.g. `{ "time-limit-unparsed": "off" }`. */
  severities?: Readonly<Record<string, RuleSetting>>;
  /** The rules to run; defaults to every built-in rule. */
  rules?: readonly Rule[];
  /**
   * Skip the schema shape check: the caller built the entries itself (e.g. the xlsx reader) or has
   * checked the catalog's shape already. Rules trust their input's type, so only set it then.
   */
  trustedShape?: boolean;
  /**
   * Findings kept per rule (schema findings count as the rule `schema`); the rest are counted and
   * summarised by one finding of the same rule ("另有 N 处同类问题"). Defaults to
   * {@link DEFAULT_MAX_FINDINGS_PER_RULE}: a workbook where every one of a million rows is a
   * duplicate would otherwise keep a million findings.
   */
  maxFindingsPerRule?: number;
  /**
   * Names and codes the `duplicate-entry` rule remembers (default {@link DEFAULT_MAX_DUPLICATE_KEYS},
   * about 60 bytes each); past it, later entries are still compared with those remembered, and one
   * warning says how many were not remembered.
   */
  maxDuplicateKeys?: number;
  /**
   * Called with each rule finding's rule id and location before it is kept or counted; `true` drops
   * it, so it is neither reported nor counted in a "另有 N 处" summary (e.g. a workbook cell whose
   * formula has no saved value is not missing).
   */
  drop?(rule: string, location: Location): boolean;
}

/** Default of {@link ValidateOptions.maxFindingsPerRule}: ~1 KB each, so at most a few MB per rule. */
export const DEFAULT_MAX_FINDINGS_PER_RULE = 5000;

/**
 * Default of {@link ValidateOptions.maxDuplicateKeys}: ~60 bytes a key (measured), so ~120 MB at the
 * bound, i.e. a million entries with codes; a province-scale catalog has well under a million.
 */
export const DEFAULT_MAX_DUPLICATE_KEYS = 2_000_000;

/** The bounds of {@link ValidateOptions} that the command line sets with `--limit`, with their defaults. */
export const VALIDATION_LIMIT_DEFAULTS: Readonly<Required<Pick<ValidateOptions, "maxFindingsPerRule" | "maxDuplicateKeys">>> = Object.freeze({
  maxFindingsPerRule: DEFAULT_MAX_FINDINGS_PER_RULE,
  maxDuplicateKeys: DEFAULT_MAX_DUPLICATE_KEYS,
});

/** The validation bounds of `options` that are set (to pass them on unchanged). */
export function validationLimits(options: Partial<Record<keyof typeof VALIDATION_LIMIT_DEFAULTS, number | undefined>>): Pick<ValidateOptions, "maxFindingsPerRule" | "maxDuplicateKeys"> {
  const out: Pick<ValidateOptions, "maxFindingsPerRule" | "maxDuplicateKeys"> = {};
  if (options.maxFindingsPerRule !== undefined) out.maxFindingsPerRule = options.maxFindingsPerRule;
  if (options.maxDuplicateKeys !== undefined) out.maxDuplicateKeys = options.maxDuplicateKeys;
  return out;
}

/**
 * Keeps at most `max` findings per rule and counts the rest; `summaries()` gives one finding per
 * rule that had more, saying how many were left out. Used by the engine and by callers that add
 * findings of their own (formula cells in a streamed workbook).
 */
export function createFindingCap(max: number = DEFAULT_MAX_FINDINGS_PER_RULE, file?: string) {
  const kept = new Map<string, number>();
  const omitted = new Map<string, { count: number; severity: Severity }>();
  return {
    /** True when the finding may be kept; false when it only counts. */
    admit(rule: string, severity: Severity): boolean {
      const n = kept.get(rule) ?? 0;
      if (n < max) {
        kept.set(rule, n + 1);
        return true;
      }
      const o = omitted.get(rule);
      if (o) {
        o.count++;
        if (SEVERITY_ORDER[severity] < SEVERITY_ORDER[o.severity]) o.severity = severity;
      } else omitted.set(rule, { count: 1, severity });
      return false;
    },
    summaries(): Finding[] {
      return [...omitted].map(([rule, { count, severity }]) => {
        const finding: Finding = {
          rule,
          severity,
          message: `另有 ${count} 处同类问题（${rule}）未逐条列出：每条规则最多列出 ${max} 处。`,
          hint: "请先修正已列出的问题再重新校验；如需全部列出，可用 --limit maxFindingsPerRule=更大的值。",
          location: { path: "", ...(file ? { file } : {}) },
          data: { omitted: count, limit: max },
        };
        finding.fingerprint = fingerprint(finding, undefined);
        return finding;
      });
    },
  };
}

/** Validates entries one at a time, for catalogs too large to hold (streaming import). */
export interface EntryValidator {
  /** Checks one entry; `index` is its position in the catalog. */
  entry(entry: Entry, index: number): void;
  /** Runs the catalog-level checks and returns every finding, in report order. */
  end(): Finding[];
}

/**
 * JSON pointer (RFC 6901) of a model field path: `items.0` → `items/0`; each segment escaped, so a
 * field named by a spreadsheet header (`乡/村级`) stays one segment (`乡~1村级`).
 */
const pointerOf = (field: string) => field.split(".").map(pointerSegment).join("/");

/** The field path of a JSON pointer segment (the inverse of {@link pointerOf} for one segment). */
const unescapeSegment = (segment: string) => segment.replace(/~1/g, "/").replace(/~0/g, "~");

/**
 * Locates entries and fields: spreadsheet sources give sheet/row/column/cell (from the column map the
 * reader recorded), every source gives the JSON pointer. Built once per catalog.
 */
export function createLocator(header: CatalogHeader, entryAt: (index: number) => Entry | undefined) {
  const columns = new Map<string, string>();
  for (const c of header.source?.columns ?? []) {
    if (c.field && !columns.has(c.field)) columns.set(c.field, c.column);
    // `items.0` also answers for `items`, and a flag group for its first column.
    const top = c.field?.split(".")[0];
    if (top && !columns.has(top)) columns.set(top, c.column);
  }
  const file = header.source?.file;
  return (index: number, field?: string): Location => {
    const loc: Location = { entry: index };
    const src = entryAt(index)?.source;
    if (src?.file ?? file) loc.file = src?.file ?? file;
    if (src?.sheet) loc.sheet = src.sheet;
    if (src?.row) {
      loc.row = src.row;
      const column = field ? columns.get(field) ?? columns.get(field.split(".")[0] ?? "") : undefined;
      if (column) {
        loc.column = column;
        loc.cell = `${column}${src.row}`;
      }
    }
    if (src?.line) loc.line = src.line;
    loc.path = `/entries/${index}${field ? `/${pointerOf(field)}` : ""}`;
    if (field) loc.field = field;
    return loc;
  };
}

/**
 * Creates a streaming validator for a catalog of the given header. Entries are checked against their
 * schema (unless `trustedShape`) and then by every enabled rule that applies to the kind.
 */
export function createValidator(header: CatalogHeader, options: ValidateOptions = {}): EntryValidator {
  const kind = header.kind as CatalogKind;
  const findings: Finding[] = [];
  const cap = createFindingCap(options.maxFindingsPerRule, header.source?.file);
  // Only the entry being visited is held, so memory stays flat in the row count: a rule that needs
  // an earlier entry's place (duplicates) keeps the Location it got from `locate` at the time.
  let current: { index: number; entry: Entry; identity?: string } | undefined;
  const locator = createLocator(header, (i) => (current?.index === i ? current.entry : undefined));
  // Fingerprints are computed once, here, from the finding and its entry's identity (not its row),
  // so a baseline survives rows inserted above; reporters only copy them.
  const stamp = (finding: Finding) => {
    const index = finding.location.entry;
    let identity: string | undefined;
    if (current && index === current.index) identity = current.identity ??= entryIdentity(current.entry);
    finding.fingerprint = fingerprint(finding, identity);
  };

  const visitors: RuleVisitor[] = [];
  const rules = options.rules ?? builtinRules;
  const limits: RuleContext["limits"] = { maxDuplicateKeys: options.maxDuplicateKeys ?? DEFAULT_MAX_DUPLICATE_KEYS };
  for (const rule of rules) {
    const setting = options.severities?.[rule.meta.id] ?? rule.meta.severity;
    if (setting === "off" || !rule.meta.kinds.includes(kind)) continue;
    const context: RuleContext = {
      kind,
      header,
      limits,
      locate: locator,
      report: (r: RuleReport) => {
        const template = rule.meta.messages[r.messageId];
        if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message ${r.messageId}`);
        const hint = rule.meta.hints[r.messageId];
        const location: Location = r.entry === undefined ? catalogLocation(header, r) : context.locate(r.entry, r.field);
        const severity = options.severities?.[rule.meta.id] !== undefined ? (setting as Severity) : r.severity ?? setting;
        if (options.drop?.(rule.meta.id, location)) return;
        if (!cap.admit(rule.meta.id, severity as Severity)) return;
        const finding: Finding = {
          rule: rule.meta.id,
          severity: severity as Severity,
          message: fillTemplate(template, r.data),
          location,
        };
        if (hint) finding.hint = fillTemplate(hint, r.data);
        if (r.related?.length) finding.related = r.related;
        if (r.data) finding.data = r.data;
        stamp(finding);
        findings.push(finding);
      },
    };
    visitors.push(rule.create(context));
  }

  return {
    entry(entry, index) {
      if (!options.trustedShape) {
        const shape = validateEntryShape(kind, entry);
        if (!shape.ok) {
          current = { index, entry };
          for (const issue of shape.issues) {
            if (!cap.admit("schema", "error")) continue;
            const finding = schemaFinding(kind, issue, `/entries/${index}`, locator);
            stamp(finding);
            findings.push(finding);
          }
          return;
        }
      }
      current = { index, entry };
      for (const v of visitors) v.entry?.(entry, index);
    },
    end() {
      for (const v of visitors) v.end?.();
      findings.push(...cap.summaries());
      return findings;
    },
  };
}

/** Where a catalog-level report points: the envelope field, or a column's header cell. */
function catalogLocation(header: CatalogHeader, r: RuleReport): Location {
  const source = header.source;
  const location: Location = { path: r.field ? `/${pointerOf(r.field)}` : "" };
  if (source?.file) location.file = source.file;
  if (r.field) location.field = r.field;
  if (r.column && source?.sheet) {
    location.sheet = source.sheet;
    location.column = r.column;
    // A header written in one row of a two-row header sits in the first (its cell is merged down);
    // a sub-header (公开对象/全社会) in the row its depth gives.
    const depth = source.columns?.find((c) => c.column === r.column)?.header.split("/").length ?? 1;
    const rows = source.headerRows ?? [];
    const row = r.row ?? rows[Math.min(depth, rows.length) - 1];
    if (row) {
      location.row = row;
      location.cell = `${r.column}${row}`;
    }
  }
  return location;
}

function schemaFinding(
  kind: CatalogKind,
  issue: SchemaIssue,
  prefix: string,
  locator: (index: number, field?: string) => Location,
): Finding {
  const pointer = prefix + issue.pointer;
  const m = /^\/entries\/(\d+)(?:\/([^/]+))?/.exec(pointer);
  const { message, hint } = schemaIssueMessage(kind, issue);
  const location: Location = m ? locator(Number(m[1]), m[2] === undefined ? undefined : unescapeSegment(m[2])) : { path: pointer };
  location.path = pointer;
  return { rule: "schema", severity: "error", message, hint, location };
}

/**
 * Validates a whole catalog: its shape against the published schema, then every rule. Entries that do
 * not fit the schema are reported and not passed to the rules (rules trust their input's type).
 *
 * @example
 * ```ts
 * const findings = validateCatalog(catalog, { rules: builtinRules });
 * const errors = findings.filter((f) => f.severity === "error");
 * ```
 */
export function validateCatalog(catalog: unknown, options: ValidateOptions = {}): Finding[] {
  // A caller that has checked the shape already (the CLI's readers refuse a catalog that does not fit)
  // says so, and the schema is not run a second time over every entry.
  const shape = options.trustedShape ? ({ ok: true } as const) : validateCatalogShape(catalog);
  const findings: Finding[] = [];
  const badEntries = new Set<number>();
  if (!shape.ok) {
    const header = (catalog ?? {}) as CatalogHeader;
    // An unknown kind still gets located findings; labels fall back to the disclosure vocabulary.
    const kind = (CATALOG_KINDS as readonly unknown[]).includes(header.kind) ? (header.kind as CatalogKind) : "standard";
    const entries = Array.isArray((catalog as Catalog | undefined)?.entries) ? (catalog as Catalog).entries : [];
    const locator = createLocator(header, (i) => entries[i] as Entry | undefined);
    let envelopeBroken = false;
    for (const issue of dedupeOneOf(shape.issues)) {
      const m = /^\/entries\/(\d+)/.exec(issue.pointer);
      if (m) badEntries.add(Number(m[1]));
      else envelopeBroken = true;
      const finding = schemaFinding(kind, issue, "", locator);
      const entry = m ? (entries[Number(m[1])] as Entry | undefined) : undefined;
      finding.fingerprint = fingerprint(finding, entry && typeof entry === "object" ? entryIdentity(entry) : undefined);
      findings.push(finding);
    }
    if (shape.truncated) {
      // The check stopped after its first issues. The envelope is checked on its own (its issues
      // may come after those of entries), and every entry is checked alone — one bounded check
      // each — so that no entry of the wrong shape reaches the rules; the rest are counted.
      const envelope = validateCatalogShape({ ...(catalog as object), entries: [] });
      if (!envelope.ok) {
        envelopeBroken = true;
        const seen = new Set(findings.map((f) => `${f.location.path}|${f.message}`));
        for (const issue of dedupeOneOf(envelope.issues)) {
          const finding = schemaFinding(kind, issue, "", locator);
          finding.fingerprint = fingerprint(finding, undefined);
          if (!seen.has(`${finding.location.path}|${finding.message}`)) findings.push(finding);
        }
      }
      let more = 0;
      entries.forEach((entry, index) => {
        if (badEntries.has(index) || validateEntryShape(kind, entry).ok) return;
        badEntries.add(index);
        more++;
      });
      if (more) {
        const finding: Finding = {
          rule: "schema",
          severity: "error",
          message: `另有 ${more} 个条目不符合目录标准，未逐一列出（每次最多列出 ${MAX_SCHEMA_ISSUES} 处问题）。`,
          hint: "请先修正上面列出的问题，再重新校验。",
          location: { path: "/entries", ...(header.source?.file ? { file: header.source.file } : {}) },
          data: { more },
        };
        finding.fingerprint = fingerprint(finding, undefined);
        findings.push(finding);
      }
    }
    if (envelopeBroken) return findings;
  }
  const c = catalog as Catalog;
  const validator = createValidator(c, { ...options, trustedShape: true });
  c.entries.forEach((entry: Entry, index: number) => {
    if (!badEntries.has(index)) validator.entry(entry, index);
  });
  return [...findings, ...validator.end()];
}

// With a discriminated oneOf, ajv reports the branch's errors and then a failing `oneOf`; the latter
// adds nothing a person can act on once the branch errors are there.
function dedupeOneOf(issues: SchemaIssue[]): SchemaIssue[] {
  const specific = issues.filter((i) => i.keyword !== "oneOf" && i.keyword !== "discriminator" || issues.length === 1);
  const seen = new Set<string>();
  return (specific.length ? specific : issues).filter((i) => {
    const key = `${i.pointer}|${i.keyword}|${JSON.stringify(i.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
