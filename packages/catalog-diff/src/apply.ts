import type { Catalog, Entry, EntrySource } from "@zwgk/catalog-schemas";
import { entryName, formatPlace, KIND_SHORT_LABELS, schemaIssueMessage } from "@zwgk/catalog-core";
import { validateCatalogShape, validateEntryShape } from "@zwgk/catalog-schemas";
import { produce } from "immer";
import type { Change, ChangeSet, FieldPatch } from "./changeset.js";
import { invertChangeSet } from "./changeset.js";
import { differingFields, displayValue, labelOf, readField, sameFieldValue, writeField } from "./fields.js";
import { EntryIndex, type EntryIdentity } from "./identity.js";

/** One reason a change set cannot be applied: which change, which entry and field, and what was expected. */
export interface ChangeSetIssue {
  /** Index of the change in `changeSet.changes`. */
  change: number;
  op: Change["op"];
  /** The 事项 the change names. */
  entry?: string;
  /** The field path whose current value does not match. */
  field?: string;
  /** The value the change set expects, as text. */
  expected?: string;
  /** The value the catalog has, as text. */
  actual?: string;
  /** The whole problem in Chinese. */
  message: string;
}

/**
 * Thrown when a change set does not fit the catalog (stale, already applied, or for another catalog),
 * or, with `limit` set, when matching its changes to entries would take more comparisons than
 * {@link ApplyOptions.maxComparisons} allows.
 */
export class ChangeSetError extends Error {
  override readonly name = "ChangeSetError";
  constructor(
    message: string,
    readonly issues: readonly ChangeSetIssue[],
    /** The bound that stopped the work (`"maxComparisons"`); absent when the change set does not fit. */
    readonly limit?: "maxComparisons",
  ) {
    super(message);
  }
}

/** Options of {@link applyChangeSet}, {@link revertChangeSet} and {@link replayHistory}. */
export interface ApplyOptions {
  /**
   * Most entry comparisons while one change set's changes are matched to entries (default
   * {@link DEFAULT_MAX_APPLY_COMPARISONS}); past it a {@link ChangeSetError} with `limit` is thrown.
   */
  maxComparisons?: number;
}

const IGNORE_SEQ: ReadonlySet<string> = new Set(["seq"]);

/**
 * Applies a change set to a catalog and returns the new catalog. The input is not modified: edited
 * entries and the header are produced with immer, unchanged entries are shared. Every precondition is
 * checked first — each removed entry must still be there as recorded, each patched field must still
 * hold its old value, no added entry may already be present — and any failure throws a
 * {@link ChangeSetError} that names the entry and field; nothing is ever overwritten silently.
 */
export function applyChangeSet(catalog: Catalog, changeSet: ChangeSet, options: ApplyOptions = {}): Catalog {
  return run(catalog, changeSet, "应用", options);
}

/** Undoes a change set that was applied to produce `catalog`, with the same checks as {@link applyChangeSet}. */
export function revertChangeSet(catalog: Catalog, changeSet: ChangeSet, options: ApplyOptions = {}): Catalog {
  return run(catalog, invertChangeSet(changeSet), "撤销", options);
}

/**
 * The catalog as it stood on `date` (`YYYY-MM-DD`): `base` with every change set effective on or
 * before that day applied in date order (change sets of the same day in the order given).
 */
export function replayHistory(base: Catalog, history: readonly ChangeSet[], date: string, options: ApplyOptions = {}): Catalog {
  const due = history
    .map((cs, i) => ({ cs, i }))
    .filter(({ cs }) => cs.effectiveDate <= date)
    .sort((a, b) => (a.cs.effectiveDate < b.cs.effectiveDate ? -1 : a.cs.effectiveDate > b.cs.effectiveDate ? 1 : a.i - b.i));
  let catalog = base;
  for (const { cs } of due) catalog = applyChangeSet(catalog, cs, options);
  return catalog;
}

interface Plan {
  updates: Array<{ index: number; patches: FieldPatch[] }>;
  removals: number[];
  additions: Array<{ entry: Entry; position: number }>;
}

