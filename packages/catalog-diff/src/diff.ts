import type { Catalog, CatalogKind, Entry, EntrySource } from "@zwgk/catalog-schemas";
import { similarity } from "@zwgk/catalog-core";
import { codeKey, entryPathKey, flatKey } from "./identity.js";
import { differingFields, displayValue, labelOf, NEVER_COMPARED, sameFieldValue, type FieldDifference } from "./fields.js";
import { findSimilarPairsBetween, type JoinLimit } from "./similarity-join.js";
import { createVariantTest, type VariantTest } from "./variants.js";

/** An entry of one version: its index in `entries`, the entry, and where it was read from. */
export interface EntryRef {
  index: number;
  entry: Entry;
  /** The entry's file/sheet/row, so that reports can point at cells. */
  source?: EntrySource;
}

/** A field that changed, with its Chinese label and both values as a person reads them. */
export interface FieldChange extends FieldDifference {
  /** 公开时限, 公开渠道和载体, 公开时长 … */
  label: string;
  /** The old value as text ("" when empty). */
  oldText: string;
  /** The new value as text ("" when empty). */
  newText: string;
}

/** An entry present in both versions: both rows and the fields that changed. */
export interface MatchedEntry {
  old: EntryRef;
  new: EntryRef;
  /** How the two were recognised as the same item. */
  matchedBy: "code" | "path" | "similarity";
  changes: FieldChange[];
}

/** An entry whose 事项 name changed: matched by code, or by similarity of name and other fields. */
export interface RenamedEntry extends MatchedEntry {
  /** Similarity of the old and new 事项 names (Dice over bigrams of the matching keys). */
  similarity: number;
}

/** What changed between two versions of a catalog. */
export interface CatalogDiff {
  kind: CatalogKind;
  /** The files the versions were read from, when known. */
  files: { old?: string; new?: string };
  /** Catalog-level changes (标题, 版本, 领域, 行政区划 …). */
  header: FieldChange[];
  added: EntryRef[];
  removed: EntryRef[];
  renamed: RenamedEntry[];
  /** Entries with the same name whose other fields changed. */
  changed: MatchedEntry[];
  /** How many entries matched with no change. */
  unchanged: number;
  /**
   * Present when the rename search stopped at its limit (names so alike that almost every pair is a
   * candidate): renames it did not reach are listed as removed + added. Simplified Chinese.
   */
  incomplete?: string;
}

/** Options of {@link diffCatalogs}. */
export interface DiffOptions {
  /**
   * Field paths not compared. Default `["seq"]`: 序号 follow row order, and row order alone is not a
   * change. Pass `[]` to compare every field.
   */
  ignore?: readonly string[];
  /**
   * Score a leftover pair needs to count as a rename (default 0.7). The score is
   * 0.6 × name similarity + 0.4 × the share of other fields that agree; the names must also be at
   * least 0.5 similar and must not differ by a procedure word or number (审核 → 审批 is a different
   * item, not a rename).
   */
  renameThreshold?: number;
  /** Extra words that tell items apart (see `VARIANT_WORDS`). */
  variantWords?: readonly string[];
}

const NAME_FLOOR = 0.5;
const IDENTITY_FIELDS = new Set(["items", "name", "subItem", "code", "seq"]);

/**
 * Compares two versions of a catalog. Entries are matched by code when both have one, then by 事项
 * path (as written, then by matching key), then — among what is left — by similarity, which
 * recognises renames. Order
 * alone and `source` are never changes; values compare by meaning (see `sameFieldValue`).
 */
