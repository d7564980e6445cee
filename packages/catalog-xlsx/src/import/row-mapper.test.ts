import { describe, expect, it } from "vitest";
import { trimCell } from "./row-mapper.js";

describe("trimCell", () => {
  // The definition: the white space String.prototype.trim removes, except the vertical tab and form feed.
  const EDGE = new Set("\t\n\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff");
  const reference = (text: string) => {
    let start = 0;
    let end = text.length;
    while (start < end && EDGE.has(text[start]!)) start++;
    while (end > start && EDGE.has(text[end - 1]!)) end--;
    return text.slice(start, end);
  };

  it("equals its definition with every BMP character at either end, alone or around text", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `${ch}事项${ch}`, `${ch}a`, `a${ch}`, ` ${ch} `]) {
        if (trimCell(text) !== reference(text)) expect(trimCell(text), `U+${c.toString(16)} in ${JSON.stringify(text)}`).toBe(reference(text));
      }
    }
    expect(trimCell("")).toBe("");
    expect(trimCell("\u000b同上\u000c ")).toBe("\u000b同上\u000c");
  });
});
