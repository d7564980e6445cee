import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createAjv, loadSchemas, SMALL_UNIQUE_ITEMS } from "../../../scripts/generate/schemas.ts";
import { validateCatalogShape, validateEntryShape } from "./index.js";

// The generated validators take shortcuts ajv does not (scripts/generate/schemas.ts, fastPaths):
// they must give what ajv compiled from the same schemas gives, issue for issue, in the same order.

const ajv = createAjv();
for (const schema of loadSchemas().values()) ajv.addSchema(schema);
const BASE = "https://zwgk.github.io/schemas/v1/";
const reference = {
  standard: ajv.getSchema(`${BASE}disclosure-entry.schema.json`)!,
  power: ajv.getSchema(`${BASE}power-entry.schema.json`)!,
  service: ajv.getSchema(`${BASE}service-entry.schema.json`)!,
  catalog: ajv.getSchema(`${BASE}catalog.schema.json`)!,
};

function expected(kind: keyof typeof reference, value: unknown) {
  const validate = reference[kind];
  if (validate(value)) return { ok: true };
  return { ok: false, issues: (validate.errors ?? []).map((e) => ({ pointer: e.instancePath, keyword: e.keyword, params: e.params, schemaPath: e.schemaPath })) };
}

const shapeOf = (result: { ok: boolean; issues?: unknown[] }) => (result.ok ? { ok: true } : { ok: false, issues: result.issues });

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

/** A 公开依据 whose `raw` reads as given by `next` each time it is read. */
function changingBasis(next: () => unknown) {
  return Object.freeze(Object.defineProperty({}, "raw", { get: next, enumerable: true }));
}

// Shared sub-objects, as the xlsx importer shares them: frozen or not, valid or not.
const basisPool = [
  deepFreeze({ raw: "《条例》第二十条", documents: [{ title: "条例", clause: "第二十条" }] }),
  deepFreeze({ raw: "《条例》", documents: [{ title: "" }] }),
  Object.freeze({ raw: "x", documents: [{ title: "条例" }] }), // shallow: its document may change
  { raw: "未冻结" },
  deepFreeze({ raw: 1 }),
  deepFreeze(Object.assign(Object.create({ extra: 1 }) as object, { raw: "继承的属性" })),
];
const timeLimitPool = [
  deepFreeze({ raw: "20个工作日内", parsed: { type: "relative", amount: 20, unit: "工作日" } }),
  deepFreeze({ raw: "实时", parsed: { type: "realtime" } }),
  deepFreeze({ raw: "坏", parsed: { type: "never" } }),
  { raw: "未冻结", parsed: { type: "prompt" } },
];
const label = fc.constantFrom("全社会", "特定群众", "主动", "", "__proto__", "toString", "hasOwnProperty", "𠀀", "a", 1, null);
const marks = fc.oneof(fc.array(label, { maxLength: SMALL_UNIQUE_ITEMS + 4 }), fc.constantFrom("全社会", undefined));
const text = fc.constantFrom("最低生活保障", "", "𠀀", "__proto__", 7);

const disclosureEntry = fc.record(
  {
    seq: text,
    items: fc.oneof(fc.array(text, { maxLength: 6 }), fc.constant("一级")),
    content: text,
    basis: fc.constantFrom(...basisPool),
    timeLimit: fc.constantFrom(...timeLimitPool),
    channels: fc.record({ raw: text, selected: fc.array(text, { maxLength: 3 }), unselected: fc.array(text, { maxLength: 2 }) }, { requiredKeys: [] }),
    audience: marks,
    method: marks,
    levels: marks,
    source: fc.constantFrom({ sheet: "表", row: 4 }, { row: 0 }, deepFreeze({ sheet: "表", row: 5 })),
    unknown: text,
  },
  { requiredKeys: [] },
);

