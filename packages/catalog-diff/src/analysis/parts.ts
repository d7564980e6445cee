import type { Catalog, CatalogKind, Entry, Jurisdiction, PowerEntry } from "@zwgk/catalog-schemas";
import { LEVEL_SEP } from "../identity.js";
import { bodyOf, type Body } from "./body.js";
import { createContext, groupBodies, isDisclosure, itemOf, type Context } from "./context.js";
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
}

/** The matching keys of an entry of a catalog of `kind` (see {@link EntryMatchKeys}). */
export function entryMatchKeys(kind: CatalogKind, entry: Entry): EntryMatchKeys {
  const it = itemOf(0, 0, kind, entry);
  const basis = (entry as { basis?: PowerEntry["basis"] }).basis;
  return {
    path: it.path,
    flat: it.flat,
    levels: it.path ? it.path.split(LEVEL_SEP) : [],
    code: it.code,
    levelName: levelKey(it),
    type: isDisclosure(kind) ? "" : typeKey((entry as PowerEntry).type),
    basisDocuments: documents(basis),
  };
}

/** The keys of a catalog: its body (单位, as the analysis reads it), its duplicate pool and its level's rank (省 0 … 乡 3). */
export function catalogMatchKeys(catalog: Catalog, options: { jurisdiction?: Jurisdiction } = {}): { body: Body; pool: string; rank: number | null } {
  const level = catalog.jurisdiction?.level;
  return {
    body: bodyOf(catalog, options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
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

  constructor(
    readonly catalogs: readonly Catalog[],
    options: AnalyzeOptions = {},
  ) {
    this.ctx = { ...createContext(catalogs.map((c) => ({ ...c, entries: [] }) as unknown as Catalog), options.jurisdiction), catalogs };
    this.make = new FindingMaker(options.severities);
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
