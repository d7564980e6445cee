import type { Catalog, Derivation, Entry } from "@zwgk/catalog-schemas";
import { entryName, KIND_SHORT_LABELS } from "@zwgk/catalog-core";

/** The value drafted entries carry in their 公开属性 column until a person decides it. */
export const PENDING_ATTRIBUTE = "待认定";
/** The header of that column (an `extra` of this name, as the importer keeps a 公开属性 outside the enum). */
export const ATTRIBUTE_HEADER = "公开属性";

/** Row colours of a drafted workbook (ARGB): yellow to confirm, red to consider deleting. */
export const ROW_FILLS = Object.freeze({ confirm: "FFFFF2CC", delete: "FFFFC7CE" });

/** Where an item sits: `权责清单-交通运输.xlsx 行政职权!第3行`, or the file alone. */
export function placeText(p: { file?: string | undefined; sheet?: string | undefined; row?: number | undefined }): string {
  const at = [p.sheet, p.row !== undefined ? `第${p.row}行` : undefined].filter(Boolean).join("!");
  return [p.file, at].filter(Boolean).join(" ") || "（位置未知）";
}

/** The derivation record of an entry derived from `entry` of `catalog` by `rule`. */
export function derivationOf(catalog: Catalog, entry: Entry, rule: string, type?: string): Derivation {
  const d: Derivation = { rule, kind: catalog.kind };
  const file = entry.source?.file ?? catalog.source?.file;
  if (file) d.file = file;
  const sheet = entry.source?.sheet ?? catalog.source?.sheet;
  if (sheet) d.sheet = sheet;
  if (entry.source?.row !== undefined) d.row = entry.source.row;
  if (entry.code?.trim()) d.code = entry.code.trim();
  d.name = entryName(entry);
  if (type) d.type = type;
  return d;
}

/** One line saying where a derived entry came from: `权责清单 权责清单.xlsx 行政职权!第3行 · 000117003000 公路超限运输许可（行政许可）`. */
export function derivationText(d: Derivation): string {
  const kind = d.kind ? `${KIND_SHORT_LABELS[d.kind]} ` : "";
  const what = [d.code, d.name].filter(Boolean).join(" ");
  return `${kind}${placeText(d)} · ${what}${d.type ? `（${d.type}）` : ""}`;
}
