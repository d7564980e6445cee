import type { ByteWriter } from "hyparquet-writer";
// Pinned to one version of hyparquet-writer (package.json): its page header (thrift) and Snappy.
import { writePageHeader } from "hyparquet-writer/src/datapage.js";
import type { PageIndexes } from "hyparquet-writer/src/types.js";

// A column chunk of UTF-8 strings (a flat STRING/JSON column, or a LIST<STRING> column) encoded the
// way hyparquet-writer's writeColumn encodes it — the same dictionary choice, pages, levels and
// bytes — but into flat buffers: no Uint8Array per string, no arrays of levels, indexes or page
// slices. hyparquet-writer's encoder was most of the export's writing time and of its garbage. It
// stays the reference: utf8-column.test.ts compares the bytes of both on every shape of column.

/** What the encoder needs of a column: as ColumnCodec sets up hyparquet-writer's ColumnEncoder. */
export interface Utf8ColumnSpec {
  /** The column's path in the schema (footer metadata). */
  path: string[];
  /** True for LIST<STRING>: optional or required list of required strings. */
  list: boolean;
  /** True when the column (the list, for lists) may be null. */
  nullable: boolean;
  /** Compresses a page (Snappy). */
  compress: (bytes: Uint8Array) => Uint8Array;
  /** Bytes per page before a new page begins (at a row boundary). */
  pageSize: number;
}

/** A growing byte buffer. */
class Bytes {
  buf = new Uint8Array(1 << 16);
  len = 0;
  reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  u8(v: number): void {
    this.reserve(1);
    this.buf[this.len++] = v;
  }
  varint(v: number): void {
    this.reserve(5);
    while (v & ~0x7f) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }
  /** Appends a 4-byte little-endian length and the string's UTF-8 (as TextEncoder writes it); returns the UTF-8 length. */
  utf8Value(s: string): number {
    this.reserve(4 + s.length * 3);
    const buf = this.buf;
    const at = this.len;
    let o = at + 4;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) buf[o++] = c;
      else if (c < 0x800) {
        buf[o++] = 0xc0 | (c >> 6);
        buf[o++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = c <= 0xdbff && i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
          if (d >= 0xdc00 && d <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            i++;
            buf[o++] = 0xf0 | (c >> 18);
            buf[o++] = 0x80 | ((c >> 12) & 0x3f);
            buf[o++] = 0x80 | ((c >> 6) & 0x3f);
            buf[o++] = 0x80 | (c & 0x3f);
            continue;
          }
          c = 0xfffd; // a lone surrogate, as TextEncoder replaces it
        }
        buf[o++] = 0xe0 | (c >> 12);
        buf[o++] = 0x80 | ((c >> 6) & 0x3f);
        buf[o++] = 0x80 | (c & 0x3f);
      }
    }
    const n = o - at - 4;
    buf[at] = n & 0xff;
    buf[at + 1] = (n >>> 8) & 0xff;
    buf[at + 2] = (n >>> 16) & 0xff;
    buf[at + 3] = (n >>> 24) & 0xff;
    this.len = o;
    return n;
  }
  view(from = 0, to = this.len): Uint8Array {
    return this.buf.subarray(from, to);
  }
}

// Scratch space, reused from chunk to chunk (encoding is synchronous): a row group's columns would
// otherwise allocate a hundred megabytes of typed arrays, which drive V8's collector.
const scratch32: Int32Array[] = [];
const scratch8: Uint8Array[] = [];
/** Scratch array `i` with room for `n` values (contents undefined: set every one used). */
function int32s(i: number, n: number): Int32Array {
  let a = scratch32[i];
  if (!a || a.length < n) scratch32[i] = a = new Int32Array(Math.max(n, 1024, (a?.length ?? 0) * 2));
  return a;
}
function uint8s(i: number, n: number): Uint8Array {
  let a = scratch8[i];
  if (!a || a.length < n) scratch8[i] = a = new Uint8Array(Math.max(n, 1024, (a?.length ?? 0) * 2));
  return a;
}
const scratchBytes = [new Bytes(), new Bytes(), new Bytes(), new Bytes()];
/** Scratch buffer `i`, emptied. */
function bytes(i: number): Bytes {
  const b = scratchBytes[i]!;
  b.len = 0;
  return b;
}

