import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogText } from "@zwgk/catalog-core";
import { EXAMPLES, scratch, zwgk } from "./test-io.js";
import { SAMPLES_DIR } from "../../../test/support/samples.js";

type Json = Record<string, any>;
const read = (p: string) => JSON.parse(readFileSync(p, "utf8")) as Json;
const SAMPLES = readdirSync(SAMPLES_DIR)
  .filter((f) => f.endsWith(".xlsx"))
  .sort()
  .map((f) => join(SAMPLES_DIR, f));

/** A 标准目录 and a 补充目录 of one body (宝坻区 民政局) that list 最低生活保障/审批 twice. */
function oneBody(dir: string): void {
  const standard = read(join(EXAMPLES, "社会救助-标准目录.json"));
  const twin = standard.entries.find((e: Json) => e.items.join() === "最低生活保障,审批");
  const sup: Json = { ...read(join(EXAMPLES, "发展改革局-主动公开补充目录.json")), title: "宝坻区民政局政府信息主动公开补充目录", department: "宝坻区民政局" };
  sup.jurisdiction = standard.jurisdiction;
  sup.entries.push({ ...twin, source: undefined });
  writeFileSync(join(dir, "standard.json"), JSON.stringify(standard));
  writeFileSync(join(dir, "supplementary.json"), JSON.stringify(sup));
}

