import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sheetDataEnd } from "./sheet.js";

/** What mergesAhead looked for before: the same answer is required of sheetDataEnd. */
const SHEET_DATA_END = /<\/(?:[A-Za-z_][\w.-]*:)?sheetData\s*>/;

function byRegExp(carry: string, text: string): number {
  const m = SHEET_DATA_END.exec(carry + text);
  return m ? m.index + m[0].length : -1;
}

const PIECES = ["<", "/", "</", ">", ":", "x", "x:", "_a", "9", ".", "-", "sheetData", "sheetdata", " ", "\t", "\r\n", "\u3000", "\u00a0", "\ufeff", "\u200b", "é", "😀", "<row>", "</sheetData>", "</x:sheetData >", "a"];

describe("sheetDataEnd", () => {
  it("finds the end of </sheetData> as the regular expression did, across the carry and the text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), fc.nat(), (pieces, cut) => {
        const all = pieces.join("");
        const at = all.length === 0 ? 0 : cut % (all.length + 1);
        const carry = all.slice(0, at);
        const text = all.slice(at);
        expect(sheetDataEnd(carry, text)).toBe(byRegExp(carry, text));
      }),
      { numRuns: 20_000 },
    );
  });

  it("handles the shapes writers use", () => {
    for (const [carry, text] of [
      ["", "<row/></sheetData><mergeCells>"],
      ["<row/></sheet", "Data>"],
      ["</x:", "sheetData\r\n>"],
      ["", "</_p.1-x:sheetData\u3000>"],
      ["", "</1x:sheetData>"],
      ["", "</:sheetData>"],
      ["", "<sheetData></sheetData >"],
      ["", "</sheetDataX>"],
      ["</sheetData", "  "],
    ] as const) {
      expect(sheetDataEnd(carry, text)).toBe(byRegExp(carry, text));
    }
  });
});
