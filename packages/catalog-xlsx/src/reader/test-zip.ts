/**
 * Test-only helpers: build .xlsx files in memory from XML strings, so each writer quirk can be
 * reproduced exactly. Uses node:zlib, which is fine here (never imported by the reader itself).
 */
import { deflateRawSync } from "node:zlib";
import type { Row } from "./types.js";
import type { Workbook } from "./types.js";

export interface ZipInput {
  name: string;
  data: string | Uint8Array;
  /** 0 = stored, 8 = deflate (default); any other value is written as-is with deflated data. */
  method?: number;
  flags?: number;
  /** Override the uncompressed size written in the headers. */
  declaredSize?: number;
  /** Write these bytes as the entry's body instead of compressing `data` (corrupt streams). */
  rawBody?: Uint8Array;
  /** Override the CRC-32 written in the headers (a part edited after zipping). */
  crc?: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function buildZip(entries: ZipInput[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === "string" ? enc.encode(e.data) : e.data;
    const method = e.method ?? 8;
    const body = e.rawBody ?? (method === 0 ? raw : new Uint8Array(deflateRawSync(raw, { level: 9 })));
    const name = enc.encode(e.name);
    const flags = (e.flags ?? 0) | 0x0800; // UTF-8 names
    const size = e.declaredSize ?? raw.length;
    const crc = e.crc ?? crc32(raw);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, eocd]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface TestSheet {
  name: string;
  /** Whole worksheet XML, or just the rows (wrapped in <worksheet><sheetData>). */
  xml?: string;
  rows?: string;
  /** Written after </sheetData>, e.g. "<mergeCells>…</mergeCells>". */
  after?: string;
  state?: "visible" | "hidden" | "veryHidden";
  chart?: boolean;
}

export interface TestWorkbook {
  sheets: TestSheet[];
  sharedStrings?: string[] | string;
  styles?: string;
  workbookPr?: string;
  /** Write "/xl/worksheets/sheetN.xml" targets instead of relative ones. */
  absoluteTargets?: boolean;
  core?: string;
  custom?: string;
  extra?: ZipInput[];
  method?: number;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function sheetXml(rows: string, after = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

export function sharedStringsXml(strings: string[]): string {
  const items = strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${strings.length}" uniqueCount="${strings.length}">${items}</sst>`;
}

export function buildXlsx(wb: TestWorkbook): Uint8Array {
  const entries: ZipInput[] = [];
  const rels: string[] = [];
  const sheetEls: string[] = [];
  wb.sheets.forEach((s, i) => {
    const n = i + 1;
    const dir = s.chart ? "chartsheets" : "worksheets";
    const target = `${wb.absoluteTargets ? "/xl/" : ""}${dir}/sheet${n}.xml`;
    const type = s.chart ? "chartsheet" : "worksheet";
    rels.push(`<Relationship Id="rId${n}" Type="${REL_NS}/${type}" Target="${target}"/>`);
    const state = s.state ? ` state="${s.state}"` : "";
    sheetEls.push(`<sheet name="${escapeXml(s.name)}" sheetId="${n}"${state} r:id="rId${n}"/>`);
    const xml = s.xml ?? (s.chart ? `<chartsheet xmlns="${MAIN_NS}"/>` : sheetXml(s.rows ?? "", s.after));
    entries.push({ name: `xl/${dir}/sheet${n}.xml`, data: xml });
  });
  if (wb.sharedStrings !== undefined) {
    const xml = typeof wb.sharedStrings === "string" ? wb.sharedStrings : sharedStringsXml(wb.sharedStrings);
    rels.push(`<Relationship Id="rIdSst" Type="${REL_NS}/sharedStrings" Target="${wb.absoluteTargets ? "/xl/" : ""}sharedStrings.xml"/>`);
    entries.push({ name: "xl/sharedStrings.xml", data: xml });
  }
  if (wb.styles !== undefined) {
    rels.push(`<Relationship Id="rIdStyles" Type="${REL_NS}/styles" Target="styles.xml"/>`);
    entries.push({ name: "xl/styles.xml", data: wb.styles });
  }
  const rootRels = [`<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>`];
  if (wb.core !== undefined) entries.push({ name: "docProps/core.xml", data: wb.core });
  if (wb.custom !== undefined) entries.push({ name: "docProps/custom.xml", data: wb.custom });
  entries.unshift(
    { name: "_rels/.rels", data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}">${rootRels.join("")}</Relationships>` },
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${wb.workbookPr ?? ""}<sheets>${sheetEls.join("")}</sheets></workbook>`,
    },
    { name: "xl/_rels/workbook.xml.rels", data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>` },
  );
  if (wb.method !== undefined) for (const e of entries) e.method = wb.method;
  return buildZip([...entries, ...(wb.extra ?? [])]);
}

/** cellXfs with the given numFmtIds (index = style id), plus optional custom formats. */
export function stylesXml(numFmtIds: number[], custom: Record<number, string> = {}): string {
  const fmts = Object.entries(custom).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
  const xfs = numFmtIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN_NS}"><numFmts count="${fmts.length}">${fmts.join("")}</numFmts><cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs></styleSheet>`;
}

/** Reads every row of a sheet (the first by default). */
export async function readAll(wb: Workbook, sheet?: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of wb.readSheet(sheet ?? wb.sheets[0]!)) rows.push(row);
  return rows;
}

/** row/col -> text map for compact assertions: { A1: "…", C3: "…" }. */
export function grid(rows: Row[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const row of rows) {
    for (const c of row.cells) out[colName(c.col) + row.index] = c.text;
  }
  return out;
}

function colName(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
