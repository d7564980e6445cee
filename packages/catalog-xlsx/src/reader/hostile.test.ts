import { readFileSync } from "node:fs";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { nodeInflate } from "./inflate-node.js";
import { type OpenOptions, XlsxReadError, openWorkbook, webInflate } from "./index.js";
import type { XlsxErrorCode } from "./errors.js";
import { MAIN_NS, buildXlsx, buildZip, concat } from "./test-zip.js";
import { samplePath } from "../../../../test/support/samples.js";

const SAMPLE = new Uint8Array(readFileSync(samplePath("社会救助-标准目录.xlsx")));
const CJK = /[\u4e00-\u9fff]/;

async function readFully(data: Uint8Array, options: OpenOptions = {}): Promise<number> {
  const wb = await openWorkbook(data, { inflate: nodeInflate, ...options });
  let n = 0;
  for (const s of wb.sheets) for await (const row of wb.readSheet(s)) n += row.cells.length;
  return n;
}

async function expectReadError(
  run: Promise<unknown>,
  code: XlsxErrorCode,
  fields: Partial<Pick<XlsxReadError, "part" | "sheet" | "cell" | "limit">> = {},
): Promise<XlsxReadError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(XlsxReadError);
  const e = err as XlsxReadError;
  expect({ code: e.code, message: e.message }).toMatchObject({ code });
  expect(e.message).toMatch(CJK);
  expect(e).toMatchObject(fields);
  if (e.limit !== undefined) {
    expect(e.message).toContain(e.limit);
    expect(e.message).toContain(`limits.${e.limit}`);
  }
  return e;
}

const sheetOf = (rows: string) => buildXlsx({ sheets: [{ name: "数据", rows }] });

describe("not a workbook", () => {
  it("rejects random bytes, a CSV, an empty file and a lone signature as not-zip", async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    const csv = new TextEncoder().encode("序号,一级事项,二级事项\n1,政策文件,社会救助政策\n");
    for (const data of [random, csv, new Uint8Array(0), new Uint8Array([0x50, 0x4b])]) {
      const e = await expectReadError(openWorkbook(data), "not-zip");
      expect(e.message).toBe("文件不是有效的 .xlsx 工作簿（不是 zip 压缩包）。请用 Excel 或 WPS 另存为 .xlsx 后重试。");
    }
  });

  it("reports a file cut short as truncated, wherever it is cut", async () => {
    for (const cut of [4, 30, 100, 1000, SAMPLE.length >> 1, SAMPLE.length - 100, SAMPLE.length - 22, SAMPLE.length - 1]) {
      await expectReadError(readFully(SAMPLE.subarray(0, cut)), "truncated");
    }
  });

  it("treats an OLE/CFB container as encrypted, and a legacy .xls as unsupported", async () => {
    const header = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const utf16 = (s: string) => new Uint8Array([...s].flatMap((ch) => [ch.charCodeAt(0), 0]));
    const pad = new Uint8Array(512);
    await expectReadError(openWorkbook(concat([header, pad])), "encrypted");
    const encrypted = await expectReadError(openWorkbook(concat([header, pad, utf16("EncryptedPackage")])), "encrypted");
    expect(encrypted.message).toContain("密码");
    const xls = await expectReadError(openWorkbook(concat([header, pad, utf16("Workbook")])), "unsupported");
    expect(xls.message).toContain(".xls");
  });

  it("rejects zip entries with the encryption flag as encrypted", async () => {
    const data = buildZip([{ name: "_rels/.rels", data: "<Relationships/>", flags: 1 }, { name: "xl/workbook.xml", data: "<workbook/>", flags: 1 }]);
    await expectReadError(openWorkbook(data), "encrypted");
  });

  it("rejects an unknown compression method as unsupported", async () => {
    const good = sheetOf(`<row r="1"><c r="A1"><v>1</v></c></row>`);
    // Flip the method of the sheet entry (method 12 = bzip2) in both headers.
    const data = good.slice();
    const view = new DataView(data.buffer);
    for (let i = 0; i + 4 <= data.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50 && view.getUint16(i + 8, true) === 8 && /sheet1/.test(entryName(data, i, 30, 26))) view.setUint16(i + 8, 12, true);
      if (sig === 0x02014b50 && view.getUint16(i + 10, true) === 8 && /sheet1/.test(entryName(data, i, 46, 28))) view.setUint16(i + 10, 12, true);
    }
    const e = await expectReadError(readFully(data), "unsupported", { part: "xl/worksheets/sheet1.xml" });
    expect(e.message).toContain("压缩方式 12");
  });

  it("rejects a zip without a workbook, and a workbook without worksheets", async () => {
    await expectReadError(openWorkbook(buildZip([{ name: "word/document.xml", data: "<w:document/>" }])), "malformed");
    await expectReadError(openWorkbook(buildXlsx({ sheets: [{ name: "图表", chart: true }] })), "no-sheets");
    const wb = await openWorkbook(sheetOf(""));
    expect(() => wb.readSheet("不存在")).toThrow(XlsxReadError);
  });

  it("reports corrupt deflate data and parts shorter than the directory says", async () => {
    const garbage = new Uint8Array(200).map((_, i) => (i * 31 + 7) & 0xff);
    const corrupt = buildZip([{ name: "xl/workbook.xml", data: "", rawBody: garbage, method: 8, declaredSize: 5000 }]);
    const good = new Uint8Array(deflateRawSync(Buffer.from("<workbook>" + "<sheets/>".repeat(500) + "</workbook>")));
    const cut = buildZip([{ name: "xl/workbook.xml", data: "", rawBody: good.subarray(0, good.length >> 1), method: 8, declaredSize: 4510 }]);
    for (const inflate of [nodeInflate, webInflate]) {
      await expectReadError(openWorkbook(corrupt, { inflate }), "malformed", { part: "xl/workbook.xml" });
      await expectReadError(openWorkbook(cut, { inflate }), "truncated", { part: "xl/workbook.xml" });
    }
  });
});

