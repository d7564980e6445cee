import { join } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import { describe, expect, it } from "vitest";
import { entryJsonSql } from "./entry-json.js";
import { ENTRY_COLUMNS, entryFromRow, type Column, type EntrySource } from "./layout.js";
import { query, sampleCatalogs, writeTables } from "./test-support.js";
import { generateCatalogs } from "../../../scripts/catalog-generator.js";

// The DuckDB engine reads each entry as one JSON text built in SQL (entry-json.ts) instead of one
// value per column: JSON.parse of that text must be the entry `entryFromRow` builds from the row —
// same members, same values, same member order — on every row.

/** An entry with every model field filled, with text that needs escaping. */
const everything = (): Record<string, unknown> => {
  const tricky = 'a"b\\c\n\t\u0001\u001f/😀𠀀\u2028 全角（）';
  return {
    seq: "1", items: ["一级", tricky, "三级"], code: "C-1", type: "行政许可", content: tricky,
    basis: { raw: "《条例》", written: "同上", documents: [{ title: "条例", clause: "第二条", rank: null }] },
    timeLimit: { raw: "20个工作日", parsed: { type: "period", amount: 20, unit: "workday", exceptions: [] } },
    subject: "县民政局", channels: { raw: "■网站", selected: ["网站"], unselected: [] }, audience: ["全社会"], method: ["主动"],
    levels: ["县级"], attribute: "主动公开", nonDisclosureReason: "无", clause: "第二十条(七)", department: "民政局", level: "县级",
    responsibilities: "责任", responsibilityBasis: { raw: "依据" }, accountabilityScope: "范围", accountabilityCases: "情形",
    accountabilityBasis: { raw: "依据", documents: [] }, remark: "", status: "有效", baseCode: "B", serviceObject: "个人",
    acceptingUnit: "单位", process: "流程", materials: "材料", fees: "0", legalTimeLimit: "20", promisedTimeLimit: "5", consultation: "电话",
    complaint: "投诉", location: "大厅", hours: "9-17", extra: [{ name: "附加", value: null }, { name: "x", value: tricky }],
    source: { file: "a.xlsx", sheet: "Sheet1", row: 7, line: 3, pointer: "/entries/0" },
  };
};

describe("entries as JSON text built in SQL", () => {
  it("is what entryFromRow builds, on every row of generated, sample and hand-made catalogs", async () => {
    const full = everything();
    const sparse = { items: ["只有事项"], basis: { raw: "依据", documents: [] }, source: { row: 2 } };
    const hand = { schemaVersion: "1.0", kind: "supplementary", title: "甲县补充目录", entries: [full, sparse, { items: [] }] } as unknown as Catalog;
    const catalogs = [...generateCatalogs({ entries: 3000, catalogs: 10, seed: 3 }), ...(await sampleCatalogs()), hand];
    const dir = await writeTables(catalogs, [], 500);
    const rows = await query(`SELECT *, ${entryJsonSql()} AS entry_json FROM '${join(dir, "entries.parquet")}' ORDER BY catalog_id, position`);
    expect(rows.length).toBe(catalogs.reduce((n, c) => n + c.entries.length, 0));
    for (const row of rows) expect(JSON.stringify(JSON.parse(row["entry_json"] as string))).toBe(JSON.stringify(entryFromRow(row)));
    // The hand-made entry came back whole.
    const last = rows.filter((r) => r["catalog_id"] === catalogs.length - 1);
    expect(JSON.parse(last[0]!["entry_json"] as string)).toEqual(full);
  });

  it("refuses a layout whose nested fields are not next to one another", () => {
    const col = (name: string, field: string): Column<EntrySource> => ({ name, type: "STRING", nullable: true, doc: "", field, get: () => null });
    expect(() => entryJsonSql([col("a", "basis.raw"), col("b", "seq"), col("c", "basis.written")])).toThrow(/next to one another/);
    expect(entryJsonSql(ENTRY_COLUMNS)).toContain('"timeLimit":{');
  });
});
