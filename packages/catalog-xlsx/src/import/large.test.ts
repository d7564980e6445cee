import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import { GROUP_SIZE, LARGE_HEADER_ROWS, largeRow, writeLargeCatalog } from "../fixtures/large-catalog.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { readCatalogs } from "./read.js";
import { streamCatalogs } from "./stream.js";

const ROWS = 20_000;

describe(`a ${ROWS.toLocaleString("en")}-row standard catalog`, () => {
  let dir: string;
  let data: Uint8Array;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "zwgk-large-"));
    const file = join(dir, "large.xlsx");
    await writeLargeCatalog(file, ROWS);
    data = new Uint8Array(readFileSync(file));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports every row, with no replacement character anywhere and merged 一级事项 filled", async () => {
    const [catalog] = await readCatalogs(data, { file: "large.xlsx", inflate: nodeInflate });
    const entries = (catalog?.entries ?? []) as DisclosureEntry[];
    expect(entries).toHaveLength(ROWS);
    expect(JSON.stringify(catalog).includes("\uFFFD")).toBe(false);
    const expected = (i: number) => largeRow(i - (i % GROUP_SIZE))[1];
    const wrong = entries.findIndex((e, i) => e.items[0] !== expected(i) || e.items[1] !== largeRow(i)[2] || e.source?.row !== LARGE_HEADER_ROWS + 1 + i);
    expect(wrong).toBe(-1);
    expect(entries[ROWS - 1]).toMatchObject({ seq: String(ROWS), content: largeRow(ROWS - 1)[3] });
  });

  it("streams the same count with the merges known at the end", async () => {
    let count = 0;
    let merges = 0;
    for await (const sheet of streamCatalogs(data, { inflate: nodeInflate })) {
      for await (const entry of sheet.entries) {
        if (JSON.stringify(entry).includes("\uFFFD")) throw new Error(`U+FFFD in row ${entry.source?.row}`);
        count++;
      }
      merges = sheet.merges().length;
    }
    expect(count).toBe(ROWS);
    expect(merges).toBe(ROWS / GROUP_SIZE);
  });
});
