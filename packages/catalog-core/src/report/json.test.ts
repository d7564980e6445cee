import { describe, expect, it } from "vitest";
import { applyBaseline } from "./baseline.js";
import { fileReportOf, reportOf, versionOne, versionTwo, XLSX_FILE } from "./fixtures.js";
import { formatJson, parseJsonReport } from "./json.js";
import type { Report } from "./model.js";

const unreadable = { file: "catalogs/户籍管理-标准目录.xlsx", findings: [], error: { code: "file-unreadable", message: "文件已损坏，无法作为 xlsx 打开", hint: "用 Excel 或 WPS 另存为 .xlsx 后重试" } };

describe("formatJson", () => {
  const report = reportOf(fileReportOf(versionOne()), unreadable);
  const json = JSON.parse(formatJson(report)) as Record<string, any>;

  it("writes files, issues and the summary in the documented shape", () => {
    expect(Object.keys(json)).toEqual(["files", "summary"]);
    expect(json["summary"]).toEqual({ errors: 1, warnings: 1 });
    const [file, broken] = json["files"];
    expect(Object.keys(file)).toEqual(["file", "kind", "entries", "issues"]);
    expect(file).toMatchObject({ file: XLSX_FILE, kind: "standard", entries: 12 });
    expect(file.issues[0]).toEqual({
      rule: "time-limit-over-statutory",
      severity: "error",
      message: "公开时限「制定或获取信息之日起30个工作日内」超过《政府信息公开条例》第二十六条规定的 20 个工作日",
      hint: "改为“信息形成或者变更之日起20个工作日内”，或写明另行规定时限的法律法规",
      location: { sheet: "社会救助", row: 7, column: "F", cell: "F7", path: "/entries/3/timeLimit" },
      fingerprint: report.files[0]!.findings[0]!.fingerprint,
    });
    expect(broken).toEqual({ file: unreadable.file, error: unreadable.error, issues: [] });
  });

  it("writes only the location members that are known", () => {
    const text: Report = reportOf({
      file: "catalogs/social.yaml",
      findings: [{ rule: "schema", severity: "error", message: "缺少“领域”", location: { path: "/domain", line: 3 } }],
    });
    const issue = (JSON.parse(formatJson(text)) as any).files[0].issues[0];
    expect(issue.location).toEqual({ path: "/domain", line: 3 });
    expect(issue.hint).toBeUndefined();
    expect(issue.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("adds a baseline section and per-issue states once compared", () => {
    const compared = JSON.parse(formatJson(applyBaseline(reportOf(fileReportOf(versionTwo())), report))) as any;
    expect(compared.baseline).toMatchObject({ new: 2, open: 1, fixed: 1 });
    expect(compared.baseline.fixedIssues).toEqual([expect.objectContaining({ file: XLSX_FILE, rule: "subject-missing", location: expect.objectContaining({ cell: "G12" }) })]);
    expect(compared.files[0].issues.map((i: any) => i.baselineState)).toEqual(["new", "open", "new"]);
  });

  it("writes cross-file findings at the top level with their file", () => {
    const check: Report = {
      ...reportOf(fileReportOf(versionOne())),
      command: "check",
      findings: [{ rule: "duplicate-across-files", severity: "warning", message: "「最低生活保障/政策」在两个目录中重复", location: { file: "catalogs/b.xlsx", sheet: "社会救助", cell: "B6" } }],
    };
    const out = JSON.parse(formatJson(check)) as any;
    expect(out.issues[0]).toMatchObject({ file: "catalogs/b.xlsx", rule: "duplicate-across-files", location: { sheet: "社会救助", cell: "B6" } });
    expect(out.summary).toEqual({ errors: 1, warnings: 2 });
  });
});

describe("parseJsonReport", () => {
  it("round-trips what formatJson wrote", () => {
    const compared = applyBaseline(reportOf(fileReportOf(versionTwo()), unreadable), reportOf(fileReportOf(versionOne())));
    const text = formatJson(compared);
    const parsed = parseJsonReport(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(formatJson(parsed.report)).toBe(text);
    expect(parsed.report.files[0]!.findings[1]).toMatchObject({ baselineState: "open", location: { file: XLSX_FILE, cell: "F9" } });
    expect(parsed.report.files[1]!.error).toEqual(unreadable.error);
  });

  it("accepts a byte-order mark and ignores unknown members", () => {
    const parsed = parseJsonReport(`\uFEFF{"files":[{"file":"a.xlsx","issues":[],"future":1}],"summary":{"errors":0,"warnings":0},"x":{}}`);
    expect(parsed.ok && parsed.report.files.map((f) => f.file)).toEqual(["a.xlsx"]);
  });

  it("drops issues without a rule or message and maps unknown severities", () => {
    const parsed = parseJsonReport(JSON.stringify({ files: [{ file: "a.xlsx", issues: [{ message: "无规则" }, { rule: "r", severity: "note", message: { text: "旧格式" } }, { rule: "s", severity: "fatal", message: "未知级别" }] }] }));
    expect(parsed.ok && parsed.report.files[0]!.findings.map((f) => `${f.rule}:${f.severity}:${f.message}`)).toEqual(["r:info:旧格式", "s:warning:未知级别"]);
  });

  it.each([
    ["not JSON", "{files:", "report-not-json", /^文件不是有效的 JSON：/],
    ["SARIF", JSON.stringify({ version: "2.1.0", runs: [] }), "report-is-sarif", /SARIF/],
    ["an array", "[]", "report-not-zwgk", /顶层应是一个对象/],
    ["no files", JSON.stringify({ summary: { errors: 0 } }), "report-not-zwgk", /缺少 files 列表/],
    ["unrecognisable files", JSON.stringify({ files: [1, "a"] }), "report-not-zwgk", /没有可识别的文件记录/],
  ])("explains in Chinese why %s is not a report", (_, text, code, message) => {
    const parsed = parseJsonReport(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message).toMatch(message);
    expect(parsed.error.hint).toMatch(/zwgk/);
  });
});
