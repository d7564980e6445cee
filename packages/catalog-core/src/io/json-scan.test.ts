import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanJson, scanParsedJson, type ScanResult } from "./json-scan.js";
import { catalogArbitrary, FUZZ_RUNS } from "./test-support/arbitraries.js";

/** Every pointer a reader answers for: root keys, entries, entry keys, plus misses. */
function pointersOf(value: unknown): string[] {
  const out = ["/entries", "/entries/0", "/entries/99999", "/nothing"];
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    out.push(`/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    if (k === "entries" && Array.isArray(v)) {
      v.forEach((e, i) => {
        out.push(`/entries/${i}`);
        if (e && typeof e === "object" && !Array.isArray(e)) for (const key of Object.keys(e)) out.push(`/entries/${i}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      });
    }
  }
  return out;
}

function expectSame(text: string, maxDepth = 32) {
  const full = scanJson(text, maxDepth);
  const light = scanParsedJson(text, maxDepth);
  const summary = (r: ScanResult) => (r.ok ? "ok" : { code: r.failure.code, offset: r.failure.offset, pointer: r.failure.pointer, key: r.failure.key });
  expect(summary(light)).toEqual(summary(full));
  if (full.ok && light.ok) for (const p of pointersOf(JSON.parse(text))) expect(light.lines.get(p), p).toBe(full.lines.get(p));
}

// The light scan runs only on text JSON.parse accepted; it must agree with the full scan on all of it.
describe("scanParsedJson agrees with the full scan on valid JSON", () => {
  it("for generated catalogs, compact and indented, with odd keys and entries that are not objects", () => {
    fc.assert(
      fc.property(catalogArbitrary, fc.boolean(), (catalog, pretty) => {
        expectSame(JSON.stringify(catalog, null, pretty ? 2 : undefined));
      }),
      { numRuns: FUZZ_RUNS },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()), fc.constantFrom(0, 1, 2, "\t"), (root, entries, space) => {
        expectSame(JSON.stringify({ ...root, entries }, null, space));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it("for repeated, forbidden and escaped keys and deep nesting", () => {
    for (const text of [
      '{"kind":"standard","entries":[],"entries":[]}',
      '{"entries":[{"a":1,"b":{"c":1,"c":2}}]}',
      '{"entries":[{"__proto__":1}]}',
      '{"a\\u0062":1,"ab":2}',
      '{"x":"\\"{[,","y":[",",{"z":"]"}]}',
      '{"entries":[\n  1,\n  "two",\n  [3],\n  {"k\\/~":4}\n]}',
      `{"entries":${"[".repeat(40)}${"]".repeat(40)}}`,
      `{"a":${"{\"b\":".repeat(40)}1${"}".repeat(40)}}`,
    ]) {
      expectSame(text);
      expectSame(text, 3);
    }
  });
});
