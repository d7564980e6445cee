import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalizeForMatch, similarity } from "@zwgk/catalog-core";
import { DEFAULT_MAX_PAIRS, type JoinLimit, findSimilarPairs, findSimilarPairsBetween, freeSlots, joinWork, tokenSlot } from "./similarity-join.js";
import { GUANGAN_SERVICE_ROWS } from "./fixtures.js";

const NAMES = GUANGAN_SERVICE_ROWS.map((r) => normalizeForMatch(String(r[2])));

describe("findSimilarPairs", () => {
  it("finds the pairs core similarity scores at or above the threshold, with that score", () => {
    const keys = ["最低生活保障审批", "最低生活保障审核", "最低生活保障审批确认", "临时救助审批", "特困人员救助供养政策"];
    const pairs = findSimilarPairs(keys, { threshold: 0.8 });
    expect(pairs.map((p) => [keys[p.a], keys[p.b]])).toEqual([
      ["最低生活保障审批", "最低生活保障审核"],
      ["最低生活保障审批", "最低生活保障审批确认"],
    ]);
    for (const p of pairs) expect(p.similarity).toBeCloseTo(similarity(keys[p.a]!, keys[p.b]!), 12);
  });

  it("counts repeated bigrams like core similarity", () => {
    const keys = ["公开公开目录", "公开目录目录"];
    const [pair] = findSimilarPairs(keys, { threshold: 0.1 });
    expect(pair?.similarity).toBeCloseTo(similarity(keys[0]!, keys[1]!), 12);
  });

  it("scores every pair as core similarity does, repeated bigrams and long keys included", () => {
    const key = fc.string({ unit: fc.constantFrom(..."公开目录公示救助"), minLength: 2, maxLength: 90 });
    fc.assert(
      fc.property(fc.array(key, { minLength: 2, maxLength: 12 }), (keys) => {
        const pairs = findSimilarPairs(keys, { threshold: 0.05 });
        for (const p of pairs) expect(p.similarity).toBeCloseTo(similarity(keys[p.a]!, keys[p.b]!), 12);
        const found = new Set(pairs.map((p) => `${p.a},${p.b}`));
        for (let b = 1; b < keys.length; b++) for (let a = 0; a < b; a++) if (similarity(keys[a]!, keys[b]!) >= 0.05 + 1e-9) expect(found.has(`${a},${b}`)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("ignores empty keys and matches one-character keys only to themselves", () => {
    expect(findSimilarPairs(["", "", "a", "a", "b"], { threshold: 0.5 })).toEqual([{ a: 2, b: 3, similarity: 1 }]);
  });

  it("gives the same pairs as the all-pairs scan on real service names", () => {
    for (const threshold of [0.6, 0.75, 0.9]) {
      const blocked = findSimilarPairs(NAMES, { threshold });
      expect(blocked.length).toBeGreaterThan(0);
      expect(blocked).toEqual(findSimilarPairs(NAMES, { threshold, method: "all-pairs" }));
    }
  });

  it("is exact on random keys (prefix filtering loses nothing)", () => {
    const key = fc.string({ unit: fc.constantFrom(..."救助审批核低保生活政策"), minLength: 0, maxLength: 9 });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), fc.double({ min: 0.3, max: 1, noNaN: true }), (keys, threshold) => {
        expect(findSimilarPairs(keys, { threshold })).toEqual(findSimilarPairs(keys, { threshold, method: "all-pairs" }));
      }),
      { numRuns: 300 },
    );
  });
});

describe("findSimilarPairsBetween", () => {
  it("pairs left with right only", () => {
    const left = ["客运站经营许可", "客运站经营许可换发"];
    const right = ["客运站经营许可（注销）", "机动车维修经营备案"].map(normalizeForMatch);
    const pairs = findSimilarPairsBetween(left, right, { threshold: 0.7 });
    expect(pairs.map((p) => [left[p.a], right[p.b]])).toEqual([
      ["客运站经营许可", "客运站经营许可注销"],
      ["客运站经营许可换发", "客运站经营许可注销"],
    ]);
  });

  it("is exact on random keys", () => {
    const key = fc.string({ unit: fc.constantFrom(..."道路运输经营许可证"), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 25 }), fc.array(key, { maxLength: 25 }), fc.constantFrom(0.5, 0.7, 0.9), (left, right, threshold) => {
        expect(findSimilarPairsBetween(left, right, { threshold })).toEqual(
          findSimilarPairsBetween(left, right, { threshold, method: "all-pairs" }),
        );
      }),
      { numRuns: 300 },
    );
  });

  // Numbered series (第8组检查结果36号 …), as a revision's removed and added items: digit bigrams are
  // frequent, so many pairs share a prefix token, most of them late in one of the two keys.
  const DOMAINS = ["统计信息", "办事指南", "应急管理", "机构职能", "审批结果", "监督检查", "政策文件", "资金使用"];
  const removed = Array.from({ length: 300 }, (_, k) => `${DOMAINS[k % 8]}第${1 + ((k * 37) % 200)}组${["检查结果", "资金分配", "政策解读", "对象名单", "办理流程"][k % 5]}${1 + ((k * 7919) % 999)}号`);
  const added = Array.from({ length: 300 }, (_, k) => `${DOMAINS[(k * 3) % 8]}第${5000 + ((k * 7907) % 12000)}组新增事项${1 + ((k * 104729) % 999)}号`);

  it("drops candidates by position without changing the pairs", () => {
    const share: number[] = [];
    for (const threshold of [0.5, 0.75, 0.9]) {
      const { candidates, verified } = joinWork;
      const pairs = findSimilarPairsBetween(removed, added, { threshold });
      share.push((joinWork.verified - verified) / (joinWork.candidates - candidates));
      expect(pairs).toEqual(findSimilarPairsBetween(removed, added, { threshold, method: "all-pairs" }));
    }
    expect(findSimilarPairs([...removed, ...added], { threshold: 0.5 })).toEqual(findSimilarPairs([...removed, ...added], { threshold: 0.5, method: "all-pairs" }));
    // Counted for a share of the candidates only (0.93, 0.71 and 0.22 of them here).
    expect(share[0]).toBeLessThan(0.97);
    expect(share[1]).toBeLessThan(0.8);
    expect(share[2]).toBeLessThan(0.3);
  });

  it("counts candidates against maxComparisons as before the positional filter", () => {
    let limit: JoinLimit | undefined;
    findSimilarPairsBetween(removed, added, { threshold: 0.5, maxComparisons: 10_000, onLimit: (l) => (limit = l) });
    expect(limit).toMatchObject({ limit: "maxComparisons", comparisons: 10_000 });
  });
});

// Names over two characters defeat prefix filtering: every pair is a candidate and most pairs match.
function twoCharacterNames(n: number, length = 16): string[] {
  let seed = 20241207;
  const next = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 16) & 1;
  return Array.from({ length: n }, () => Array.from({ length }, () => (next() ? "甲" : "乙")).join(""));
}

