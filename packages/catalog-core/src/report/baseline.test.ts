import { describe, expect, it } from "vitest";
import { applyBaseline, BaselineError, compareWithBaseline } from "./baseline.js";
import { fileReportOf, reportOf, socialAssistance, versionOne, versionTwo, withTimeLimit, XLSX_FILE } from "./fixtures.js";
import { formatJson, parseJsonReport } from "./json.js";

const summary = (f: { rule: string; message: string; location: { cell?: string } }) => `${f.rule} ${f.location.cell} ${f.message}`;

describe("compareWithBaseline over two versions of a catalog", () => {
  const v1 = reportOf(fileReportOf(versionOne()));
  const v2 = reportOf(fileReportOf(versionTwo()));

  it("finds the findings of each version through the engine", () => {
    expect(v1.files[0]!.findings.map(summary)).toEqual([
      "time-limit-over-statutory F7 公开时限「制定或获取信息之日起30个工作日内」超过《政府信息公开条例》第二十六条规定的 20 个工作日",
      "subject-missing G12 「特困人员救助供养/审批」未填写公开主体",
    ]);
    expect(v2.files[0]!.findings).toHaveLength(3);
  });

  it("keeps a finding whose row moved (rows inserted above) open, not fixed + new", () => {
    const result = compareWithBaseline(v2, v1);
    expect(result.open.map(summary)).toEqual([
      "time-limit-over-statutory F9 公开时限「制定或获取信息之日起30个工作日内」超过《政府信息公开条例》第二十六条规定的 20 个工作日",
    ]);
    expect(result.new.map(summary)).toEqual([
      "time-limit-over-statutory F5 公开时限「信息形成之日起25个工作日内」超过《政府信息公开条例》第二十六条规定的 20 个工作日",
      "time-limit-over-statutory F16 公开时限「受理之日起45个工作日内」超过《政府信息公开条例》第二十六条规定的 20 个工作日",
    ]);
    expect(result.fixed.map(summary)).toEqual(["subject-missing G12 「特困人员救助供养/审批」未填写公开主体"]);
    expect(result.fixed[0]!.location.file).toBe(XLSX_FILE);
  });

  it("gives the same answer from the baseline's JSON report", () => {
    const fromJson = compareWithBaseline(v2, JSON.parse(formatJson(v1)));
    const fromReport = compareWithBaseline(v2, v1);
    expect(fromJson.new).toEqual(fromReport.new);
    expect(fromJson.open).toEqual(fromReport.open);
    expect(fromJson.fixed.map(summary)).toEqual(fromReport.fixed.map(summary));
    const parsed = parseJsonReport(formatJson(v1));
    expect(parsed.ok && compareWithBaseline(v2, parsed.report).fixed.map((f) => f.fingerprint)).toEqual(fromReport.fixed.map((f) => f.fingerprint));
  });

  it("compares a run with itself as all open", () => {
    const result = compareWithBaseline(v1, v1);
    expect(result.open).toHaveLength(2);
    expect(result.new).toEqual([]);
    expect(result.fixed).toEqual([]);
  });

  it("applyBaseline marks each finding and records counts and the fixed list", () => {
    const marked = applyBaseline(v2, v1);
    expect(marked.files[0]!.findings.map((f) => `${f.location.cell} ${f.baselineState}`)).toEqual(["F5 new", "F9 open", "F16 new"]);
    expect(marked.baseline).toMatchObject({ new: 2, open: 1 });
    expect(marked.baseline!.fixed.map((f) => f.rule)).toEqual(["subject-missing"]);
    expect(v2.files[0]!.findings.every((f) => f.baselineState === undefined)).toBe(true);
  });
});

describe("identical fingerprints", () => {
  // The same 事项 twice (a duplicated row), both over the limit: fingerprints are equal, counts decide.
  const twice = (days: number[]) =>
    reportOf(
      fileReportOf(
        socialAssistance((e) => {
          const rows = days.map((d) => withTimeLimit(e[4]!, `制定或获取信息之日起${d}个工作日内`));
          return [...e.slice(0, 4), ...rows, ...e.slice(5)];
        }),
      ),
    );

  it("match by count: two in the baseline, one now → one open, one fixed", () => {
    const before = twice([30, 30]);
    const after = twice([30, 10]);
    const fps = before.files[0]!.findings.map((f) => f.fingerprint);
    expect(fps[0]).toBe(fps[1]);
    const result = compareWithBaseline(after, before);
    expect([result.new.length, result.open.length, result.fixed.length]).toEqual([0, 1, 1]);
  });

  it("match by count: one in the baseline, two now → one open, one new", () => {
    const result = compareWithBaseline(twice([30, 30]), twice([30, 10]));
    expect([result.new.length, result.open.length, result.fixed.length]).toEqual([1, 1, 0]);
  });
});

describe("older and foreign baselines", () => {
  const current = reportOf(fileReportOf(versionOne()));

  it("matches findings of a baseline written without fingerprints by rule, file and message", () => {
    const old = {
      files: [
        {
          file: XLSX_FILE,
          findings: [
            { ruleId: "subject-missing", severity: "warning", message: "「特困人员救助供养/审批」未填写公开主体", sheet: "社会救助", cell: "G12" },
            { ruleId: "subject-missing", severity: "warning", message: "「临时救助/审批」未填写公开主体", sheet: "社会救助", cell: "G15" },
          ],
        },
      ],
    };
    const result = compareWithBaseline(current, old);
    expect(result.open.map((f) => f.rule)).toEqual(["subject-missing"]);
    expect(result.new.map((f) => f.rule)).toEqual(["time-limit-over-statutory"]);
    expect(result.fixed.map((f) => f.message)).toEqual(["「临时救助/审批」未填写公开主体"]);
  });

  it("throws a BaselineError in Chinese for something that is not a zwgk report", () => {
    expect(() => compareWithBaseline(current, { version: "2.1.0", runs: [] })).toThrow(BaselineError);
    expect(() => compareWithBaseline(current, { version: "2.1.0", runs: [] })).toThrow("基线文件是 SARIF 报告");
    try {
      compareWithBaseline(current, [1, 2, 3]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BaselineError);
      expect((e as BaselineError).code).toBe("report-not-zwgk");
      expect((e as BaselineError).message).toMatch(/^基线文件不是 zwgk 的 JSON 报告/);
      expect((e as BaselineError).hint).toContain("JSON");
    }
  });
});
