// Hostile input for the xlsx importer: mutated copies of the sample workbooks and of workbooks we
// write, and generated sheets full of odd cells. Every case ends in catalogs or in an XlsxReadError
// / LayoutError — never another error type, never a hang, never a change to Object.prototype.
// Runs per property: ZWGK_FUZZ_RUNS (default 60; `npm run fuzz` raises it).
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Catalog, CatalogKind } from "@zwgk/catalog-schemas";
import { SAMPLES_DIR, samplePath } from "../../../test/support/samples.js";
import { standardHeader } from "./fixtures/build.js";
import {
  applyByteEdits,
  applyEdits,
  byteEdit,
  decodeText,
  encodeText,
  GBK_BYTES,
  type Part,
  rezip,
  textEdit,
  toTraditional,
  unzip,
  utf16le,
} from "./fixtures/mutate.js";
import { writeCatalogXlsx } from "./export/write.js";
import { readCatalogs } from "./import/read.js";
import { mergeIndex, mergeWork } from "./import/merges.js";
import { type ImportOptions, streamCatalogs } from "./import/stream.js";
import { LayoutError } from "./layout/errors.js";
import { XlsxReadError } from "./reader/errors.js";
import { webInflate } from "./reader/inflate.js";
import { nodeInflate } from "./reader/inflate-node.js";
import { buildXlsx, escapeXml, MAIN_NS, stylesXml, type TestSheet } from "./reader/test-zip.js";

const RUNS = Math.max(1, Number(process.env.ZWGK_FUZZ_RUNS) || 60);
/** The default run replays one seed, so CI is repeatable; with ZWGK_FUZZ_RUNS set each run explores new cases. */
const PARAMS = { numRuns: RUNS, ...(process.env.ZWGK_FUZZ_RUNS ? {} : { seed: 20_240_301 }) };
/**
 * A hang guard, not a speed check (speed is measured by `npm run bench`): a case still running after
 * this long is reported as a hang, with the input fast-check found. Nothing asserts how long a case took.
 */
const HANG_MS = 30_000;
/** Per property: vitest's own timeout must not cut a long `npm run fuzz` short. */
const PROPERTY_TIMEOUT = Math.max(60_000, RUNS * 250);
const CJK = /[\u4e00-\u9fff]/;
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const SAMPLES = readdirSync(SAMPLES_DIR)
  .filter((f) => f.endsWith(".xlsx"))
  .sort()
  .map((f) => new Uint8Array(readFileSync(samplePath(f))));
/** Sample workbooks, then the same catalogs as writeCatalogXlsx writes them (filled in beforeAll). */
const SOURCES: Uint8Array[] = [...SAMPLES];
const PARTS: Part[][] = [];

beforeAll(async () => {
  for (const data of SAMPLES) {
    const [catalog] = await readCatalogs(data, { inflate: nodeInflate });
    SOURCES.push(await writeCatalogXlsx(catalog as Catalog));
  }
  for (const data of SOURCES) PARTS.push(unzip(data));
});

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
});

class Hang extends Error {}

type Outcome = Catalog[] | XlsxReadError | LayoutError;

/**
 * Reads a workbook as readCatalogs does, or through streamCatalogs stopping after `partial` entries
 * of each sheet, and checks the contract (a case that never ends fails as a {@link Hang}).
 */
