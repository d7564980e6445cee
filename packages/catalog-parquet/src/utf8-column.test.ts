import { ByteWriter } from "hyparquet-writer";
import { writeColumn } from "hyparquet-writer/src/column.js";
import { encodeNestedValues } from "hyparquet-writer/src/dremel.js";
import { schemaPathResolver } from "hyparquet-writer/src/schema.js";
import { snappyCompress } from "hyparquet-writer/src/snappy.js";
import type { ColumnEncoder } from "hyparquet-writer/src/types.js";
import type { SchemaTree } from "hyparquet";
import { describe, expect, it } from "vitest";
import type { Column } from "./layout.js";
import { encodeUtf8Column } from "./utf8-column.js";
import { schemaOf } from "./writer.js";

// encodeUtf8Column must write what hyparquet-writer's writeColumn writes for the same column chunk:
// the same dictionary choice, page splits, levels and bytes, and the same footer record. Compared
// here on columns of every shape: flat and list, required and nullable, few and many distinct
// values, around the dictionary's thresholds, several pages, and every kind of UTF-8 (with lone
// surrogates, which both write as U+FFFD).

function encoders(type: "STRING" | "LIST<STRING>", nullable: boolean, pageSize: number) {
  const column = { name: "c", type, nullable, doc: "", get: () => null } as Column<never>;
  const schema = schemaOf([column]);
  let leaf = schemaPathResolver(schema as never)(["c"]) as SchemaTree[];
  while (leaf[leaf.length - 1]!.children.length) leaf = [...leaf, leaf[leaf.length - 1]!.children[0]!];
  const schemaPath = leaf.map((n) => n.element);
  const encoder: ColumnEncoder = {
    columnName: schemaPath.slice(1).map((e) => e.name).join("."),
    element: schemaPath[schemaPath.length - 1]!,
    schemaPath,
    codec: "SNAPPY",
    compressors: { SNAPPY: snappyCompress },
    stats: false,
    pageSize,
    columnIndex: false,
    offsetIndex: true,
  };
  const spec = { path: schemaPath.slice(1).map((e) => e.name), list: type === "LIST<STRING>", nullable, compress: snappyCompress, pageSize };
  return { leaf, encoder, spec };
}

/** Both encoders at a non-zero offset; returns their bytes and footer records. */
function both(type: "STRING" | "LIST<STRING>", nullable: boolean, rows: unknown[], pageSize = 1048576) {
  const { leaf, encoder, spec } = encoders(type, nullable, pageSize);
  const a = new ByteWriter();
  a.appendBytes(new Uint8Array(13));
  const ia = writeColumn({ writer: a as never, column: encoder, pageData: encodeNestedValues(leaf, rows as never) });
  const b = new ByteWriter();
  b.appendBytes(new Uint8Array(13));
  const ib = encodeUtf8Column(b, spec, rows);
  return { reference: { bytes: a.getBytes(), index: ia }, fast: { bytes: b.getBytes(), index: ib } };
}

/** A seeded generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["a", "Z9", "é", "社会救助", "最低生活保障", "😀", "\ud800", "x\udc00", "\ud83d", "", " ", "行政许可结果公示", "ÿ€", "\ufffd", "\ufeff"];

/** What the cases covered: dictionary or plain, one page or several. */
const seen = new Set<string>();

function text(next: () => number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += PIECES[Math.floor(next() * PIECES.length)]!;
  return s;
}

/** Rows with `distinct` different values (of up to `len` pieces), nulls at rate `nulls`. */
function rowsOf(seed: number, n: number, distinct: number, len: number, nulls: number, list: boolean): unknown[] {
  const next = random(seed);
  const pool = Array.from({ length: distinct }, () => text(next, 1 + Math.floor(next() * len)));
  const value = () => pool[Math.floor(next() * pool.length)]!;
  return Array.from({ length: n }, () => {
    if (next() < nulls) return null;
    if (!list) return value();
    return Array.from({ length: Math.floor(next() * 4) }, value);
  });
}