describe("work bounds (issue 13: near-duplicate search degenerates)", () => {
  it("stops at maxComparisons, says so once, and returns what it found", () => {
    const keys = twoCharacterNames(3000);
    const limits: unknown[] = [];
    const pairs = findSimilarPairs(keys, { threshold: 0.8, maxComparisons: 100_000, onLimit: (l) => limits.push(l) });
    expect(limits).toEqual([{ limit: "maxComparisons", value: 100_000, pairs: pairs.length, comparisons: 100_000 }]);
    for (const p of pairs) expect(p.similarity).toBeCloseTo(similarity(keys[p.a]!, keys[p.b]!), 12);
  });

  it("stops at maxPairs, between two sides too", () => {
    const left = twoCharacterNames(2000);
    const right = twoCharacterNames(2000, 15);
    let stopped: { limit: string; pairs: number } | undefined;
    const pairs = findSimilarPairsBetween(left, right, { threshold: 0.5, maxPairs: 5_000, onLimit: (l) => (stopped = l) });
    expect(pairs).toHaveLength(5_000);
    expect(stopped).toMatchObject({ limit: "maxPairs", pairs: 5_000 });
  });

  it("keeps the default bounds on 16,000 such names: at most DEFAULT_MAX_PAIRS pairs", () => {
    let stopped = false;
    const pairs = findSimilarPairs(twoCharacterNames(16_000), { threshold: 0.8, onLimit: () => (stopped = true) });
    expect(stopped).toBe(true);
    expect(pairs.length).toBeLessThanOrEqual(DEFAULT_MAX_PAIRS);
  });

  it("counts only the pairs keep accepts against maxPairs, so a numbered series does not hide the pair wanted", () => {
    // 服务事项第1项 … 第2000项 are similar to each other by the thousand; one real pair among them.
    const keys = [...Array.from({ length: 2000 }, (_, i) => `公共服务事项服务事项第${i + 1}项`), "最低生活保障对象认定", "最低生活保障的对象认定"];
    const numbered = (k: string) => k.startsWith("公共服务");
    const limits: unknown[] = [];
    const pairs = findSimilarPairs(keys, { threshold: 0.8, maxPairs: 10, keep: (a, b) => !numbered(keys[a]!) && !numbered(keys[b]!), onLimit: (l) => limits.push(l) });
    expect(pairs.map((p) => [keys[p.a], keys[p.b]])).toEqual([["最低生活保障对象认定", "最低生活保障的对象认定"]]);
    expect(limits).toEqual([]);
    // Without the test the series alone is far above that bound.
    let stopped: { limit: string } | undefined;
    findSimilarPairs(keys, { threshold: 0.8, maxPairs: 10, onLimit: (l) => (stopped = l) });
    expect(stopped).toMatchObject({ limit: "maxPairs" });
  });

  it("stops at maxRefused when keep refuses pair after pair, and says so", () => {
    const keys = twoCharacterNames(3000);
    let stopped: { limit: string; value: number } | undefined;
    const pairs = findSimilarPairs(keys, { threshold: 0.8, keep: () => false, maxRefused: 1_000, onLimit: (l) => (stopped = l) });
    expect(pairs).toEqual([]);
    expect(stopped).toMatchObject({ limit: "maxRefused", value: 1_000 });
  });

  it("does not call onLimit on real names", () => {
    let stopped = false;
    findSimilarPairs(NAMES, { threshold: 0.5, onLimit: () => (stopped = true) });
    expect(stopped).toBe(false);
  });
});

describe("token table", () => {
  it("spreads bigrams that share their second character: few probes, not one chain", () => {
    // 4,000 bigrams X证 in a table of 8,192 slots (half full, as tokenize keeps it): a hash that masks
    // g·φ without mixing sends them all to one home slot (its low bits are those of 证).
    const m = 8191;
    const empty = freeSlots(m + 1);
    const slots = freeSlots(m + 1);
    let displaced = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const g = (0x4e00 + i) * 65536 + "证".charCodeAt(0);
      const home = tokenSlot(g, empty, m);
      const h = tokenSlot(g, slots, m);
      expect(slots[2 * h + 1]).toBe(-1);
      displaced += (h - home) & m;
      slots[2 * h] = g;
      slots[2 * h + 1] = i;
    }
    expect(displaced / n).toBeLessThan(2);
    // Repeats within a key (n·2³² added) spread too.
    for (let i = 0; i < n; i++) {
      const g = (0x4e00 + i) * 65536 + "证".charCodeAt(0);
      expect(slots[2 * tokenSlot(g, slots, m) + 1]).toBe(i);
    }
  });
});
