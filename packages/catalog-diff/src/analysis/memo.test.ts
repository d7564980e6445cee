import { describe, expect, it } from "vitest";
import type { Entry } from "@zwgk/catalog-schemas";
import { TextMemo } from "./memo.js";
import { entryMatchKeys } from "./parts.js";

describe("TextMemo", () => {
  it("computes each text once while it repeats, and holds at most two generations", () => {
    const memo = new TextMemo<string>(2);
    let made = 0;
    const make = (t: string) => (made++, t.toUpperCase());
    expect(["a", "b", "a", "b"].map((t) => memo.get(t, make))).toEqual(["A", "B", "A", "B"]);
    expect(made).toBe(2);
    // "c" starts a new generation; a and b stay in the older one and are still found.
    memo.get("c", make);
    memo.get("a", make);
    expect(made).toBe(3);
    // Two more new texts push the generation holding only b out: b is computed again.
    memo.get("d", make);
    memo.get("e", make);
    memo.get("b", make);
    expect(made).toBe(6);
  });
});

describe("entryMatchKeys remembered per levels", () => {
  const disclosure = (items: string[], content?: string): Entry => ({ seq: "1", items, ...(content ? { content } : {}) }) as unknown as Entry;

  it("keeps entries apart whose levels or content differ, however the text splits", () => {
    const a = entryMatchKeys("standard", disclosure(["最低生活保障", "审批结果"], "低保对象名单、临时救助标准"));
    const b = entryMatchKeys("standard", disclosure(["最低生活保障", "审批结果"], "特困人员救助供养条件"));
    const c = entryMatchKeys("standard", disclosure(["最低生活保障审批", "结果"], "低保对象名单、临时救助标准"));
    expect(a.coverCores).not.toEqual(b.coverCores);
    expect(a.levels).toEqual(["最低生活保障", "审批结果"]);
    expect(c.levels).toEqual(["最低生活保障审批", "结果"]);
    // The same levels again: the same keys (and the same arrays).
    const again = entryMatchKeys("standard", disclosure(["最低生活保障", "审批结果"], "低保对象名单、临时救助标准"));
    expect(again).toEqual(a);
  });

  it("gives a power the keys of a power, not those of a disclosure entry with the same text", () => {
    const shown = entryMatchKeys("standard", disclosure(["临时救助金给付"]));
    const power = entryMatchKeys("power", { seq: "1", name: "临时救助金给付", type: "行政给付" } as unknown as Entry);
    expect(shown.coverCores).toEqual(["临时救助"]);
    expect(shown.itemCoverKeys).toEqual([]);
    expect(power.coverCores).toEqual([]);
    expect(power.itemCoverKeys).toContain("临时救助");
    expect(power.type).toBe("行政给付");
    expect(power.coverType).toBe("行政给付");
  });
});
