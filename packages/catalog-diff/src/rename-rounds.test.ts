import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { similarity } from "@zwgk/catalog-core";
import type { DisclosureEntry, StandardCatalog } from "@zwgk/catalog-schemas";
import { agreement as agreementOf, diffCatalogs } from "./diff.js";
import { entryPathKey, flatKey } from "./identity.js";
import { createVariantTest } from "./variants.js";

// The rename search runs in rounds of falling name similarity over what is still unmatched; it must
// pair exactly as one greedy assignment over every candidate pair does. The oracle below is that
// assignment, written out: all pairs, core `similarity`, the score, best first.

/** Renames as old index → new index, by one greedy pass over all pairs (every entry is a leftover). */
function oracle(olds: DisclosureEntry[], news: DisclosureEntry[], threshold: number): Map<number, { o: number; similarity: number }> {
  const variants = createVariantTest();
  const key = (e: DisclosureEntry) => flatKey(entryPathKey(e));
  const candidates: Array<{ o: number; n: number; score: number; similarity: number }> = [];
  olds.forEach((a, o) =>
    news.forEach((b, n) => {
      const s = similarity(key(a), key(b));
      if (s < 0.5 - 1e-9 || variants.relate(key(a), key(b)) === "variant-substitution") return;
      const score = 0.6 * s + 0.4 * agreementOf(a, b);
      if (score >= threshold) candidates.push({ o, n, score, similarity: s });
    }),
  );
  candidates.sort((x, y) => y.score - x.score || x.n - y.n || x.o - y.o);
  const takenOld = new Set<number>();
  const out = new Map<number, { o: number; similarity: number }>();
  for (const c of candidates) {
    if (takenOld.has(c.o) || out.has(c.n)) continue;
    takenOld.add(c.o);
    out.set(c.n, { o: c.o, similarity: c.similarity });
  }
  return out;
}

const CONTENTS = ["办理条件", "申请材料", "办理流程"];
const LIMITS = ["20个工作日内", "10个工作日内"];
const SUBJECTS = ["县民政局", "乡镇人民政府"];

// Names over a few characters, so that pairs of every similarity occur; other fields from small sets,
// so that agreement varies. Every old name is changed in the new version (all entries are leftovers).
const entryArb = fc.record({
  name: fc.string({ unit: fc.constantFrom(..."低保救助审核供养"), minLength: 3, maxLength: 7 }),
  content: fc.constantFrom(...CONTENTS),
  limit: fc.constantFrom(...LIMITS),
  subject: fc.constantFrom(...SUBJECTS),
});

function catalog(rows: Array<{ name: string; content: string; limit: string; subject: string }>, suffix: string): StandardCatalog {
  return {
    schemaVersion: "1.0",
    kind: "standard",
    title: "测试",
    entries: rows.map((r) => ({ items: ["社会救助", `${r.name}${suffix}`], content: r.content, timeLimit: { raw: r.limit }, subject: r.subject })),
  };
}

describe("rename search in rounds", () => {
  it("pairs exactly as one greedy assignment over all candidate pairs", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 40 }), fc.array(entryArb, { minLength: 1, maxLength: 40 }), fc.constantFrom(0.6, 0.7, 0.85, 0.95), (a, b, threshold) => {
        const old = catalog(a, "");
        const next = catalog(b, "站");
        const d = diffCatalogs(old, next, { renameThreshold: threshold });
        const expected = oracle(old.entries as DisclosureEntry[], next.entries as DisclosureEntry[], threshold);
        const got = new Map(d.renamed.map((r) => [r.new.index, { o: r.old.index, similarity: r.similarity }]));
        expect(got.size).toBe(expected.size);
        for (const [n, e] of expected) {
          expect(got.get(n)?.o).toBe(e.o);
          expect(got.get(n)?.similarity).toBeCloseTo(e.similarity, 12);
        }
        expect(d.incomplete).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it("stops at the work limit as the single search did when a round reaches it: the same renames and note", () => {
    // Long names over two characters: almost every pair is ≥ 0.9 alike, so the first round already
    // reaches the pair limit and the single search runs, cut short exactly as before the rounds.
    let seed = 7;
    const bit = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 16) & 1;
    const names = (n: number) => Array.from({ length: n }, () => Array.from({ length: 40 }, () => (bit() ? "低" : "保")).join(""));
    const side = (list: string[]): StandardCatalog => ({
      schemaVersion: "1.0",
      kind: "standard",
      title: "t",
      entries: list.map((s, i) => ({ items: ["救助", s], content: `内容${i % 7}` })),
    });
    const a = side(names(1000));
    seed = 99;
    const d = diffCatalogs(a, side(names(1000)));
    // Figures of the single search before the rounds (measured with that build).
    expect(d.incomplete).toContain("找到 200000 对名称相近的事项后停止查找");
    expect([d.renamed.length, d.added.length, d.removed.length, d.changed.length]).toEqual([201, 799, 799, 0]);
    const sig = d.renamed.map((r) => `${r.old.index}>${r.new.index}:${r.similarity.toFixed(6)}`).join(",");
    let h = 0;
    for (let i = 0; i < sig.length; i++) h = (Math.imul(h, 31) + sig.charCodeAt(i)) | 0;
    expect(h).toBe(-1222848517);
  }, 300_000); // a hang guard: the search is slow by design on such names, and the machine may be busy
});
