import { describe, expect, it } from "vitest";
import { nodeInflate } from "./inflate-node.js";
import { openWorkbook } from "./index.js";
import { buildXlsx, grid, readAll, sheetXml } from "./test-zip.js";

/**
 * The sheet reader reads the bytes of a chunk instead of its text when the two agree position by
 * position. Equal lengths alone do not prove that: a chunk that starts with the last byte of an
 * emoji (two UTF-16 units from one byte) and holds one "é" (one unit from two bytes) has as many
 * units as bytes, yet every position before the "é" is shifted by one.
 */
describe("byte fast path", () => {
  it("is not taken for a chunk whose text only has the length of its bytes", async () => {
    const padding = Array.from({ length: 40 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c></row>`).join("");
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>😀</t></is></c> <c r="B1"><v>1</v></c> <c r="C1"><v>456</v></c>' +
      '<c r="D1" t="inlineStr"><is><t>é</t></is></c></row>' +
      padding;
    const xml = sheetXml(rows);
    const enc = new TextEncoder();
    const cut = enc.encode(xml.slice(0, xml.indexOf("😀"))).length + 3; // the emoji's last byte starts chunk 2
    const bytes = enc.encode(xml);
    const second = bytes.subarray(cut, 2 * cut);
    // The trap is really set: chunk 2 starts with a continuation byte, ends in ASCII, holds one "é".
    expect(second[0]).toBe(0x80);
    expect(second[second.length - 1]! < 0x80).toBe(true);
    expect(new TextDecoder().decode(second.subarray(1)).includes("é")).toBe(true);
    expect(second.filter((b) => b >= 0x80).length).toBe(3);

    const data = buildXlsx({ sheets: [{ name: "S", xml }] });
    const wb = await openWorkbook(data, { inflate: nodeInflate, chunkSize: cut });
    const cells = grid(await readAll(wb));
    expect(cells).toMatchObject({ A1: "😀", B1: "1", C1: "456", D1: "é", A2: "0", A41: "39" });
  });
});