describe("zwgk check: one body at a time (issue 12)", () => {
  it("on the samples of four counties, compares no county's catalog with another's and says which bodies it found", async () => {
    const r = await zwgk(["check", ...SAMPLES, "--format", "json"], { cwd: scratch() });
    const out = JSON.parse(r.stdout) as { files: Json[]; issues?: Json[] };
    // Every finding concerns one file only: each sample is its own body.
    for (const issue of out.issues ?? []) {
      const files = new Set([issue.file, ...(issue.related ?? []).map((x: Json) => x.file)]);
      expect(files.size, issue.message).toBe(1);
    }
    expect(out.issues?.some((i) => String(i.rule).startsWith("gap-service"))).toBe(false);
    expect(out.files.map((f) => f.body)).toEqual(["发改（行政区划不明）", "公安（行政区划不明）", "行政区划代码 511602（多个部门）", "恭城瑶族自治县 交通运输", "宝坻区 民政"]);
    const text = await zwgk(["check", ...SAMPLES], { cwd: scratch() });
    expect(text.stdout).toContain("按单位分组（共 5 个单位；不同单位的目录互不比较，三级四同除外）：");
    expect(text.stdout).toContain("宝坻区 民政：");
    // A file whose body cannot be read is named once, plainly.
    expect(text.stdout.match(/无法确定本文件所属的单位/g)).toHaveLength(2);
    expect(text.stdout.split("\n").length).toBeLessThan(120);
  });

  it("reports a duplicate within one body, with the other entry as a related location in every format", async () => {
    const dir = scratch();
    oneBody(dir);
    const json = JSON.parse((await zwgk(["check", "standard.json", "supplementary.json", "--format", "json"], { cwd: dir })).stdout) as Json;
    const dup = json.issues.find((i: Json) => i.rule === "duplicate-exact");
    expect(dup).toMatchObject({ file: "standard.json", severity: "error", related: [{ file: "supplementary.json" }] });
    const sarif = JSON.parse((await zwgk(["check", "standard.json", "supplementary.json", "--format", "sarif"], { cwd: dir })).stdout) as Json;
    const result = sarif.runs[0].results.find((x: Json) => x.ruleId === "duplicate-exact");
    expect(result.relatedLocations).toEqual([
      expect.objectContaining({ id: 1, physicalLocation: { artifactLocation: { uri: "supplementary.json", uriBaseId: "%SRCROOT%" }, region: { startLine: expect.any(Number) } } }),
    ]);
    // The analysis rules are described in the SARIF driver like the validation rules.
    expect(sarif.runs[0].tool.driver.rules.map((x: Json) => x.id)).toContain("gap-power-not-disclosed");
    const text = (await zwgk(["check", "standard.json", "supplementary.json"], { cwd: dir })).stdout;
    expect(text).toMatch(/另见：supplementary\.json 第\d+行/);
    const github = (await zwgk(["check", "standard.json", "supplementary.json", "--format", "github"], { cwd: dir })).stdout;
    expect(github).toMatch(/另见：supplementary\.json/);
    const junit = (await zwgk(["check", "standard.json", "supplementary.json", "--format", "junit"], { cwd: dir })).stdout;
    expect(junit).toMatch(/另见：supplementary\.json/);
  });

  it("locates findings in JSON files at the lines of their entries (only the entries' lines are kept)", async () => {
    const dir = scratch();
    oneBody(dir);
    // Indented, so that every entry starts on a line of its own.
    for (const f of ["standard.json", "supplementary.json"]) writeFileSync(join(dir, f), JSON.stringify(read(join(dir, f)), null, 2));
    const lineOf = (file: string, pointer: string) => {
      const r = readCatalogText(readFileSync(join(dir, file), "utf8"), { file });
      return r.ok ? r.lines?.get(pointer) : undefined;
    };
    const json = JSON.parse((await zwgk(["check", "standard.json", "supplementary.json", "--format", "json"], { cwd: dir })).stdout) as Json;
    const dup = json.issues.find((i: Json) => i.rule === "duplicate-exact");
    expect(dup.location.line).toBeGreaterThan(1);
    expect(dup.location.line).toBe(lineOf("standard.json", dup.location.path));
    expect(dup.related[0].line).toBe(lineOf("supplementary.json", dup.related[0].path));
  });

  it("takes the severities of analysis rules from rules in zwgk.config.json", async () => {
    const dir = scratch();
    oneBody(dir);
    expect((await zwgk(["check", "standard.json", "supplementary.json"], { cwd: dir })).code).toBe(1);
    writeFileSync(join(dir, "zwgk.config.json"), JSON.stringify({ rules: { "duplicate-exact": "warning", "gap-statutory-category": "off" } }));
    const r = await zwgk(["check", "standard.json", "supplementary.json", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    const issues = (JSON.parse(r.stdout) as Json).issues as Json[];
    expect(issues.find((i) => i.rule === "duplicate-exact")?.severity).toBe("warning");
    expect(issues.some((i) => i.rule === "gap-statutory-category")).toBe(false);
  });

  it("takes a file's body from bodies in zwgk.config.json", async () => {
    const dir = scratch();
    oneBody(dir);
    const sup = read(join(dir, "supplementary.json"));
    delete sup.jurisdiction;
    delete sup.department;
    sup.title = "政府信息主动公开补充目录";
    writeFileSync(join(dir, "supplementary.json"), JSON.stringify(sup));
    const before = JSON.parse((await zwgk(["check", "standard.json", "supplementary.json", "--format", "json"], { cwd: dir })).stdout) as Json;
    expect(before.issues.map((i: Json) => i.rule)).toContain("analysis-body-unknown");
    expect(before.issues.map((i: Json) => i.rule)).not.toContain("duplicate-exact");
    writeFileSync(
      join(dir, "zwgk.config.json"),
      JSON.stringify({ bodies: { "supplementary.json": { jurisdiction: { name: "宝坻区", code: "120115" }, department: "宝坻区民政局" } } }),
    );
    const after = JSON.parse((await zwgk(["check", "standard.json", "supplementary.json", "--format", "json"], { cwd: dir })).stdout) as Json;
    expect(after.files.map((f: Json) => f.body)).toEqual(["宝坻区（120115）民政", "宝坻区（120115）民政"]);
    expect(after.issues.map((i: Json) => i.rule)).toContain("duplicate-exact");
  });

  it("check --help explains the grouping by body and where severities and bodies are set", async () => {
    const r = await zwgk(["check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("按单位（行政区划 + 部门）分组检查");
    expect(r.stdout).toContain("zwgk.config.json 的 rules");
    expect(r.stdout).toContain("bodies");
  });

  it("--baseline: findings already in the last report stay open when rows are inserted; only new errors fail", async () => {
    const dir = scratch();
    oneBody(dir);
    const first = await zwgk(["check", "standard.json", "supplementary.json", "--format", "json", "--out", "baseline.json"], { cwd: dir });
    expect(first.code).toBe(1);
    // Rows inserted above: no finding is new.
    const standard = read(join(dir, "standard.json"));
    standard.entries.unshift({ items: ["综合业务", "工作动态"], timeLimit: { raw: "信息形成或者变更之日起20个工作日内" } });
    writeFileSync(join(dir, "standard.json"), JSON.stringify(standard, null, 2));
    const again = await zwgk(["check", "standard.json", "supplementary.json", "--baseline", "baseline.json", "--format", "json"], { cwd: dir });
    expect(again.code).toBe(0);
    const issues = (JSON.parse(again.stdout) as Json).issues as Json[];
    expect(issues.filter((i) => i.baselineState === "new")).toEqual([]);
    // A second item listed twice is new.
    standard.entries.push({ items: ["临时救助", "审批"] });
    writeFileSync(join(dir, "standard.json"), JSON.stringify(standard, null, 2));
    const worse = await zwgk(["check", "standard.json", "supplementary.json", "--baseline", "baseline.json", "--format", "json"], { cwd: dir });
    expect(worse.code).toBe(1);
    const fresh = ((JSON.parse(worse.stdout) as Json).issues as Json[]).filter((i) => i.baselineState === "new");
    expect(fresh.map((i) => i.rule)).toEqual(["duplicate-exact"]);
  });
});