async function survive(data: Uint8Array, options: ImportOptions & { partial?: number } = {}): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Hang(`no result within ${HANG_MS} ms`)), HANG_MS);
  });
  const { partial, ...rest } = options;
  const opts: ImportOptions = { file: "fuzz.xlsx", inflate: nodeInflate, onWarning: checkWarning, ...rest };
  try {
    const catalogs = await Promise.race([partial === undefined ? readCatalogs(data, opts) : readPartially(data, opts, partial), budget]);
    for (const c of catalogs) {
      expect(Array.isArray(c.entries)).toBe(true);
      expect(typeof JSON.stringify(c)).toBe("string");
    }
    return catalogs;
  } catch (e) {
    if (e instanceof XlsxReadError || e instanceof LayoutError) {
      expect(e.message).toMatch(CJK);
      return e;
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

async function readPartially(data: Uint8Array, options: ImportOptions, partial: number): Promise<Catalog[]> {
  const out: Catalog[] = [];
  for await (const sheet of streamCatalogs(data, options)) {
    const entries = [];
    for await (const e of sheet.entries) {
      entries.push(e);
      if (entries.length >= partial) break;
    }
    out.push({ ...sheet.header, entries } as Catalog);
  }
  return out;
}

function checkWarning(w: { code: string; sheet: string; message: string }): void {
  if (!["sheet-skipped", "formula-cell"].includes(w.code) || !CJK.test(w.message)) throw new Error(`bad warning ${JSON.stringify(w)}`);
}

const source = () => fc.nat({ max: SAMPLES.length * 2 - 1 });
const partIndex = (parts: readonly Part[], pick: number, xmlOnly = true): number => {
  const candidates = parts.map((p, i) => [p, i] as const).filter(([p]) => !xmlOnly || /\.(?:xml|rels)$/.test(p.name));
  return (candidates[pick % candidates.length] as readonly [Part, number])[1];
};
const replacePart = (parts: readonly Part[], i: number, data: Uint8Array): Part[] => parts.map((p, k) => (k === i ? { name: p.name, data } : p));

describe("fuzzing the xlsx importer", () => {
  it("survives byte flips and truncations of the zip container", async () => {
    await fc.assert(
      fc.asyncProperty(source(), fc.array(byteEdit, { maxLength: 8 }), fc.option(fc.nat(), { nil: undefined }), fc.boolean(), async (i, edits, cut, web) => {
        let data = applyByteEdits(SOURCES[i] as Uint8Array, edits);
        if (cut !== undefined) data = data.subarray(0, cut % (data.length + 1));
        // The browser's inflate (DecompressionStream) fails differently from node:zlib.
        await survive(data, web ? { inflate: webInflate } : {});
      }),
      PARAMS,
    );
  }, PROPERTY_TIMEOUT);

  it("survives edits inside the inflated XML parts, stored or deflated", async () => {
    await fc.assert(
      fc.asyncProperty(source(), fc.nat(), fc.array(textEdit, { minLength: 1, maxLength: 6 }), fc.constantFrom(0, 8), fc.option(fc.nat(3), { nil: undefined }), async (i, pick, edits, method, partial) => {
        const parts = PARTS[i] as Part[];
        const k = partIndex(parts, pick);
        const xml = applyEdits(decodeText((parts[k] as Part).data), edits);
        await survive(rezip(replacePart(parts, k, encodeText(xml)), method), partial === undefined ? {} : { partial });
      }),
      PARAMS,
    );
  }, PROPERTY_TIMEOUT);

  it("survives shuffled entry order, duplicated, missing and truncated parts", async () => {
    const op = fc.oneof(
      fc.record({ op: fc.constant("drop" as const), pick: fc.nat() }),
      fc.record({ op: fc.constant("duplicate" as const), pick: fc.nat(), tweak: fc.boolean() }),
      fc.record({ op: fc.constant("cut" as const), pick: fc.nat(), at: fc.nat() }),
      fc.record({ op: fc.constant("rename" as const), pick: fc.nat(), name: fc.constantFrom("XL/SharedStrings.xml", "xl/worksheets/../sharedStrings.xml", "/xl/styles.xml", "xl\\workbook.xml", "__proto__", "") }),
    );
    await fc.assert(
      fc.asyncProperty(source(), fc.array(op, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 12 }), async (i, ops, order) => {
        const parts = [...(PARTS[i] as Part[])];
        for (const o of ops) {
          const k = partIndex(parts, o.pick, false);
          const p = parts[k] as Part;
          if (o.op === "drop") parts.splice(k, 1);
          else if (o.op === "duplicate") parts.splice(k + 1, 0, o.tweak ? { name: p.name, data: encodeText(decodeText(p.data).replace(/<v>\d+<\/v>/, "<v>0</v>")) } : p);
          else if (o.op === "cut") parts[k] = { name: p.name, data: p.data.subarray(0, o.at % (p.data.length + 1)) };
          else parts[k] = { name: o.name, data: p.data };
          if (parts.length === 0) break;
        }
        // Shuffle: a Fisher–Yates driven by the generated numbers.
        for (let n = parts.length - 1, j = 0; n > 0 && j < order.length; n--, j++) {
          const m = (order[j] as number) % (n + 1);
          [parts[n], parts[m]] = [parts[m] as Part, parts[n] as Part];
        }
        await survive(rezip(parts));
      }),
      PARAMS,
    );
  }, PROPERTY_TIMEOUT);

  it("survives odd encodings: UTF-16 and UTF-8 byte-order marks, GBK bytes, a wrong declaration, traditional script", async () => {
    const encoding = fc.constantFrom("utf16", "utf8-bom", "gbk", "declared-gbk", "traditional", "traditional-all");
    await fc.assert(
      fc.asyncProperty(source(), fc.nat(), encoding, fc.nat(), async (i, pick, how, at) => {
        const parts = PARTS[i] as Part[];
        const k = partIndex(parts, pick);
        const xml = decodeText((parts[k] as Part).data);
        let next: Part[];
        if (how === "utf16") next = replacePart(parts, k, utf16le(xml));
        else if (how === "utf8-bom") next = replacePart(parts, k, encodeText(`\ufeff${xml}`));
        else if (how === "declared-gbk") next = replacePart(parts, k, encodeText(xml.replace(/encoding="UTF-8"/i, 'encoding="GBK"')));
        else if (how === "gbk") {
          const bytes = (parts[k] as Part).data;
          const cut = at % (bytes.length + 1);
          const data = new Uint8Array(bytes.length + GBK_BYTES.length);
          data.set(bytes.subarray(0, cut));
          data.set(GBK_BYTES, cut);
          data.set(bytes.subarray(cut), cut + GBK_BYTES.length);
          next = replacePart(parts, k, data);
        } else if (how === "traditional") next = replacePart(parts, k, encodeText(toTraditional(xml)));
        else next = parts.map((p) => ({ name: p.name, data: /\.xml$/.test(p.name) ? encodeText(toTraditional(decodeText(p.data))) : p.data }));
        const outcome = await survive(rezip(next));
        // Traditional-script headers are read like simplified ones.
        if (how === "traditional-all" && i < SAMPLES.length) expect(Array.isArray(outcome)).toBe(true);
      }),
      PARAMS,
    );
  }, PROPERTY_TIMEOUT);
});

// Generated sheets: a recognisable header (or not), then rows of every cell type the reader knows.

const ODD_TEXT = [
  "__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "同上", "√", "■政府网站 □政府公报", "《社会救助暂行办法》第十一条",
  "信息形成或者变更之日起20个工作日内", "=1+1", "  ", "公開事項", "全社會", "最低生活保障", "0505", "1e3", "_x000D_", "a\u0000b", "\ud800",
  "\ufeff序号", "{\"__proto__\":{\"polluted\":1}}", "行政許可", "主动", "县级",
];
const HEADERS = ["序号", "事项名称", "权力类型", "实施依据", "实施编码", "事项类型", "公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开对象", "备注", ...ODD_TEXT];
const oddText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);
const serial = fc.oneof(fc.constantFrom(0, 1, 59, 60, 61, 1462, 45292.5, 2958465, 2958466, -1, 1e300), fc.double({ noNaN: true }));
const cell = fc.oneof(
  fc.record({ kind: fc.constantFrom("s" as const, "inline" as const, "rich" as const), text: oddText }),
  fc.record({ kind: fc.constant("formula" as const), text: oddText, formula: fc.constantFrom('A1&"同上"', "ROW()", "HYPERLINK(\"http://x\",\"y\")", "", "1/0") }),
  fc.record({ kind: fc.constant("shared" as const), text: oddText, master: fc.boolean() }),
  fc.record({ kind: fc.constant("date" as const), serial, style: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constantFrom("d" as const, "b" as const, "e" as const, "n" as const), text: fc.oneof(oddText, fc.constantFrom("2024-03-01T08:30:00Z", "1", "#N/A", "1e308", "-0", "9999-12-31T23:59:59.999")) }),
);
type GenCell = typeof cell extends fc.Arbitrary<infer C> ? C : never;

