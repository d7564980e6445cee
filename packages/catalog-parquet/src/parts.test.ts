import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import { builtinRules, validateCatalog, type Finding } from "@zwgk/catalog-core";
import { describe, expect, it } from "vitest";
import { query, writeTables } from "./test-support.js";
import { CatalogPartEncoder, CatalogTableWriter, ENTRY_PART_COLUMNS, type CatalogOfPart, type EncodedGroup } from "./writer.js";
import { generateCatalogs } from "../../../scripts/catalog-generator.js";

// An export in parts (`zwgk export --threads 2`): each thread encodes whole catalogs — their catalogs
// rows' sources, findings and entries row groups of every column but catalog_id — and one writer
// numbers the catalogs and writes the parts in order. The tables hold the same rows, in the same
// order, as when one writer is given every catalog; only the entries' row groups end at part ends.

const ROWS = 900;

/** Writes the catalogs in parts (each part's messages structured-cloned, as between threads). */
async function writeInParts(catalogs: readonly Catalog[], findings: ReadonlyArray<readonly Finding[]>, parts: number[][]): Promise<{ dir: string; groups: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), "zwgk-parts-"));
  const chunks: Record<string, Uint8Array[]> = { catalogs: [], entries: [], findings: [] };
  const w = new CatalogTableWriter(
    { catalogs: (b) => void chunks.catalogs!.push(b), entries: (b) => void chunks.entries!.push(b), findings: (b) => void chunks.findings!.push(b) },
    { rowGroupSize: ROWS, entriesInParts: true },
  );
  // Parts are encoded out of order, by encoders used for several parts (as threads take them).
  const encoders = [new CatalogPartEncoder({ rowGroupSize: ROWS }), new CatalogPartEncoder({ rowGroupSize: ROWS })];
  const encoded = new Map<number, Array<{ catalog: CatalogOfPart } | { group: EncodedGroup }>>();
  for (const p of [...parts.keys()].reverse()) {
    const e = encoders[p % 2]!;
    const messages: Array<{ catalog: CatalogOfPart } | { group: EncodedGroup }> = [];
    for (const i of parts[p]!) {
      const added = e.addCatalog(catalogs[i]!, findings[i]);
      messages.push({ catalog: added.catalog }, ...added.groups.map((group) => ({ group })));
    }
    messages.push(...e.endPart().map((group) => ({ group })));
    encoded.set(p, structuredClone(messages));
  }
  const groups: number[] = [];
  for (let p = 0; p < parts.length; p++) {
    for (const m of encoded.get(p)!) {
      // Catalog ids are the writer's: input order, whichever encoder took the part.
      if ("catalog" in m) expect(await w.addCatalogOfPart(m.catalog)).toBe(parts.slice(0, p).flat().length + countBefore(m, encoded.get(p)!));
      else {
        groups.push(m.group.rows);
        await w.addEntryGroup(m.group);
      }
    }
  }
  await w.finish();
  for (const [table, bytes] of Object.entries(chunks)) writeFileSync(join(dir, `${table}.parquet`), Buffer.concat(bytes));
  return { dir, groups };
}

/** How many catalogs come before `m` in its part's messages. */
function countBefore(m: object, messages: readonly object[]): number {
  return messages.slice(0, messages.indexOf(m)).filter((x) => "catalog" in x).length;
}

async function rows(dir: string, table: string): Promise<unknown[]> {
  // file_row_number: the rows in the file's order.
  return query(`SELECT * FROM read_parquet('${join(dir, `${table}.parquet`)}', file_row_number = true) ORDER BY file_row_number`);
}

describe("an export written in parts (each part encoded apart, in another thread)", async () => {
  const generated: Catalog[] = [...generateCatalogs({ entries: 4000, catalogs: 9, seed: 11 })];
  // A catalog without entries, and parts of odd sizes: one catalog, several, one with no entries.
  const empty = { ...generated[1]!, title: "空目录", entries: [] } as unknown as Catalog;
  const catalogs = [...generated.slice(0, 4), empty, ...generated.slice(4)];
  const findings = catalogs.map((c) => validateCatalog(c, { rules: builtinRules }));
  const parts = [[0], [1, 2, 3], [4], catalogs.map((_, i) => i).slice(5)];
  const whole = await writeTables(catalogs, findings, ROWS);
  const { dir, groups } = await writeInParts(catalogs, findings, parts);

  it("holds the rows of a whole export, in the same order, in every table", async () => {
    expect(findings.flat().length).toBeGreaterThan(50);
    for (const table of ["catalogs", "entries", "findings"]) {
      const [a, b] = [await rows(whole, table), await rows(dir, table)];
      expect(b.length, table).toBe(a.length);
      expect(b, table).toEqual(a);
    }
    expect((await query(`SELECT entry_count FROM '${join(dir, "catalogs.parquet")}' WHERE title = '空目录'`))[0]).toEqual({ entry_count: 0 });
  });

  it("ends the entries' row groups at the parts' ends (none for a part without entries)", () => {
    const sizes = parts.map((p) => p.reduce((n, i) => n + catalogs[i]!.entries.length, 0));
    const expected = sizes.flatMap((n) => [...Array<number>(Math.floor(n / ROWS)).fill(ROWS), ...(n % ROWS ? [n % ROWS] : [])]);
    expect(groups).toEqual(expected);
  });

  it("encodes every entries column but catalog_id, which the writer numbers", () => {
    const e = new CatalogPartEncoder({ rowGroupSize: 10 });
    const { groups: gs } = e.addCatalog(catalogs[0]!);
    expect(gs[0]!.chunks.map((c) => c.column)).toEqual([...ENTRY_PART_COLUMNS]);
    expect(ENTRY_PART_COLUMNS).not.toContain("catalog_id");
  });

  it("refuses entries of catalogs it was not given, and catalogs whose entries never came", async () => {
    const sink = { catalogs: () => {}, entries: () => {}, findings: () => {} };
    const e = new CatalogPartEncoder({ rowGroupSize: ROWS });
    const added = e.addCatalog(catalogs[0]!);
    const group = [...added.groups, ...e.endPart()][0]!;
    const w = new CatalogTableWriter(sink, { rowGroupSize: ROWS, entriesInParts: true });
    await expect(w.addEntryGroup(group)).rejects.toThrow(/more than the catalogs added/);
    const w2 = new CatalogTableWriter(sink, { rowGroupSize: ROWS, entriesInParts: true });
    await w2.addCatalogOfPart(added.catalog);
    await expect(w2.finish()).rejects.toThrow(/never given/);
    await expect(w2.addCatalog(catalogs[0]!)).rejects.toThrow(/addCatalogOfPart/);
  });
});
