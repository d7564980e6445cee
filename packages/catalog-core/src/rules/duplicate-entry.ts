import type { DisclosureEntry, Entry, PowerEntry, ServiceEntry } from "@zwgk/catalog-schemas";
import { formatPlace, type Location } from "../finding.js";
import { fieldLabel } from "../labels.js";
import { entryName } from "../model.js";
import { normalizeForMatch } from "../normalize.js";
import { defineRule } from "../rule.js";
import { ALL_KINDS } from "./shared.js";

// 梳理不重复: one 事项 is listed once. Two keys per entry: what it is (the 事项 path; name + 子项 +
// 实施主体 for powers and services, since one name under two bodies is two powers) and its code.
// Only the keys and the first entry's Location are kept, so memory grows with the key count alone.
// Keys are grouped by their first part (一级事项, 实施主体) so that most keys are one normalised
// string, not a concatenation: on 100k entries the map work is most of this rule's cost.

const SEP = "\u0001";
const PLAIN_CODE = /^[0-9A-Z-]+$/i;

/** normalizeForMatch remembering its last answer: a group (一级事项, 实施主体) repeats on consecutive rows. */
function lastKeyMemo(): (text: string) => string {
  let lastText: string | undefined;
  let lastKey = "";
  return (text) => {
    if (text !== lastText) {
      lastKey = normalizeForMatch(text);
      lastText = text;
    }
    return lastKey;
  };
}

/** The identity of an entry: its group's key (`groupKey` normalises the group's text) and its key within the group. */
function identity(kind: string, entry: Entry, groupKey: (text: string) => string): { group: string; key: string } {
  if (kind === "power") {
    const p = entry as PowerEntry;
    const name = normalizeForMatch(p.name);
    return { group: p.subject ? groupKey(p.subject) : "", key: p.subItem ? name + SEP + normalizeForMatch(p.subItem) : name };
  }
  if (kind === "service") {
    const s = entry as ServiceEntry;
    return { group: s.subject ? groupKey(s.subject) : "", key: normalizeForMatch(s.name) };
  }
  const items = (entry as DisclosureEntry).items;
  let rest = "";
  for (let i = 1; i < items.length; i++) rest += (i > 1 ? SEP : "") + normalizeForMatch(items[i]!);
  return { group: groupKey(items[0] ?? ""), key: rest };
}

/** Codes are ASCII as a rule: compare them case-blind without the full matching key. */
function codeKey(code: string): string {
  const trimmed = code.trim();
  return PLAIN_CODE.test(trimmed) ? trimmed.toUpperCase() : normalizeForMatch(trimmed);
}

/** How a message names the first occurrence: its sheet row, or its position in a JSON catalog. */
function placeOf(location: Location): string {
  return location.row ? formatPlace(location) : `第${(location.entry ?? 0) + 1}项`;
}

/**
 * The `duplicate-entry` rule; what it checks is in its `meta.description` and docs/rules.md. It
 * remembers at most `ValidateOptions.maxDuplicateKeys` names and codes (~60 bytes each, measured);
 * past that, later entries are compared with those remembered but not remembered themselves, and one
 * warning says how many.
 */
export default defineRule({
  meta: {
    id: "duplicate-entry",
    severity: "error",
    kinds: ALL_KINDS,
    description: "同一目录中同一事项只能列出一次（比较时忽略全半角、繁简、空格和标点）；事项编码也不能重复。",
    messages: {
      duplicate: "事项「{name}」与{place}重复。",
      "duplicate-code": "「{label}」「{code}」与{place}重复。",
      "too-many": "目录的事项过多：重复检查只记住了前 {max} 个名称和编码，另有 {count} 项未被记住（它们与前面的重复仍会报告，彼此之间的重复不会）。",
    },
    hints: {
      duplicate: "请删除重复的一项，或将两项合并；确属不同事项的，请在名称中写明区别。",
      "duplicate-code": "同一编码只能对应一个事项，请核对编码。",
      "too-many": "请把目录拆分为几个文件分别检查；确需一次检查时，可用 --limit maxDuplicateKeys=更大的值 放宽上限（每个约占 60 字节内存）。",
    },
  },
  create(context) {
    // What is kept per distinct key is a number (an index into the arrays below), not a Location
    // object: about a third of the memory. The keys themselves are bounded by maxKeys.
    const maxKeys = context.limits.maxDuplicateKeys;
    const groups = new Map<string, Map<string, number>>();
    const codes = new Map<string, number>();
    const kept = { entry: [] as number[], row: [] as (number | undefined)[], sheet: [] as (string | undefined)[], line: [] as (number | undefined)[], file: [] as (string | undefined)[] };
    let keys = 0;
    let unchecked = 0;
    const codeLabel = fieldLabel(context.kind, "code");
    const groupKey = lastKeyMemo();
    // Consecutive entries share their group (merged 一级事项): its map is looked up once per run.
    let lastGroup: string | undefined;
    let lastNames: Map<string, number> | undefined;
    const remember = (index: number): number => {
      const here = context.locate(index);
      kept.entry.push(index);
      kept.row.push(here.row);
      kept.sheet.push(here.sheet);
      kept.line.push(here.line);
      kept.file.push(here.file);
      return kept.entry.length - 1;
    };
    const locationOf = (id: number): Location => {
      const loc: Location = { entry: kept.entry[id]!, path: `/entries/${kept.entry[id]!}` };
      if (kept.file[id] !== undefined) loc.file = kept.file[id];
      if (kept.sheet[id] !== undefined) loc.sheet = kept.sheet[id];
      if (kept.row[id] !== undefined) loc.row = kept.row[id];
      if (kept.line[id] !== undefined) loc.line = kept.line[id];
      return loc;
    };
    return {
      entry(entry, index) {
        const { group, key: id } = identity(context.kind, entry, groupKey);
        if (group !== lastGroup) {
          lastGroup = group;
          lastNames = groups.get(group);
        }
        const names = lastNames;
        const code = entry.code?.trim() ? codeKey(entry.code) : undefined;
        const nameHit = names?.get(id);
        const codeHit = code === undefined ? undefined : codes.get(code);
        const byName = nameHit === undefined ? undefined : locationOf(nameHit);
        const byCode = codeHit === undefined ? undefined : locationOf(codeHit);
        if (byName) {
          context.report({
            messageId: "duplicate",
            entry: index,
            data: { name: entryName(entry), place: placeOf(byName) },
            related: [byName],
          });
        } else if (byCode) {
          context.report({
            messageId: "duplicate-code",
            entry: index,
            field: "code",
            data: { label: codeLabel, code: entry.code!.trim(), place: placeOf(byCode) },
            related: [byCode],
          });
        }
        if (byName && (byCode || code === undefined)) return;
        const addName = !byName;
        const addCode = code !== undefined && !byCode;
        if (keys + Number(addName) + Number(addCode) > maxKeys) {
          unchecked++;
          return;
        }
        const here = remember(index);
        if (addName) {
          let map = names;
          if (!map) groups.set(group, (lastNames = map = new Map()));
          map.set(id, here);
          keys++;
        }
        if (addCode) {
          codes.set(code, here);
          keys++;
        }
      },
      end() {
        if (unchecked) context.report({ messageId: "too-many", severity: "warning", data: { max: maxKeys, count: unchecked } });
      },
    };
  },
});
