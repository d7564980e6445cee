import { describe, expect, it } from "vitest";
import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import { analyzeCatalogs } from "./analyze.js";
import { sameTimeLimit } from "./conflicts.js";
import { devReformSupplementary, socialAssistanceCatalog, withJurisdiction } from "../fixtures.js";

const BAODI = { name: "宝坻区", level: "县" as const, code: "120115" };
const conflicts = (...catalogs: Parameters<typeof analyzeCatalogs>[0]) =>
  analyzeCatalogs(catalogs, { checks: { duplicate: false, gap: false, "level-mismatch": false } });

/** A 补充目录 of the same body as the sample 社会救助 标准目录 (宝坻区 民政). */
function supplementaryWith(entry: DisclosureEntry) {
  const c = { ...withJurisdiction(devReformSupplementary(), BAODI), title: "宝坻区民政局政府信息主动公开补充目录", department: "宝坻区民政局" };
  c.entries.push({ ...entry, source: { file: "主动公开目录-发展改革局.xlsx", sheet: "主动公开目录", row: 15 } });
  return c;
}

describe("sameTimeLimit", () => {
  it.each([
    ["信息形成或变更之日起20个工作日内", "形成或者变更之日起20个工作日内予以公开", true],
    ["信息形成或变更之日起20个工作日内", "自信息形成之日起20工作日内公开", true],
    ["制定或获取信息之日起10个工作日内", "信息形成或变更之日起20个工作日内", false],
    ["每年1月31日前", "每年1月31日之前", true],
    ["每年1月31日前", "每年3月31日前", false],
    ["财政部门批复后20日内", "批复后20天内", true],
    ["财政部门批复后20日内", "财政部门批复后20个工作日内", false],
    ["实时公开", "及时公开", false],
    ["长期公开", "长期 公开", true],
  ])("%s ≟ %s → %s", (a, b, same) => {
    expect(sameTimeLimit({ raw: a }, { raw: b })).toBe(same);
  });

  it("compares parsed forms when both have them", () => {
    const a = { raw: "二十个工作日内", parsed: { type: "relative" as const, amount: 20, unit: "工作日" as const } };
    const b = { raw: "20个工作日", parsed: { type: "relative" as const, amount: 20, unit: "工作日" as const } };
    expect(sameTimeLimit(a, b)).toBe(true);
    expect(sameTimeLimit(a, { ...b, parsed: { ...b.parsed, amount: 7 } })).toBe(false);
  });
});

describe("conflict-standard", () => {
  it("reports one item disclosed to different standards in the 标准目录 and the 补充目录", () => {
    const standard = socialAssistanceCatalog();
    const supp = supplementaryWith({
      items: ["最低生活保障", "审批"],
      timeLimit: { raw: "信息形成或者变更之日起20个工作日内" },
      subject: "宝坻区民政局",
      audience: ["特定群体"],
      method: ["主动公开"],
      levels: ["区级", "乡、村级"],
    });
    const findings = conflicts(standard, supp);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({ kind: "conflict", rule: "conflict-standard", severity: "warning" });
    // 主动 ≡ 主动公开 and 县级 ≡ 区级: not conflicts.
    expect(f.fields!.map((x) => [x.label, x.a, x.b])).toEqual([
      ["公开时限", "制定或获取信息之日起10个工作日内", "信息形成或者变更之日起20个工作日内"],
      ["公开主体", "县级政府民政部门、乡镇政府(街道办事处)", "宝坻区民政局"],
      ["公开对象", "全社会", "特定群体"],
    ]);
    expect(f.message).toBe(
      "事项“最低生活保障 / 审批”在两份目录中的公开标准不一致（同一事项：事项名称相同）：公开时限“制定或获取信息之日起10个工作日内”与“信息形成或者变更之日起20个工作日内”；公开主体“县级政府民政部门、乡镇政府(街道办事处)”与“宝坻区民政局”；公开对象“全社会”与“特定群体”",
    );
    expect(f.entries.map((e) => [e.file, e.row])).toEqual([
      ["社会救助-标准目录.xlsx", 9],
      ["主动公开目录-发展改革局.xlsx", 15],
    ]);
  });

  it("treats 特定群众 and 特定群体, 依申请公开 and 依申请 as the same marks", () => {
    const standard = socialAssistanceCatalog();
    (standard.entries[5] as DisclosureEntry).audience = ["特定群众"];
    (standard.entries[5] as DisclosureEntry).method = ["依申请公开"];
    const supp = supplementaryWith({ items: ["最低生活保障", "审批"], audience: ["特定群体"], method: ["依申请"] });
    expect(conflicts(standard, supp)).toEqual([]);
  });

  it("never compares the catalogs of two bodies (other counties name their own organs and limits)", () => {
    const other = withJurisdiction(socialAssistanceCatalog(), { name: "武清区", level: "县", code: "120114" });
    other.entries.forEach((e) => {
      e.subject = "武清区民政局";
      e.levels = ["区级", "乡级"];
      e.timeLimit = { raw: "信息形成或者变更之日起20个工作日内" };
    });
    expect(conflicts(socialAssistanceCatalog(), other)).toEqual([]);
  });

  it("finds one item worded differently in the two catalogs, and says why it is one item", () => {
    const supp = supplementaryWith({ items: ["社会救助", "最低生活保障审批信息"], timeLimit: { raw: "信息形成或者变更之日起20个工作日内" } });
    const [f, ...rest] = conflicts(socialAssistanceCatalog(), supp);
    expect(rest).toEqual([]);
    expect(f!.fields!.map((x) => x.field)).toEqual(["timeLimit"]);
    expect(f!.reason).toBe("名称不计一级事项“社会救助”、去掉“信息”后相同，相似度 0.70");
  });

  it("does not report a field empty on one side", () => {
    const supp = supplementaryWith({ items: ["最低生活保障", "审批"], content: "低保对象名单" });
    expect(conflicts(socialAssistanceCatalog(), supp)).toEqual([]);
  });

  it("compares an item first with the entry of the same path, then with the equivalent ones", () => {
    const catalog = (...entries: DisclosureEntry[]) => ({
      ...withJurisdiction(devReformSupplementary(), BAODI),
      title: "宝坻区市场监管局政府信息主动公开补充目录",
      department: "宝坻区市场监管局",
      entries,
    });
    const a = { seq: "1", items: ["行政许可", "食品经营许可"], timeLimit: { raw: "20个工作日内" } };
    const equivalent = { seq: "1", items: ["行政审批", "食品经营许可"], timeLimit: { raw: "10个工作日内" } };
    const same = { seq: "2", items: ["行政许可", "食品经营许可"], timeLimit: { raw: "5个工作日内" } };
    const found = conflicts(catalog(a), catalog(equivalent, same)).filter((f) => f.rule === "conflict-standard");
    // One finding per item and catalog: the entry with the same path, although the equivalent one comes first.
    expect(found).toHaveLength(1);
    expect(found[0]!.entries.map((e) => [e.catalog, e.index])).toEqual([[0, 0], [1, 1]]);
  });
});
