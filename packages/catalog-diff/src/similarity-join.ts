// Near-duplicate search without comparing all pairs: a similarity join with prefix filtering
// (Bayardo et al., "Scaling up all pairs similarity search", WWW 2007; Xiao et al., PPJoin, 2008).
//
// Each key becomes the set of its character bigrams (a repeated bigram is tagged with its occurrence,
// so set overlap equals the multiset overlap core `similarity` counts; one-character keys use the
// character itself). The similarity is the Dice coefficient 2|x∩y|/(|x|+|y|), the same number as
// core `similarity` for keys of two or more characters. Tokens are ordered rarest first; two sets
// with Dice ≥ t must share at least α = ⌈t|x|/(2−t)⌉ tokens, so they share a token among the first
// |x|−α+1 of each (the prefix). Only prefixes are indexed, only records sharing a prefix token are
// compared, and the result is exact: the same pairs as the all-pairs scan, found in time close to
// linear because rare tokens have short posting lists. Records are visited by size so that the
// indexed prefix can be shorter still (see `join`).

/** Two keys whose similarity reaches the threshold: their indices and the Dice similarity. */
export interface SimilarPair {
  /** Index of the first key (the smaller index, or the index into `left`). */
  a: number;
  /** Index of the second key (or the index into `right`). */
  b: number;
  similarity: number;
}

/**
 * How to search: the Dice threshold (default 0.8), the method (`blocking`, or the `all-pairs`
 * baseline) and the work the search may do. Names built to defeat prefix filtering (thousands of
 * keys over two characters, 甲乙乙甲…) share every token, so every pair is a candidate and most
 * pairs match: the search then stops at `maxComparisons` candidate checks or `maxPairs` results,
 * returns what it found and calls `onLimit`, instead of running out of memory.
 */
export interface SimilarPairsOptions {
  threshold?: number;
  method?: "blocking" | "all-pairs";
  /** Most pairs returned (default {@link DEFAULT_MAX_PAIRS}). */
  maxPairs?: number;
  /** Most candidate pairs whose overlap is counted (default {@link DEFAULT_MAX_COMPARISONS}). */
  maxComparisons?: number;
  /** Called once when a limit stopped the search: the result is then incomplete. */
  onLimit?: (limit: JoinLimit) => void;
  /**
   * Decides whether a pair found similar enough is wanted (`a` < `b` for one list; `a` left and `b`
   * right between two). Pairs it refuses are neither returned nor counted against `maxPairs`, so a
   * caller that will discard most pairs (a numbered series: 第1项, 第2项, …) does not stop the search
   * at the bound before reaching the pairs it wants. Refusals are bounded by `maxRefused`.
   */
  keep?: (a: number, b: number, similarity: number) => boolean;
  /** Most pairs `keep` may refuse before the search stops (default {@link DEFAULT_MAX_REFUSED}). */
  maxRefused?: number;
  /**
   * Receives every pair found instead of the result: nothing is stored, so `maxPairs` and `keep` do
   * not apply and the search returns an empty list. For a caller that folds the pairs as they come
   * (the best match of each key); the work is still bounded by `maxComparisons`, and returning
   * `false` stops the search (the caller then knows why; `onLimit` is not called). Pairs arrive in
   * no particular order.
   */
  onPair?: (a: number, b: number, similarity: number) => boolean | void;
}

/** Which limit stopped a similarity search, and how far it got. */
export interface JoinLimit {
  limit: "maxPairs" | "maxComparisons" | "maxRefused";
  /** The limit's value. */
  value: number;
  /** Pairs found before stopping. */
  pairs: number;
  /** Candidate pairs checked before stopping. */
  comparisons: number;
}

/**
 * Default result bound: far above what real catalogs produce (600 real service names give a few
 * dozen pairs at 0.8; a province-scale list of 100,000 a few thousand), small enough to keep
 * (≈ 50 bytes a pair).
 */
export const DEFAULT_MAX_PAIRS = 200_000;
/** Default work bound: a few seconds of overlap counting. */
export const DEFAULT_MAX_COMPARISONS = 40_000_000;
/**
 * Default bound on pairs a `keep` test refuses: such a test (the near-duplicate matcher) costs a few
 * microseconds a pair, so this is a few seconds at most.
 */
export const DEFAULT_MAX_REFUSED = 1_000_000;

const EPS = 1e-9;
const TWO_32 = 4294967296;

