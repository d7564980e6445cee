import fc from "fast-check";
import type { Catalog, StandardCatalog } from "@zwgk/catalog-schemas";
import { parse as parseYamlWithPackage } from "yaml";
import { describe, expect, it } from "vitest";
import { writeCatalogJson } from "./json.js";
import { readCatalogText } from "./read.js";
import { catalogArbitrary, FUZZ_RUNS } from "./test-support/arbitraries.js";
import { fixtures } from "./test-support/fixtures.js";
import { createCatalogWriter } from "./write-stream.js";
import { writeCatalogXml } from "./xml-write.js";
import { writeCatalogYaml } from "./yaml.js";
import { yamlBlock } from "./yaml-emit.js";

const WHOLE = { json: writeCatalogJson, yaml: writeCatalogYaml, xml: writeCatalogXml } as const;

function streamed(format: "json" | "yaml" | "xml", catalog: Catalog): string[] {
  const { entries, ...header } = catalog;
  const writer = createCatalogWriter(format, header);
  return [writer.begin(), ...entries.map((e) => writer.entry(e)), writer.end()];
}

// Strings whose YAML form is easy to get wrong: YAML 1.1/1.2 keywords and numbers, indicators,
// comment and mapping markers, blanks at the ends, multi-line text of every chomping kind.
const TRICKY = [
  "", " ", "a ", " a", "1", "01", "1.0", "-1", "+1", ".5", "1e3", "1_000", "0x1F", "0o17", ".inf", "-.Inf", ".NaN", "~", "null", "Null",
  "true", "False", "yes", "No", "on", "OFF", "y", "n", "-", "- a", "-a", "?", "? a", ":", "a:", "a: b", "a:b", "a #b", "a#b", "#a", "&a", "*a",
  "!a", "|", ">", "'a'", '"a"', "%a", "@a", "`a", "[a]", "{a}", "a, b", "<<", "---", "...", "http://a.b/c?d=e#f", "第20条", "20个工作日内",
  "a\nb", "a\nb\n", "a\nb\n\n", "\na", "a\n\nb", "a\n b", " a\nb", "a\n \nb", "a\r\nb", "a\tb", "\t", "a\u0085b", "a\u2028b", "\uFEFFa",
  "全角：冒号", "《条例》第二十条", "■政府网站 □政府公报", "😀", "\u0001", "\\", "a\\nb",
];

describe("streaming catalog writers", () => {
  it("give exactly the text of the one-shot writers, piece by piece", () => {
    for (const catalog of fixtures) {
      for (const format of ["json", "yaml", "xml"] as const) expect(streamed(format, catalog).join("")).toBe(WHOLE[format](catalog));
    }
  });

  it("write an empty catalog that reads back", () => {
    const empty: StandardCatalog = { schemaVersion: "1.0", kind: "standard", entries: [] };
    for (const format of ["json", "yaml", "xml"] as const) {
      const back = readCatalogText(streamed(format, empty).join(""), { format });
      expect(back.ok && back.catalog).toStrictEqual(empty);
    }
  });

  it("stream any generated catalog to text that reads back the same", () => {
    fc.assert(
      fc.property(catalogArbitrary, (catalog) => {
        for (const format of ["json", "yaml", "xml"] as const) {
          const back = readCatalogText(streamed(format, catalog).join(""), { format });
          if (!back.ok) throw new Error(`${format}: ${back.error.message}`);
          expect(back.catalog).toStrictEqual(catalog);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it("write YAML scalars that the yaml package and our reader read back unchanged", () => {
    const value = { list: TRICKY, map: Object.fromEntries(TRICKY.filter((s) => s !== "").map((s, i) => [s, i])), nested: [[TRICKY[0], [TRICKY[1]]], {}, []] };
    const text = yamlBlock(value, 0);
    expect(parseYamlWithPackage(text, { version: "1.2" })).toStrictEqual(value);
    for (const s of TRICKY) {
      const one = yamlBlock({ k: s, l: [s], m: [{ k: s }] }, 0);
      expect(parseYamlWithPackage(one), JSON.stringify(s)).toStrictEqual({ k: s, l: [s], m: [{ k: s }] });
    }
    // YAML 1.1 readers (PyYAML, older tools) must not see a boolean or a number either.
    expect(yamlBlock({ a: "yes", b: "off", c: "1_000", d: "0o17" }, 0)).toBe('a: "yes"\nb: "off"\nc: "1_000"\nd: "0o17"\n');
  });
});
