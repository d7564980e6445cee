import type { Catalog, CatalogKind, Entry } from "@zwgk/catalog-schemas";
import { entryName, type Finding, type Location } from "@zwgk/catalog-core";
import { catalogMatchKeys, entryMatchKeys, type EntryMatchKeys } from "@zwgk/catalog-diff";

// The warehouse layout: three tables (catalogs, entries, findings) and every column's name, type,
// nullability and meaning. This file is the single source of the layout: the Parquet schema, the
// row builders, the reverse mapping (rows → entries) and the column tables of docs/parquet.md are
// all derived from it (the docs by `npm run generate`, drift-tested).
//
// Stability: columns are only ever added (at the end of a table); a column is never renamed, retyped
// or given another meaning. `layoutVersion` in each file's key-value metadata says which version
// wrote it.

/** Version of the table layout, written into every file's key-value metadata (`zwgk.layout`). */
export const LAYOUT_VERSION = "1";

/** Column types: Parquet UTF8 strings, 32-bit integers, lists of strings, and JSON text (a UTF8 string). */
export type ColumnType = "STRING" | "INT32" | "LIST<STRING>" | "JSON";

/** One column of a table. */
export interface Column<R> {
  name: string;
  type: ColumnType;
  /** False when every row has a value. */
  nullable: boolean;
  /** What the column holds (English; shown in docs/parquet.md). */
  doc: string;
  /** The model field the column stores (dotted path), when it stores one as written. */
  field?: string;
  /** True for an entries column computed from the entry's match keys alone (see {@link ENTRY_KEY_COLUMNS}). */
  keyed?: boolean;
  get(row: R): unknown;
}

/** What an entries row is built from. */
export interface EntrySource {
  catalogId: number;
  position: number;
  kind: CatalogKind;
  entry: Entry;
  keys: EntryMatchKeys;
  /** Line of the entry in a text source, when the reader reported it apart from the entry. */
  line?: number;
}

/** What a catalogs row is built from. */
export interface CatalogSourceRow {
  catalogId: number;
  catalog: Catalog;
  keys: ReturnType<typeof catalogMatchKeys>;
}

