import { describe, expect, it } from "vitest";
import { applyBaseline } from "./baseline.js";
import { fileReportOf, largeReport, reportOf, socialAssistance, testRules, versionOne, versionTwo, withTimeLimit, XLSX_FILE } from "./fixtures.js";
import { escapeData, escapeProperty, formatGithub } from "./github.js";
import { formatGithubSummary } from "./github-summary.js";
import { summarizeReport, type Report } from "./model.js";

// A workflow command: `::name k=v,k=v::data`; property values may not hold a raw `,` `:` CR or LF,
// and every `%` starts an escape.
const ANNOTATION = /^::(error|warning|notice)(?: ((?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*(?:,(?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*)*))?::([^\r\n]*)$/;
const BAD_PERCENT = /%(?![0-9A-F]{2})/;

interface Parsed {
  annotations: Array<{ level: string; props: Record<string, string>; data: string }>;
  plain: string[];
}

/** Checks every line's syntax and splits the output into annotations and the paused plain lines. */
function parse(out: string): Parsed {
  const lines = out.trimEnd().split("\n");
  const result: Parsed = { annotations: [], plain: [] };
  let paused: string | undefined;
  let group = 0;
  for (const line of lines) {
    if (paused) {
      if (line === `::${paused}::`) paused = undefined;
      else result.plain.push(line);
      continue;
    }
    const stop = /^::stop-commands::(zwgk-[0-9a-f]{16})$/.exec(line);
    if (stop) {
      paused = stop[1];
      continue;
    }
    if (line.startsWith("::group::")) {
      group++;
      continue;
    }
    if (line === "::endgroup::") {
      group--;
      continue;
    }
    const m = ANNOTATION.exec(line);
    expect(m, `not a workflow command: ${line}`).not.toBeNull();
    const props = Object.fromEntries((m![2] ?? "").split(",").filter(Boolean).map((p) => p.split("=") as [string, string]));
    for (const v of [...Object.values(props), m![3]!]) expect(BAD_PERCENT.test(v), line).toBe(false);
    result.annotations.push({ level: m![1]!, props, data: m![3]! });
  }
  expect(paused).toBeUndefined();
  expect(group).toBe(0);
  return result;
}

const decode = (s: string) => decodeURIComponent(s.replace(/%(?![0-9A-F]{2})/g, "%25"));

describe("escaping", () => {
  it("follows GitHub's rules: data escapes % CR LF; properties also : and ,", () => {
    expect(escapeData("完成率100%\r\n第2行:a,b")).toBe("完成率100%25%0D%0A第2行:a,b");
    expect(escapeProperty("社会救助!F7: 错误, 50%\n")).toBe("社会救助!F7%3A 错误%2C 50%25%0A");
  });
});

describe("formatGithub", () => {
  it("annotates a workbook finding on the file, with the cell in the title and the hint in the message", () => {
    const { annotations } = parse(formatGithub(reportOf(fileReportOf(versionOne()))));
    expect(annotations.map((a) => a.level)).toEqual(["error", "warning"]);
    const [error] = annotations;
    expect(error!.props).toEqual({ file: XLSX_FILE, title: "社会救助!F7 (time-limit-over-statutory)" });
    expect(decode(error!.data)).toBe(
      "公开时限「制定或获取信息之日起30个工作日内」超过《政府信息公开条例》第二十六条规定的 20 个工作日\n建议：改为“信息形成或者变更之日起20个工作日内”，或写明另行规定时限的法律法规",
    );
  });

  it("gives text sources a line and escapes awkward file names", () => {
    const report: Report = reportOf({
      file: "catalogs\\社会救助,2024:v1.yaml",
      findings: [{ rule: "time-limit-over-statutory", severity: "error", message: "公开时限「30个工作日」超过 20 个工作日", hint: "改为 20 个工作日内", location: { path: "/entries/3/timeLimit", line: 42 } }],
    });
    const { annotations } = parse(formatGithub(report));
    expect(annotations[0]!.props).toEqual({ file: "catalogs/社会救助%2C2024%3Av1.yaml", line: "42", title: "/entries/3/timeLimit (time-limit-over-statutory)" });
  });

  it("shows baseline states in the annotation", () => {
    const { annotations } = parse(formatGithub(applyBaseline(reportOf(fileReportOf(versionTwo())), reportOf(fileReportOf(versionOne())))));
    expect(annotations.map((a) => /^\[(.+?)\] 公开时限/.exec(decode(a.data))?.[1])).toEqual(["新增", "仍存在", "新增"]);
  });

  it("writes nothing for a clean run", () => {
    expect(formatGithub(reportOf(fileReportOf(socialAssistance())))).toBe("");
  });

  describe("on a 5,000-finding report", () => {
    const report = largeReport();
    const out = formatGithub(report);
    const { annotations, plain } = parse(out);
    const total = summarizeReport(report);

    it("is that large", () => {
      expect(total.errors + total.warnings).toBe(5001);
    });

    it("stays within 10 annotations per level and 50 per job", () => {
      const count = (level: string) => annotations.filter((a) => a.level === level).length;
      expect(count("error")).toBe(10);
      expect(count("warning")).toBe(10);
      expect(count("notice")).toBeLessThanOrEqual(10);
      expect(annotations.length).toBeLessThanOrEqual(50);
    });

    it("annotates the first findings by severity: errors, then warnings", () => {
      const errors = annotations.filter((a) => a.level === "error");
      expect(errors.map((a) => a.props["title"])).toEqual(Array.from({ length: 10 }, (_, i) => `社会救助!F${4 + i} (time-limit-over-statutory)`));
      expect(annotations.slice(0, 20).map((a) => a.level)).toEqual([...Array(10).fill("error"), ...Array(10).fill("warning")]);
    });

    it("summarises the rest in one notice per file, by rule", () => {
      const notices = annotations.filter((a) => a.level === "notice");
      expect(notices.map((a) => decode(a.props["file"]!))).toEqual(["catalogs/乡镇-1-标准目录.xlsx", "catalogs/乡镇-2-标准目录.xlsx", "catalogs/乡镇-3-标准目录.xlsx"]);
      const first = decode(notices[0]!.data);
      // File 1: 1,000 errors and 500 warnings, of which 10 + 10 were annotated.
      expect(first).toContain("另有 1480 个问题未单独标注（错误 990 个、警告 490 个）");
      expect(first).toContain("按规则：time-limit-over-statutory 990 个、subject-missing 490 个");
      const hidden = notices.reduce((n, a) => n + Number(/另有 (\d+) 个问题/.exec(decode(a.data))![1]), 0);
      expect(hidden + 20).toBe(5001);
    });

    it("lists every finding as plain log lines in a group", () => {
      expect(out).toMatch(/^::group::zwgk 全部问题（错误 3334 个、警告 1667 个、提示 0 个）$/m);
      expect(plain.filter((l) => l.startsWith("  catalogs/")).length).toBe(5001);
      expect(plain.filter((l) => l.trimStart().startsWith("建议：")).length).toBe(5001);
    });

    it("with more files than notices, speaks for the remaining files in the last notice", () => {
      const many = largeReport(Array.from({ length: 14 }, () => 3));
      const { annotations: a } = parse(formatGithub(many));
      const notices = a.filter((x) => x.level === "notice");
      expect(notices).toHaveLength(10);
      expect(notices.slice(0, 9).every((n) => n.props["file"])).toBe(true);
      expect(decode(notices[9]!.props["title"]!)).toMatch(/^另有 2 个文件的 \d+ 个问题未单独标注$/);
    });

    it("respects a smaller job budget", () => {
      const { annotations: a } = parse(formatGithub(report, { perJob: 12 }));
      expect(a.length).toBeLessThanOrEqual(12);
      expect(a.filter((x) => x.level === "notice").length).toBeGreaterThan(0);
    });
  });

  it("cannot be steered by catalog text: commands are paused around the plain list", () => {
    const catalog = socialAssistance((e) => [withTimeLimit(e[0]!, "30个工作日\n::error title=伪造::伪造的注释\n::endgroup::"), ...e.slice(1)]);
    const out = formatGithub(reportOf(fileReportOf(catalog)));
    const { annotations, plain } = parse(out);
    expect(annotations).toHaveLength(1);
    expect(plain.some((l) => l.includes("::error title=伪造::"))).toBe(true);
  });
});

describe("formatGithubSummary", () => {
  const meta = testRules.map((r) => r.meta);

  it("gives counts, a file table, a rule table and the top findings", () => {
    const md = formatGithubSummary(reportOf(fileReportOf(versionOne())), { ruleMeta: meta });
    expect(md).toContain("共检查 1 个文件，发现 错误 1 个、警告 1 个。");
    expect(md).toContain(`| ${XLSX_FILE} | 标准目录 | 12 | 1 | 1 | 0 |`);
    expect(md).toContain("| time-limit-over-statutory | 公开时限超过条例规定的 20 个工作日 | 1 | 0 | 0 |");
    expect(md).toContain("| subject-missing | 未填写公开主体 | 0 | 1 | 0 |");
    expect(md).toMatch(/\| 社会救助!F7 \| 错误 \| 公开时限「制定或获取信息之日起30个工作日内」/);
  });

  it("lists new findings before open ones and the fixed ones after", () => {
    const md = formatGithubSummary(applyBaseline(reportOf(fileReportOf(versionTwo())), reportOf(fileReportOf(versionOne()))));
    expect(md).toContain("与基线相比：**新增 2 个**、仍存在 1 个、已修复 1 个。");
    const rows = md.split("\n").filter((l) => l.startsWith("| catalogs/") && l.includes(" | 错误 | "));
    expect(rows.map((r) => r.split(" | ")[3])).toEqual(["新增", "新增", "仍存在"]);
    expect(md).toContain("### 已修复（1 个）");
  });

  it("keeps a big run short and table cells intact", () => {
    const md = formatGithubSummary(largeReport(), { top: 5 });
    expect(md).toContain("### 主要问题（前 5 个，共 5001 个）");
    expect(md.split("\n").filter((l) => l.startsWith("| catalogs/") && l.includes(" | 错误 | ")).length).toBe(5);
    const odd = reportOf({ file: "a|b.xlsx", findings: [{ rule: "r", severity: "warning", message: "含|竖线\n和<b>标签</b>", location: {} }] });
    expect(formatGithubSummary(odd)).toContain("| a\\|b.xlsx | 整个目录 | 警告 | 含\\|竖线<br>和&lt;b&gt;标签&lt;/b&gt; |  | r |");
  });
});
