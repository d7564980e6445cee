import type { CatalogKind, Entry, ExtraColumn } from "@zwgk/catalog-schemas";
import { fieldLabel, tidyText, type MarkGroup } from "@zwgk/catalog-core";
import { sameMarks } from "./marks.js";

// What "the same value" means for each field, shared by the diff, change-set preconditions and the
// analysis: texts compare tidied (runs of white space folded), bases and 时限 by their raw text (the
// parsed forms are derived), channels and mark columns as sets. `source` is never compared: it says
// where a row was, not what it says.

/** A JSON value as found in a catalog. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

type FieldType = "text" | "path" | "basis" | "timeLimit" | "channels" | "marks" | "json";

const FIELD_TYPES: Readonly<Record<string, FieldType>> = {
  items: "path",
  basis: "basis",
  responsibilityBasis: "basis",
  accountabilityBasis: "basis",
  timeLimit: "timeLimit",
  channels: "channels",
  audience: "marks",
  method: "marks",
  levels: "marks",
  jurisdiction: "json",
};

/** Prefix of the field path of an unmodelled column: `extra.公开时长`. */
export const EXTRA_PREFIX = "extra.";

/**
 * Keys `differingFields` skips: `source` (where a row was read from, never a change), `entries` (of a
 * catalog header) and `extra`, which is compared column by column instead.
 */
export const NEVER_COMPARED: ReadonlySet<string> = new Set(["source", "extra", "entries"]);

function tidy(value: unknown): string {
  return typeof value === "string" ? tidyText(value) : value === undefined || value === null ? "" : String(value);
}

function rawOf(value: unknown): string {
  return value && typeof value === "object" && "raw" in value ? tidy((value as { raw?: unknown }).raw) : tidy(value);
}

function sameRaw(a: unknown, b: unknown): boolean {
  if (!a || !b || typeof a !== "object" || typeof b !== "object") return false;
  const ra = (a as { raw?: unknown }).raw;
  return typeof ra === "string" && ra === (b as { raw?: unknown }).raw;
}

