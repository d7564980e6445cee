import type { CatalogKind } from "@zwgk/catalog-schemas";
import { KIND_SHORT_LABELS, normalizeForMatch, resolveDomain } from "@zwgk/catalog-core";
import { columnLetter, type Row } from "../reader/index.js";
import { LayoutError } from "./errors.js";
import { findHeader } from "./header.js";
import {
  FAMILY_OF,
  type Family,
  type FlagGroup,
  type HeaderTable,
  KEY_FIELDS,
  flagGroupOf,
  itemLevel,
  matchHeader,
  standaloneFlagGroup,
  TABLES,
} from "./vocabulary.js";

/**
 * How a column's cells become entry data. `text` resolves 同上 from the row above, `plain` (codes,
 * 序号) keeps the cell as written, `flag` is one √ column of a group, `marks` a group written as text.
 */
export type Codec = "plain" | "text" | "items" | "basis" | "timeLimit" | "channels" | "flag" | "marks" | "attribute" | "extra";

/** One column of a sheet as the importer reads it (compiled once per sheet). */
export interface ColumnPlan {
  col: number;
  letter: string;
  /** Header path as written, sub-headers joined with '/'. */
  header: string;
  /** Model field: `content`, `items.1`, `audience` …; absent for extra columns. */
  field?: string;
  /** The mark label of a flag column (its sub-header as written). */
  value?: string;
  codec: Codec;
  /** The 事项 level (0-based) of an `items` column. */
  level?: number;
  /** Fill an empty cell from the row above: upper 事项 levels, a power 事项名称 that has 子项. */
  fillDown: boolean;
}

/** A sheet's table understood: kind, title, header rows and a plan per column. */
export interface SheetLayout {
  kind: CatalogKind;
  family: Family;
  title?: string;
  domain?: string;
  headerRows: number[];
  /** First spreadsheet row after the header. */
  firstDataRow: number;
  /** Index into the scanned rows of the first data row. */
  firstDataIndex: number;
  columns: ColumnPlan[];
  /** Number of 事项 levels the layout has (0 for power/service). */
  itemDepth: number;
}

export interface DetectInput {
  file?: string;
  sheet: string;
  kind?: CatalogKind;
  tables: Record<Family, HeaderTable>;
}

type Mapped = { field?: string; value?: string; codec: Codec };

const GROUPS: ReadonlySet<string> = new Set<FlagGroup>(["audience", "method", "levels"]);
const BASIS_FIELDS = new Set(["basis", "responsibilityBasis", "accountabilityBasis"]);
const PLAIN_FIELDS = new Set(["seq", "code", "baseCode"]);

/** How a field of a family is read from and written to a cell. */
export function codecOf(family: Family, field: string): Codec {
  if (field.startsWith("items.")) return "items";
  if (PLAIN_FIELDS.has(field)) return "plain";
  if (BASIS_FIELDS.has(field)) return "basis";
  if (family !== "disclosure") return "text";
  if (field === "timeLimit") return "timeLimit";
  if (field === "channels") return "channels";
  if (field === "attribute") return "attribute";
  return "text";
}

function asField(family: Family, field: string | undefined, parts: readonly string[], single: boolean): Mapped {
  if (field === undefined || field === "extra") return { codec: "extra" };
  if (GROUPS.has(field)) {
    const leaf = parts[parts.length - 1] as string;
    // A lone 公开对象 column holds the labels as text; a labelled column under it is one flag.
    if (single && flagGroupOf(normalizeForMatch(leaf)) !== undefined) return { field, codec: "marks" };
    return { field, value: leaf, codec: "flag" };
  }
  return { field, codec: codecOf(family, field) };
}

