import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { applyBaseline } from "./baseline.js";
import { fileReportOf, largeReport, reportOf, socialAssistance, testRules, versionOne, versionTwo, withTimeLimit, XLSX_FILE } from "./fixtures.js";
import { formatJunit } from "./junit.js";
import type { Report } from "./model.js";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase", "property"].includes(name), parseAttributeValue: false });

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type: string; "#text": string };
  error?: { message: string; type: string; "#text": string };
  "system-out"?: string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  testcase: Case[];
}

function parse(xml: string): { testsuites: { tests: string; failures: string; errors: string; testsuite: Suite[] } } {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

const unreadable = { file: "catalogs/户籍管理-标准目录.xlsx", findings: [], error: { code: "file-unreadable", message: "文件已损坏，无法作为 xlsx 打开", hint: "用 Excel 或 WPS 另存为 .xlsx 后重试" } };

describe("formatJunit", () => {
  it("writes a suite per file and a testcase per rule; errors fail, warnings go to system-out", () => {
    const { testsuites } = parse(formatJunit(reportOf(fileReportOf(versionOne()), unreadable)));
    expect(testsuites).toMatchObject({ tests: "3", failures: "1", errors: "1" });
    const [catalog, broken] = testsuites.testsuite;
    expect(catalog).toMatchObject({ name: XLSX_FILE, tests: "2", failures: "1", errors: "0" });
    const [timeLimit, subject] = catalog!.testcase;
    expect(timeLimit).toMatchObject({ name: "time-limit-over-statutory", classname: XLSX_FILE, failure: { type: "error" } });
    expect(timeLimit!.failure!.message).toMatch(/^公开时限「制定或获取信息之日起30个工作日内」超过/);
    expect(timeLimit!.failure!["#text"]).toContain("社会救助!F7  错误  公开时限");
    expect(timeLimit!.failure!["#text"]).toContain("建议：改为");
    expect(subject).toMatchObject({ name: "subject-missing", classname: XLSX_FILE });
    expect(subject!.failure).toBeUndefined();
    expect(subject!["system-out"]).toContain("社会救助!G12  警告  「特困人员救助供养/审批」未填写公开主体");
    expect(broken).toMatchObject({ name: unreadable.file, tests: "1", failures: "0", errors: "1" });
    expect(broken!.testcase[0]).toMatchObject({ name: "读取文件", error: { type: "file-unreadable", message: "文件已损坏，无法作为 xlsx 打开" } });
  });

  it("lists rules that found nothing as passing testcases when rule metadata is given", () => {
    const { testsuites } = parse(formatJunit(reportOf(fileReportOf(socialAssistance())), { ruleMeta: testRules.map((r) => r.meta) }));
    expect(testsuites).toMatchObject({ tests: "2", failures: "0", errors: "0" });
    expect(testsuites.testsuite[0]!.testcase.map((c) => c.name)).toEqual(["time-limit-over-statutory", "subject-missing"]);
    // Without metadata a clean file still shows up, with one passing testcase.
    const bare = parse(formatJunit(reportOf(fileReportOf(socialAssistance()))));
    expect(bare.testsuites.testsuite[0]!.testcase).toEqual([{ name: "zwgk", classname: XLSX_FILE }]);
  });

  it("keeps counts right on a large report", () => {
    const { testsuites } = parse(formatJunit(largeReport()));
    expect(testsuites).toMatchObject({ tests: "6", failures: "3", errors: "0" });
    for (const suite of testsuites.testsuite) {
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((c) => c.failure).length);
    }
    expect(testsuites.testsuite[2]!.testcase[0]!.failure!.message).toMatch(/（共 1334 个错误）$/);
  });

  it("escapes markup and drops characters XML cannot hold", () => {
    const catalog = socialAssistance((e) => [withTimeLimit(e[0]!, `30个工作日<b>内</b> & "节假日"\u0001\u0008顺延`), ...e.slice(1)]);
    const xml = formatJunit(reportOf(fileReportOf(catalog, 'catalogs/"社会救助"&<1>.xlsx')));
    const { testsuites } = parse(xml);
    expect(testsuites.testsuite[0]!.name).toBe('catalogs/"社会救助"&<1>.xlsx');
    expect(testsuites.testsuite[0]!.testcase[0]!.failure!.message).toContain('「30个工作日<b>内</b> & "节假日"顺延」');
    expect(xml).not.toMatch(/[\u0001\u0008]/);
  });

  it("shows baseline states and lists cross-file findings in their own suite", () => {
    const compared = applyBaseline(reportOf(fileReportOf(versionTwo())), reportOf(fileReportOf(versionOne())));
    const check: Report = {
      ...compared,
      command: "check",
      findings: [{ rule: "duplicate-across-files", severity: "error", message: "「最低生活保障/政策」在两个目录中重复", location: { file: "catalogs/b.xlsx", sheet: "社会救助", cell: "B6" } }],
    };
    const { testsuites } = parse(formatJunit(check));
    expect(testsuites.testsuite[0]!.testcase[0]!.failure!["#text"]).toMatch(/社会救助!F9 {2}错误 {2}\[仍存在\] 公开时限/);
    expect(testsuites.testsuite[1]).toMatchObject({ name: "跨文件检查", failures: "1" });
    expect(testsuites.testsuite[1]!.testcase[0]!.failure!["#text"]).toContain("catalogs/b.xlsx 社会救助!B6  错误");
    expect(testsuites).toMatchObject({ tests: "2", failures: "2" });
  });
});