function sameStrings(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function selectedOf(value: unknown): unknown {
  return value && typeof value === "object" ? (value as { selected?: unknown }).selected : undefined;
}

function channelSet(value: unknown): Set<string> {
  const set = new Set<string>();
  const selected = value && typeof value === "object" ? (value as { selected?: unknown }).selected : undefined;
  if (Array.isArray(selected)) for (const s of selected) set.add(tidy(s));
  return set;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

// One comparison per field type: `sameFieldValue` dispatches to them by the field's type, and the
// entry comparer below calls them by name, so both say the same thing by construction.
function sameText(a: unknown, b: unknown): boolean {
  return tidy(a) === tidy(b);
}

function samePath(a: unknown, b: unknown): boolean {
  if (sameStrings(a, b)) return true;
  const pa = Array.isArray(a) ? a : [];
  const pb = Array.isArray(b) ? b : [];
  return pa.length === pb.length && pa.every((v, i) => tidy(v) === tidy(pb[i]));
}

// The same raw text is the same value; only different texts need tidying to compare.
function sameRawText(a: unknown, b: unknown): boolean {
  return sameRaw(a, b) || rawOf(a) === rawOf(b);
}

function sameChannels(a: unknown, b: unknown): boolean {
  if (sameStrings(selectedOf(a), selectedOf(b)) && (selectedOf(a) as unknown[]).length > 0) return true;
  const sa = channelSet(a);
  const sb = channelSet(b);
  if (sa.size !== sb.size) return false;
  for (const s of sa) if (!sb.has(s)) return false;
  return sa.size > 0 || rawOf(a) === rawOf(b);
}

/** True when two values of a field mean the same (see the module comment for what that is per field). */
export function sameFieldValue(field: string, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  switch (FIELD_TYPES[field] ?? "text") {
    case "text":
      return sameText(a, b);
    case "path":
      return samePath(a, b);
    case "basis":
    case "timeLimit":
      return sameRawText(a, b);
    case "channels":
      return sameChannels(a, b);
    case "marks":
      return sameMarks(field as MarkGroup, a as string[] | undefined, b as string[] | undefined);
    case "json":
      return deepEqual(a, b);
  }
}

/** The value of a field as a person reads it: 公开事项 joined with " / ", a basis or 时限 by its text, sets with 、. */
export function displayValue(field: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  switch (FIELD_TYPES[field] ?? "text") {
    case "path":
      return (value as string[]).join(" / ");
    case "basis":
    case "timeLimit":
      return rawOf(value);
    case "channels": {
      const selected = (value as { selected?: string[] }).selected ?? [];
      return selected.length ? selected.join("、") : rawOf(value);
    }
    case "marks":
      return (value as string[]).join("、");
    case "json": {
      const j = value as { name?: string; level?: string; code?: string };
      if (field === "jurisdiction" && j.name) return [j.name, j.level && `（${j.level}）`, j.code && ` ${j.code}`].filter(Boolean).join("");
      return JSON.stringify(value);
    }
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

/** The Chinese label of a field path: model fields by their schema label, `extra.公开时长` as 公开时长. */
export function labelOf(kind: CatalogKind, field: string): string {
  if (field.startsWith(EXTRA_PREFIX)) return field.slice(EXTRA_PREFIX.length);
  // A diff labels every change of thousands of entries with a handful of fields: each label is
  // looked up once per kind and kept (bounded, like the mark memo).
  let memo = labels.get(kind);
  if (!memo) labels.set(kind, (memo = new Map()));
  let label = memo.get(field);
  if (label === undefined) {
    label = fieldLabel(kind, field);
    if (memo.size < 10_000) memo.set(field, label);
  }
  return label;
}

const labels = new Map<CatalogKind, Map<string, string>>();

/**
 * The unmodelled columns of an entry keyed by field path (`extra.公开时长`); a header repeated in one
 * row gets `#2`, `#3` … so every column keeps its own path.
 */
export function extraFields(extra: readonly ExtraColumn[] | undefined): Map<string, { value: string; index: number }> {
  const map = new Map<string, { value: string; index: number }>();
  if (!extra) return map;
  for (let i = 0; i < extra.length; i++) {
    const col = extra[i]!;
    let key = EXTRA_PREFIX + col.name;
    for (let n = 2; map.has(key); n++) key = `${EXTRA_PREFIX}${col.name}#${n}`;
    map.set(key, { value: col.value, index: i });
  }
  return map;
}

/** One field whose value differs between two versions of an entry (or header). */
export interface FieldDifference {
  /** Field path: `timeLimit`, `channels`, `items`, `extra.公开时长`, … */
  field: string;
  /** The value before; absent when the field was empty. */
  old?: JsonValue;
  /** The value after; absent when the field was emptied. */
  new?: JsonValue;
  /** For an unmodelled column that appears or disappears: its position in the entry's `extra` list. */
  index?: number;
}

/**
 * The fields whose values differ in meaning between two objects (entries or catalog headers), in a
 * stable order: the fields of `a`, then those only in `b`, then unmodelled columns. `ignore` lists
 * field paths left out (the diff leaves out `seq` by default: renumbering is not a change).
 */
export function differingFields(a: object, b: object, ignore: ReadonlySet<string>): readonly FieldDifference[] {
  let out: FieldDifference[] | undefined;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key in ra) {
    const va = ra[key];
    const vb = rb[key];
    // The same value is the same (sameFieldValue's first test), whatever the field: most fields of a
    // matched pair, so it comes before the look-ups.
    if (va === vb || NEVER_COMPARED.has(key) || ignore.has(key)) continue;
    if (!sameFieldValue(key, va, vb)) (out ??= []).push(difference(key, va, vb));
  }
  for (const key in rb) {
    if (key in ra || NEVER_COMPARED.has(key) || ignore.has(key)) continue;
    if (!sameFieldValue(key, undefined, rb[key])) (out ??= []).push(difference(key, undefined, rb[key]));
  }
  if (ra.extra !== undefined || rb.extra !== undefined) diffExtra(ra.extra as ExtraColumn[], rb.extra as ExtraColumn[], ignore, (out ??= []));
  // Most pairs of a diff differ in nothing: they share one empty list instead of allocating one each.
  return out === undefined || out.length === 0 ? NO_DIFFERENCES : out;
}

/** @internal The empty list of differences, shared. */
export const NO_DIFFERENCES: readonly FieldDifference[] = Object.freeze([]);

/**
 * @internal Tells whether two entries differ in no compared field — what `differingFields(a, b,
 * ignore)` returning an empty list means — by reading the fields of the 标准目录/补充目录 entry model
 * by name. `differingFields` reads each field by a key taken from the object (`for … in`, then
 * `entry[key]`): with the ten-odd keys of an entry such loads are megamorphic, and set look-ups for
 * the ignore list and the field type follow; that was most of the cost of comparing the 100,000
 * pairs of a diff. Here each load has its own inline cache and each field its comparison, the same
 * function `sameFieldValue` uses for the field's type. `agree` answers false whenever it cannot say
 * "the same" on its own — a field differs, an entry has unmodelled columns (`extra`) or a key outside
 * the model — and the caller then runs `differingFields`, which decides and lists the differences in
 * their order. So a true answer is exactly an empty `differingFields`, and a false one costs only
 * the generic comparison that would have run anyway.
 */
export class EntryComparer {
  // Whether each model field is compared (not in the ignore list).
  private readonly seq: boolean;
  private readonly code: boolean;
  private readonly items: boolean;
  private readonly content: boolean;
  private readonly basis: boolean;
  private readonly timeLimit: boolean;
  private readonly subject: boolean;
  private readonly channels: boolean;
  private readonly audience: boolean;
  private readonly method: boolean;
  private readonly levels: boolean;
  private readonly attribute: boolean;
  private readonly nonDisclosureReason: boolean;
  private readonly clause: boolean;

  constructor(ignore: ReadonlySet<string>) {
    const compared = (field: string) => !ignore.has(field);
    this.seq = compared("seq");
    this.code = compared("code");
    this.items = compared("items");
    this.content = compared("content");
    this.basis = compared("basis");
    this.timeLimit = compared("timeLimit");
    this.subject = compared("subject");
    this.channels = compared("channels");
    this.audience = compared("audience");
    this.method = compared("method");
    this.levels = compared("levels");
    this.attribute = compared("attribute");
    this.nonDisclosureReason = compared("nonDisclosureReason");
    this.clause = compared("clause");
  }

  /** True only when `differingFields(a, b, ignore)` is empty; false when they differ or it cannot tell. */
  agree(a: object, b: object): boolean {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    if (ra["extra"] !== undefined || rb["extra"] !== undefined) return false;
    if (!modelKeysOnly(ra) || !modelKeysOnly(rb)) return false;
    // Each field as `differingFields` compares it: equal values, else the field type's comparison
    // (a field missing on one side is `undefined` there, as there).
    let va: unknown;
    let vb: unknown;
    if (this.seq && (va = ra["seq"]) !== (vb = rb["seq"]) && !sameText(va, vb)) return false;
    if (this.code && (va = ra["code"]) !== (vb = rb["code"]) && !sameText(va, vb)) return false;
    if (this.items && (va = ra["items"]) !== (vb = rb["items"]) && !samePath(va, vb)) return false;
    if (this.content && (va = ra["content"]) !== (vb = rb["content"]) && !sameText(va, vb)) return false;
    if (this.basis && (va = ra["basis"]) !== (vb = rb["basis"]) && !sameRawText(va, vb)) return false;
    if (this.timeLimit && (va = ra["timeLimit"]) !== (vb = rb["timeLimit"]) && !sameRawText(va, vb)) return false;
    if (this.subject && (va = ra["subject"]) !== (vb = rb["subject"]) && !sameText(va, vb)) return false;
    if (this.channels && (va = ra["channels"]) !== (vb = rb["channels"]) && !sameChannels(va, vb)) return false;
    if (this.audience && (va = ra["audience"]) !== (vb = rb["audience"]) && !sameMarks("audience", va as string[] | undefined, vb as string[] | undefined)) return false;
    if (this.method && (va = ra["method"]) !== (vb = rb["method"]) && !sameMarks("method", va as string[] | undefined, vb as string[] | undefined)) return false;
    if (this.levels && (va = ra["levels"]) !== (vb = rb["levels"]) && !sameMarks("levels", va as string[] | undefined, vb as string[] | undefined)) return false;
    if (this.attribute && (va = ra["attribute"]) !== (vb = rb["attribute"]) && !sameText(va, vb)) return false;
    if (this.nonDisclosureReason && (va = ra["nonDisclosureReason"]) !== (vb = rb["nonDisclosureReason"]) && !sameText(va, vb)) return false;
    if (this.clause && (va = ra["clause"]) !== (vb = rb["clause"]) && !sameText(va, vb)) return false;
    return true;
  }
}

// True when every key of the object is one `EntryComparer.agree` reads (or one never compared).
function modelKeysOnly(entry: Record<string, unknown>): boolean {
  for (const key in entry) {
    switch (key) {
      case "seq":
      case "code":
      case "items":
      case "content":
      case "basis":
      case "timeLimit":
      case "subject":
      case "channels":
      case "audience":
      case "method":
      case "levels":
      case "attribute":
      case "nonDisclosureReason":
      case "clause":
      case "extra":
      case "source":
      case "entries":
        continue;
      default:
        return false;
    }
  }
  return true;
}

function difference(field: string, oldValue: unknown, newValue: unknown, index?: number): FieldDifference {
  const d: FieldDifference = { field };
  if (oldValue !== undefined) d.old = oldValue as JsonValue;
  if (newValue !== undefined) d.new = newValue as JsonValue;
  if (index !== undefined) d.index = index;
  return d;
}

function diffExtra(a: ExtraColumn[] | undefined, b: ExtraColumn[] | undefined, ignore: ReadonlySet<string>, out: FieldDifference[]): void {
  const ea = extraFields(a);
  const eb = extraFields(b);
  for (const [key, va] of ea) {
    if (ignore.has(key)) continue;
    const vb = eb.get(key);
    if (!vb) out.push(difference(key, va.value, undefined, va.index));
    else if (tidy(va.value) !== tidy(vb.value)) out.push(difference(key, va.value, vb.value));
  }
  for (const [key, vb] of eb) if (!ea.has(key) && !ignore.has(key)) out.push(difference(key, undefined, vb.value, vb.index));
}

/** Reads a field path of an entry (`extra.公开时长` reads the column). */
export function readField(entry: Entry | object, field: string): unknown {
  if (field.startsWith(EXTRA_PREFIX)) return extraFields((entry as { extra?: ExtraColumn[] }).extra).get(field)?.value;
  return (entry as Record<string, unknown>)[field];
}

/**
 * Writes a field path of a mutable entry (an immer draft): `undefined` deletes the field or column;
 * a new unmodelled column goes to `index` in the `extra` list (the end when absent).
 */
export function writeField(entry: object, field: string, value: unknown, index?: number): void {
  const target = entry as Record<string, unknown>;
  if (!field.startsWith(EXTRA_PREFIX)) {
    if (value === undefined) delete target[field];
    else target[field] = structuredClone(value);
    return;
  }
  const extra = (target.extra as ExtraColumn[] | undefined) ?? [];
  const at = extraFields(extra).get(field)?.index;
  if (value === undefined) {
    if (at !== undefined) extra.splice(at, 1);
  } else if (at !== undefined) {
    extra[at]!.value = String(value);
  } else {
    const name = field.slice(EXTRA_PREFIX.length).replace(/#\d+$/, "");
    extra.splice(index === undefined ? extra.length : Math.min(index, extra.length), 0, { name, value: String(value) });
  }
  if (extra.length) target.extra = extra;
  else delete target.extra;
}
