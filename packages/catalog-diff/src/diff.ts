import type { Catalog, CatalogKind, Entry, EntrySource } from "@zwgk/catalog-schemas";
import { similarity } from "@zwgk/catalog-core";
import { codeKey, entryPathKey, flatKey } from "./identity.js";
import { differingFields, displayValue, EntryComparer, labelOf, NEVER_COMPARED, NO_DIFFERENCES, sameFieldValue, type FieldDifference } from "./fields.js";
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
  const m: Matching = {
    olds,
    news,
    // Matching keys are computed only for entries whose 事项 text is not found verbatim on the other
    // side: normalising every name of two 100,000-row versions would dominate the diff.
    oldPath: new PathKeys(olds),
    newPath: new PathKeys(news),
    oldMatch: new Int32Array(olds.length).fill(-1),
    newMatch: new Int32Array(news.length).fill(-1),
    // How each new entry was matched (BY_CODE …; 0 while unmatched): bytes, not strings, so that the
    // collector has no 100,000-slot array of pointers to scan.
    how: new Uint8Array(news.length),
    compared: new Compared(news.length),
    renameScore: new Map<number, number>(),
  };
  let limit: JoinLimit | undefined;

  if (family(oldCatalog.kind) === family(kind)) {
    if (olds.some((e) => e.code) && news.some((e) => e.code)) {
      matchByKey(m, { keys: olds.map((e) => codeKey(e.code)) }, { keys: news.map((e) => codeKey(e.code)) }, BY_CODE);
    }
    matchByText(m, ignore);
    matchByKey(m, m.oldPath.unmatched(m.oldMatch), m.newPath.unmatched(m.newMatch), BY_PATH);
    limit = matchRenames(m, options);
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
  sortPairs(diff, m, ignore);
  return diff;
}

/**
 * One diff's matching: both versions, their path keys, which entry is paired with which (-1: not
 * yet) and how, the differences found for pairs while matching, and the name similarity of renames.
 */
interface Matching {
  olds: readonly Entry[];
  news: readonly Entry[];
  oldPath: PathKeys;
  newPath: PathKeys;
  oldMatch: Int32Array;
  newMatch: Int32Array;
  how: Uint8Array;
  compared: Compared;
  renameScore: Map<number, number>;
}

// The codes of `how`, and what each means in a MatchedEntry.
const BY_CODE = 1;
const BY_PATH = 2;
const BY_SIMILARITY = 3;
const MATCHED_BY: readonly (MatchedEntry["matchedBy"] | undefined)[] = [undefined, "code", "path", "similarity"];

/**
 * The differences found for pairs while matching, by new index: most pairs have none, so those are
 * a byte each, and only the lists of the others are kept.
 */
class Compared {
  /** 1 where the pair was compared and differs in nothing. */
  readonly agreed: Uint8Array;
  private readonly lists = new Map<number, readonly FieldDifference[]>();

  constructor(size: number) {
    this.agreed = new Uint8Array(size);
  }

  set(n: number, differences: readonly FieldDifference[]): void {
    if (differences.length === 0) this.agreed[n] = 1;
    else this.lists.set(n, differences);
  }

  /** The differences of the pair of new entry `n`, or undefined when it was not compared while matching. */
  get(n: number): readonly FieldDifference[] | undefined {
    return this.agreed[n] === 1 ? NO_DIFFERENCES : this.lists.get(n);
  }
}