describe("encodeUtf8Column", () => {
  const cases: Array<[string, number, number, number, number]> = [
    // name, rows, distinct values, pieces per value, share of nulls
    ["one value", 1, 1, 3, 0],
    ["few distinct", 5000, 7, 4, 0],
    ["few distinct, nulls", 5000, 7, 4, 0.3],
    ["many distinct", 5000, 4000, 6, 0.1],
    ["all distinct", 3000, 1_000_000, 8, 0],
    ["around the thresholds", 4000, 900, 2, 0.05],
    ["around the thresholds, short", 4000, 300, 1, 0.05],
    ["over 256 values (wide indexes)", 20000, 3000, 3, 0.02],
    ["mostly null", 5000, 50, 3, 0.97],
    ["all null", 2000, 5, 3, 1],
  ];
  for (const [name, n, distinct, len, nulls] of cases)
    for (const type of ["STRING", "LIST<STRING>"] as const)
      for (const nullable of [true, false]) {
        const shares = nullable ? nulls : 0;
        it(`${type}${nullable ? "" : " required"}: ${name}`, () => {
          const rows = rowsOf(n + distinct, n, Math.min(distinct, n * 4), len, shares, type === "LIST<STRING>");
          for (const pageSize of [1048576, 997]) {
            const { reference, fast } = both(type, nullable, rows, pageSize);
            expect(fast.index).toEqual(reference.index);
            expect(Buffer.from(fast.bytes).equals(Buffer.from(reference.bytes))).toBe(true);
            const meta = reference.index.chunk.meta_data!;
            seen.add(`${meta.encodings.includes("RLE_DICTIONARY") ? "dictionary" : "plain"} ${reference.index.offsetIndex ? "pages" : "page"}`);
          }
        });
      }

  it("covered dictionary and plain chunks of one page and of several", () => {
    expect([...seen].sort()).toEqual(["dictionary page", "dictionary pages", "plain page", "plain pages"]);
  });

  // Strings that differ as strings but not (or hardly) as UTF-8: a leading BOM, which a decoder would
  // drop, and lone surrogates, which both encoders write as U+FFFD. Also after 3,000 distinct values
  // (the dictionary is decided on the whole chunk, not on how it begins).
  const distinctFirst = (n: number, prefix: number): string[] => Array.from({ length: n }, (_, i) => (i < prefix ? `U${i}` : "Z"));

  for (const prefix of [0, 3000])
    it(`tells strings apart in the sample as writeColumn does (a leading U+FEFF, lone surrogates)${prefix ? ", after 3,000 distinct values" : ""}`, () => {
      // The 1,000 sampled values are distinct only as strings (pairs that differ by a leading BOM, or
      // by which lone surrogate became U+FFFD); most other values are the same: the sample must reject
      // the dictionary that the whole chunk would take.
      const n = 100000;
      for (const [a, b] of [
        ["\ufeffK", "K"],
        ["K\ud800", "K\udbff"],
        ["K\ud800", "K\ufffd"],
      ]) {
        const rows = distinctFirst(n, prefix);
        for (let i = 0; i < 1000; i++) rows[Math.floor((i * (n - 1)) / 999)] = `${i % 2 ? a : b}${i >> 1}`;
        const { reference, fast } = both("STRING", false, rows);
        expect(reference.index.chunk.meta_data!.encodings).toEqual(["PLAIN"]);
        expect(fast.index).toEqual(reference.index);
        expect(Buffer.from(fast.bytes).equals(Buffer.from(reference.bytes))).toBe(true);
      }
    });

  for (const prefix of [0, 3000])
    it(`keeps strings with the same bytes apart in a dictionary${prefix ? ", after 3,000 distinct values" : ""}`, () => {
      const odd = ["\ud800", "\udbff", "\ufffd", "\ufeffa", "a", "x\udc00", "x\ufffd"];
      const rows = distinctFirst(40000, prefix).map((v, i) => (v === "Z" || i % 10 === 0 ? odd[i % odd.length]! : v));
      for (const type of ["STRING", "LIST<STRING>"] as const) {
        const data = type === "STRING" ? rows : rows.map((v, i) => (i % 3 ? [v, odd[i % 5]!] : []));
        const { reference, fast } = both(type, false, data);
        expect(reference.index.chunk.meta_data!.encodings).toEqual(["PLAIN", "RLE_DICTIONARY"]);
        expect(fast.index).toEqual(reference.index);
        expect(Buffer.from(fast.bytes).equals(Buffer.from(reference.bytes))).toBe(true);
      }
    });

  it("sizes sampled values as writeColumn does (UTF-16 length + 4), at the sample's 90% edge", () => {
    // 978 of the 1,000 sampled values are distinct one-character strings, the rest one 20-character
    // string, as is every value not sampled: the sample's distinct share is 0.907 (just over 0.9: plain)
    // and would be under 0.9 with another per-value size, where the whole chunk takes a dictionary.
    const n = 100000;
    const rows: string[] = new Array<string>(n).fill("二十个字符的重复值二十个字符的重复值二十");
    for (let i = 0; i < 978; i++) rows[Math.floor((i * (n - 1)) / 999)] = String.fromCharCode(0x4e00 + i);
    const { reference, fast } = both("STRING", false, rows);
    expect(reference.index.chunk.meta_data!.encodings).toEqual(["PLAIN"]);
    expect(fast.index).toEqual(reference.index);
    expect(Buffer.from(fast.bytes).equals(Buffer.from(reference.bytes))).toBe(true);
  });

  it("splits pages where writeColumn does (values over 1 MiB, lists spanning a boundary)", () => {
    const big = "最低生活保障对象认定".repeat(4000);
    const rows = Array.from({ length: 40 }, (_, i) => (i % 5 === 3 ? null : [`${big}${i}`, "b", `${i}`]));
    for (const type of ["STRING", "LIST<STRING>"] as const) {
      const data = type === "STRING" ? rows.map((r) => (r ? r[0]! : null)) : rows;
      const { reference, fast } = both(type, true, data);
      expect(reference.index.offsetIndex!.page_locations.length).toBeGreaterThan(1);
      expect(fast.index).toEqual(reference.index);
      expect(Buffer.from(fast.bytes).equals(Buffer.from(reference.bytes))).toBe(true);
    }
  });

  it("refuses values that are not strings, as writeColumn does, and takes undefined for null as it does", () => {
    for (const [type, rows] of [
      ["STRING", ["a", 1]],
      ["LIST<STRING>", [["a"], "b"]],
      ["LIST<STRING>", [["a", 2]]],
    ] as Array<["STRING" | "LIST<STRING>", unknown[]]>) {
      expect(() => both(type, true, rows)).toThrow();
      const { spec } = encoders(type, true, 1048576);
      expect(() => encodeUtf8Column(new ByteWriter(), spec, rows)).toThrow(/parquet: column c expects/);
    }
    const { reference, fast } = both("STRING", true, ["a", undefined, "a"]);
    expect(fast).toEqual(reference);
    const { spec } = encoders("STRING", false, 1048576);
    expect(() => encodeUtf8Column(new ByteWriter(), spec, ["a", null])).toThrow(/has no value/);
  });
});
