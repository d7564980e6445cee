import type { ParsedTimeLimit, TimeUnit } from "@zwgk/catalog-schemas";
import { nfkc, toSimplified } from "../normalize.js";
import { CHINESE_NUMERAL_CHARS, chineseNumeralValue } from "./numerals.js";

// 公开时限 as departments write it (REFERENCE §3.4): a period after an event ("信息形成或者变更之日起
// 20个工作日内"), a yearly date ("每年1月31日前", "6月底前"), real time, or "及时". Text is folded
// first (NFKC, simplified script, no spaces, Chinese numerals before a unit → digits), so
// "二十個工作日" and "２０个工作日" read alike. Everything is compiled once at module load.

/** The result of reading a 公开时限: the parsed form, or a Chinese sentence saying what was not understood. */
export interface TimeLimitParse {
  parsed?: ParsedTimeLimit;
  error?: string;
}

// A match may start only where a run of numerals starts (the lookbehind): no unit character is a
// numeral, so a match always ends where its run ends, and without the lookbehind every position of a
// long run would be tried again — quadratic in the run's length on untrusted cells.
const NUMERAL_BEFORE_UNIT = new RegExp(`(?<![${CHINESE_NUMERAL_CHARS}])[${CHINESE_NUMERAL_CHARS}]+(?=个?(?:工作日|小时|日|天|月|周|号))`, "g");
const SPACES = /\s+/g;
const AMOUNT = /(?<!\d)(\d+(?:\.\d+)?)个?(工作日|小时|[月日天周])/g;
const FIXED_DAY = /(\d{1,2})月(\d{1,2})[日号]/;
const MONTHLY_DAY = /每月(\d{1,2})[日号]/;
const FIXED_MONTH_END = /(\d{1,2})月份?(?:底|末)/;
const YEAR_END = /年底|年末|年终/;
const LAW_OVERRIDE = /另有规定|从其规定/;
const REALTIME = /实时|即时|立即|同步/;
const PROMPT = /及时|随时/;
const DURATION = /长期|常年|永久|任期内|最新有效/;
const CLAUSES = /[;；。]/;
const ANCHOR_PARTS = /[,，;；:：]/;
const ANCHOR_HEAD = /^(?:应当|[应须需均在于自从]|一般)+/;
// Trailing runs start only where no word of the run ends just before (the lookbehind): the same
// matches, without rescanning a long run from every position (linear, not quadratic, on hostile cells).
const ANCHOR_TAIL = /(?<!之日起|之日后|之日|[起后时内]|以后|之后)(?:之日起|之日后|之日|[起后时内]|以后|之后)+$/;
const SCOPE_TAIL = /(?<!应当|[应须需均都要]|一律|一般)(?:应当|[应须需均都要]|一律|一般)+$/;
const EDGE_PUNCT = /^[,，;；:：、]+|(?<![,，;；:：、])[,，;；:：、]+$/g;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function fold(raw: string): string {
  return toSimplified(nfkc(raw))
    .replace(SPACES, "")
    .replace(NUMERAL_BEFORE_UNIT, (m) => String(chineseNumeralValue(m) ?? m));
}

function unitOf(written: string, amount: number): { amount: number; unit: TimeUnit } {
  if (written === "天") return { amount, unit: "日" };
  if (written === "周") return { amount: amount * 7, unit: "日" };
  return { amount, unit: written as TimeUnit };
}

function cleanAnchor(prefix: string): string | undefined {
  const parts = prefix.split(ANCHOR_PARTS).filter(Boolean);
  const anchor = (parts[parts.length - 1] ?? "").replace(ANCHOR_HEAD, "").replace(ANCHOR_TAIL, "");
  return anchor || undefined;
}

function amounts(text: string): RegExpExecArray[] {
  AMOUNT.lastIndex = 0;
  const found: RegExpExecArray[] = [];
  for (let m = AMOUNT.exec(text); m; m = AMOUNT.exec(text)) found.push(m);
  return found;
}

function parseExceptions(text: string): NonNullable<ParsedTimeLimit["exceptions"]> {
  const exceptions: NonNullable<ParsedTimeLimit["exceptions"]> = [];
  for (const clause of text.split(CLAUSES)) {
    if (LAW_OVERRIDE.test(clause)) continue;
    const m = amounts(clause)[0];
    if (!m) continue;
    const prefix = clause.slice(0, m.index).replace(EDGE_PUNCT, "");
    const at = prefix.indexOf("自");
    const scope = (at >= 0 ? prefix.slice(0, at) : prefix).replace(SCOPE_TAIL, "").replace(EDGE_PUNCT, "");
    const anchor = at >= 0 ? cleanAnchor(prefix.slice(at)) : undefined;
    const { amount, unit } = unitOf(m[2]!, Number(m[1]));
    exceptions.push({ scope, ...(anchor ? { anchor } : {}), amount, unit });
  }
  return exceptions;
}