export function diffCatalogs(oldCatalog: Catalog, newCatalog: Catalog, options: DiffOptions = {}): CatalogDiff {
  const ignore = new Set(options.ignore ?? ["seq"]);
  const kind = newCatalog.kind;
  const olds = oldCatalog.entries as readonly Entry[];
  const news = newCatalog.entries as readonly Entry[];
  const oldMatch = new Int32Array(olds.length).fill(-1);
  const newMatch = new Int32Array(news.length).fill(-1);
  const how: MatchedEntry["matchedBy"][] = new Array(news.length);
  const renameScore = new Map<number, number>();
  // The field differences of the pairs matched by their 事项 text, by new index, found while matching.
  const compared: (readonly FieldDifference[] | undefined)[] = new Array(news.length);
  let limit: JoinLimit | undefined;
  // Matching keys are computed only for entries whose 事项 text is not found verbatim on the other
  // side: normalising every name of two 100,000-row versions would dominate the diff.
  const oldPath = new PathKeys(olds);
  const newPath = new PathKeys(news);

  if (family(oldCatalog.kind) === family(kind)) {
    if (olds.some((e) => e.code) && news.some((e) => e.code)) {
      matchByKey(olds.map((e) => codeKey(e.code)), news.map((e) => codeKey(e.code)), oldMatch, newMatch, how, "code");
    }
    matchByText(olds, news, oldMatch, newMatch, how, ignore, compared);
    matchByKey(oldPath.unmatched(oldMatch), newPath.unmatched(newMatch), oldMatch, newMatch, how, "path");
    limit = matchRenames(olds, news, oldPath, newPath, oldMatch, newMatch, how, renameScore, options);
  }

  const diff: CatalogDiff = {
    kind,
    files: files(oldCatalog, newCatalog),
    header: headerChanges(oldCatalog, newCatalog, ignore),
    added: [],
    removed: [],
    renamed: [],
    changed: [],
    unchanged: 0,
  };
  if (limit) diff.incomplete = limitNote(limit);
  sortPairs(diff, olds, news, oldPath, newPath, oldMatch, newMatch, how, compared, renameScore, ignore);
  return diff;
}

// Files every entry of the new version as added, renamed, changed or unchanged, then the old entries
// left as removed.
function sortPairs(
  diff: CatalogDiff,
  olds: readonly Entry[],
  news: readonly Entry[],
  oldPath: PathKeys,
  newPath: PathKeys,
  oldMatch: Int32Array,
  newMatch: Int32Array,
  how: MatchedEntry["matchedBy"][],
  compared: (readonly FieldDifference[] | undefined)[],
  renameScore: Map<number, number>,
  ignore: ReadonlySet<string>,
): void {
  const kind = diff.kind;
  let unchanged = 0;
  for (let n = 0; n < news.length; n++) {
    const o = newMatch[n]!;
    if (o < 0) {
      diff.added.push(ref(news, n));
      continue;
    }
    const differences = compared[n] ?? differingFields(olds[o]!, news[n]!, ignore);
    const renamed = how[n] !== "path" && oldPath.get(o) !== newPath.get(n);
    if (!renamed && differences.length === 0) {
      unchanged++;
      continue;
    }
    const matched: MatchedEntry = { old: ref(olds, o), new: ref(news, n), matchedBy: how[n]!, changes: describe(kind, differences) };
    if (renamed) {
      const similarityOfNames = renameScore.get(n) ?? similarity(flatKey(oldPath.get(o)), flatKey(newPath.get(n)));
      diff.renamed.push({ ...matched, similarity: similarityOfNames });
    } else diff.changed.push(matched);
  }
  diff.unchanged = unchanged;
  for (let o = 0; o < olds.length; o++) if (oldMatch[o]! < 0) diff.removed.push(ref(olds, o));
}

/**
 * The matching keys of one version's 事项 paths, each computed on first use. A class rather than
 * closures made per diff: the matching loops call `get`, and optimised code that inlined one diff's
 * closures is thrown away at the next diff.
 */
class PathKeys {
  private readonly keys: (string | undefined)[];

  constructor(private readonly entries: readonly Entry[]) {
    this.keys = new Array(entries.length);
  }

  get(i: number): string {
    return (this.keys[i] ??= entryPathKey(this.entries[i]!));
  }

