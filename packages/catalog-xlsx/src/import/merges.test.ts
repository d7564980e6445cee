import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ColumnMapping, DisclosureEntry, Entry, PowerEntry } from "@zwgk/catalog-schemas";
import { columnLetter, type MergeRange } from "../reader/index.js";
import { parseRange } from "../reader/cellref.js";
import { applyMerges, mergeIndex, mergeWork } from "./merges.js";

const range = (ref: string): MergeRange => ({ ...(parseRange(ref) as NonNullable<ReturnType<typeof parseRange>>), ref });
/** The merge code's work counters for what `f` does (counts, not time: the bounds hold on any machine). */
function work(f: () => void): typeof mergeWork {
  Object.assign(mergeWork, { stored: 0, probed: 0, visited: 0, settled: 0 });
  f();
  return { ...mergeWork };
}

describe("mergeIndex", () => {
  it("finds the range covering a cell exactly like a scan of every range (non-overlapping ranges)", () => {
    const rect = fc.tuple(fc.nat(30), fc.nat(40), fc.nat(6), fc.nat(8)).map(([left, top, w, h]) => ({ left, top: top + 1, right: left + w, bottom: top + 1 + h }));
    fc.assert(
      fc.property(fc.array(rect, { maxLength: 25 }), fc.array(fc.tuple(fc.nat(45), fc.integer({ min: 1, max: 55 })), { minLength: 1, maxLength: 40 }), (rects, probes) => {
        const kept: MergeRange[] = [];
        for (const r of rects) {
          if (kept.some((k) => r.left <= k.right && k.left <= r.right && r.top <= k.bottom && k.top <= r.bottom)) continue;
          kept.push({ ...r, ref: "" });
        }
        const index = mergeIndex(kept);
        for (const [col, row] of probes) {
          const naive = kept.find((k) => k.left <= col && col <= k.right && k.top <= row && row <= k.bottom);
          expect(index.find(row, col)).toBe(naive);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("stores a range once per tree node, not once per column, when a file declares the whole grid merged thousands of times or 30,000 one-row ranges 16,384 columns wide", () => {
    let storm: ReturnType<typeof mergeIndex> | undefined;
    // All 5,000 ranges have the same column edges, so each goes into one node; a lookup examines at
    // most the two levels of that tree.
    expect(work(() => (storm = mergeIndex(Array.from({ length: 5000 }, () => range("A1:XFD1048576")))))).toMatchObject({ stored: 5000, probed: 0 });
    const stormLookups = work(() => {
      expect(storm!.isCovered("C9")).toBe(true);
      expect(storm!.isCovered("A1")).toBe(false);
    });
    expect(stormLookups.probed).toBeLessThanOrEqual(2 * 2);
    let rows: ReturnType<typeof mergeIndex> | undefined;
    expect(work(() => (rows = mergeIndex(Array.from({ length: 30_000 }, (_, i) => range(`B${i + 2}:XFD${i + 2}`)))))).toMatchObject({ stored: 30_000 });
    const rowLookups = work(() => {
      expect([rows!.isCovered("B5"), rows!.isCovered("C5"), rows!.isCovered("XFD30001"), rows!.isCovered("A5")]).toEqual([false, true, true, false]);
    });
    expect(rowLookups.probed).toBeLessThanOrEqual(4 * 2);
    // A reference far beyond Excel's grid (the reader accepts columns up to 2^24) costs the same.
    const far = work(() => expect(mergeIndex([range("A1:ZZZZZ9")]).find(9, 1_000_000)).toBeDefined());
    expect(far).toMatchObject({ stored: 1, probed: 1 });
  });

  it("stores each range in at most two nodes per tree level, whatever the ranges", () => {
    const rect = fc.tuple(fc.nat(16_383), fc.nat(200), fc.nat(16_383), fc.nat(50)).map(([left, top, w, h]) => `${columnLetter(left + 1)}${top + 1}:${columnLetter(Math.min(16_383, left + w) + 1)}${top + 1 + h}`);
    fc.assert(
      fc.property(fc.array(rect, { minLength: 1, maxLength: 60 }), (refs) => {
        const ranges = refs.map(range);
        const edges = new Set(ranges.flatMap((m) => [m.left, m.right + 1])).size;
        const levels = Math.ceil(Math.log2(edges));
        expect(work(() => mergeIndex(ranges)).stored).toBeLessThanOrEqual(ranges.length * 2 * levels);
      }),
      { numRuns: 200 },
    );
  });
});

const mapping: ColumnMapping[] = [
  { column: "A", header: "序号", field: "seq" },
  { column: "B", header: "公开事项/一级事项", field: "items.0" },
  { column: "C", header: "公开事项/二级事项", field: "items.1" },
  { column: "D", header: "公开对象/全社会", field: "audience", value: "全社会" },
  { column: "E", header: "公开对象/特定群众", field: "audience", value: "特定群众" },
  { column: "F", header: "公开时长" },
  { column: "G", header: "备注" },
];
const row = (r: number, extra: Partial<DisclosureEntry> = {}): DisclosureEntry => ({ seq: String(r - 3), items: ["最低生活保障", `事项${r}`], source: { sheet: "社会救助", row: r }, ...extra });

describe("applyMerges", () => {
  it("fills covered rows once: marks in column order, extras in column order, written values kept", () => {
    const entries = [
      row(4, { audience: ["特定群众"], extra: [{ name: "公开时长", value: "长期" }, { name: "备注", value: "县级" }] }),
      row(5, { extra: [{ name: "备注", value: "乡级" }] }),
      row(6, { audience: ["全社会"], extra: [{ name: "公开时长", value: "一年" }] }),
    ];
    applyMerges(entries, [range("E4:E6"), range("F4:F6"), range("G4:G5"), range("D6:D7")], mapping);
    expect(entries.map((e) => [e.audience, e.extra])).toEqual([
      [["特定群众"], [{ name: "公开时长", value: "长期" }, { name: "备注", value: "县级" }]],
      [["特定群众"], [{ name: "公开时长", value: "长期" }, { name: "备注", value: "乡级" }]],
      [["全社会", "特定群众"], [{ name: "公开时长", value: "一年" }]],
    ]);
    // Copies, not shared objects.
    expect(entries[1]?.extra?.[0]).not.toBe(entries[0]?.extra?.[0]);
  });

  it("skips a range overlapping an earlier one in its column, and never walks past the last entry", () => {
    const entries: PowerEntry[] = [4, 5, 6].map((r) => ({ name: `事项${r}`, source: { row: r } }));
    entries[0]!.remark = "第一段";
    const columns: ColumnMapping[] = [{ column: "C", header: "事项名称", field: "name" }, { column: "G", header: "备注", field: "remark" }];
    // The first range visits rows 5 and 6 (the entries below its anchor); the 3,000 overlapping ones none.
    const counted = work(() => applyMerges(entries, [range("G4:G1048576"), ...Array.from({ length: 3000 }, () => range("G5:XFD1048576"))], columns));
    expect(counted.visited).toBe(2);
    expect(entries.map((e) => e.remark)).toEqual(["第一段", "第一段", "第一段"]);
  });

  it("visits only the entries a merge covers, however far apart its rows are (rows 4 and 1073741823)", () => {
    // Rows as a 7 KB file can declare them: a walk over every row between the ends runs for minutes.
    const far = 1_073_741_823;
    const entries: PowerEntry[] = [4, 5, far - 1, far].map((r) => ({ name: `事项${r}`, source: { row: r } }));
    entries[0]!.remark = "甲";
    entries[2]!.remark = "乙";
    const columns: ColumnMapping[] = [{ column: "C", header: "事项名称", field: "name" }, { column: "G", header: "备注", field: "remark" }];
    // One entry below each anchor (rows 5 and `far`); column H maps no field. A walk over the rows
    // between the ends would count a billion.
    const counted = work(() => applyMerges(entries, [range(`G4:G${far - 2}`), range(`G${far - 1}:G${far}`), range(`H4:H${far}`)], columns));
    expect(counted.visited).toBe(2);
    expect(entries.map((e) => e.remark)).toEqual(["甲", "甲", "乙", "乙"]);
  });

  it("stays linear with thousands of merged flag and extra columns (a 54 KB file once took 40 s)", () => {
    const n = 4000;
    const columns: ColumnMapping[] = [{ column: "A", header: "序号", field: "seq" }];
    const letters: string[] = [];
    for (let i = 0; i < n; i++) {
      const letter = columnLetter(i + 1);
      letters.push(letter);
      columns.push(i % 2 ? { column: letter, header: `附注${i}` } : { column: letter, header: `公开层级/X${i}级`, field: "levels", value: `X${i}级` });
    }
    const entries: Entry[] = Array.from({ length: 30 }, (_, k) => ({ seq: String(k + 1), items: ["事项"], source: { row: k + 2 } }));
    const anchor = entries[0] as DisclosureEntry;
    anchor.levels = letters.filter((_, i) => i % 2 === 0).map((_, j) => `X${j * 2}级`);
    anchor.extra = letters.map((_, i) => i).filter((i) => i % 2).map((i) => ({ name: `附注${i}`, value: "√" }));
    const counted = work(() => applyMerges(entries, letters.map((l) => range(`${l}2:${l}31`)), columns));
    // Linear: each of the 29 covered entries is visited once per merged column, and its marks and
    // extras are put in column order once (2,000 of each), not re-sorted after every copy.
    expect(counted.visited).toBe(29 * n);
    expect(counted.settled).toBe(29 * n);
    const last = entries[29] as DisclosureEntry;
    expect(last.levels).toEqual(anchor.levels);
    expect(last.extra).toEqual(anchor.extra);
  });
});
