import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TextLimits } from "./errors.js";
import { JsonCatalogStreamReader, type JsonCatalogEvent, readCatalogJsonStream } from "./json-stream.js";
import { writeCatalogJson } from "./json.js";
import { readCatalogText } from "./read.js";
import { catalogArbitrary, FUZZ_RUNS } from "./test-support/arbitraries.js";
import { fixtures, standardCatalog } from "./test-support/fixtures.js";

const FILE = "社会救助.json";
const enc = (s: string) => new TextEncoder().encode(s);

/** What the streaming reader makes of the chunks, in the whole-file reader's terms. */
function viaStream(chunks: Uint8Array[], limits?: Partial<TextLimits>, keyLines = true) {
  const reader = new JsonCatalogStreamReader({ file: FILE, keyLines, ...(limits ? { limits } : {}) });
  const events: JsonCatalogEvent[] = [];
  for (const chunk of chunks) events.push(...reader.push(chunk));
  events.push(...reader.finish());
  return { reader, events, ...summarize(events) };
}

function summarize(events: JsonCatalogEvent[]) {
  const last = events[events.length - 1];
  if (last?.type === "error") return { ok: false as const, error: last.error };
  if (last?.type !== "end") throw new Error("no end event");
  const entries: unknown[] = [];
  const lines = new Map(last.lines);
  for (const e of events) {
    if (e.type !== "entry") continue;
    expect(e.index).toBe(entries.length);
    entries.push(e.entry);
    lines.set(`/entries/${e.index}`, e.line);
    for (const [key, line] of e.keyLines ?? []) lines.set(`/entries/${e.index}/${key}`, line);
  }
  // The catalog as the whole-file reader builds it: members in file order, entries in their place.
  const catalog: Record<string, unknown> = {};
  const keyOf = new Map(Object.keys(last.header).map((k) => [`/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, k]));
  keyOf.set("/entries", "entries");
  for (const pointer of last.lines.keys()) {
    const key = keyOf.get(pointer) as string;
    catalog[key] = key === "entries" && last.hasEntries ? entries : last.header[key];
  }
  return { ok: true as const, catalog, lines };
}

function viaWhole(bytes: Uint8Array, limits?: Partial<TextLimits>) {
  return readCatalogText(bytes, { file: FILE, format: "json", ...(limits ? { limits } : {}) });
}

/** The streaming reader agrees with the whole-file reader on `bytes` cut into `chunks`. */
function expectSame(whole: ReturnType<typeof viaWhole>, chunks: Uint8Array[], limits?: Partial<TextLimits>) {
  // Without key lines, repeated and forbidden keys are found on the parsed value instead: same answer.
  const plain = viaStream(chunks, limits, false);
  if (!whole.ok) expect(plain.ok ? "read" : plain.error).toStrictEqual(whole.error);
  else expect(plain.ok && JSON.stringify(plain.catalog)).toBe(JSON.stringify(whole.catalog));
  const streamed = viaStream(chunks, limits);
  if (!whole.ok) {
    expect(streamed.ok ? "read" : streamed.error).toStrictEqual(whole.error);
    return;
  }
  if (!streamed.ok) throw new Error(`streaming refused what the whole-file reader read: ${streamed.error.message}`);
  expect(JSON.stringify(streamed.catalog)).toBe(JSON.stringify(whole.catalog));
  expect(streamed.catalog).toStrictEqual(whole.catalog);
  for (const [pointer, line] of streamed.lines) expect([pointer, whole.lines?.get(pointer)]).toStrictEqual([pointer, line]);
  // And nothing the whole-file reader has a line for is missing (entries and their keys).
  const entries = (whole.catalog as { entries?: unknown }).entries;
  if (Array.isArray(entries)) {
    entries.forEach((entry, i) => {
      expect(streamed.lines.get(`/entries/${i}`)).toBe(whole.lines?.get(`/entries/${i}`));
      if (entry && typeof entry === "object" && !Array.isArray(entry)) for (const key of Object.keys(entry)) expect(streamed.lines.has(`/entries/${i}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`)).toBe(true);
    });
  }
}

/** Every cut into two chunks, every byte on its own, and three-way cuts around the middle. */
function everyChunking(bytes: Uint8Array): Uint8Array[][] {
  const out: Uint8Array[][] = [[bytes], Array.from(bytes, (b) => Uint8Array.of(b))];
  for (let k = 0; k <= bytes.length; k++) out.push([bytes.subarray(0, k), bytes.subarray(k)]);
  return out;
}

function expectSameEveryChunking(text: string | Uint8Array, limits?: Partial<TextLimits>) {
  const bytes = typeof text === "string" ? enc(text) : text;
  const whole = viaWhole(bytes, limits);
  for (const chunks of everyChunking(bytes)) expectSame(whole, chunks, limits);
}

const tricky = {
  kind: "standard",
  schemaVersion: "1.0",
  title: "某县“社会救助”目录 \\ 😀",
  entries: [
    { level1: "最低生活保障", level2: "政策文件", content: "引号\"、反斜杠\\、\u4e2d、\ud83d\ude00、换行\n、制表\t、\u0001", basis: ["《社会救助暂行办法》"], "a/b~c": 1 },
    { level1: "特困", nested: { deep: [1, 2.5e3, -0.5, true, false, null, { x: "y" }] }, empty: {}, list: [] },
    "不是对象的项",
    42,
  ],
  after: { note: "头部字段在 entries 之后" },
};

describe("readCatalogJsonStream agrees with readCatalogText at every chunk boundary", () => {
  it("a catalog with multi-byte characters, escapes and surrogate pairs (raw and escaped)", () => {
    expectSameEveryChunking(JSON.stringify(tricky, null, 2));
    expectSameEveryChunking(JSON.stringify(tricky));
  });

  it("with a BOM and CR LF line ends", () => {
    expectSameEveryChunking(`\ufeff${JSON.stringify(tricky, null, 2).replace(/\n/g, "\r\n")}`);
  });

  it("header before entries, after entries, and around them", () => {
    expectSameEveryChunking('{"entries":[{"a":1},{"b":2}],"kind":"standard","title":"标题"}');
    expectSameEveryChunking('{"kind":"standard","entries":[{"a":1}],"title":"标题"}');
    expectSameEveryChunking('{"kind":"standard","entries":[]}');
    expectSameEveryChunking("{}");
    expectSameEveryChunking('{"kind":"standard","entries":{"a":1},"x":[1,[2]]}');
    expectSameEveryChunking('{"entries":"x"}');
    expectSameEveryChunking(' \n{ "entries" : [ 1 , "s" , [ ] , { } , null ] , "t" : "\\"" } \n');
  });

  it("a catalog written by the writer", () => {
    expectSameEveryChunking(writeCatalogJson(standardCatalog));
  });

  const errors: [string, string][] = [
    ["a repeated key inside an entry", '{"kind":"standard","entries":[{"a":1},{"b":2,\n"b":3}]}'],
    ["a repeated key at the top level after entries", '{"kind":"standard","entries":[{"a":1}],\n"kind":"power"}'],
    ["a repeated entries key", '{"entries":[],"entries":[{"a":1}]}'],
    ["a repeated key deep in an entry", '{"entries":[{"a":{"b":[{"c":1,"c":2}]}}]}'],
    ["a forbidden key in an entry", '{"entries":[{"a":1},{"__proto__":{}}]}'],
    ["a forbidden key at the top", '{"title":"x",\n"constructor":1,"entries":[]}'],
    ["a forbidden escaped key", '{"entries":[{"\\u005f_proto__":1}]}'],
    ["a trailing comma in entries", '{"entries":[{"a":1},\n]}'],
    ["a trailing comma at the top", '{"entries":[{"a":1}],}'],
    ["a missing comma between entries", '{"entries":[{"a":1}\n{"b":2}]}'],
    ["a missing comma between members", '{"kind":"x" "entries":[]}'],
    ["an invalid escape in an entry", '{"entries":[{"a":"\\x"}]}'],
    ["an unescaped newline in a string", '{"entries":[{"a":"第一行\n第二行"}]}'],
    ["an unclosed entry", '{"entries":[{"a":1}'],
    ["an unclosed string at the end", '{"entries":[{"a":"abc'],
    ["a truncated literal", '{"entries":[tru'],
    ["content after the root", '{"entries":[]} x'],
    ["a second root", '{"entries":[]}{}'],
    ["a top-level array", '[{"a":1}]'],
    ["a top-level string", '"目录"'],
    ["an empty file", ""],
    ["only blanks", " \n "],
    ["a single quote key", "{'a':1}"],
    ["a comment", '{"entries":[ // x\n]}'],
    ["a number with a leading zero in an entry", '{"entries":[{"a":01}]}'],
    ["an error in the header before entries", '{"title":"a" , "kind":[1,}, "entries":[]}'],
    ["a colon missing", '{"entries" []}'],
    ["a mismatched bracket", '{"entries":[{"a":[1}]}'],
    ["a syntax error before a repeated key", '{"entries":[{"a":"\\q","a":1}]}'],
    ["a repeated key before a syntax error", '{"entries":[{"a":1,"a":"\\q"}]}'],
  ];
  for (const [name, text] of errors) {
    it(`refuses ${name} with the same message and place`, () => {
      expect(viaWhole(enc(text)).ok).toBe(false);
      expectSameEveryChunking(text);
    });
  }

  it("refuses nesting deeper than maxDepth, at the top, in entries and in the header", () => {
    for (const maxDepth of [0, 1, 2, 3, 4]) {
      expectSameEveryChunking('{"kind":{"a":{}},"entries":[{"a":[{"b":1}]}]}', { maxDepth });
      expectSameEveryChunking('{"entries":[[[]]]}', { maxDepth });
    }
  });

  it("refuses a file over maxBytes, naming its whole size", () => {
    const text = JSON.stringify(tricky);
    expectSameEveryChunking(text, { maxBytes: 100 });
    expectSameEveryChunking(text, { maxBytes: enc(text).length });
  });

  it("refuses NUL bytes, invalid UTF-8, UTF-16 and zip archives where the whole-file reader does", () => {
    const bytes = enc('{"entries":[{"a":"中文"},\n{"b":"文字"}]}');
    const at = (i: number, ...b: number[]) => Uint8Array.from([...bytes.subarray(0, i), ...b, ...bytes.subarray(i)]);
    const inString = bytes.indexOf(0xe6); // the first byte of 文
    expectSameEveryChunking(at(bytes.length - 4, 0));
    expectSameEveryChunking(at(inString, 0xff));
    expectSameEveryChunking(at(inString + 1, 0xe6)); // a lead byte inside a sequence
    expectSameEveryChunking(Uint8Array.from([...bytes, 0xe6, 0x96])); // ends inside a sequence
    expectSameEveryChunking(Uint8Array.from([...bytes.subarray(0, 20), 0xed, 0xa0, 0x80, ...bytes.subarray(20)])); // a surrogate
    // A NUL anywhere outranks invalid UTF-8 before it; invalid UTF-8 outranks a JSON error before it.
    expectSameEveryChunking(Uint8Array.from([...at(inString, 0xff), 0x0a, 0]));
    expectSameEveryChunking(Uint8Array.from([...enc('{"entries":[,\n'), 0xff, ...enc("]}")]));
    expectSameEveryChunking(Uint8Array.from([0xff, 0xfe, 0x7b, 0x00]));
    expectSameEveryChunking(Uint8Array.from([0xfe, 0xff]));
    expectSameEveryChunking(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    expectSameEveryChunking(Uint8Array.from([0x50, 0x4b, 0x03]));
    expectSameEveryChunking(Uint8Array.from([0xef, 0xbb, 0xbf]));
  });
});

describe("readCatalogJsonStream agrees with readCatalogText on random inputs", () => {
  const cuts = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 6 });
  const cut = (bytes: Uint8Array, sizes: number[]) => {
    const out: Uint8Array[] = [];
    for (let i = 0, k = 0; i < bytes.length; k++) {
      const n = sizes[k % sizes.length] as number;
      out.push(bytes.subarray(i, i + n));
      i += n;
    }
    return out;
  };

  it("random catalogs in random chunks", () => {
    fc.assert(
      fc.property(catalogArbitrary, cuts, fc.boolean(), (catalog, sizes, pretty) => {
        const bytes = enc(pretty ? writeCatalogJson(catalog) : JSON.stringify(catalog));
        expectSame(viaWhole(bytes), cut(bytes, sizes));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it("random edits of catalog files (insertions, deletions, byte flips) in random chunks", () => {
    const seeds = fixtures.map((c) => enc(writeCatalogJson(c)));
    const edit = fc.record({ at: fc.nat(), byte: fc.constantFrom(0x22, 0x2c, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x0a, 0x30, 0x20, 0xe6, 0xff, 0x00), op: fc.constantFrom("flip", "insert", "delete") });
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), cuts, (i, edits, sizes) => {
        const bytes = [...(seeds[i] as Uint8Array)];
        for (const e of edits) {
          const at = e.at % (bytes.length + 1);
          if (e.op === "flip") bytes[at] = e.byte;
          else if (e.op === "insert") bytes.splice(at, 0, e.byte);
          else bytes.splice(at, 1);
        }
        const data = Uint8Array.from(bytes);
        expectSame(viaWhole(data), cut(data, sizes));
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
  });
});

/** A catalog of n generated entries, written as the writer writes it. */
function bigCatalog(n: number): string {
  const entries = Array.from({ length: n }, (_, i) => ({
    level1: `一级事项${i % 97}`,
    level2: `二级事项“${i}”`,
    content: `公开内容\\${i} 😀 ${"文".repeat(i % 50)}`,
    basis: ["《中华人民共和国政府信息公开条例》", `第 ${i} 条`],
    timeLimit: "信息形成或者变更之日起20个工作日内",
  }));
  return JSON.stringify({ kind: "standard", schemaVersion: "1.0", title: "生成的目录", entries }, null, 2);
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe("readCatalogJsonStream on a large catalog", () => {
  it("reports an error deep in the catalog at the line and column the whole-file reader does", () => {
    const text = bigCatalog(6000);
    const marker = '"level2": "二级事项“5432”"';
    const i = text.indexOf(marker);
    expect(i).toBeGreaterThan(0);
    for (const broken of [
      `${text.slice(0, i)}"level1": "重复", ${text.slice(i)}`,
      `${text.slice(0, i)}"x": 01, ${text.slice(i)}`,
      `${text.slice(0, i + marker.length)},${text.slice(i + marker.length)}`.replace(/,\n(\s*)"content": "公开内容\\\\5432/, ",\n$1,"),
    ]) {
      const bytes = enc(broken);
      const whole = viaWhole(bytes);
      expect(whole.ok).toBe(false);
      if (whole.ok) return;
      expect(whole.error.line).toBeGreaterThan(40_000);
      for (const size of [4096, 65_537, 1 << 20]) {
        expect(viaStream(chunked(bytes, size)).error).toStrictEqual(whole.error);
        expect(viaStream(chunked(bytes, size), undefined, false).error).toStrictEqual(whole.error);
      }
    }
  });

  it("holds at most a chunk, the text since the last entry and a compaction margin — never the catalog", () => {
    const text = bigCatalog(6000);
    const bytes = enc(text);
    const whole = viaWhole(bytes);
    if (!whole.ok) throw new Error(whole.error.message);
    const longestEntry = Math.max(...(whole.catalog as { entries: unknown[] }).entries.map((e) => JSON.stringify(e, null, 6).length));
    for (const size of [1024, 16_384]) {
      const { reader, ok, catalog } = viaStream(chunked(bytes, size));
      expect(ok).toBe(true);
      expect(JSON.stringify(catalog)).toBe(JSON.stringify(whole.catalog));
      expect(text.length).toBeGreaterThan(1_000_000);
      // Compaction runs once 64 Ki characters have been consumed: the bound does not grow with the file.
      expect(reader.maxHeld).toBeLessThanOrEqual((1 << 16) + size + longestEntry);
    }
  });

  it("reads from a web ReadableStream and from async chunks", async () => {
    const bytes = enc(bigCatalog(50));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunked(bytes, 333)) controller.enqueue(c);
        controller.close();
      },
    });
    const events: JsonCatalogEvent[] = [];
    for await (const e of readCatalogJsonStream(stream, { file: FILE })) events.push(e);
    expect(events.filter((e) => e.type === "entry")).toHaveLength(50);
    expect(events[0]?.type).toBe("header");
    async function* gen() {
      yield* chunked(bytes, 1000);
    }
    let n = 0;
    for await (const e of readCatalogJsonStream(gen())) if (e.type === "entry") n++;
    expect(n).toBe(50);
  });
});
