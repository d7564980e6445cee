import { describe, expect, it } from "vitest";
import { detectFormat, utf8Length } from "./decode.js";
import { writeCatalogJson } from "./json.js";
import { readCatalogText } from "./read.js";
import { serviceCatalog } from "./test-support/fixtures.js";
import { writeCatalogXml } from "./xml-write.js";
import { writeCatalogYaml } from "./yaml.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("detectFormat", () => {
  it.each([
    ["社会救助.json", undefined, "json"],
    ["目录.YAML", undefined, "yaml"],
    ["目录.yml", undefined, "yaml"],
    ["目录.xml", undefined, "xml"],
    [undefined, '  {"kind": "power"}', "json"],
    [undefined, "[]", "json"],
    ["目录.txt", "\ufeff<?xml version='1.0'?><catalog/>", "xml"],
    [undefined, "# 权责清单\nkind: power\n", "yaml"],
    [undefined, "---\nkind: power", "yaml"],
    [undefined, "kind: power", "yaml"],
    [undefined, "just some words", undefined],
    [undefined, undefined, undefined],
    ["目录.xlsx", "PK\u0003\u0004", undefined],
  ] as const)("%s %j → %s", (name, head, format) => {
    expect(detectFormat(name, head)).toBe(format);
  });

  it("sniffs bytes, skipping a UTF-8 BOM", () => {
    expect(detectFormat(undefined, new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]))).toBe("xml");
    expect(detectFormat(undefined, bytes("kind: service\n"))).toBe("yaml");
  });
});

describe("readCatalogText", () => {
  it("tells the format from the name or the content when none is given", () => {
    for (const text of [writeCatalogJson(serviceCatalog), writeCatalogYaml(serviceCatalog), writeCatalogXml(serviceCatalog)]) {
      expect(readCatalogText(text)).toMatchObject({ ok: true, catalog: serviceCatalog });
      expect(readCatalogText(bytes(text), {})).toMatchObject({ ok: true, catalog: serviceCatalog });
    }
    expect(readCatalogText(writeCatalogYaml(serviceCatalog), { file: "a.yaml" }).ok).toBe(true);
  });

  it("says what to do when the format cannot be told", () => {
    const result = readCatalogText("名称 编码", { file: "目录.txt" });
    expect(result).toMatchObject({ ok: false, error: { code: "not-a-catalog", file: "目录.txt" } });
    expect(!result.ok && result.error.message).toContain(".json");
  });

  it("recognises an xlsx workbook passed by mistake", () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    const result = readCatalogText(zip, { format: "json", file: "目录.xlsx" });
    expect(result).toMatchObject({ ok: false, error: { code: "not-a-catalog" } });
    expect(!result.ok && result.error.message).toContain(".xlsx");
  });

  it("refuses UTF-32 and UTF-16 BE byte order marks", () => {
    for (const bom of [[0xfe, 0xff, 0x00, 0x7b], [0x00, 0x00, 0xfe, 0xff], [0xff, 0xfe, 0x00, 0x00]]) {
      const result = readCatalogText(new Uint8Array(bom), { format: "yaml" });
      expect(result).toMatchObject({ ok: false, error: { code: "encoding" } });
    }
  });

  it("validates limit overrides and ignores unknown keys", () => {
    expect(() => readCatalogText("{}", { format: "json", limits: { maxDepth: -1 } })).toThrow(TypeError);
    expect(() => readCatalogText("{}", { format: "json", limits: { maxBytes: Number.NaN } })).toThrow(TypeError);
    expect(readCatalogText("{}", { format: "json", limits: { evil: 1 } as never })).toMatchObject({ ok: true });
  });
});

describe("maxDepth", () => {
  // The root object counts as 1 in every format; depth 4 here = root, entries, entry, timeLimit.
  const depth4 = {
    json: '{"entries": [{"timeLimit": {"raw": "实时公开"}}]}',
    yamlFlow: "entries: [{timeLimit: {raw: 实时公开}}]",
    yamlBlock: "entries:\n  - timeLimit:\n      raw: 实时公开\n",
    yamlCompact: "entries:\n- - - x\n",
    xml: "<catalog><kind>standard</kind><entries><disclosureEntry><timeLimit><raw>实时公开</raw></timeLimit></disclosureEntry></entries></catalog>",
    xmlSelfClosing: "<catalog><kind>standard</kind><entries><disclosureEntry><timeLimit><raw/></timeLimit></disclosureEntry></entries></catalog>",
  };
  it.each(Object.entries(depth4))("%s: depth 4 passes maxDepth 4 and fails maxDepth 3", (name, text) => {
    const format = name.startsWith("yaml") ? "yaml" : name.startsWith("xml") ? "xml" : "json";
    // XML leaves are elements too: <raw> is level 5.
    const needed = format === "xml" ? 5 : 4;
    expect(readCatalogText(text, { format, limits: { maxDepth: needed } })).toMatchObject({ ok: true });
    expect(readCatalogText(text, { format, limits: { maxDepth: needed - 1 } })).toMatchObject({ ok: false, error: { code: "limit", limit: "maxDepth" } });
  });

  it("is capped so that no setting can exhaust the stack", () => {
    const deep = `a: ${"[".repeat(5000)}${"]".repeat(5000)}`;
    expect(readCatalogText(deep, { format: "yaml", limits: { maxDepth: 1e9 } })).toMatchObject({ ok: false, error: { code: "limit" } });
  });
});

describe("utf8Length", () => {
  it("counts UTF-8 bytes without encoding", () => {
    for (const s of ["", "abc", "政务公开", "é", "😀👨‍👩‍👧", "\ud800x"]) expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });
});
