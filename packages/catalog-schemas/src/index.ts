/**
 * @zwgk/catalog-schemas — the published standard for 政务公开目录 catalogs: the JSON Schemas
 * (2020-12), the TypeScript types generated from them, and validators compiled ahead of time.
 *
 * @example
 * ```ts
 * import { validateCatalogShape } from "@zwgk/catalog-schemas";
 * const result = validateCatalogShape(JSON.parse(text));
 * if (result.ok) console.log(result.catalog.kind);
 * else for (const issue of result.issues) console.log(issue.pointer, issue.keyword);
 * ```
 * @packageDocumentation
 */
import {
  MAX_ERRORS,
  TooManyErrors,
  validateCatalog,
  validateDisclosureEntry,
  validatePowerEntry,
  validateServiceEntry,
} from "./generated/validators.js";
import type { Catalog, DisclosureEntry, PowerEntry, ServiceEntry } from "./generated/types.js";

export type * from "./generated/types.js";
export {
  allSchemas,
  catalogSchema,
  commonSchema,
  disclosureEntrySchema,
  powerEntrySchema,
  serviceEntrySchema,
} from "./generated/schemas.js";

/** The version of the standard these schemas define; written into every catalog we produce. */
export const SCHEMA_VERSION = "1.0";
/** Base of every schema `$id`. */
export const SCHEMA_BASE = "https://zwgk.github.io/schemas/v1/";

/** The four catalog kinds. */
export type CatalogKind = Catalog["kind"];
/** Every catalog kind, in the order the docs list them. */
export const CATALOG_KINDS: readonly CatalogKind[] = ["standard", "supplementary", "power", "service"];
/** An entry of any kind. */
export type Entry = DisclosureEntry | PowerEntry | ServiceEntry;
/** The entry type of a catalog kind. */
export type EntryOf<K extends CatalogKind> = Extract<Catalog, { kind: K }>["entries"][number];

/** One way a value does not fit the schema: where (JSON pointer), which keyword, and its parameters. */
export interface SchemaIssue {
  /** JSON pointer into the validated value, e.g. `/entries/3/items`. */
  pointer: string;
  /** The JSON Schema keyword that failed, e.g. `required`, `type`, `additionalProperties`. */
  keyword: string;
  /** The keyword's parameters (ajv's `params`), e.g. `{ missingProperty: "name" }`. */
  params: Record<string, unknown>;
  /** Pointer into the schema, for tooling. */
  schemaPath: string;
}

/**
 * The result of checking a value against a schema: the typed value, or the issues. At most
 * {@link MAX_SCHEMA_ISSUES} issues are collected: past that the check stops and `truncated` is set
 * (a hostile file could otherwise produce millions, in time and memory).
 */
export type ShapeResult<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[]; truncated?: boolean };

/** The most issues one check collects before it stops. */
export const MAX_SCHEMA_ISSUES: number = MAX_ERRORS;

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; params: Record<string, unknown>; schemaPath: string }> | null;
}

type CompiledError = { instancePath: string; keyword: string; params: Record<string, unknown>; schemaPath: string };

function run<T>(validate: CompiledValidator, data: unknown): ShapeResult<T> {
  let errors: CompiledError[];
  let truncated = false;
  try {
    if (validate(data)) return { ok: true, value: data as T };
    errors = validate.errors ?? [];
  } catch (e) {
    if (!(e instanceof TooManyErrors)) throw e;
    errors = (e.errors as CompiledError[]).slice(0, MAX_ERRORS);
    truncated = true;
  }
  const issues = errors.map((e) => ({
    pointer: e.instancePath,
    keyword: e.keyword,
    params: e.params,
    schemaPath: e.schemaPath,
  }));
  return truncated ? { ok: false, issues, truncated } : { ok: false, issues };
}

/** Checks a whole catalog (envelope and entries) against catalog.schema.json. */
export function validateCatalogShape(data: unknown): ShapeResult<Catalog> {
  return run<Catalog>(validateCatalog as CompiledValidator, data);
}

const entryValidators: Record<CatalogKind, CompiledValidator> = {
  standard: validateDisclosureEntry as CompiledValidator,
  supplementary: validateDisclosureEntry as CompiledValidator,
  power: validatePowerEntry as CompiledValidator,
  service: validateServiceEntry as CompiledValidator,
};

/** Checks one entry of the given catalog kind against its entry schema. */
export function validateEntryShape<K extends CatalogKind>(kind: K, data: unknown): ShapeResult<EntryOf<K>> {
  return run<EntryOf<K>>(entryValidators[kind], data);
}
