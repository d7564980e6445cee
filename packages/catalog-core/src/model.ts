import type { Catalog, CatalogKind, Entry } from "@zwgk/catalog-schemas";

/** Everything a catalog says about itself except its entries. */
export type CatalogHeader = Omit<Catalog, "entries">;

/** A catalog whose entries are read one by one (streaming import): the header, then entries. */
export interface CatalogStream {
  header: CatalogHeader;
  entries: AsyncIterable<Entry> | Iterable<Entry>;
}

/** Chinese names of the four kinds, as users say them. */
export const KIND_LABELS: Record<CatalogKind, string> = {
  standard: "基层政务公开标准目录",
  supplementary: "政府信息主动公开补充目录",
  power: "权责清单",
  service: "公共服务事项清单",
};

/** Short Chinese names, for reports. */
export const KIND_SHORT_LABELS: Record<CatalogKind, string> = {
  standard: "标准目录",
  supplementary: "补充目录",
  power: "权责清单",
  service: "公共服务事项",
};

/** The 事项 name a person would use for an entry of any kind: the last level of the path, or name/子项. */
export function entryName(entry: Entry): string {
  if ("items" in entry) return entry.items.join(" / ");
  if ("subItem" in entry && entry.subItem) return `${entry.name} / ${entry.subItem}`;
  return entry.name;
}