/**
 * The RLE / bit-packed hybrid of `values[from..to)` at `bitWidth`, exactly as hyparquet-writer's
 * writeRleBitPackedHybrid writes it (runs of 8+ equal values as RLE, otherwise groups of 8 values
 * bit-packed, the last group padded with zeros); returns the bytes written.
 */
function writeHybrid(out: Bytes, values: ArrayLike<number>, from: number, to: number, bitWidth: number): number {
  const start = out.len;
  let pending = 0;
  let packedFrom = 0;
  let i = from;
  while (i < to) {
    const first = values[i]!;
    let run = 1;
    while (i + run < to && values[i + run] === first) run++;
    if (run >= 8) {
      if (pending) writePacked(out, values, packedFrom, to, pending, bitWidth);
      pending = 0;
      out.varint(run << 1);
      const width = (bitWidth + 7) >> 3;
      for (let j = 0; j < width; j++) out.u8((first >> (j << 3)) & 0xff);
      i += run;
    } else {
      if (pending === 0) packedFrom = i;
      pending++;
      i += 8;
    }
  }
  if (pending) writePacked(out, values, packedFrom, to, pending, bitWidth);
  return out.len - start;
}

function writePacked(out: Bytes, values: ArrayLike<number>, from: number, to: number, groups: number, bitWidth: number): void {
  out.varint((groups << 1) | 1);
  if (bitWidth === 0) return;
  out.reserve(groups * bitWidth + 1);
  const buf = out.buf;
  let o = out.len;
  const mask = (1 << bitWidth) - 1;
  let acc = 0;
  let used = 0;
  const end = from + groups * 8;
  for (let idx = from; idx < end; idx++) {
    const v = idx < to ? values[idx]! & mask : 0;
    acc |= v << used;
    used += bitWidth;
    while (used >= 8) {
      buf[o++] = acc & 0xff;
      acc >>>= 8;
      used -= 8;
    }
  }
  if (used > 0) buf[o++] = acc & 0xff;
  out.len = o;
}

/** Pages: [start, end) slot ranges, as hyparquet-writer's getPageBoundaries splits them. */
function pageBounds(size: (i: number) => number, n: number, pageSize: number, rep: Uint8Array | undefined): number[] {
  const bounds: number[] = [];
  let start = 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const s = size(i);
    acc += s;
    if (acc >= pageSize && i > start && (!rep || rep[i] === 0)) {
      bounds.push(start, i);
      start = i;
      acc = s;
    }
  }
  if (start < n) bounds.push(start, n);
  return bounds;
}


/**
 * hyparquet-writer's useDictionary for strings: a sample of up to 1,000 values spread over the chunk
 * rejects columns of mostly distinct values, then a dictionary is built (strings compared as strings,
 * numbered in order of first occurrence) and kept when it and its bit-packed indexes at most halve the
 * plain bytes. Sizes are UTF-16 lengths, as there. Returns the dictionary and each slot's index (-1
 * for none), or undefined for plain encoding.
 */
function chooseDictionary(values: ReadonlyArray<string | null | undefined>): { dictionary: string[]; indexes: Int32Array } | undefined {
  const n = values.length;
  const sampleSize = Math.min(n, 1000);
  const sampled = new Set<string>();
  let sampleDictionarySize = 0;
  let sampleTotalSize = 0;
  for (let i = 0; i < sampleSize; i++) {
    const value = values[sampleSize === 1 ? 0 : Math.floor((i * (n - 1)) / (sampleSize - 1))];
    if (value === null || value === undefined) continue; // size 0
    const size = value.length + 4;
    if (!sampled.has(value)) {
      sampled.add(value);
      sampleDictionarySize += size;
    }
    sampleTotalSize += size;
  }
  if (!sampleTotalSize || sampleDictionarySize / sampleTotalSize > 0.9) return undefined;

  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const indexes = int32s(0, n);
  let dictSize = 0;
  let totalSize = 0;
  let nonNull = 0;
  let previous: string | undefined;
  let previousAt = -1;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      indexes[i] = -1;
      continue;
    }
    nonNull++;
    totalSize += value.length;
    if (value === previous) {
      // runs of one value (a catalog's rows): no lookup
      indexes[i] = previousAt;
      continue;
    }
    let at = index.get(value);
    if (at === undefined) {
      at = dictionary.length;
      dictionary.push(value);
      index.set(value, at);
      dictSize += value.length;
    }
    indexes[i] = previousAt = at;
    previous = value;
  }
  const bitWidth = Math.ceil(Math.log2(dictionary.length));
  const indexSize = Math.ceil((nonNull * bitWidth) / 8);
  const plainSize = totalSize + nonNull * 4;
  const dictionaryValueSize = dictSize + dictionary.length * 4;
  if (2 * (dictionaryValueSize + indexSize) > plainSize) return undefined;
  return { dictionary, indexes };
}

