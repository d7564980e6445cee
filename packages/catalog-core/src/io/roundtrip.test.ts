import fc from "fast-check";
import { validateCatalogShape, type Catalog } from "@zwgk/catalog-schemas";
import { describe, expect, it } from "vitest";
import { writeCatalogJson } from "./json.js";
import { readCatalogText } from "./read.js";
import { catalogArbitrary, FUZZ_RUNS, FUZZ_TIMEOUT } from "./test-support/arbitraries.js";
import { fixtures } from "./test-support/fixtures.js";
import { writeCatalogXml } from "./xml-write.js";
import { writeCatalogYaml } from "./yaml.js";

const WRITERS = [
  ["json", writeCatalogJson],
  ["yaml", writeCatalogYaml],
  ["xml", writeCatalogXml],
] as const;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function roundTrip(catalog: Catalog, format: "json" | "yaml" | "xml", write: (c: Catalog) => string) {
  const written = write(catalog);
  const back = readCatalogText(written, { format });
  if (!back.ok) throw new Error(`${format}: ${back.error.message}\n${written}`);
  expect(back.catalog).toStrictEqual(catalog);
  // Through UTF-8 bytes too, as the file is written: a lone surrogate must be written escaped,
  // not as bytes that decode to U+FFFD.
  expect(LONE_SURROGATE.test(written)).toBe(false);
  const bytes = readCatalogText(new TextEncoder().encode(written), { format });
  expect(bytes.ok && bytes.catalog).toStrictEqual(catalog);
}

describe("round trips", () => {
  it("the realistic fixtures are schema-valid and survive every format", () => {
    for (const catalog of fixtures) {
      expect(validateCatalogShape(catalog).ok).toBe(true);
      for (const [format, write] of WRITERS) roundTrip(catalog, format, write);
    }
  });

  it("generated catalogs are schema-valid", () => {
    fc.assert(
      fc.property(catalogArbitrary, (catalog) => {
        const shape = validateCatalogShape(catalog);
        if (!shape.ok) throw new Error(JSON.stringify(shape.issues));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  for (const [format, write] of WRITERS) {
    it(`${format}: write → read gives back any generated catalog`, () => {
      fc.assert(
        fc.property(catalogArbitrary, (catalog) => roundTrip(catalog, format, write)),
        { numRuns: FUZZ_RUNS },
      );
    }, FUZZ_TIMEOUT);
  }

  it("writing is stable: written text read and written again is identical", () => {
    fc.assert(
      fc.property(catalogArbitrary, (catalog) => {
        for (const [format, write] of WRITERS) {
          const once = write(catalog);
          const back = readCatalogText(once, { format });
          expect(back.ok && write(back.catalog as Catalog)).toBe(once);
        }
      }),
      { numRuns: Math.ceil(FUZZ_RUNS / 2) },
    );
  }, FUZZ_TIMEOUT);
});