function renderCell(c: GenCell, ref: string, sst: string[]): string {
  const x = (s: string) => escapeXml(s);
  switch (c.kind) {
    case "s":
      sst.push(`<si><t xml:space="preserve">${x(c.text)}</t></si>`);
      return `<c r="${ref}" t="s"><v>${sst.length - 1}</v></c>`;
    case "rich":
      sst.push(`<si><r><t>${x(c.text)}</t></r><r><rPr><b/></rPr><t>公开</t></r><rPh sb="0" eb="1"><t>こうかい</t></rPh><phoneticPr fontId="1"/></si>`);
      return `<c r="${ref}" t="s"><v>${sst.length - 1}</v></c>`;
    case "inline":
      return `<c r="${ref}" t="inlineStr"><is><r><t>${x(c.text)}</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c>`;
    case "formula":
      return `<c r="${ref}" t="str"><f>${x(c.formula)}</f><v>${x(c.text)}</v></c>`;
    case "shared":
      return `<c r="${ref}" t="str">${c.master ? `<f t="shared" ref="${ref}:${ref.replace(/(?<!\d)\d+$/, "999")}" si="0">ROW()</f>` : '<f t="shared" si="0"/>'}<v>${x(c.text)}</v></c>`;
    case "date":
      return `<c r="${ref}" s="${c.style}"><v>${c.serial}</v></c>`;
    default:
      return `<c r="${ref}" t="${c.kind}"><v>${x(c.text)}</v></c>`;
  }
}

