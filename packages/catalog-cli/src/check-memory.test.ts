import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogText } from "@zwgk/catalog-core";
import { shareRepeatedValues } from "./commands/check.js";
import { withHeapGrowth } from "./heap.js";
import { EXAMPLES } from "./test-io.js";

// What `zwgk check` holds while it runs (issue 16): shared values and V8's heap growth, counted, never timed.

type Json = Record<string, unknown>;
const entriesOf = (file: string): Json[] => {
  const r = readCatalogText(readFileSync(join(EXAMPLES, file)), { file });
  if (!r.ok) throw new Error(file);
  return (r.catalog as { entries: Json[] }).entries;
};

/** Every object and array below the entries, counted by identity. */
function objects(entries: readonly Json[]): Set<object> {
  const seen = new Set<object>();
  const walk = (v: unknown) => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    for (const x of Object.values(v)) walk(x);
  };
  for (const e of entries) for (const x of Object.values(e)) walk(x);
  return seen;
}

describe("zwgk check: equal values of the entries are held once", () => {
  const FILES = ["社会救助-标准目录.json", "发展改革局-主动公开补充目录.json", "交通运输-权责清单.json"];

  it("shares equal small values across entries and catalogs, frozen, and changes no value", () => {
    const plain = FILES.map(entriesOf);
    const shared = FILES.map(entriesOf);
    const share = shareRepeatedValues();
    for (const entries of shared) for (const e of entries) share(e);
    expect(shared).toEqual(plain);
    const before = objects(plain.flat()).size;
    const after = objects(shared.flat());
    expect(after.size).toBeLessThan(before / 2);
    // What is shared cannot be edited through one entry.
    const method = shared[0]!.find((e) => Array.isArray(e["method"]))!["method"] as string[];
    expect(Object.isFrozen(method)).toBe(true);
    expect(shared[0]!.filter((e) => e["method"] === method).length).toBeGreaterThan(1);
  });

  it("leaves the 事项 levels, source and values that are not strings alone", () => {
    const a: Json = { items: ["最低生活保障", "审批"], source: { file: "a.json", sheet: "表一" }, basis: { raw: "《社会救助暂行办法》", documents: [{ title: "社会救助暂行办法" }] }, n: { count: 1 } };
    const b: Json = structuredClone(a);
    const share = shareRepeatedValues();
    share(a);
    share(b);
    expect(b).toEqual(a);
    expect(b["items"]).not.toBe(a["items"]);
    expect(b["source"]).not.toBe(a["source"]);
    expect(b["n"]).not.toBe(a["n"]);
    expect(Object.isFrozen(a["items"])).toBe(false);
    // Two levels of strings at most: the list of documents is shared, the basis holding it stays the entry's own.
    expect((b["basis"] as Json)["documents"]).toBe((a["basis"] as Json)["documents"]);
    expect(b["basis"]).not.toBe(a["basis"]);
  });


  it("looks values up by their parts without mixing shapes: arrays, objects, shorter lists, long values", () => {
    const make = (): Json[] => [
      { method: ["公开方式为主动公开", "依申请公开的事项"], channels: { selected: ["政府网站", "政务服务中心"] } },
      { method: { 公开方式为主动公开: "依申请公开的事项" } },
      { method: ["公开方式为主动公开"] },
      { method: ["公开方式为主动公开", "依申请公开的事项"], channels: { selected: ["政府网站", "政务服务中心"] } },
      { method: ["依申请公开的事项", "公开方式为主动公开"] },
      { basis: { raw: "《中华人民共和国政府信息公开条例》".repeat(12) } },
      { basis: { raw: "《中华人民共和国政府信息公开条例》".repeat(12) } },
    ];
    const entries = make();
    const share = shareRepeatedValues();
    for (const e of entries) share(e);
    expect(entries).toEqual(make());
    const method = entries.map((e) => e["method"]);
    expect(method[3]).toBe(method[0]);
    for (const other of [1, 2, 4]) expect(method[other]).not.toBe(method[0]);
    // A value made of a shared value is found by that value.
    expect(entries[3]!["channels"]).toBe(entries[0]!["channels"]);
    // Too long to be worth looking up (about 200 characters of text at most).
    expect(entries[6]!["basis"]).not.toBe(entries[5]!["basis"]);
  });
});

describe("zwgk check: V8 collects earlier while the analysis runs", () => {
  const recorder = (given: string[] = []) => {
    const set: string[] = [];
    return { flags: { set: (f: string) => void set.push(f), given }, set };
  };

  it("sets the heap growth for the run and restores V8's default after it, also when it fails", async () => {
    const { flags, set } = recorder();
    let during: string[] = [];
    expect(await withHeapGrowth(60, async () => ((during = [...set]), 7), flags)).toBe(7);
    expect(during).toEqual(["--heap-growing-percent=60"]);
    expect(set).toEqual(["--heap-growing-percent=60", "--heap-growing-percent=0"]);
    const failing = recorder();
    await expect(withHeapGrowth(60, () => Promise.reject(new Error("x")), failing.flags)).rejects.toThrow("x");
    expect(failing.set).toEqual(["--heap-growing-percent=60", "--heap-growing-percent=0"]);
  });

  it("leaves a growth the user gave node alone", async () => {
    for (const given of [["--heap-growing-percent=30"], ["--heap_growing_percent=30"]]) {
      const { flags, set } = recorder(given);
      await withHeapGrowth(60, async () => undefined, flags);
      expect(set).toEqual([]);
    }
  });
});