function entryName(data: Uint8Array, at: number, fixed: number, lenOffset: number): string {
  const len = new DataView(data.buffer).getUint16(at + lenOffset, true);
  return new TextDecoder().decode(data.subarray(at + fixed, at + fixed + len));
}

describe("decompression limits", () => {
  // Whitespace between elements is dropped as it streams, so no other limit catches these.
  const spaces = (n: number) => `<row r="1"><c r="A1"><v>1</v></c></row>${" ".repeat(n)}`;

  it("stops a part that inflates past maxEntryBytes, even when its header lies about the size", async () => {
    const bomb = buildZip([
      ...zipPartsOf(sheetOf("")).filter((p) => p.name !== "xl/worksheets/sheet1.xml"),
      { name: "xl/worksheets/sheet1.xml", data: `<worksheet><sheetData>${spaces(8_000_000)}</sheetData></worksheet>`, declaredSize: 1000 },
    ]);
    expect(bomb.length).toBeLessThan(50_000);
    for (const inflate of [nodeInflate, webInflate]) {
      await expectReadError(readFully(bomb, { inflate, limits: { maxEntryBytes: 1024 * 1024 } }), "limit", {
        limit: "maxEntryBytes",
        part: "xl/worksheets/sheet1.xml",
      });
    }
  });

  it("rejects an absurd compression ratio with default limits", async () => {
    const zeros = `<worksheet><sheetData>${spaces(4_000_000)}</sheetData></worksheet>`;
    const data = buildXlsx({ sheets: [{ name: "S", xml: zeros }] });
    await expectReadError(readFully(data), "limit", { limit: "maxCompressionRatio" });
  });

  it("caps the decompressed total across parts, and the file size", async () => {
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>${"公开".repeat(100_000)}</t></is></c></row>`;
    const data = buildXlsx({ sheets: [{ name: "A", rows }, { name: "B", rows }] });
    const limits = { maxTotalBytes: 1_000_000, maxCellChars: 1_000_000 };
    await expectReadError(readFully(data, { limits }), "limit", { limit: "maxTotalBytes" });
    await expectReadError(openWorkbook(data, { limits: { maxFileBytes: 1000 } }), "limit", { limit: "maxFileBytes" });
  });
});

/** Re-extracts the uncompressed parts of a buildXlsx result so a test can swap one. */
function zipPartsOf(data: Uint8Array): { name: string; data: Uint8Array }[] {
  const out: { name: string; data: Uint8Array }[] = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let p = 0; p + 30 < data.length && view.getUint32(p, true) === 0x04034b50; ) {
    const size = view.getUint32(p + 18, true);
    const nameLen = view.getUint16(p + 26, true);
    const start = p + 30 + nameLen + view.getUint16(p + 28, true);
    const name = new TextDecoder().decode(data.subarray(p + 30, p + 30 + nameLen));
    out.push({ name, data: new Uint8Array(inflateRawSync(data.subarray(start, start + size))) });
    p = start + size;
  }
  return out;
}

describe("XML safety", () => {
  const doctype = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>`;

  it.each([
    ["sharedStrings.xml", { sharedStrings: `<?xml version="1.0"?>${doctype}<sst xmlns="${MAIN_NS}"><si><t>&lol2;</t></si></sst>` }, "xl/sharedStrings.xml"],
    ["a worksheet", { xml: `${doctype}<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>` }, "xl/worksheets/sheet1.xml"],
    ["a worksheet (ENTITY only)", { xml: `<worksheet><!ENTITY x "y"><sheetData/></worksheet>` }, "xl/worksheets/sheet1.xml"],
  ] as const)("rejects a DOCTYPE/ENTITY in %s", async (_where, variant, part) => {
    const data = buildXlsx({
      sheets: [{ name: "S", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, ...("xml" in variant ? { xml: variant.xml } : {}) }],
      sharedStrings: "sharedStrings" in variant ? variant.sharedStrings : ["x"],
    });
    for (const chunkSize of [undefined, 1, 5]) {
      const e = await expectReadError(readFully(data, chunkSize ? { chunkSize } : {}), "malformed", { part });
      expect(e.message).toContain("DOCTYPE");
    }
  });

  it("rejects a DOCTYPE in workbook.xml before anything is read", async () => {
    const data = buildZip([{ name: "xl/workbook.xml", data: `<!DOCTYPE workbook SYSTEM "http://example.com/x.dtd"><workbook/>` }]);
    await expectReadError(openWorkbook(data), "malformed", { part: "xl/workbook.xml" });
  });

  it("reports XML that stops in the middle of a tag, and unescaped markup", async () => {
    await expectReadError(readFully(buildXlsx({ sheets: [{ name: "S", xml: `<worksheet><sheetData><row r="1"><c r="A1"` }] })), "malformed", { sheet: "S" });
    await expectReadError(readFully(sheetOf(`<row r="1"><c r="A1" t="inlineStr"><is><t>a < b</t></is></c></row>`)), "malformed");
    await expectReadError(readFully(sheetOf(`<row r="1"><c r=A1><v>1</v></c></row>`)), "malformed");
  });

  it("reports a shared string index that does not exist, with the cell", async () => {
    const data = buildXlsx({ sheets: [{ name: "数据", rows: `<row r="3"><c r="B3" t="s"><v>5</v></c></row>` }], sharedStrings: ["a"] });
    await expectReadError(readFully(data), "malformed", { sheet: "数据", cell: "B3" });
  });
});

describe("sheet limits", () => {
  it("fails fast on tens of thousands of formatted-but-empty rows", async () => {
    const emptyRows = (from: number, to: number) => {
      let rows = `<row r="1"><c r="A1"><v>1</v></c></row>`;
      for (let r = from; r <= to; r++) rows += `<row r="${r}" spans="1:14" s="3" customFormat="1"><c r="A${r}" s="3"/><c r="B${r}" s="3"/></row>`;
      return rows;
    };
    // Broken XML after the empty rows: the reader stops at row 1,002, the first empty row over the
    // limit, so it never gets there (a reader that went on, or checked the run only at the end of
    // the sheet, would report the broken row instead).
    const rows = `${emptyRows(2, 50_001)}<row r="50002"><c r=A50002><v>1</v></c></row>`;
    await expectReadError(readFully(sheetOf(rows), { limits: { maxEmptyRows: 1000 } }), "limit", { limit: "maxEmptyRows", sheet: "数据" });
    await expectReadError(readFully(sheetOf(rows), { limits: { maxEmptyRows: 60_000 } }), "malformed", { sheet: "数据" });
    // The default (10 000) still reads a sheet with a few thousand trailing empty rows.
    expect(await readFully(sheetOf(emptyRows(2, 5000)))).toBe(1);
  });

  it("enforces maxCellChars on cells and shared strings, naming the cell", async () => {
    const long = "政".repeat(101);
    await expectReadError(readFully(sheetOf(`<row r="2"><c r="C2" t="inlineStr"><is><t>${long}</t></is></c></row>`), { limits: { maxCellChars: 100 } }), "limit", {
      limit: "maxCellChars",
      cell: "C2",
    });
    const sst = buildXlsx({ sheets: [{ name: "S", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` }], sharedStrings: [long] });
    await expectReadError(readFully(sst, { limits: { maxCellChars: 100 } }), "limit", { limit: "maxCellChars", part: "xl/sharedStrings.xml" });
    expect(await readFully(sst, { limits: { maxCellChars: 101 } })).toBe(1);
  });

  it("enforces maxRows, maxColumns, maxSharedStrings and maxTagChars", async () => {
    let rows = "";
    for (let r = 1; r <= 30; r++) rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    await expectReadError(readFully(sheetOf(rows), { limits: { maxRows: 20 } }), "limit", { limit: "maxRows" });
    await expectReadError(readFully(sheetOf(`<row r="1"><c r="XFE1"><v>1</v></c></row>`)), "limit", { limit: "maxColumns", cell: "XFE1" });
    await expectReadError(readFully(sheetOf(`<row r="1"><c r="K1"><v>1</v></c></row>`), { limits: { maxColumns: 10 } }), "limit", { limit: "maxColumns" });
    const sst = buildXlsx({ sheets: [{ name: "S", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` }], sharedStrings: ["a", "b", "c"] });
    await expectReadError(readFully(sst, { limits: { maxSharedStrings: 2 } }), "limit", { limit: "maxSharedStrings" });
    const hugeTag = sheetOf(`<row r="1" x="${"y".repeat(5000)}"><c r="A1"><v>1</v></c></row>`);
    await expectReadError(readFully(hugeTag, { limits: { maxTagChars: 1000 }, chunkSize: 256 }), "limit", { limit: "maxTagChars" });
    expect(await readFully(hugeTag, { chunkSize: 256 })).toBe(1);
  });
});
