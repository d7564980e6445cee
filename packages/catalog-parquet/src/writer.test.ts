import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { ENTRY_COLUMNS, entrySource } from "./layout.js";
import { CatalogPartEncoder, CatalogTableWriter, schemaOf } from "./writer.js";
import { generateCatalogs } from "../../../scripts/catalog-generator.js";

// The writer places each row group's column chunks itself (so that some can be encoded in another
// thread): the file must be the bytes hyparquet-writer's own ParquetWriter.write gives, and the same
// whether the key columns are encoded apart or not.

const ROWS = 2500;

/** Catalogs whose names are long enough that key column chunks span several pages (page index offsets). */
function catalogs(): Catalog[] {
  const generated = [...generateCatalogs({ entries: 3000, catalogs: 10, seed: 3 })];
  const long = {
    ...generated[0]!,
    entries: Array.from({ length: 3000 }, (_, i) => ({ seq: String(i + 1), items: ["社会救助", `${"最低生活保障对象认定".repeat(60)}${i}`] })),
  } as unknown as Catalog;
  return [...generated, long];
}

async function write(cs: readonly Catalog[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const w = new CatalogTableWriter({ catalogs: () => {}, entries: (b) => void parts.push(b), findings: () => {} }, { rowGroupSize: ROWS });
  for (const c of cs) await w.addCatalog(c);
  await w.finish();
  return Buffer.concat(parts);
}

/** The entries table written from one part encoded apart (its messages structured-cloned, as between threads). */
async function writeAsOnePart(cs: readonly Catalog[]): Promise<Uint8Array> {
  const encoder = new CatalogPartEncoder({ rowGroupSize: ROWS });
  const added = cs.map((c) => encoder.addCatalog(c));
  const messages = structuredClone({ catalogs: added.map((a) => a.catalog), groups: [...added.flatMap((a) => a.groups), ...encoder.endPart()] });
  const parts: Uint8Array[] = [];
  const w = new CatalogTableWriter({ catalogs: () => {}, entries: (b) => void parts.push(b), findings: () => {} }, { rowGroupSize: ROWS, entriesInParts: true });
  for (const c of messages.catalogs) await w.addCatalogOfPart(c);
  for (const g of messages.groups) await w.addEntryGroup(g);
  await w.finish();
  return Buffer.concat(parts);
}

/** The entries table as hyparquet-writer's ParquetWriter.write writes it. */
function reference(cs: readonly Catalog[]): Uint8Array {
  const sources = cs.flatMap((c, ci) => (c.entries as Entry[]).map((e, i) => entrySource(ci, i, c.kind, e)));
  const out = new ByteWriter();
  const w = new ParquetWriter({
    writer: out as never,
    schema: schemaOf(ENTRY_COLUMNS as never) as never,
    kvMetadata: [
      { key: "zwgk.layout", value: "1" },
      { key: "zwgk.table", value: "entries" },
    ],
    createdBy: "zwgk (hyparquet-writer)",
  });
  const stats = new Set(["catalog_id", "position", "kind"]);
  const columnData = ENTRY_COLUMNS.map((c) => ({ name: c.name, data: sources.map((s) => c.get(s)), statistics: stats.has(c.name) }));
  w.write({ columnData: columnData as never, rowGroupSize: ROWS });
  w.finish();
  return out.getBytes();
}

describe("the entries table, written row group by row group", () => {
  const cs = catalogs();

  it("is the bytes ParquetWriter.write gives (several row groups, multi-page chunks)", async () => {
    const flat = cs.flatMap((c) => (c.entries as Entry[]).map((e) => entrySource(0, 0, c.kind, e).keys.flat));
    expect(flat.slice(-ROWS).reduce((n, s) => n + s.length, 0)).toBeGreaterThan(1 << 20);
    expect(Buffer.from(await write(cs)).equals(Buffer.from(reference(cs)))).toBe(true);
  });

  it("is the same bytes when the columns but catalog_id are encoded apart, as one part (as a worker does)", async () => {
    expect(Buffer.from(await writeAsOnePart(cs)).equals(Buffer.from(await write(cs)))).toBe(true);
  });
});
