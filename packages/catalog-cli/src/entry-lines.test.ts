import { describe, expect, it } from "vitest";
import { readCatalogText } from "@zwgk/catalog-core";
import { jsonEntryLines } from "./entry-lines.js";

/** The entry lines the JSON reader reports (`/entries/<i>`), for as many entries as it read. */
function readerLines(text: string): number[] {
  const r = readCatalogText(new TextEncoder().encode(text), { format: "json" });
  if (!r.ok) throw new Error(r.error.message);
  const entries = (r.catalog as { entries: unknown[] }).entries;
  return entries.map((_, i) => r.lines!.get(`/entries/${i}`)!);
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe("jsonEntryLines", () => {
  const entry = (i: number) => ({
    seq: String(i),
    items: ["社会救助", `事项 "${i}" \\ [a] {b}, c: d`, "\u2028\\\"]"],
    basis: { raw: "《条例》第十条", documents: [{ title: "[x]" }] },
    channels: { selected: ["■政府网站", "[", "]"] },
    extra: [{ name: "{", value: "}," }],
  });
  const catalog = (n: number) => ({ schemaVersion: "1.0", kind: "standard", title: "entries [", entries: Array.from({ length: n }, (_, i) => entry(i)), remark: "entries" });
  const texts: Record<string, string> = {
    pretty: JSON.stringify(catalog(7), null, 2),
    compact: JSON.stringify(catalog(5)),
    tabs: JSON.stringify(catalog(4), null, "\t"),
    crlf: JSON.stringify(catalog(6), null, 2).replace(/\n/g, "\r\n"),
    bom: "\ufeff" + JSON.stringify(catalog(3), null, 2),
    empty: JSON.stringify(catalog(0), null, 2),
    // Entries not first, keys that only look like entries, nested arrays of objects called entries.
    later: JSON.stringify({ title: "x", nested: { entries: [{ a: 1 }, { b: 2 }] }, entries_: [1, 2], kind: "standard", entries: [entry(0), entry(1), entry(2)] }, null, 2),
    // Escaped key, blank lines between entries, an entry and a comma on lines of their own.
    escaped: '{\n  "kind": "standard",\n  "\\u0065ntries": [\n\n    {"seq": "1"}\n    ,\n\n    {"seq": "2"},{"seq":\n"3"}\n  ]\n}\n',
    oneLine: '{"entries":[{"seq":"1"},{"seq":"2"}],"kind":"standard"}',
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`gives the reader's line of every entry (${name})`, () => {
      expect(jsonEntryLines(bytes(text))).toEqual(readerLines(text));
    });
  }

  it("says when the root holds no entries array", () => {
    expect(jsonEntryLines(bytes('{"kind": "standard", "x": {"entries": [{"a": 1}]}}'))).toBeUndefined();
  });

  it("counts a backslash run before a quote: an even run ends the string", () => {
    const text = JSON.stringify({ title: "a\\\\", entries: [{ seq: "\\" }, { seq: "\\\\\"" }, { seq: "x" }] }, null, 1);
    expect(jsonEntryLines(bytes(text))).toEqual(readerLines(text));
    expect(jsonEntryLines(bytes(text))).toHaveLength(3);
  });
});
