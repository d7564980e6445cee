// Hostile inputs, round two: small workbooks that made the reader build unbounded trees, keep
// unbounded lists, redo work without counting it, or change data without a word.
import { describe, expect, it } from "vitest";
import { nodeInflate } from "./inflate-node.js";
import { type OpenOptions, XlsxReadError, openWorkbook } from "./index.js";
import { MAIN_NS, buildXlsx, buildZip, crc32, readAll, sheetXml, stylesXml } from "./test-zip.js";

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

async function readFully(data: Uint8Array, options: OpenOptions = {}): Promise<number> {
  const wb = await openWorkbook(data, { inflate: nodeInflate, ...options });
  let n = 0;
  for (const s of wb.sheets) for await (const row of wb.readSheet(s)) n += row.cells.length;
  return n;
}

async function readError(run: Promise<unknown>): Promise<XlsxReadError> {
  const e = await run.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(XlsxReadError);
  expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
  return e as XlsxReadError;
}

const ROWS = `<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>`;

/** A one-sheet workbook built part by part; `parts` replaces or adds parts by name. */
function workbook(parts: Record<string, string | Uint8Array> = {}, crcs: Record<string, number> = {}): Uint8Array {
  const all: Record<string, string | Uint8Array> = {
    "_rels/.rels": `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": sheetXml(ROWS),
    ...parts,
  };
  return buildZip(Object.entries(all).map(([name, data]) => ({ name, data, ...(crcs[name] !== undefined ? { crc: crcs[name] } : {}) })));
}
const repeat = (s: string, n: number) => s.repeat(n);

describe("parts read whole have node and size bounds of their own", () => {
  it("stops a styles part of millions of <xf/> with a limit error instead of building it", async () => {
    // ~10 MB of <xf/>, deflated to a few KB: under the ratio and size limits, far over any real styles part.
    const styles = `<styleSheet xmlns="${MAIN_NS}"><cellXfs>${repeat("<xf/>", 2_000_000)}</cellXfs></styleSheet>`;
    const e = await readError(readFully(buildXlsx({ sheets: [{ name: "数据", rows: ROWS }], styles })));
    expect(e).toMatchObject({ code: "limit", limit: "maxTreeNodes", part: "xl/styles.xml" });
  });

  it("still reads the date formats of an ordinary styles part", async () => {
    const wb = await openWorkbook(
      buildXlsx({ sheets: [{ name: "数据", rows: `<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292</v></c></row>` }], styles: stylesXml([0, 14, 164], { 164: "yyyy年m月d日" }) }),
      { inflate: nodeInflate },
    );
    const [row] = await readAll(wb);
    expect(row!.cells.map((c) => c.kind)).toEqual(["date", "date"]);
  });

  it.each([
    ["_rels/.rels", (body: string) => `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>${body}</Relationships>`],
    ["docProps/core.xml", (body: string) => `<cp:coreProperties xmlns:cp="x">${body}</cp:coreProperties>`],
    ["xl/_rels/workbook.xml.rels", (body: string) => `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>${body}</Relationships>`],
  ])("stops %s holding hundreds of thousands of elements", async (part, wrap) => {
    const body = repeat(`<x a="1"/>`, 300_000);
    const wrapped = wrap(body);
    const entries = workbook({ "docProps/core.xml": `<cp:coreProperties xmlns:cp="x"/>`, [part]: wrapped });
    const e = await readError(readFully(entries));
    expect(e).toMatchObject({ code: "limit", limit: "maxTreeNodes", part });
  });

  it("bounds the decompressed size of a part read whole (maxTreeBytes), whatever it holds", async () => {
    const core = `<cp:coreProperties xmlns:cp="x"><!--${" ".repeat(3 * 1024 * 1024)}--></cp:coreProperties>`;
    const data = buildXlsx({ sheets: [{ name: "数据", rows: ROWS }], core, method: 0 });
    const e = await readError(readFully(data, { limits: { maxTreeBytes: 1024 * 1024 } }));
    expect(e).toMatchObject({ code: "limit", limit: "maxTreeBytes", part: "docProps/core.xml" });
    await expect(readFully(data)).resolves.toBe(1); // within the default
  });
});

describe("work that grows faster than the input", () => {
  it("refuses <sheet> entries that share one worksheet part, and counts re-reads against maxTotalBytes", async () => {
    const sheets = Array.from({ length: 2000 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId1"/>`).join("");
    const data = workbook({ "xl/workbook.xml": `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets}</sheets></workbook>` });
    const e = await readError(openWorkbook(data, { inflate: nodeInflate }));
    expect(e).toMatchObject({ code: "malformed" });
    expect(e.message).toContain("同一个工作表文件");

    // Reading one sheet again and again counts every time: the limit bounds the work done.
    const rows = repeat(ROWS, 2000);
    const one = buildXlsx({ sheets: [{ name: "数据", rows }] });
    const size = sheetXml(rows).length;
    const wb = await openWorkbook(one, { inflate: nodeInflate, limits: { maxTotalBytes: size * 3 } });
    await readAll(wb);
    await readAll(wb);
    const again = await readError(readAll(wb));
    expect(again).toMatchObject({ code: "limit", limit: "maxTotalBytes" });
  });
});

