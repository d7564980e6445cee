import { createVocabulary, freezeAll } from "./vocabulary.js";

/** One type of administrative power (权力类型) and the other names catalogs give it. */
export interface PowerTypeInfo {
  /** The name in the 9+X classification, e.g. 行政许可. */
  readonly name: string;
  readonly aliases: readonly string[];
}

/**
 * The "9+X" classification of 权责清单 powers: nine named types and 其他行政权力 (the X, also
 * written 其他职权), in the order national lists use.
 */
export const POWER_TYPES: readonly PowerTypeInfo[] = freezeAll([
  { name: "行政许可", aliases: [] },
  { name: "行政处罚", aliases: [] },
  { name: "行政强制", aliases: [] },
  { name: "行政征收", aliases: [] },
  { name: "行政给付", aliases: [] },
  { name: "行政检查", aliases: [] },
  { name: "行政确认", aliases: [] },
  { name: "行政奖励", aliases: [] },
  { name: "行政裁决", aliases: [] },
  { name: "其他行政权力", aliases: ["其他职权", "其他权力"] },
] satisfies PowerTypeInfo[]);

/**
 * Types of older catalogs, still found in files: they should be reclassified into the 9+X types.
 * 公共服务 is legacy in a 权责清单 but a proper 事项类型 in a 公共服务事项清单.
 */
export const LEGACY_POWER_TYPES: readonly PowerTypeInfo[] = freezeAll([
  { name: "非行政许可审批", aliases: ["非许可审批"] },
  { name: "审核转报", aliases: [] },
  { name: "其他具体行政行为", aliases: [] },
  { name: "公共服务", aliases: [] },
] satisfies PowerTypeInfo[]);

const current = createVocabulary(POWER_TYPES);
const legacy = createVocabulary(LEGACY_POWER_TYPES);

/** A power type read from a cell: its canonical name and whether it is a legacy type. */
export interface PowerTypeMatch {
  type: string;
  legacy: boolean;
}

/**
 * Classifies a 权力类型 cell, ignoring width, script, spaces and punctuation ("行政 许可",
 * "其他职权" ≡ "其他行政权力"). Undefined when it is neither a 9+X nor a legacy type.
 */
export function classifyPowerType(text: string): PowerTypeMatch | undefined {
  const hit = current.lookup(text);
  if (hit) return { type: hit.name, legacy: false };
  const old = legacy.lookup(text);
  return old ? { type: old.name, legacy: true } : undefined;
}

/** The known power type (9+X or legacy) closest to a text that is none, for "did you mean". */
export function closestPowerType(text: string): string | undefined {
  return current.closest(text) ?? legacy.closest(text);
}
