import { describe, expect, it } from "vitest";
import type { Catalog } from "@zwgk/catalog-schemas";
import { readCatalogText, writeCatalogJson } from "@zwgk/catalog-core";
import { bodiesOf, analyzeCatalogs } from "./analyze.js";
import { checkReport, EntryLines } from "./report.js";
import { createContext } from "./context.js";
import { describe as describeItem } from "./match.js";
import { flatKey } from "../identity.js";
import { devReformSupplementary, socialAssistanceCatalog, transportPowerCatalog, withJurisdiction } from "../fixtures.js";

// What `zwgk check` holds per entry at scale (issue 16): counted reads and bytes, never time.

const BAODI = { name: "宝坻区", level: "县" as const, code: "120115" };

/** The catalogs with every entry's 事项 fields (items, name) counting their reads. */
function counting(catalogs: Catalog[]): { catalogs: Catalog[]; reads: () => number } {
  let reads = 0;
  const wrap = (entry: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(entry)) {
      if (k === "items" || k === "name") {
        Object.defineProperty(out, k, {
          enumerable: true,
          get: () => {
            reads++;
            return v;
          },
        });
      } else out[k] = v;
    }
    return out;
  };
  return { catalogs: catalogs.map((c) => ({ ...c, entries: (c.entries as unknown as Array<Record<string, unknown>>).map(wrap) }) as unknown as Catalog), reads: () => reads };
}

describe("check at scale: memory shape", () => {
  it("bodiesOf groups catalogs without computing any entry's matching keys", () => {
    const supp = { ...withJurisdiction(devReformSupplementary(), BAODI), department: "宝坻区民政局" };
    const { catalogs, reads } = counting([socialAssistanceCatalog(), supp, withJurisdiction(transportPowerCatalog(), BAODI)]);
    const groups = bodiesOf(catalogs);
    expect(groups.map((g) => g.catalogs)).toEqual([[0, 1], [2]]);
    expect(reads()).toBe(0);
    // The analysis itself does read them (the counter works).
    analyzeCatalogs(catalogs);
    expect(reads()).toBeGreaterThan(0);
  });

  it("EntryLines answers every entry's line as the reader's map does, in 4 bytes an entry", () => {
    const catalog = withJurisdiction(devReformSupplementary(), BAODI);
    const read = readCatalogText(writeCatalogJson(catalog), { file: "supp.json" });
    if (!read.ok) throw new Error("fixture unreadable");
    const lines = read.lines!;
    const n = catalog.entries.length;
    const table = new EntryLines(lines, n);
    for (let i = 0; i < n; i++) {
      expect(table.get(`/entries/${i}`)).toBe(lines.get(`/entries/${i}`));
      expect(table.get(`/entries/${i}`)).toBeGreaterThan(1);
    }
    // Only entries: keys inside them, the root and entries past the end have no line here.
    expect(lines.get("/entries/0/items")).toBeDefined();
    expect(table.get("/entries/0/items")).toBeUndefined();
    expect(table.get("/title")).toBeUndefined();
    expect(table.get(`/entries/${n}`)).toBeUndefined();
    expect(table.get("/entries/01")).toBeUndefined();
    const held = (table as unknown as { line: Int32Array }).line;
    expect(held.byteLength).toBe(4 * n);
  });

  it("checkReport locates findings at the same lines from EntryLines as from the reader's maps", () => {
    const standard = withJurisdiction(socialAssistanceCatalog(), BAODI);
    const twin = standard.entries.find((e) => e.items.join() === "最低生活保障,审批")!;
    const supp = { ...withJurisdiction(devReformSupplementary(), BAODI), title: "宝坻区民政局政府信息主动公开补充目录", department: "宝坻区民政局" };
    supp.entries.push({ ...twin, source: { file: "supp.json" } });
    const catalogs = [standard, supp].map((c, i) => ({ ...c, source: { file: `${i}.json` } }) as Catalog);
    const maps = catalogs.map((c) => {
      const r = readCatalogText(writeCatalogJson(c), { file: "x.json" });
      if (!r.ok) throw new Error("fixture unreadable");
      return r.lines!;
    });
    const full = checkReport(catalogs, { lines: maps });
    const compact = checkReport(catalogs, { lines: maps.map((m, i) => new EntryLines(m, catalogs[i]!.entries.length)) });
    expect(full.findings?.some((f) => f.location.line && f.related?.some((r) => r.line))).toBe(true);
    expect(compact).toEqual(full);
  });

  it("an item holds its path key once: the flat key is derived when asked", () => {
    const standard = socialAssistanceCatalog();
    const ctx = createContext([standard, transportPowerCatalog()]);
    for (const item of ctx.items.flat()) {
      expect(Object.keys(item)).not.toContain("flat");
      expect(item.flat).toBe(flatKey(item.path));
    }
    // A disclosure entry's levels are its own `items`, not a copy.
    expect(ctx.items[0]![0]!.levels).toBe(standard.entries[0]!.items);
  });

  it("the matcher's description holds keys only, and one shared empty list where nothing was undone", () => {
    const ctx = createContext([socialAssistanceCatalog(), transportPowerCatalog()]);
    const described = ctx.items.flat().map(describeItem);
    for (const d of described) {
      // No text as written (the lower levels, the name) is kept: relate derives it for the pairs it compares.
      expect(Object.values(d).filter((v) => typeof v === "string" && v !== d.specKey && v !== d.lowerKey && v !== d.dropped)).toEqual([]);
      expect(typeof d.lower).toBe("boolean");
    }
    const empty = described.flatMap((d) => [d.lowerSteps, d.specSteps]).filter((s) => s.length === 0);
    expect(empty.length).toBeGreaterThan(10);
    expect(new Set(empty).size).toBe(1);
  });
});
