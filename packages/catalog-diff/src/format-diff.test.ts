import { describe, expect, it } from "vitest";
import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import { diffCatalogs } from "./diff.js";
import { applyChangeSet } from "./apply.js";
import type { ChangeSet } from "./changeset.js";
import { formatDiffJson, formatDiffText, summarizeDiff } from "./format-diff.js";
import { socialAssistanceCatalog } from "./fixtures.js";

describe("formatDiffText", () => {
  it("says 无变化 counts for identical catalogs", () => {
    expect(formatDiffText(diffCatalogs(socialAssistanceCatalog(), socialAssistanceCatalog()))).toBe("新增 0 项、删除 0 项、更名 0 项、修改 0 项");
  });

  it("lists additions, removals, renames and changes with 旧值 → 新值 and rows", () => {
    const b = socialAssistanceCatalog();
    const e = (i: number) => b.entries[i] as DisclosureEntry;
    b.version = "2024版";
    e(0).timeLimit = { raw: "信息形成或者变更之日起20个工作日内" };
    delete e(0).subject;
    e(3).items = ["最低生活保障", "办事指南（低保）"];
    e(3).content = "办理事项、办理条件、低保标准";
    b.entries.splice(11, 1);
    b.entries.push({ items: ["临时救助", "资金使用"], source: { sheet: "社会救助", row: 16 } });
    const diff = diffCatalogs(socialAssistanceCatalog(), b);
    expect(summarizeDiff(diff)).toBe("新增 1 项、删除 1 项、更名 1 项、修改 1 项；目录信息修改 1 处");
    expect(formatDiffText(diff).split("\n")).toEqual([
      "新增 1 项、删除 1 项、更名 1 项、修改 1 项；目录信息修改 1 处",
      "",
      "目录信息：",
      "  版本：（空） → 2024版",
      "",
      "新增：",
      "  + 临时救助 / 资金使用（社会救助 第16行）",
      "",
      "删除：",
      "  - 临时救助 / 审批（社会救助 第15行）",
      "",
      "更名：",
      "  ~ 最低生活保障 / 办事指南 → 最低生活保障 / 办事指南（低保）（名称相似度 0.90）（社会救助 第7行）",
      "      公开内容（要素）：办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式 → 办理事项、办理条件、低保标准",
      "",
      "修改：",
      "  * 综合业务 / 政策（社会救助 第4行）",
      "      公开时限：制定或获取信息之日起10个工作日内 → 信息形成或者变更之日起20个工作日内",
      "      公开主体：县级政府民政部门、乡镇政府(街道办事处) → （空）",
    ]);
  });
});

describe("formatDiffJson", () => {
  it("gives counts, a change set that turns the old version into the new one, and the diff", () => {
    const b = socialAssistanceCatalog();
    (b.entries[0] as DisclosureEntry).timeLimit = { raw: "信息形成或者变更之日起20个工作日内" };
    b.entries.splice(11, 1);
    const diff = diffCatalogs(socialAssistanceCatalog(), b);
    const text = formatDiffJson(diff, { author: "县民政局", reason: "年度调整", effectiveDate: "2026-01-01" });
    expect(text.endsWith("}\n")).toBe(true);
    const doc = JSON.parse(text) as { summary: Record<string, number>; changeSet: ChangeSet; diff: unknown };
    expect(doc.summary).toMatchObject({ added: 0, removed: 1, changed: 1 });
    expect(doc.changeSet).toMatchObject({ author: "县民政局", reason: "年度调整", effectiveDate: "2026-01-01", kind: "standard" });
    const applied = applyChangeSet(socialAssistanceCatalog(), doc.changeSet);
    expect(diffCatalogs(applied, b).changed).toHaveLength(0);
    expect(applied.entries).toHaveLength(b.entries.length);
  });
});
