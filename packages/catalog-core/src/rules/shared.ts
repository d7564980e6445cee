import type { Basis, CatalogKind, CitedDocument, ParsedTimeLimit, TimeLimit } from "@zwgk/catalog-schemas";
import type { CatalogHeader } from "../model.js";
import { normalizeForMatch } from "../normalize.js";
import { citedDocuments } from "../parse/basis.js";
import { parseTimeLimit, type TimeLimitParse } from "../parse/time-limit.js";

// Helpers the built-in rules share. Catalogs repeat the same wording thousands of times (one 公开时限
// for a whole domain), so text parses are memoised by the raw text; the caches are bounded and hold
// results of pure functions, which callers must treat as read-only.

const MEMO_LIMIT = 4096;

function memo<R>(fn: (text: string) => R): (text: string) => R {
  const cache = new Map<string, R>();
  return (text) => {
    let hit = cache.get(text);
    if (hit === undefined && !cache.has(text)) {
      if (cache.size >= MEMO_LIMIT) cache.clear();
      hit = fn(text);
      cache.set(text, hit);
    }
    return hit as R;
  };
}

const parseTimeLimitMemo = memo(parseTimeLimit);
const citedDocumentsMemo = memo(citedDocuments);

/** The parsed form of a 公开时限: the one stored with it, or the parse of its raw text. */
export function readTimeLimit(timeLimit: TimeLimit): TimeLimitParse {
  return timeLimit.parsed ? { parsed: timeLimit.parsed } : parseTimeLimitMemo(timeLimit.raw);
}

/** The documents a basis cites: those stored with it, or those found in its raw text. */
export function documentsOf(basis: Basis): readonly CitedDocument[] {
  return basis.documents ?? citedDocumentsMemo(basis.raw);
}

/** True for a missing value, blank text, a basis / time limit with blank raw text, or no channel. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") {
    if ("selected" in value) return (value as { selected: unknown[] }).selected.length === 0;
    if ("raw" in value) return String((value as { raw: unknown }).raw).trim() === "";
  }
  return false;
}

/** What reads a model field of an entry, made once per field; `items.1` reads the second level of the path. */
export function fieldReader(field: string): (entry: object) => unknown {
  if (field.startsWith("items.")) {
    const level = Number(field.slice(6));
    return (entry) => (entry as { items?: string[] }).items?.[level];
  }
  return (entry) => (entry as Record<string, unknown>)[field];
}

/**
 * The model fields the source layout has columns for, or undefined when the catalog does not record
 * its layout (JSON written by hand). Both `items.0` and its top-level field `items` are included.
 */
export function layoutFields(header: CatalogHeader): ReadonlySet<string> | undefined {
  const columns = header.source?.columns;
  if (!columns?.length) return undefined;
  const fields = new Set<string>();
  for (const c of columns) {
    if (!c.field) continue;
    fields.add(c.field);
    fields.add(c.field.split(".")[0]!);
  }
  return fields;
}

/** The flag labels of a group as the layout's sub-headers write them, in column order. */
export function layoutMarkLabels(header: CatalogHeader, group: string): string[] {
  const labels: string[] = [];
  for (const c of header.source?.columns ?? []) if (c.field === group && c.value) labels.push(c.value);
  return labels;
}

/** Both kinds of disclosure catalog, the ones with 公开时限, 公开渠道 and flag groups. */
export const DISCLOSURE_KINDS: readonly CatalogKind[] = Object.freeze(["standard", "supplementary"]);
/** Every kind. */
export const ALL_KINDS: readonly CatalogKind[] = Object.freeze(["standard", "supplementary", "power", "service"]);

const INFO_LAW_TITLES = new Set(["中华人民共和国政府信息公开条例", "政府信息公开条例", "信息公开条例"].map(normalizeForMatch));
const LAW_RANK = /法律|法规|条例/;
const LAW_TITLE = /(?:法|条例)$/;

/**
 * True when a basis cites a law or regulation other than the 政府信息公开条例 itself: the kind of
 * source that may set its own disclosure period (条例 第二十六条 "法律、法规…另有规定的，从其规定").
 * Recognised by a 【法律】/【行政法规】/【地方性法规】/【条例】 rank, or a title ending in 法 or 条例.
 */
export function citesOtherLaw(basis: Basis | undefined): boolean {
  if (!basis) return false;
  for (const doc of documentsOf(basis)) {
    const key = normalizeForMatch(doc.title);
    if (INFO_LAW_TITLES.has(key)) continue;
    if ((doc.rank && LAW_RANK.test(doc.rank)) || LAW_TITLE.test(key)) return true;
  }
  return false;
}

/** The parsed time limit, when there is one, else undefined. */
export function parsedTimeLimit(timeLimit: TimeLimit | undefined): ParsedTimeLimit | undefined {
  return timeLimit && !isBlank(timeLimit) ? readTimeLimit(timeLimit).parsed : undefined;
}