  /** The keys of the entries not matched yet, "" for those matched (a plain loop: `Array.from` over a typed array allocates per element). */
  unmatched(match: Int32Array): string[] {
    const keys: string[] = new Array(match.length);
    for (let i = 0; i < match.length; i++) keys[i] = match[i]! >= 0 ? "" : this.get(i);
    return keys;
  }
}

// The last level of the 事项 path (the leaf) and what comes before it, as written.
function leafOf(entry: Entry): string {
  if ("items" in entry) return entry.items[entry.items.length - 1] ?? "";
  return "subItem" in entry && entry.subItem ? entry.subItem : entry.name;
}

function parentOf(entry: Entry): string {
  if ("items" in entry) return entry.items.length === 2 ? entry.items[0]! : entry.items.slice(0, -1).join("\u0001");
  return "subItem" in entry && entry.subItem ? entry.name : "";
}

// Pairs entries whose 事项 path is the same text, first with first. The old entries are filed in an
// open-addressing table on typed arrays under a hash of their parent levels and leaf: entries with
// the same hash form a chain in row order, which is walked for the first whose parent levels and leaf
// are the same text (a hash collision just lengthens a chain). A Map keyed by the leaf strings did
// the same with several scattered memory reads per look-up (bucket, entry, each candidate key),
// each a cache miss when the new version is shuffled; here a look-up reads one slot of a compact
// table and then the old entry it finds. Each pair is compared as it is made: the old entry is then
// still in the processor's cache, and comparing its fields later would fetch it from memory a second
// time. (The comparison is called directly, not through a callback: optimised code
// that inlined one diff's callback would be thrown away at the next diff.)
function matchByText(
  olds: readonly Entry[],
  news: readonly Entry[],
  oldMatch: Int32Array,
  newMatch: Int32Array,
  how: MatchedEntry["matchedBy"][],
  ignore: ReadonlySet<string>,
  compared: (readonly FieldDifference[] | undefined)[],
): void {
  const table = new PathTable(olds.length);
  // The parent levels of each old entry, read in this pass in row order, so that a chain walk reads
  // only the leaf of the entries it passes.
  const parents: string[] = new Array(olds.length);
  fileOlds(table, olds, oldMatch, parents);
  pairNews(table, olds, news, oldMatch, newMatch, how, parents, ignore, compared);
}

// The open-addressing table of `matchByText`. (Each loop over the entries is a function of its own
// and the table a class: a loop is optimised while it runs, and that code is kept for the next diff;
// code that also covered the other loop, or inlined one diff's closures, would be thrown away there.)
class PathTable {
  readonly mask: number;
  // slotHead: first old entry of the slot's chain; -1 once the chain is used up, NEVER_FILED if no
  // hash was ever filed there (only those end a probe).
  readonly slotHead: Int32Array;
  readonly slotHash: Int32Array;
  /** The next old entry of the same chain, -1 at its end. */
  readonly next: Int32Array;

  constructor(entries: number) {
    let size = 16;
    while (size < entries * 2) size *= 2;
    this.mask = size - 1;
    this.slotHead = new Int32Array(size).fill(NEVER_FILED);
    this.slotHash = new Int32Array(size);
    this.next = new Int32Array(entries).fill(-1);
  }

  /** The slot of hash `h`: where it is filed, or the free slot where it would be. */
  slotOf(h: number): number {
    const { slotHead, slotHash, mask } = this;
    let s = h & mask;
    while (slotHead[s] !== NEVER_FILED && slotHash[s] !== h) s = (s + 1) & mask;
    return s;
  }
}

function fileOlds(table: PathTable, olds: readonly Entry[], oldMatch: Int32Array, parents: string[]): void {
  const { slotHead, slotHash, next } = table;
  // Backwards, so that each chain runs in row order.
  for (let o = olds.length - 1; o >= 0; o--) {
    if (oldMatch[o]! >= 0) continue;
    const e = olds[o]!;
    const parent = parentOf(e);
    parents[o] = parent;
    const h = pathHash(parent, leafOf(e));
    const s = table.slotOf(h);
    if (slotHead[s] !== NEVER_FILED) next[o] = slotHead[s]!;
    slotHead[s] = o;
    slotHash[s] = h;
  }
}

