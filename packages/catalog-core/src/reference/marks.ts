import { nfkc } from "../normalize.js";
import { createVocabulary, freezeAll, type Term, type Vocabulary } from "./vocabulary.js";

/** The flag-column groups of a disclosure catalog: 公开对象, 公开方式, 公开层级. */
export type MarkGroup = "audience" | "method" | "levels";

/**
 * The canonical labels of each flag group and the header spellings that mean them. 公开层级 labels
 * name tiers: 区级 is the 县级 tier and 镇级 / 街道级 the 乡级 tier; "乡、村级" stays its own label
 * because it covers two tiers at once.
 */
export const MARK_LABELS: Readonly<Record<MarkGroup, readonly Term[]>> = freezeAll({
  audience: [
    { name: "全社会", aliases: ["社会公众", "全体社会"] },
    { name: "特定群体", aliases: ["特定群众", "特定对象", "特定人群"] },
  ],
  method: [
    { name: "主动", aliases: ["主动公开"] },
    { name: "依申请", aliases: ["依申请公开"] },
  ],
  levels: [
    { name: "省级", aliases: ["省"] },
    { name: "市级", aliases: ["市", "市本级"] },
    { name: "县级", aliases: ["区级", "县区级", "县(市、区)级", "县(区)级", "县(市)级", "县"] },
    { name: "乡级", aliases: ["镇级", "乡镇级", "街道级", "乡(镇)级", "乡镇(街道)级", "乡"] },
    { name: "乡、村级", aliases: [] },
    { name: "村级", aliases: ["村(居)级", "村(社区)级", "社区级", "村"] },
  ],
} satisfies Record<MarkGroup, Term[]>);

const vocabularies: Record<MarkGroup, Vocabulary> = {
  audience: createVocabulary(MARK_LABELS.audience),
  method: createVocabulary(MARK_LABELS.method),
  levels: createVocabulary(MARK_LABELS.levels),
};

/**
 * The canonical label of a flag column: 特定群众 → 特定群体, 依申请公开 → 依申请, 区级 → 县级.
 * Labels the vocabulary does not know come back trimmed, as written (layouts vary).
 */
export function canonicalMark(group: MarkGroup, label: string): string {
  return vocabularies[group].lookup(label)?.name ?? label.trim();
}

// √ and its look-alikes, filled shapes, and the words people type when a tick is hard to enter
// (是, 有, Y, V). ✗ / × / X mean "no" in Chinese forms (打叉), so they are not marks.
const MARK_SYMBOLS = "√✓✔☑☒●■◆★";
const MARK_WORDS: ReadonlySet<string> = new Set(["是", "有", "Y", "YES", "V", "TRUE"]);
const VARIATION = /[\ufe0e\ufe0f]/g;

/**
 * True when a flag cell is marked: √ ✓ ✔ ☑ ☒ ● ■ ◆ ★ (also followed by other text), or exactly 是, 有,
 * Y, yes, V or TRUE (any case or width). Blank, 否, 无, ×, ✗, X, N, 0, "-" and other text are not
 * marked: in Chinese forms a cross means "no".
 */
export function isMarked(cellText: string): boolean {
  const t = nfkc(cellText).replace(VARIATION, "").trim();
  if (!t) return false;
  if (MARK_SYMBOLS.includes(t[0]!)) return true;
  return MARK_WORDS.has(t.toUpperCase());
}
