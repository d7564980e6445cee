import { describe, expect, it } from "vitest";
import { DEFAULT_TEXT_LIMITS } from "./errors.js";
import { readCatalogText } from "./read.js";
import { fixtures, standardCatalog } from "./test-support/fixtures.js";
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

  // XML is read one entry at a time (the entries are cut out of the text and parsed alone), so the
  // limit bounds what is built at once — the part outside the entries, one entry, the number of
  // entries — and a catalog of many entries is read with the default limits, in memory that follows
  // its bytes. (A 100,000-entry 标准目录 converted from Excel, 189 MB of XML: refused before; now
  // read in about 1 GiB peak, byte-identical JSON; bench/RESULTS.md.)
  const many = { ...standardCatalog, entries: Array.from({ length: 300 }, (_, i) => ({ ...standardCatalog.entries[i % standardCatalog.entries.length]!, seq: String(i + 1) })) };
  const elementsOf = (xml: string) => xml.split("<").filter((t) => /^[^/!?]/.test(t)).length;

  it("XML: bounds each entry, not the file — a catalog with more elements than the limit is read whole and exact", () => {
    const xml = writeCatalogXml(many);
    expect(elementsOf(xml)).toBeGreaterThan(5_000);
    const result = readCatalogText(xml, { format: "xml", limits: { maxNodes: 400 } });
    expect(result.ok && result.catalog).toStrictEqual(JSON.parse(JSON.stringify(many)));
    // Lines of the entries are those of the whole text.
    const lines = xml.split("\n");
    const at = result.ok ? result.lines!.get("/entries/299/seq")! : 0;
    expect(lines[at - 1]).toContain("<seq>300</seq>");
  });

  it("XML: refuses an entry with more elements than the limit, at the element that passes it", () => {
    const xml = writeCatalogXml({ kind: "standard", schemaVersion: "1.0", entries: many.entries.slice(0, 10) });
    const result = readCatalogText(xml, { file: "a.xml", limits: { maxNodes: 20 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: "limit", limit: "maxNodes", file: "a.xml" });
    expect(result.error.message).toContain("一个条目的 XML 元素数超过上限 20（limits.maxNodes）");
    // At the 21st element of the first entry.
    const starts = [...xml.matchAll(/<(?![/!?])/g)].map((m) => m.index).filter((i) => i >= xml.indexOf("<disclosureEntry>"));
    expect(result.error.line).toBe(xml.slice(0, starts[20]).split("\n").length);
  });

  it("XML: refuses more entries than the limit, and a header with more elements than the limit", () => {
    const tooMany = readCatalogText(writeCatalogXml(many), { format: "xml", limits: { maxNodes: 250 } });
    expect(tooMany.ok === false && tooMany.error.message).toContain("目录 XML 的条目数超过上限 250");
    const header = `<catalog xmlns="https://zwgk.github.io/schemas/v1/catalog"><kind>standard</kind>${"<x/>".repeat(30)}<entries><disclosureEntry><seq>1</seq></disclosureEntry></entries></catalog>`;
    const result = readCatalogText(header, { format: "xml", limits: { maxNodes: 20 } });
    expect(result.ok === false && result.error.message).toContain("条目以外部分的 XML 元素数超过上限 20");
  });
});