function pairNews(
  table: PathTable,
  olds: readonly Entry[],
  news: readonly Entry[],
  oldMatch: Int32Array,
  newMatch: Int32Array,
  how: MatchedEntry["matchedBy"][],
  parents: readonly string[],
  ignore: ReadonlySet<string>,
  compared: (readonly FieldDifference[] | undefined)[],
): void {
  const { slotHead, next } = table;
  for (let n = 0; n < news.length; n++) {
    if (newMatch[n]! >= 0) continue;
    const e = news[n]!;
    const leaf = leafOf(e);
    const parent = parentOf(e);
    const s = table.slotOf(pathHash(parent, leaf));
    let prev = -1;
    let o = slotHead[s]!;
    while (o >= 0 && (parents[o] !== parent || leafOf(olds[o]!) !== leaf)) {
      prev = o;
      o = next[o]!;
    }
    if (o < 0) continue;
    if (prev < 0) slotHead[s] = next[o]!;
    else next[prev] = next[o]!;
    oldMatch[o] = n;
    newMatch[n] = o;
    how[n] = "path";
    compared[n] = differingFields(olds[o]!, e, ignore);
  }
}

const NEVER_FILED = -2;

/** @internal FNV-1a over the UTF-16 units of the parent levels, a separator, then the leaf. */
export function pathHash(parent: string, leaf: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < parent.length; i++) h = Math.imul(h ^ parent.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0xffff, 0x01000193);
  for (let i = 0; i < leaf.length; i++) h = Math.imul(h ^ leaf.charCodeAt(i), 0x01000193);
  return h;
}

function family(kind: CatalogKind): string {
  return kind === "supplementary" ? "standard" : kind;
}

function files(a: Catalog, b: Catalog): CatalogDiff["files"] {
  const out: CatalogDiff["files"] = {};
  if (a.source?.file) out.old = a.source.file;
  if (b.source?.file) out.new = b.source.file;
  return out;
}

function ref(entries: readonly Entry[], index: number): EntryRef {
  const entry = entries[index]!;
  return entry.source ? { index, entry, source: entry.source } : { index, entry };
}

/** Adds labels and display texts to raw field differences. */
export function describe(kind: CatalogKind, differences: readonly FieldDifference[]): FieldChange[] {
  return differences.map((d) => ({
    ...d,
    label: labelOf(kind, d.field),
    oldText: displayValue(d.field, d.old),
    newText: displayValue(d.field, d.new),
  }));
}

function headerChanges(a: Catalog, b: Catalog, ignore: ReadonlySet<string>): FieldChange[] {
  return describe(b.kind, differingFields(a, b, ignore));
}

// Pairs entries with the same non-empty key, first with first, among those not matched yet. Old
// entries of one key form a chain (head map + next array) so that no per-key arrays are allocated.
function matchByKey(
  oldKeys: readonly string[],
  newKeys: readonly string[],
  oldMatch: Int32Array,
  newMatch: Int32Array,
  how: MatchedEntry["matchedBy"][],
  by: "code" | "path",
): void {
  const head = new Map<string, number>();
  const next = new Int32Array(oldKeys.length).fill(-1);
  fileKeys(oldKeys, oldMatch, head, next);
  if (head.size === 0) return;
  for (let n = 0; n < newKeys.length; n++) {
    const key = newKeys[n]!;
    if (!key || newMatch[n]! >= 0) continue;
    const o = head.get(key);
    if (o === undefined || o < 0) continue;
    head.set(key, next[o]!);
    oldMatch[o] = n;
    newMatch[n] = o;
    how[n] = by;
  }
}

