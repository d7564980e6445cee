import type { Catalog, CatalogKind, DisclosureEntry, Entry, Jurisdiction, PowerEntry } from "@zwgk/catalog-schemas";
import { normalizeForMatch } from "@zwgk/catalog-core";
import { marksKey } from "../marks.js";
import { conflict, differences as conflictDifferences, parsedTimeLimitKey, timeLimitKeys } from "./conflicts.js";
import { exact } from "./duplicates.js";
import { coverTypeOf, disclosureCover, itemCoverKeys } from "./gaps.js";
import { firstLevelKeys, isAspect } from "./language.js";
import { describe, relate } from "./match.js";
import { createVariantTest } from "../variants.js";
import { codeKey, LEVEL_SEP } from "../identity.js";
import { memoByText, TextMemo } from "./memo.js";
import { bodyOf, type Body } from "./body.js";
import { bodyGroupKeys, createContext, groupBodies, isDisclosure, itemOf, type Context } from "./context.js";
import { differences as levelDifferences, documents, levelKey, mismatch, RANK, typeKey } from "./levels.js";
import { FindingMaker } from "./rules.js";
import type { AnalysisFinding, AnalyzeOptions } from "./types.js";

// The analysis in parts, for engines that group and compare entries elsewhere (SQL over the
// warehouse tables of @zwgk/catalog-parquet): the keys the analysis matches by, computed by the
// functions `analyzeCatalogs` uses, the body of each catalog and how bodies group, and a builder
// that turns an engine's 三级四同 decisions into the same findings. Nothing here decides differently
// from `analyzeCatalogs`; a test runs both engines on the same inputs.

/** The keys `analyzeCatalogs` matches and compares an entry by; "" where the entry has none. */
export interface EntryMatchKeys {
  /** 事项 path key: each level normalised (`normalizeForMatch`), joined with U+0001. */
  path: string;
  /** The path key without separators (compared by similarity). */
  flat: string;
  /** Each level's key, in order (empty levels dropped). */
  levels: string[];
  /** Normalised code ("" when none). */
  code: string;
  /** The name as levels word it (三级四同 matches powers of different levels by it, besides the code). */
  levelName: string;
  /** Canonical power/service type (行政许可 …) or the type's key; "" when none. */
  type: string;
  /** The documents the basis cites (《…》 titles, normalised, sorted, `|`-joined); "" when none. */
  basisDocuments: string;
  /** The name that identifies the item (match.ts `describe`): the lower levels under an umbrella 一级事项, else the whole path; wording undone. */
  spec: string;
  /** The lower levels (below the 一级事项), wording undone; null when the path has one level. */
  lower: string | null;
  /** `lower` when it names a specific item (4+ characters, not an aspect such as 政策), else "". */
  lowerItem: string;
  /** The 一级事项 as compared (brackets off, wording undone), its group (the umbrella it names, else the key), and the groups it is the umbrella of (`|`-joined). */
  first: string;
  firstGroup: string;
  firstCovers: string;
  /** Disclosure entries: the item cores they cover (gap coverage); empty for generic entries and for powers and services. */
  coverCores: string[];
  /** Disclosure entries: the power types (or `*service`) a generic entry covers; empty otherwise. */
  coverTypes: string[];
  /** Powers and services: the keys they are covered by (their cores and the cores' general tails); empty for disclosure entries. */
  itemCoverKeys: string[];
  /** Powers and services: the `coverTypes` value that covers them (their type, or `*service`); "" otherwise. */
  coverType: string;
  /** 公开时限 keys (conflicts compare them): parsed form, periods named, matching key; null when there is no 公开时限 (parsed: when not parsed). */
  timeLimitParsed: string | null;
  timeLimitPeriod: string | null;
  timeLimitText: string | null;
  /** 公开主体 matching key; null when none. */
  subject: string | null;
  /** 公开方式 / 公开对象 / 公开层级 as sets of canonical marks (sorted, U+0001-joined); null when none marked. */
  method: string | null;
  audience: string | null;
  marksLevels: string | null;
}

/** The keys that follow from an entry's levels alone (and, for a disclosure entry, its 公开内容). */
type NameKeys = Pick<
  EntryMatchKeys,
  "path" | "flat" | "levels" | "levelName" | "spec" | "lower" | "lowerItem" | "first" | "firstGroup" | "firstCovers" | "coverCores" | "coverTypes" | "itemCoverKeys"
>;

