import { normalizeForMatch, similarity } from "@zwgk/catalog-core";
import type { VariantTest } from "../variants.js";
import type { Item } from "./context.js";
import { firstLevelRelation, isAspect, nameKey, umbrellaOf } from "./language.js";

// When are two entries one item? (See docs/analysis.md.) Decided on names only; codes, when both
// entries have one, must agree.
//   exact       — the same 事项 path by matching key;
//   equivalent  — the same after the catalogs' wording is undone (language.ts): lower levels equal
//                 under related 一级事项 (equal, 行政审批 = 行政许可, 行政执法 ⊃ 行政处罚), or the
//                 names equal once an umbrella 一级事项 (社会救助, 行政许可) is set aside;
//   similar     — the compared names are at least `threshold` alike (Dice over bigrams), do not
//                 differ by a procedure word, scope word or number (variants.ts), and are not one
//                 substituted character apart (采矿权/探矿权 are two rights, not a typo).

/**
 * What the matcher needs of an item, computed once. Duplicates and conflicts hold one for nearly
 * every entry of the input while they run, so it keeps keys only: texts as written are derived
 * from the item when a pair is compared ({@link lowerText}), and no step list is allocated when
 * nothing was undone.
 */
export interface Described {
  item: Item;
  /** True when the item has lower levels (below the 一级事项). */
  lower: boolean;
  lowerKey: string;
  lowerSteps: readonly string[];
  /** The key of the text that names the item: the lower levels when the 一级事项 is an umbrella, else the whole path. */
  specKey: string;
  specSteps: readonly string[];
  /** The umbrella 一级事项 set aside for the spec key, if any. */
  dropped?: string;
}

const NO_STEPS: readonly string[] = Object.freeze([]);
const stepsOf = (steps: readonly string[]) => (steps.length ? steps : NO_STEPS);

/** The levels as compared: trimmed, empty ones dropped. */
const levelsOf = (item: Item) => item.levels.map((l) => l.trim()).filter(Boolean);

/** The lower levels (below the 一级事项) as written, joined; "" for one-level names. */
export function lowerText(item: Item): string {
  return levelsOf(item).slice(1).join("");
}

export function describe(item: Item): Described {
  const levels = levelsOf(item);
  const first = levels[0] ?? "";
  const lower = levels.slice(1).join("");
  const lk = lower ? nameKey(lower) : { key: "", steps: NO_STEPS };
  const d: Described = { item, lower: lower !== "", lowerKey: lk.key, lowerSteps: stepsOf(lk.steps), specKey: "", specSteps: NO_STEPS };
  if (lower && umbrellaOf(first) && !isAspect(lk.key)) {
    d.specKey = lk.key;
    d.specSteps = d.lowerSteps;
    d.dropped = first;
  } else {
    const sk = nameKey(levels.join(""));
    // Most names are their own key (path keys are normalised the same way): hold one string.
    d.specKey = sk.key === item.path ? item.path : sk.key;
    d.specSteps = stepsOf(sk.steps);
  }
  return d;
}

/** The matcher's view of an item, computed once per item for a run (duplicates and conflicts share it). */
export type DescribeItem = (item: Item) => Described;

/** A {@link DescribeItem} that remembers each item's description while the caller keeps it. */
export function describeOnce(): DescribeItem {
  const seen = new Map<Item, Described>();
  return (item) => {
    let d = seen.get(item);
    if (!d) seen.set(item, (d = describe(item)));
    return d;
  };
}

/** How two entries were found to be one item, with the score and the reason in Chinese. */
export interface Match {
  how: "exact" | "equivalent" | "similar";
  /** Dice similarity of the compared names as written (matching keys); 1 for exact. */
  score: number;
  /** 二级事项去掉“信息”后相同，相似度 0.83 … */
  reason: string;
}

const unique = (steps: readonly string[]) => [...new Set(steps)];

