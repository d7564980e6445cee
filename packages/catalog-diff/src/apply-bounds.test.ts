// apply with hostile change sets: many duplicate entries (was quadratic), and changes that would
// make the catalog break its own schema (was written as is, or crashed the xlsx/xml writers).
import { describe, expect, it } from "vitest";
import type { DisclosureEntry, StandardCatalog } from "@zwgk/catalog-schemas";
import { applyChangeSet, applyWork, ChangeSetError, DEFAULT_MAX_APPLY_COMPARISONS } from "./apply.js";
import type { Change, ChangeSet } from "./changeset.js";
import { socialAssistanceCatalog } from "./fixtures.js";

const META = { author: "宝坻区民政局", reason: "清理重复事项", effectiveDate: "2024-07-01" };

function duplicates(n: number, distinct = false): StandardCatalog {
  const base = socialAssistanceCatalog();
  const { source: _s, ...entry } = base.entries[0] as DisclosureEntry;
  return { ...base, entries: Array.from({ length: n }, (_, i) => ({ ...entry, ...(distinct ? { content: `内容${i}` } : {}), source: { sheet: "社会救助", row: i + 4 } })) };
}

function removeAll(catalog: StandardCatalog): ChangeSet {
  const changes: Change[] = catalog.entries.map((e) => {
    const { source: _s, ...entry } = e as DisclosureEntry;
    return { op: "remove", target: { path: [...(e as DisclosureEntry).items] }, entry };
  });
  return { kind: "standard", ...META, changes };
}

/** The matching work counted while `f` runs (counts, not time: the bound holds on any machine). */
function work(f: () => void): typeof applyWork {
  Object.assign(applyWork, { comparisons: 0, considered: 0 });
  f();
  return { ...applyWork };
}

describe("apply with many duplicate entries", () => {
  it("removes 20,000 identical entries with work linear in their number (was quadratic: minutes)", () => {
    const n = 20_000;
    const catalog = duplicates(n);
    let result: StandardCatalog | undefined;
    const counted = work(() => void (result = applyChangeSet(catalog, removeAll(catalog)) as StandardCatalog));
    expect(result!.entries).toHaveLength(0);
    // The duplicates are one group: each change compares it once, looks at it once to find a
    // candidate and once to find the first unused one, and each removed entry is skipped over once.
    // Comparing entry by entry, or skipping from the first member every time, is n²/2 = 200,000,000.
    expect(counted.comparisons).toBe(n);
    expect(counted.considered).toBeLessThanOrEqual(3 * n);
  });

  /** n different entries under one name, each updated, in the reverse order: ~n²/2 comparisons. */
  function reversedUpdates(n: number): { catalog: StandardCatalog; cs: ChangeSet } {
    const catalog = duplicates(n, true);
    const changes: Change[] = catalog.entries.map((_, i) => ({ op: "update", target: { path: [...(catalog.entries[0] as DisclosureEntry).items] }, patches: [{ field: "content", old: `内容${n - 1 - i}`, new: `新内容${i}` }] }));
    return { catalog, cs: { kind: "standard", ...META, changes } };
  }
  const thrown = (f: () => unknown): unknown => {
    try {
      f();
      return undefined;
    } catch (err) {
      return err;
    }
  };

  it("stops with a clear error, not a stall, when thousands of different entries share one name", () => {
    const { catalog, cs } = reversedUpdates(4_000);
    const e = thrown(() => applyChangeSet(catalog, cs));
    expect(e).toBeInstanceOf(ChangeSetError);
    expect((e as Error).message).toContain(String(DEFAULT_MAX_APPLY_COMPARISONS));
    expect((e as ChangeSetError).limit).toBe("maxComparisons");
  });

  it("takes its comparison budget from the options: lowered it stops earlier, raised it finishes", () => {
    const { catalog, cs } = reversedUpdates(300);
    const counted = work(() => void applyChangeSet(catalog, cs));
    expect(counted.comparisons).toBeGreaterThan(40_000);
    const low = thrown(() => applyChangeSet(catalog, cs, { maxComparisons: 1_000 }));
    expect(low).toBeInstanceOf(ChangeSetError);
    expect((low as Error).message).toContain("逐一比较超过 1000 次");
    expect(work(() => void thrown(() => applyChangeSet(catalog, cs, { maxComparisons: 1_000 }))).comparisons).toBe(1_001);
    const big = reversedUpdates(4_000);
    const raised = applyChangeSet(big.catalog, big.cs, { maxComparisons: 10_000_000 });
    expect((raised.entries[0] as DisclosureEntry).content).toBe("新内容3999");
  });
});

describe("apply validates what it writes", () => {
  it("refuses an add whose fields have the wrong types, naming the entry and the field", () => {
    const catalog = socialAssistanceCatalog();
    const bad = { items: ["最低生活保障", "新增事项"], content: "名单", timeLimit: 20, subject: { name: "民政局" } } as unknown as DisclosureEntry;
    const cs: ChangeSet = { kind: "standard", ...META, changes: [{ op: "add", target: { path: bad.items }, entry: bad }] };
    let error: unknown;
    try {
      applyChangeSet(catalog, cs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChangeSetError);
    const message = (error as Error).message;
    expect(message).toContain("不符合目录标准");
    expect(message).toContain("新增事项");
    expect(message).toMatch(/公开时限/);
    expect((error as ChangeSetError).issues.every((i) => i.op === "add")).toBe(true);
  });

  it("refuses a patch that gives a field the wrong type, and accepts well-typed ones", () => {
    const catalog = socialAssistanceCatalog();
    const first = catalog.entries[0] as DisclosureEntry;
    const patch = (value: unknown): ChangeSet => ({ kind: "standard", ...META, changes: [{ op: "update", target: { path: [...first.items] }, patches: [{ field: "content", old: first.content, new: value as string }] }] });
    expect(() => applyChangeSet(catalog, patch(["不是", "文本"]))).toThrow(/不符合目录标准/);
    expect((applyChangeSet(catalog, patch("新的公开内容")).entries[0] as DisclosureEntry).content).toBe("新的公开内容");
  });
});
