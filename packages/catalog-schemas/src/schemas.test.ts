import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { ROOT, RUNTIME_HELPERS, createAjv, generateSchemaArtifacts, loadSchemas } from "../../../scripts/generate/schemas.ts";
import { MAX_SCHEMA_ISSUES, validateCatalogShape, validateEntryShape } from "./index.js";

const examples = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ file: f, data: JSON.parse(readFileSync(join(ROOT, "examples", f), "utf8")) as unknown }));

describe("generated files", () => {
  it("match what `npm run generate` would write (run it after editing schemas/)", async () => {
    for (const [rel, content] of await generateSchemaArtifacts()) {
      expect(readFileSync(join(ROOT, rel), "utf8"), `${rel} drifted from schemas/: run npm run generate`).toBe(content);
    }
  });
});

describe("schemas", () => {
  it("are valid JSON Schema 2020-12 (ajv meta-validation, strict mode)", () => {
    const ajv = createAjv();
    for (const [file, schema] of loadSchemas()) {
      expect(schema["$schema"], file).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(ajv.validateSchema(schema), `${file}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
      ajv.addSchema(schema);
    }
    expect(ajv.getSchema("https://zwgk.github.io/schemas/v1/catalog.schema.json")).toBeTypeOf("function");
  });

  it("have stable $ids under the v1 base", () => {
    for (const [file, schema] of loadSchemas()) {
      expect(schema["$id"]).toBe(`https://zwgk.github.io/schemas/v1/${file}`);
    }
  });
});

describe("examples", () => {
  it("cover every catalog kind", () => {
    const kinds = new Set(examples.map((e) => (e.data as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(["power", "service", "standard", "supplementary"]);
  });

  it.each(examples)("$file validates with the compiled ajv validator", ({ data }) => {
    const result = validateCatalogShape(data);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("a broken entry is reported with a pointer into the catalog", () => {
    const standard = examples.find((e) => (e.data as { kind: string }).kind === "standard")!.data as {
      entries: Array<Record<string, unknown>>;
    };
    const broken = structuredClone(standard);
    broken.entries[2]!["timeLimit"] = "20个工作日";
    delete broken.entries[5]!["items"];
    const result = validateCatalogShape(broken);
    expect(result.ok).toBe(false);
    const pointers = result.ok ? [] : result.issues.map((i) => `${i.pointer} ${i.keyword}`);
    expect(pointers).toContain("/entries/2/timeLimit type");
    expect(pointers).toContain("/entries/5 required");
    expect(validateEntryShape("standard", broken.entries[3]).ok).toBe(true);
  });
});

describe("string lengths (minLength/maxLength count code points)", () => {
  const ucs2length = (0, eval)(RUNTIME_HELPERS["ucs2length"]!) as (s: string) => number;
  const codePoints = (s: string) => [...s].length;

  it("the inlined ucs2length counts what the string iterator counts, lone surrogates included", () => {
    for (const s of ["", "a", "事项", "𠀀", "𠀀𠀀", "\ud800", "\udc00", "\udc00\ud800", "a\ud800", "\ud800\ud800\udc00", "𠀀\udfff"]) {
      expect(ucs2length(s), JSON.stringify(s)).toBe(codePoints(s));
    }
    const units = fc.constantFrom("a", "事", "\ud800", "\udbff", "\udc00", "\udfff", "𠀀", "😀");
    fc.assert(fc.property(fc.array(units, { maxLength: 12 }), (parts) => ucs2length(parts.join("")) === codePoints(parts.join(""))));
  });

  it("the compiled validators count code points: 1,000 astral characters fit maxLength 1000, 1,001 do not", () => {
    const withColumn = (name: string) => ({
      schemaVersion: "1.0",
      kind: "standard",
      title: "t",
      entries: [{ items: ["a"], extra: [{ name, value: "" }] }],
    });
    expect(validateCatalogShape(withColumn("𠀀".repeat(1000))).ok).toBe(true);
    const over = validateCatalogShape(withColumn("𠀀".repeat(1001)));
    expect(over.ok ? [] : over.issues.map((i) => `${i.pointer} ${i.keyword}`)).toEqual(["/entries/0/extra/0/name maxLength"]);
    expect(validateCatalogShape(withColumn("\ud800".repeat(1000))).ok).toBe(true);
  });
});

// An independent implementation (python-jsonschema, Draft 2020-12) must agree with ajv, so the
// schemas are not accidentally ajv-only. CI installs python3-jsonschema; elsewhere the test skips.
const python = "/usr/bin/python3";
const hasJsonschema =
  spawnSync(python, ["-c", "import jsonschema; jsonschema.Draft202012Validator"], { stdio: "ignore" }).status === 0;

describe("many failing entries (issue 13: 200k non-object entries took 90 s)", () => {
  const bad = { schemaVersion: "1.0", kind: "standard", entries: Array.from({ length: 20_000 }, (_, i) => i) };

  it("never copy the error list per entry: errors are appended in place", () => {
    const concat = vi.spyOn(Array.prototype, "concat");
    try {
      validateCatalogShape({ ...bad, entries: bad.entries.slice(0, 500) });
      expect(concat).not.toHaveBeenCalled();
    } finally {
      concat.mockRestore();
    }
  });

  it("stop after the first issues and say so, instead of collecting every one", () => {
    const result = validateCatalogShape(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.truncated).toBe(true);
    expect(result.issues).toHaveLength(MAX_SCHEMA_ISSUES);
    expect(result.issues[0]).toMatchObject({ pointer: "/entries/0", keyword: "type" });
    // Below the cap nothing changes: every issue, no flag.
    const few = validateCatalogShape({ ...bad, entries: bad.entries.slice(0, 10) });
    expect(few.ok === false && [few.issues.length, few.truncated]).toEqual([10, undefined]);
  });
});

describe.skipIf(!hasJsonschema)("independent validator (python3-jsonschema)", () => {
  it("accepts the schemas as 2020-12 and every example, and rejects a broken one", () => {
    const script = `
import json, sys, glob, os
from jsonschema import Draft202012Validator, RefResolver
root = sys.argv[1]
schemas = {}
for p in glob.glob(os.path.join(root, "schemas", "*.schema.json")):
    s = json.load(open(p, encoding="utf-8"))
    Draft202012Validator.check_schema(s)
    schemas[s["$id"]] = s
root_schema = schemas["https://zwgk.github.io/schemas/v1/catalog.schema.json"]
v = Draft202012Validator(root_schema, resolver=RefResolver.from_schema(root_schema, store=schemas))
out = {}
for p in sorted(glob.glob(os.path.join(root, "examples", "*.json"))):
    out[os.path.basename(p)] = [e.message for e in v.iter_errors(json.load(open(p, encoding="utf-8")))]
broken = json.load(open(sorted(glob.glob(os.path.join(root, "examples", "*.json")))[0], encoding="utf-8"))
broken["entries"][0]["unknownField"] = 1
out["<broken>"] = [e.message for e in v.iter_errors(broken)]
print(json.dumps(out, ensure_ascii=False))
`;
    const out = JSON.parse(execFileSync(python, ["-c", script, ROOT], { encoding: "utf8" })) as Record<string, string[]>;
    for (const { file } of examples) expect(out[file], file).toEqual([]);
    expect(out["<broken>"]!.length).toBeGreaterThan(0);
  });
});

if (!hasJsonschema) {
  console.warn("skipped: python3-jsonschema is not installed (apt-get install python3-jsonschema); .ci/run installs it");
}
