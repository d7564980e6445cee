import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { applyBaseline } from "./baseline.js";
import { fileReportOf, largeReport, reportOf, socialAssistance, testRules, versionOne, versionTwo } from "./fixtures.js";
import type { Report } from "./model.js";
import { formatSarif, SARIF_FINGERPRINT_KEY } from "./sarif.js";

// The official SARIF 2.1.0 schema is draft-04, which ajv 8 has no class for. Its only draft-04-isms
// are the `$schema` URI and `id` for `$id` (no boolean exclusiveMinimum), so it compiles under
// ajv's default draft-07 once those two are renamed. Formats are checked by hand-written ones
// (ajv-formats is not installed), and patterns compile without the `u` flag because the schema's
// `language` pattern has a stray `]` that is only legal outside unicode mode.
const schemaFile = fileURLToPath(new URL("../../../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json", import.meta.url));
const raw = JSON.parse(readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
const { $schema, id, ...rest } = raw;
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
ajv.addFormat("uri", (s: string) => /^[a-z][a-z0-9+.-]*:\S*$/i.test(s));
ajv.addFormat("uri-reference", (s: string) => !/[\s\u0080-\uffff]/.test(s));
ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile({ ...rest, $id: id as string });

function check(report: Report, options: Parameters<typeof formatSarif>[1] = {}): any {
  const log = JSON.parse(formatSarif(report, options));
  const ok = validate(log);
  expect(ok ? [] : validate.errors).toEqual([]);
  return log;
}

const meta = testRules.map((r) => r.meta);
const unreadable = { file: "catalogs/户籍管理-标准目录.xlsx", findings: [], error: { code: "file-unreadable", message: "文件已损坏，无法作为 xlsx 打开", hint: "用 Excel 或 WPS 另存为 .xlsx 后重试" } };

describe("formatSarif", () => {
  it("reads the schema as draft-04 (so the adaptation above is needed)", () => {
    expect($schema).toBe("http://json-schema.org/draft-04/schema#");
  });

  it("has a live validator: a wrong level or a missing message is rejected", () => {
    const log = JSON.parse(formatSarif(reportOf(fileReportOf(versionOne()))));
    log.runs[0].results[0].level = "fatal";
    delete log.runs[0].results[1].message;
    expect(validate(log)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toEqual(expect.arrayContaining(["/runs/0/results/0/level", "/runs/0/results/1"]));
  });

  it("writes a valid SARIF 2.1.0 log with rules from metadata", () => {
    const log = check(reportOf(fileReportOf(versionOne())), { ruleMeta: meta });
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver).toMatchObject({ name: "zwgk", version: "0.1.0", informationUri: "https://zwgk.github.io/" });
    expect(driver.rules[0]).toEqual({
      id: "time-limit-over-statutory",
      shortDescription: { text: "公开时限超过条例规定的 20 个工作日" },
      fullDescription: { text: "公开时限超过条例规定的 20 个工作日（适用于：标准目录、补充目录）" },
      defaultConfiguration: { level: "error" },
    });
    expect(driver.rules[1].defaultConfiguration).toEqual({ level: "warning" });
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it("points workbook results at the file and the cell, with the shared fingerprint", () => {
    const report = reportOf(fileReportOf(versionOne()));
    const [result] = check(report, { ruleMeta: meta }).runs[0].results;
    expect(result).toMatchObject({ ruleId: "time-limit-over-statutory", ruleIndex: 0, level: "error" });
    expect(result.message.text).toMatch(/^公开时限「制定或获取信息之日起30个工作日内」.+\n建议：改为/);
    expect(result.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: `catalogs/${encodeURIComponent("社会救助-标准目录.xlsx")}`, uriBaseId: "%SRCROOT%" } },
        logicalLocations: [{ fullyQualifiedName: "社会救助!F7", name: "F7" }],
      },
    ]);
    expect(result.partialFingerprints).toEqual({ [SARIF_FINGERPRINT_KEY]: report.files[0]!.findings[0]!.fingerprint });
  });

  it("gives text sources a region and JSON-pointer logical location; infos are notes", () => {
    const report = reportOf({
      file: "./catalogs/social assistance#2.yaml",
      findings: [{ rule: "schema", severity: "info", message: "“公开层级”为空", location: { path: "/entries/3/levels", line: 42 } }],
    });
    const [result] = check(report).runs[0].results;
    expect(result.level).toBe("note");
    expect(result.ruleIndex).toBe(0);
    expect(result.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: "catalogs/social%20assistance%232.yaml", uriBaseId: "%SRCROOT%" }, region: { startLine: 42 } },
      logicalLocations: [{ fullyQualifiedName: "/entries/3/levels" }],
    });
    expect(check(report).runs[0].tool.driver.rules).toEqual([{ id: "schema" }]);
  });

  it("keeps ruleIndex pointing at the result's rule", () => {
    const log = check(largeReport([20, 20]), { ruleMeta: [...meta].reverse() });
    const rules = log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    for (const r of log.runs[0].results) expect(rules[r.ruleIndex]).toBe(r.ruleId);
    expect(log.runs[0].results).toHaveLength(60);
  });

  it("marks baseline states and, on request, the fixed results as absent", () => {
    const compared = applyBaseline(reportOf(fileReportOf(versionTwo())), reportOf(fileReportOf(versionOne())));
    const states = (log: any) => log.runs[0].results.map((r: { baselineState: string }) => r.baselineState);
    expect(states(check(compared))).toEqual(["new", "unchanged", "new"]);
    expect(states(check(compared, { includeFixed: true }))).toEqual(["new", "unchanged", "new", "absent"]);
  });

  it("reports unreadable files as tool execution notifications", () => {
    const log = check(reportOf(fileReportOf(socialAssistance()), unreadable, { file: "C:\\目录\\a.xlsx", findings: [], error: { code: "not-a-catalog", message: "不是目录" } }));
    const [invocation] = log.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications.map((n: any) => [n.descriptor.id, n.locations[0].physicalLocation.artifactLocation.uri])).toEqual([
      ["file-unreadable", `catalogs/${encodeURIComponent("户籍管理-标准目录.xlsx")}`],
      ["not-a-catalog", `file:///C:/${encodeURIComponent("目录")}/a.xlsx`],
    ]);
    expect(log.runs[0].results).toEqual([]);
  });

  it("writes the other places of a cross-catalog finding as relatedLocations", () => {
    const report: Report = {
      tool: { name: "zwgk", version: "" },
      command: "check",
      files: [],
      findings: [
        {
          rule: "duplicate-exact",
          severity: "error",
          message: "事项“最低生活保障 / 审批”在标准目录与补充目录中重复列出 2 次",
          location: { file: "catalogs/社会救助-标准目录.xlsx", sheet: "社会救助", row: 9, path: "/entries/5", entry: 5 },
          related: [
            { file: "catalogs/补充目录.json", line: 42, path: "/entries/11", entry: 11 },
            { file: "catalogs/补充目录-二.xlsx", sheet: "Sheet1", row: 7 },
          ],
        },
      ],
    };
    const log = check(report);
    expect(log.runs[0].results[0].relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: "catalogs/%E8%A1%A5%E5%85%85%E7%9B%AE%E5%BD%95.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 42 } },
        logicalLocations: [{ fullyQualifiedName: "/entries/11" }],
        message: { text: "catalogs/补充目录.json 第42行" },
      },
      {
        id: 2,
        physicalLocation: { artifactLocation: { uri: "catalogs/%E8%A1%A5%E5%85%85%E7%9B%AE%E5%BD%95-%E4%BA%8C.xlsx", uriBaseId: "%SRCROOT%" } },
        logicalLocations: [{ fullyQualifiedName: "Sheet1 第7行" }],
        message: { text: "catalogs/补充目录-二.xlsx Sheet1 第7行" },
      },
    ]);
  });
});
