// Codes found in catalogs: the 统一社会信用代码 (GB 32100-2015) and the 组织机构代码 it embeds
// (GB 11714), the 行政区划代码 (GB/T 2260, six digits or the 12-digit platform form) and the
// Sichuan-style 实施编码 of the 政务服务 platform. All checks are pure and table-driven.
import { nfkc } from "./normalize.js";

/** The 31 characters a 统一社会信用代码 may use (no I, O, S, V, Z), in value order. */
const CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** Char code → value + 1 (0: not allowed), so the check loop does no string search. */
const CREDIT_VALUE = (() => {
  const table = new Uint8Array(128);
  for (let v = 0; v < CREDIT_CHARSET.length; v++) table[CREDIT_CHARSET.charCodeAt(v)] = v + 1;
  return table;
})();
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_SHAPE = /^[0-9A-Z]{8}-?[0-9X]$/;

function fold(code: string): string {
  return nfkc(code).trim().toUpperCase();
}

/**
 * The check character (18th) of a 统一社会信用代码 from its first 17 characters (GB 32100):
 * 31 − (Σ value×weight mod 31), with 31 read as 0. Undefined when a character is not allowed.
 */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  const code = fold(first17);
  if (code.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_VALUE[code.charCodeAt(i)] ?? 0;
    if (v === 0) return undefined;
    sum += (v - 1) * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * True when a 统一社会信用代码 has 18 allowed characters and the right check character.
 * Case, width and surrounding spaces are ignored.
 *
 * @example
 * ```ts
 * checkCreditCode("11511301008778183N"); // true
 * ```
 */
export function checkCreditCode(code: string): boolean {
  const c = fold(code);
  return CREDIT_SHAPE.test(c) && creditCodeCheckCharacter(c.slice(0, 17)) === c[17];
}

/**
 * True when a 组织机构代码 (GB 11714: eight characters and a check character, written with or without
 * "-", e.g. 00877868-5 or 083372204) has the right check character.
 */
export function checkOrganizationCode(code: string): boolean {
  const c = fold(code);
  if (!ORG_SHAPE.test(c)) return false;
  const body = c.replace("-", "");
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body.charCodeAt(i);
    sum += (ch <= 57 ? ch - 48 : ch - 55) * ORG_WEIGHTS[i]!;
  }
  const k = 11 - (sum % 11);
  return body[8] === (k === 10 ? "X" : k === 11 ? "0" : String(k));
}

/** The administrative level a 行政区划代码 stands for. */
export type DivisionLevel = "省" | "市" | "县" | "乡" | "村";

/** A 行政区划代码 that has the right shape, its six-digit county part and the level it names. */
export type DivisionCodeCheck = { ok: true; code6: string; level: DivisionLevel } | { ok: false; error: string };

/** First two digits of every 省级 division (GB/T 2260), including 台湾 71 and 香港/澳门 81/82. */
const PROVINCES: ReadonlySet<string> = new Set(
  "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split(" "),
);
const DIVISION_SHAPE = /^(?:\d{6}|\d{12})$/;

/**
 * Checks a 行政区划代码: six digits (GB/T 2260) or the 12-digit platform form (511602000000), with an
 * existing province prefix. Returns the level it names: XX0000 省, XXXX00 市, other six-digit codes
 * 县; in the 12-digit form a non-zero 7th–9th digit group is a 乡 and a non-zero last group a 村.
 */
export function checkDivisionCode(code: string): DivisionCodeCheck {
  const c = fold(code);
  if (!DIVISION_SHAPE.test(c)) return { ok: false, error: `行政区划代码「${code.trim()}」应为6位或12位数字。` };
  const province = c.slice(0, 2);
  if (!PROVINCES.has(province)) {
    return { ok: false, error: `行政区划代码「${c}」的前两位「${province}」不是省级行政区的代码。` };
  }
  const code6 = c.slice(0, 6);
  if (c.length === 12 && c.slice(9) !== "000") return { ok: true, code6, level: "村" };
  if (c.length === 12 && c.slice(6, 9) !== "000") return { ok: true, code6, level: "乡" };
  const level: DivisionLevel = code6.endsWith("0000") ? "省" : code6.endsWith("00") ? "市" : "县";
  return { ok: true, code6, level };
}

