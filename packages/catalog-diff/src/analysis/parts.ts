import type { Catalog, CatalogKind, DisclosureEntry, Entry, PowerEntry, ServiceEntry } from "@zwgk/catalog-schemas";
import { canonicalMark, normalizeForMatch, type MarkGroup } from "@zwgk/catalog-core";
import { LEVEL_SEP } from "../identity.js";
import { createVariantTest, type VariantTest } from "../variants.js";
import { conflict, differences as conflictDifferences, parsedSignature, signature } from "./conflicts.js";
import { isDisclosure, itemOf, jurisdictionKey, sameJurisdiction, type Context, type Item } from "./context.js";
import { exact, near, pool } from "./duplicates.js";
import { ALL_SERVICES, buildCoverage, disclosureBodies, genericTypes, powerType, statutoryGapsOfBody, textOf, uncoveredAmong } from "./gaps.js";
import { differences as levelDifferences, documents, mismatch, RANK } from "./levels.js";
import type { AnalysisFinding, AnalyzeOptions } from "./types.js";

// The analysis in parts, for engines that group and compare entries elsewhere (SQL over the
// warehouse tables of @zwgk/catalog-parquet): the keys the analysis matches by, computed by the
// same functions `analyzeCatalogs` uses, and builders that turn an engine's decisions into the
// same findings (messages, hints, field comparisons). Nothing here decides differently from
// `analyzeCatalogs`; a test runs both engines on the same inputs.

/** The keys `analyzeCatalogs` matches and compares an entry by; "" or null where the entry has none. */
export interface EntryMatchKeys {
  /** 事项 path key: each level normalised (`normalizeForMatch`), joined with U+0001. */
  path: string;
  /** The path key without separators (compared by similarity). */
  flat: string;
  /** Each level's key, in order (empty levels dropped). */
  levels: string[];
  /** Normalised code ("" when none). */
  code: string;
  /** Canonical power/service type (行政许可 …) or the type's key; "" when none. */
  type: string;
  /** The documents the basis cites (《…》 titles, normalised, sorted, `|`-joined); "" when none. */
  basisDocuments: string;
  /** Normalised content ("" when none). */
  content: string;
  /** Normalised 公开主体; null when empty. */
  subject: string | null;
  /** 公开时限: the parsed form's signature (null unless parsed), the periods the text names ("" when none), the text's key. */
  timeLimit: { parsed: string | null; text: string; raw: string } | null;
  /** 公开对象, 公开方式, 公开层级: canonical marks, sorted, `|`-joined; null when no marks. */
  audience: string | null;
  method: string | null;
  levelMarks: string | null;
  /** For disclosure entries: the power types whose every item it covers (`*service`: every service). */
  coversTypes: string[];
}

function marksKey(group: MarkGroup, marks: readonly string[] | undefined): string | null {
  if (!marks?.length) return null;
  return [...new Set(marks.map((m) => canonicalMark(group, m)))].sort().join("|");
}

/** The matching keys of an entry of a catalog of `kind` (see {@link EntryMatchKeys}). */
export function entryMatchKeys(kind: CatalogKind, entry: Entry): EntryMatchKeys {
  const it = itemOf(0, 0, kind, entry);
  const d = entry as DisclosureEntry;
  const p = entry as PowerEntry | ServiceEntry;
  const covers = new Set<string>();
  if (isDisclosure(kind)) genericTypes(textOf(it), covers);
  const basis = (entry as { basis?: PowerEntry["basis"] }).basis;
  return {
    path: it.path,
    flat: it.flat,
    levels: it.path ? it.path.split(LEVEL_SEP) : [],
    code: it.code,
    type: isDisclosure(kind) ? "" : powerType(it),
    basisDocuments: documents(basis),
    content: d.content ? normalizeForMatch(d.content) : "",
    subject: p.subject ? normalizeForMatch(p.subject) : null,
    timeLimit: d.timeLimit
      ? { parsed: d.timeLimit.parsed ? parsedSignature(d.timeLimit) : null, text: signature(d.timeLimit.raw), raw: normalizeForMatch(d.timeLimit.raw) }
      : null,
    audience: marksKey("audience", d.audience),
    method: marksKey("method", d.method),
    levelMarks: marksKey("levels", d.levels),
    coversTypes: [...covers],
  };
}

/** The keys of a catalog: its body (see `jurisdictionKey`), its duplicate pool and its level's rank (省 0 … 乡 3). */
export function catalogMatchKeys(catalog: Catalog): { body: string; pool: string; rank: number | null; serviceWildcard: string } {
  const level = catalog.jurisdiction?.level;
  return { body: jurisdictionKey(catalog), pool: pool(catalog.kind), rank: level && RANK[level] !== undefined ? RANK[level]! : null, serviceWildcard: ALL_SERVICES };
}

/** An entry by position: catalog index and entry index. */
export type EntryAt = readonly [catalog: number, index: number];

/**
 * Builds findings from an external engine's decisions. `catalogs` are every input catalog in input
 * order (their headers matter); each may hold only the entries the current step refers to (a sparse
 * `entries` array): the others are never read, so memory is bounded by what a step loads.
 */
