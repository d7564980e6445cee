import { describe, expect, it } from "vitest";
import { nodeInflate } from "./inflate-node.js";
import { openWorkbook } from "./index.js";
import { MAIN_NS, buildXlsx, buildZip, grid, readAll, sheetXml } from "./test-zip.js";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

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

  // mergesAhead decodes leniently (U+FFFD), and ASCII chunks may bypass its streaming decoder too:
  // not after a chunk that ends inside a sequence, whose U+FFFD belongs where the next chunk starts.
  it("mergesAhead reads an unfinished sequence before an ASCII chunk where it is", async () => {
    const enc = new TextEncoder();
    const xml = sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells><mergeCell ref="A1:B2@"/><mergeCell ref="C1:D2"/></mergeCells>');
    const [head, tail] = xml.split("@");
    const first = new Uint8Array([...enc.encode(head), 0xe5]);
    const sheet = new Uint8Array([...first, ...enc.encode(tail)]);
    const wb = await openWorkbook(withSheet(sheet), { inflate: nodeInflate, chunkSize: first.length });
    const merges = await wb.readSheet(wb.sheets[0]!).mergesAhead();
    expect(merges.map((m) => m.ref)).toEqual(["C1:D2"]); // "A1:B2\uFFFD" is no range
  });
});

/** A one-sheet workbook whose sheet part is these bytes. */
function withSheet(sheet: Uint8Array): Uint8Array {
  return buildZip([
    { name: "_rels/.rels", data: `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: "xl/workbook.xml", data: `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: "xl/_rels/workbook.xml.rels", data: `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    { name: "xl/worksheets/sheet1.xml", data: sheet },
  ]);
}