function fixedDate(text: string): { parsed?: ParsedTimeLimit; error?: string; span?: string } | undefined {
  const day = FIXED_DAY.exec(text);
  if (day) {
    const month = Number(day[1]);
    const d = Number(day[2]);
    if (month < 1 || month > 12 || d < 1 || d > (DAYS_IN_MONTH[month - 1] ?? 0)) {
      return { error: `公开时限中的日期「${day[0]}」不存在。` };
    }
    return { parsed: { type: "fixed", month, day: d }, span: day[0] };
  }
  const monthly = MONTHLY_DAY.exec(text);
  if (monthly) {
    const d = Number(monthly[1]);
    if (d < 1 || d > 31) return { error: `公开时限中的日期「${monthly[0]}」不存在。` };
    return { parsed: { type: "fixed", day: d }, span: monthly[0] };
  }
  const end = FIXED_MONTH_END.exec(text);
  if (end) {
    const month = Number(end[1]);
    if (month < 1 || month > 12) return { error: `公开时限中的月份「${end[0]}」不存在。` };
    return { parsed: { type: "fixed", month, endOfMonth: true }, span: end[0] };
  }
  const year = YEAR_END.exec(text);
  if (year) return { parsed: { type: "fixed", month: 12, endOfMonth: true }, span: year[0] };
  return undefined;
}

/**
 * Reads a 公开时限 cell. Understands a period after an event, with the event as `anchor`
 * ("信息形成或者变更之日起20个工作日内", "财政部门批复后20日内", "20工作日"), shorter limits for
 * named matters after 其中 (`exceptions`), the 条例 第二十六条 deferral "法律、法规…另有规定的，
 * 从其规定" (`lawOverride`), yearly dates ("每年1月31日前", "6月底前"; "每月10日前" has no month), 实时公开 (`realtime`) and
 * 及时公开 (`prompt`). Otherwise `error` says, in Chinese, what could not be understood.
 *
 * @example
 * ```ts
 * parseTimeLimit("信息形成或者变更之日起20个工作日内").parsed;
 * // { type: "relative", anchor: "信息形成或者变更", amount: 20, unit: "工作日" }
 * ```
 */
export function parseTimeLimit(raw: string): TimeLimitParse {
  const text = fold(raw);
  if (!text) return { error: "公开时限为空。" };
  const lawOverride = LAW_OVERRIDE.test(text);
  const split = text.indexOf("其中");
  const main = split >= 0 ? text.slice(0, split) : text;
  const exceptions = split >= 0 ? parseExceptions(text.slice(split + 2)) : [];
  const extras: Partial<ParsedTimeLimit> = {
    ...(lawOverride ? { lawOverride: true } : {}),
    ...(exceptions.length ? { exceptions } : {}),
  };

  const fixed = fixedDate(main);
  if (fixed?.error) return { error: fixed.error };
  const found = amounts(fixed?.span ? main.replace(fixed.span, "") : main);
  if (fixed?.parsed) {
    if (found.length) return { error: multiple(raw) };
    return { parsed: { ...fixed.parsed, ...extras } };
  }
  if (found.length > 1) return { error: multiple(raw) };
  const m = found[0];
  if (m) {
    const { amount, unit } = unitOf(m[2]!, Number(m[1]));
    const anchor = cleanAnchor(main.slice(0, m.index));
    return { parsed: { type: "relative", ...(anchor ? { anchor } : {}), amount, unit, ...extras } };
  }
  if (REALTIME.test(main)) return { parsed: { type: "realtime", ...extras } };
  if (PROMPT.test(main)) return { parsed: { type: "prompt", ...extras } };
  if (DURATION.test(main)) {
    return { error: `「${raw.trim()}」说的是公开时长（公开多久），不是公开时限（多久内公开）。` };
  }
  return {
    error: `未能识别公开时限「${raw.trim()}」：没有找到期限（如“20个工作日内”）、固定日期（如“每年1月31日前”）或“实时公开”“及时公开”等说法。`,
  };
}

function multiple(raw: string): string {
  return `公开时限「${raw.trim()}」中有多个期限，无法确定以哪个为准；特定事项的期限请用“其中……”写明。`;
}

/** The most working days `amount` of `unit` can span; holidays only shorten calendar periods. */
function spanInWorkingDays(amount: number, unit: TimeUnit): number {
  switch (unit) {
    case "工作日":
      return amount;
    case "日":
      return Math.ceil((amount * 5) / 7);
    case "小时":
      return Math.ceil(amount / 24);
    case "月":
      return amount * 23;
  }
}

/**
 * The working-day equivalent of a parsed 公开时限, for comparing with the 20 working days of 条例
 * 第二十六条: the longest period the text allows (main period or an exception), counted as the most
 * working days it can span. 工作日 count as they are; N 日 (calendar days) as ⌈N×5/7⌉, so 28日 = 20
 * and 30日 = 22; N 小时 as ⌈N/24⌉; N 月 as N×23. 实时 is 0. Fixed dates and 及时 have no
 * equivalent (undefined): they are not periods.
 */
export function statutoryWorkingDays(parsed: ParsedTimeLimit): number | undefined {
  if (parsed.type === "realtime") return 0;
  let longest: number | undefined;
  if (parsed.type === "relative" && parsed.amount !== undefined && parsed.unit !== undefined) {
    longest = spanInWorkingDays(parsed.amount, parsed.unit);
  }
  for (const e of parsed.exceptions ?? []) {
    const days = spanInWorkingDays(e.amount, e.unit);
    if (longest === undefined || days > longest) longest = days;
  }
  return longest;
}