export class AnalysisParts {
  private readonly ctx: Context;
  private readonly threshold: number;
  private readonly variants: VariantTest;

  constructor(
    readonly catalogs: readonly Catalog[],
    private readonly options: AnalyzeOptions = {},
  ) {
    this.ctx = { catalogs, items: catalogs.map(() => []), jurisdiction: catalogs.map(jurisdictionKey) };
    this.threshold = options.nearThreshold ?? 0.8;
    this.variants = createVariantTest(options.variantWords);
  }

  private item([c, i]: EntryAt): Item {
    const catalog = this.catalogs[c]!;
    const entry = (catalog.entries as readonly Entry[])[i];
    if (!entry) throw new Error(`AnalysisParts: entry ${c}/${i} is not loaded`);
    return itemOf(c, i, catalog.kind, entry);
  }

  /** The body key of each catalog ("" when unknown). */
  get bodies(): readonly string[] {
    return this.ctx.jurisdiction;
  }

  /** An exact duplicate: entries with one matching key in one pool and body, in input order. */
  exactDuplicate(group: readonly EntryAt[]): AnalysisFinding {
    return exact(this.ctx, group.map((at) => this.item(at)));
  }

  /**
   * Near duplicates among the entries of one partition (a body's catalogs plus those that name no
   * body). Findings are kept for the bodies `keep` accepts ("" is the body of two unnamed catalogs),
   * so that unnamed catalogs, which join every partition, are reported once.
   */
  nearDuplicates(entries: readonly EntryAt[], keep: (body: string) => boolean): AnalysisFinding[] {
    const byPool = new Map<string, Map<string, Item[]>>();
    for (const at of entries) {
      const it = this.item(at);
      if (!it.path) continue;
      const p = pool(it.kind);
      const keys = byPool.get(p) ?? byPool.set(p, new Map()).get(p)!;
      (keys.get(it.path) ?? keys.set(it.path, []).get(it.path)!).push(it);
    }
    const out: AnalysisFinding[] = [];
    for (const keys of byPool.values()) {
      for (const f of near(this.ctx, [...keys.values()], this.threshold, this.variants)) {
        const [a, b] = f.entries;
        if (keep(this.ctx.jurisdiction[a!.catalog] || this.ctx.jurisdiction[b!.catalog]!)) out.push(f);
      }
    }
    return out;
  }

  /** The disclosure catalogs a power or service catalog is checked against (same body, or unnamed). */
  coverageSources(catalog: number): number[] {
    return this.catalogs.flatMap((c, dc) => (isDisclosure(c.kind) && sameJurisdiction(this.ctx, catalog, dc) ? [dc] : []));
  }

  /**
   * Gaps among `candidates` (powers or services that no code, generic entry or equal 事项 level
   * covers), checked against the full coverage of the disclosure entries `sources` (all loaded).
   */
  uncovered(candidates: readonly EntryAt[], sources: readonly EntryAt[]): AnalysisFinding[] {
    const cov = buildCoverage(sources.map((at) => this.item(at)));
    return uncoveredAmong(this.ctx, candidates.map((at) => this.item(at)), cov);
  }

  /** The disclosure catalogs grouped by body, as the statutory-category check groups them. */
  disclosureBodies(): number[][] {
    return disclosureBodies(this.ctx);
  }

  /** The statutory-category gaps of one body (every entry of its catalogs loaded). */
  statutoryGaps(body: readonly number[], entries: readonly EntryAt[]): AnalysisFinding[] {
    return statutoryGapsOfBody(this.ctx, body, entries.map((at) => this.item(at)), this.options.level);
  }

  /** A conflict between two disclosure entries with one key; `fields` are the differing fields the engine found. */
  conflict(a: EntryAt, b: EntryAt, fields: readonly string[]): AnalysisFinding {
    const ia = this.item(a);
    const ib = this.item(b);
    const diff = conflictDifferences(ia, ib, sameJurisdiction(this.ctx, a[0], b[0]));
    agree("conflict", diff.map((f) => f.field), fields);
    return conflict(this.ctx, ia, ib, diff);
  }

  /** A 三级四同 mismatch between the group's top-level power and another; `fields` as the engine found them. */
  levelMismatch(top: EntryAt, other: EntryAt, fields: readonly string[]): AnalysisFinding {
    const it = this.item(top);
    const io = this.item(other);
    const diff = levelDifferences(it, io);
    agree("level-mismatch", diff.map((f) => f.field), fields);
    const level = (c: number) => this.catalogs[c]!.jurisdiction!.level!;
    return mismatch(this.ctx, { item: it, rank: RANK[level(top[0])]!, level: level(top[0]) }, { item: io, rank: RANK[level(other[0])]!, level: level(other[0]) }, diff);
  }
}

function agree(what: string, library: readonly string[], engine: readonly string[]): void {
  if (library.join(",") !== engine.join(",")) {
    throw new Error(`AnalysisParts: the engine's ${what} fields [${engine.join(",")}] differ from the library's [${library.join(",")}]`);
  }
}
