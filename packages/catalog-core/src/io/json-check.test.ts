import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonCheckWork, parsedJsonIsClean } from "./json-check.js";
import { scanParsedJson } from "./json-scan.js";
import { readCatalogText } from "./read.js";
import { catalogArbitrary, FUZZ_RUNS } from "./test-support/arbitraries.js";

// `lines: false` (diff, apply) skips the line scan when the parsed value shows the text is clean; the
// result must be the one the scan gives: the same catalog, and the same refusal at the same line.

function agree(text: string, maxDepth = 32): void {
  const value = JSON.parse(text) as unknown;
  // "clean" must mean the scan succeeds; "not clean" may be a false alarm (the scan then decides).
  if (parsedJsonIsClean(text, value, maxDepth)) expect(scanParsedJson(text, maxDepth).ok, text).toBe(true);
  else if (!/\\u003a/i.test(text)) expect(scanParsedJson(text, maxDepth).ok, text).toBe(false);
  const limits = { maxDepth };
  const withLines = readCatalogText(text, { format: "json", limits });
  const without = readCatalogText(text, { format: "json", limits, lines: false });
  if (withLines.ok && without.ok) {
    expect(without.catalog).toEqual(withLines.catalog);
    expect(without.lines).toBeUndefined();
  } else expect(without).toEqual(withLines);
}

/** A catalog of `n` entries as `zwgk convert` writes it (2-space indent, one key a line). */
function bigCatalog(n: number): { kind: string; entries: Array<Record<string, unknown>> } {
  return {
    kind: "standard",
    entries: Array.from({ length: n }, (_, i) => ({
      seq: String(i + 1),
      items: ["社会救助", `最低生活保障${i}号`],
      content: "办理条件：申请材料、办理流程",
      timeLimit: { raw: "20个工作日内" },
      channels: { selected: ["政府网站"] },
    })),
  };
}

describe("reading JSON without lines", () => {
  it("gives the same catalog as the line scan, without lines", () => {
    const text = JSON.stringify(bigCatalog(3), null, 2);
    const result = readCatalogText(text, { file: "a.json", lines: false });
    expect(result.ok && result.lines).toBe(undefined);
    expect(result).toEqual({ ok: true, catalog: JSON.parse(text) });
    // YAML and XML leave their lines out too.
    expect(readCatalogText("kind: standard\nentries: []\n", { file: "a.yaml", lines: false })).toEqual({ ok: true, catalog: { kind: "standard", entries: [] } });
  });

  it("refuses a repeated key deep in a big file at its line, as the scan does", () => {
    const catalog = bigCatalog(20_000);
    const lines = JSON.stringify(catalog, null, 2).split("\n");
    // Repeat the key of entry 17,345's 时限 text: JSON.parse would silently keep the second.
    const at = lines.indexOf(`        "最低生活保障17345号"`) + 3;
    expect(lines[at]).toMatch(/^ {6}"timeLimit": \{$/);
    lines.splice(at + 1, 0, `        "raw": "5个工作日内",`);
    const text = lines.join("\n");
    const result = readCatalogText(text, { file: "big.json", lines: false });
    expect(result).toEqual(readCatalogText(text, { file: "big.json" }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      // The second "raw" (the original, one line below the inserted one) is the repeat.
      expect(result.error.line).toBe(at + 3);
      expect(result.error.pointer).toBe("/entries/17345/timeLimit/raw");
      expect(result.error.message).toContain("重复的键名“raw”");
    }
  });

  it("refuses forbidden keys and too deep nesting exactly as the scan does", () => {
    for (const text of [
      '{"kind":"standard","entries":[{"items":["a"],"__proto__":{"x":1}}]}',
      '{"kind":"standard","entries":[{"constructor":1}]}',
      '{"entries":[],"entries":[{"a":1}]}',
      `{"entries":[${"[".repeat(40)}${"]".repeat(40)}]}`,
      '{"a":{"b":{"c":{}}}}',
    ]) {
      agree(text);
      agree(text, 3);
      agree(text, 0);
    }
  });

  it("counts keys right around colons in keys and values, escaped quotes and escaped colons", () => {
    for (const text of [
      '{"a:b":"c:d","e":["f::","g"],"h":{"i":"\\":","j:":1}}',
      '{"a:b":1,"a:b":2}',
      '{"x":"a\\u003ab","x":1}',
      '{"x":"a\\u003Ab","y":1}',
      '{"a\\u003ab":1,"a:b":2}',
      '{"k":"\\\\","k2":"\\"","k":3}',
      '{"":1,"":2}',
      "5",
      "[1,{}]",
      '{"entries":[{"a":1,"b":{"c":1,"c":2}}]}',
    ]) agree(text);
  });

  it("reads no string when the text has no colon inside a string, and every string when it has", () => {
    const catalog = bigCatalog(100);
    for (const e of catalog.entries) e.content = "办理条件、申请材料";
    const text = JSON.stringify(catalog, null, 2);
    jsonCheckWork.strings = 0;
    expect(parsedJsonIsClean(text, JSON.parse(text), 32)).toBe(true);
    expect(jsonCheckWork.strings).toBe(0);
    // One colon in one value: the strings are searched (keys and values), and the text is still clean.
    catalog.entries[7]!.content = "办理条件：申请材料 http://a.gov.cn";
    const withColon = JSON.stringify(catalog, null, 2);
    expect(parsedJsonIsClean(withColon, JSON.parse(withColon), 32)).toBe(true);
    expect(jsonCheckWork.strings).toBeGreaterThan(100 * 9);
    agree(withColon);
  });

  it("is not fooled by an enumerable key added to Object.prototype", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto["x"] = 1;
    try {
      // Counted with the inherited x, the one object would seem to hold two keys for two colons.
      expect(parsedJsonIsClean('{"a":1,"a":2}', JSON.parse('{"a":1,"a":2}'), 32)).toBe(false);
      expect(parsedJsonIsClean('{"a":1}', JSON.parse('{"a":1}'), 32)).toBe(false);
    } finally {
      delete proto["x"];
    }
    expect(parsedJsonIsClean('{"a":1}', JSON.parse('{"a":1}'), 32)).toBe(true);
  });

  it("agrees with the scan on generated catalogs, with keys repeated anywhere", () => {
    fc.assert(
      fc.property(catalogArbitrary, fc.boolean(), fc.nat(), (catalog, pretty, pick) => {
        const text = JSON.stringify(catalog, null, pretty ? 2 : undefined);
        agree(text);
        // Repeat one of the keys: duplicate the text from a key's quote to the next comma or brace.
        const keys = [...text.matchAll(/"(?:[^"\\]|\\.)*"\s*:/g)];
        if (!keys.length) return;
        const k = keys[pick % keys.length]!;
        const repeated = text.slice(0, k.index) + `${k[0]}null,` + text.slice(k.index);
        try {
          JSON.parse(repeated);
        } catch {
          return; // the match was inside a string value
        }
        agree(repeated);
      }),
      { numRuns: FUZZ_RUNS },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()), (root, entries) => agree(JSON.stringify({ ...root, entries }))),
      { numRuns: FUZZ_RUNS },
    );
  });
});
