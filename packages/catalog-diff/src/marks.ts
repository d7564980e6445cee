import { canonicalMark, type MarkGroup } from "@zwgk/catalog-core";

// Mark columns (公开对象, 公开方式, 公开层级) compare as sets of canonical labels (core
// `canonicalMark`: 特定群众 ≡ 特定群体, 依申请公开 ≡ 依申请, 区级 ≡ 县级). A layout has a handful of
// distinct labels, so each one's canonical form is remembered rather than looked up per row.
const seen: Record<MarkGroup, Map<string, string>> = { audience: new Map(), method: new Map(), levels: new Map() };

function canonical(group: MarkGroup, label: string): string {
  const memo = seen[group];
  let c = memo.get(label);
  if (c === undefined) {
    c = canonicalMark(group, label);
    if (memo.size < 10_000) memo.set(label, c);
  }
  return c;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function markSet(group: MarkGroup, marks: readonly string[] | undefined): Set<string> {
  const set = new Set<string>();
  if (marks) for (const m of marks) set.add(canonical(group, m));
  return set;
}

/** True when two mark lists of a group name the same set of marks, whatever their spelling and order. */
export function sameMarks(group: MarkGroup, a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a && b && sameList(a, b)) return true;
  const left = markSet(group, a);
  const right = markSet(group, b);
  if (left.size !== right.size) return false;
  for (const m of left) if (!right.has(m)) return false;
  return true;
}

/** A key for a mark list: its canonical marks, sorted, U+0001-joined; lists with equal keys are {@link sameMarks}. Null for a missing or empty list. */
export function marksKey(group: MarkGroup, marks: readonly string[] | undefined): string | null {
  if (!marks?.length) return null;
  return [...markSet(group, marks)].sort().join("\u0001");
}
