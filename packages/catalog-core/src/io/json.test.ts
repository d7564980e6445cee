import { describe, expect, it } from "vitest";
import { validateCatalog } from "../engine.js";
import { writeCatalogJson } from "./json.js";
import { readCatalogText } from "./read.js";
import { powerCatalog, standardCatalog } from "./test-support/fixtures.js";

const read = (text: string | Uint8Array, limits?: { maxBytes?: number; maxDepth?: number }) =>
  readCatalogText(text, { file: "社会救助.json", ...(limits ? { limits } : {}) });

function errorOf(result: ReturnType<typeof read>) {
  if (result.ok) throw new Error("expected an error");
  return result.error;
}

describe("readCatalogText — JSON", () => {
  it("reads a catalog and records the line of each entry and entry field", () => {
    const text = writeCatalogJson(standardCatalog);
    const result = read(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.catalog).toStrictEqual(standardCatalog);
    const lines = text.split("\n");
    const second = result.lines?.get("/entries/1") as number;
    expect(lines[second - 1]).toBe("    {");
    expect(lines[(result.lines?.get("/entries/1/timeLimit") as number) - 1]).toContain('"timeLimit"');
    expect(lines[(result.lines?.get("/title") as number) - 1]).toContain("某县社会救助领域基层政务公开标准目录");
  });

  it("answers the line of every entry and entry key from its compact table", () => {
    for (const catalog of [standardCatalog, powerCatalog]) {
      const text = writeCatalogJson(catalog);
      const result = read(text);
      if (!result.ok) throw new Error(result.error.message);
      const lines = text.split("\n");
      catalog.entries.forEach((entry, i) => {
        expect(lines[(result.lines?.get(`/entries/${i}`) as number) - 1]).toBe("    {");
        for (const key of Object.keys(entry)) expect(lines[(result.lines?.get(`/entries/${i}/${key}`) as number) - 1]).toMatch(new RegExp(`^ {6}"${key}":`));
        expect(result.lines?.get(`/entries/${i}/nothing`)).toBeUndefined();
      });
      expect(result.lines?.get(`/entries/${catalog.entries.length}`)).toBeUndefined();
      expect(lines[(result.lines?.get("/kind") as number) - 1]).toMatch(/^ {2}"kind":/);
    }
  });

  it("refuses a repeated key at any level, at the line of the second one, instead of keeping the last", () => {
    // The whole catalog would be replaced by an empty one: exit 0 and 0 entries, without a word.
    const text = `${writeCatalogJson(standardCatalog).slice(0, -3)},\n  "entries": []\n}\n`;
    const error = errorOf(read(text));
    expect(error.code).toBe("syntax");
    expect(error.line).toBe(text.split("\n").length - 2);
    expect(error.pointer).toBe("/entries");
    expect(error.message).toMatch(/社会救助\.json.*第 \d+ 行.*重复的键名“entries”/);
    // Inside an entry, inside a nested object, and with the key spelled through an escape.
    const entry = errorOf(read('{"kind":"standard","entries":[{"items":["a"],"content":"x",\n"content":"y"}]}'));
    expect([entry.line, entry.pointer]).toEqual([2, "/entries/0/content"]);
    const nested = errorOf(read('{"kind":"standard","entries":[{"basis":{"raw":"a","raw":"b"}}]}'));
    expect(nested.pointer).toBe("/entries/0/basis/raw");
    expect(errorOf(read('{"kind":"standard","\\u006bind":"power","entries":[]}')).pointer).toBe("/kind");
    // Objects with many keys (checked through a set) too; equal keys in sibling objects are fine.
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    expect(errorOf(read(`{"kind":"standard","entries":[],"x":${JSON.stringify(wide).slice(0, -1)},"k39":1}}`)).pointer).toBe("/x/k39");
    expect(read('{"kind":"standard","entries":[{"items":["a"]},{"items":["b"]}]}').ok).toBe(true);
  });

  it("gives a catalog the engine validates: schema findings, not read errors, for a wrong shape", () => {
    const result = read('{"kind":"power","schemaVersion":"1.0","entries":[{"type":"行政许可"}]}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const findings = validateCatalog(result.catalog);
    expect(findings.some((f) => f.rule === "schema" && f.location.path?.startsWith("/entries/0"))).toBe(true);
  });

  it.each([
    ['{\n  "kind": "standard",\n  "entries": [1, 2,]\n}', 3, 19, "多了逗号"],
    ['{\n  "kind": "standard"\n  "entries": []\n}', 3, 3, "缺少逗号"],
    ['{\n  "kind": }', 2, 11, "缺少值"],
    ["{\n  'kind': 1}", 2, 3, "单引号"],
    ['{"title": "第一行\n第二行"}', 1, 15, "换行"],
    ['{"a": 1,\n}', 1, 8, "多了逗号"],
    ['{"kind": "standard"', 1, 20, "意外结束"],
    ['{"a": 01}', 1, 7, "数字"],
    ['{"a": "C:\\目录"}', 1, 10, "转义"],
    ['{"a": 1} x', 1, 10, "多余内容"],
    ['{"a": TRUE}', 1, 7, "意外的字符"],
    ['// 目录\n{}', 1, 1, "注释"],
  ])("reports a syntax error with line and column: %j", (text, line, column, phrase) => {
    const error = errorOf(read(text));
    expect(error).toMatchObject({ code: "syntax", file: "社会救助.json", line, column });
    expect(error.message).toContain(phrase);
    expect(error.message).toContain(`第 ${line} 行第 ${column} 列`);
    // JSON.parse agrees the text is invalid.
    expect(() => JSON.parse(text)).toThrow();
  });

  it.each(["__proto__", "constructor", "prototype", "__pro\\u0074o__"])("rejects the key %s with its pointer and line, leaving Object.prototype alone", (key) => {
    const text = `{\n  "kind": "standard",\n  "entries": [\n    {"items": ["x"]},\n    {"items": ["y"], "${key}": {"polluted": "yes"}}\n  ]\n}`;
    const error = errorOf(read(text));
    expect(error.code).toBe("forbidden-key");
    expect(error.line).toBe(5);
    expect(error.pointer).toBe(`/entries/1/${JSON.parse(`"${key}"`)}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("refuses nesting deeper than maxDepth, without recursion", () => {
    const deep = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const error = errorOf(read(deep));
    expect(error).toMatchObject({ code: "limit", limit: "maxDepth", line: 1, column: 37 });
    expect(errorOf(read('{"a":[[[]]]}', { maxDepth: 3 })).code).toBe("limit");
    expect(read('{"a":[[]]}', { maxDepth: 3 }).ok).toBe(true);
  });

  it("refuses a text over maxBytes, counting UTF-8 bytes of a string", () => {
    const text = `{"title":"${"政".repeat(400)}"}`;
    expect(errorOf(read(text, { maxBytes: 1000 }))).toMatchObject({ code: "limit", limit: "maxBytes" });
    expect(read(text, { maxBytes: 1300 }).ok).toBe(true);
    expect(errorOf(read(new TextEncoder().encode(text), { maxBytes: 1000 })).message).toContain("maxBytes");
  });

  it("tolerates a UTF-8 BOM in bytes and in strings", () => {
    const text = writeCatalogJson(powerCatalog);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(read(bom)).toMatchObject({ ok: true, catalog: powerCatalog });
    expect(read(`\ufeff${text}`)).toMatchObject({ ok: true, catalog: powerCatalog });
  });

  it("refuses UTF-16 and GBK bytes with advice to re-save as UTF-8", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]);
    expect(errorOf(read(utf16))).toMatchObject({ code: "encoding" });
    expect(errorOf(read(utf16)).message).toContain("UTF-16");
    const noBom = new Uint8Array([0x7b, 0x00, 0x7d, 0x00]);
    expect(errorOf(read(noBom)).message).toContain("NUL");
    // {"title": "政务"} with 政务 in GBK (D5FE CEF1), on line 2.
    const gbk = new Uint8Array([0x7b, 0x0a, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xd5, 0xfe, 0xce, 0xf1, 0x22, 0x7d]);
    const error = errorOf(read(gbk));
    expect(error).toMatchObject({ code: "encoding", line: 2 });
    expect(error.message).toContain("GBK");
    expect(error.message).toContain("UTF-8");
  });

  it("says when the top level is not an object", () => {
    expect(errorOf(read("[]")).code).toBe("not-a-catalog");
    expect(errorOf(read('"目录"')).code).toBe("not-a-catalog");
  });
});

describe("writeCatalogJson", () => {
  it("writes schema key order, 2-space indent and a trailing newline", () => {
    const shuffled = { entries: [{ name: "公路建设项目施工许可", type: "行政许可", seq: "1" }], schemaVersion: "1.0", kind: "power" as const, $schema: "s" };
    const text = writeCatalogJson(shuffled);
    expect(text).toBe(
      '{\n  "$schema": "s",\n  "kind": "power",\n  "schemaVersion": "1.0",\n  "entries": [\n    {\n      "seq": "1",\n      "type": "行政许可",\n      "name": "公路建设项目施工许可"\n    }\n  ]\n}\n',
    );
  });

  it("keeps keys the schema does not know, after the known ones", () => {
    const odd = { kind: "service", schemaVersion: "1.0", entries: [], zExtra: 1, aExtra: 2 } as never;
    expect(Object.keys(JSON.parse(writeCatalogJson(odd)))).toEqual(["kind", "schemaVersion", "entries", "zExtra", "aExtra"]);
  });
});