/** Every key's token set, flat: the ranks of key k are `tokens[start[k] .. start[k + 1])`, ascending. */
interface TokenSets {
  tokens: Int32Array;
  start: Int32Array;
  /** Number of distinct tokens (ranks run 0 … count − 1, rarest first). */
  count: number;
}

// The slot of token g in an open-addressing table (keys, ids; m = size − 1): where it is, or the free
// slot where it goes. (Module functions rather than closures made per call here and below: a loop's
// optimised code is kept for the next call, and code that inlined the last call's closures would be
// thrown away there.)
// A slot is two doubles side by side, the token and its id (−1: free), so that a probe reads one
// cache line: with a few hundred thousand distinct bigrams the table outgrows the caches, and two
// parallel arrays cost two misses a probe.
// The hash mixes before it masks: a product's low bits depend only on the factor's low bits, so
// masking g·φ directly made every bigram with the same second character (g's low 16 bits) and a few
// low bits of the first share a slot: probe chains of hundreds on real names, 70% of the time.
/** @internal Exported for tests. */
export function tokenSlot(g: number, slots: Float64Array, m: number): number {
  let x = Math.imul(g >>> 0, 0x9e3779b1) ^ Math.imul((g / TWO_32) | 0, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
  let h = (x ^ (x >>> 13)) & m;
  while (slots[2 * h + 1] !== -1 && slots[2 * h] !== g) h = (h + 1) & m;
  return h;
}

/** A table of `size` free slots (token, id = −1). @internal Exported for tests. */
export function freeSlots(size: number): Float64Array {
  const slots = new Float64Array(2 * size);
  for (let i = 1; i < slots.length; i += 2) slots[i] = -1;
  return slots;
}

// Tokens are numbers, not strings, so that tokenising a million keys allocates nothing per bigram:
// a bigram of UTF-16 units a, b is a·65536 + b (the units core `similarity` slices), its n-th repeat
// within a key adds n·2³², and a one-character key is −1 − its unit.
function tokenize(keys: readonly string[]): TokenSets {
  const n = keys.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    const len = keys[k]!.length;
    start[k + 1] = start[k]! + (len > 1 ? len - 1 : len);
  }
  const tokens = new Int32Array(start[n]!);
  const raw = new Float64Array(64);
  // Token → id: an open-addressing hash table on typed arrays (a Map with number keys boxes them).
  let mask = 4095;
  let slots = freeSlots(mask + 1);
  let freq = new Int32Array(1024);
  let count = 0;
  for (let k = 0; k < n; k++) {
    const key = keys[k]!;
    const at = start[k]!;
    const len = key.length;
    if (len === 0) continue;
    const grams = len === 1 ? 1 : len - 1;
    const scratch = grams <= raw.length ? raw : new Float64Array(grams);
    // A 64-bit filter of the bigrams seen in this key: only a bigram whose bit is set may repeat
    // one, so the earlier bigrams are searched for those only (not for every bigram: quadratic).
    let seen0 = 0;
    let seen1 = 0;
    for (let i = 0; i < grams; i++) {
      let g = len === 1 ? -1 - key.charCodeAt(0) : key.charCodeAt(i) * 65536 + key.charCodeAt(i + 1);
      scratch[i] = g;
      const bit = (g ^ (g >>> 6)) & 63;
      if (bit < 32 ? seen0 & (1 << bit) : seen1 & (1 << (bit - 32))) {
        for (let j = 0; j < i; j++) if (scratch[j] === scratch[i]) g += TWO_32;
      } else if (bit < 32) seen0 |= 1 << bit;
      else seen1 |= 1 << (bit - 32);
      let h = tokenSlot(g, slots, mask);
      let id = slots[2 * h + 1]!;
      if (id === -1) {
        id = count++;
        slots[2 * h] = g;
        slots[2 * h + 1] = id;
        if (id >= freq.length) {
          const grown = new Int32Array(freq.length * 2);
          grown.set(freq);
          freq = grown;
        }
        if (count * 2 > mask) {
          // Keep the table at most half full: rehash into twice the size.
          const m = mask * 2 + 1;
          const grown = freeSlots(m + 1);
          for (let q = 0; q <= mask; q++) {
            if (slots[2 * q + 1] === -1) continue;
            h = tokenSlot(slots[2 * q]!, grown, m);
            grown[2 * h] = slots[2 * q]!;
            grown[2 * h + 1] = slots[2 * q + 1]!;
          }
          mask = m;
          slots = grown;
        }
      }
      freq[id]!++;
      tokens[at + i] = id;
    }
  }
  // Rank tokens by frequency (counting sort, ties by first appearance), then sort each set.
  let maxFreq = 0;
  for (let id = 0; id < count; id++) if (freq[id]! > maxFreq) maxFreq = freq[id]!;
  const bucket = new Int32Array(maxFreq + 2);
  for (let id = 0; id < count; id++) bucket[freq[id]! + 1]!++;
  for (let f = 1; f < bucket.length; f++) bucket[f]! += bucket[f - 1]!;
  const rank = new Int32Array(count);
  for (let id = 0; id < count; id++) rank[id] = bucket[freq[id]!]!++;
  for (let i = 0; i < tokens.length; i++) tokens[i] = rank[tokens[i]!]!;
  for (let k = 0; k < n; k++) sortRun(tokens, start[k]!, start[k + 1]!);
  return { tokens, start, count };
}

