import { readFileSync } from "node:fs";
import fc from "fast-check";
import type { Entry } from "@zwgk/catalog-schemas";
import { describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../../../test/support/samples.js";
import { buildWorkbook, standardHeader } from "../fixtures/build.js";
import { columnLetter } from "../reader/index.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { createMergeFiller } from "./merges.js";
import { readCatalogs } from "./read.js";
import { streamCatalogs } from "./stream.js";

/** What a streaming writer produces: merges read ahead, each entry filled as it streams. */
async function streamed(data: Uint8Array) {
  const out: Array<{ entries: Entry[]; ahead: string[]; merges: string[] }> = [];
  for await (const sheet of streamCatalogs(data, { inflate: nodeInflate })) {
    const ahead = await sheet.mergesAhead();
    const fill = createMergeFiller(ahead, sheet.header.source?.columns ?? []);
    const entries: Entry[] = [];
    for await (const entry of sheet.entries) {
      fill(entry);
      entries.push(entry);
    }
    out.push({ entries, ahead: ahead.map((m) => m.ref), merges: sheet.merges().map((m) => m.ref) });
  }
  return out;
}

async function expectSameAsWhole(data: Uint8Array) {
  const whole = await readCatalogs(data, { inflate: nodeInflate });
  const stream = await streamed(data);
  expect(stream.map((s) => s.entries)).toStrictEqual(whole.map((c) => c.entries));
  for (const s of stream) expect(s.ahead).toEqual(s.merges);
}

describe("createMergeFiller + mergesAhead fill streamed entries exactly as readCatalogs does", () => {
  it("on every sample workbook", async () => {
    for (const name of ["社会救助-标准目录.xlsx", "户籍管理-标准目录.xlsx", "主动公开目录-发展改革局.xlsx", "政务服务事项-广安区.xlsx", "权责清单-交通运输.xlsx"]) {
      await expectSameAsWhole(new Uint8Array(readFileSync(`${SAMPLES_DIR}/${name}`)));
    }
  });

  it("on generated sheets with vertical merges over any column: marks, extras, fields, 事项 levels", async () => {
    const header = standardHeader();
    header[0]!.push("备注");
    header[1]!.push(null);
    const width = header[0]!.length;
    const cell = fc.oneof(fc.constant(null), fc.constantFrom("√", "是", "文本", "政府网站", "20个工作日内", "同上"));
    const sheet = fc.record({
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 2, maxLength: 12 }),
      merges: fc.array(fc.record({ col: fc.integer({ min: 0, max: width - 1 }), top: fc.integer({ min: 0, max: 11 }), span: fc.integer({ min: 1, max: 6 }) }), { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(sheet, async ({ rows, merges }) => {
        // Data rows start at row 4; every row gets a 二级事项 so it is an entry.
        const data = rows.map((r, i) => r.map((v, c) => (c === 2 ? `事项${i}` : c === 1 && i === 0 ? "一级" : v)));
        const used = new Set<string>();
        const ranges: string[] = [];
        for (const m of merges) {
          const top = 4 + m.top;
          const bottom = top + m.span;
          const cells = Array.from({ length: m.span + 1 }, (_, k) => `${m.col}:${top + k}`);
          if (cells.some((c) => used.has(c))) continue;
          for (const c of cells) used.add(c);
          ranges.push(`${columnLetter(m.col)}${top}:${columnLetter(m.col)}${bottom}`);
        }
        const bytes = await buildWorkbook([{ name: "社会救助", rows: [["某县社会救助领域基层政务公开标准目录"], ...header, ...data], merges: ["A2:A3", "B2:C2", ...ranges] }]);
        await expectSameAsWhole(bytes);
      }),
      { numRuns: 25 },
    );
  });
});