describe("generated validators and ajv agree", () => {
  it("on random disclosure entries, shared and frozen sub-objects included (several times over)", () => {
    fc.assert(
      fc.property(disclosureEntry, (entry) => {
        for (let i = 0; i < 3; i++) expect(shapeOf(validateEntryShape("standard", entry))).toEqual(expected("standard", entry));
      }),
      { numRuns: 3000, seed: 16 },
    );
  });

  it("on random power and service entries", () => {
    const basis = fc.constantFrom(...basisPool);
    const power = fc.record({ name: text, type: fc.constantFrom("行政许可", "其他", 3), basis, accountabilityBasis: basis, responsibilityBasis: basis, code: text }, { requiredKeys: [] });
    const service = fc.record({ name: text, subject: text, basis, code: text, channels: fc.constantFrom({ selected: [] }, { selected: [""] }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(power, service, (p, s) => {
        expect(shapeOf(validateEntryShape("power", p))).toEqual(expected("power", p));
        expect(shapeOf(validateEntryShape("service", s))).toEqual(expected("service", s));
      }),
      { numRuns: 1500, seed: 17 },
    );
  });

  it("on random catalogs", () => {
    fc.assert(
      fc.property(fc.array(disclosureEntry, { maxLength: 5 }), (entries) => {
        const catalog = { schemaVersion: "1.0", kind: "standard", entries };
        expect(shapeOf(validateCatalogShape(catalog))).toEqual(expected("catalog", catalog));
      }),
      { numRuns: 500, seed: 18 },
    );
  });

  it("own keys named like Object.prototype's members are additional properties, as in ajv", () => {
    for (const kind of ["standard", "power", "service"] as const) {
      for (const key of ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf", "items ", ""]) {
        const entry = JSON.parse(`{"items": ["一级"], "name": "事项", ${JSON.stringify(key)}: 1}`) as unknown;
        expect(shapeOf(validateEntryShape(kind, entry)), `${kind} ${JSON.stringify(key)}`).toEqual(expected(kind, entry));
      }
    }
    const catalog = JSON.parse('{"schemaVersion": "1.0", "kind": "standard", "entries": [], "source": {"sheet": "表", "__proto__": 1, "toString": 2}}') as unknown;
    expect(shapeOf(validateCatalogShape(catalog))).toEqual(expected("catalog", catalog));
  });

  it("long marks lists find the same first duplicate as short ones", () => {
    for (const n of [2, SMALL_UNIQUE_ITEMS, SMALL_UNIQUE_ITEMS + 1, 40]) {
      const levels = Array.from({ length: n }, (_, i) => `级${i % Math.max(2, n - 3)}`);
      const entry = { items: ["一级"], levels };
      expect(shapeOf(validateEntryShape("standard", entry))).toEqual(expected("standard", entry));
    }
  });
});

describe("a sub-object that passed is trusted again only while it cannot change", () => {
  // Checked three times: a value is trusted from its second pass on, so a wrong trust shows on the fourth.
  const passes = (entry: unknown) => [1, 2, 3].every(() => validateEntryShape("standard", entry).ok);

  it("a deeply frozen 公开依据 is trusted, and the result stays ajv's", () => {
    const basis = deepFreeze({ raw: "《条例》", documents: [{ title: "条例" }] });
    expect(passes({ items: ["一级"], basis })).toBe(true);
    const bad = { items: [""], basis, levels: ["县级", "县级"] };
    expect(shapeOf(validateEntryShape("standard", bad))).toEqual(expected("standard", bad));
  });

  it("a frozen 公开依据 read through a getter is checked every time", () => {
    let raw: unknown = "第一次";
    const basis = changingBasis(() => raw);
    expect(passes({ items: ["一级"], basis })).toBe(true);
    raw = 42;
    expect(validateEntryShape("standard", { items: ["一级"], basis }).ok).toBe(false);
  });

  it("a frozen 公开依据 whose documents are not frozen is checked every time", () => {
    const documents = [{ title: "条例" }];
    const basis = Object.freeze({ raw: "《条例》", documents });
    expect(passes({ items: ["一级"], basis })).toBe(true);
    documents[0]!.title = "";
    expect(validateEntryShape("standard", { items: ["一级"], basis }).ok).toBe(false);
  });

  it("an inherited property that appears later is still an additional property", () => {
    const proto: Record<string, unknown> = {};
    const basis = Object.freeze(Object.assign(Object.create(proto) as object, { raw: "《条例》" }));
    expect(passes({ items: ["一级"], basis })).toBe(true);
    proto["extra"] = 1;
    expect(validateEntryShape("standard", { items: ["一级"], basis }).ok).toBe(false);
  });
});
