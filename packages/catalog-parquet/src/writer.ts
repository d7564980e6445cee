import type { Catalog, Entry, Jurisdiction } from "@zwgk/catalog-schemas";
import { catalogMatchKeys } from "@zwgk/catalog-diff";
import type { Finding } from "@zwgk/catalog-core";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import {
  CATALOG_COLUMNS,
  ENTRY_COLUMNS,
  entrySource,
  FINDING_COLUMNS,
  LAYOUT_VERSION,
  type Column,
  type CatalogSourceRow,
  type FindingSource,
  type TableName,
} from "./layout.js";

// Streaming Parquet writers for the three tables: rows are buffered column by column and written as
// a row group every `rowGroupSize` rows, and the bytes of each row group go to a sink as soon as they
// are encoded. Memory is one row group per table, whatever the number of catalogs.

/** Receives a file's bytes in order; may return a promise (the writer waits for it). */
export type ByteSink = (bytes: Uint8Array) => void | Promise<void>;

type SchemaElement = Record<string, unknown>;

function schemaOf(columns: ReadonlyArray<Column<never>>): SchemaElement[] {
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

/** Options of the table writers. */
export interface TableWriterOptions {
  /** Rows per row group (default 100,000). */
  rowGroupSize?: number;
}

/** Writes one table as Parquet, a row group at a time. */
export class TableWriter<R> {
  private readonly writer: ParquetWriter;
  private readonly buffers: unknown[][];
  private rows = 0;
  private readonly rowGroupSize: number;
  /** Rows written so far. */
  count = 0;

  constructor(
    readonly table: TableName,
    private readonly columns: ReadonlyArray<Column<R>>,
    sink: ByteSink,
    options: TableWriterOptions = {},
  ) {
    this.rowGroupSize = options.rowGroupSize ?? 100_000;
    this.buffers = columns.map(() => []);
    this.writer = new ParquetWriter({
      writer: new SinkWriter(sink) as never,
      schema: schemaOf(columns as ReadonlyArray<Column<never>>) as never,
      kvMetadata: [
        { key: "zwgk.layout", value: LAYOUT_VERSION },
        { key: "zwgk.table", value: table },
      ],
      createdBy: "zwgk (hyparquet-writer)",
    });
  }

  /**
   * Adds a row; writes a row group when enough rows are buffered (and returns a promise only then, so
   * that adding a row costs no promise).
   */
  add(row: R): void | Promise<void> {
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!;
      const v = c.get(row);
      if (v === null && !c.nullable) throw new Error(`parquet: column ${this.table}.${c.name} has no value`);
      this.buffers[i]!.push(v);
    }
    this.rows++;
    this.count++;
    if (this.rows >= this.rowGroupSize) return this.flushGroup();
  }

  private async flushGroup(): Promise<void> {
    if (!this.rows) return;
    // Statistics (min/max) only where readers prune by them: the ids. Elsewhere they cost time and
    // help no query of the analysis.
    const columnData = this.columns.map((c, i) => ({ name: c.name, data: this.buffers[i]!, statistics: STATISTICS.has(c.name) }));
    await this.writer.write({ columnData: columnData as never, rowGroupSize: this.rows });
    for (const b of this.buffers) b.length = 0;
    this.rows = 0;
  }

  /** Writes the last row group and the footer. */
  async finish(): Promise<void> {
    await this.flushGroup();
    await this.writer.finish();
  }
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
  private readonly entries: TableWriter<ReturnType<typeof entrySource>>;
  private readonly findings: TableWriter<FindingSource>;
  private next = 0;

  private readonly jurisdiction: Jurisdiction | undefined;

  constructor(sinks: TableSinks, options: TableWriterOptions & { jurisdiction?: Jurisdiction } = {}) {
    this.jurisdiction = options.jurisdiction;
    this.catalogs = new TableWriter("catalogs", CATALOG_COLUMNS, sinks.catalogs, options);
    this.entries = new TableWriter("entries", ENTRY_COLUMNS, sinks.entries, options);
    this.findings = new TableWriter("findings", FINDING_COLUMNS, sinks.findings, options);
  }

  /** Rows written so far, per table. */
  get counts(): Record<TableName, number> {
    return { catalogs: this.catalogs.count, entries: this.entries.count, findings: this.findings.count };
  }

  /**
   * Adds a catalog (shape-valid) with the findings `validate` reported for it; returns its catalog_id.
   * The catalog is not kept: only the current row groups are. `lines` (JSON pointer of an entry →
   * line, as the text readers return them) fills `entries.source_line` for text sources.
   */
  async addCatalog(catalog: Catalog, findings: readonly Finding[] = [], options: { lines?: ReadonlyMap<string, number> } = {}): Promise<number> {
    const catalogId = this.next++;
    await this.catalogs.add({ catalogId, catalog, keys: catalogMatchKeys(catalog, this.jurisdiction ? { jurisdiction: this.jurisdiction } : {}) });
    const entries = catalog.entries as readonly Entry[];
    const lines = options.lines;
    for (let i = 0; i < entries.length; i++) {
      const flushed = this.entries.add(entrySource(catalogId, i, catalog.kind, entries[i]!, lines?.get(`/entries/${i}`)));
      if (flushed) await flushed;
    }
    for (const finding of findings) {
      const flushed = this.findings.add({ catalogId, origin: "validate", finding });
      if (flushed) await flushed;
    }
    return catalogId;
  }

  /** Adds findings of the cross-catalog analysis (`check`). */
  async addCheckFindings(findings: readonly Finding[]): Promise<void> {
    for (const finding of findings) await this.findings.add({ catalogId: null, origin: "check", finding });
  }

  /** Finishes the three files. */
  async finish(): Promise<void> {
    await this.catalogs.finish();
    await this.entries.finish();
    await this.findings.finish();
  }
}