function run(catalog: Catalog, cs: ChangeSet, verb: string, options: ApplyOptions): Catalog {
  const title = `变更集${cs.id ? `“${cs.id}”` : ""}无法${verb}`;
  if (cs.kind !== catalog.kind) {
    const message = `该变更集适用于${KIND_SHORT_LABELS[cs.kind]}，不能${verb}到${KIND_SHORT_LABELS[catalog.kind]}`;
    throw new ChangeSetError(`${title}：${message}`, [{ change: -1, op: "header", message }]);
  }
  const issues: ChangeSetIssue[] = [];
  const plan = resolve(catalog, cs, issues, options.maxComparisons ?? DEFAULT_MAX_APPLY_COMPARISONS);
  if (issues.length) {
    const hint = "变更集可能已过期或已应用过：请先核对当前目录，或基于当前目录重新生成变更集。";
    throw new ChangeSetError(`${title}：\n${issues.map((i) => `  ${i.message}`).join("\n")}\n${hint}`, issues);
  }
  // immer edits what changes (the header, each updated entry); the entries array is rebuilt by hand,
  // because splicing a drafted array of 100,000 entries would draft every entry it shifts.
  const header = cs.changes.flatMap((c) => (c.op === "header" ? c.patches : []));
  const { entries: before, ...envelope } = catalog;
  const nextHeader = header.length ? produce(envelope, (draft) => void header.forEach((p) => writeField(draft, p.field, p.new))) : envelope;
  const entries = (before as readonly Entry[]).slice();
  const changed = new Set<Entry>();
  const copies = new Set<Entry>();
  const added = (entry: Entry) => {
    const copy = structuredClone(entry);
    changed.add(copy);
    copies.add(copy);
    return copy;
  };
  for (const u of plan.updates) {
    entries[u.index] = produce(entries[u.index]!, (draft) => void u.patches.forEach((p) => writeField(draft, p.field, p.new, p.index)));
    changed.add(entries[u.index]!);
  }
  const removed = new Set(plan.removals);
  const kept = removed.size ? entries.filter((_, i) => !removed.has(i)) : entries;
  // Additions go to their recorded positions (ascending), the rest keeps its order.
  const additions = plan.additions.sort((a, b) => a.position - b.position);
  const out: Entry[] = [];
  let next = 0;
  for (const e of kept) {
    while (next < additions.length && additions[next]!.position <= out.length) out.push(added(additions[next++]!.entry));
    out.push(e);
  }
  while (next < additions.length) out.push(added(additions[next++]!.entry));
  const result = { ...nextHeader, entries: out } as Catalog;
  assertWritable(result, changed, copies, header.length > 0, title);
  return result;
}

/**
 * What apply produces must fit the schema, like any catalog zwgk writes: an `add` whose 公开时限 is a
 * number, or a patch that makes a field an object, is refused before anything is written, naming the
 * entry and the field. Only what the change set touched is checked (the rest was read as it is).
 */
function assertWritable(result: Catalog, changed: ReadonlySet<Entry>, added: ReadonlySet<Entry>, headerChanged: boolean, title: string): void {
  const issues: ChangeSetIssue[] = [];
  const kind = result.kind;
  if (headerChanged) {
    const shape = validateCatalogShape({ ...result, entries: [] });
    if (!shape.ok) {
      for (const issue of shape.issues) issues.push({ change: -1, op: "header", message: `目录：${schemaIssueMessage(kind, issue).message}` });
    }
  }
  result.entries.forEach((entry, i) => {
    if (!changed.has(entry)) return;
    const shape = validateEntryShape(kind, entry);
    if (shape.ok) return;
    const name = entry && typeof entry === "object" ? entryName(entry) : "";
    for (const issue of shape.issues.slice(0, 5)) {
      const { message } = schemaIssueMessage(kind, { ...issue, pointer: `/entries/${i}${issue.pointer}` });
      issues.push({ change: -1, op: added.has(entry) ? "add" : "update", entry: name, message: `第 ${i + 1} 项“${name}”：${message}` });
    }
  });
  if (issues.length) {
    throw new ChangeSetError(`${title}：应用后的目录不符合目录标准，未写出：\n${issues.map((i) => `  ${i.message}`).join("\n")}\n请修正变更集中这些字段的值（类型、取值见 schemas/ 中的目录标准）。`, issues);
  }
}

/**
 * Comparisons a change set may cost while its changes are matched to entries. Identical duplicate
 * entries are compared once per group, so only a catalog with thousands of *different* entries under
 * one name, edited by thousands of changes, gets near it (20k × 20k would otherwise take minutes).
 */
export const DEFAULT_MAX_APPLY_COMPARISONS = 5_000_000;

/**
 * Work done while changes are matched to entries, counted for tests (the bounds are asserted on
 * these counts, never on time). Internal to the package (not exported from its index).
 * - `comparisons`: candidate entries compared with a change;
 * - `considered`: candidate groups looked at, plus used entries skipped over.
 */
export const applyWork = { comparisons: 0, considered: 0 };

/** The content of an entry that matching compares (not where it came from, not its 序号). */
function contentKey(entry: Entry): string {
  const { source: _source, seq: _seq, ...rest } = entry as Entry & { seq?: unknown };
  return JSON.stringify(rest);
}

/**
 * The entries one identity names, grouped by content: identical duplicates form one group and are
 * compared once; each group hands out its members lowest index first, skipping used ones.
 */
class Candidates {
  private readonly groups: Array<{ members: number[]; head: number }> = [];

  constructor(
    indices: readonly number[],
    entries: readonly Entry[],
    private readonly used: ReadonlySet<number>,
  ) {
    const byKey = new Map<string, { members: number[]; head: number }>();
    for (const i of indices) {
      const key = contentKey(entries[i]!);
      let g = byKey.get(key);
      if (!g) {
        byKey.set(key, (g = { members: [], head: 0 }));
        this.groups.push(g);
      }
      g.members.push(i);
    }
  }

  private headOf(g: { members: number[]; head: number }): number | undefined {
    while (g.head < g.members.length && this.used.has(g.members[g.head]!)) {
      g.head++;
      applyWork.considered++;
    }
    return g.members[g.head];
  }