/** The parts of a 实施编码 of the Sichuan 政务服务 platform. */
export interface ImplementationCode {
  /** The matter code before the division code: 511A0138000000, 512012002012, G-000007-001, 1J-5100-00027. */
  item: string;
  /**
   * The type letter, read only where its meaning is known: after the province prefix and the
   * category digit 1 (511A… → A) and first in the letter shape (G-000007-001 → G).
   */
  typeLetter?: string;
  /** The category digit after the two-digit province prefix (511… → 1, 512… → 2), in the numeric shape. */
  category?: string;
  /** The 12-digit 行政区划代码 of the implementing body (511602000000). */
  division: string;
  /** The three digits after the division code (000 in every code seen). */
  middle: string;
  /** The code of the implementing body as written: a 统一社会信用代码, or an old 组织机构代码. */
  subject: string;
  /** What `subject` looks like: 18 characters (credit), 9 with an optional "-" (organization), or neither. */
  subjectKind: "credit" | "organization" | "other";
  /** The two closing segments (1 and 00 in most codes). */
  tail: readonly [string, string];
}

/** The result of reading a 实施编码: its parts, or a Chinese sentence saying what is wrong. */
export interface ImplementationCodeParse {
  code?: ImplementationCode;
  error?: string;
}

const IMPL_CHARS = /^[0-9A-Z-]+$/;
const IMPL_CHAR = /[0-9A-Z-]/;
const SICHUAN_ITEM = /^\d{3}([A-Z])?\d{8,11}$/;
const LETTER_ITEM = /^([A-Z])-\d{6}-\d{3}$/;
const TWELVE = /^\d{12}$/;
const THREE = /^\d{3}$/;
const ONE = /^\d$/;
const TWO = /^\d{2}$/;
const SUBJECT_ORG = /^[0-9A-Z]{8}-?[0-9X]$/;
const LAYOUT_HINT = "行政区划代码之后应依次为3位数字、实施主体代码、1位数字和2位数字（如 -000-115113010833722043-1-00）";

/**
 * Splits a 实施编码 into its segments: item code, 12-digit 行政区划代码, 3 digits, the implementing
 * body's code, 1 digit and 2 digits, e.g. `511A0138000000-511602000000-000-115113010833722043-1-00`.
 * The item part may itself contain "-" (G-000007-001) and the body code may be an old
 * 组织机构代码 (00877868-5). Check characters are not verified here; see {@link checkCreditCode}.
 */
export function parseImplementationCode(raw: string): ImplementationCodeParse {
  // Codes copied from the platform are already clean; fold (width, case, spaces) only when not.
  const clean = IMPL_CHARS.test(raw);
  const code = clean ? raw : fold(raw);
  if (!code) return { error: "实施编码为空。" };
  if (!clean && !IMPL_CHARS.test(code)) {
    const bad = [...code].find((ch) => !IMPL_CHAR.test(ch));
    return { error: `实施编码只能由数字、大写字母和连字符“-”组成，「${raw.trim()}」中有「${bad}」。` };
  }
  const segs = code.split("-");
  let at = -1;
  for (let i = 1; i < segs.length; i++) {
    if (TWELVE.test(segs[i]!)) {
      at = i;
      break;
    }
  }
  if (at < 0) return { error: `实施编码「${code}」中没有12位行政区划代码段（如 511602000000）。` };
  const division = segs[at]!;
  if (!PROVINCES.has(division.slice(0, 2))) {
    return { error: `实施编码中的行政区划代码「${division}」的前两位「${division.slice(0, 2)}」不是省级行政区的代码。` };
  }
  const rest = segs.slice(at + 1);
  const middle = rest[0] ?? "";
  const tail = rest.slice(-2);
  const subject = rest.slice(1, -2).join("-");
  if (rest.length < 4 || !THREE.test(middle) || !ONE.test(tail[0]!) || !TWO.test(tail[1]!) || !subject) {
    return { error: `实施编码「${code}」的分段不正确：${LAYOUT_HINT}。` };
  }
  const item = segs.slice(0, at).join("-");
  const parsed: ImplementationCode = {
    item,
    division,
    middle,
    subject,
    subjectKind: subject.length === 18 && !subject.includes("-") ? "credit" : SUBJECT_ORG.test(subject) ? "organization" : "other",
    tail: [tail[0]!, tail[1]!],
  };
  const sichuan = SICHUAN_ITEM.exec(item);
  if (sichuan && (item.length === 12 || item.length === 14)) {
    parsed.category = item.charAt(2);
    if (sichuan[1] && parsed.category === "1") parsed.typeLetter = sichuan[1];
  } else {
    const letter = LETTER_ITEM.exec(item);
    if (letter) parsed.typeLetter = letter[1];
  }
  return { code: parsed };
}
