import { describe, expect, it } from "vitest";
import { applyBaseline } from "./baseline.js";
import { fileReportOf, reportOf, socialAssistance, testRules, versionOne, versionTwo, withTimeLimit } from "./fixtures.js";
import type { Report } from "./model.js";
import { formatText } from "./text.js";

const ANSI = /\u001b\[/;
const meta = testRules.map((r) => r.meta);
const unreadable = { file: "catalogs/户籍管理-标准目录.xlsx", findings: [], error: { code: "file-unreadable", message: "文件已损坏，无法作为 xlsx 打开", hint: "用 Excel 或 WPS 另存为 .xlsx 后重试" } };

describe("formatText", () => {
  const v1 = reportOf(fileReportOf(versionOne()), unreadable);
  const lines = formatText(v1, { ruleMeta: meta }).split("\n");

  it("starts with the counts", () => {
    expect(lines[0]).toBe("共检查 2 个文件，发现 错误 1 个、警告 1 个；1 个文件无法读取");
  });

  it("groups by file, then by rule (errors first), one line per finding with its hint below", () => {
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    const file = at("catalogs/社会救助-标准目录.xlsx（标准目录 · 12 条事项）");
    const errors = at("  time-limit-over-statutory · 公开时限超过条例规定的 20 个工作日（1 个）");
    const warnings = at("  subject-missing · 未填写公开主体（1 个）");
    expect(file).toBeGreaterThan(0);
    expect(errors).toBe(file + 1);
    expect(warnings).toBeGreaterThan(errors);
    expect(lines[errors + 1]).toMatch(/^ {4}社会救助!F7 +错误 {2}公开时限「制定或获取信息之日起30个工作日内」超过.+ {2}\(time-limit-over-statutory\)$/);
    expect(lines[errors + 2]).toMatch(/^ +建议：改为“信息形成或者变更之日起20个工作日内”/);
    expect(lines[warnings + 1]).toMatch(/^ {4}社会救助!G12 +警告 {2}「特困人员救助供养\/审批」未填写公开主体 {2}\(subject-missing\)$/);
    // The hint starts under the message, in terminal columns (every non-ASCII character here is wide).
    const columns = (line: string, upTo: string) => [...line.slice(0, line.indexOf(upTo))].reduce((w, c) => w + (c.charCodeAt(0) > 0xff ? 2 : 1), 0);
    expect(columns(lines[errors + 2]!, "建议")).toBe(columns(lines[errors + 1]!, "公开时限"));
  });

  it("does not say 未发现问题 of a file that could not be read", () => {
    const first = (r: Report) => formatText(r).split("\n")[0];
    expect(first(reportOf(unreadable))).toBe("共检查 1 个文件，1 个文件无法读取");
    const clean = fileReportOf({ ...versionOne(), entries: [] });
    expect(first(reportOf(clean, unreadable))).toBe("共检查 2 个文件，1 个文件无法读取，其余文件未发现问题");
    expect(first(reportOf(clean))).toBe("共检查 1 个文件，未发现问题");
  });

  it("reports an unreadable file with its reason and what to do", () => {
    const i = lines.indexOf("catalogs/户籍管理-标准目录.xlsx");
    expect(lines[i + 1]).toBe("  错误  无法读取：文件已损坏，无法作为 xlsx 打开  (file-unreadable)");
    expect(lines[i + 2]).toBe("  建议：用 Excel 或 WPS 另存为 .xlsx 后重试");
  });

  it("uses colour only when asked", () => {
    expect(formatText(v1)).not.toMatch(ANSI);
    expect(formatText(v1, { color: false })).not.toMatch(ANSI);
    const coloured = formatText(v1, { color: true });
    expect(coloured).toContain("\u001b[31m错误\u001b[0m");
    expect(coloured).toContain("\u001b[33m警告\u001b[0m");
  });

  it("says so when nothing was found", () => {
    expect(formatText(reportOf(fileReportOf(socialAssistance())))).toBe("共检查 1 个文件，未发现问题\n");
  });

  it("shows baseline states and the fixed findings", () => {
    const out = formatText(applyBaseline(reportOf(fileReportOf(versionTwo())), v1));
    expect(out.split("\n")[1]).toBe("与基线相比：新增 2 个、仍存在 1 个、已修复 1 个");
    expect(out).toMatch(/社会救助!F5 +错误 {2}\[新增\] +公开时限「信息形成之日起25个工作日内」/);
    expect(out).toMatch(/社会救助!F9 +错误 {2}\[仍存在\] {2}公开时限「制定或获取信息之日起30个工作日内」/);
    expect(out).toContain("已修复 1 个（基线中有、本次未再出现）：\n  catalogs/社会救助-标准目录.xlsx 社会救助!G12  「特困人员救助供养/审批」未填写公开主体  (subject-missing)");
  });

  it("drops control characters from catalog text and keeps multi-line values indented", () => {
    const catalog = socialAssistance((e) => [withTimeLimit(e[0]!, "制定后\u001b[2J30个工作日内\n（节假日顺延）"), ...e.slice(1)]);
    const out = formatText(reportOf(fileReportOf(catalog)));
    expect(out).not.toMatch(ANSI);
    expect(out).toContain("制定后[2J30个工作日内");
    expect(out).toMatch(/\n {20,}（节假日顺延）」超过/);
  });

  it("lists cross-file findings with their file", () => {
    const check: Report = {
      ...reportOf(),
      command: "check",
      findings: [{ rule: "duplicate-across-files", severity: "warning", message: "「最低生活保障/政策」在两个目录中重复", location: { file: "catalogs/b.xlsx", sheet: "社会救助", cell: "B6" } }],
    };
    const out = formatText(check).split("\n");
    expect(out[0]).toBe("共检查 0 个文件，发现 错误 0 个、警告 1 个");
    expect(out).toContain("跨文件");
    expect(out).toContain("    catalogs/b.xlsx 社会救助!B6  警告  「最低生活保障/政策」在两个目录中重复  (duplicate-across-files)");
  });

  it("names a cross-catalog finding's other places and the bodies the files were grouped into", () => {
    const text = formatText({
      tool: { name: "zwgk", version: "" },
      command: "check",
      files: [
        { file: "社会救助-标准目录.xlsx", kind: "standard", entries: 12, body: "宝坻区 民政", findings: [] },
        { file: "补充目录.json", kind: "supplementary", entries: 11, body: "宝坻区 民政", findings: [] },
        { file: "权责清单.xlsx", kind: "power", entries: 9, body: "恭城瑶族自治县 交通运输", findings: [] },
      ],
      findings: [
        {
          rule: "duplicate-exact",
          severity: "error",
          message: "事项“最低生活保障 / 审批”重复列出 2 次",
          location: { file: "社会救助-标准目录.xlsx", sheet: "社会救助", row: 9 },
          related: [{ file: "补充目录.json", line: 42 }],
        },
      ],
    });
    expect(text).toContain("按单位分组（共 2 个单位；不同单位的目录互不比较，三级四同除外）：\n  宝坻区 民政：社会救助-标准目录.xlsx、补充目录.json\n  恭城瑶族自治县 交通运输：权责清单.xlsx");
    expect(text).toMatch(/重复列出 2 次 {2}\(duplicate-exact\)\n {2,}另见：补充目录\.json 第42行/);
  });
});
