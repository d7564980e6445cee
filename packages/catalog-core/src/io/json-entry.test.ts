// JsonEntryText writes what JSON.stringify(orderValue(value, shape), null, 2) writes, nested at an
// indent, byte for byte — for catalogs and for values no catalog should hold — and reuses the text of
// deep-frozen values only while they cannot have changed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonEntryText } from "./json-entry.js";
import { catalogShape, orderValue, type ArrayShape, type FieldShape } from "./shape.js";
import { catalogArbitrary, FUZZ_RUNS } from "./test-support/arbitraries.js";

const reference = (value: unknown, shape: FieldShape | undefined, indent: string) =>
  (JSON.stringify(orderValue(value, shape), null, 2) ?? "null").replaceAll("\n", `\n${indent}`);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const entryShape = (kind: "standard" | "supplementary" | "power" | "service") => (catalogShape(kind).props.get("entries") as ArrayShape).item;

describe("JsonEntryText", () => {
  it("writes each entry of any generated catalog as JSON.stringify of its ordered copy, frozen or not", () => {
    fc.assert(
      fc.property(catalogArbitrary, fc.boolean(), (catalog, freeze) => {
        const shape = entryShape(catalog.kind);
        const writer = new JsonEntryText();
        for (const entry of catalog.entries) {
          const value = freeze ? deepFreeze(structuredClone(entry)) : entry;
          // Twice: the second time from the cache where the entry is frozen.
          expect(writer.value(value, shape, "    ")).toBe(reference(value, shape, "    "));
          expect(writer.value(value, shape, "    ")).toBe(reference(value, shape, "    "));
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it("writes any JSON-like value as JSON.stringify would, at any indent", () => {
    const key = fc.oneof(fc.constantFrom("items", "raw", "0", "1", "10", "01", "4294967295", "__proto__", "toJSON", "constructor", "a b", "名称", '"'), fc.string());
    const leaf = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0));
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
      array: fc.array(tie("any"), { maxLength: 4 }),
      object: fc.dictionary(key, tie("any"), { maxKeys: 5 }),
    })).any;
    fc.assert(
      fc.property(value, fc.boolean(), fc.constantFrom("", "  ", "    "), (v, freeze, indent) => {
        const x = freeze ? deepFreeze(v) : v;
        for (const shape of [undefined, entryShape("standard"), entryShape("power")]) {
          const writer = new JsonEntryText();
          expect(writer.value(x, shape, indent)).toBe(reference(x, shape, indent));
          expect(writer.value(x, shape, indent)).toBe(reference(x, shape, indent));
        }
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
  });

  it("values JSON.stringify treats specially: holes, functions, symbols, dates, boxed strings, toJSON, null prototype, bigint", () => {
    const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: [undefined, () => 1, Symbol("s")] });
    const values: unknown[] = [
      holes, nullProto, { f: () => 1, s: Symbol("s"), u: undefined }, { d: new Date(0) }, { s: new String("ab") }, { toJSON: () => "x" },
      { only: () => 1 }, [], {}, [[]], [{}], { 2: "b", 1: "a", z: 0 }, NaN, Infinity, -0, "\uD800", Object.freeze({ raw: "a", parsed: Object.freeze({ amount: 1 }) }),
    ];
    for (const v of values) for (const shape of [undefined, entryShape("standard")]) expect(new JsonEntryText().value(v, shape, "  ")).toBe(reference(v, shape, "  "));
    expect(() => new JsonEntryText().value({ n: 1n }, undefined, "")).toThrow(TypeError);
  });

  it("reuses a frozen value's text only when everything inside it is frozen too", () => {
    const writer = new JsonEntryText();
    const inner = { amount: 1 };
    const outer = Object.freeze({ raw: "a", parsed: inner });
    expect(writer.value(outer, undefined, "")).toBe(reference(outer, undefined, ""));
    inner.amount = 2; // outer is frozen, inner is not: its new value must show
    expect(writer.value(outer, undefined, "")).toBe(reference(outer, undefined, ""));
    expect(writer.value(outer, undefined, "")).toContain('"amount": 2');
  });
});