// Files every entry of the new version as added, renamed, changed or unchanged, then the old entries
// left as removed.
function sortPairs(diff: CatalogDiff, m: Matching, ignore: ReadonlySet<string>): void {
  const { olds, news, oldPath, newPath, oldMatch, newMatch, how, compared, renameScore } = m;
  const kind = diff.kind;
  let unchanged = 0;
  for (let n = 0; n < news.length; n++) {
    const o = newMatch[n]!;
    if (o < 0) {
      diff.added.push(ref(news, n));
      continue;
    }
    const differences = compared.get(n) ?? differingFields(olds[o]!, news[n]!, ignore);
    const renamed = how[n] !== BY_PATH && oldPath.get(o) !== newPath.get(n);
    if (!renamed && differences.length === 0) {
      unchanged++;
      continue;
    }
    const matched: MatchedEntry = { old: ref(olds, o), new: ref(news, n), matchedBy: MATCHED_BY[how[n]!]!, changes: describe(kind, differences) };
    if (renamed) {
      const similarityOfNames = renameScore.get(n) ?? similarity(flatKey(oldPath.get(o)), flatKey(newPath.get(n)));
      diff.renamed.push({ old: matched.old, new: matched.new, matchedBy: matched.matchedBy, changes: matched.changes, similarity: similarityOfNames });
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

  /** The keys of the entries not matched yet, in row order. */
  unmatched(match: Int32Array): Keyed {
    const at = unmatchedIndices(match);
    const keys: string[] = new Array(at.length);
    for (let i = 0; i < at.length; i++) keys[i] = this.get(at[i]!);
    return { keys, at };
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
// open-addressing table on a typed array under a hash of their parent levels and leaf: entries with
// the same hash form a chain in row order, which is walked for the first whose parent levels and leaf
// are the same text (a hash collision just lengthens a chain). A Map keyed by the leaf strings did
// the same with several scattered memory reads per look-up (bucket, entry, each candidate key),
// each a cache miss when the new version is shuffled; here a look-up reads one slot of a compact
// table (its chain head and hash side by side) and then the old entry it finds, whose 事项 path is
// read from the entry itself. Each pair is compared as it is made: the old entry is then still in
// the processor's cache, and comparing its fields later would fetch it from memory a second time.
// Most pairs agree in every field, which `EntryComparer` tells by reading the fields by name;
// `differingFields` runs only for the others. (The comparison is called directly, not through a
// callback: optimised code that inlined one diff's callback would be thrown away at the next diff.)
function matchByText(m: Matching, ignore: ReadonlySet<string>): void {
  const { olds, news, oldMatch, newMatch, how, compared } = m;
  const table = new PathTable(olds.length);
  fileOlds(table, olds, oldMatch);
  pairNews(table, olds, news, oldMatch, newMatch, how, ignore, new EntryComparer(ignore), compared);
}

// The open-addressing table of `matchByText`. (Each loop over the entries is a function of its own
// and the table a class: a loop is optimised while it runs, and that code is kept for the next diff;
// code that also covered the other loop, or inlined one diff's closures, would be thrown away there.)
class PathTable {
  readonly mask: number;
  /** `mask` over the slot array: two entries a slot. */
  readonly wrap: number;
  // Two Int32 per slot, so that a probe reads one place: [2s] the first old entry of the slot's
  // chain (-1 once the chain is used up, NEVER_FILED if no hash was ever filed there: only those end
  // a probe) and [2s + 1] the hash filed there.
  readonly slots: Int32Array;
  /** The next old entry of the same chain, -1 at its end. */
  readonly next: Int32Array;

  constructor(entries: number) {
    let size = 16;
    while (size < entries * 2) size *= 2;
    this.mask = size - 1;
    this.wrap = 2 * size - 1;
    this.slots = new Int32Array(2 * size);
    for (let s = 0; s < this.slots.length; s += 2) this.slots[s] = NEVER_FILED;
    this.next = new Int32Array(entries).fill(-1);
  }

  /** The slot of hash `h` (index of its head in `slots`): where it is filed, or the free slot where it would be. */
  slotOf(h: number): number {
    const { slots, mask, wrap } = this;
    let s = (h & mask) * 2;
    while (slots[s] !== NEVER_FILED && slots[s + 1] !== h) s = (s + 2) & wrap;
    return s;
  }
}

function fileOlds(table: PathTable, olds: readonly Entry[], oldMatch: Int32Array): void {
  const { slots, next } = table;
  const hashes = new Int32Array(PREFETCH);
  // Backwards, so that each chain runs in row order; the hashes of a run of entries first, then
  // their slots, so that the slots' cache misses overlap.
  for (let last = olds.length - 1; last >= 0; last -= PREFETCH) {
    const first = Math.max(0, last - PREFETCH + 1);
    for (let o = last; o >= first; o--) {
      if (oldMatch[o]! >= 0) continue;
      const e = olds[o]!;
      hashes[last - o] = entryPathHash(e);
    }
    for (let o = last; o >= first; o--) {
      if (oldMatch[o]! >= 0) continue;
      const h = hashes[last - o]!;
      const s = table.slotOf(h);
      if (slots[s] !== NEVER_FILED) next[o] = slots[s]!;
      slots[s] = o;
      slots[s + 1] = h;
    }
  }
}

function pairNews(
  table: PathTable,
  olds: readonly Entry[],
  news: readonly Entry[],
  oldMatch: Int32Array,
  newMatch: Int32Array,
  how: Uint8Array,
  ignore: ReadonlySet<string>,
  comparer: EntryComparer,
  compared: Compared,
): void {
  const { slots, next } = table;
  const hashes = new Int32Array(news.length);
  const ahead = new Prefetch();
  for (let n = 0; n < news.length; n++) {
    if (n % PREFETCH === 0) ahead.load(table, olds, news, hashes, newMatch, n, Math.min(n + PREFETCH, news.length));
    if (newMatch[n]! >= 0) continue;
    const e = news[n]!;
    const leaf = leafOf(e);
    // Built on the first candidate with the same leaf (for three levels and more, a join).
    let parent: string | undefined;
    const s = table.slotOf(hashes[n]!);
    let prev = -1;
    let o = slots[s]!;
    let old: Entry | undefined;
    for (; o >= 0; prev = o, o = next[o]!) {
      const candidate = olds[o]!;
      // The leaf first: its test needs no string built.
      if (leafOf(candidate) === leaf && parentIs(candidate, (parent ??= parentOf(e)))) {
        old = candidate;
        break;
      }
    }
    if (old === undefined) continue;
    if (prev < 0) slots[s] = next[o]!;
    else next[prev] = next[o]!;
    oldMatch[o] = n;
    newMatch[n] = o;
    how[n] = BY_PATH;
    if (comparer.agree(old, e)) compared.agreed[n] = 1;
    else compared.set(n, differingFields(old, e, ignore));
  }
  _touched = ahead.sum;
}

// New entries are paired in runs of PREFETCH. The old entry a new one pairs with is anywhere in
// memory (the versions are in different orders), and so is each of its parts (items, texts, basis,
// channels …); the new entry's parts were last read long before. Read one after the other by the
// comparison, each is a cache miss the processor waits for. So before a run, `Prefetch.load` hashes
// the paths of its new entries, then reads, level by level, the parts of the old entries filed
// under those hashes and of the new entries — the entries, then their fields, then the texts of
// basis and 时限 — so that the misses of a level overlap instead of following each other. Apart from
// the hashes it only reads (what it finds is summed into a number kept so that the reads are not
// optimised away) and decides nothing: the pairing does not depend on what it read. On the shuffled
// 100,000-entry pair this took about a fifth off the diff's CPU time.
const PREFETCH = 16;
// Where the sums of the reads go (a module variable: stores to it are not optimised away).
let _touched = 0;

type Fields = Record<string, unknown>;

class Prefetch {
  sum = 0;
  // The old entries the batch's new entries will find, then those new entries.
  private readonly entries: (Fields | undefined)[] = new Array<Fields | undefined>(2 * PREFETCH).fill(undefined);
  private readonly parts: unknown[] = new Array<unknown>(4 * PREFETCH).fill(undefined);

  /** Sets `hashes[n]` for the unmatched new entries from `from` to `to` and reads ahead what pairing them will read. */
  load(table: PathTable, olds: readonly Entry[], news: readonly Entry[], hashes: Int32Array, newMatch: Int32Array, from: number, to: number): void {
    const { slots } = table;
    const { entries, parts } = this;
    let sum = 0;
    for (let n = from; n < to; n++) {
      if (newMatch[n]! >= 0) continue;
      const e = news[n]!;
      hashes[n] = entryPathHash(e);
    }
    for (let n = from; n < to; n++) {
      const o = newMatch[n]! >= 0 ? -1 : slots[table.slotOf(hashes[n]!)]!;
      entries[n - from] = o >= 0 ? (olds[o] as unknown as Fields) : undefined;
      entries[PREFETCH + n - from] = o >= 0 ? (news[n] as unknown as Fields) : undefined;
    }
    for (let k = to - from; k < PREFETCH; k++) entries[k] = entries[PREFETCH + k] = undefined;
    for (let k = 0; k < 2 * PREFETCH; k++) {
      const e = entries[k];
      if (e === undefined) continue;
      const items = e["items"];
      const content = e["content"];
      const audience = e["audience"];
      const method = e["method"];
      const levels = e["levels"];
      const leaf = Array.isArray(items) && items.length ? (items[items.length - 1] as unknown) : undefined;
      sum +=
        (typeof leaf === "string" ? leaf.length : 0) +
        (typeof content === "string" ? content.length : 0) +
        (Array.isArray(audience) ? audience.length : 0) +
        (Array.isArray(method) ? method.length : 0) +
        (Array.isArray(levels) ? levels.length : 0);
      parts[2 * k] = e["basis"];
      parts[2 * k + 1] = e["timeLimit"];
      const channels = e["channels"];
      if (channels && typeof channels === "object") sum += Array.isArray((channels as Fields)["selected"]) ? 1 : 0;
    }
    for (let k = 0; k < 4 * PREFETCH; k++) {
      const part = parts[k];
      if (entries[k >> 1] === undefined || !part || typeof part !== "object") continue;
      const raw = (part as Fields)["raw"];
      if (typeof raw === "string") sum += raw.length;
    }
    this.sum += sum;
  }
}

const NEVER_FILED = -2;

/** @internal FNV-1a over the UTF-16 units of the parent levels, a separator, then the leaf. */
export function pathHash(parent: string, leaf: string): number {
  return hashUnits(Math.imul(hashUnits(FNV_OFFSET, parent) ^ 0xffff, FNV_PRIME), leaf);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashUnits(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * @internal `pathHash(parentOf(entry), leafOf(entry))` without joining the parent levels of a path of three
 * levels or more: the hash runs over the levels and the separators between them, as over the join.
 */
export function entryPathHash(entry: Entry): number {
  if (!("items" in entry) || entry.items.length === 2) return pathHash(parentOf(entry), leafOf(entry));
  const items = entry.items;
  let h = FNV_OFFSET;
  for (let l = 0; l < items.length - 1; l++) h = hashUnits(l > 0 ? Math.imul(h ^ LEVEL_SEP_UNIT, FNV_PRIME) : h, items[l]!);
  return hashUnits(Math.imul(h ^ 0xffff, FNV_PRIME), leafOf(entry));
}

const LEVEL_SEP_UNIT = 1;

/** @internal `parentOf(entry) === parent`, without joining the parent levels of a path of three levels or more. */
export function parentIs(entry: Entry, parent: string): boolean {
  if (!("items" in entry) || entry.items.length === 2) return parentOf(entry) === parent;
  const items = entry.items;
  let at = 0;
  for (let l = 0; l < items.length - 1; l++) {
    if (l > 0 && parent.charCodeAt(at++) !== LEVEL_SEP_UNIT) return false;
    const level = items[l]!;
    if (!parent.startsWith(level, at)) return false;
    at += level.length;
  }
  return at === parent.length;
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
  const changes: FieldChange[] = new Array(differences.length);
  for (let i = 0; i < differences.length; i++) changes[i] = described(kind, differences[i]!);
  return changes;
}

// The difference's own keys in their order (field, old, new, index: how `differingFields` makes
// them), then the label and texts. Built key by key rather than spread (`{ ...d, label, … }`): a
// spread of differences of several shapes took ten times as long, a tenth of a 100,000-entry diff.
function described(kind: CatalogKind, d: FieldDifference): FieldChange {
  const change = { field: d.field } as FieldChange;
  if (Object.hasOwn(d, "old")) change.old = d.old;
  if (Object.hasOwn(d, "new")) change.new = d.new;
  if (Object.hasOwn(d, "index")) change.index = d.index;
  change.label = labelOf(kind, d.field);
  change.oldText = displayValue(d.field, d.old);
  change.newText = displayValue(d.field, d.new);
  return change;
}

function headerChanges(a: Catalog, b: Catalog, ignore: ReadonlySet<string>): FieldChange[] {
  return describe(b.kind, differingFields(a, b, ignore));
}

/** Keys of some entries of a version: `keys[i]` is the key of entry `at[i]` (of entry `i` when `at` is absent). */
interface Keyed {
  keys: readonly string[];
  at?: readonly number[];
}

// Pairs entries with the same non-empty key, first with first, among those not matched yet. Old
// entries of one key form a chain (head map + next array) so that no per-key arrays are allocated.
function matchByKey(m: Matching, olds: Keyed, news: Keyed, by: typeof BY_CODE | typeof BY_PATH): void {
  const { oldMatch, newMatch, how } = m;
  const head = new Map<string, number>();
  const next = new Int32Array(olds.keys.length).fill(-1);
  fileKeys(olds, oldMatch, head, next);
  if (head.size === 0) return;
  const { keys, at } = news;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const n = at ? at[i]! : i;
    if (!key || newMatch[n]! >= 0) continue;
    const j = head.get(key);
    if (j === undefined || j < 0) continue;
    head.set(key, next[j]!);
    const o = olds.at ? olds.at[j]! : j;
    oldMatch[o] = n;
    newMatch[n] = o;
    how[n] = by;
  }
}

// Files the old entries not matched yet under their keys: each key's head is its first entry and its
// chain (`next`) runs in row order (heads and chains hold positions in `olds.keys`).
function fileKeys(olds: Keyed, oldMatch: Int32Array, head: Map<string, number>, next: Int32Array): void {
  const { keys, at } = olds;
  // Backwards, so that the chains run in row order.
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    if (!key || oldMatch[at ? at[i]! : i]! >= 0) continue;
    const first = head.get(key);
    if (first !== undefined) next[i] = first;
    head.set(key, i);
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

/** What the rename search works on: the matching so far and the flat keys of the entries left. */
interface RenameSearch extends Matching {
  oldKey: Map<number, string>;
  newKey: Map<number, string>;
  variants: VariantTest;
  threshold: number;
}

function matchRenames(m: Matching, options: DiffOptions): JoinLimit | undefined {
  const { oldMatch, newMatch, how, renameScore } = m;
  const leftOld = unmatchedIndices(oldMatch);
  const leftNew = unmatchedIndices(newMatch);
  if (!leftOld.length || !leftNew.length) return undefined;
  const r: RenameSearch = {
    ...m,
    oldKey: flatKeys(leftOld, m.oldPath),
    newKey: flatKeys(leftNew, m.newPath),
    variants: variantTest(options.variantWords),
    threshold: options.renameThreshold ?? 0.7,
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
        how[n] = 0;
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
    r.how[c.n] = BY_SIMILARITY;
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
