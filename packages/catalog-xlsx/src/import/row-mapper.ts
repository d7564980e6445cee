import type { Basis, Channels, Entry, EntrySource, ExtraColumn, TimeLimit } from "@zwgk/catalog-schemas";
import { isMarked, isSameAsAbove, normalizeForMatch, parseBasis, parseChannels, parseTimeLimit } from "@zwgk/catalog-core";
import { type Cell, columnLetter, type Row } from "../reader/index.js";
import type { ColumnPlan, SheetLayout } from "../layout/detect.js";
import { ATTRIBUTE_VALUES } from "../layout/vocabulary.js";

// The hot path of import: one call per spreadsheet row. Plans are indexed by column once per sheet;
// per row there is one switch per non-empty cell, no regex construction and no closures.

type Fields = Record<string, unknown>;

/** Separators between labels when a 公开对象/公开方式/公开层级 group is written as text. */
const MARK_SEPARATORS = /[\s、，,;；/／|｜]+/u;
/**
 * Whitespace a cell's text loses at both ends: what String.prototype.trim removes, except the
 * vertical tab and form feed. XML cannot hold those raw, so in a cell they come only from the
 * `_x000B_` / `_x000C_` escapes a writer chose on purpose (ours does), and are kept.
 */
function isEdgeSpace(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** A cell's text as the importer keeps it (see isEdgeSpace); a loop, so no regex backtracking. */
export function trimCell(text: string): string {
  // Fast path: both ends are printable ASCII or CJK (U+3001–U+FEFE), which no trim removes.
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (((first > 0x20 && first < 0x7f) || (first > 0x3000 && first < 0xfeff)) && ((last > 0x20 && last < 0x7f) || (last > 0x3000 && last < 0xfeff))) return text;
  const t = text.trim();
  // Fast path: nothing trimmed, or no vertical tab / form feed that trim might have taken.
  if (t.length === text.length || (text.indexOf("\u000b") < 0 && text.indexOf("\u000c") < 0)) return t;
  let start = 0;
  let end = text.length;
  while (start < end && isEdgeSpace(text.charCodeAt(start))) start++;
  while (end > start && isEdgeSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** 事项 level states within one row. */
const EMPTY = 0;
const WRITTEN = 1;
const SAME = 2;

/** "同上" is short and contains 同: both checks are cheaper than normalising every cell. */
function sameAsAbove(text: string): boolean {
  return text.length <= 8 && text.includes("同") && isSameAsAbove(text);
}

/** Distinct texts remembered per column; catalogs repeat a handful of 时限/渠道/依据 wordings. */
const CACHE_LIMIT = 256;

/** Parsed values are shared between entries (see RowMapper), so they are frozen all the way down. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Memoises a parser per column: each distinct text is parsed once and its frozen result reused. */
class Memo<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly parse: (text: string) => T) {}
  get(text: string): T {
    let value = this.map.get(text);
    if (value === undefined) {
      if (this.map.size >= CACHE_LIMIT) this.map.clear();
      value = deepFreeze(this.parse(text));
      this.map.set(text, value);
    }
    return value;
  }
}

/**
 * Memoises what a 同上 cell gives per column: the value in force above and the cell's text decide
 * it, so rows that say 同上 under the same value share one frozen result, as Memo's rows do.
 */
class AboveMemo<T extends object> {
  private readonly map = new Map<T, Map<string, T>>();
  get(prev: T, text: string): T | undefined {
    return this.map.get(prev)?.get(text);
  }
  set(prev: T, text: string, value: T): T {
    let byText = this.map.get(prev);
    if (byText === undefined) {
      if (this.map.size >= CACHE_LIMIT) this.map.clear();
      this.map.set(prev, (byText = new Map()));
    } else if (byText.size >= CACHE_LIMIT) byText.clear();
    byText.set(text, value);
    return value;
  }
}

const readTimeLimit = (raw: string): TimeLimit => {
  const parsed = parseTimeLimit(raw).parsed;
  return parsed ? { raw, parsed } : { raw };
};
const readBasis = (raw: string): Basis => parseBasis(raw);

/**
 * A column's plan as the row loop reads it: one object shape for every column (plans differ by
 * which optional members they have, and the loop reads a handful of them for every cell).
 */
interface Slot {
  plan: ColumnPlan;
  col: number;
  field: string;
  codec: ColumnPlan["codec"];
  level: number;
  value: string;
  header: string;
}

const slotOf = (plan: ColumnPlan): Slot => ({
  plan,
  col: plan.col,
  field: plan.field ?? "",
  codec: plan.codec,
  level: plan.level ?? 0,
  value: plan.value ?? "",
  header: plan.header,
});

/** What the mapper remembers of the rows above: the values in force per column. */
interface Above {
  text: Array<string | undefined>;
  basis: Array<Basis | undefined>;
  timeLimit: Array<TimeLimit | undefined>;
  channels: Array<Channels | undefined>;
  items: string[];
}

/** Callbacks of a {@link RowMapper}; both are rare events, never per-cell work. */
export interface RowMapperHooks {
  /**
   * Called once for a column that has data but no header label, with the extra column plan made
   * for it, so the catalog's column list can record it.
   */
  onNewColumn?(plan: ColumnPlan): void;
  /** Called for each non-empty data cell that holds a formula; its cached result is what is imported. */
  onFormula?(cell: Cell, row: number, plan: ColumnPlan): void;
}

/**
 * Turns the rows of one sheet into entries. Transformations of cell text (the import contract):
 * - surrounding white space is trimmed; cells that are then empty are absent;
 * - an empty upper 事项 level, and a power 事项名称 in a layout with 子项, takes the row above's value;
 * - 同上 takes the value in force above: plain text fields hold that value; 公开依据/实施依据 keep
 *   "同上" in `basis.written`; 公开时限 and 公开渠道和载体 keep it in `raw` with the parsed meaning
 *   of the row above; 序号 and codes are never resolved;
 * - a formula cell contributes its cached result, the text Excel last showed (reported via onFormula);
 * - a flag cell that is not a mark (isMarked), and a 公开属性 outside the schema's values, is kept
 *   in `extra` under the column's header; unlabelled columns become extras named 列X.
 *
 * Entries are values: each distinct 公开依据/公开时限/公开渠道 text of a column is parsed once, and
 * entries with the same text share the frozen result (less work and memory on large sheets).
 * Copy before editing — immer does so by itself.
 */
export class RowMapper {
  private readonly plans: Array<ColumnPlan | undefined> = [];
  private readonly slots: Array<Slot | undefined> = [];
  private readonly fillDown: ColumnPlan[];
  private readonly above: Above = { text: [], basis: [], timeLimit: [], channels: [], items: [] };
  private readonly memo: Array<Memo<Basis> | Memo<TimeLimit> | Memo<Channels> | undefined> = [];
  private readonly aboveMemo: Array<AboveMemo<Basis> | AboveMemo<TimeLimit> | AboveMemo<Channels> | undefined> = [];
  private readonly items: string[];
  private readonly state: number[];
  private readonly disclosure: boolean;
  private readonly source: Omit<EntrySource, "row">;

  private readonly onNewColumn: ((plan: ColumnPlan) => void) | undefined;
  private readonly onFormula: ((cell: Cell, row: number, plan: ColumnPlan) => void) | undefined;

  constructor(layout: SheetLayout, source: { file?: string; sheet: string }, hooks: RowMapperHooks = {}) {
    this.onNewColumn = hooks.onNewColumn;
    this.onFormula = hooks.onFormula;
    for (const plan of layout.columns) {
      this.plans[plan.col] = plan;
      this.slots[plan.col] = slotOf(plan);
      if (plan.codec === "basis") {
        this.memo[plan.col] = new Memo(readBasis);
        this.aboveMemo[plan.col] = new AboveMemo<Basis>();
      } else if (plan.codec === "timeLimit") {
        this.memo[plan.col] = new Memo(readTimeLimit);
        this.aboveMemo[plan.col] = new AboveMemo<TimeLimit>();
      } else if (plan.codec === "channels") {
        this.memo[plan.col] = new Memo(parseChannels);
        this.aboveMemo[plan.col] = new AboveMemo<Channels>();
      }
    }
    this.fillDown = layout.columns.filter((p) => p.fillDown && p.codec === "text");
    this.disclosure = layout.family === "disclosure";
    this.items = new Array<string>(layout.itemDepth).fill("");
    this.state = new Array<number>(layout.itemDepth).fill(EMPTY);
    this.source = source.file === undefined ? { sheet: source.sheet } : { file: source.file, sheet: source.sheet };
  }

  /** The plan of a column; unlabelled columns get an extra-column plan the first time they hold data. */
  plan(col: number): ColumnPlan {
    let plan = this.plans[col];
    if (plan === undefined) {
      const letter = columnLetter(col);
      plan = { col, letter, header: `列${letter}`, codec: "extra", fillDown: false };
      this.plans[col] = plan;
      this.onNewColumn?.(plan);
    }
    return plan;
  }

  /** The slot of a column (see plan). */
  private slot(col: number): Slot {
    return (this.slots[col] ??= slotOf(this.plan(col)));
  }

  /** The entry of a row, or undefined when the row has no non-empty cell. */
  map(row: Row): Entry | undefined {
    const cells = row.cells;
    const above = this.above;
    const e: Fields = {};
    // Scratch buffers reused across rows; resolveItems copies out what the entry keeps.
    let items: string[] | undefined;
    let state: number[] | undefined;
    if (this.disclosure) {
      items = this.items;
      state = this.state;
      for (let k = 0; k < items.length; k++) {
        items[k] = "";
        state[k] = EMPTY;
      }
    }
    let extra: ExtraColumn[] | undefined;
    let any = false;

    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as Cell;
      const text = trimCell(cell.text);
      if (text === "") {
        // A formula saved without its result: there is no value to import, and it is not "missing"
        // either; the importer reports it at the cell (validateWorkbook drops missing-value findings there).
        if (cell.formula !== undefined && cell.value === null) this.onFormula?.(cell, row.index, (this.slots[cell.col] ?? this.slot(cell.col)).plan);
        continue;
      }
      any = true;
      const slot = this.slots[cell.col] ?? this.slot(cell.col);
      // The cached result (cell.text) is imported; the formula itself is only reported.
      if (cell.formula !== undefined) this.onFormula?.(cell, row.index, slot.plan);
      const field = slot.field;
      const col = slot.col;
      switch (slot.codec) {
        case "plain":
          e[field] = text;
          break;
        case "text": {
          const value = sameAsAbove(text) ? above.text[col] ?? text : text;
          e[field] = value;
          above.text[col] = value;
          break;
        }
        case "items":
          (items as string[])[slot.level] = text;
          (state as number[])[slot.level] = sameAsAbove(text) ? SAME : WRITTEN;
          break;
        case "basis": {
          const prev = sameAsAbove(text) ? above.basis[col] : undefined;
          // After a 同上 row, the value above is already what another 同上 written alike gives.
          const basis = !prev
            ? (this.memo[col] as Memo<Basis>).get(text)
            : prev.written === text
              ? prev
              : (this.aboveMemo[col] as AboveMemo<Basis>).get(prev, text) ?? (this.aboveMemo[col] as AboveMemo<Basis>).set(prev, text, deepFreeze(parseBasis(text, prev)));
          e[field] = basis;
          above.basis[col] = basis;
          break;
        }
        case "timeLimit": {
          const prev = sameAsAbove(text) ? above.timeLimit[col] : undefined;
          if (prev) {
            const memo = this.aboveMemo[col] as AboveMemo<TimeLimit>;
            e[field] = memo.get(prev, text) ?? memo.set(prev, text, Object.freeze(prev.parsed ? { raw: text, parsed: prev.parsed } : { raw: text }));
          }
          else e[field] = above.timeLimit[col] = (this.memo[col] as Memo<TimeLimit>).get(text);
          break;
        }
        case "channels": {
          const prev = sameAsAbove(text) ? above.channels[col] : undefined;
          if (prev) {
            const memo = this.aboveMemo[col] as AboveMemo<Channels>;
            e[field] =
              memo.get(prev, text) ??
              memo.set(prev, text, Object.freeze(prev.unselected ? { raw: text, selected: prev.selected, unselected: prev.unselected } : { raw: text, selected: prev.selected }));
          }
          else e[field] = above.channels[col] = (this.memo[col] as Memo<Channels>).get(text);
          break;
        }
        case "flag":
          // √ is what nearly every flag cell holds; isMarked normalises (NFKC) for the rest.
          if (text === "√" || isMarked(text)) {
            const marks = e[field] as string[] | undefined;
            if (marks) marks.push(slot.value);
            else e[field] = [slot.value];
          } else (extra ??= []).push({ name: slot.header, value: text });
          break;
        case "marks": {
          const marks = (e[field] as string[] | undefined) ?? [];
          for (const label of text.split(MARK_SEPARATORS)) if (label && !marks.includes(label)) marks.push(label);
          if (marks.length) e[field] = marks;
          break;
        }
        case "attribute": {
          const value = ATTRIBUTE_VALUES.get(normalizeForMatch(text));
          if (value) e[field] = value;
          else (extra ??= []).push({ name: slot.header, value: text });
          break;
        }
        default:
          (extra ??= []).push({ name: slot.header, value: text });
      }
    }
    if (!any) return undefined;

    for (const plan of this.fillDown) {
      const field = plan.field as string;
      if (e[field] === undefined && above.text[plan.col] !== undefined) e[field] = above.text[plan.col];
    }
    if (items) e.items = this.resolveItems(items, state as number[]);
    if (extra) e.extra = extra;
    const src = this.source;
    e.source = src.file === undefined ? { sheet: src.sheet, row: row.index } : { file: src.file, sheet: src.sheet, row: row.index };
    return e as unknown as Entry;
  }

  /**
   * An empty upper level takes the row above's value while every level before it did too (a new
   * 一级事项 starts a new branch, so its empty 二级 does not inherit); 同上 always does. The deepest
   * level is not filled down: merged deepest cells are filled from the merge ranges (applyMerges).
   */
  private resolveItems(items: string[], state: number[]): string[] {
    const prev = this.above.items;
    const last = items.length - 1;
    let inherit = true;
    for (let k = 0; k <= last; k++) {
      const s = state[k];
      if (s === SAME && prev[k]) items[k] = prev[k] as string;
      else if (s === WRITTEN) inherit &&= items[k] === prev[k];
      else if (s === EMPTY && inherit && k < last && prev[k]) items[k] = prev[k] as string;
      else inherit = false;
    }
    let end = items.length;
    while (end > 0 && items[end - 1] === "") end--;
    const kept = items.slice(0, end);
    // The row above's path for the next row, with empty levels as they were resolved here.
    for (let k = 0; k < items.length; k++) this.above.items[k] = items[k] as string;
    return kept;
  }
}
