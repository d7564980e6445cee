// The Parquet writer's string columns alone: one 100,000-row group of the entries table of the
// generated province (seed 1), each string column without statistics encoded by hyparquet-writer's
// writeColumn (the baseline) and by utf8-column.ts, alternately, in this process. Prints CPU per
// round and the ratio; checks that both give the same bytes.
//   npx tsx --tsconfig tsconfig.json bench/parquet-encode.ts [rounds]
import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import { ByteWriter } from "hyparquet-writer";
import { writeColumn } from "hyparquet-writer/src/column.js";
import { encodeNestedValues } from "hyparquet-writer/src/dremel.js";
import { schemaPathResolver } from "hyparquet-writer/src/schema.js";
import { snappyCompress } from "hyparquet-writer/src/snappy.js";
import type { ColumnEncoder } from "hyparquet-writer/src/types.js";
import type { SchemaTree } from "hyparquet";
import { ENTRY_COLUMNS, entrySource } from "../packages/catalog-parquet/src/layout.ts";
import { encodeUtf8Column } from "../packages/catalog-parquet/src/utf8-column.ts";
import { schemaOf } from "../packages/catalog-parquet/src/writer.ts";
import { generateCatalogs } from "../scripts/catalog-generator.ts";

const ROWS = 100_000;
const rounds = Number(process.argv[2] ?? 5);
const sources: Array<ReturnType<typeof entrySource>> = [];
let catalogId = 0;
for (const c of generateCatalogs({ entries: 2 * ROWS, catalogs: 100, seed: 1 }) as Iterable<Catalog>) {
  (c.entries as Entry[]).forEach((e, i) => sources.push(entrySource(catalogId, i, c.kind, e)));
  catalogId++;
  if (sources.length >= ROWS) break;
}
sources.length = ROWS;

const resolve = schemaPathResolver(schemaOf(ENTRY_COLUMNS as never) as never);
const columns = ENTRY_COLUMNS.filter((c) => c.type !== "INT32" && c.name !== "kind").map((c) => {
  let leaf = resolve([c.name]) as SchemaTree[];
  while (leaf[leaf.length - 1]!.children.length) leaf = [...leaf, leaf[leaf.length - 1]!.children[0]!];
  const schemaPath = leaf.map((n) => n.element);
  const column: ColumnEncoder = {
    columnName: c.name,
    element: schemaPath[schemaPath.length - 1]!,
    schemaPath,
    codec: "SNAPPY",
    compressors: { SNAPPY: snappyCompress },
    stats: false,
    pageSize: 1048576,
    columnIndex: false,
    offsetIndex: true,
  };
  const spec = { path: schemaPath.slice(1).map((e) => e.name), list: c.type === "LIST<STRING>", nullable: c.nullable, compress: snappyCompress, pageSize: 1048576 };
  return { leaf, column, spec, data: sources.map((r) => c.get(r)) };
});

function run(which: "writeColumn" | "utf8-column"): { ms: number; bytes: Uint8Array[] } {
  const c0 = process.cpuUsage();
  const bytes = columns.map(({ leaf, column, spec, data }) => {
    const w = new ByteWriter(1 << 16);
    if (which === "writeColumn") writeColumn({ writer: w as never, column, pageData: encodeNestedValues(leaf, data as never) });
    else encodeUtf8Column(w, spec, data);
    return w.getBytes();
  });
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, bytes };
}

console.log(`${columns.length} string columns × ${ROWS.toLocaleString("en")} rows`);
const times = { writeColumn: [] as number[], "utf8-column": [] as number[] };
for (let r = 0; r < rounds; r++) {
  const a = run("writeColumn");
  const b = run("utf8-column");
  if (a.bytes.some((x, i) => Buffer.compare(x, b.bytes[i]!) !== 0)) throw new Error("bench: the encoders wrote different bytes");
  times.writeColumn.push(a.ms);
  times["utf8-column"].push(b.ms);
  console.log(`round ${r + 1}: writeColumn ${a.ms.toFixed(0)} ms, utf8-column ${b.ms.toFixed(0)} ms (${(b.ms / a.ms).toFixed(2)}×)`);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
const a = median(times.writeColumn);
const b = median(times["utf8-column"]);
console.log(`median CPU: writeColumn ${a.toFixed(0)} ms, utf8-column ${b.toFixed(0)} ms: ${(b / a).toFixed(2)}× (same bytes)`);
