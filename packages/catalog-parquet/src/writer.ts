import type { Catalog, Entry, Jurisdiction } from "@zwgk/catalog-schemas";
import { catalogMatchKeys } from "@zwgk/catalog-diff";
import type { Finding } from "@zwgk/catalog-core";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
// The column encoder of hyparquet-writer (pinned to one version in package.json): ParquetWriter.write
// runs these per column of a row group; calling them here lets a row group's column chunks be encoded
// apart (in another thread) and placed in the file in column order, the same bytes either way.
import { writeColumn } from "hyparquet-writer/src/column.js";
import { encodeNestedValues } from "hyparquet-writer/src/dremel.js";
import { schemaPathResolver } from "hyparquet-writer/src/schema.js";
import { snappyCompress } from "hyparquet-writer/src/snappy.js";
import type { ColumnEncoder, PageIndexes } from "hyparquet-writer/src/types.js";
import type { SchemaTree } from "hyparquet";
import { encodeUtf8Column, type Utf8ColumnSpec } from "./utf8-column.js";
import {
  CATALOG_COLUMNS,
  ENTRY_COLUMNS,
  entrySource,
  fieldSource,
  FINDING_COLUMNS,
  LAYOUT_VERSION,
  type Column,
  type CatalogSourceRow,
  type EntrySource,
  type FindingSource,
  type TableName,
} from "./layout.js";

// Streaming Parquet writers for the three tables: rows are buffered column by column and written as
// a row group every `rowGroupSize` rows, and the bytes of each row group go to a sink as soon as they
// are encoded. Memory is one row group per table, whatever the number of catalogs.

/** Receives a file's bytes in order; may return a promise (the writer waits for it). */
export type ByteSink = (bytes: Uint8Array) => void | Promise<void>;

type SchemaElement = Record<string, unknown>;

