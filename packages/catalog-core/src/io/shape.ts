import {
  catalogSchema,
  CATALOG_KINDS,
  commonSchema,
  disclosureEntrySchema,
  powerEntrySchema,
  serviceEntrySchema,
  type CatalogKind,
} from "@zwgk/catalog-schemas";

/**
 * The catalog model as the text writers and the XML reader need it: for each object its properties in
 * schema order, for each leaf its JSON type, for each array its item and the XML element name of an
 * item. Derived once from the published JSON Schemas, so a field added there is written and read
 * without touching this code.
 */
export type FieldShape = LeafShape | ObjectShape | ArrayShape;

/** A string, number, integer or boolean leaf. */
export interface LeafShape {
  readonly t: "string" | "number" | "integer" | "boolean";
}

/** An object: its properties in the schema's order. */
export interface ObjectShape {
  readonly t: "object";
  readonly props: ReadonlyMap<string, FieldShape>;
  readonly order: readonly string[];
}

/** An array: its items, the XML element of one item, and (for entries) item shapes by element name. */
export interface ArrayShape {
  readonly t: "array";
  readonly item: FieldShape;
  readonly itemName: string;
  readonly variants?: ReadonlyMap<string, FieldShape>;
}

/** XML element of one item of each array property; `item` for arrays the table does not know. */
export const ARRAY_ITEM_NAMES: Readonly<Record<string, string>> = Object.freeze({
  items: "item",
  documents: "document",
  exceptions: "exception",
  selected: "channel",
  unselected: "channel",
  audience: "mark",
  method: "mark",
  levels: "mark",
  extra: "column",
  headerRows: "row",
  columns: "mapping",
});

/** XML element names that differ from the JSON property (`$` cannot start an XML name). */
export const XML_NAMES: ReadonlyMap<string, string> = new Map([["$schema", "schema"]]);
/** JSON property of an XML element name, the inverse of {@link XML_NAMES}. */
export const JSON_NAMES: ReadonlyMap<string, string> = new Map([...XML_NAMES].map(([k, v]) => [v, k]));

type Json = Record<string, unknown>;
const DOCS: Record<string, Json> = {
  "common.schema.json": commonSchema as unknown as Json,
  "disclosure-entry.schema.json": disclosureEntrySchema as unknown as Json,
  "power-entry.schema.json": powerEntrySchema as unknown as Json,
  "service-entry.schema.json": serviceEntrySchema as unknown as Json,
  "catalog.schema.json": catalogSchema as unknown as Json,
};

function resolveRef(ref: string, doc: string): { node: Json; doc: string } {
  const [file, fragment = ""] = ref.split("#");
  const target = file ? file : doc;
  let node: unknown = DOCS[target];
  for (const part of fragment.split("/").filter(Boolean)) node = (node as Json)[part];
  if (node === undefined) throw new Error(`unresolvable $ref ${ref} in ${doc}`);
  return { node: node as Json, doc: target };
}

const memo = new Map<Json, FieldShape>();
const LEAF: Record<string, LeafShape> = {
  string: { t: "string" },
  number: { t: "number" },
  integer: { t: "integer" },
  boolean: { t: "boolean" },
};

function toShape(node: Json, doc: string, name: string): FieldShape {
  const ref = node.$ref;
  if (typeof ref === "string") {
    const target = resolveRef(ref, doc);
    return toShape(target.node, target.doc, name);
  }
  // Arrays are not memoised: one array definition may serve properties with different item names.
  if (node.type === "array") return { t: "array", item: toShape(node.items as Json, doc, name), itemName: ARRAY_ITEM_NAMES[name] ?? "item" };
  const known = memo.get(node);
  if (known) return known;
  let shape: FieldShape;
  if (node.type === "object" || node.properties || node.allOf) {
    const props = new Map<string, FieldShape>();
    for (const part of (node.allOf as Json[] | undefined) ?? []) {
      const inner = toShape(part, doc, name);
      if (inner.t === "object") for (const [k, v] of inner.props) props.set(k, v);
    }
    for (const [k, v] of Object.entries((node.properties as Record<string, Json> | undefined) ?? {})) props.set(k, toShape(v, doc, k));
    shape = { t: "object", props, order: [...props.keys()] };
  } else {
    shape = LEAF[typeof node.type === "string" ? node.type : "string"] ?? LEAF.string!;
  }
  memo.set(node, shape);
  return shape;
}