/** Sorts `a[from .. to)` ascending in place: insertion sort for the short runs names give, without a view per key. */
function sortRun(a: Int32Array, from: number, to: number): void {
  if (to - from > 32) {
    a.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

/** Size of the intersection of two token runs; -1 as soon as it can no longer reach `need`. */
function overlap(tokens: Int32Array, x0: number, x1: number, y0: number, y1: number, need = 0): number {
  let n = 0;
  while (x0 < x1 && y0 < y1) {
    if (n + Math.min(x1 - x0, y1 - y0) < need) return -1;
    const a = tokens[x0]!;
    const b = tokens[y0]!;
    if (a === b) {
      n++;
      x0++;
      y0++;
    } else if (a < b) x0++;
    else y0++;
  }
  return n;
}

/**
 * Work of the join, counted for tests: `candidates` met through a shared prefix token (and past the
 * length filter), `verified` those whose overlap was counted (the positional filter could not drop
 * them). @internal
 */
export const joinWork = { candidates: 0, verified: 0 };

function clampThreshold(t: number | undefined): number {
  const v = t ?? 0.8;
  return Math.min(1, Math.max(0.05, v));
}

const ceilSafe = (x: number) => Math.ceil(x - EPS);

// Length of the index prefix of a set of `size` tokens at threshold t (see `join`).
function indexLength(size: number, t: number): number {
  return size === 0 ? 0 : size - ceilSafe(t * size) + 1;
}

// The join proper. Records are visited by increasing size; each probes the index of the other side
// (or the one index of a self-join) with its *probe prefix* — the first |x| − ⌈t|x|/(2−t)⌉ + 1
// tokens — and is then indexed with its shorter *index prefix*: every partner visited later is at
// least as large, so it must share ⌈t|x|⌉ tokens and |x| − ⌈t|x|⌉ + 1 suffice (Bayardo et al.).
// Frequent tokens thus rarely enter the index. For memory locality the token sets are first copied
// in visiting order, and posting lists are flat (CSR), sized in advance and filled as records are
// visited, so that a probe reads exactly the records visited before.
//
// Positional filter (PPJoin, Xiao et al. 2008): each posting also holds the token's position in its
// record. A candidate y is met first through the first token x and y share — x's earlier tokens were
// probed without meeting y, and one of them in y past y's index prefix would have to rank after the
// shared token, which it does not. So the shared tokens all lie from position i on in x and from j
// on in y: there are at most min(|x| − i, |y| − j), and a candidate that cannot reach the overlap
// it needs is dropped without counting; one that can is counted from (i, j). The pairs found are the
// same; candidates are still counted against `maxComparisons` as before, so limits stop where they did.
function join(
  sets: TokenSets,
  side: Uint8Array | undefined,
  t: number,
  add: Collector,
): void {
  const { tokens, start, count } = sets;
  const n = start.length - 1;
  let maxSize = 0;
  for (let k = 0; k < n; k++) if (start[k + 1]! - start[k]! > maxSize) maxSize = start[k + 1]! - start[k]!;
  // Visiting order: by size (counting sort, stable by index); sets copied in that order.
  const bySize = new Int32Array(maxSize + 2);
  for (let k = 0; k < n; k++) bySize[start[k + 1]! - start[k]! + 1]!++;
  for (let s = 1; s < bySize.length; s++) bySize[s]! += bySize[s - 1]!;
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[bySize[start[k + 1]! - start[k]!]!++] = k;
  const pStart = new Int32Array(n + 1);
  const pTokens = new Int32Array(tokens.length);
  const pSide = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const k = order[p]!;
    pTokens.set(tokens.subarray(start[k]!, start[k + 1]!), pStart[p]!);
    pStart[p + 1] = pStart[p]! + start[k + 1]! - start[k]!;
    if (side) pSide[p] = side[k]!;
  }
  const sides = side ? 2 : 1;
  const offsets: Int32Array[] = [];
  for (let s = 0; s < sides; s++) offsets.push(new Int32Array(count + 1));
  for (let p = 0; p < n; p++) {
    const off = offsets[pSide[p]!]!;
    const p0 = pStart[p]!;
    for (let i = 0, m = indexLength(pStart[p + 1]! - p0, t); i < m; i++) off[pTokens[p0 + i]! + 1]!++;
  }
  const lists: Int32Array[] = [];
  const positions: Int32Array[] = [];
  const fills: Int32Array[] = [];
  for (let s = 0; s < sides; s++) {
    const off = offsets[s]!;
    for (let r = 1; r <= count; r++) off[r]! += off[r - 1]!;
    lists.push(new Int32Array(off[count]!));
    positions.push(new Int32Array(off[count]!));
    fills.push(off.slice(0, count));
  }
  const stamp = new Int32Array(n).fill(-1);
  for (let px = 0; px < n; px++) {
    const x0 = pStart[px]!;
    const x1 = pStart[px + 1]!;
    const size = x1 - x0;
    if (size === 0) continue;
    const own = pSide[px]!;
    const other = side ? 1 - own : 0;
    const off = offsets[other]!;
    const fill = fills[other]!;
    const list = lists[other]!;
    const position = positions[other]!;
    const minLen = ceilSafe((t * size) / (2 - t));
    const probeLength = size - minLen + 1;
    for (let i = 0; i < probeLength; i++) {
      const tok = pTokens[x0 + i]!;
      for (let k = off[tok]!, end = fill[tok]!; k < end; k++) {
        const py = list[k]!;
        if (stamp[py] === px) continue;
        stamp[py] = px;
        if (!add.budget.compare()) return;
        const y0 = pStart[py]!;
        const y1 = pStart[py + 1]!;
        const ySize = y1 - y0;
        if (ySize < minLen) continue;
        joinWork.candidates++;
        const need = ceilSafe((t * (size + ySize)) / 2);
        const j = position[k]!;
        if (Math.min(size - i, ySize - j) < need) continue;
        joinWork.verified++;
        const shared = overlap(pTokens, x0 + i, x1, y0 + j, y1, need);
        if (shared < 0) continue;
        const sim = (2 * shared) / (size + ySize);
        if (sim >= t - EPS && !add.found(order[px]!, order[py]!, sim)) return;
      }
    }
    const ownList = lists[own]!;
    const ownPosition = positions[own]!;
    const ownFill = fills[own]!;
    for (let i = 0, m = indexLength(size, t); i < m; i++) {
      const f = ownFill[pTokens[x0 + i]!]!++;
      ownList[f] = px;
      ownPosition[f] = i;
    }
  }
}

function allPairs(sets: TokenSets, lefts: number, rights: number, offset: number, t: number, self: boolean, add: Collector): void {
  const { tokens, start } = sets;
  for (let b = 0; b < rights; b++) {
    const y = offset + b;
    const y0 = start[y]!;
    const y1 = start[y + 1]!;
    if (y0 === y1) continue;
    for (let a = 0, m = self ? b : lefts; a < m; a++) {
      const x0 = start[a]!;
      const x1 = start[a + 1]!;
      if (x0 === x1) continue;
      if (!add.budget.compare()) return;
      const sim = (2 * overlap(tokens, x0, x1, y0, y1)) / (x1 - x0 + (y1 - y0));
      if (sim >= t - EPS && !add.emit(a, b, sim)) return;
    }
  }
}

// Budget and Collector are classes, not closures made per search: the join's hot loop calls their
// methods, and an optimised loop that inlined one search's closures would be thrown away (deoptimised)
// at the next search, which passes new ones.

/** Counts comparisons and pairs against the limits; false once one is reached (and reports it once). */
class Budget {
  private pairs = 0;
  private comparisons = 0;
  private refused = 0;
  private stopped = false;
  private readonly maxPairs: number;
  private readonly maxComparisons: number;
  private readonly maxRefused: number;
  private readonly onLimit: SimilarPairsOptions["onLimit"];

  constructor(options: SimilarPairsOptions) {
    this.maxPairs = Math.max(0, options.maxPairs ?? DEFAULT_MAX_PAIRS);
    this.maxComparisons = Math.max(0, options.maxComparisons ?? DEFAULT_MAX_COMPARISONS);
    this.maxRefused = Math.max(0, options.maxRefused ?? DEFAULT_MAX_REFUSED);
    this.onLimit = options.onLimit;
  }

  compare(): boolean {
    if (this.stopped) return false;
    if (this.comparisons < this.maxComparisons) {
      this.comparisons++;
      return true;
    }
    return this.stop("maxComparisons", this.maxComparisons);
  }

  pair(): boolean {
    if (this.stopped) return false;
    if (this.pairs < this.maxPairs) {
      this.pairs++;
      return true;
    }
    return this.stop("maxPairs", this.maxPairs);
  }

  refuse(): boolean {
    if (this.stopped) return false;
    if (this.refused < this.maxRefused) {
      this.refused++;
      return true;
    }
    return this.stop("maxRefused", this.maxRefused);
  }

  private stop(limit: JoinLimit["limit"], value: number): false {
    if (!this.stopped) this.onLimit?.({ limit, value, pairs: this.pairs, comparisons: this.comparisons });
    this.stopped = true;
    return false;
  }
}

/**
 * The one place a found pair is kept: asks `keep`, then counts it against `maxPairs`; false once
 * the search must stop. `found` takes a pair as the join finds it (two record numbers, either
 * first) and orients it: smaller first in one list (`split` < 0), else left then right, where
 * records from `split` on are the right list.
 */
class Collector {
  constructor(
    private readonly out: SimilarPair[],
    readonly budget: Budget,
    private readonly keep: SimilarPairsOptions["keep"],
    private readonly onPair: SimilarPairsOptions["onPair"],
    private readonly split: number,
  ) {}

  found(x: number, y: number, similarity: number): boolean {
    const split = this.split;
    if (split < 0) return x < y ? this.emit(x, y, similarity) : this.emit(y, x, similarity);
    return x < split ? this.emit(x, y - split, similarity) : this.emit(y, x - split, similarity);
  }

  emit(a: number, b: number, similarity: number): boolean {
    if (this.onPair) return this.onPair(a, b, similarity) !== false;
    if (this.keep && !this.keep(a, b, similarity)) return this.budget.refuse();
    if (!this.budget.pair()) return false;
    this.out.push({ a, b, similarity });
    return true;
  }
}

/**
 * Every pair of keys (i < j) whose Dice similarity over character bigrams is at least the threshold.
 * Pass matching keys (`normalizeForMatch`); empty keys never match. `method: "all-pairs"` is the
 * quadratic baseline, for tests and benchmarks. The work is bounded (see {@link SimilarPairsOptions}):
 * when a limit stops the search, the pairs found so far are returned and `onLimit` is called.
 */
export function findSimilarPairs(keys: readonly string[], options: SimilarPairsOptions = {}): SimilarPair[] {
  const t = clampThreshold(options.threshold);
  const sets = tokenize(keys);
  const out: SimilarPair[] = [];
  const add = new Collector(out, new Budget(options), options.keep, options.onPair, -1);
  if (options.method === "all-pairs") allPairs(sets, keys.length, keys.length, 0, t, true, add);
  else join(sets, undefined, t, add);
  return out.sort(byPair);
}

/**
 * Every pair (left[a], right[b]) whose similarity is at least the threshold; the same measure and
 * guarantees as {@link findSimilarPairs}.
 */
export function findSimilarPairsBetween(
  left: readonly string[],
  right: readonly string[],
  options: SimilarPairsOptions = {},
): SimilarPair[] {
  const t = clampThreshold(options.threshold);
  const sets = tokenize([...left, ...right]);
  const n = left.length;
  const out: SimilarPair[] = [];
  const add = new Collector(out, new Budget(options), options.keep, options.onPair, n);
  if (options.method === "all-pairs") allPairs(sets, n, right.length, n, t, false, add);
  else join(sets, new Uint8Array(n + right.length).fill(1, n), t, add);
  return out.sort(byPair);
}

function byPair(p: SimilarPair, q: SimilarPair): number {
  return p.a - q.a || p.b - q.b;
}
