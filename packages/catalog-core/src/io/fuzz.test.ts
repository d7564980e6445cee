// Every input ends in { ok: true } or a CatalogReadError: never a throw, never a hang, never a change
// to Object.prototype. Runs: ZWGK_FUZZ_RUNS (default 100; `npm run fuzz` raises it).
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { TextFormat } from "./errors.js";
import { check, LIMITS } from "./test-support/fuzz-check.js";
import { writeCatalogJson } from "./json.js";
import { catalogArbitrary, FUZZ_RUNS, FUZZ_TIMEOUT } from "./test-support/arbitraries.js";
import { fixtures } from "./test-support/fixtures.js";
import { writeCatalogXml } from "./xml-write.js";
import { writeCatalogYaml } from "./yaml.js";

const FORMATS: readonly TextFormat[] = ["json", "yaml", "xml"];
const WRITE = { json: writeCatalogJson, yaml: writeCatalogYaml, xml: writeCatalogXml };
const encoder = new TextEncoder();
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
});

const seeds = FORMATS.flatMap((format) => fixtures.map((c) => ({ format, bytes: encoder.encode(WRITE[format](c)) })));
const format = fc.constantFrom<TextFormat | undefined>(...FORMATS, undefined);

describe("reader fuzzing", () => {
  it("survives random byte flips, insertions, deletions and truncations of valid files", () => {
    const edit = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), op: fc.constantFrom("flip", "insert", "delete") });
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), fc.option(fc.nat()), format, (i, edits, cut, fmt) => {
        const seed = seeds[i] as (typeof seeds)[number];
        const bytes = [...seed.bytes];
        for (const e of edits) {
          const at = e.at % (bytes.length + 1);
          if (e.op === "flip") bytes[at] = e.byte;
          else if (e.op === "insert") bytes.splice(at, 0, e.byte);
          else bytes.splice(at, 1);
        }
        const input = new Uint8Array(cut === null ? bytes : bytes.slice(0, cut % (bytes.length + 1)));
        check(input, fmt ?? seed.format);
      }),
      { numRuns: FUZZ_RUNS * 3 },
    );
  }, FUZZ_TIMEOUT);

  it("survives arbitrary bytes and strings in every format", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 })), format, (input, fmt) => {
        check(input, fmt);
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  }, FUZZ_TIMEOUT);

  it("survives text made of the formats' own syntax", () => {
    const token = fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "'", "\\", "<", ">", "/", "</", "<a>", "</a>", "<![CDATA[", "]]>", "<!--", "-->",
      "<?xml?>", "&", "&amp;", "&#", "&#x110000;", ";", "- ", "? ", "&a", "*a", "!!str", "!x", "|", ">-", "\n", "  ", "\t", "#", "---", "...",
      "kind", "entries", "__proto__", "constructor", "prototype", "true", "1e999", "-0", "null", "政务", "😀", "\ud800", "\u0000", "\ufeff");
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), format, (tokens, fmt) => {
        check(tokens.join(""), fmt);
      }),
      { numRuns: FUZZ_RUNS * 3 },
    );
  }, FUZZ_TIMEOUT);

  it("refuses deep nesting in every format", () => {
    const nest = {
      json: (n: number) => `{"a":${"[".repeat(n)}${"]".repeat(n)}}`,
      yaml: (n: number) => `a: ${"[".repeat(n)}${"]".repeat(n)}`,
      xml: (n: number) => `<catalog>${"<a>".repeat(n)}${"</a>".repeat(n)}</catalog>`,
    };
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.integer({ min: 1, max: 20_000 }), fc.boolean(), (fmt, depth, balanced) => {
        const text = nest[fmt](depth);
        const result = check(balanced ? text : text.slice(0, text.length - depth), fmt);
        if (balanced && depth > LIMITS.maxDepth) expect(result).toMatchObject({ ok: false, error: { code: "limit" } });
      }),
      { numRuns: Math.ceil(FUZZ_RUNS / 2) },
    );
  }, FUZZ_TIMEOUT);

  it("refuses huge inputs by size before parsing them", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.integer({ min: LIMITS.maxBytes + 1, max: LIMITS.maxBytes * 4 }), fc.boolean(), (fmt, size, asBytes) => {
        const text = fmt === "json" ? `{"title":"${"政".repeat(size / 3)}"}` : fmt === "yaml" ? `title: ${"a".repeat(size)}` : `<catalog><title>${"&amp;".repeat(size / 5)}</title></catalog>`;
        const result = check(asBytes ? encoder.encode(text) : text, fmt);
        expect(result).toMatchObject({ ok: false, error: { code: "limit", limit: "maxBytes" } });
      }),
      { numRuns: Math.ceil(FUZZ_RUNS / 10) },
    );
  }, FUZZ_TIMEOUT);

  it("refuses forbidden keys injected anywhere in a valid catalog", () => {
    fc.assert(
      fc.property(catalogArbitrary, fc.constantFrom("__proto__", "constructor", "prototype"), fc.nat(), fc.constantFrom(...FORMATS), (catalog, key, pick, fmt) => {
        // Collect every object of the catalog, then give one of them the key as an own property.
        const objects: Record<string, unknown>[] = [];
        const collect = (v: unknown) => {
          if (Array.isArray(v)) v.forEach(collect);
          else if (v && typeof v === "object") {
            objects.push(v as Record<string, unknown>);
            Object.values(v).forEach(collect);
          }
        };
        const copy = JSON.parse(JSON.stringify(catalog)) as Record<string, unknown>;
        collect(copy);
        const target = objects[pick % objects.length] as Record<string, unknown>;
        Object.defineProperty(target, key, { value: { polluted: "yes" }, enumerable: true });
        const text = fmt === "json" ? JSON.stringify(copy) : fmt === "yaml" ? writeCatalogYaml(copy as never) : undefined;
        if (text === undefined) {
          // The XML writer refuses unknown fields; inject the element by hand instead.
          const xml = writeCatalogXml(catalog).replace("</catalog>", `<${key}><polluted>yes</polluted></${key}></catalog>`);
          expect(check(xml, "xml")).toMatchObject({ ok: false, error: { code: "forbidden-key" } });
          return;
        }
        expect(check(text, fmt)).toMatchObject({ ok: false, error: { code: "forbidden-key" } });
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT);

  it("handles odd encodings: BOMs, UTF-16, GBK and Big5 labels, traditional script", () => {
    const bomOrLabel = fc.constantFrom("utf8-bom", "utf16le", "utf16be", "gbk-label", "big5-label", "bogus-label", "none");
    fc.assert(
      fc.property(catalogArbitrary, fc.constantFrom(...FORMATS), bomOrLabel, fc.uint8Array({ maxLength: 8 }), (catalog, fmt, variant, noise) => {
        let text = WRITE[fmt](catalog);
        if (fmt === "xml" && variant.endsWith("-label")) {
          const label = variant === "gbk-label" ? "GBK" : variant === "big5-label" ? "Big5" : "x-unknown";
          text = text.replace('encoding="UTF-8"', `encoding="${label}"`);
        }
        const body = encoder.encode(text);
        let bytes: Uint8Array;
        if (variant === "utf8-bom") bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
        else if (variant === "utf16le" || variant === "utf16be") {
          const units = [...text].flatMap((ch) => {
            const out: number[] = [];
            for (let k = 0; k < ch.length; k++) {
              const u = ch.charCodeAt(k);
              out.push(...(variant === "utf16le" ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]));
            }
            return out;
          });
          bytes = new Uint8Array([...(variant === "utf16le" ? [0xff, 0xfe] : [0xfe, 0xff]), ...units]);
        } else bytes = new Uint8Array([...body, ...(variant === "none" ? [] : noise)]);
        const result = check(bytes, fmt);
        if (variant.startsWith("utf16")) expect(result).toMatchObject({ ok: false, error: { code: "encoding" } });
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT);
});
