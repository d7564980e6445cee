import type { DisclosureEntry, TimeLimit } from "@zwgk/catalog-schemas";
import { nfkc, normalizeForMatch } from "@zwgk/catalog-core";
import { sameMarks } from "../marks.js";
import { displayValue } from "../fields.js";
import type { VariantTest } from "../variants.js";
import { comparison, isDisclosure, refOf, type Context, type Item } from "./context.js";
import { describe, relate, type DescribeItem, type Described } from "./match.js";
import type { FindingMaker } from "./rules.js";
import type { AnalysisFinding, FieldComparison } from "./types.js";

// 公开标准统一: one item in two disclosure catalogs of one body must be disclosed within the same
// 公开时限, by the same 公开方式 to the same 公开对象, by the same 公开主体 at the same 公开层级. A
// field empty on one side is not a conflict (completeness rules report it).
//
// 公开时限 compare by meaning: the parsed forms when both were parsed; otherwise the periods and
// dates the texts name (20个工作日, 每年1月31日, 实时, 及时), so "信息形成或变更之日起20个工作日内"
// and "形成或者变更之日起20个工作日内予以公开" agree (the anchor's wording is not compared); texts
// naming no period compare by matching key.

const PERIOD = /(?<![月\d])(\d+)\s*(?:个\s*)?(工作日|[日天月]|小时|个月)(?!\s*\d+\s*日)/g;
const YEARLY = /(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const MONTH_END = /(\d{1,2})\s*月\s*底/g;
const UNIT: Readonly<Record<string, string>> = { 天: "日", 个月: "月" };

function signature(raw: string): string {
  const text = nfkc(raw);
  const parts: string[] = [];
  for (const m of text.matchAll(YEARLY)) parts.push(`on${Number(m[1])}-${Number(m[2])}`);
  for (const m of text.matchAll(MONTH_END)) parts.push(`on${Number(m[1])}-end`);
  for (const m of text.matchAll(PERIOD)) parts.push(`${Number(m[1])}${UNIT[m[2]!] ?? m[2]}`);
  if (text.includes("实时")) parts.push("realtime");
  if (text.includes("及时")) parts.push("prompt");
  return parts.join(",");
}

/** The parsed 公开时限 as one key (`TimeLimitKeys.parsed`); only for a time limit that was parsed. */
export function parsedTimeLimitKey(t: TimeLimit): string {
  const p = t.parsed!;
  const core = [p.type, p.amount, p.unit, p.month, p.day, p.endOfMonth ? "end" : ""].join("|");
  const exceptions = (p.exceptions ?? []).map((e) => `${e.amount}${e.unit}`).join(",");
  return `${core};${exceptions}`;
}

/** The keys {@link sameTimeLimit} compares a 公开时限 by: parsed form (null when not parsed), the periods and dates it names ("" when none), and its matching key. */
export interface TimeLimitKeys {
  parsed: string | null;
  period: string;
  text: string;
}

export function timeLimitKeys(t: TimeLimit): TimeLimitKeys {
  return { parsed: t.parsed ? parsedTimeLimitKey(t) : null, period: signature(t.raw), text: normalizeForMatch(t.raw) };
}

/** True when two 公开时限 mean the same period (see the module comment). */
export function sameTimeLimit(a: TimeLimit, b: TimeLimit): boolean {
  const ka = timeLimitKeys(a);
  const kb = timeLimitKeys(b);
  if (ka.parsed !== null && kb.parsed !== null) return ka.parsed === kb.parsed;
  if (ka.period && kb.period) return ka.period === kb.period;
  return ka.text === kb.text;
}

export function differences(a: Item, b: Item): FieldComparison[] {
  const ea = a.entry as DisclosureEntry;
  const eb = b.entry as DisclosureEntry;
  const out: FieldComparison[] = [];
  const add = (field: string, va: unknown, vb: unknown) =>
    out.push(comparison(a.kind, field, displayValue(field, va), displayValue(field, vb)));
  if (ea.timeLimit && eb.timeLimit && !sameTimeLimit(ea.timeLimit, eb.timeLimit)) add("timeLimit", ea.timeLimit, eb.timeLimit);
  if (ea.subject && eb.subject && normalizeForMatch(ea.subject) !== normalizeForMatch(eb.subject)) add("subject", ea.subject, eb.subject);
  for (const field of ["method", "audience", "levels"] as const) {
    const va = ea[field];
    const vb = eb[field];
    if (va?.length && vb?.length && !sameMarks(field, va, vb)) add(field, va, vb);
  }
  return out;
}

const MAX_GROUP = 64;

/**
 * Entries of one item (exact, or equivalent in the catalogs' wording: match.ts) in two disclosure
 * catalogs of one body, disclosed to different standards. Catalogs of other bodies are not compared:
 * each body names its own organs, levels and, within the law, its own time limits.
 */
export function findConflicts(ctx: Context, variants: VariantTest, make: FindingMaker, describeItem: DescribeItem = describe): AnalysisFinding[] {
  if (!make.enabled("conflict-standard")) return [];
  const described: Described[] = [];
  // Items by body, kind of key (path, spec, lower) and key, without building a key string per
  // entry. A key's first item is held as its index and a list is made only when a second comes
  // (most keys have one item: at 1M entries, millions of one-element lists); `groups` lists the
  // keys with two or more items in the order the keys were first seen (first item, then kind).
  const byKey = new Map<string, Map<string, number | number[]>>();
  const shared: Array<{ first: number; items: number[] }> = [];
  const push = (kind: string, order: number, key: string, i: number) => {
    const keys = byKey.get(kind) ?? byKey.set(kind, new Map()).get(kind)!;
    const seen = keys.get(key);
    if (seen === undefined) keys.set(key, i);
    else if (typeof seen === "number") {
      const items = [seen, i];
      keys.set(key, items);
      shared.push({ first: seen * 3 + order, items });
    } else seen.push(i);
  };
  ctx.items.forEach((items, c) => {
    if (!isDisclosure(ctx.catalogs[c]!.kind)) return;
    const [p, s, l] = ["p", "s", "l"].map((k) => `${k}|${ctx.group[c]}`) as [string, string, string];
    for (const it of items) {
      if (!it.path) continue;
      const i = described.push(describeItem(it)) - 1;
      const d = described[i]!;
      push(p, 0, it.path, i);
      if (d.specKey) push(s, 1, d.specKey, i);
      if (d.lowerKey) push(l, 2, d.lowerKey, i);
    }
  });
  byKey.clear();
  const groups = shared.sort((x, y) => x.first - y.first).map((g) => g.items);
  const findings: AnalysisFinding[] = [];
  const done = new Set<string>();
  for (const group of groups) {
    if (group.length < 2 || group.length > MAX_GROUP) continue;
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        const a = described[group[x]!]!;
        const b = described[group[y]!]!;
        if (a.item.catalog === b.item.catalog) continue;
        // One finding per item and pair of catalogs.
        const id = `${a.item.catalog}:${a.item.index}|${b.item.catalog}`;
        if (done.has(id)) continue;
        const match = relate(a, b, 2, variants);
        if (!match) continue;
        done.add(id);
        const fields = differences(a.item, b.item);
        if (fields.length) findings.push(conflict(ctx, a.item, b.item, fields, match.reason, make));
      }
    }
  }
  return findings;
}

export function conflict(ctx: Context, a: Item, b: Item, fields: FieldComparison[], reason: string, make: FindingMaker): AnalysisFinding {
  const ra = refOf(ctx, a);
  const labels = fields.map((f) => f.label).join("、");
  const details = fields.map((f) => `${f.label}“${f.a}”与“${f.b}”`).join("；");
  return make.make(
    "conflict",
    "conflict-standard",
    "differs",
    { name: ra.name, reason: `同一事项：${reason}`, details, labels },
    [ra, refOf(ctx, b)],
    { reason, fields },
  );
}
