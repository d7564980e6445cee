import { TRADITIONAL_TO_SIMPLIFIED } from "./reference/script.js";

// Matching keys compare what a person would call "the same text": full/half width, spaces,
// punctuation and script differences vanish. The stored text always stays as written.

// Punctuation, symbols and every kind of space (after NFKC, full-width forms are already ASCII).
const STRIP = /[\s\p{P}\p{S}\u200b\u200c\u200d]+/gu;

// A 64K flag table of the mapped traditional characters (all in the BMP): most text is already
// simplified, and a scan of char codes that finds nothing is the cheap answer on the hot path.
const IS_TRADITIONAL = (() => {
  const table = new Uint8Array(0x10000);
  for (const ch of TRADITIONAL_TO_SIMPLIFIED.keys()) table[ch.charCodeAt(0)] = 1;
  return table;
})();
const TRADITIONAL = new RegExp(`[${[...TRADITIONAL_TO_SIMPLIFIED.keys()].join("")}]`, "g");
const simplify = (ch: string) => TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;

/** Traditional → simplified, character by character, for the characters government texts use. */
export function toSimplified(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (IS_TRADITIONAL[text.charCodeAt(i)]) return text.replace(TRADITIONAL, simplify);
  }
  return text;
}

/**
 * The key two texts are compared by: NFKC (full-width → half-width), traditional → simplified,
 * lower case, no spaces or punctuation. `"最低生活保障（审批）"` and `"最低 生活保障(審批)"` share a key.
 */
export function normalizeForMatch(text: string): string {
  // Most keys (二级事项, names) are simplified ideographs, digits and lower-case letters alone: each
  // step below keeps those unchanged, so one scan that finds nothing else answers with the text.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff && !IS_TRADITIONAL[c]) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) continue;
    return keyOf(toSimplified(nfkc(text)));
  }
  return text;
}

// NFKC through ICU costs more than everything else in a key. Government text is almost all CJK
// ideographs, ASCII, the common CJK punctuation and full-width ASCII, whose NFKC forms are known:
// ASCII, U+4E00–U+9FFF and the punctuation in NFKC_STABLE stay as they are, and U+FF01–U+FF5E and
// U+3000 become their ASCII counterparts. None of them is a combining mark or composes with a
// neighbour, so folding them one by one equals NFKC of the whole text; any other character sends
// the text to `String.prototype.normalize`.
const NFKC_STABLE = (() => {
  const table = new Uint8Array(0x10000);
  const candidates = "、。〃〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟‐‑–—―‖‘’‚‛“”„‟•‧·×÷¥￥°§№…※";
  // Each candidate is checked against ICU once, so the table can only hold characters NFKC keeps.
  for (const ch of candidates) if (ch.normalize("NFKC") === ch) table[ch.charCodeAt(0)] = 1;
  return table;
})();

/** `text.normalize("NFKC")`, without ICU for the characters government texts are made of. */
export function nfkc(text: string): string {
  let out: string | undefined;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff) || NFKC_STABLE[c]) continue;
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) {
      out = (out ?? "") + text.slice(from, i) + String.fromCharCode(c === 0x3000 ? 0x20 : c - 0xfee0);
      from = i + 1;
      continue;
    }
    return text.normalize("NFKC");
  }
  return out === undefined ? text : out + text.slice(from);
}

// What a character becomes in a key, learnt per char code on first sight: itself (KEEP), nothing
// (DROP: a space, punctuation or symbol), its lower case (LOWER: A–Z), or OTHER — cased beyond ASCII
// (Σ lowers by context), a surrogate — which sends the whole text through toLowerCase and STRIP.
// Each class is what `ch.toLowerCase().replace(STRIP, "")` gives for the character alone.
const KEEP = 1;
const DROP = 2;
const LOWER = 3;
const OTHER = 4;
const KEY_CLASS = new Uint8Array(0x10000);

function learn(c: number): number {
  const ch = String.fromCharCode(c);
  const key = ch.toLowerCase().replace(STRIP, "");
  const k = c >= 0xd800 && c <= 0xdfff ? OTHER : key === "" ? DROP : key === ch ? KEEP : c >= 0x41 && c <= 0x5a ? LOWER : OTHER;
  KEY_CLASS[c] = k;
  return k;
}

/** `text.toLowerCase().replace(STRIP, "")`, without the regex for keys that are CJK and ASCII. */
function keyOf(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) continue;
    const k = KEY_CLASS[c] || learn(c);
    if (k === KEEP) continue;
    if (k === OTHER) return text.toLowerCase().replace(STRIP, "");
    out += text.slice(from, i);
    if (k === LOWER) out += String.fromCharCode(c + 0x20);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Trims and folds runs of white space to one space; for display-level tidying, not matching. */
export function tidyText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Similarity of two matching keys in [0, 1]: the Dice coefficient over character bigrams (single
 * characters for one-character keys). Cheap and script-agnostic; callers normalise first.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  if (a.length === 1 || b.length === 1) return a.includes(b) || b.includes(a) ? 2 / (a.length + b.length) : 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g);
    if (n) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/**
 * The candidate closest to `word` by edit distance over matching keys (so 全角/半角, 繁体 and spacing do
 * not count), when it is close enough to be a plausible slip: at most one edit in four characters
 * (at least one). For "did you mean" advice: `closestText("公开期限", ["公开时限", "公开主体"])` →
 * "公开时限", `closestText("valdate", ["validate", "convert"])` → "validate".
 */
export function closestText(word: string, candidates: Iterable<string>): string | undefined {
  const key = [...normalizeForMatch(word)];
  if (!key.length) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const other = [...normalizeForMatch(candidate)];
    const limit = Math.max(1, Math.floor(Math.max(key.length, other.length) / 4));
    const d = editDistance(key, other, limit);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance of two code-point arrays, or `limit + 1` as soon as it must exceed `limit`. */
function editDistance(a: readonly string[], b: readonly string[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}