/** The Parquet schema of a table's columns. */
export function schemaOf(columns: ReadonlyArray<Column<never>>): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: "root", num_children: columns.length }];
  for (const c of columns) {
    const repetition_type = c.nullable ? "OPTIONAL" : "REQUIRED";
    if (c.type === "INT32") schema.push({ name: c.name, type: "INT32", repetition_type });
    else if (c.type === "LIST<STRING>") {
      schema.push(
        { name: c.name, repetition_type, converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        { name: "element", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
      );
    } else schema.push({ name: c.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type });
  }
  return schema;
}

/** A ByteWriter whose buffer is handed to the sink after each row group and at the end. */
class SinkWriter extends ByteWriter {
  constructor(private readonly sink: ByteSink) {
    super(1 << 20);
  }
  flush(): void | Promise<void> {
    if (!this.index) return;
    const bytes = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    return this.sink(bytes);
  }
  override finish(): void | Promise<void> {
    return this.flush();
  }
}

const STATISTICS = new Set(["catalog_id", "position", "kind", "origin", "rule"]);

/**
 * One column chunk of a row group, encoded as if it began at byte 0 of the file: its bytes and what
 * the footer records of it. Plain data (it crosses threads by structured clone; `bytes` can be
 * transferred).
 */
export interface EncodedChunk {
  column: string;
  bytes: Uint8Array;
  index: PageIndexes;
}

/** The column chunks of one row group that were encoded elsewhere, with its row count. */
export interface EncodedGroup {
  rows: number;
  chunks: EncodedChunk[];
}

/** How each column of a table is encoded (as ParquetWriter.write sets it up, with its defaults). */
class ColumnCodec {
  private readonly encoders: Array<{ column: ColumnEncoder; leaf: SchemaTree[]; utf8: Utf8ColumnSpec | undefined }>;

  constructor(columns: ReadonlyArray<Column<never>>, schema: SchemaElement[]) {
    const resolve = schemaPathResolver(schema as never);
    this.encoders = columns.map((c) => {
      let leaf = resolve([c.name]);
      while (leaf[leaf.length - 1]!.children.length) leaf = [...leaf, leaf[leaf.length - 1]!.children[0]!];
      const schemaPath = leaf.map((n) => n.element);
      const column: ColumnEncoder = {
        columnName: schemaPath
          .slice(1)
          .map((e) => e.name)
          .join("."),
        element: schemaPath[schemaPath.length - 1]!,
        schemaPath,
        codec: "SNAPPY",
        compressors: { SNAPPY: snappyCompress },
        // Statistics (min/max) only where readers prune by them: the ids. Elsewhere they cost time and
        // help no query of the analysis.
        stats: STATISTICS.has(c.name),
        pageSize: 1048576,
        columnIndex: false,
        offsetIndex: true,
      };
      // Strings without statistics: encoded by utf8-column.ts (the same bytes, without a Uint8Array
      // per string or arrays of levels).
      const utf8: Utf8ColumnSpec | undefined =
        c.type !== "INT32" && !column.stats
          ? { path: schemaPath.slice(1).map((e) => e.name), list: c.type === "LIST<STRING>", nullable: c.nullable, compress: snappyCompress, pageSize: column.pageSize! }
          : undefined;
      return { column, leaf, utf8 };
    });
  }

  /** Encodes column `j` of a row group at the writer's offset. */
  encode(writer: ByteWriter, j: number, data: unknown[]): PageIndexes {
    if (data.length && allNull(data)) {
      // A column chunk of nulls only is the same bytes for every row group of its size (most row
      // groups have the same size): encoded once, then copied and placed.
      const key = `${j}:${data.length}`;
      let chunk = this.nulls.get(key);
      if (!chunk) this.nulls.set(key, (chunk = this.encodeOnce(j, data)));
      const at = writer.offset;
      writer.appendBytes(chunk.bytes);
      return placeAt(structuredClone(chunk.index), at);
    }
    return this.encodeOnce(j, data, writer).index;
  }

  private readonly nulls = new Map<string, { bytes: Uint8Array; index: PageIndexes }>();

  private encodeOnce(j: number, data: unknown[], writer = new ByteWriter(1 << 16)): { bytes: Uint8Array; index: PageIndexes } {
    const { column, leaf, utf8 } = this.encoders[j]!;
    if (utf8) return { index: encodeUtf8Column(writer, utf8, data), bytes: writer.getBytes() };
    const index = writeColumn({ writer: writer as never, column, pageData: encodeNestedValues(leaf, data as never) });
    return { bytes: writer.getBytes(), index };
  }

  /** Encodes column `j` of a row group on its own, as if it began at byte 0. */
  encodeApart(j: number, name: string, data: unknown[]): EncodedChunk {
    const writer = new ByteWriter(1 << 16);
    const index = this.encode(writer, j, data);
    return { column: name, bytes: writer.getBytes(), index };
  }
}

function allNull(data: readonly unknown[]): boolean {
  for (let i = 0; i < data.length; i++) if (data[i] !== null) return false;
  return true;
}

/** Moves a chunk encoded at byte 0 to `offset`: every file offset it records. */
function placeAt(index: PageIndexes, offset: number): PageIndexes {
  const shift = BigInt(offset);
  const meta = index.chunk.meta_data!;
  index.chunk.file_offset += shift;
  meta.data_page_offset += shift;
  if (meta.dictionary_page_offset !== undefined) meta.dictionary_page_offset += shift;
  if (meta.index_page_offset !== undefined || meta.bloom_filter_offset !== undefined) throw new Error("parquet: a chunk encoded apart records an index page or bloom filter");
  for (const p of index.offsetIndex?.page_locations ?? []) p.offset += shift;
  return index;
}

/**
 * Rows of a table buffered column by column, a row group at a time. The columns that store a model
 * field as written (layout.ts `fieldSource`) are filled by the keys the row's object has — a
 * catalog entry has a dozen of the fifty such columns, the others stay null — instead of asking each
 * column for its value; every other column is asked. The values are the same either way.
 */
class RowBuffer<R> {
  /**
   * One array per column; only the first `rows` values are the row group's (the rest are null). A
   * field column's array is made when a row first has its field (empty until then: many columns are
   * null in every row of a table), and only the columns a row group wrote are cleared after it.
   */
  readonly buffers: unknown[][];
  rows = 0;
  private capacity = 0;
  /** Per column: a value was written since the last clear. */
  private readonly written: boolean[];
  /** Nulls for a column without values, by row count. */
  private nulls: unknown[] = [];
  /** Columns asked for their value on every row. */
  private readonly dense: number[] = [];
  /** The object the field columns read from, and their columns by first key (and by second key). */
  private source: ((r: R) => unknown) | undefined;
  private readonly byKey = new Map<string, number>();
  private readonly byNestedKey = new Map<string, Map<string, number>>();

  constructor(
    readonly table: TableName,
    readonly columns: ReadonlyArray<Column<R>>,
    private readonly maxRows: number,
  ) {
    this.buffers = columns.map(() => []);
    this.written = columns.map(() => false);
    columns.forEach((c, i) => {
      const of = fieldSource(c);
      // A column that must have a value is asked (and refused when it has none).
      if (!of || !c.nullable || (this.source && of !== this.source)) return void this.dense.push(i);
      this.source = of;
      const [first, second] = c.field!.split(".") as [string, string | undefined];
      if (second === undefined) this.byKey.set(first, i);
      else {
        let nested = this.byNestedKey.get(first);
        if (!nested) this.byNestedKey.set(first, (nested = new Map()));
        nested.set(second, i);
      }
    });
  }

  add(row: R): void {
    const at = this.rows;
    if (at >= this.capacity) this.grow();
    const { columns, buffers, dense } = this;
    for (let d = 0; d < dense.length; d++) {
      const i = dense[d]!;
      const c = columns[i]!;
      const v = c.get(row);
      if (v === null && !c.nullable) throw new Error(`parquet: column ${this.table}.${c.name} has no value`);
      buffers[i]![at] = v;
    }
    const o = this.source?.(row);
    if (o !== null && typeof o === "object") {
      for (const key in o) {
        const i = this.byKey.get(key);
        if (i !== undefined) {
          this.set(i, at, columns[i]!.get(row));
          continue;
        }
        const nested = this.byNestedKey.get(key);
        const inner = nested && (o as Record<string, unknown>)[key];
        if (inner === null || typeof inner !== "object") continue;
        for (const second in inner) {
          const j = nested!.get(second);
          if (j !== undefined) this.set(j, at, columns[j]!.get(row));
        }
      }
    }
    this.rows++;
  }

  /** Writes a field column's value, making its array (all null) when it has none yet. */
  private set(i: number, at: number, v: unknown): void {
    let b = this.buffers[i]!;
    if (b.length !== this.capacity) b = this.buffers[i] = new Array<unknown>(this.capacity).fill(null);
    b[at] = v;
    this.written[i] = true;
  }

  /** Room for more rows: the arrays made so far (and every asked column's) grow, filled with null, up to a row group. */
  private grow(): void {
    const next = Math.min(Math.max(1024, this.capacity * 2), Math.max(this.maxRows, this.capacity + 1));
    const { buffers, dense } = this;
    for (const i of dense) this.written[i] = true;
    for (let i = 0; i < buffers.length; i++) {
      const b = buffers[i]!;
      if (b.length !== this.capacity || (this.capacity === 0 && !dense.includes(i))) continue;
      b.length = next;
      b.fill(null, this.capacity, next);
    }
    this.capacity = next;
  }

  /** Column i's values of the buffered rows. */
  values(i: number): unknown[] {
    const b = this.buffers[i]!;
    if (b.length !== this.capacity) {
      // No row of the group had this field.
      if (this.nulls.length !== this.rows) this.nulls = new Array<unknown>(this.rows).fill(null);
      return this.nulls;
    }
    return b.length === this.rows ? b : b.slice(0, this.rows);
  }

  clear(): void {
    const { buffers, written, dense } = this;
    for (let i = 0; i < buffers.length; i++) {
      if (!written[i]) continue;
      buffers[i]!.fill(null, 0, this.rows);
      written[i] = dense.includes(i);
    }
    this.rows = 0;
  }
}

/** Options of the table writers. */
export interface TableWriterOptions {
  /** Rows per row group (default 100,000). */
  rowGroupSize?: number;
}

/** Writes one table as Parquet, a row group at a time. */
export class TableWriter<R> {
  private readonly out: SinkWriter;
  private readonly parquet: ParquetWriter;
  private readonly codec: ColumnCodec;
  private readonly buffer: RowBuffer<R>;
  /** Per column: its index among the buffered (local) columns, or -1 when encoded elsewhere. */
  private readonly local: number[];
  private readonly rowGroupSize: number;
  private groups = 0;
  /** Rows written so far. */
  count = 0;

  constructor(
    readonly table: TableName,
    private readonly columns: ReadonlyArray<Column<R>>,
    sink: ByteSink,
    options: TableWriterOptions & { encodedElsewhere?: readonly string[] } = {},
  ) {
    this.rowGroupSize = options.rowGroupSize ?? 100_000;
    // Columns whose chunks come encoded, with the row group (addGroup): rows are then not added one by one.
    const remote = new Set(options.encodedElsewhere ?? []);
    this.byGroupOnly = remote.size > 0;
    const local = columns.filter((c) => !remote.has(c.name));
    this.buffer = new RowBuffer(table, local, this.rowGroupSize);
    this.local = columns.map((c) => (remote.has(c.name) ? -1 : local.indexOf(c)));
    const schema = schemaOf(columns as ReadonlyArray<Column<never>>);
    this.codec = new ColumnCodec(columns as ReadonlyArray<Column<never>>, schema);
    this.out = new SinkWriter(sink);
    this.parquet = new ParquetWriter({
      writer: this.out as never,
      schema: schema as never,
      kvMetadata: [
        { key: "zwgk.layout", value: LAYOUT_VERSION },
        { key: "zwgk.table", value: table },
      ],
      createdBy: "zwgk (hyparquet-writer)",
    });
  }

  private readonly byGroupOnly: boolean;

  /**
   * Adds a row; writes a row group when enough rows are buffered (and returns a promise only then, so
   * that adding a row costs no promise).
   */
  add(row: R): void | Promise<void> {
    if (this.byGroupOnly) throw new Error(`parquet: ${this.table}: some columns come encoded, so rows come by the row group (addGroup)`);
    this.buffer.add(row);
    this.count++;
    if (this.buffer.rows >= this.rowGroupSize) return this.flushGroup();
  }

  private async flushGroup(): Promise<void> {
    const rows = this.buffer.rows;
    if (!rows) return;
    this.writeGroup(rows, (l) => this.buffer.values(l), undefined);
    this.buffer.clear();
    await this.out.flush();
  }

  /**
   * Writes a row group of `group.rows` rows whose columns encoded elsewhere are `group`'s chunks and
   * whose other (local) columns have the values `local` gives, in the order of the local columns.
   * Rows added with {@link add} and not yet written must not be pending.
   */
  async addGroup(local: ReadonlyArray<unknown[]>, group: EncodedGroup): Promise<void> {
    if (this.buffer.rows) throw new Error(`parquet: ${this.table}: a row group given while ${this.buffer.rows} rows are buffered`);
    if (local.length !== this.buffer.columns.length) throw new Error(`parquet: ${this.table}: ${local.length} local columns given, ${this.buffer.columns.length} expected`);
    for (const values of local) if (values.length !== group.rows) throw new Error(`parquet: ${this.table}: ${values.length} local values for a row group of ${group.rows} rows`);
    this.writeGroup(group.rows, (l) => local[l]!, group);
    this.count += group.rows;
    await this.out.flush();
  }

  private writeGroup(rows: number, values: (local: number) => unknown[], got: EncodedGroup | undefined): void {
    const group = this.groups++;
    const apart = got && new Map(got.chunks.map((c) => [c.column, c]));
    // As ParquetWriter.write writes a row group: each column's chunk in schema order, then the row
    // group's record; a chunk encoded elsewhere is copied in and its offsets moved to where it lands.
    const start = this.out.offset;
    const chunks = [];
    for (let j = 0; j < this.columns.length; j++) {
      const l = this.local[j]!;
      let index: PageIndexes;
      if (l >= 0) index = this.codec.encode(this.out, j, values(l));
      else {
        const chunk = apart!.get(this.columns[j]!.name);
        if (!chunk) throw new Error(`parquet: ${this.table}.${this.columns[j]!.name} of row group ${group} was not encoded`);
        const at = this.out.offset;
        this.out.appendBytes(chunk.bytes);
        index = placeAt(chunk.index, at);
      }
      chunks.push(index.chunk);
      this.parquet.pendingIndexes.push(index);
    }
    let total_byte_size = 0n;
    for (const { meta_data } of chunks) total_byte_size += meta_data?.total_uncompressed_size ?? 0n;
    this.parquet.num_rows += BigInt(rows);
    this.parquet.row_groups.push({ columns: chunks, total_byte_size, num_rows: BigInt(rows), total_compressed_size: BigInt(this.out.offset - start) });
  }

  /** Writes the last row group and the footer. */
  async finish(): Promise<void> {
    await this.flushGroup();
    await this.parquet.finish();
  }
}

/**
 * Computes and encodes some of the entries table's columns (`columns`), row group by row group, for
 * the catalogs given: what a {@link CatalogPartEncoder} does for a part of an export, in another
 * thread than the {@link CatalogTableWriter} that numbers the catalogs and writes the row groups.
 */
export class EntryColumnEncoder {
  private readonly buffer: RowBuffer<EntrySource>;
  private readonly codec = new ColumnCodec(ENTRY_COLUMNS as ReadonlyArray<Column<never>>, schemaOf(ENTRY_COLUMNS as ReadonlyArray<Column<never>>));
  /** Per buffered column: its index in ENTRY_COLUMNS. */
  private readonly at: number[];
  private readonly rowGroupSize: number;
  private next = 0;

  constructor(columns: readonly string[], options: TableWriterOptions = {}) {
    const unknown = columns.filter((n) => !ENTRY_COLUMNS.some((c) => c.name === n));
    if (unknown.length) throw new Error(`parquet: no entries column ${unknown.join(", ")}`);
    this.at = ENTRY_COLUMNS.flatMap((c, j) => (columns.includes(c.name) ? [j] : []));
    this.rowGroupSize = options.rowGroupSize ?? 100_000;
    this.buffer = new RowBuffer("entries", this.at.map((j) => ENTRY_COLUMNS[j]!), this.rowGroupSize);
  }

  /** Adds a catalog's entries (as {@link CatalogTableWriter.addCatalog} is given them); returns the row groups this completed. */
  addCatalog(catalog: Catalog, options: { lines?: ReadonlyMap<string, number>; entryLines?: ArrayLike<number> } = {}): EncodedGroup[] {
    const out: EncodedGroup[] = [];
    const catalogId = this.next++;
    const entries = catalog.entries as readonly Entry[];
    const { lines, entryLines } = options;
    for (let i = 0; i < entries.length; i++) {
      this.buffer.add(entrySource(catalogId, i, catalog.kind, entries[i]!, entryLines ? entryLines[i] : lines?.get(`/entries/${i}`)));
      if (this.buffer.rows >= this.rowGroupSize) out.push(this.group());
    }
    return out;
  }

  /** The last row group (none when no rows are left). */
  finish(): EncodedGroup[] {
    return this.buffer.rows ? [this.group()] : [];
  }

  private group(): EncodedGroup {
    const rows = this.buffer.rows;
    const chunks = this.at.map((j, l) => this.codec.encodeApart(j, ENTRY_COLUMNS[j]!.name, this.buffer.values(l)));
    this.buffer.clear();
    return { rows, chunks };
  }
}

/** The entries columns a {@link CatalogPartEncoder} encodes: all but `catalog_id` (which the writer numbers). */
export const ENTRY_PART_COLUMNS: readonly string[] = ENTRY_COLUMNS.filter((c) => c.name !== "catalog_id").map((c) => c.name);

/** The match keys of a catalog, as the `catalogs` table's key columns read them. */
export type CatalogKeys = ReturnType<typeof catalogMatchKeys>;

/**
 * A catalog of a part encoded elsewhere, as {@link CatalogTableWriter.addCatalogOfPart} takes it: the
 * catalog without its entries, their number, its match keys and its findings. Plain data (it crosses
 * threads by structured clone).
 */
export interface CatalogOfPart {
  catalog: Omit<Catalog, "entries">;
  entryCount: number;
  keys: CatalogKeys;
  findings: Finding[];
}

/**
 * Encodes a part of an export — whole catalogs, in order — for a {@link CatalogTableWriter} made with
 * `entriesInParts` (in another thread, typically): each catalog's `catalogs` row source and findings
 * (plain data), and the `entries` table's row groups of every column but `catalog_id`. A part's rows
 * are row groups of their own: {@link endPart} ends its last one. Catalog ids are the writer's, given
 * in the order it is handed the parts' catalogs.
 */
export class CatalogPartEncoder {
  private readonly entries: EntryColumnEncoder;
  private readonly jurisdiction: Jurisdiction | undefined;

  constructor(options: TableWriterOptions & { jurisdiction?: Jurisdiction } = {}) {
    this.jurisdiction = options.jurisdiction;
    this.entries = new EntryColumnEncoder(ENTRY_PART_COLUMNS, options.rowGroupSize ? { rowGroupSize: options.rowGroupSize } : {});
  }

  /** Adds a catalog (shape-valid) with its findings; returns it as the writer takes it, and the entries row groups it completed. */
  addCatalog(
    catalog: Catalog,
    findings: readonly Finding[] = [],
    options: { lines?: ReadonlyMap<string, number>; entryLines?: ArrayLike<number> } = {},
  ): { catalog: CatalogOfPart; groups: EncodedGroup[] } {
    const { entries, ...rest } = catalog;
    const keys = catalogMatchKeys(catalog, this.jurisdiction ? { jurisdiction: this.jurisdiction } : {});
    return { catalog: { catalog: rest, entryCount: entries.length, keys, findings: [...findings] }, groups: this.entries.addCatalog(catalog, options) };
  }

  /** Ends the part: its last entries row group (none when no rows are left). */
  endPart(): EncodedGroup[] {
    return this.entries.finish();
  }
}

/** Options of {@link CatalogTableWriter}. */
export interface CatalogTableWriterOptions extends TableWriterOptions {
  /** Default jurisdiction for catalogs whose own cannot be read, as the analysis uses it (body keys). */
  jurisdiction?: Jurisdiction;
  /**
   * The catalogs come in parts encoded elsewhere ({@link CatalogPartEncoder}): add them with
   * {@link CatalogTableWriter.addCatalogOfPart} and their entries row groups with
   * {@link CatalogTableWriter.addEntryGroup}, not with `addCatalog`.
   */
  entriesInParts?: boolean;
}

/** Where each table's bytes go. */
export type TableSinks = Record<TableName, ByteSink>;

/**
 * Writes catalogs, their entries and findings as the three tables (`catalogs`, `entries`, `findings`)
 * of docs/parquet.md, streaming: add catalogs one at a time, then `finish()`. Browser-safe: bytes go
 * to the sinks you give (a file, a Blob's parts, an upload).
 *
 * @example
 * ```ts
 * const chunks: Record<string, Uint8Array[]> = { catalogs: [], entries: [], findings: [] };
 * const w = new CatalogTableWriter({
 *   catalogs: (b) => void chunks.catalogs.push(b),
 *   entries: (b) => void chunks.entries.push(b),
 *   findings: (b) => void chunks.findings.push(b),
 * });
 * await w.addCatalog(catalog, findings);
 * await w.finish();
 * ```
 */
export class CatalogTableWriter {
  private readonly catalogs: TableWriter<CatalogSourceRow>;
  private readonly entries: TableWriter<EntrySource>;
  private readonly findings: TableWriter<FindingSource>;
  private next = 0;

  private readonly jurisdiction: Jurisdiction | undefined;

  constructor(sinks: TableSinks, options: CatalogTableWriterOptions = {}) {
    this.jurisdiction = options.jurisdiction;
    const groups = { ...(options.rowGroupSize ? { rowGroupSize: options.rowGroupSize } : {}) };
    this.catalogs = new TableWriter("catalogs", CATALOG_COLUMNS, sinks.catalogs, groups);
    this.inParts = options.entriesInParts === true;
    this.entries = new TableWriter("entries", ENTRY_COLUMNS, sinks.entries, this.inParts ? { ...groups, encodedElsewhere: ENTRY_PART_COLUMNS } : groups);
    this.findings = new TableWriter("findings", FINDING_COLUMNS, sinks.findings, groups);
  }

  /** Rows written so far, per table. */
  get counts(): Record<TableName, number> {
    return { catalogs: this.catalogs.count, entries: this.entries.count, findings: this.findings.count };
  }

  /**
   * Adds a catalog (shape-valid) with the findings `validate` reported for it; returns its catalog_id.
   * The catalog is not kept: only the current row groups are. `lines` (JSON pointer of an entry →
   * line, as the text readers return them) fills `entries.source_line` for text sources; or
   * `entryLines`, the line of each entry by position (used instead of `lines` when given).
   */
  async addCatalog(catalog: Catalog, findings: readonly Finding[] = [], options: { lines?: ReadonlyMap<string, number>; entryLines?: ArrayLike<number> } = {}): Promise<number> {
    if (this.inParts) throw new Error("parquet: a writer of parts takes catalogs by addCatalogOfPart");
    const catalogId = this.next++;
    await this.catalogs.add({ catalogId, catalog, keys: catalogMatchKeys(catalog, this.jurisdiction ? { jurisdiction: this.jurisdiction } : {}) });
    const entries = catalog.entries as readonly Entry[];
    const { lines, entryLines } = options;
    for (let i = 0; i < entries.length; i++) {
      const line = entryLines ? entryLines[i] : lines?.get(`/entries/${i}`);
      const flushed = this.entries.add(entrySource(catalogId, i, catalog.kind, entries[i]!, line));
      if (flushed) await flushed;
    }
    for (const finding of findings) {
      const flushed = this.findings.add({ catalogId, origin: "validate", finding });
      if (flushed) await flushed;
    }
    return catalogId;
  }

  private readonly inParts: boolean;
  /** Catalogs of parts whose entries are not all written yet: [catalog_id, entries left]. */
  private readonly pending: Array<[number, number]> = [];

  /**
   * Adds a catalog of a part ({@link CatalogPartEncoder.addCatalog}); returns its catalog_id. Its
   * entries come in the row groups given to {@link addEntryGroup} after it, in order.
   */
  async addCatalogOfPart(part: CatalogOfPart): Promise<number> {
    if (!this.inParts) throw new Error("parquet: addCatalogOfPart needs a writer made with entriesInParts");
    const catalogId = this.next++;
    const catalog = { ...part.catalog, entries: { length: part.entryCount } } as unknown as Catalog;
    await this.catalogs.add({ catalogId, catalog, keys: part.keys });
    if (part.entryCount) this.pending.push([catalogId, part.entryCount]);
    for (const finding of part.findings) {
      const flushed = this.findings.add({ catalogId, origin: "validate", finding });
      if (flushed) await flushed;
    }
    return catalogId;
  }

  /** Adds an entries row group of a part: the next `group.rows` entries of the catalogs added by {@link addCatalogOfPart}. */
  async addEntryGroup(group: EncodedGroup): Promise<void> {
    const ids = new Array<number>(group.rows);
    for (let at = 0; at < group.rows; ) {
      const next = this.pending[0];
      if (!next) throw new Error(`parquet: an entries row group of ${group.rows} rows holds ${group.rows - at} more than the catalogs added`);
      const n = Math.min(next[1], group.rows - at);
      ids.fill(next[0], at, at + n);
      at += n;
      if ((next[1] -= n) === 0) this.pending.shift();
    }
    await this.entries.addGroup([ids], group);
  }

  /** Adds findings of the cross-catalog analysis (`check`). */
  async addCheckFindings(findings: readonly Finding[]): Promise<void> {
    for (const finding of findings) await this.findings.add({ catalogId: null, origin: "check", finding });
  }

  /** Finishes the three files. */
  async finish(): Promise<void> {
    if (this.pending.length) throw new Error(`parquet: ${this.pending.reduce((n, [, left]) => n + left, 0)} entries of the catalogs added were never given`);
    await this.catalogs.finish();
    await this.entries.finish();
    await this.findings.finish();
  }
}
