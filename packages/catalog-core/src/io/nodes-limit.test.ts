import { describe, expect, it } from "vitest";
import { DEFAULT_TEXT_LIMITS } from "./errors.js";
import { readCatalogText } from "./read.js";
import { fixtures } from "./test-support/fixtures.js";
import { writeCatalogXml } from "./xml-write.js";
import { writeCatalogYaml } from "./yaml.js";

// Issue 13 item 5: 24 MB of `- 0` lines (6M nodes) or 60 MB of `<x/>` (15M elements) are within
// maxBytes but their parse trees exhaust memory. The readers count nodes before building them.
const yamlLines = (n: number) => `kind: standard\nschemaVersion: "1.0"\nentries:\n${"- 0\n".repeat(n)}`;
const xmlElements = (n: number) => `<catalog xmlns="https://zwgk.github.io/schemas/v1/catalog"><kind>standard</kind><entries>${"<x/>".repeat(n)}</entries></catalog>`;

describe("limits.maxNodes", () => {
  it("refuses YAML with more nodes than the limit, at the line where it is passed", () => {
    const result = readCatalogText(yamlLines(2_000), { file: "a.yaml", limits: { maxNodes: 1_000 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: "limit", limit: "maxNodes", file: "a.yaml" });
    // Scalars and items of the 3 header lines and 498 entries lines: the 1,001st node is on line 501.
    expect(result.error.line).toBeGreaterThanOrEqual(501);
    expect(result.error.line).toBeLessThanOrEqual(502);
    expect(result.error.message).toContain("limits.maxNodes");
    expect(readCatalogText(yamlLines(400), { format: "yaml", limits: { maxNodes: 1_000 } }).ok).toBe(true);
  });

  it("refuses XML with more elements than the limit, before building a tree", () => {
    const result = readCatalogText(xmlElements(2_000), { file: "a.xml", limits: { maxNodes: 1_000 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: "limit", limit: "maxNodes", line: 1 });
    expect(readCatalogText(xmlElements(900), { format: "xml", limits: { maxNodes: 1_000 } }).ok).toBe(true);
  });

  it("stops the issue's XML example by default (15M elements in 60 MB), before parsing anything", () => {
    const result = readCatalogText(xmlElements(15_000_000), { format: "xml" });
    expect(result.ok === false && result.error.limit).toBe("maxNodes");
    expect(DEFAULT_TEXT_LIMITS.maxNodes).toBeLessThan(6_000_000);
  });

  it("lets every realistic catalog through with room to spare", () => {
    for (const catalog of fixtures) {
      for (const [text, format] of [[writeCatalogYaml(catalog), "yaml"], [writeCatalogXml(catalog), "xml"]] as const) {
        expect(readCatalogText(text, { format, limits: { maxNodes: 60 * catalog.entries.length + 200 } }).ok).toBe(true);
      }
    }
  });
});