/** What a findings row is built from. */
export interface FindingSource {
  catalogId: number | null;
  origin: "validate" | "check";
  finding: Finding;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const int = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const list = (v: unknown): string[] | null => (Array.isArray(v) ? (v as string[]) : null);
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Reads a dotted path (`timeLimit.raw`) from an object; compiled once per column (the export's hot path). */
function accessor(path: string): (obj: unknown) => unknown {
  const [a, b, ...rest] = path.split(".");
  if (rest.length) throw new Error(`layout: path ${path} is deeper than two levels`);
  if (b === undefined) return (o) => (o as Record<string, unknown>)[a!];
  return (o) => {
    const v = (o as Record<string, unknown>)[a!];
    return v !== null && typeof v === "object" ? (v as Record<string, unknown>)[b] : undefined;
  };
}

/** The getters of {@link field} columns, with the object their field path is read from. */
const fieldGetters = new WeakMap<(r: never) => unknown, (r: never) => unknown>();

/** A column that stores a model field as written (strings, integers, string lists, or JSON). */
function field<R>(name: string, type: ColumnType, path: string, doc: string, of: (r: R) => unknown): Column<R> {
  const read = type === "STRING" ? str : type === "INT32" ? int : type === "LIST<STRING>" ? list : json;
  const at = accessor(path);
  const get = (r: R) => read(at(of(r)));
  fieldGetters.set(get as (r: never) => unknown, of as (r: never) => unknown);
  return { name, type, nullable: true, doc, field: path, get };
}

/**
 * For a column whose value is its model field as written (`field`, its getter not replaced), the
 * object of a row its field path is read from; undefined for other columns. Such a column's value is
 * null whenever the path's first key (and, for a two-level path, its second) is not an own key of
 * that object: the writer then fills only the columns of the keys an entry has.
 */
export function fieldSource<R>(column: Column<R>): ((r: R) => unknown) | undefined {
  return column.field === undefined ? undefined : (fieldGetters.get(column.get as (r: never) => unknown) as ((r: R) => unknown) | undefined);
}

function derived<R>(name: string, type: ColumnType, nullable: boolean, doc: string, get: (r: R) => unknown): Column<R> {
  return { name, type, nullable, doc, get };
}

/** An entries column computed from the match keys alone (see {@link ENTRY_KEY_COLUMNS}). */
function keyed(name: string, type: ColumnType, nullable: boolean, doc: string, get: (k: EntryMatchKeys) => unknown): Column<EntrySource> {
  return { name, type, nullable, doc, keyed: true, get: (r) => get(r.keys) };
}

const cat = (r: CatalogSourceRow) => r.catalog;
const ent = (r: EntrySource) => r.entry;

/** The `catalogs` table: one row per catalog. */
export const CATALOG_COLUMNS: ReadonlyArray<Column<CatalogSourceRow>> = [
  derived("catalog_id", "INT32", false, "Position of the catalog in the export (0-based); entries and findings refer to it.", (r) => r.catalogId),
  { ...field("kind", "STRING", "kind", "`standard` (标准目录), `supplementary` (补充目录), `power` (权责清单) or `service` (公共服务事项).", cat), nullable: false },
  { ...field("schema_version", "STRING", "schemaVersion", "Version of the catalog schema the catalog follows.", cat), nullable: false },
  field("title", "STRING", "title", "Title as written (the sheet's title row).", cat),
  field("jurisdiction_name", "STRING", "jurisdiction.name", "Jurisdiction (行政区划) name, e.g. 广安市广安区.", cat),
  field("jurisdiction_level", "STRING", "jurisdiction.level", "Jurisdiction level: 省, 市, 县, 乡 or 村.", cat),
  field("jurisdiction_code", "STRING", "jurisdiction.code", "行政区划代码 (6 or 12 digits).", cat),
  field("department", "STRING", "department", "The department (部门) whose catalog it is.", cat),
  field("domain", "STRING", "domain", "Domain (领域), e.g. 社会救助.", cat),
  field("version", "STRING", "version", "Catalog version as written.", cat),
  field("effective_date", "STRING", "effectiveDate", "Effective date (ISO 8601 date).", cat),
  field("source_file", "STRING", "source.file", "File the catalog was read from, as named on the command line.", cat),
  field("source_sheet", "STRING", "source.sheet", "Worksheet the catalog was read from.", cat),
  field("source_format", "STRING", "source.format", "Format read: `xlsx`, `json`, `yaml` or `xml`.", cat),
  field("source_template", "JSON", "source.template", "Template id and version the layout matched (JSON object).", cat),
  field("source_header_rows", "JSON", "source.headerRows", "Worksheet rows of the header (JSON array of numbers).", cat),
  field("source_columns", "JSON", "source.columns", "Column mapping the reader recorded: column letter, header, field (JSON array).", cat),
  field("schema_ref", "STRING", "$schema", "The `$schema` URI the catalog named, if any.", cat),
  derived("entry_count", "INT32", false, "Number of entries (rows of `entries` with this catalog_id).", (r) => r.catalog.entries.length),
  derived(
    "body_key",
    "STRING",
    false,
    "The body (单位: jurisdiction + department) as the analysis reads it from the catalog (jurisdiction, title, 公开主体/实施主体, 实施编码, or the configured default): its grouping key; empty when it cannot be read (such a catalog is compared with nothing but itself).",
    (r) => r.keys.body.key,
  ),
  derived("body_label", "STRING", false, "How a person names the body: 宝坻区 民政, 广安区（行政区划代码 511602）, or 单位不明.", (r) => r.keys.body.label),
  derived("body", "JSON", false, "The body as read: JSON object {key, code?, jurisdiction?, department, label, from?, unknown?}. Catalogs whose bodies agree are one body (see docs/analysis.md).", (r) => JSON.stringify(r.keys.body)),
  derived("pool", "STRING", false, "Duplicate pool: `disclosure` (标准目录 and 补充目录 together), `power` or `service`.", (r) => r.keys.pool),
  derived("level_rank", "INT32", true, "Rank of jurisdiction_level for 三级四同: 省 0, 市 1, 县 2, 乡 3; null for 村 or no level.", (r) => r.keys.rank),
  derived(
    "body_code_key",
    "STRING",
    false,
    "Body grouping key by code: the body's 行政区划代码 (6 digits) and department, `|`-joined; empty when the body has no code or is unknown. Catalogs sharing it are one body (sql/bodies-*.sql).",
    (r) => r.keys.bodyCode,
  ),
  derived(
    "body_name_key",
    "STRING",
    false,
    "Body grouping key by name: the jurisdiction's name (normalised, 人民政府 off) and department, `|`-joined; empty when the body names no jurisdiction or is unknown. Catalogs sharing it are one body unless both have codes and the codes differ.",
    (r) => r.keys.bodyName,
  ),
];

/** The `entries` table: one row per entry. */
export const ENTRY_COLUMNS: ReadonlyArray<Column<EntrySource>> = [
  derived("catalog_id", "INT32", false, "The catalog (catalogs.catalog_id).", (r) => r.catalogId),
  derived("position", "INT32", false, "Index of the entry in its catalog (0-based, in the order read).", (r) => r.position),
  derived("kind", "STRING", false, "The catalog's kind (copied from catalogs.kind for convenience).", (r) => r.kind),
  field("seq", "STRING", "seq", "序号 as written.", ent),
  field("items", "LIST<STRING>", "items", "标准目录/补充目录: the 事项 levels (一级事项, 二级事项, 三级事项 …) as written; null for powers and services.", ent),
  field("name", "STRING", "name", "权责清单/公共服务事项: 事项名称 as written; null for disclosure entries.", ent),
  field("sub_item", "STRING", "subItem", "权责清单: 子项名称 as written.", ent),
  derived("path", "LIST<STRING>", false, "The 事项 path as written: `items`, or [name, sub_item], or [name].", (r) =>
    "items" in r.entry ? r.entry.items : "subItem" in r.entry && r.entry.subItem ? [r.entry.name, r.entry.subItem] : [r.entry.name],
  ),
  derived("display_name", "STRING", false, "The 事项 as findings name it: the path joined with ` / `.", (r) => entryName(r.entry)),
  keyed(
    "path_key",
    "STRING",
    false,
    "**The normalised matching key** the analysis groups by: each path level through `normalizeForMatch` (NFKC, traditional → simplified, lower case, no spaces or punctuation), empty levels dropped, levels joined with U+0001. Exact duplicates share it.",
    (k) => k.path,
  ),
  keyed("flat_key", "STRING", false, "path_key without the U+0001 separators: the text near-duplicate search compares.", (k) => k.flat),
  keyed("level_keys", "LIST<STRING>", false, "The levels of path_key, one per element.", (k) => k.levels),
  field("code", "STRING", "code", "Code as written (实施编码, 事项编码, 行政许可事项编号 …).", ent),
  keyed("code_key", "STRING", false, "Normalised code; empty when none.", (k) => k.code),
  keyed(
    "level_name_key",
    "STRING",
    false,
    "The name as levels word it (level qualifiers such as （县级） dropped, 许可证核发/许可审批 → 许可, wrappers off): 三级四同 matches powers of different levels by it or by code_key.",
    (k) => k.levelName,
  ),
  field("type", "STRING", "type", "权力类型 / 事项类型 as written.", ent),
  keyed("type_key", "STRING", false, "Canonical power type (行政许可 … 其他行政权力) or the type's matching key; empty for disclosure entries and when none.", (k) => k.type),
  field("content", "STRING", "content", "公开内容（要素）.", ent),
  field("basis_raw", "STRING", "basis.raw", "公开依据 / 设定依据 as written.", ent),
  field("basis_written", "STRING", "basis.written", "The basis text as written when `同上` was resolved to the row above.", ent),
  field("basis_documents", "JSON", "basis.documents", "Documents the basis cites: JSON array of {title, clause?, rank?}.", ent),
  keyed("basis_documents_key", "STRING", false, "Cited document titles, normalised, sorted, `|`-joined; empty when none. 三级四同 compares it.", (k) => k.basisDocuments),
  field("time_limit_raw", "STRING", "timeLimit.raw", "公开时限 as written.", ent),
  field("time_limit_parsed", "JSON", "timeLimit.parsed", "公开时限 as parsed: JSON object {type, anchor?, amount?, unit?, month?, day?, endOfMonth?, lawOverride?, exceptions?}; null when not parsed.", ent),
  field("subject", "STRING", "subject", "公开主体 / 实施主体.", ent),
  field("channels_raw", "STRING", "channels.raw", "公开渠道和载体 as written.", ent),
  field("channels", "LIST<STRING>", "channels.selected", "Channels selected (■ or listed).", ent),
  field("channels_unselected", "LIST<STRING>", "channels.unselected", "Channels offered but not selected (□).", ent),
  field("audience", "LIST<STRING>", "audience", "公开对象 marks as written (全社会, 特定群体).", ent),
  field("method", "LIST<STRING>", "method", "公开方式 marks as written (主动, 依申请).", ent),
  field("levels", "LIST<STRING>", "levels", "公开层级 marks as written (县级, 乡级 …).", ent),
  field("attribute", "STRING", "attribute", "公开属性 (主动公开, 依申请公开, 不予公开 …).", ent),
  field("non_disclosure_reason", "STRING", "nonDisclosureReason", "不予公开 reason.", ent),
  field("clause", "STRING", "clause", "条款内容: the 条例 clause cited (第二十条(七)).", ent),
  field("department", "STRING", "department", "权责清单: 实施部门.", ent),
  field("level", "STRING", "level", "权责清单: 行使层级 as written.", ent),
  field("responsibilities", "STRING", "responsibilities", "权责清单: 责任事项.", ent),
  field("responsibility_basis", "JSON", "responsibilityBasis", "权责清单: 责任事项依据 (JSON object {raw, written?, documents?}).", ent),
  field("accountability_scope", "STRING", "accountabilityScope", "权责清单: 追责对象范围.", ent),
  field("accountability_cases", "STRING", "accountabilityCases", "权责清单: 追责情形.", ent),
  field("accountability_basis", "JSON", "accountabilityBasis", "权责清单: 追责依据 (JSON object {raw, written?, documents?}).", ent),
  field("remark", "STRING", "remark", "备注.", ent),
  field("status", "STRING", "status", "事项状态.", ent),
  field("base_code", "STRING", "baseCode", "公共服务事项: 基本编码.", ent),
  field("service_object", "STRING", "serviceObject", "公共服务事项: 服务对象.", ent),
  field("accepting_unit", "STRING", "acceptingUnit", "公共服务事项: 受理单位.", ent),
  field("process", "STRING", "process", "公共服务事项: 办理流程.", ent),
  field("materials", "STRING", "materials", "公共服务事项: 申请材料.", ent),
  field("fees", "STRING", "fees", "公共服务事项: 收费标准.", ent),
  field("legal_time_limit", "STRING", "legalTimeLimit", "公共服务事项: 法定办结时限.", ent),
  field("promised_time_limit", "STRING", "promisedTimeLimit", "公共服务事项: 承诺办结时限.", ent),
  field("consultation", "STRING", "consultation", "公共服务事项: 咨询方式.", ent),
  field("complaint", "STRING", "complaint", "公共服务事项: 监督投诉方式.", ent),
  field("location", "STRING", "location", "公共服务事项: 办理地点.", ent),
  field("hours", "STRING", "hours", "公共服务事项: 办理时间.", ent),
  field("extra", "JSON", "extra", "Columns the layout does not model, in order: JSON array of {name, value}.", ent),
  field("source_file", "STRING", "source.file", "File the entry was read from.", ent),
  field("source_sheet", "STRING", "source.sheet", "Worksheet the entry was read from.", ent),
  field("source_row", "INT32", "source.row", "Worksheet row (1-based, as a person sees it).", ent),
  { ...field("source_line", "INT32", "source.line", "Line of the entry in a text source (JSON/YAML/XML).", ent), get: (r: EntrySource) => int(r.entry.source?.line ?? r.line) },
  field("source_pointer", "STRING", "source.pointer", "JSON pointer of the entry in a text source.", ent),
  keyed("spec_key", "STRING", false, "The name that identifies the item: the lower levels when the 一级事项 is an umbrella (a power type, 行政执法, a domain, 政务服务), else the whole path; wording undone (wrappers such as 信息/公开 off, 决定 → 结果, 许可证核发 → 许可). Conflicts pair entries by it.", (k) => k.spec),
  keyed("lower_key", "STRING", true, "The levels below the 一级事项, joined, wording undone; null when the path has one level (empty when they normalise to nothing).", (k) => k.lower),
  keyed("lower_item_key", "STRING", false, "lower_key when it names a specific item (4+ characters, not an aspect such as 政策 or 办事指南), else empty.", (k) => k.lowerItem),
  keyed("first_key", "STRING", false, "The 一级事项 as compared: bracketed parts off, wording undone; empty when no levels.", (k) => k.first),
  keyed("first_group", "STRING", false, "The group of the 一级事项: the umbrella it names (行政审批 → 行政许可, 执法公示 → 行政执法, `领域:<domain>`, 政务服务), else first_key. Two 一级事项 are the same when first_key or first_group agree.", (k) => k.firstGroup),
  keyed("first_covers", "STRING", false, "The groups the 一级事项 is the umbrella of, `|`-joined (行政执法: the enforcement types and 双公示; 双公示: 行政许可 and 行政处罚); empty otherwise. One 一级事项 is broader than another when the other's first_group is listed here.", (k) => k.firstCovers),
  keyed("cover_cores", "LIST<STRING>", false, "Disclosure entries: the item cores the entry covers for gap coverage (its path, the path without an umbrella 一级事项, each level, each 公开内容 element; procedure and result words cut from the end; 3+ characters); empty for generic entries, powers and services.", (k) => k.coverCores),
  keyed("cover_types", "LIST<STRING>", false, "Disclosure entries that name no item, only power types with result or listing words (行政许可结果公示, 双公示): the power types they cover, or `*service` for every service; empty otherwise.", (k) => k.coverTypes),
  keyed("item_cover_keys", "LIST<STRING>", false, "Powers and services: covered when a disclosure entry of the body has one of these among its cover_cores (the item's cores, and their tails of 4+ characters that are not aspects: an entry about the general item); empty for disclosure entries.", (k) => k.itemCoverKeys),
  keyed("cover_type", "STRING", false, "Powers and services: the cover_types value that covers them (the canonical power type, or `*service`); empty otherwise.", (k) => k.coverType),
  keyed("time_limit_parsed_key", "STRING", true, "公开时限 as parsed, as one key; null when not parsed. Two parsed time limits are the same when these agree.", (k) => k.timeLimitParsed),
  keyed("time_limit_period_key", "STRING", true, "The periods and dates the 公开时限 text names (20个工作日 → `20工作日`, 每年1月31日 → `on1-31`); empty when it names none; null when no 公开时限. Compared when not both are parsed and both name one.", (k) => k.timeLimitPeriod),
  keyed("time_limit_key", "STRING", true, "The 公开时限 text's matching key; null when no 公开时限. Compared otherwise.", (k) => k.timeLimitText),
  keyed("subject_key", "STRING", true, "公开主体's matching key; null when none.", (k) => k.subject),
  keyed("method_key", "STRING", true, "公开方式 as a set of canonical marks (依申请公开 = 依申请), sorted, U+0001-joined; null when none marked.", (k) => k.method),
  keyed("audience_key", "STRING", true, "公开对象 likewise (特定群众 = 特定群体).", (k) => k.audience),
  keyed("levels_key", "STRING", true, "公开层级 likewise (区级 = 县级).", (k) => k.marksLevels),
];

const loc = (r: FindingSource): Location => r.finding.location;

/** The `findings` table: one row per finding (of `validate`, per catalog, or of the cross-catalog `check`). */
export const FINDING_COLUMNS: ReadonlyArray<Column<FindingSource>> = [
  derived("catalog_id", "INT32", true, "The catalog a `validate` finding is about; null for `check` findings (see related).", (r) => r.catalogId),
  derived("origin", "STRING", false, "`validate` (rules on one catalog) or `check` (analysis across catalogs).", (r) => r.origin),
  derived("rule", "STRING", false, "Stable rule id (docs/rules.md), e.g. `required-field`, `duplicate-exact`.", (r) => r.finding.rule),
  derived("severity", "STRING", false, "`error`, `warning` or `info`.", (r) => r.finding.severity),
  derived("message", "STRING", false, "What is wrong, in Chinese.", (r) => r.finding.message),
  derived("hint", "STRING", true, "What to do, in Chinese.", (r) => r.finding.hint ?? null),
  derived("file", "STRING", true, "Location: file.", (r) => loc(r).file ?? null),
  derived("sheet", "STRING", true, "Location: worksheet.", (r) => loc(r).sheet ?? null),
  derived("row", "INT32", true, "Location: worksheet row (1-based).", (r) => loc(r).row ?? null),
  derived("column", "STRING", true, "Location: column letter.", (r) => loc(r).column ?? null),
  derived("cell", "STRING", true, "Location: A1 cell.", (r) => loc(r).cell ?? null),
  derived("pointer", "STRING", true, "Location: JSON pointer into the catalog (`/entries/3/timeLimit`).", (r) => loc(r).path ?? null),
  derived("line", "INT32", true, "Location: line in a text source.", (r) => loc(r).line ?? null),
  derived("entry", "INT32", true, "Location: entries.position of the entry concerned.", (r) => loc(r).entry ?? null),
  derived("field", "STRING", true, "Location: model field (`timeLimit`, `items.0`).", (r) => loc(r).field ?? null),
  derived("related", "JSON", true, "Other locations the finding concerns (JSON array of location objects with the members above; `path` is the pointer).", (r) => json(r.finding.related)),
  derived("data", "JSON", true, "Values the message was built from (JSON object), e.g. {kind, score} of a check finding.", (r) => json(r.finding.data)),
  derived("fingerprint", "STRING", true, "Stable identity of the finding across runs (baselines).", (r) => r.finding.fingerprint ?? null),
];

/** The three tables, by name. */
export const TABLES = { catalogs: CATALOG_COLUMNS, entries: ENTRY_COLUMNS, findings: FINDING_COLUMNS } as const;
export type TableName = keyof typeof TABLES;

/** The entries row source of an entry; its match keys (@zwgk/catalog-diff) are computed when a column first reads them. */
export function entrySource(catalogId: number, position: number, kind: CatalogKind, entry: Entry, line?: number): EntrySource {
  return new EntryRow(catalogId, position, kind, entry, line);
}

class EntryRow implements EntrySource {
  private matchKeys: EntryMatchKeys | undefined;
  constructor(
    readonly catalogId: number,
    readonly position: number,
    readonly kind: CatalogKind,
    readonly entry: Entry,
    readonly line?: number,
  ) {}
  get keys(): EntryMatchKeys {
    return (this.matchKeys ??= entryMatchKeys(this.kind, this.entry));
  }
}

/** The entries columns computed from an entry's match keys alone (path_key … levels_key): the costliest to compute and encode. */
export const ENTRY_KEY_COLUMNS: readonly string[] = ENTRY_COLUMNS.filter((c) => c.keyed).map((c) => c.name);

function put(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let o = target;
  for (const part of parts.slice(0, -1)) o = (o[part] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]!] = value;
}

function decode(column: Column<unknown>, value: unknown): unknown {
  if (column.type === "JSON") return JSON.parse(value as string);
  if (column.type === "LIST<STRING>") return [...(value as Iterable<string>)];
  if (column.type === "INT32") return Number(value);
  return value;
}

function fromRow<T>(columns: ReadonlyArray<Column<never>>, row: Readonly<Record<string, unknown>>): T {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = row[c.name];
    if (c.field && v !== null && v !== undefined) put(out, c.field, decode(c as Column<unknown>, v));
  }
  return out as T;
}

/** An entry from its `entries` row (as a Parquet reader returns it): every model field, as written. */
export function entryFromRow(row: Readonly<Record<string, unknown>>): Entry {
  return fromRow<Entry>(ENTRY_COLUMNS as ReadonlyArray<Column<never>>, row);
}

/** A catalog header from its `catalogs` row (entries empty). */
export function catalogFromRow(row: Readonly<Record<string, unknown>>): Catalog {
  const c = fromRow<Catalog>(CATALOG_COLUMNS as ReadonlyArray<Column<never>>, row);
  (c as { entries: Entry[] }).entries = [];
  return c;
}
