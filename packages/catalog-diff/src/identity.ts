import type { Entry } from "@zwgk/catalog-schemas";
import { normalizeForMatch } from "@zwgk/catalog-core";

// Which entry is "the same item" in two versions or two catalogs: its code when it has one, else its
// 事项 path (一级/二级/三级事项, or 事项名称/子项名称) compared by matching key.

/**
 * How a change set names an entry: its code when it has one and its 事项 path as written
 * ([一级事项, 二级事项, …] for 标准目录/补充目录; [事项名称, 子项名称?] for 权责清单; [事项名称] for
 * 公共服务事项).
 */
export interface EntryIdentity {
  code?: string;
  path: string[];
}

/** The 事项 path of an entry as written. */
export function entryPath(entry: Entry): string[] {
  if ("items" in entry) return [...entry.items];
  if ("subItem" in entry && entry.subItem) return [entry.name, entry.subItem];
  return [entry.name];
}

/** The identity a change set records for an entry. */
export function identityOf(entry: Entry): EntryIdentity {
  const id: EntryIdentity = { path: entryPath(entry) };
  if (entry.code && entry.code.trim()) id.code = entry.code;
  return id;
}

/** Matching key of a code ("" when there is none). */
export function codeKey(code: string | undefined): string {
  return code ? normalizeForMatch(code) : "";
}

/**
 * Separates levels in a path key. A control character: `normalizeForMatch` keeps it and no 事项 name
 * contains it, so a whole path is normalised in one call.
 */
export const LEVEL_SEP = "\u0001";
const SEP = LEVEL_SEP;

/** Matching key of a 事项 path: each level normalised, empty levels dropped, levels joined with {@link LEVEL_SEP}. */
export function pathKey(path: readonly string[]): string {
  if (path.length === 1) return normalizeForMatch(path[0]!);
  // One normalisation for the whole path; the per-level loop below is only needed when a level
  // normalises to nothing.
  const joined = normalizeForMatch(path.join(SEP));
  if (joined[0] !== SEP && joined[joined.length - 1] !== SEP && !joined.includes(SEP + SEP)) return joined;
  let key = "";
  for (let i = 0; i < path.length; i++) {
    const level = normalizeForMatch(path[i]!);
    if (!level) continue;
    key = key ? key + SEP + level : level;
  }
  return key;
}

/** The matching key of an entry's 事项 path (see {@link pathKey}). */
export function entryPathKey(entry: Entry): string {
  if ("items" in entry) return pathKey(entry.items);
  if ("subItem" in entry && entry.subItem) return pathKey([entry.name, entry.subItem]);
  return normalizeForMatch(entry.name);
}

/** The path key without level separators: the text whose similarity decides near matches. */
export function flatKey(pathKeyValue: string): string {
  return pathKeyValue.includes(SEP) ? pathKeyValue.replaceAll(SEP, "") : pathKeyValue;
}

/** An index of a catalog's entries by code key and by path key, for finding the entry a change names. */
export class EntryIndex {
  private readonly byCode = new Map<string, number[]>();
  private readonly byPath = new Map<string, number[]>();

  constructor(entries: readonly Entry[]) {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const c = codeKey(e.code);
      if (c) push(this.byCode, c, i);
      push(this.byPath, entryPathKey(e), i);
    }
  }

  /** Indices of the entries an identity names: by code when the code is known here, else by path. */
  find(identity: EntryIdentity): readonly number[] {
    const c = codeKey(identity.code);
    if (c) {
      const hit = this.byCode.get(c);
      if (hit) return hit;
    }
    return this.byPath.get(pathKey(identity.path)) ?? [];
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
