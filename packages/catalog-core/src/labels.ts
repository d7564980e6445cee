import type { CatalogKind } from "@zwgk/catalog-schemas";
import {
  catalogSchema,
  commonSchema,
  disclosureEntrySchema,
  powerEntrySchema,
  serviceEntrySchema,
} from "@zwgk/catalog-schemas";

// Field labels (公开时限 …) come from the schemas' `x-label`, the one place they are written.
type Props = Record<string, { "x-label"?: string }>;

function labelsOf(properties: Props): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [name, prop] of Object.entries(properties)) if (prop["x-label"]) map.set(name, prop["x-label"]);
  return map;
}

const disclosure = labelsOf(disclosureEntrySchema.properties as Props);
const entryLabels: Record<CatalogKind, ReadonlyMap<string, string>> = {
  standard: disclosure,
  supplementary: disclosure,
  power: labelsOf(powerEntrySchema.properties as Props),
  service: labelsOf(serviceEntrySchema.properties as Props),
};
const headerLabels = labelsOf({
  ...(commonSchema.$defs.CatalogHeader.properties as Props),
  ...(catalogSchema.properties as Props),
});
const ITEM_LEVELS = ["一级事项", "二级事项", "三级事项", "四级事项"];

/**
 * The Chinese label of a model field for a catalog kind: `timeLimit` → 公开时限, `items.0` → 一级事项,
 * envelope fields (`domain` → 领域). Unknown fields come back unchanged.
 */
export function fieldLabel(kind: CatalogKind, field: string): string {
  if (field.startsWith("items.")) return ITEM_LEVELS[Number(field.slice(6))] ?? field;
  const top = field.split(".")[0] ?? field;
  return entryLabels[kind]?.get(top) ?? headerLabels.get(top) ?? field;
}

/** Every labelled entry field of a kind, in schema order: [field, label]. */
export function entryFields(kind: CatalogKind): ReadonlyArray<readonly [string, string]> {
  return [...entryLabels[kind]];
}