function nameKeysOf(kind: CatalogKind, entry: Entry): NameKeys {
  const it = itemOf(0, 0, kind, entry);
  const d = describe(it);
  const levels = it.levels.map((l) => l.trim()).filter(Boolean);
  // As `relate` compares them: the first level as the entry's path has it.
  const first = firstLevelKeys(it.levels[0] ?? "");
  const disclosure = isDisclosure(kind);
  const cover = disclosure ? disclosureCover(it.levels, (entry as DisclosureEntry).content) : { cores: [], types: [] };
  return {
    path: it.path,
    flat: it.flat,
    levels: it.path ? it.path.split(LEVEL_SEP) : [],
    levelName: levelKey(it),
    spec: d.specKey,
    lower: levels.length > 1 ? d.lowerKey : null,
    lowerItem: d.lowerKey.length >= 4 && !isAspect(d.lowerKey) ? d.lowerKey : "",
    first: levels.length ? first.key : "",
    firstGroup: levels.length ? first.group : "",
    firstCovers: levels.length ? first.covers.join("|") : "",
    coverCores: cover.cores,
    coverTypes: cover.types,
    itemCoverKeys: disclosure ? [] : itemCoverKeys(it.levels),
  };
}

// Entries repeat their levels (and 公开内容) across a body's catalogs and across bodies, and their
// 公开时限, basis, type and 公开主体 far more: the keys of each are remembered per text (memo.ts).
// What decides the name keys is the kind's group (disclosure or not), the levels and, for disclosure
// entries, the 公开内容: the memo's text is exactly those (the levels as a JSON array, which ends
// where it ends, then the content).
const nameKeysMemo = new TextMemo<NameKeys>();
const timeLimitTextKeys = memoByText((raw) => timeLimitKeys({ raw }));
const basisKeys = memoByText((raw) => documents({ raw }));
const typeKeys = memoByText((type) => typeKey(type));
const subjectKeys = memoByText((subject) => normalizeForMatch(subject));

function nameKeys(kind: CatalogKind, entry: Entry): NameKeys {
  const disclosure = isDisclosure(kind);
  const levels = "items" in entry ? entry.items : "subItem" in entry && entry.subItem ? [entry.name, entry.subItem] : [entry.name];
  const content = disclosure ? ((entry as DisclosureEntry).content ?? "") : "";
  return nameKeysMemo.get(`${disclosure ? "d" : "p"}${JSON.stringify(levels)}${content}`, () => nameKeysOf(kind, entry));
}

/**
 * The matching keys of an entry of a catalog of `kind` (see {@link EntryMatchKeys}). Entries with the
 * same levels share the key arrays (`levels`, `coverCores` …): read them, do not change them.
 */
export function entryMatchKeys(kind: CatalogKind, entry: Entry): EntryMatchKeys {
  const names = nameKeys(kind, entry);
  const basis = (entry as { basis?: PowerEntry["basis"] }).basis;
  const disclosure = isDisclosure(kind);
  const e = entry as Partial<DisclosureEntry>;
  const tl = e.timeLimit;
  const tlText = tl ? timeLimitTextKeys(tl.raw) : undefined;
  const type = disclosure ? undefined : (entry as PowerEntry).type;
  return {
    path: names.path,
    flat: names.flat,
    levels: names.levels,
    code: codeKey(entry.code),
    levelName: names.levelName,
    type: type ? typeKeys(type) : "",
    basisDocuments: !basis ? "" : basis.documents?.length ? documents(basis) : basisKeys(basis.raw),
    spec: names.spec,
    lower: names.lower,
    lowerItem: names.lowerItem,
    first: names.first,
    firstGroup: names.firstGroup,
    firstCovers: names.firstCovers,
    coverCores: names.coverCores,
    coverTypes: names.coverTypes,
    itemCoverKeys: names.itemCoverKeys,
    coverType: coverTypeOf(kind, entry),
    timeLimitParsed: tl?.parsed ? parsedTimeLimitKey(tl) : null,
    timeLimitPeriod: tlText ? tlText.period : null,
    timeLimitText: tlText ? tlText.text : null,
    subject: e.subject ? subjectKeys(e.subject) : null,
    method: disclosure ? marksKey("method", e.method) : null,
    audience: disclosure ? marksKey("audience", e.audience) : null,
    marksLevels: disclosure ? marksKey("levels", e.levels) : null,
  };
}

