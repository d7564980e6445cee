import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARTICLE_20, canonicalChannel, parseTimeLimit, POWER_TYPES, statutoryWorkingDays } from "@zwgk/catalog-core";
import { DERIVATION_DOC_PATH, generateDerivationDoc } from "../../../scripts/generate/derivation-doc.ts";
import { DERIVATION_TABLE, rulesFor, TIME_LIMITS } from "./table.js";

const ROOT = new URL("../../../", import.meta.url).pathname;

describe("the derivation table", () => {
  it("covers all ten power types of the 9+X classification and 公共服务, each with a legal source", () => {
    for (const t of [...POWER_TYPES.map((p) => p.name), "公共服务"]) expect(rulesFor(t as never).length, t).toBeGreaterThan(0);
    expect(new Set(DERIVATION_TABLE.map((r) => r.appliesTo)).size).toBe(11);
    for (const r of DERIVATION_TABLE) {
      expect(r.source, r.id).toMatch(/条例第二十条|《中华人民共和国/);
      expect(r.clauses.length, r.id).toBeGreaterThan(0);
      for (const c of r.clauses) expect(ARTICLE_20.some((a) => a.id === c), `${r.id}: ${c}`).toBe(true);
      for (const ch of r.channels) expect(canonicalChannel(ch), `${r.id}: ${ch}`).toBe(ch);
    }
    expect(new Set(DERIVATION_TABLE.map((r) => r.id)).size).toBe(DERIVATION_TABLE.length);
  });

  it("names the elements the seeds name for services and for 行政许可 and 行政处罚", () => {
    expect(rulesFor("公共服务").map((r) => r.content)).toEqual(["办理依据、受理单位、基本流程、申请材料、示范文本及常见错误示例、收费依据及标准、办理时限、咨询方式"]);
    expect(rulesFor("行政许可").map((r) => r.item)).toEqual(["办事指南", "许可结果"]);
    expect(rulesFor("行政处罚").map((r) => r.item)).toEqual(["处罚依据和程序", "处罚决定"]);
    expect(rulesFor("行政处罚")[1]!.content).toContain("具有一定社会影响");
  });

  it("gives 7 working days only to 许可 and 处罚 decisions, 20 to everything else, in texts the parser reads", () => {
    expect(statutoryWorkingDays(parseTimeLimit(TIME_LIMITS.decision.text).parsed!)).toBe(7);
    expect(statutoryWorkingDays(parseTimeLimit(TIME_LIMITS.formed.text).parsed!)).toBe(20);
    expect(DERIVATION_TABLE.filter((r) => r.timeLimit === "decision").map((r) => r.id)).toEqual(["行政许可/许可结果", "行政处罚/处罚决定"]);
  });
});

describe("docs/DERIVATION.md", () => {
  it("is what the table generates", () => {
    const onDisk = readFileSync(join(ROOT, DERIVATION_DOC_PATH), "utf8");
    expect(onDisk, `${DERIVATION_DOC_PATH} drifted from the derivation table: run npm run generate`).toBe(generateDerivationDoc());
    for (const r of DERIVATION_TABLE) expect(onDisk).toContain(`| \`${r.id}\` |`);
  });
});
