import { normalizeForMatch, similarity } from "../normalize.js";

// A closed vocabulary (domains, channels, power types) compiled once: canonical names and aliases
// keyed by their matching key, plus the keys scanned for "did you mean".

/** One canonical term and the other spellings that mean it. */
export interface Term {
  readonly name: string;
  readonly aliases?: readonly string[];
}

/** How a text matched a vocabulary: the canonical name, and the alias when an alias matched. */
export interface VocabularyMatch {
  name: string;
  alias?: string;
}

/** Below this score a suggestion is more likely noise than help. */
const SUGGEST_THRESHOLD = 0.5;
/** Containment ("公示栏" inside "村公示栏") is a strong hint even when bigram overlap is low. */
const CONTAINED_SCORE = 0.6;
/**
 * Shared characters, discounted: short terms with one wrong character ("社会求助") share few
 * bigrams but most characters.
 */
const CHARACTER_WEIGHT = 0.85;

function characterDice(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const ch of a) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let shared = 0;
  for (const ch of b) {
    const n = counts.get(ch);
    if (n) {
      shared++;
      counts.set(ch, n - 1);
    }
  }
  return (2 * shared) / ([...a].length + [...b].length);
}

/** A compiled vocabulary: exact lookups by matching key and "did you mean" suggestions. */
export interface Vocabulary {
  /** Exact lookup by matching key (width, script, spaces and punctuation ignored); the match is frozen. */
  lookup(text: string): Readonly<VocabularyMatch> | undefined;
  /** Lookup by an already normalised key. */
  lookupKey(key: string): Readonly<VocabularyMatch> | undefined;
  /** The canonical name most similar to the text, or undefined when nothing is close. */
  closest(text: string): string | undefined;
  /** Every key with its match, longest key first (for searching inside longer texts). */
  readonly keys: ReadonlyArray<readonly [string, Readonly<VocabularyMatch>]>;
}

/** Compiles terms into a vocabulary: keys are {@link normalizeForMatch} forms of names and aliases. */
export function createVocabulary(terms: readonly Term[]): Vocabulary {
  // Matches are frozen and shared: lookups on the hot path allocate nothing.
  const byKey = new Map<string, Readonly<VocabularyMatch>>();
  for (const term of terms) {
    byKey.set(normalizeForMatch(term.name), Object.freeze({ name: term.name }));
    for (const alias of term.aliases ?? []) {
      const key = normalizeForMatch(alias);
      if (!byKey.has(key)) byKey.set(key, Object.freeze({ name: term.name, alias }));
    }
  }
  const keys = [...byKey].sort((a, b) => b[0].length - a[0].length);
  const lookupKey = (key: string) => byKey.get(key);
  return {
    keys,
    lookupKey,
    lookup: (text) => lookupKey(normalizeForMatch(text)),
    closest(text) {
      const key = normalizeForMatch(text);
      if (!key) return undefined;
      let best: string | undefined;
      let bestScore = 0;
      for (const [candidate, match] of keys) {
        let score = Math.max(similarity(key, candidate), CHARACTER_WEIGHT * characterDice(key, candidate));
        if (score < CONTAINED_SCORE && key.length > 1 && candidate.length > 1 && (candidate.includes(key) || key.includes(candidate))) {
          score = CONTAINED_SCORE;
        }
        if (score > bestScore) {
          bestScore = score;
          best = match.name;
        }
      }
      // Only suggestions (for unknown values) come here, so the per-candidate cost does not matter.
      return bestScore >= SUGGEST_THRESHOLD ? best : undefined;
    },
  };
}

/** Deep-freezes a table of plain objects and arrays, so shared reference data cannot be edited. */
export function freezeAll<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezeAll(v);
  }
  return value;
}