/** What one header path means in a family's vocabulary. */
function mapColumn(family: Family, table: HeaderTable, parts: readonly string[]): Mapped {
  const keys = parts.map(normalizeForMatch);
  const leaf = keys[keys.length - 1] as string;
  const full = keys.join("");
  const single = parts.length === 1;
  const forced = table.forced.get(full) ?? table.forced.get(leaf);
  if (forced !== undefined) return asField(family, forced, parts, single);
  if (family === "disclosure") {
    if (!single) {
      const group = flagGroupOf(keys[keys.length - 2] as string);
      if (group) return { field: group, value: parts[parts.length - 1] as string, codec: "flag" };
    }
    const level = itemLevel(leaf);
    if (level !== undefined) return { field: `items.${level}`, codec: "items" };
    const exact = table.exact.get(leaf);
    if (exact !== undefined) return asField(family, exact, parts, single);
    if (single) {
      const group = standaloneFlagGroup(leaf);
      if (group) return { field: group, value: parts[0] as string, codec: "flag" };
    }
  }
  const field = matchHeader(table, leaf) ?? (single ? undefined : matchHeader(table, full));
  return asField(family, field, parts, single);
}

/**
 * What a header path means to the importer with the built-in vocabulary (field, mark label,
 * codec); the exporter uses it to keep extra columns from being read back as modelled ones.
 */
export function builtinMeaning(family: Family, parts: readonly string[]): { field?: string; value?: string; codec: Codec } {
  return mapColumn(family, TABLES[family], parts);
}

interface FamilyMapping {
  family: Family;
  plans: ColumnPlan[];
  /** Modelled columns other than 序号. */
  score: number;
  hasKey: boolean;
}

/** A field is taken once; a flag group once per label. */
const usedKey = (m: Mapped) => (m.codec === "flag" ? `${m.field}\u0000${normalizeForMatch(m.value ?? "")}` : (m.field as string));

function mapFamily(family: Family, table: HeaderTable, paths: Map<number, string[]>): FamilyMapping {
  const used = new Set<string>();
  const plans: ColumnPlan[] = [];
  let score = 0;
  for (const [col, parts] of paths) {
    let m = mapColumn(family, table, parts);
    if (m.field !== undefined) {
      if (used.has(usedKey(m))) {
        // A second column with a taken field: 事项编号 after 序号 becomes the code; others are kept as extra.
        const alt = table.fallback.get(normalizeForMatch(parts[parts.length - 1] as string));
        m = alt !== undefined && !used.has(alt) ? { field: alt, codec: codecOf(family, alt) } : { codec: "extra" };
      }
      if (m.field !== undefined) {
        used.add(usedKey(m));
        if (m.field !== "seq") score++;
      }
    }
    const plan: ColumnPlan = { col, letter: columnLetter(col), header: parts.join("/"), codec: m.codec, fillDown: false };
    if (m.field !== undefined) plan.field = m.field;
    if (m.value !== undefined) plan.value = m.value;
    if (m.codec === "items") plan.level = Number(m.field?.slice(6));
    plans.push(plan);
  }
  const hasKey = KEY_FIELDS[family].some((f) => used.has(f));
  return { family, plans, score, hasKey };
}

/** Columns one family recognises and the other does not: they decide between look-alike layouts. */
function distinctive(a: FamilyMapping, b: FamilyMapping): number {
  let n = 0;
  for (let i = 0; i < a.plans.length; i++) if (a.plans[i]?.field !== undefined && b.plans[i]?.field === undefined) n++;
  return n;
}

const FAMILY_LABEL: Record<Family, string> = { disclosure: "标准目录/补充目录", power: "权责清单", service: "公共服务事项清单" };
const SUPPLEMENTARY_TITLE = /主动公开(?:补充)?目录|补充目录/u;
const STANDARD_TITLE = /标准目录|标准化目录/u;

function disclosureKind(title: string | undefined, domain: string | undefined, plans: readonly ColumnPlan[]): CatalogKind {
  // Compared on the matching key: traditional titles (主動公開補充目錄) read the same.
  const key = title ? normalizeForMatch(title) : "";
  if (SUPPLEMENTARY_TITLE.test(key)) return "supplementary";
  if (STANDARD_TITLE.test(key) || domain) return "standard";
  return plans.some((p) => p.field === "levels" || p.field === "subject") ? "standard" : "supplementary";
}

