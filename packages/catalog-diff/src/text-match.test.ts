import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DisclosureEntry, StandardCatalog } from "@zwgk/catalog-schemas";
import { diffCatalogs, entryPathHash, parentIs, pathHash } from "./diff.js";
import { entryPathKey } from "./identity.js";

// Entries with the same 事项 text are paired first with first through a hash table: a hash says
// where to look, the texts decide. These tests make hashes collide and slots fill, and check the
// pairs against the plain rule.

const catalog = (entries: DisclosureEntry[]): StandardCatalog => ({ schemaVersion: "1.0", kind: "standard", title: "t", entries });
const entry = (parent: string, leaf: string, content: string): DisclosureEntry => ({ items: [parent, leaf], content });

// Two different leaves whose paths under 社会救助 hash alike (found by a birthday search over 事项<n>).
const COLLIDING: [string, string] = ["事项1479599", "事项1662382"];

describe("pairing entries by their 事项 text", () => {
  it("never pairs two paths because their hashes collide", () => {
    const [a, b] = COLLIDING;
    expect(pathHash("社会救助", a), "the hash changed: find a new colliding pair").toBe(pathHash("社会救助", b));
    const old = catalog([entry("社会救助", a, "甲"), entry("社会救助", b, "乙")]);
    const next = catalog([entry("社会救助", b, "乙"), entry("社会救助", a, "甲")]);
    const d = diffCatalogs(old, next);
    expect(d).toMatchObject({ added: [], removed: [], renamed: [], changed: [], unchanged: 2 });
    // The same leaf under another parent is another path.
    const moved = diffCatalogs(old, catalog([entry("社会救助", b, "乙"), entry("养老服务", a, "甲")]));
    expect(moved.unchanged).toBe(1);
    expect(moved.changed.filter((c) => c.matchedBy === "path")).toEqual([]);
  });

  it("pairs repeated paths first with first, as the plain rule does", () => {
    // Small alphabets make repeats, shared slots and collisions of (hash & mask) common.
    const parents = ["甲", "乙"];
    // "a" and "a。" are different texts with one matching key: the text decides first, the key after.
    const leaves = ["a", "a。", "b", "b ", "c", "d", "e", "f", "g"];
    const row = fc.record({ p: fc.constantFrom(...parents), l: fc.constantFrom(...leaves) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.array(row, { maxLength: 12 }), (olds, news) => {
        // Each old entry's content names it; new entries copy nothing, so every pair made shows
        // as a change from old content `o<i>` to new content `n<j>`.
        const old = catalog(olds.map((r, i) => entry(r.p, r.l, `o${i}`)));
        const next = catalog(news.map((r, j) => entry(r.p, r.l, `n${j}`)));
        const taken = new Set<number>();
        const paired = new Set<number>();
        const expected: Array<[number, number]> = [];
        const pass = (same: (q: { p: string; l: string }, r: { p: string; l: string }) => boolean) =>
          news.forEach((r, j) => {
            if (paired.has(j)) return;
            const i = olds.findIndex((q, k) => !taken.has(k) && same(q, r));
            if (i < 0) return;
            taken.add(i);
            paired.add(j);
            expected.push([i, j]);
          });
        pass((q, r) => q.p === r.p && q.l === r.l);
        const key = (q: { p: string; l: string }) => entryPathKey(entry(q.p, q.l, ""));
        pass((q, r) => key(q) === key(r));
        expected.sort((x, y) => x[1] - y[1]);
        const d = diffCatalogs(old, next);
        const pairs = d.changed.filter((c) => c.matchedBy === "path").map((c) => [c.old.index, c.new.index]);
        expect(pairs).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("paths of three levels and more, without joining their parent levels", () => {
  // What the hash and the parent test stand for: the parent levels joined with U+0001, as parentOf joins them.
  const joined = (items: string[]) => (items.length === 2 ? items[0]! : items.slice(0, -1).join("\u0001"));
  const level = fc.string({ unit: fc.constantFrom("社", "会", "救", "助", "\u0001", "a"), maxLength: 3 });

  it("hash and compare as the joined text does, including empty levels and separators inside a level", () => {
    fc.assert(
      fc.property(fc.array(level, { maxLength: 5 }), fc.array(level, { maxLength: 5 }), (a, b) => {
        const ea = { items: a, content: "" } as DisclosureEntry;
        expect(entryPathHash(ea)).toBe(pathHash(joined(a), a[a.length - 1] ?? ""));
        expect(parentIs(ea, joined(b))).toBe(joined(a) === joined(b));
        expect(parentIs(ea, joined(a))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
