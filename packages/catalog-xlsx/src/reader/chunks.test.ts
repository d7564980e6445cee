import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nodeInflate } from "./inflate-node.js";
import { type InflateFn, type OpenOptions, openWorkbook, webInflate } from "./index.js";
import { QUIRK_CASES, buildCase } from "./test-quirks.js";
import { buildXlsx, escapeXml } from "./test-zip.js";
import { SAMPLES_DIR, samplePath } from "../../../../test/support/samples.js";

/** Everything a reader reports for every sheet, as one comparable value. */
async function readEverything(data: Uint8Array, options: OpenOptions) {
  const wb = await openWorkbook(data, options);
  const sheets = [];
  for (const info of wb.sheets) {
    const reader = wb.readSheet(info);
    const rows = [];
    for await (const row of reader) rows.push(row);
    sheets.push({ info, rows, merges: reader.merges, dimension: reader.dimension });
  }
  return { sheets, date1904: wb.date1904, properties: [...wb.properties] };
}

const samples = readdirSync(SAMPLES_DIR)
  .filter((f) => f.endsWith(".xlsx"))
  .map((f) => [f, new Uint8Array(readFileSync(samplePath(f)))] as const);

const inputs: (readonly [string, Uint8Array])[] = [
  ...QUIRK_CASES.map((c) => [c.name, buildCase(c)] as const),
  ...samples.filter(([f]) => !f.startsWith("政务服务事项")), // the 600-row one is covered below with larger chunks
];

describe("chunk boundaries", () => {
  it.each(inputs)("%s reads identically with 1, 7 and 64-byte chunks", async (_name, data) => {
    const expected = await readEverything(data, { inflate: nodeInflate });
    for (const chunkSize of [1, 7, 64]) {
      expect(await readEverything(data, { inflate: nodeInflate, chunkSize })).toEqual(expected);
    }
  });

  it("the 600-row sample reads identically with 7 and 333-byte chunks", async () => {
    const data = samples.find(([f]) => f.startsWith("政务服务事项"))![1];
    const expected = await readEverything(data, { inflate: nodeInflate });
    for (const chunkSize of [7, 333]) {
      expect(await readEverything(data, { inflate: nodeInflate, chunkSize })).toEqual(expected);
    }
  });

  it("multi-byte characters, entities and long tags split anywhere are never corrupted", async () => {
    const phrases = ["宝坻区社会救助", "《中华人民共和国政府信息公开条例》", "■政府网站 □公开查阅点", "信息形成或者变更之日起20个工作日内", "𠀀𪚥😀", "√"];
    const strings: string[] = [];
    let rows = "";
    for (let r = 1; r <= 120; r++) {
      let cells = "";
      for (let c = 0; c < 6; c++) {
        const text = `${phrases[(r + c) % phrases.length]}${r}-${c}`;
        strings.push(text);
        // Alternate raw UTF-8, character references and an attribute-heavy tag.
        const body = c % 2 === 0 ? escapeXml(text) : [...text].map((ch) => `&#${ch.codePointAt(0)};`).join("");
        cells += `<c r="${String.fromCharCode(65 + c)}${r}" s="0" t="inlineStr" xr:uid="{${"0".repeat(30)}${r}${c}}"><is><t xml:space="preserve">${body}</t></is></c>`;
      }
      rows += `<row r="${r}" spans="1:6" ht="14.25" x14ac:dyDescent="0.25">${cells}</row>`;
    }
    const data = buildXlsx({ sheets: [{ name: "中文", rows }] });
    for (const chunkSize of [1, 2, 3, 5, 7, 64, 4096]) {
      const result = await readEverything(data, { inflate: nodeInflate, chunkSize });
      const texts = result.sheets[0]!.rows.flatMap((row) => row.cells.map((c) => c.text));
      expect(texts).toEqual(strings);
      expect(texts.join("")).not.toContain("\uFFFD");
    }
  });
});

describe("inflate implementations", () => {
  it.each(inputs)("%s: DecompressionStream and node:zlib give identical results", async (_name, data) => {
    const a = await readEverything(data, { inflate: nodeInflate });
    const b = await readEverything(data, { inflate: webInflate });
    const c = await readEverything(data, {}); // default
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it("both inflaters stop cleanly when the consumer breaks out early", async () => {
    let rows = "";
    for (let r = 1; r <= 20000; r++) rows += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>第${r}行</t></is></c></row>`;
    const data = buildXlsx({ sheets: [{ name: "S", rows }] });
    for (const inflate of [nodeInflate, webInflate] as InflateFn[]) {
      const wb = await openWorkbook(data, { inflate });
      let n = 0;
      for await (const row of wb.readSheet("S")) {
        if (++n === 3) {
          expect(row.cells[0]!.text).toBe("第3行");
          break;
        }
      }
      expect(n).toBe(3);
    }
  });
});
