import type { DisclosureEntry, TimeLimit } from "@zwgk/catalog-schemas";
import { normalizeForMatch } from "@zwgk/catalog-core";
import { sameMarks } from "../marks.js";
import { displayValue } from "../fields.js";
import { comparison, isDisclosure, refOf, sameJurisdiction, type Context, type Item } from "./context.js";
import type { AnalysisFinding, FieldComparison } from "./types.js";

// 公开标准统一: the same item (same 事项 key) in two disclosure catalogs must be disclosed within
// the same 公开时限, by the same 公开方式 to the same 公开对象 — and, within one body, by the same
// 公开主体 at the same 公开层级 (other bodies name their own organs and levels). A field empty on one
// side is not a conflict (completeness rules report it).
//
// 公开时限 compare by meaning: the parsed forms when both were parsed; otherwise the periods and
// dates the texts name (20个工作日, 每年1月31日, 实时, 及时), so "信息形成或变更之日起20个工作日内"
// and "形成或者变更之日起20个工作日内予以公开" agree (the anchor's wording is not compared); texts
// naming no period compare by matching key.

const PERIOD = /(?<![月\d])(\d+)\s*(?:个\s*)?(工作日|[日天月]|小时|个月)(?!\s*\d+\s*日)/g;
const YEARLY = /(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const MONTH_END = /(\d{1,2})\s*月\s*底/g;
const UNIT: Readonly<Record<string, string>> = { 天: "日", 个月: "月" };

export function signature(raw: string): string {
  const text = raw.normalize("NFKC");
  const parts: string[] = [];
  for (const m of text.matchAll(YEARLY)) parts.push(`on${Number(m[1])}-${Number(m[2])}`);
  for (const m of text.matchAll(MONTH_END)) parts.push(`on${Number(m[1])}-end`);
  for (const m of text.matchAll(PERIOD)) parts.push(`${Number(m[1])}${UNIT[m[2]!] ?? m[2]}`);
  if (text.includes("实时")) parts.push("realtime");
  if (text.includes("及时")) parts.push("prompt");
  return parts.join(",");
}

export function parsedSignature(t: TimeLimit): string {
  const p = t.parsed!;
  const core = [p.type, p.amount, p.unit, p.month, p.day, p.endOfMonth ? "end" : ""].join("|");
  const exceptions = (p.exceptions ?? []).map((e) => `${e.amount}${e.unit}`).join(",");
  return `${core};${exceptions}`;
}

/** True when two 公开时限 mean the same period (see the module comment). */
export function sameTimeLimit(a: TimeLimit, b: TimeLimit): boolean {
  if (a.parsed && b.parsed) return parsedSignature(a) === parsedSignature(b);
  const sa = signature(a.raw);
  const sb = signature(b.raw);
  if (sa && sb) return sa === sb;
  return normalizeForMatch(a.raw) === normalizeForMatch(b.raw);
}

export function differences(a: Item, b: Item, sameBody: boolean): FieldComparison[] {
  const ea = a.entry as DisclosureEntry;
  const eb = b.entry as DisclosureEntry;
  const out: FieldComparison[] = [];
  const add = (field: string, va: unknown, vb: unknown) =>
    out.push(comparison(a.kind, field, displayValue(field, va), displayValue(field, vb)));
  if (ea.timeLimit && eb.timeLimit && !sameTimeLimit(ea.timeLimit, eb.timeLimit)) add("timeLimit", ea.timeLimit, eb.timeLimit);
  if (sameBody && ea.subject && eb.subject && normalizeForMatch(ea.subject) !== normalizeForMatch(eb.subject)) add("subject", ea.subject, eb.subject);
  const markFields: Array<"method" | "audience" | "levels"> = sameBody ? ["method", "audience", "levels"] : ["method", "audience"];
  for (const field of markFields) {
    const va = ea[field];
    const vb = eb[field];
    if (va?.length && vb?.length && !sameMarks(field, va, vb)) add(field, va, vb);
  }
  return out;
}

/** Entries with the same 事项 key in different disclosure catalogs, disclosed to different standards. */
export function findConflicts(ctx: Context): AnalysisFinding[] {
  const byKey = new Map<string, Item[]>();
  ctx.items.forEach((items, c) => {
    if (!isDisclosure(ctx.catalogs[c]!.kind)) return;
    for (const it of items) if (it.path) (byKey.get(it.path) ?? byKey.set(it.path, []).get(it.path)!).push(it);
  });
  const findings: AnalysisFinding[] = [];
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const first = group[0]!;
    const compared = new Set<number>([first.catalog]);
    for (const other of group) {
      if (compared.has(other.catalog)) continue;
      compared.add(other.catalog);
      const fields = differences(first, other, sameJurisdiction(ctx, first.catalog, other.catalog));
      if (fields.length) findings.push(conflict(ctx, first, other, fields));
    }
  }
  return findings;
}

export function conflict(ctx: Context, a: Item, b: Item, fields: FieldComparison[]): AnalysisFinding {
  const ra = refOf(ctx, a);
  const labels = fields.map((f) => f.label).join("、");
  const details = fields.map((f) => `${f.label}“${f.a}”与“${f.b}”`).join("；");
  return {
    kind: "conflict",
    rule: "conflict-standard",
    severity: "warning",
    message: `事项“${ra.name}”在两份目录中的公开标准不一致：${details}`,
    hint: `统一两份目录中该事项的${labels}（公开标准统一）；若为重复列出，删除其中一条。`,
    fields,
    entries: [ra, refOf(ctx, b)],
  };
}
