// The byte writer gives the UTF-8 of exactly what the text writer gives, for every format, drained at
// any point; the JSON writer reuses the bytes of frozen values shared between entries and is left
// clean by an entry it cannot write.
import fc from "fast-check";
import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import { describe, expect, it } from "vitest";
import { catalogArbitrary, FUZZ_RUNS } from "./test-support/arbitraries.js";
import { concatBytes } from "./test-support/bytes.js";
import { fixtures, standardCatalog } from "./test-support/fixtures.js";
import { catalogShape, orderValue } from "./shape.js";
import { createCatalogByteWriter, createCatalogWriter } from "./write-stream.js";

const FORMATS = ["json", "yaml", "xml"] as const;
const encoder = new TextEncoder();

function textOf(format: (typeof FORMATS)[number], catalog: Catalog): string {
  const { entries, ...header } = catalog;
  const writer = createCatalogWriter(format, header);
  return writer.begin() + entries.map((e) => writer.entry(e)).join("") + writer.end();
}

/** The byte writer's output, drained after the entries `drainAfter` says (the view copied at once). */
function bytesOf(format: (typeof FORMATS)[number], catalog: Catalog, drainAfter: (i: number) => boolean): Uint8Array {
  const { entries, ...header } = catalog;
  const writer = createCatalogByteWriter(format, header);
  const parts: Uint8Array[] = [];
  const take = () => {
    const view = writer.drain();
    parts.push(view.slice());
    // The writer reuses its buffer: scribbling on a drained view must not show in what follows.
    view.fill(0x21);
  };
  writer.begin();
  entries.forEach((e, i) => {
    writer.entry(e);
    if (drainAfter(i)) take();
  });
  writer.end();
  take();
  expect(writer.size).toBe(0);
  return concatBytes(parts);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("createCatalogByteWriter", () => {
  it("writes the UTF-8 of the text writer's pieces, for the fixtures and any generated catalog, drained anywhere", () => {
    for (const catalog of fixtures) {
      for (const format of FORMATS) expect(bytesOf(format, catalog, () => true)).toStrictEqual(encoder.encode(textOf(format, catalog)));
    }
    fc.assert(
      fc.property(catalogArbitrary, fc.func(fc.boolean()), fc.boolean(), (catalog, drainAfter, freeze) => {
        const c = freeze ? deepFreeze(structuredClone(catalog)) : catalog;
        for (const format of FORMATS) expect(bytesOf(format, c, (i) => drainAfter(i))).toStrictEqual(encoder.encode(textOf(format, c)));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it("reuses the bytes of shared frozen values over many entries, beyond one block of kept bytes", () => {
    // 3,000 distinct frozen 依据 (each kept once, well over 64 KiB in all), each shared by two entries.
    const bases = Array.from({ length: 3000 }, (_, i) =>
      deepFreeze({ raw: `《第${i}号条例》第${i}条`, documents: [{ title: `第${i}号条例`, clause: `第${i}条` }] }),
    );
    const entries = Array.from({ length: 6000 }, (_, i) => ({ ...standardCatalog.entries[0], seq: String(i), basis: bases[i % 3000] })) as Entry[];
    const catalog = { ...standardCatalog, entries } as Catalog;
    const expected = `${JSON.stringify(orderValue(catalog, catalogShape(catalog.kind)), null, 2)}\n`;
    expect(new TextDecoder().decode(bytesOf("json", catalog, (i) => i % 97 === 0))).toBe(expected);
  });

  it("an entry that cannot be written leaves nothing behind: the next one is written as if it had not been tried", () => {
    const { entries, ...header } = standardCatalog;
    const bad = { ...entries[0], extra: { n: 1n } } as unknown as Entry;
    const text = createCatalogWriter("json", header);
    const bytes = createCatalogByteWriter("json", header);
    const reference = createCatalogWriter("json", header);
    const begin = reference.begin();
    expect(text.begin()).toBe(begin);
    bytes.begin();
    expect(() => text.entry(bad)).toThrow(TypeError);
    expect(() => bytes.entry(bad)).toThrow(TypeError);
    // The failed entry still counts for the comma, as it always did; none of its text appears.
    reference.entry(entries[0] as Entry);
    const next = reference.entry(entries[1] as Entry);
    expect(text.entry(entries[1] as Entry)).toBe(next);
    bytes.entry(entries[1] as Entry);
    expect(new TextDecoder().decode(bytes.drain())).toBe(begin + next);
  });

  it("writes strings that repeat from entry to entry (kept per member and array item) exactly, whatever follows them", () => {
    // A small pool, so the same string comes back in the same place, after others, as another string
    // object of equal content, and strings too long to keep; lone surrogates and escapes among them.
    const long = "长".repeat(300);
    const pool = fc.constantFrom("全社会", "特定群众", "a\"b\\c\n", "\uD800", "😀", "", long, `${long}x`);
    const text = pool.chain((s) => fc.constantFrom(s, [...s].join(""), s.slice(0, 1) + s.slice(1)));
    const entry = fc.record({
      seq: text,
      items: fc.array(text, { minLength: 1, maxLength: 10 }),
      content: text,
      subject: text,
      audience: fc.array(text, { maxLength: 3 }),
      source: fc.record({ file: text, sheet: text, row: fc.nat() }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        const catalog = { ...standardCatalog, entries } as unknown as Catalog;
        const expected = `${JSON.stringify(orderValue(catalog, catalogShape(catalog.kind)), null, 2)}\n`;
        expect(new TextDecoder().decode(bytesOf("json", catalog, (i) => i % 7 === 3))).toBe(expected);
      }),
      { numRuns: FUZZ_RUNS * 3 },
    );
  });
});