/**
 * Reads the layout of a sheet from its first rows: header rows and paths, the family whose
 * vocabulary fits best (or the one `kind` asks for), the kind, title and domain, and a plan for
 * every labelled column. Returns undefined when the rows hold no recognisable header.
 * @throws LayoutError `wrong-kind` when `kind` contradicts a clearly different layout.
 */
export function detectLayout(head: readonly Row[], input: DetectInput): SheetLayout | undefined {
  const block = findHeader(head, input.tables);
  if (!block) return undefined;
  const mappings = (["disclosure", "power", "service"] as const).map((f) => mapFamily(f, input.tables[f], block.paths));
  const ranked = mappings
    .filter((m) => m.hasKey)
    .sort((a, b) => b.score - a.score || distinctive(b, a) - distinctive(a, b));
  const best = ranked[0];
  let chosen = best;
  if (input.kind) {
    const wanted = mappings.find((m) => m.family === FAMILY_OF[input.kind as CatalogKind]) as FamilyMapping;
    const clearlyOther =
      best !== undefined &&
      best.family !== wanted.family &&
      (!wanted.hasKey || (best.score > wanted.score && distinctive(wanted, best) === 0 && distinctive(best, wanted) > 0));
    if (clearlyOther) throw wrongKind(input, best, block.rows[0] as number, head[block.start] as Row);
    chosen = wanted.hasKey ? wanted : undefined;
  }
  if (!chosen) return undefined;

  const title = block.above.length ? block.above.join(" ") : undefined;
  const family = chosen.family;
  const plans = chosen.plans;
  let itemDepth = 0;
  for (const p of plans) if (p.level !== undefined) itemDepth = Math.max(itemDepth, p.level + 1);
  for (const p of plans) if (p.level !== undefined) p.fillDown = p.level < itemDepth - 1;
  if (family === "power" && plans.some((p) => p.field === "subItem")) {
    for (const p of plans) if (p.field === "name") p.fillDown = true;
  }

  let kind: CatalogKind = input.kind ?? (family === "power" ? "power" : "service");
  let domain: string | undefined;
  if (family === "disclosure") {
    domain = (resolveDomain(input.sheet) ?? (title ? resolveDomain(title) : undefined))?.name;
    kind = input.kind ?? disclosureKind(title, domain, plans);
    if (kind !== "standard") domain = undefined;
  }
  const lastHeaderRow = block.rows[block.rows.length - 1] as number;
  let firstDataIndex = block.start;
  while (firstDataIndex < head.length && (head[firstDataIndex] as Row).index <= lastHeaderRow) firstDataIndex++;
  const layout: SheetLayout = {
    kind,
    family,
    headerRows: block.rows,
    firstDataRow: lastHeaderRow + 1,
    firstDataIndex,
    columns: plans,
    itemDepth,
  };
  if (title !== undefined) layout.title = title;
  if (domain !== undefined) layout.domain = domain;
  return layout;
}

function wrongKind(input: DetectInput, found: FamilyMapping, headerRow: number, row: Row): LayoutError {
  const wanted = KIND_SHORT_LABELS[input.kind as CatalogKind];
  const seen = found.plans
    .filter((p) => p.field !== undefined)
    .slice(0, 6)
    .map((p) => `“${p.header}”`)
    .join("、");
  const suggestion = found.family === "disclosure" ? "standard 或 supplementary" : found.family;
  const first = row.cells[0];
  return new LayoutError(
    "wrong-kind",
    `工作表“${input.sheet}”的表头是${FAMILY_LABEL[found.family]}的格式（识别到 ${seen} 等列），与指定的目录类型“${wanted}”不符。` +
      `请改用 --kind ${suggestion}，或去掉 --kind 由工具自动识别；如果选错了工作表，请指定正确的工作表。`,
    { ...(input.file !== undefined ? { file: input.file } : {}), sheet: input.sheet, cell: `${first ? columnLetter(first.col) : "A"}${headerRow}` },
  );
}