const col = (i: number) => String.fromCharCode(65 + i);
type HeaderRows = Array<Array<string | null>>;
const header: fc.Arbitrary<HeaderRows> = fc.oneof(
  fc.constant(standardHeader() as HeaderRows),
  fc.constant<HeaderRows>([["序号", "权力类型", "事项名称", "子项名称", "实施依据", "实施主体", "备注"]]),
  fc.constant<HeaderRows>([["序号", "事项名称", "实施编码", "事项类型", "实施主体", "办理依据", "咨询方式"]]),
  fc.array(fc.array(fc.option(fc.constantFrom(...HEADERS), { nil: null }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 2 }),
);
const sheetSpec = fc.record({
  name: fc.constantFrom("社会救助", "__proto__", "constructor", "toString", "Sheet1", "权责清单", "'引号'", "公開目錄"),
  title: fc.option(fc.constantFrom("社会救助领域基层政务公开标准目录", "__proto__", "某县权责清单"), { nil: undefined }),
  header,
  traditional: fc.boolean(),
  rows: fc.array(fc.array(fc.option(cell, { nil: null, freq: 3 }), { maxLength: 14 }), { maxLength: 12 }),
  merges: fc.array(fc.tuple(fc.nat(13), fc.nat(16), fc.nat(13), fc.nat(20)), { maxLength: 4 }),
  /** One range from a data row to the last row of the sheet, declared hundreds of times over. */
  storm: fc.option(fc.tuple(fc.nat(13), fc.nat(6), fc.integer({ min: 100, max: 2000 }), fc.boolean()), { nil: undefined, freq: 4 }),
  links: fc.boolean(),
  state: fc.constantFrom(undefined, "hidden" as const),
});

function buildSheet(spec: typeof sheetSpec extends fc.Arbitrary<infer S> ? S : never, sst: string[]): TestSheet {
  const rows: string[] = [];
  let r = 0;
  const text = (s: string) => (spec.traditional ? toTraditional(s) : s);
  if (spec.title !== undefined) rows.push(`<row r="${++r}">${renderCell({ kind: "s", text: spec.title }, `A${r}`, sst)}</row>`);
  for (const line of spec.header) {
    r++;
    rows.push(`<row r="${r}">${line.map((h, i) => (h === null ? "" : renderCell({ kind: "s", text: text(h) }, `${col(i)}${r}`, sst))).join("")}</row>`);
  }
  for (const line of spec.rows) {
    r++;
    rows.push(`<row r="${r}">${line.map((c, i) => (c === null ? "" : renderCell(c, `${col(i)}${r}`, sst))).join("")}</row>`);
  }
  const merges = spec.merges.map(([c1, r1, c2, r2]) => `<mergeCell ref="${col(c1)}${r1 + 1}:${col(c2)}${r2 + 1}"/>`);
  if (spec.storm) {
    const [c, top, times, wide] = spec.storm;
    merges.push(...Array<string>(times).fill(`<mergeCell ref="${col(c)}${top + 2}:${wide ? "XFD" : col(c)}1048576"/>`));
  }
  const links = spec.links ? `<hyperlinks><hyperlink ref="B4" r:id="rIdLink"/><hyperlink ref="C5" location="'__proto__'!A1" display="constructor"/></hyperlinks>` : "";
  const after = (merges.length ? `<mergeCells count="${merges.length}">${merges.join("")}</mergeCells>` : "") + links;
  return { name: spec.name, rows: rows.join(""), after, ...(spec.state ? { state: spec.state } : {}) };
}

const someOptions = fc.record(
  {
    kind: fc.constantFrom<CatalogKind>("standard", "supplementary", "power", "service"),
    sheets: fc.constantFrom<string[]>(["__proto__"], ["constructor"], ["社会救助"]),
    headerOverrides: fc.constantFrom(JSON.parse('{"__proto__":"name"}') as Record<string, string>, { constructor: "extra" }, { 备注: "remark" }),
    partial: fc.nat(2),
  },
  { requiredKeys: [] },
);
/** Mostly the defaults: a `sheets` option naming a missing sheet ends every case early. */
const options: fc.Arbitrary<ImportOptions & { partial?: number }> = fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: someOptions });