// Files the old entries not matched yet under their keys: each key's head is its first entry and its
// chain (`next`) runs in row order.
function fileKeys(oldKeys: readonly string[], oldMatch: Int32Array, head: Map<string, number>, next: Int32Array): void {
  // Backwards, so that the chains run in row order.
  for (let o = oldKeys.length - 1; o >= 0; o--) {
    const key = oldKeys[o]!;
    if (!key || oldMatch[o]! >= 0) continue;
    const first = head.get(key);
    if (first !== undefined) next[o] = first;
    head.set(key, o);
  }
}

// Among unmatched entries: candidate pairs by name similarity (prefix-filtered join), scored with
// the agreement of the other fields, assigned greedily best first.
//
// The search runs in rounds of falling name similarity (RENAME_ROUNDS, then NAME_FLOOR), each over
// the entries still unmatched. A pair scores 0.6 × similarity + 0.4 × agreement, so a pair the round
// at similarity s did not find scores below 0.6·s + 0.4; every pair at or above that score was found,
// and those are exactly the first pairs the greedy assignment over all pairs takes (in the same
// order), so the round assigns them. Later rounds see only what is left. Most renames are close
// (a qualifier added) and are taken in the first, cheap round; the wide round at NAME_FLOOR then
// compares far fewer names. The result is the single search's. If a round stops at a work limit,
// the single search runs instead, so a search cut short ends as before; and since the rounds do less
// work, names the single search could not finish (it stops at its limit) may now be searched fully.
const RENAME_ROUNDS = [0.9, 0.75] as const;
// Keeps the cut-off above every score a pair below the round's similarity can reach, despite rounding.
const SCORE_MARGIN = 1e-6;

interface RenameCandidate {
  o: number;
  n: number;
  score: number;
  similarity: number;
}

/** What the rename search works on: both versions, their keys and the matching so far. */
interface RenameSearch {
  olds: readonly Entry[];
  news: readonly Entry[];
  oldKey: Map<number, string>;
  newKey: Map<number, string>;
  variants: VariantTest;
  threshold: number;
  oldMatch: Int32Array;
  newMatch: Int32Array;
  how: MatchedEntry["matchedBy"][];
  renameScore: Map<number, number>;
}

function matchRenames(
  olds: readonly Entry[],
  news: readonly Entry[],
  oldPath: PathKeys,
  newPath: PathKeys,
  oldMatch: Int32Array,
  newMatch: Int32Array,
  how: MatchedEntry["matchedBy"][],
  renameScore: Map<number, number>,
  options: DiffOptions,
): JoinLimit | undefined {
  const leftOld = unmatchedIndices(oldMatch);
  const leftNew = unmatchedIndices(newMatch);
  if (!leftOld.length || !leftNew.length) return undefined;
  const r: RenameSearch = {
    olds,
    news,
    oldKey: flatKeys(leftOld, oldPath),
    newKey: flatKeys(leftNew, newPath),
    variants: variantTest(options.variantWords),
    threshold: options.renameThreshold ?? 0.7,
    oldMatch,
    newMatch,
    how,
    renameScore,
  };

  const taken: number[] = [];
  let os = leftOld;
  let ns = leftNew;
  for (const floor of [...RENAME_ROUNDS.filter((s) => s > NAME_FLOOR), NAME_FLOOR]) {
    const last = floor === NAME_FLOOR;
    const round = searchRenames(r, os, ns, floor);
    if (round.limit) {
      // Undo the rounds and search once, as a single search stops at its limit.
      for (const n of taken) {
        oldMatch[newMatch[n]!] = -1;
        newMatch[n] = -1;
        delete how[n];
        renameScore.delete(n);
      }
      const single = searchRenames(r, leftOld, leftNew, NAME_FLOOR);
      assignRenames(r, single.candidates, -Infinity, []);
      return single.limit;
    }
    assignRenames(r, round.candidates, last ? -Infinity : 0.6 * floor + 0.4 + SCORE_MARGIN, taken);
    if (last) break;
    os = os.filter((o) => oldMatch[o]! < 0);
    ns = ns.filter((n) => newMatch[n]! < 0);
    if (!os.length || !ns.length) break;
  }
  return undefined;
}