/** The keys of a catalog: its body (单位, as the analysis reads it), its duplicate pool and its level's rank (省 0 … 乡 3). */
export function catalogMatchKeys(
  catalog: Catalog,
  options: { jurisdiction?: Jurisdiction } = {},
): { body: Body; bodyCode: string; bodyName: string; pool: string; rank: number | null } {
  const level = catalog.jurisdiction?.level;
  const body = bodyOf(catalog, options.jurisdiction ? { jurisdiction: options.jurisdiction } : {});
  const groupKeys = bodyGroupKeys(body);
  return {
    body,
    bodyCode: groupKeys.code,
    bodyName: groupKeys.name,
    pool: isDisclosure(catalog.kind) ? "disclosure" : catalog.kind,
    rank: level && RANK[level] !== undefined ? RANK[level]! : null,
  };
}

/** Per catalog, the index of its body group (catalogs of one body share it; an unknown body is alone), as `analyzeCatalogs` groups them. */
export function bodyGroups(bodies: readonly Body[]): number[] {
  return groupBodies(bodies);
}

/** An entry by position: catalog index and entry index. */
export type EntryAt = readonly [catalog: number, index: number];

/**
 * Builds 三级四同 findings from an external engine's decisions. `catalogs` are every input catalog in
 * input order (their headers matter); each may hold only the entries a finding refers to (a sparse
 * `entries` array): the others are never read.
 */
export class AnalysisParts {
  private readonly ctx: Context;
  private readonly make: FindingMaker;
  private readonly variants: ReturnType<typeof createVariantTest>;

  constructor(
    readonly catalogs: readonly Catalog[],
    options: AnalyzeOptions = {},
  ) {
    this.ctx = { ...createContext(catalogs.map((c) => ({ ...c, entries: [] }) as unknown as Catalog), options.jurisdiction), catalogs };
    this.make = new FindingMaker(options.severities);
    this.variants = createVariantTest(options.variantWords);
  }

  /** False when the rule is turned off (`severities`), so the engine can skip it. */
  enabled(rule: string): boolean {
    return this.make.enabled(rule);
  }

  private item([c, i]: EntryAt) {
    const catalog = this.catalogs[c]!;
    const entry = (catalog.entries as readonly Entry[])[i];
    if (!entry) throw new Error(`AnalysisParts: entry ${c}/${i} is not loaded`);
    return itemOf(c, i, catalog.kind, entry);
  }

  /** An exact duplicate: the entries of one body and pool that share a path key, in input order (as the engine grouped them). */
  exactDuplicate(at: readonly EntryAt[]): AnalysisFinding {
    const items = at.map((p) => this.item(p));
    if (items.length < 2 || items.some((it) => it.path !== items[0]!.path)) {
      throw new Error(`AnalysisParts: the engine's exact duplicate ${at.map((p) => p.join("/")).join(", ")} does not share one path key`);
    }
    return exact(this.ctx, items, this.make);
  }

  /**
   * A conflict: entry `a` and the entry of another catalog of its body that the engine took as the
   * same item (`relate` must agree), disclosed to other standards (`fields`, as the engine found them).
   */
  conflict(a: EntryAt, b: EntryAt, fields: readonly string[]): AnalysisFinding {
    const ia = this.item(a);
    const ib = this.item(b);
    const match = relate(describe(ia), describe(ib), 2, this.variants);
    const diff = conflictDifferences(ia, ib);
    const found = diff.map((f) => f.field).join(",");
    if (!match || found !== fields.join(",")) {
      throw new Error(`AnalysisParts: the engine's conflict ${a.join("/")}–${b.join("/")} [${fields.join(",")}] differs from the library's [${match ? found : "not one item"}]`);
    }
    return conflict(this.ctx, ia, ib, diff, match.reason, this.make);
  }

  /** A 三级四同 mismatch between the group's top-level power and another; `fields` as the engine found them. */
  levelMismatch(top: EntryAt, other: EntryAt, fields: readonly string[]): AnalysisFinding {
    const it = this.item(top);
    const io = this.item(other);
    const diff = levelDifferences(it, io);
    const found = diff.map((f) => f.field).join(",");
    if (found !== fields.join(",")) {
      throw new Error(`AnalysisParts: the engine's level-mismatch fields [${fields.join(",")}] differ from the library's [${found}]`);
    }
    const level = (c: number) => this.catalogs[c]!.jurisdiction!.level!;
    const leveled = (item: typeof it, c: number) => ({ item, rank: RANK[level(c)]!, level: level(c), key: levelKey(item) });
    return mismatch(this.ctx, leveled(it, top[0]), leveled(io, other[0]), diff, this.make);
  }
}