describe("fuzzing the importer with generated sheets", () => {
  it("reads formulas, dates of both systems, hyperlinks, rich text with phonetic runs and __proto__ everywhere", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sheetSpec, { minLength: 1, maxLength: 3 }), fc.boolean(), options, async (specs, date1904, opts) => {
        const sst: string[] = [];
        const sheets = specs.map((s) => buildSheet(s, sst));
        const data = buildXlsx({
          sheets,
          sharedStrings: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">${sst.join("")}</sst>`,
          styles: stylesXml([0, 14, 22, 164, 49, 58], { 164: 'yyyy"年"m"月"d"日"' }),
          ...(date1904 ? { workbookPr: '<workbookPr date1904="1"/>' } : {}),
          extra: [
            {
              name: "xl/worksheets/_rels/sheet1.xml.rels",
              data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.invalid/__proto__" TargetMode="External"/></Relationships>`,
            },
          ],
        });
        await survive(data, opts);
      }),
      PARAMS,
    );
  }, PROPERTY_TIMEOUT);
});

describe("hostile shapes", () => {
  const s = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
  const powerRows = (n: number, first = 2) =>
    `<row r="1">${s("A1", "序号")}${s("B1", "权力类型")}${s("C1", "事项名称")}${s("D1", "实施依据")}${s("E1", "备注")}</row>` +
    Array.from({ length: n }, (_, i) => `<row r="${first + i}">${s(`A${first + i}`, String(i + 1))}${s(`B${first + i}`, "行政许可")}${s(`C${first + i}`, `事项${i}`)}</row>`).join("");

  it("a 100,000-character cell: a limit error by default, read whole with a raised limit", async () => {
    const huge = "公开".repeat(50_000);
    const data = buildXlsx({ sheets: [{ name: "权责清单", rows: powerRows(1) + `<row r="3">${s("A3", "2")}${s("C3", huge)}</row>` }] });
    const error = await survive(data);
    expect(error).toBeInstanceOf(XlsxReadError);
    expect(error).toMatchObject({ code: "limit", limit: "maxCellChars", cell: "C3" });
    const catalogs = (await survive(data, { limits: { maxCellChars: 200_000 } })) as Catalog[];
    expect((catalogs[0]?.entries[1] as { name: string }).name).toHaveLength(100_000);
  });

  it("a 40,000-character sheet name reaches catalogs and messages intact", async () => {
    const name = "目".repeat(40_000);
    const data = buildXlsx({ sheets: [{ name, rows: powerRows(2) + `<row r="4"><c r="E4" t="str"><f>A1</f><v>序号</v></c></row>` }] });
    const warnings: string[] = [];
    const catalogs = (await survive(data, { onWarning: (w) => warnings.push(w.message) })) as Catalog[];
    expect(catalogs[0]?.source?.sheet).toBe(name);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${name}!E4`);
    const missing = await survive(data, { sheets: ["社会救助"] });
    expect(missing).toMatchObject({ name: "LayoutError", code: "no-sheet" });
  });

  it("regression: thousands of ranges merging the rest of the sheet (a 1.5 KB file took 4 s per 1,000 ranges)", async () => {
    const storm = Array<string>(3000).fill('<mergeCell ref="E2:XFD1048576"/>').join("");
    const rows = powerRows(3) + `<row r="5">${s("E5", "不可见")}</row>`;
    const data = buildXlsx({ sheets: [{ name: "权责清单", rows: rows.replace(`${s("C2", "事项0")}`, `${s("C2", "事项0")}${s("E2", "长期有效")}`), after: `<mergeCells>${storm}</mergeCells>` }] });
    const reset = () => Object.assign(mergeWork, { stored: 0, probed: 0, visited: 0, settled: 0 });
    reset();
    const catalogs = (await survive(data)) as Catalog[];
    expect(catalogs[0]?.entries.map((e) => (e as { remark?: string }).remark)).toEqual(["长期有效", "长期有效", "长期有效", "不可见"]);
    // Counts, not time: the 3 entries below the anchor are visited once, not once per range (9,000).
    expect(mergeWork.visited).toBe(3);
    for await (const sheet of streamCatalogs(data, { inflate: nodeInflate })) {
      for await (const _ of sheet.entries) void _;
      reset();
      const index = mergeIndex(sheet.merges(), sheet.header.source?.columns);
      expect([index.isCovered("E3"), index.isCovered("XFD9"), index.isFieldCovered(4, "remark")]).toEqual([true, true, true]);
      // Each range goes into one node of the column tree (all have the same column edges), and a
      // lookup examines at most its two levels, not the 3,000 ranges.
      expect(mergeWork.stored).toBe(3000);
      expect(mergeWork.probed).toBeLessThanOrEqual(3 * 2);
    }
  });
});
