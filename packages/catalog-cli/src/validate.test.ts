import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildXlsx, sheetXml } from "../../catalog-xlsx/src/reader/test-zip.js";
import { EXAMPLES, scratch, zwgk } from "./test-io.js";

const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));
const socialAssistance = JSON.parse(readFileSync(join(EXAMPLES, "社会救助-标准目录.json"), "utf8")) as {
  entries: Array<Record<string, unknown>>;
};

describe("zwgk validate (JSON catalogs)", () => {
  it("passes the bundled examples: exit 0, errors 0 in the json summary", async () => {
    const r = await zwgk(["validate", ...examples.map((f) => join(EXAMPLES, f)), "--format", "json"]);
    const report = JSON.parse(r.stdout) as { files: Array<{ file: string; kind: string; entries: number }>; summary: { errors: number } };
    expect(r.stderr).toBe("");
    expect(report.summary.errors).toBe(0);
    expect(r.code).toBe(0);
    expect(report.files.map((f) => f.kind).sort()).toEqual(["power", "service", "standard", "supplementary"]);
    expect(report.files.find((f) => f.kind === "standard")!.entries).toBe(socialAssistance.entries.length);
  });

  it("exits 1 and locates the problem when a catalog has errors", async () => {
    const dir = scratch();
    const broken = structuredClone(socialAssistance);
    delete broken.entries[3]!["timeLimit"];
    broken.entries[5]!["audience"] = [];
    writeFileSync(join(dir, "broken.json"), JSON.stringify(broken, null, 2));
    const r = await zwgk(["validate", "broken.json", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      files: Array<{ issues: Array<{ rule: string; severity: string; message: string; location: { path?: string; line?: number } }> }>;
    };
    const issues = report.files[0]!.issues;
    const missing = issues.find((i) => i.location.path === "/entries/3/timeLimit");
    expect(missing, JSON.stringify(issues)).toBeDefined();
    expect(missing!.severity).toBe("error");
    expect(missing!.message).toContain("公开时限");
    // JSON sources point at the line of the offending entry (catalogs kept as code).
    const text = JSON.stringify(broken, null, 2).split("\n");
    const line = missing!.location.line!;
    expect(line).toBeGreaterThan(1);
    expect(text.slice(line - 1, line + 3).join("\n")).toContain(String(broken.entries[3]!["seq"]));
  });

  it("text output is Chinese, counts first", async () => {
    const r = await zwgk(["validate", join(EXAMPLES, examples[0]!)]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/共检查 1 个文件/);
  });

  it("malformed JSON: exit 2, file and line named, no stack trace", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "bad.json"), '{\n  "kind": "standard",\n  "entries": [\n    { "items": ["a" }\n  ]\n}\n');
    const r = await zwgk(["validate", "bad.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.json");
    expect(r.stderr).toMatch(/第 ?4 ?行/);
    expect(r.stderr).not.toMatch(/^ +at /m);
  });

  it("a file of the wrong kind: exit 1 with a finding on kind, or 2 — never a crash", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "wrong.json"), JSON.stringify({ schemaVersion: "1.0", kind: "清单", entries: [] }));
    const r = await zwgk(["validate", "wrong.json", "--format", "json"], { cwd: dir });
    expect([1, 2]).toContain(r.code);
    expect(r.stdout + r.stderr).toContain("kind");
    expect(r.stderr).not.toMatch(/^ +at /m);
    writeFileSync(join(dir, "array.json"), "[1, 2, 3]");
    const r2 = await zwgk(["validate", "array.json"], { cwd: dir });
    expect([1, 2]).toContain(r2.code);
    expect(r2.stderr).not.toMatch(/内部错误/);
  });

  it("__proto__ keys: clear error, Object.prototype untouched", async () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "proto.json"),
      '{"schemaVersion":"1.0","kind":"standard","entries":[{"items":["a","b"],"__proto__":{"polluted":"yes"}}],"__proto__":{"isAdmin":true}}',
    );
    const r = await zwgk(["validate", "proto.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("__proto__");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["isAdmin"]).toBeUndefined();
  });

  it("usage errors exit 2 and print usage", async () => {
    const a = await zwgk(["validate"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("用法");
    const b = await zwgk(["validate", "x.json", "--format", "pdf"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--format");
    const c = await zwgk(["frobnicate"]);
    expect(c.code).toBe(2);
    const d = await zwgk(["validate", "missing-file.json"]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain("missing-file.json");
  });

  it("a missing --baseline file is an input error naming it, not an internal error", async () => {
    const r = await zwgk(["validate", join(EXAMPLES, examples[0]!), "--baseline", "no-such-report.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no-such-report.json");
    expect(r.stderr).not.toContain("内部错误");
  });

  it("--out writes the report atomically and nothing else", async () => {
    const dir = scratch();
    const r = await zwgk(["validate", join(EXAMPLES, examples[0]!), "--format", "json", "--out", "report.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8"))).toHaveProperty("summary");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("severities come from zwgk.config.json", async () => {
    const dir = scratch();
    const broken = structuredClone(socialAssistance);
    delete broken.entries[3]!["timeLimit"];
    writeFileSync(join(dir, "c.json"), JSON.stringify(broken));
    writeFileSync(join(dir, "zwgk.config.json"), JSON.stringify({ rules: { "required-field": "warning" } }));
    const r = await zwgk(["validate", "c.json", "--format", "json"], { cwd: dir });
    const report = JSON.parse(r.stdout) as { files: Array<{ issues: Array<{ rule: string; severity: string }> }> };
    const required = report.files[0]!.issues.filter((i) => i.rule === "required-field");
    expect(required.length).toBeGreaterThan(0);
    expect(required.every((i) => i.severity === "warning")).toBe(true);
    writeFileSync(join(dir, "zwgk.config.json"), JSON.stringify({ rulez: {} }));
    const bad = await zwgk(["validate", "c.json"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("zwgk.config.json");
    expect(existsSync(join(dir, "c.json"))).toBe(true);
  });

  it("a rule id in zwgk.config.json that no rule has is an error naming it and the closest id, not silently ignored", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "c.json"), JSON.stringify(socialAssistance));
    writeFileSync(join(dir, "zwgk.config.json"), JSON.stringify({ rules: { "required-feild": "off", "duplicate-exact": "warning", "formula-cell": "off" } }));
    const r = await zwgk(["validate", "c.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("zwgk.config.json");
    expect(r.stderr).toContain("rules.required-feild：没有这条规则，是否想写「required-field」？");
    // Analysis rules (set for `check`) and workbook rules are known ids too.
    expect(r.stderr).not.toContain("duplicate-exact");
    expect(r.stderr).not.toContain("formula-cell");
  });
});

describe("unreadable inputs: where, said once", () => {
  // The readers' messages say where in the file the problem is; the CLI adds only the file, when
  // the message does not name it (it used to repeat the place: 文件 a.json，第 4 行：文件“a.json” 第 4 行：…).
  function inputs(dir: string): void {
    writeFileSync(join(dir, "bad.json"), '{\n  "kind": "standard",\n  "entries": [\n    { "items": ["a" }\n  ]\n}\n');
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>公开事项</t></is></c></row>';
    const broken = `${header}<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>99</v></c></row>`;
    writeFileSync(join(dir, "cell.xlsx"), buildXlsx({ sheets: [{ name: "目录", xml: sheetXml(broken) }], sharedStrings: ["一"] }));
    writeFileSync(join(dir, "cut.xlsx"), readFileSync(join(dir, "cell.xlsx")).subarray(0, 200));
  }
  const once = (text: string, place: string) => expect(text.split(place).length - 1, text).toBe(1);

  it("validate, convert and diff name the file and the line or cell once, and do not say 未发现问题", async () => {
    const dir = scratch();
    inputs(dir);
    const v = await zwgk(["validate", "bad.json", "cell.xlsx", "cut.xlsx"], { cwd: dir });
    expect(v.code).toBe(2);
    expect(v.stdout.split("\n")[0]).toBe("共检查 3 个文件，3 个文件无法读取");
    once(v.stderr, "bad.json");
    once(v.stderr, "第 4 行");
    once(v.stderr, "cell.xlsx");
    once(v.stderr, "单元格 B2");
    once(v.stderr, "cut.xlsx");
    expect(v.stderr).toContain("zwgk：文件 cell.xlsx：");
    for (const file of ["bad.json", "cell.xlsx", "cut.xlsx"]) {
      const c = await zwgk(["convert", file, "--out", "out.yaml"], { cwd: dir });
      expect(c.code).toBe(2);
      once(c.stderr, file);
      expect(existsSync(join(dir, "out.yaml"))).toBe(false);
    }
    const d = await zwgk(["diff", "bad.json", join(EXAMPLES, "社会救助-标准目录.json")], { cwd: dir });
    expect(d.code).toBe(2);
    once(d.stderr, "bad.json");
    once(d.stderr, "第 4 行");
  });
});
