import type { Channels } from "@zwgk/catalog-schemas";
import { normalizeForMatch } from "../normalize.js";
import { channelVocabulary, STANDARD_CHANNELS } from "../reference/channels.js";

// A 公开渠道和载体 cell is either a checkbox list ("■政府网站 □政府公报 …") or plain names
// ("政府网站 入户/现场"). Known names contain "/" and brackets, so they are matched greedily on
// the matching key before any splitting; only what no known name covers is split on separators.

/** Boxes and ticks that mean "chosen". ☒ is a filled-in box in Chinese forms, so it counts. */
const CHOSEN = "■☑☒✓✔√▣◼⬛";
/** Boxes that mean "not chosen". */
const UNCHOSEN = "□☐◻⬜";
const BOX = new RegExp(`[${CHOSEN}${UNCHOSEN}]`, "u");
/** Separate names: spaces, 、，；。 and their ASCII forms. */
const HARD_SEPARATOR = /[\s、，,;；。]/u;
/** Separate unknown names but may occur inside known ones ("入户/现场"). */
const SOFT_SEPARATOR = /[/／|｜\\]/u;

// First character of a key → keys starting with it, longest first.
const KEYS_BY_FIRST = (() => {
  const map = new Map<string, Array<readonly [string, string]>>();
  for (const [key, match] of channelVocabulary.keys) {
    const first = key[0];
    if (!first) continue;
    let list = map.get(first);
    if (!list) map.set(first, (list = []));
    list.push([key, match.name]);
  }
  return map;
})();

interface Stream {
  chars: string[];
  /** Index in the text of each key character. */
  origin: number[];
  /** Whether a separator stands before each key character. */
  boundary: boolean[];
}

function toStream(text: string): Stream {
  const s: Stream = { chars: [], origin: [], boundary: [] };
  let pending = true;
  let i = 0;
  for (const ch of text) {
    if (HARD_SEPARATOR.test(ch) || SOFT_SEPARATOR.test(ch)) pending = true;
    else {
      for (const c of normalizeForMatch(ch)) {
        s.chars.push(c);
        s.origin.push(i);
        s.boundary.push(pending);
        pending = false;
      }
    }
    i += ch.length;
  }
  return s;
}

/** The longest known key at position p: [length, canonical name]. */
function keyAt(s: Stream, p: number): readonly [number, string] | undefined {
  const list = KEYS_BY_FIRST.get(s.chars[p] ?? "");
  if (!list) return undefined;
  outer: for (const [key, name] of list) {
    if (p + key.length > s.chars.length) continue;
    for (let k = 1; k < key.length; k++) if (s.chars[p + k] !== key[k]) continue outer;
    return [key.length, name];
  }
  return undefined;
}

/** A known key at p that ends where a name may end (end, separator, or another known name). */
function acceptedAt(s: Stream, p: number): readonly [number, string] | undefined {
  const hit = keyAt(s, p);
  if (!hit) return undefined;
  const end = p + hit[0];
  return end === s.chars.length || s.boundary[end] || keyAt(s, end) ? hit : undefined;
}

const LABEL = /[:：]\s*$/;
// The lookbehind starts the trailing run only where it begins, so a long run in mid-text stays linear.
const TRIM = /^[\s、，,;；。/／|｜\\]+|(?<![\s、，,;；。/／|｜\\])[\s、，,;；。/／|｜\\]+$/gu;

/** Splits plain text into channel names: canonical names for known ones, the text as written otherwise. */
function splitNames(text: string, out: string[]): void {
  const s = toStream(text);
  const n = s.chars.length;
  let p = 0;
  while (p < n) {
    const hit = acceptedAt(s, p);
    if (hit) {
      out.push(hit[1]);
      p += hit[0];
      continue;
    }
    let q = p + 1;
    while (q < n && !s.boundary[q] && !acceptedAt(s, q)) q++;
    const written = text.slice(s.origin[p], q < n ? s.origin[q] : text.length).replace(TRIM, "");
    if (written) out.push(written);
    p = q;
  }
}

function pushUnique(list: string[], names: readonly string[]): void {
  for (const name of names) if (!list.includes(name)) list.push(name);
}

/**
 * Reads a 公开渠道和载体 cell. With boxes (■/□, ☑/☐, ✓ …) the chosen names go to `selected` and the
 * unchosen to `unselected` (an empty list when only chosen boxes were written); without boxes every
 * name is selected and `unselected` is absent. Known names are returned in their standard spelling
 * ("社区、企事业单位、村公示栏(电子屏)" → "社区/企事业单位/村公示栏（电子屏）"), others as written.
 *
 * @example
 * ```ts
 * parseChannels("■政府网站 □政府公报 ■入户/现场");
 * // { raw: "■政府网站 □政府公报 ■入户/现场", selected: ["政府网站", "入户/现场"], unselected: ["政府公报"] }
 * parseChannels("政府网站 入户/现场"); // { raw: …, selected: ["政府网站", "入户/现场"] }
 * ```
 */
export function parseChannels(raw: string): Channels {
  const selected: string[] = [];
  if (!BOX.test(raw)) {
    const names: string[] = [];
    splitNames(raw, names);
    pushUnique(selected, names);
    return { raw, selected };
  }
  const unselected: string[] = [];
  let chosen = true; // text before the first box reads as chosen names, unless it is a label ("渠道：")
  let start = 0;
  const flush = (end: number) => {
    const names: string[] = [];
    const text = raw.slice(start, end);
    if (start === 0 && LABEL.test(text)) return;
    splitNames(text, names);
    pushUnique(chosen ? selected : unselected, names);
  };
  let i = 0;
  for (const ch of raw) {
    if (CHOSEN.includes(ch) || UNCHOSEN.includes(ch)) {
      flush(i);
      chosen = CHOSEN.includes(ch);
      start = i + ch.length;
    }
    i += ch.length;
  }
  flush(raw.length);
  return { raw, selected, unselected: unselected.filter((n) => !selected.includes(n)) };
}

function sameSelection(a: readonly string[], b: readonly string[]): boolean {
  const keys = (list: readonly string[]) => new Set(list.map((n) => channelVocabulary.lookup(n)?.name ?? normalizeForMatch(n)));
  const ka = keys(a);
  const kb = keys(b);
  if (ka.size !== kb.size) return false;
  for (const k of ka) if (!kb.has(k)) return false;
  return true;
}

/**
 * Writes channels back into one cell. When `raw` still says what `selected` says, `raw` comes back
 * unchanged (so a round trip keeps the cell as the department wrote it). Otherwise: with boxes
 * (`unselected` present) the 13 standard options in their order, ■ or □, then the other chosen
 * (■) and unchosen (□) channels; without boxes the chosen names separated by spaces.
 */
export function formatChannels(channels: Channels): string {
  if (channels.raw !== undefined && sameSelection(parseChannels(channels.raw).selected, channels.selected)) {
    return channels.raw;
  }
  if (channels.unselected === undefined) return channels.selected.join(" ");
  const chosen = new Set(channels.selected.map((n) => channelVocabulary.lookup(n)?.name ?? n));
  const parts: string[] = [];
  const written = new Set<string>();
  for (const { name } of STANDARD_CHANNELS) {
    parts.push(`${chosen.has(name) ? "■" : "□"}${name}`);
    written.add(name);
  }
  const add = (box: string, name: string) => {
    if (written.has(name)) return;
    parts.push(`${box}${name}`);
    written.add(name);
  };
  for (const name of chosen) add("■", name);
  for (const n of channels.unselected) add("□", channelVocabulary.lookup(n)?.name ?? n);
  return parts.join(" ");
}
