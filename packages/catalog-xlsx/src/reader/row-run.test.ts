// The sheet reader reads a row's end and the next row's start itself, right after the row's cells
// (SheetSink.rowStart), and hands anything but the plain shape back to the scanner. Every shape must
// read the same wherever a chunk boundary falls — here at every single offset of the sheet part.
import { describe, expect, it } from "vitest";
import { nodeInflate } from "./inflate-node.js";
import { type InflateFn, type Row, XlsxReadError, openWorkbook } from "./index.js";
import { buildXlsx } from "./test-zip.js";

const v = (ref: string, s: number) => `<c r="${ref}" t="s"><v>${s}</v></c>`;

// Each row starts right after a quick cell of the row before, in a different way.
const ROWS = [
  `<row r="1" spans="1:2" x14ac:dyDescent="0.25">${v("A1", 0)}${v("B1", 1)}</row>`,
  `<row r="2" spans="1:2" ht="14.25" customHeight="1">${v("A2", 1)}</row>`, // plain, more attributes
  `<row spans="1:2">${v("A3", 0)}</row>`, // no r: the next row number
  `<row r="x5">${v("A4", 1)}</row>`, // r not a number: the next row number too
  `<row r="7" r="9">${v("A7", 0)}</row>`, // r twice: the first counts
  `<row r='10'>${v("A10", 1)}</row>`, // single quotes: the scanner reads it
  `<row  r="11">${v("A11", 0)}</row>`, // two spaces
  `<row r="12" >${v("A12", 1)}</row>`, // space before >
  `<row r="13" note="a>b">${v("A13", 0)}</row>`, // > inside a value
  `<row r="14"/>`, // self-closing, empty
  `<row r="15"></row>`, // empty
  `<row r="16">${v("A16", 1)}</row>\n<row r="17">${v("A17", 0)}</row>`, // text between rows
  `<row r="18" spans="1:2"><c r="A18"><v>3.5</v></c></row>`, // a number
  `<row r="19"><c r="A19"><f>1+1</f><v>2</v></c></row>`, // not a quick cell: the scanner
  `<row r="20">${v("A20", 1)}${v("B20", 0)}</row>`,
  // What follows r="…" is remembered from the last plain row and compared whole on the next one.
  `<row r="21" spans="1:2" x14ac:dyDescent="0.25">${v("A21", 0)}</row>`,
  `<row r="22" spans="1:2" x14ac:dyDescent="0.25">${v("A22", 1)}</row>`, // the same rest
  `<row r="23" spans="1:2" x14ac:dyDescent="0.25" r="99">${v("A23", 0)}</row>`, // the rest, then r again
  `<row r="" spans="1:2" x14ac:dyDescent="0.25">${v("A24", 1)}</row>`, // an empty r: the next row number
  `<row r="26" spans="1:2" x14ac:dyDescent="0.25"/>`, // the rest, but self-closing
  `<row r="27" spans="1:2" x14ac:dyDescent="0.25">${v("A27", 0)}</row>`,
  `<row r="028" spans="1:2" x14ac:dyDescent="0.25">${v("A28", 1)}</row>`,
].join("");

const EXPECTED = [
  [1, ["甲", "乙"]],
  [2, ["乙"]],
  [3, ["甲"]],
  [4, ["乙"]],
  [7, ["甲"]],
  [10, ["乙"]],
  [11, ["甲"]],
  [12, ["乙"]],
  [13, ["甲"]],
  [16, ["乙"]],
  [17, ["甲"]],
  [18, ["3.5"]],
  [19, ["2"]],
  [20, ["乙", "甲"]],
  [21, ["甲"]],
  [22, ["乙"]],
  [23, ["甲"]],
  [24, ["乙"]],
  [27, ["甲"]],
  [28, ["乙"]],
];

/** Inflates the part, then hands it out in two pieces cut at `at` bytes. */
function splitAt(at: number): InflateFn {
  return (compressed) => ({
    async *[Symbol.asyncIterator]() {
      const parts: Uint8Array[] = [];
      for await (const chunk of nodeInflate(compressed)) parts.push(chunk);
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let off = 0;
      for (const p of parts) all.set(p, (off += p.length) - p.length);
      const cut = Math.min(at, all.length);
      yield all.subarray(0, cut);
      if (cut < all.length) yield all.subarray(cut);
    },
  });
}

const summary = (rows: Row[]) => rows.map((r) => [r.index, r.cells.map((c) => c.text)]);

async function read(data: Uint8Array, inflate: InflateFn) {
  const wb = await openWorkbook(data, { inflate });
  const rows: Row[] = [];
  for await (const row of wb.readSheet(wb.sheets[0]!)) rows.push(row);
  return rows;
}

describe("rows read right after a row's cells", () => {
  const data = buildXlsx({ sheets: [{ name: "S", rows: ROWS }], sharedStrings: ["甲", "乙"] });

  it("every row shape reads as the scanner reads it, with the part cut at every offset", async () => {
    const whole = await read(data, nodeInflate);
    expect(summary(whole)).toEqual(EXPECTED);
    const size = ROWS.length + 300; // the part: the rows plus the worksheet around them
    for (let at = 1; at < size; at++) expect(await read(data, splitAt(at))).toEqual(whole);
  });

  it("the row limit and the empty-row limit count rows started there too", async () => {
    const many = Array.from({ length: 6 }, (_, i) => `<row r="${i + 1}">${v(`A${i + 1}`, 0)}</row>`).join("");
    const tooMany = buildXlsx({ sheets: [{ name: "S", rows: many }], sharedStrings: ["甲"] });
    const limited = async (limits: Record<string, number>, file: Uint8Array) => {
      const wb = await openWorkbook(file, { inflate: nodeInflate, limits });
      for await (const _ of wb.readSheet("S"));
    };
    await expect(limited({ maxRows: 5 }, tooMany)).rejects.toMatchObject({ code: "limit", limit: "maxRows" });
    await expect(limited({ maxRows: 6 }, tooMany)).resolves.toBeUndefined();
    const empty = `${v("A1", 0)}</row>${Array.from({ length: 4 }, (_, i) => `<row r="${i + 2}"></row>`).join("")}<row r="9">${v("A9", 0)}`;
    const gaps = buildXlsx({ sheets: [{ name: "S", rows: `<row r="1">${empty}</row>` }], sharedStrings: ["甲"] });
    await expect(limited({ maxEmptyRows: 3 }, gaps)).rejects.toBeInstanceOf(XlsxReadError);
    await expect(limited({ maxEmptyRows: 4 }, gaps)).resolves.toBeUndefined();
  });
});