// (The loops over all entries are functions of their own, so that the one optimised for them is not
// the code of the whole search.)
function unmatchedIndices(match: Int32Array): number[] {
  const left: number[] = [];
  for (let i = 0; i < match.length; i++) if (match[i]! < 0) left.push(i);
  return left;
}

function flatKeys(indices: readonly number[], paths: PathKeys): Map<number, string> {
  const keys = new Map<number, string>();
  for (const i of indices) keys.set(i, flatKey(paths.get(i)));
  return keys;
}

// Candidate pairs among the given entries whose names are at least `floor` similar, best first.
function searchRenames(r: RenameSearch, os: readonly number[], ns: readonly number[], floor: number): { candidates: RenameCandidate[]; limit?: JoinLimit } {
  let limit: JoinLimit | undefined;
  const oldKeys = os.map((o) => r.oldKey.get(o)!);
  const newKeys = ns.map((n) => r.newKey.get(n)!);
  const candidates: RenameCandidate[] = [];
  const pairs = findSimilarPairsBetween(oldKeys, newKeys, { threshold: floor, onLimit: (l) => (limit = l) });
  for (const pair of pairs) {
    if (r.variants.relate(oldKeys[pair.a]!, newKeys[pair.b]!) === "variant-substitution") continue;
    const o = os[pair.a]!;
    const n = ns[pair.b]!;
    const score = 0.6 * pair.similarity + 0.4 * agreement(r.olds[o]!, r.news[n]!);
    if (score >= r.threshold) candidates.push({ o, n, score, similarity: pair.similarity });
  }
  candidates.sort((x, y) => y.score - x.score || x.n - y.n || x.o - y.o);
  return limit ? { candidates, limit } : { candidates };
}

// Takes the candidates at or above `cutoff`, best first, whose entries are both still free.
function assignRenames(r: RenameSearch, candidates: readonly RenameCandidate[], cutoff: number, taken: number[]): void {
  for (const c of candidates) {
    if (c.score < cutoff) break;
    if (r.oldMatch[c.o]! >= 0 || r.newMatch[c.n]! >= 0) continue;
    r.oldMatch[c.o] = c.n;
    r.newMatch[c.n] = c.o;
    r.how[c.n] = "similarity";
    r.renameScore.set(c.n, c.similarity);
    taken.push(c.n);
  }
}

// The built-in variant test is compiled once and kept (diffs without extra words share it).
let defaultVariants: VariantTest | undefined;
function variantTest(extraWords: readonly string[] | undefined): VariantTest {
  if (extraWords?.length) return createVariantTest(extraWords);
  return (defaultVariants ??= createVariantTest());
}

/** Why the rename search stopped early, for a person. */
export function limitNote(limit: JoinLimit): string {
  const what = limit.limit === "maxPairs" ? `找到 ${limit.pairs} 对名称相近的事项` : `比较了 ${limit.comparisons} 对名称`;
  return `名称相近的事项过多，${what}后停止查找（上限 ${limit.value}），结果不完整：这通常说明名称不是真实事项名称（如大量只由一两个字组成的名称）。`;
}

/** @internal Share of the non-name fields (present on either side) whose values agree; 0.5 when there are none. */
export function agreement(a: Entry, b: Entry): number {
  let total = 0;
  let same = 0;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const key in ra) {
    if (IDENTITY_FIELDS.has(key) || NEVER_COMPARED.has(key)) continue;
    total++;
    if (sameFieldValue(key, ra[key], rb[key])) same++;
  }
  for (const key in rb) if (!(key in ra) && !IDENTITY_FIELDS.has(key) && !NEVER_COMPARED.has(key)) total++;
  return total ? same / total : 0.5;
}