/**
 * Encodes a column chunk of strings at the writer's offset: `rows` are strings or null (undefined
 * counts as null, as there), or for a list column arrays of strings or null. Returns what the footer
 * records of the chunk, as writeColumn returns it. Throws on a value that is not a string, as
 * writeColumn does.
 */
export function encodeUtf8Column(writer: ByteWriter, spec: Utf8ColumnSpec, rows: readonly unknown[]): PageIndexes {
  const name = spec.path[0];
  // Slots (leaf values) and their levels, as the Dremel encoding gives them.
  const maxDef = spec.list ? (spec.nullable ? 2 : 1) : spec.nullable ? 1 : 0;
  let values: ReadonlyArray<string | null | undefined>;
  let def: Uint8Array | undefined;
  let rep: Uint8Array | undefined;
  if (!spec.list) {
    if (maxDef) def = uint8s(0, rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i];
      if (typeof v === "string") {
        if (def) def[i] = 1;
      } else if (v !== null && v !== undefined) throw new Error(`parquet: column ${name} expects a string, got ${typeof v}`);
      else if (!def) throw new Error(`parquet: column ${name} has no value`);
      else def[i] = 0;
    }
    values = rows as ReadonlyArray<string | null>;
  } else {
    let slots = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i];
      if (v === null || v === undefined) {
        if (!spec.nullable) throw new Error(`parquet: column ${name} has no value`);
        slots++;
      } else if (!Array.isArray(v)) throw new Error(`parquet: column ${name} expects a list of strings, got ${typeof v}`);
      else {
        for (let k = 0; k < v.length; k++) if (typeof v[k] !== "string") throw new Error(`parquet: column ${name} expects a list of strings, got ${typeof v[k]} in it`);
        slots += v.length || 1;
      }
    }
    const flat: Array<string | undefined> = new Array(slots);
    def = uint8s(0, slots);
    rep = uint8s(1, slots);
    let s = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i] as string[] | null | undefined;
      if (v === null || v === undefined) {
        flat[s] = undefined;
        rep[s] = 0;
        def[s++] = 0;
      } else if (!v.length) {
        flat[s] = undefined;
        rep[s] = 0;
        def[s++] = maxDef - 1;
      } else
        for (let k = 0; k < v.length; k++) {
          flat[s] = v[k];
          def[s] = maxDef;
          rep[s++] = k === 0 ? 0 : 1;
        }
    }
    values = flat;
  }
  const n = values.length;
  const offsetStart = writer.offset;
  let uncompressedSize = 0;
  const encodings: string[] = [];
  let dictionary_page_offset: bigint | undefined;
  const chosen = chooseDictionary(values);
  const compress = spec.compress;

  // The page data: dictionary indexes (compact, nulls left out), or plain values with their length.
  let plain: Bytes | undefined;
  let ends: Int32Array | undefined; // plain: the end of slot i's bytes in `plain`
  let compact: Int32Array | undefined; // dictionary: the non-null indexes; compactAt[i] = their count before slot i
  let compactAt: Int32Array | undefined;
  let bounds: number[];
  if (chosen) {
    const dict = bytes(0);
    for (const v of chosen.dictionary) dict.utf8Value(v);
    const dictBytes = dict.view();
    const compressed = compress(dictBytes);
    dictionary_page_offset = BigInt(writer.offset);
    const headerStart = writer.offset;
    writePageHeader(writer as never, {
      type: "DICTIONARY_PAGE",
      uncompressed_page_size: dictBytes.byteLength,
      compressed_page_size: compressed.byteLength,
      dictionary_page_header: { num_values: chosen.dictionary.length, encoding: "PLAIN" },
    } as never);
    const headerSize = writer.offset - headerStart;
    writer.appendBytes(compressed);
    uncompressedSize += headerSize + dictBytes.byteLength;
    encodings.push("PLAIN", "RLE_DICTIONARY");
    const indexes = chosen.indexes;
    compact = int32s(1, n);
    compactAt = int32s(2, n + 1);
    let c = 0;
    for (let i = 0; i < n; i++) {
      compactAt[i] = c;
      if (indexes[i]! >= 0) compact[c++] = indexes[i]!;
    }
    compactAt[n] = c;
    bounds = pageBounds((i) => (indexes[i]! >= 0 ? 4 : 0), n, spec.pageSize, rep);
  } else {
    encodings.push("PLAIN");
    plain = bytes(0);
    ends = int32s(1, n);
    const sizes = int32s(2, n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      sizes[i] = v !== null && v !== undefined ? plain.utf8Value(v) : 0;
      ends[i] = plain.len;
    }
    bounds = pageBounds((i) => sizes[i]!, n, spec.pageSize, rep);
  }

  const pages = bounds.length / 2;
  const locations: Array<{ offset: bigint; compressed_page_size: number; first_row_index: bigint }> = [];
  const data_page_offset = BigInt(writer.offset);
  const levels = bytes(1);
  const page = bytes(2);
  let firstRow = 0n;
  let prevStart = 0;
  for (let p = 0; p < pages; p++) {
    const start = bounds[2 * p]!;
    const end = bounds[2 * p + 1]!;
    const pageOffset = writer.offset;
    // Levels: repetition then definition, each RLE/bit-packed.
    levels.len = 0;
    let repBytes = 0;
    let defBytes = 0;
    let nulls = 0;
    let rowsInPage = end - start;
    if (rep) {
      rowsInPage = 0;
      for (let i = start; i < end; i++) if (rep[i] === 0) rowsInPage++;
      repBytes = writeHybrid(levels, rep, start, end, 1);
    }
    if (def) {
      for (let i = start; i < end; i++) if (def[i]! < maxDef) nulls++;
      defBytes = writeHybrid(levels, def, start, end, Math.ceil(Math.log2(maxDef + 1)));
    }
    let pageBytes: Uint8Array;
    if (compact) {
      const from = compactAt![start]!;
      const to = compactAt![end]!;
      let max = 0;
      for (let i = from; i < to; i++) if (compact[i]! > max) max = compact[i]!;
      const bitWidth = Math.ceil(Math.log2(max + 1));
      page.len = 0;
      page.u8(bitWidth);
      writeHybrid(page, compact, from, to, bitWidth);
      pageBytes = page.view();
    } else pageBytes = plain!.view(start ? ends![start - 1]! : 0, end ? ends![end - 1]! : 0);
    const compressed = compress(pageBytes);
    const headerStart = writer.offset;
    writePageHeader(writer as never, {
      type: "DATA_PAGE_V2",
      uncompressed_page_size: levels.len + pageBytes.byteLength,
      compressed_page_size: levels.len + compressed.length,
      data_page_header_v2: {
        num_values: end - start,
        num_nulls: nulls,
        num_rows: rowsInPage,
        encoding: compact ? "RLE_DICTIONARY" : "PLAIN",
        definition_levels_byte_length: defBytes,
        repetition_levels_byte_length: repBytes,
        is_compressed: true,
      },
    } as never);
    const headerSize = writer.offset - headerStart;
    writer.appendBytes(levels.view());
    writer.appendBytes(compressed);
    uncompressedSize += headerSize + levels.len + pageBytes.byteLength;
    if (pages > 1) {
      if (rep) {
        for (let i = prevStart + 1; i <= start; i++) if (rep[i] === 0) firstRow++;
      } else firstRow = BigInt(start);
      locations.push({ offset: BigInt(pageOffset), compressed_page_size: writer.offset - pageOffset, first_row_index: firstRow });
    }
    prevStart = start;
  }

  return {
    chunk: {
      meta_data: {
        type: "BYTE_ARRAY",
        encodings,
        path_in_schema: spec.path,
        codec: "SNAPPY",
        num_values: BigInt(n),
        total_compressed_size: BigInt(writer.offset - offsetStart),
        total_uncompressed_size: BigInt(uncompressedSize),
        data_page_offset,
        dictionary_page_offset,
        statistics: undefined,
        encoding_stats: undefined,
        geospatial_statistics: undefined,
      },
      file_offset: BigInt(offsetStart),
    },
    columnIndex: undefined,
    offsetIndex: pages > 1 ? { page_locations: locations } : undefined,
    bloomFilter: undefined,
  } as unknown as PageIndexes;
}