describe("things kept without limit", () => {
  it("caps the merged ranges kept for a sheet (maxMergedRanges)", async () => {
    const merges = `<mergeCells>${repeat(`<mergeCell ref="A1:B2"/>`, 600_000)}</mergeCells>`;
    const data = buildXlsx({ sheets: [{ name: "数据", rows: ROWS, after: merges }] });
    const e = await readError(readFully(data));
    expect(e).toMatchObject({ code: "limit", limit: "maxMergedRanges", sheet: "数据" });
    const wb = await openWorkbook(buildXlsx({ sheets: [{ name: "数据", rows: ROWS, after: `<mergeCells>${repeat(`<mergeCell ref="A1:B2"/>`, 1000)}</mergeCells>` }] }), { inflate: nodeInflate });
    const reader = wb.readSheet("数据");
    for await (const _ of reader);
    expect(reader.merges).toHaveLength(1000);
  });

  it("bounds the characters of the shared strings table kept while sheets are read (maxSharedStringChars)", async () => {
    const strings = Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(1000, "公"));
    const data = buildXlsx({ sheets: [{ name: "数据", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` }], sharedStrings: strings });
    await expect(readFully(data)).resolves.toBe(1);
    const e = await readError(readFully(data, { limits: { maxSharedStringChars: 50_000 } }));
    expect(e).toMatchObject({ code: "limit", limit: "maxSharedStringChars", part: "xl/sharedStrings.xml" });
  });
});

describe("data is never changed without a word", () => {
  it("verifies the CRC-32 of every part read: a stored part edited after zipping is refused", async () => {
    const xml = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>公开时限：20个工作日</t></is></c></row>`);
    const edited = xml.replace("20", "99");
    const good = buildXlsx({ sheets: [{ name: "数据", xml }], method: 0 });
    await expect(readFully(good)).resolves.toBe(1);
    // Same length, same declared size, the original checksum: only the CRC can tell.
    const bad = buildXlsx({ sheets: [{ name: "数据", xml }], method: 0, extra: [] });
    const patched = new TextDecoder("latin1").decode(bad).replace(new TextDecoder("latin1").decode(new TextEncoder().encode(xml)), new TextDecoder("latin1").decode(new TextEncoder().encode(edited)));
    const bytes = Uint8Array.from(patched, (ch) => ch.charCodeAt(0));
    expect(bytes.length).toBe(bad.length);
    const e = await readError(readFully(bytes));
    expect(e).toMatchObject({ code: "malformed", part: "xl/worksheets/sheet1.xml" });
    expect(e.message).toContain("CRC-32");
    // Deflated parts are checked too.
    const wrongCrc = workbook({ "xl/worksheets/sheet1.xml": xml }, { "xl/workbook.xml": 12345 });
    expect(await readError(readFully(wrongCrc))).toMatchObject({ code: "malformed", part: "xl/workbook.xml" });
    expect(crc32(new TextEncoder().encode(xml))).not.toBe(crc32(new TextEncoder().encode(edited)));
  });

  it("reports GBK bytes inside sheet XML as an encoding error near their row, not as U+FFFD", async () => {
    const enc = new TextEncoder();
    const gbk = new Uint8Array([0xb9, 0xab, 0xbf, 0xaa]); // 公开 in GBK
    const head = enc.encode(sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>`).split("</sheetData>")[0]!);
    const tail = enc.encode(`</t></is></c></row></sheetData></worksheet>`);
    const sheet = new Uint8Array([...head, ...gbk, ...tail]);
    const e = await readError(readFully(workbook({ "xl/worksheets/sheet1.xml": sheet })));
    expect(e).toMatchObject({ code: "encoding", sheet: "数据" });
    expect(e.message).toContain("第 2 行附近");
    // Shared strings and the parts read whole too.
    const sst = new Uint8Array([...enc.encode(`<sst xmlns="${MAIN_NS}"><si><t>`), ...gbk, ...enc.encode(`</t></si></sst>`)]);
    const e2 = await readError(readFully(workbook({ "xl/worksheets/sheet1.xml": sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), "xl/sharedStrings.xml": sst })));
    expect(e2).toMatchObject({ code: "encoding", part: "xl/sharedStrings.xml" });
    const core = new Uint8Array([...enc.encode(`<cp:coreProperties xmlns:cp="x"><dc:title xmlns:dc="y">`), ...gbk, ...enc.encode(`</dc:title></cp:coreProperties>`)]);
    const e3 = await readError(readFully(workbook({ "docProps/core.xml": core })));
    expect(e3).toMatchObject({ code: "encoding", part: "docProps/core.xml" });
  });

  // ASCII chunks may bypass the streaming decoder (the Node seam's isAscii): only where it holds
  // nothing. Here the first chunk ends with the lead byte of a sequence the next (ASCII) chunk
  // does not finish: the error comes with that chunk, near row 2, not at the end of the part.
  it("an unfinished sequence before an ASCII chunk is an encoding error there, not at the end", async () => {
    const enc = new TextEncoder();
    const rows = Array.from({ length: 200 }, (_, i) => `<row r="${i + 3}"><c r="A${i + 3}"><v>${i}</v></c></row>`).join("");
    const [head, tail] = sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>@</t></is></c></row>${rows}`).split("@");
    const first = new Uint8Array([...enc.encode(head), 0xe5]);
    const sheet = new Uint8Array([...first, ...enc.encode(`x${tail}`)]);
    const e = await readError(readFully(workbook({ "xl/worksheets/sheet1.xml": sheet }), { chunkSize: first.length }));
    expect(e).toMatchObject({ code: "encoding", sheet: "数据" });
    const near = Number(/第 (\d+) 行附近/.exec(e.message)?.[1]);
    expect(near).toBeGreaterThanOrEqual(2);
    expect(near).toBeLessThan(20);
  });

  // ... nor where the streaming decoder would then see its first bytes: it would take a U+FEFF
  // that opens the second chunk for a byte-order mark and drop it.
  it("a U+FEFF opening the second chunk after an ASCII first chunk is kept", async () => {
    const [head, tail] = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>@</t></is></c></row>`).split("@");
    const first = new TextEncoder().encode(head);
    const sheet = new TextEncoder().encode(`${head}\uFEFF甲${tail}`);
    const wb = await openWorkbook(workbook({ "xl/worksheets/sheet1.xml": sheet }), { inflate: nodeInflate, chunkSize: first.length });
    const rows = [];
    for await (const row of wb.readSheet(wb.sheets[0]!)) rows.push(row);
    expect(rows[0]!.cells[0]!.text).toBe("\uFEFF甲");
  });
});