/** `DisclosureEntry` → `disclosureEntry`: the XML element of one entry, from the entry schema's title. */
function entryElement(schema: Json): string {
  const title = String(schema.title);
  return title.charAt(0).toLowerCase() + title.slice(1);
}

function buildCatalogShapes(): { byKind: Map<string, ObjectShape>; fallback: ObjectShape; entryElements: Map<CatalogKind, string> } {
  const defs = catalogSchema.$defs as unknown as Record<string, Json>;
  const variants = new Map<string, FieldShape>();
  const entryElements = new Map<CatalogKind, string>();
  const branches: Array<{ kind: CatalogKind; shape: ObjectShape; entry: Json }> = [];
  for (const def of Object.values(defs)) {
    const kind = ((def.properties as Record<string, Json>).kind as Json).const as CatalogKind;
    const entryRef = (((def.properties as Record<string, Json>).entries as Json).items as Json).$ref as string;
    const entry = resolveRef(entryRef, "catalog.schema.json").node;
    const element = entryElement(entry);
    entryElements.set(kind, element);
    variants.set(element, toShape(entry, resolveRef(entryRef, "catalog.schema.json").doc, "entries"));
    branches.push({ kind, shape: toShape(def, "catalog.schema.json", "catalog") as ObjectShape, entry });
  }
  const byKind = new Map<string, ObjectShape>();
  let fallbackProps = new Map<string, FieldShape>();
  for (const { kind, shape } of branches) {
    const props = new Map(shape.props);
    const entries = props.get("entries") as ArrayShape;
    props.set("entries", { ...entries, itemName: entryElements.get(kind) as string, variants });
    byKind.set(kind, { t: "object", props, order: catalogOrder(props) });
    fallbackProps = props;
  }
  // Without a known kind, entries are told apart by their element alone.
  const fallback = new Map(fallbackProps);
  fallback.set("entries", { t: "array", item: { t: "object", props: new Map(), order: [] }, itemName: "entry", variants });
  return { byKind, fallback: { t: "object", props: fallback, order: catalogOrder(fallback) }, entryElements };
}

/** `$schema`, `kind`, the header in schema order, then `entries`: what a person reads first comes first. */
function catalogOrder(props: ReadonlyMap<string, FieldShape>): string[] {
  const rest = [...props.keys()].filter((k) => k !== "$schema" && k !== "kind" && k !== "entries");
  return ["$schema", "kind", ...rest, "entries"].filter((k) => props.has(k));
}

const CATALOG = buildCatalogShapes();
for (const kind of CATALOG_KINDS) if (!CATALOG.byKind.has(kind)) throw new Error(`catalog.schema.json has no branch for kind ${kind}`);

/** The shape of a catalog of the given kind; for an unknown kind, a shape that tells entries apart by element. */
export function catalogShape(kind: unknown): ObjectShape {
  return (typeof kind === "string" ? CATALOG.byKind.get(kind) : undefined) ?? CATALOG.fallback;
}

/** XML element name of one entry of a catalog kind (`disclosureEntry`, `powerEntry`, `serviceEntry`). */
export function entryElementName(kind: CatalogKind): string {
  return CATALOG.entryElements.get(kind) as string;
}

/**
 * A copy of a value with object keys in schema order (unknown keys after, in their own order) and
 * `undefined` members dropped, so every writer emits the same stable order.
 */
export function orderValue(value: unknown, shape: FieldShape | undefined): unknown {
  if (Array.isArray(value)) {
    const item = shape?.t === "array" ? shape.item : undefined;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = orderValue(value[i], item);
    return out;
  }
  if (value === null || typeof value !== "object") return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const obj = shape?.t === "object" ? shape : undefined;
  if (obj) {
    for (const key of obj.order) {
      const v = src[key];
      if (v !== undefined && Object.hasOwn(src, key)) out[key] = orderValue(v, obj.props.get(key));
    }
  }
  for (const key of Object.keys(src)) {
    if (obj?.props.has(key)) continue;
    const v = src[key];
    // defineProperty keeps a key such as __proto__ an own data property instead of a prototype change.
    if (v !== undefined) Object.defineProperty(out, key, { value: orderValue(v, undefined), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
