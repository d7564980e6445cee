import { nfkc } from "../normalize.js";
import type { ImplementationCode } from "../codes.js";
import { freezeAll } from "./vocabulary.js";
import { classifyPowerType } from "./power-types.js";

/** A 事项类型 of the 政务服务 platform with its letter in the 实施编码 and its numeric code. */
export interface ItemTypeInfo {
  readonly name: string;
  /** The letter after the province prefix in a Sichuan 实施编码 (511A… = 行政许可). */
  readonly letter?: string;
  /** The numeric 事项类型 code of the national platform. */
  readonly number: number;
}

/**
 * The 事项类型 of 政务服务 items with their codes, as confirmed from 1,135 real 实施编码: A 行政许可 (1),
 * G 行政给付 (5), F 行政确认 (7), H 行政奖励 (8), E 行政裁决 (9), Z 其他行政权力 (10), and 公共服务
 * (20; category digit 2 in the code, 512…).
 */
export const ITEM_TYPES: readonly ItemTypeInfo[] = freezeAll([
  { name: "行政许可", letter: "A", number: 1 },
  { name: "行政给付", letter: "G", number: 5 },
  { name: "行政确认", letter: "F", number: 7 },
  { name: "行政奖励", letter: "H", number: 8 },
  { name: "行政裁决", letter: "E", number: 9 },
  { name: "其他行政权力", letter: "Z", number: 10 },
  { name: "公共服务", number: 20 },
] satisfies ItemTypeInfo[]);

const byLetter = new Map(ITEM_TYPES.filter((t) => t.letter).map((t) => [t.letter!, t.name]));
const byNumber = new Map(ITEM_TYPES.map((t) => [String(t.number), t.name]));
const DIGITS = /^\d+$/;

/** The 事项类型 a 实施编码 states: by its type letter, or 公共服务 for category digit 2. */
export function itemTypeOfCode(code: ImplementationCode): string | undefined {
  if (code.typeLetter) return byLetter.get(code.typeLetter);
  return code.category === "2" ? "公共服务" : undefined;
}

/**
 * The canonical name of a 事项类型 cell: a 9+X or legacy type name ("其他职权" → 其他行政权力) or a
 * numeric code ("1" → 行政许可, "20" → 公共服务). Undefined when it is none of these.
 */
export function canonicalItemType(text: string): string | undefined {
  const t = nfkc(text).trim();
  if (DIGITS.test(t)) return byNumber.get(String(Number(t)));
  return classifyPowerType(t)?.type;
}
