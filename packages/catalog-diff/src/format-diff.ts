import { entryName, formatPlace } from "@zwgk/catalog-core";
import { type ChangeSetMeta, toChangeSet } from "./changeset.js";
import type { CatalogDiff, EntryRef, FieldChange } from "./diff.js";

const EMPTY = "（空）";

function place(ref: EntryRef): string {
  const p = ref.source ? formatPlace(ref.source) : "";
  return p ? `（${p}）` : "";
}

function fieldLines(changes: readonly FieldChange[], indent: string): string[] {
  return changes.map((c) => `${indent}${c.label}：${c.oldText || EMPTY} → ${c.newText || EMPTY}`);
}

/** The one-line count: 新增 N 项、删除 N 项、更名 N 项、修改 N 项 (and 目录信息 when the header changed). */
export function summarizeDiff(diff: CatalogDiff): string {
  const counts = `新增 ${diff.added.length} 项、删除 ${diff.removed.length} 项、更名 ${diff.renamed.length} 项、修改 ${diff.changed.length} 项`;
  return diff.header.length ? `${counts}；目录信息修改 ${diff.header.length} 处` : counts;
}

/**
 * A diff as Chinese text for a terminal or a report: the counts, then 目录信息, 新增, 删除, 更名 and 修改
 * with each field's 旧值 → 新值 and the rows the entries came from. Pure: no colour, no I/O.
 */
export function formatDiffText(diff: CatalogDiff): string {
  const lines = [summarizeDiff(diff)];
  if (diff.incomplete) lines.push(`注意：更名识别未完成，未识别的更名列为删除和新增。${diff.incomplete}`);
  if (diff.header.length) lines.push("", "目录信息：", ...fieldLines(diff.header, "  "));
  if (diff.added.length) {
    lines.push("", "新增：");
    for (const a of diff.added) lines.push(`  + ${entryName(a.entry)}${place(a)}`);
  }
  if (diff.removed.length) {
    lines.push("", "删除：");
    for (const r of diff.removed) lines.push(`  - ${entryName(r.entry)}${place(r)}`);
  }
  if (diff.renamed.length) {
    lines.push("", "更名：");
    for (const r of diff.renamed) {
      const how = r.matchedBy === "code" ? "按编码对应" : `名称相似度 ${r.similarity.toFixed(2)}`;
      lines.push(`  ~ ${entryName(r.old.entry)} → ${entryName(r.new.entry)}（${how}）${place(r.new)}`);
      const others = r.changes.filter((c) => c.field !== "items" && c.field !== "name" && c.field !== "subItem");
      lines.push(...fieldLines(others, "      "));
    }
  }
  if (diff.changed.length) {
    lines.push("", "修改：");
    for (const c of diff.changed) {
      lines.push(`  * ${entryName(c.new.entry)}${place(c.new)}`);
      lines.push(...fieldLines(c.changes, "      "));
    }
  }
  return lines.join("\n");
}

/**
 * The JSON document `zwgk diff --format json` prints and the browser page downloads: the counts, the
 * change set (动态调整) built from the diff with `meta`, and the diff itself; 2-space indented, with a
 * final newline. One implementation, so both give byte-identical documents for the same inputs.
 */
export function formatDiffJson(diff: CatalogDiff, meta: ChangeSetMeta): string {
  const summary = {
    added: diff.added.length,
    removed: diff.removed.length,
    renamed: diff.renamed.length,
    changed: diff.changed.length,
    header: diff.header.length,
    unchanged: diff.unchanged,
  };
  return `${JSON.stringify({ summary, changeSet: toChangeSet(diff, meta), diff }, null, 2)}\n`;
}
