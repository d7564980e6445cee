import { FORBIDDEN_KEYS } from "./errors.js";

// The checks of the key scan (`scanParsedJson`) — nesting depth, forbidden keys, repeated keys —
// decided from the value `JSON.parse` built, for readers that need no lines (diff, apply). Depth and
// forbidden keys are read off the value. A repeated key leaves no trace in the value (JSON.parse
// keeps the last), so repeats are found by counting: every key of the text is followed by exactly one
// colon outside strings, and the value holds one own key per distinct key of each object.
//
// So keys in the value ≤ keys in the text ≤ colons in the text, and when the first count equals the
// last, the text repeats no key. That settles the usual catalog, whose strings hold no colon, with one
// walk over the containers (no string is read) and one count over the text. Otherwise colons inside
// strings are counted in the decoded keys and values and subtracted: the text holds
// `colons in the text − colons inside its strings` keys, which is exact unless the text writes a colon
// as an escape (`\u003a`). Then, and whenever anything looks wrong, the answer is "not clean" and the
// caller runs the scan, which finds the first problem and says where. So a "clean" answer is always
// the scan's answer, found at a fraction of its cost.

function colonsIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf(":"); i !== -1; i = s.indexOf(":", i + 1)) n++;
  return n;
}

/** @internal Work done by {@link parsedJsonIsClean}, counted for tests: strings searched for colons. */
export const jsonCheckWork = { strings: 0 };

// The own keys of the objects in container `v` (the root is at depth 1), or -1 when a container
// nests deeper than maxDepth or a key is forbidden. Strings are not read.
function keysIn(v: object, depth: number, maxDepth: number): number {
  // The scan refuses a container opened with maxDepth containers already open.
  if (depth > maxDepth) return -1;
  let keys = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== "object" || x === null) continue;
      const k = keysIn(x, depth + 1, maxDepth);
      if (k < 0) return -1;
      keys += k;
    }
    return keys;
  }
  const o = v as Record<string, unknown>;
  // for…in on a JSON.parse object lists its own keys (parsedJsonIsClean makes sure that
  // Object.prototype adds none).
  for (const key in o) {
    keys++;
    if (FORBIDDEN_KEYS.has(key)) return -1;
    const x = o[key];
    if (typeof x !== "object" || x === null) continue;
    const k = keysIn(x, depth + 1, maxDepth);
    if (k < 0) return -1;
    keys += k;
  }
  return keys;
}

// Colons inside the keys and strings of `v` (depth and keys were checked by keysIn).
function colonsInStrings(v: unknown): number {
  if (typeof v === "string") {
    jsonCheckWork.strings++;
    return v.includes(":") ? colonsIn(v) : 0;
  }
  if (typeof v !== "object" || v === null) return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) n += colonsInStrings(v[i]);
    return n;
  }
  const o = v as Record<string, unknown>;
  for (const key in o) {
    jsonCheckWork.strings++;
    if (key.includes(":")) n += colonsIn(key);
    n += colonsInStrings(o[key]);
  }
  return n;
}

// An enumerable key added to Object.prototype would be listed by every for…in and counted as a key
// of every object, which could hide a repeat.
function prototypeIsClean(): boolean {
  for (const key in {}) if (key !== undefined) return false;
  return true;
}

/**
 * True when the text `JSON.parse` turned into `value` nests no deeper than `maxDepth` containers and
 * has no forbidden and no repeated key — exactly when `scanParsedJson(text, maxDepth)` succeeds. False
 * means "run the scan": it is also the answer when this check cannot be sure (a colon written as an
 * escape, a tree too deep for the stack).
 */
export function parsedJsonIsClean(text: string, value: unknown, maxDepth: number): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (!prototypeIsClean()) return false;
  let keys: number;
  try {
    keys = keysIn(value, 1, maxDepth);
  } catch {
    // A stack overflow on a deep tree (maxDepth raised far): let the iterative scan decide.
    return false;
  }
  if (keys < 0) return false;
  const colons = colonsIn(text);
  if (keys === colons) return true;
  if (text.includes("\\u003a") || text.includes("\\u003A")) return false;
  try {
    return keys === colons - colonsInStrings(value);
  } catch {
    return false;
  }
}