/**
 * True when two keys differ in exactly one character, substituted (采矿权/探矿权, 公租房/廉租房): in
 * these catalogs that names another object far more often than it is a slip of the pen.
 */
function oneCharacterApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length && diff < 2; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}

/** Similar by the variant test and not one character apart. */
function alike(a: string, b: string, variants: VariantTest): boolean {
  return !oneCharacterApart(a, b) && variants.relate(a, b) === "similar";
}

function stepsText(a: readonly string[], b: readonly string[]): string {
  return unique([...a, ...b]).join("、");
}

const fmt = (x: number) => x.toFixed(2);

/** Whether two described entries are one item (see the module comment); undefined when not. */
export function relate(a: Described, b: Described, threshold: number, variants: VariantTest): Match | undefined {
  if (a.item.code && b.item.code && a.item.code !== b.item.code) return undefined;
  if (a.item.path === b.item.path) return { how: "exact", score: 1, reason: "事项名称相同" };
  const la = a.item.levels;
  const lb = b.item.levels;
  const levelName = a.item.kind === "power" || a.item.kind === "service" ? "事项名称" : "二级事项";
  if (a.lower && b.lower) {
    const relation = firstLevelRelation(la[0]!, lb[0]!);
    if (relation !== "none") {
      const firstNote =
        normalizeForMatch(la[0]!) === normalizeForMatch(lb[0]!)
          ? ""
          : relation === "same"
            ? `一级事项“${la[0]}”与“${lb[0]}”视为同一类，`
            : `一级事项“${la[0]}”与“${lb[0]}”为包含关系，`;
      const raw = similarity(normalizeForMatch(lowerText(a.item)), normalizeForMatch(lowerText(b.item)));
      if (a.lowerKey && a.lowerKey === b.lowerKey) {
        const steps = stepsText(a.lowerSteps, b.lowerSteps);
        const how = steps ? `${levelName}${steps}后相同` : `${levelName}相同`;
        return { how: "equivalent", score: raw, reason: `${firstNote}${how}，相似度 ${fmt(raw)}` };
      }
      const s = similarity(a.lowerKey, b.lowerKey);
      if (s >= threshold && alike(a.lowerKey, b.lowerKey, variants)) {
        return { how: "similar", score: s, reason: `${firstNote}${levelName}相近，相似度 ${fmt(s)}` };
      }
      return undefined;
    }
    // Unrelated 一级事项 (财政信息 / 财政预决算, 出生 / 户籍管理) with the same specific lower level:
    // catalogs group items differently; an aspect (政策, 办事指南, 审批) names no item and is left out.
    if (a.lowerKey && a.lowerKey === b.lowerKey && a.lowerKey.length >= 4 && !isAspect(a.lowerKey)) {
      const raw = similarity(normalizeForMatch(lowerText(a.item)), normalizeForMatch(lowerText(b.item)));
      const steps = stepsText(a.lowerSteps, b.lowerSteps);
      return {
        how: "equivalent",
        score: raw,
        reason: `一级事项不同（“${la[0]}”与“${lb[0]}”），${levelName}${steps ? `${steps}后` : ""}相同，相似度 ${fmt(raw)}`,
      };
    }
  }
  const raw = similarity(a.item.flat, b.item.flat);
  if (a.specKey && a.specKey === b.specKey) {
    const dropped = [a.dropped, b.dropped].filter(Boolean).map((d) => `一级事项“${d}”`);
    const steps = stepsText(a.specSteps, b.specSteps);
    const parts = [dropped.length ? `不计${dropped.join("、")}` : "", steps].filter(Boolean).join("、");
    return { how: "equivalent", score: raw, reason: `名称${parts ? `${parts}后` : ""}相同，相似度 ${fmt(raw)}` };
  }
  const s = similarity(a.specKey, b.specKey);
  if (s >= threshold && alike(a.specKey, b.specKey, variants)) {
    return { how: "similar", score: s, reason: `名称相近，相似度 ${fmt(s)}` };
  }
  return undefined;
}
