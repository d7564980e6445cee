// The whole pipeline under hostile input: any file under the limits ends with exit 0, 1 or 2 —
// never an internal error (70), a crash, a hang or an out-of-memory abort. In-process for mutated
// catalogs (runs: ZWGK_FUZZ_RUNS, default 12; `npm run fuzz` raises it), and as child processes with
// a capped heap for the hostile workbooks of issue 13 (the largest only under `npm run fuzz`).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeCatalogXml, writeCatalogYaml } from "@zwgk/catalog-core";
import type { Catalog } from "@zwgk/catalog-schemas";
import { applyEdits, decodeText, encodeText, rezip, textEdit, unzip } from "../../catalog-xlsx/src/fixtures/mutate.js";
import { buildXlsx, sheetXml } from "../../catalog-xlsx/src/reader/test-zip.js";
import { EXAMPLES, SAMPLES, ended, scratch, spawnZwgk, zwgk } from "./test-io.js";

const LONG = Boolean(process.env.ZWGK_FUZZ_RUNS);
// Each run is three whole CLI commands: a tenth of the readers' fuzz runs.
const RUNS = LONG ? Math.max(1, Math.ceil(Number(process.env.ZWGK_FUZZ_RUNS) / 10)) : 12;
const PARAMS = { numRuns: RUNS, ...(LONG ? {} : { seed: 20_261_207 }) };

const json = readFileSync(join(EXAMPLES, "社会救助-标准目录.json"), "utf8");
const catalog = JSON.parse(json) as Catalog;
const SEEDS: Array<{ ext: string; bytes: Uint8Array }> = [
  { ext: ".json", bytes: encodeText(json) },
  { ext: ".yaml", bytes: encodeText(writeCatalogYaml(catalog)) },
  { ext: ".xml", bytes: encodeText(writeCatalogXml(catalog)) },
  { ext: ".xlsx", bytes: new Uint8Array(readFileSync(join(SAMPLES, "社会救助-标准目录.xlsx"))) },
  { ext: ".xlsx", bytes: new Uint8Array(readFileSync(join(SAMPLES, "权责清单-交通运输.xlsx"))) },
];

/** Mutates a seed: its text, or for a workbook the XML of one of its parts (then zipped again, CRCs right). */
function mutate(seed: (typeof SEEDS)[number], part: number, edits: Parameters<typeof applyEdits>[1]): Uint8Array {
  if (seed.ext !== ".xlsx") return encodeText(applyEdits(decodeText(seed.bytes), edits));
  const parts = unzip(seed.bytes);
  const xml = parts.filter((p) => p.name.endsWith(".xml") || p.name.endsWith(".rels"));
  const target = xml[part % xml.length]!;
  target.data = encodeText(applyEdits(decodeText(target.data), edits));
  return rezip(parts);
}

/**
 * Runs the commands a user runs on a file; each must end in 0, 1 or 2 and say nothing of a bug. How
 * long they take is not asserted (that is for `npm run bench`); a hang fails on the test's timeout.
 */
async function expectHandled(dir: string, file: string): Promise<void> {
  for (const argv of [["validate", file, "--format", "json"], ["convert", file, "--out", "out.json", "--force"], ["check", file]]) {
    const r = await zwgk(argv, { cwd: dir });
    expect([0, 1, 2], `${argv.join(" ")}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
    expect(r.stderr).not.toMatch(/内部错误/);
  }
}

describe("pipeline property: any input ends in exit 0, 1 or 2", () => {
  it(
    "mutated JSON, YAML, XML and workbooks through validate, convert and check",
    async () => {
      const dir = scratch();
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: SEEDS.length - 1 }), fc.nat(), fc.array(textEdit, { minLength: 1, maxLength: 6 }), async (i, part, edits) => {
          const seed = SEEDS[i]!;
          const file = `input${seed.ext}`;
          writeFileSync(join(dir, file), mutate(seed, part, edits));
          await expectHandled(dir, file);
        }),
        PARAMS,
      );
    },
    Math.max(120_000, RUNS * 20_000),
  );
});

// Hostile workbooks from issue 13, each a few hundred KB or less. With a capped heap (as in a
// browser tab) they must stop with a limit error (exit 2), not an out-of-memory abort (134).
const HOSTILE: Array<[string, () => Uint8Array, boolean]> = [
  ["styles.xml inflating to ~100 MB of <xf/>", () => buildXlsx({ sheets: [{ name: "数据", rows: "" }], styles: `<styleSheet><cellXfs>${"<xf/>".repeat(20_000_000)}</cellXfs></styleSheet>` }), true],
  ["docProps/core.xml of millions of elements", () => buildXlsx({ sheets: [{ name: "数据", rows: "" }], core: `<coreProperties>${"<a/>".repeat(5_000_000)}</coreProperties>` }), false],
  ["1.5 MB of repeated <mergeCell>", () => buildXlsx({ sheets: [{ name: "数据", rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>', after: `<mergeCells>${'<mergeCell ref="A1:B2"/>'.repeat(4_000_000)}</mergeCells>` }] }), false],
  ["2,000 sheets naming one part", () => {
    const rows = Array.from({ length: 20_000 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>${"公开".repeat(20)}</t></is></c></row>`).join("");
    const wb = buildXlsx({ sheets: Array.from({ length: 2000 }, (_, i) => ({ name: `S${i}`, xml: i === 0 ? sheetXml(rows) : sheetXml("") }) ) });
    // Point every sheet's relationship at the first part.
    const parts = unzip(wb).filter((p) => !/sheet(?!1\.xml)\d+\.xml$/.test(p.name));
    const rels = parts.find((p) => p.name === "xl/_rels/workbook.xml.rels")!;
    rels.data = encodeText(decodeText(rels.data).replace(/worksheets\/sheet\d+\.xml/g, "worksheets/sheet1.xml"));
    return rezip(parts);
  }, false],
];

describe("hostile workbooks with a capped heap", () => {
  for (const [name, build, long] of HOSTILE) {
    it.skipIf(long && !LONG)(`${name}: exit 2 with a limit or format error, within a 384 MB heap`, async () => {
      const dir = scratch();
      writeFileSync(join(dir, "hostile.xlsx"), build());
      const r = await ended(spawnZwgk(["validate", "hostile.xlsx"], { cwd: dir, shellPrefix: "export NODE_OPTIONS=--max-old-space-size=384;" }));
      expect(r.signal, r.stderr).toBeNull();
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/内部错误|heap out of memory/);
    }, 120_000);
  }
});