  /** The lowest unused index whose entry passes `test` (called once per group), or undefined. */
  find(test: (index: number) => boolean, spend: () => void): number | undefined {
    let best: number | undefined;
    for (const g of this.groups) {
      applyWork.considered++;
      const head = this.headOf(g);
      if (head === undefined || (best !== undefined && head > best)) continue;
      spend();
      if (test(g.members[0]!)) best = head;
    }
    return best;
  }

  /** The lowest unused index, or undefined when every candidate is used. */
  first(): number | undefined {
    let best: number | undefined;
    for (const g of this.groups) {
      applyWork.considered++;
      const head = this.headOf(g);
      if (head !== undefined && (best === undefined || head < best)) best = head;
    }
    return best;
  }
}

// Resolves every change against the catalog as it is, collecting every failed precondition.
function resolve(catalog: Catalog, cs: ChangeSet, issues: ChangeSetIssue[], maxComparisons: number): Plan {
  const entries = catalog.entries as readonly Entry[];
  const index = new EntryIndex(entries);
  const used = new Set<number>();
  const plan: Plan = { updates: [], removals: [], additions: [] };
  const kind = catalog.kind;
  const cache = new Map<readonly number[], Candidates>();
  const candidatesOf = (indices: readonly number[]) => {
    let c = cache.get(indices);
    if (!c) cache.set(indices, (c = new Candidates(indices, entries, used)));
    return c;
  };
  let comparisons = 0;
  const spend = () => {
    applyWork.comparisons++;
    if (++comparisons > maxComparisons) {
      const message = `变更集与目录中同名（或同编码）的不同事项太多，逐一比较超过 ${maxComparisons} 次，无法可靠地确定每项变更对应哪个事项`;
      throw new ChangeSetError(`${message}。请先去除目录中的重复事项（zwgk validate 会列出），或把变更集拆小。`, [{ change: -1, op: "header", message }], "maxComparisons");
    }
  };
  cs.changes.forEach((change, n) => {
    if (change.op === "header") {
      for (const p of change.patches) {
        const actual = readField(catalog, p.field);
        if (!sameFieldValue(p.field, p.old, actual)) issues.push(mismatch(n, change.op, "目录", undefined, p, actual, kind));
      }
      return;
    }
    const candidates = candidatesOf(index.find(change.target));
    if (change.op === "add") {
      const present = candidates.find((i) => differingFields(entries[i]!, change.entry, IGNORE_SEQ).length === 0, spend) !== undefined;
      if (present) {
        const name = entryName(change.entry);
        issues.push({ change: n, op: change.op, entry: name, message: `事项“${name}”已存在，不能重复新增` });
      }
      plan.additions.push({ entry: change.entry, position: change.position ?? Number.MAX_SAFE_INTEGER });
      return;
    }
    const name = change.target.path.join(" / ");
    const firstUnused = candidates.first();
    if (firstUnused === undefined) {
      issues.push({ change: n, op: change.op, entry: name, message: `找不到事项“${name}”${codeNote(change.target)}` });
      return;
    }
    if (change.op === "remove") {
      const hit = candidates.find((i) => differingFields(entries[i]!, change.entry, IGNORE_SEQ).length === 0, spend);
      if (hit === undefined) {
        const first = entries[firstUnused]!;
        const d = differingFields(change.entry, first, IGNORE_SEQ)[0]!;
        issues.push(mismatch(n, change.op, name, first.source, { field: d.field, ...(d.old !== undefined && { old: d.old }) }, d.new, kind));
        return;
      }
      used.add(hit);
      plan.removals.push(hit);
      return;
    }
    const hit = candidates.find((i) => change.patches.every((p) => sameFieldValue(p.field, p.old, readField(entries[i]!, p.field))), spend);
    if (hit === undefined) {
      const first = entries[firstUnused]!;
      const p = change.patches.find((q) => !sameFieldValue(q.field, q.old, readField(first, q.field)))!;
      issues.push(mismatch(n, change.op, name, first.source, p, readField(first, p.field), kind));
      return;
    }
    used.add(hit);
    plan.updates.push({ index: hit, patches: change.patches });
  });
  return plan;
}

function codeNote(id: EntryIdentity): string {
  return id.code ? `（编码 ${id.code}）` : "";
}

function mismatch(
  change: number,
  op: Change["op"],
  name: string,
  source: EntrySource | undefined,
  patch: FieldPatch,
  actual: unknown,
  kind: Catalog["kind"],
): ChangeSetIssue {
  const expected = displayValue(patch.field, patch.old);
  const actualText = displayValue(patch.field, actual);
  const place = source ? formatPlace(source) : "";
  const label = labelOf(kind, patch.field);
  const what = name === "目录" ? "目录" : `事项“${name}”${place ? `（${place}）` : ""}`;
  return {
    change,
    op,
    entry: name,
    field: patch.field,
    expected,
    actual: actualText,
    message: `${what}的“${label}”应为“${expected || "（空）"}”，实际为“${actualText || "（空）"}”`,
  };
}
