// schemas/catalog.xsd must describe exactly the JSON Schemas' fields, and what writeCatalogXml writes
// must validate against it (with xmllint, when installed).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { validateCatalogShape } from "@zwgk/catalog-schemas";
import { readCatalogText } from "./read.js";
import { catalogArbitrary } from "./test-support/arbitraries.js";
import { fixtures, powerCatalog } from "./test-support/fixtures.js";
import { writeCatalogXml } from "./xml-write.js";

const SCHEMAS = fileURLToPath(new URL("../../../../schemas/", import.meta.url));
const XSD_PATH = join(SCHEMAS, "catalog.xsd");
const xsdText = readFileSync(XSD_PATH, "utf8");

type Json = Record<string, unknown>;
interface XsdElement {
  "@_name": string;
  "@_type"?: string;
  "xs:annotation"?: { "xs:documentation"?: { "#text"?: string } | string };
}
interface XsdComplexType {
  "@_name": string;
  "xs:all"?: { "xs:element": XsdElement[] };
  "xs:sequence"?: { "xs:element": XsdElement[] };
  "xs:choice"?: { "xs:element": XsdElement[] };
}

/** XSD complex type name → its child elements (name → Chinese documentation). */
function xsdTypes(): Map<string, Map<string, string>> {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "xs:element" || name === "xs:complexType" });
  const schema = (parser.parse(xsdText) as Json)["xs:schema"] as { "xs:complexType": XsdComplexType[] };
  const out = new Map<string, Map<string, string>>();
  for (const type of schema["xs:complexType"]) {
    const group = type["xs:all"] ?? type["xs:sequence"] ?? type["xs:choice"];
    const elements = new Map<string, string>();
    for (const el of group?.["xs:element"] ?? []) {
      const doc = el["xs:annotation"]?.["xs:documentation"];
      elements.set(el["@_name"], typeof doc === "string" ? doc : doc?.["#text"] ?? "");
    }
    out.set(type["@_name"], elements);
  }
  return out;
}

// Object schemas written inline in the JSON Schemas, and the XSD type each is declared as.
const INLINE_TYPES: Record<string, string> = { "CatalogSource.template": "Template", "ParsedTimeLimit.exceptions": "TimeLimitException" };
const XML_NAME = (prop: string) => (prop === "$schema" ? "schema" : prop);

/** JSON Schema object type name → its properties (XML names) → x-label, read straight from schemas/*.json. */
function jsonTypes(): Map<string, Map<string, string | undefined>> {
  const out = new Map<string, Map<string, string | undefined>>();
  const add = (name: string, node: Json) => {
    const props = new Map<string, string | undefined>();
    for (const [prop, schema] of Object.entries((node.properties as Record<string, Json>) ?? {})) {
      props.set(XML_NAME(prop), schema["x-label"] as string | undefined);
      const inner = schema.type === "array" ? (schema.items as Json) : schema;
      if (inner.properties) {
        const inlineName = INLINE_TYPES[`${name}.${prop}`];
        if (!inlineName) throw new Error(`inline object ${name}.${prop}: add it to catalog.xsd and INLINE_TYPES`);
        add(inlineName, inner);
      }
    }
    out.set(name, props);
  };
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith(".schema.json"))) {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, file), "utf8")) as Json;
    if (file === "catalog.schema.json") continue; // its branches are CatalogHeader + kind + entries: see below
    if (schema.properties) add(schema.title as string, schema);
    for (const [name, def] of Object.entries((schema.$defs as Record<string, Json>) ?? {})) if (def.properties) add(name, def);
  }
  const header = out.get("CatalogHeader");
  if (!header) throw new Error("common.schema.json has no CatalogHeader");
  out.delete("CatalogHeader");
  const catalog = JSON.parse(readFileSync(join(SCHEMAS, "catalog.schema.json"), "utf8")) as { properties: Record<string, Json> };
  out.set("Catalog", new Map([...header, ["kind", catalog.properties.kind?.["x-label"] as string], ["entries", undefined]]));
  return out;
}

describe("schemas/catalog.xsd", () => {
  it("is well-formed XML", () => {
    expect(XMLValidator.validate(xsdText)).toBe(true);
  });

  it("declares every property of the JSON Schemas as an element of the matching type, and nothing else", () => {
    const xsd = xsdTypes();
    const json = jsonTypes();
    expect(json.size).toBeGreaterThanOrEqual(15);
    for (const [type, props] of json) {
      const elements = xsd.get(type);
      expect(elements, `catalog.xsd has no complexType ${type}`).toBeDefined();
      expect([...(elements as Map<string, string>).keys()].sort(), `elements of ${type}`).toEqual([...props.keys()].sort());
    }
  });

  it("documents each field with the schema's Chinese label", () => {
    const xsd = xsdTypes();
    for (const [type, props] of jsonTypes()) {
      for (const [prop, label] of props) {
        if (label) expect(xsd.get(type)?.get(prop), `${type}.${prop}`).toBe(label);
      }
    }
  });
});

const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;
const docExample = /```xml\n([\s\S]*?)```/.exec(readFileSync(join(SCHEMAS, "../docs/XML.md"), "utf8"))?.[1] ?? "";

describe("the example in docs/XML.md", () => {
  it("reads into a schema-valid catalog and is written back identically", () => {
    const result = readCatalogText(docExample, { format: "xml" });
    if (!result.ok) throw new Error(result.error.message);
    expect(validateCatalogShape(result.catalog).ok).toBe(true);
    expect(writeCatalogXml(result.catalog as never)).toBe(docExample);
  });
});

describe.skipIf(!hasXmllint)("writeCatalogXml output validates against catalog.xsd (xmllint)", () => {
  const validate = (docs: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), "zwgk-xsd-"));
    try {
      const files = docs.map((doc, i) => {
        const file = join(dir, `${i}.xml`);
        writeFileSync(file, doc);
        return file;
      });
      return spawnSync("xmllint", ["--noout", "--schema", XSD_PATH, ...files], { encoding: "utf8" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("the schema compiles and the fixtures of every kind validate", () => {
    execFileSync("xmllint", ["--noout", XSD_PATH]);
    const result = validate([...fixtures.map(writeCatalogXml), docExample]);
    expect(result.stderr.split("\n").filter((l) => !l.endsWith(" validates") && l).join("\n")).toBe("");
    expect(result.status).toBe(0);
  });

  it("generated catalogs validate", () => {
    const docs = fc.sample(catalogArbitrary, { numRuns: 40, seed: 20240301 }).map(writeCatalogXml);
    const result = validate(docs);
    expect(result.stderr.split("\n").filter((l) => !l.endsWith(" validates") && l).join("\n")).toBe("");
  });

  it("rejects what the form does not allow, so the check is real", () => {
    const bad = writeCatalogXml(powerCatalog).replace("<name>公路建设项目施工许可</name>", "<items><item>x</item></items>");
    const result = validate([bad]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("items");
  });
});

if (!hasXmllint) {
  describe("xmllint", () => {
    it.skip("xmllint is not installed (apt-get install libxml2-utils): XSD validation of written XML skipped", () => {});
  });
}
