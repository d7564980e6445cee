import { describe, expect, it } from "vitest";
import { parseTimeLimit, statutoryWorkingDays } from "./time-limit.js";

describe("parseTimeLimit", () => {
  it.each([
    ["信息形成或者变更之日起20个工作日内", { type: "relative", anchor: "信息形成或者变更", amount: 20, unit: "工作日" }],
    ["自信息形成或者变更之日起20个工作日内", { type: "relative", anchor: "信息形成或者变更", amount: 20, unit: "工作日" }],
    ["形成或者变更之日起20个工作日内予以公开", { type: "relative", anchor: "形成或者变更", amount: 20, unit: "工作日" }],
    ["信息形成或变更之日起20个工作日内", { type: "relative", anchor: "信息形成或变更", amount: 20, unit: "工作日" }],
    ["20工作日", { type: "relative", amount: 20, unit: "工作日" }],
    ["制定或获取信息之日起10个工作日内", { type: "relative", anchor: "制定或获取信息", amount: 10, unit: "工作日" }],
    ["信息形成或变更之日起3个工作日内", { type: "relative", anchor: "信息形成或变更", amount: 3, unit: "工作日" }],
    ["信息形成后,7个工作日内公开", { type: "relative", anchor: "信息形成", amount: 7, unit: "工作日" }],
    ["政策文件公开之日起3个工作日内", { type: "relative", anchor: "政策文件公开", amount: 3, unit: "工作日" }],
    ["财政部门批复后20日内", { type: "relative", anchor: "财政部门批复", amount: 20, unit: "日" }],
    ["信息形成或者变更之日起二十个工作日内", { type: "relative", anchor: "信息形成或者变更", amount: 20, unit: "工作日" }],
    ["信息形成之日起２０个工作日内", { type: "relative", anchor: "信息形成", amount: 20, unit: "工作日" }],
    ["資訊形成之日起十五個工作日內", { type: "relative", anchor: "资讯形成", amount: 15, unit: "工作日" }],
    ["收到申请后24小时内", { type: "relative", anchor: "收到申请", amount: 24, unit: "小时" }],
    ["季度结束后1个月内", { type: "relative", anchor: "季度结束", amount: 1, unit: "月" }],
    ["审批后5天内", { type: "relative", anchor: "审批", amount: 5, unit: "日" }],
    ["实时公开", { type: "realtime" }],
    ["及时公开", { type: "prompt" }],
    ["每年1月31日前", { type: "fixed", month: 1, day: 31 }],
    ["每年一月三十一日前", { type: "fixed", month: 1, day: 31 }],
    ["6月底前", { type: "fixed", month: 6, endOfMonth: true }],
    ["每年年底前", { type: "fixed", month: 12, endOfMonth: true }],
    ["次年3月底前", { type: "fixed", month: 3, endOfMonth: true }],
    ["每月10日前", { type: "fixed", day: 10 }],
    ["每季度结束后15日内", { type: "relative", anchor: "每季度结束", amount: 15, unit: "日" }],
    ["信息形成之日起20个工作日内（法律法规另有规定的除外）", { type: "relative", anchor: "信息形成", amount: 20, unit: "工作日", lawOverride: true }],
  ])("%s", (raw, parsed) => {
    expect(parseTimeLimit(raw)).toEqual({ parsed });
  });

  it("reads the 条例 deferral to other laws", () => {
    expect(parseTimeLimit("信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的,从其规定").parsed).toEqual({
      type: "relative",
      anchor: "信息形成或者变更",
      amount: 20,
      unit: "工作日",
      lawOverride: true,
    });
  });

  it("reads shorter limits after 其中 as exceptions", () => {
    expect(parseTimeLimit("信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示").parsed).toEqual({
      type: "relative",
      anchor: "信息形成",
      amount: 20,
      unit: "工作日",
      exceptions: [{ scope: "行政许可、行政处罚事项", anchor: "作出行政决定", amount: 7, unit: "工作日" }],
    });
  });

  it.each([
    ["", "公开时限为空"],
    ["   ", "公开时限为空"],
    ["按规定公开", "未能识别公开时限「按规定公开」"],
    ["长期公开", "公开时长"],
    ["20个工作日内，最迟30日", "多个期限"],
    ["每年13月1日前", "日期「13月1日」不存在"],
    ["每年2月30日前", "不存在"],
  ])("explains what it cannot read: %s", (raw, fragment) => {
    const result = parseTimeLimit(raw);
    expect(result.parsed).toBeUndefined();
    expect(result.error).toContain(fragment);
  });
});

describe("statutoryWorkingDays", () => {
  const days = (raw: string) => statutoryWorkingDays(parseTimeLimit(raw).parsed!);
  it("counts working days as written", () => expect(days("信息形成或者变更之日起20个工作日内")).toBe(20));
  it("counts calendar days as the most working days they can span", () => {
    expect(days("批复后20日内")).toBe(15);
    expect(days("批复后28日内")).toBe(20);
    expect(days("批复后30日内")).toBe(22);
  });
  it("counts months and hours", () => {
    expect(days("结束后1个月内")).toBe(23);
    expect(days("24小时内")).toBe(1);
  });
  it("takes the longest of the main period and its exceptions", () => {
    expect(days("形成之日起5个工作日内;其中统计信息自发布之日起30个工作日内")).toBe(30);
  });
  it("is 0 for real time and undefined for dates and 及时", () => {
    expect(days("实时公开")).toBe(0);
    expect(days("及时公开")).toBeUndefined();
    expect(days("每年1月31日前")).toBeUndefined();
  });
});

describe("parseTimeLimit on any text", () => {
  // How fast is not asserted here (speed is measured by `npm run bench`, never by timed tests): the
  // regex literals are kept free of super-linear backtracking and moves by eslint-plugin-regexp
  // (regexp/no-super-linear-*), which `npm test` runs first.
  it("returns either a parse or an error", async () => {
    const fc = await import("fast-check");
    const pieces = fc.constantFrom("信息形成", "之日起", "20", "二十", "个", "工作日", "日", "内", "其中", "自", "，", "。", "月", "底", "前", "每年", "从其规定", "实时", "及时", " ", "ａ");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }).map((a) => a.join("")), (text) => {
        const r = parseTimeLimit(text);
        expect((r.parsed === undefined) !== (r.error === undefined)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseTimeLimit on long runs of numerals", () => {
  // A cell is untrusted text: a long run of Chinese numerals must cost time linear in its length.
  // A regex that retried every position of the run took ~4 s on 30,000 characters and ~40 s on
  // 100,000; the test's timeout is only a hang guard (speed itself is benchmarked, not timed here).
  it("reads numerals before a unit, also after a run that is not followed by one", { timeout: 10_000 }, () => {
    const run = "二十".repeat(50_000);
    for (const text of [`${run}个工作日内`, `${run}份，信息形成之日起二十个工作日内`, `${run}`]) {
      const result = parseTimeLimit(text);
      expect(result.parsed !== undefined || result.error !== undefined).toBe(true);
    }
    expect(parseTimeLimit(`${run}份，信息形成之日起二十个工作日内`).parsed).toMatchObject({ amount: 20, unit: "工作日" });
  });
});
