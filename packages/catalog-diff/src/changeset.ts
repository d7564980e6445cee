import type { CatalogKind, Entry } from "@zwgk/catalog-schemas";
import type { CatalogDiff, FieldChange } from "./diff.js";
import type { FieldDifference } from "./fields.js";
import { identityOf, type EntryIdentity } from "./identity.js";

/**
 * One field edit: the value the field must have before (`old`, absent = empty) and the value after
 * (`new`, absent = emptied). Field paths are model fields (`timeLimit`, `channels`, `items`) or
 * unmodelled columns (`extra.公开时长`); `index` places a column that appears.
 */
export type FieldPatch = FieldDifference;

/** A new entry, inserted at `position` (its index in the version that introduced it) when given. */
export interface AddChange {
  op: "add";
  target: EntryIdentity;
  entry: Entry;
  position?: number;
}

/** An entry taken out; `entry` is its full content, which must still match, and lets a revert restore it. */
export interface RemoveChange {
  op: "remove";
  target: EntryIdentity;
  entry: Entry;
  /** Index it had, so that a revert puts it back there. */
  position?: number;
}

/** Field edits of one entry; `to` is its identity afterwards when a patch changes its code. */
export interface UpdateChange {
  op: "update";
  target: EntryIdentity;
  to?: EntryIdentity;
  patches: FieldPatch[];
}

/** A change of 事项 name (and perhaps other fields): `target` before, `to` after. */
export interface RenameChange {
  op: "rename";
  target: EntryIdentity;
  to: EntryIdentity;
  patches: FieldPatch[];
}

/** Catalog-level edits (标题, 版本, 领域, 生效日期 …). */
export interface HeaderChange {
  op: "header";
  patches: FieldPatch[];
}

/** One change of a change set. */
export type Change = AddChange | RemoveChange | UpdateChange | RenameChange | HeaderChange;

/**
 * A change set (动态调整): who changed a catalog, why, under which approval, from which day, and the
 * changes. JSON-serialisable; check untrusted JSON with `parseChangeSet`.
 */
export interface ChangeSet {
  /** Optional id, e.g. `2024-07-民政-01`. */
  id?: string;
  /** Who made the change (person or department). */
  author: string;
  /** Why: the function change, document or request behind it. */
  reason: string;
  /** The approving document's 文号, e.g. 民办函〔2019〕52号. */
  approval?: string;
  /** The day the change takes effect, `YYYY-MM-DD`. */
  effectiveDate: string;
  /** The kind of catalog the change set applies to. */
  kind: CatalogKind;
  changes: Change[];
}

/** Everything of a change set but its changes; `kind` defaults to the diff's kind. */
export type ChangeSetMeta = Omit<ChangeSet, "changes" | "kind"> & { kind?: CatalogKind };

function withoutSource(entry: Entry): Entry {
  if (!entry.source) return entry;
  const { source: _source, ...rest } = entry;
  return rest as Entry;
}

function patchesOf(changes: readonly FieldChange[]): FieldPatch[] {
  return changes.map((c) => {
    const p: FieldPatch = { field: c.field };
    if (c.old !== undefined) p.old = c.old;
    if (c.new !== undefined) p.new = c.new;
    if (c.index !== undefined) p.index = c.index;
    return p;
  });
}

function sameIdentity(a: EntryIdentity, b: EntryIdentity): boolean {
  return a.code === b.code && a.path.length === b.path.length && a.path.every((p, i) => p === b.path[i]);
}

/**
 * The change set that turns the diff's old version into its new one: header edits, removals (old
 * order), renames, updates, then additions (new order). Entry `source` is left out: it names a row of
 * one file, not part of the item.
 */
export function toChangeSet(diff: CatalogDiff, meta: ChangeSetMeta): ChangeSet {
  const changes: Change[] = [];
  if (diff.header.length) changes.push({ op: "header", patches: patchesOf(diff.header) });
  for (const r of diff.removed) {
    changes.push({ op: "remove", target: identityOf(r.entry), entry: withoutSource(r.entry), position: r.index });
  }
  for (const r of diff.renamed) {
    changes.push({ op: "rename", target: identityOf(r.old.entry), to: identityOf(r.new.entry), patches: patchesOf(r.changes) });
  }
  for (const c of diff.changed) {
    const target = identityOf(c.old.entry);
    const to = identityOf(c.new.entry);
    const update: UpdateChange = { op: "update", target, patches: patchesOf(c.changes) };
    if (!sameIdentity(target, to)) update.to = to;
    changes.push(update);
  }
  for (const a of diff.added) {
    changes.push({ op: "add", target: identityOf(a.entry), entry: withoutSource(a.entry), position: a.index });
  }
  const { kind, ...rest } = meta;
  return { ...rest, kind: kind ?? diff.kind, changes };
}

function invertPatch(p: FieldPatch): FieldPatch {
  const q: FieldPatch = { field: p.field };
  if (p.new !== undefined) q.old = p.new;
  if (p.old !== undefined) q.new = p.old;
  if (p.index !== undefined) q.index = p.index;
  return q;
}

/** The change set that undoes `changeSet`: additions become removals, edits swap old and new. */
export function invertChangeSet(changeSet: ChangeSet): ChangeSet {
  const changes = changeSet.changes.map((c): Change => {
    switch (c.op) {
      case "add":
        return { ...c, op: "remove" };
      case "remove":
        return { ...c, op: "add" };
      case "header":
        return { op: "header", patches: c.patches.map(invertPatch) };
      case "rename":
        return { op: "rename", target: c.to, to: c.target, patches: c.patches.map(invertPatch) };
      case "update": {
        const u: UpdateChange = { op: "update", target: c.to ?? c.target, patches: c.patches.map(invertPatch) };
        if (c.to) u.to = c.target;
        return u;
      }
    }
  });
  return { ...changeSet, changes };
}
