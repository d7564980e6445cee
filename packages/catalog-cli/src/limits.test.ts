import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLES, scratch, zwgk } from "./test-io.js";
import { baodiSupplementary, NEAR_DUPLICATE_PAIRS } from "../../catalog-diff/src/fixtures.js";

describe("reader limits from the command line", () => {
  it("a limit hit names the limit and how to raise it; --limit raises it", async () => {
    const sample = join(SAMPLES, "政务服务事项-广安区.xlsx");
    const hit = await zwgk(["validate", sample, "--limit", "maxRows=100"]);
    expect(hit.code).toBe(2);
    expect(hit.stderr).toContain("maxRows");
    expect(hit.stderr).toContain("--limit maxRows=");
    const ok = await zwgk(["validate", sample, "--limit", "maxRows=700", "--format", "json"]);
    expect(JSON.parse(ok.stdout).files[0].entries).toBe(600);
  });

  it("JSON nesting depth is bounded and adjustable", async () => {
    const dir = scratch();
    let deep = '"x"';
    for (let i = 0; i < 40; i++) deep = `{"a":${deep}}`;
    writeFileSync(join(dir, "deep.json"), `{"schemaVersion":"1.0","kind":"standard","entries":[],"title":${deep}}`);
    const r = await zwgk(["validate", "deep.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("maxDepth");
    const raised = await zwgk(["validate", "deep.json", "--limit", "maxDepth=100"], { cwd: dir });
    expect(raised.stderr).not.toContain("maxDepth");
  });

  it("an unknown limit is a usage error listing the names", async () => {
    const r = await zwgk(["validate", "x.json", "--limit", "maxBananas=3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("maxRows");
  });
});

describe("limits of a command's own work from the command line", () => {
  const supplementary = baodiSupplementary(NEAR_DUPLICATE_PAIRS);
  type Finding = { rule: string; hint?: string; severity: string; message: string };

  it("check --limit maxNearDuplicates: both engines list that many and name the limit", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "s.json"), JSON.stringify(supplementary));
    // Only the duplicates and the limit notice (the 条例 categories are reported too).
    const ours = (stdout: string) => (JSON.parse(stdout).issues as Finding[]).filter((f) => f.rule === "duplicate-near" || f.rule === "analysis-limit");
    const rules = (stdout: string) => ours(stdout).map((f) => f.rule).sort();
    const all = await zwgk(["check", "s.json", "--format", "json"], { cwd: dir });
    expect(rules(all.stdout)).toEqual(["duplicate-near", "duplicate-near", "duplicate-near"]);
    for (const engine of ["node", "duckdb"]) {
      const r = await zwgk(["check", "s.json", "--engine", engine, "--limit", "maxNearDuplicates=1", "--format", "json"], { cwd: dir });
      expect(r.code).toBe(0);
      expect(rules(r.stdout)).toEqual(["analysis-limit", "duplicate-near"]);
      expect(ours(r.stdout).find((f) => f.rule === "analysis-limit")!.hint).toContain("--limit maxNearDuplicates=");
    }
  });

  it("validate --limit maxDuplicateKeys bounds the names the duplicate check remembers", async () => {
    const dir = scratch();
    const entries = Array.from({ length: 8 }, (_, i) => ({ items: ["社会救助", `事项${i}`], content: "名单" }));
    writeFileSync(join(dir, "c.json"), JSON.stringify({ schemaVersion: "1.0", kind: "standard", domain: "社会救助", entries: [...entries, entries[6]] }));
    const duplicates = (stdout: string) => (JSON.parse(stdout).files[0].issues as Finding[]).filter((f) => f.rule === "duplicate-entry");
    const all = await zwgk(["validate", "c.json", "--format", "json"], { cwd: dir });
    expect(duplicates(all.stdout)).toHaveLength(1);
    const bounded = await zwgk(["validate", "c.json", "--format", "json", "--limit", "maxDuplicateKeys=4"], { cwd: dir });
    const found = duplicates(bounded.stdout);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", message: expect.stringContaining("只记住了前 4 个名称和编码") });
    expect(found[0]!.hint).toContain("--limit maxDuplicateKeys=");
  });

  it("apply --limit maxApplyComparisons stops with exit 2 naming the limit, and writes nothing", async () => {
    const dir = scratch();
    const n = 200;
    const entries = Array.from({ length: n }, (_, i) => ({ items: ["社会救助", "名单"], content: `内容${i}` }));
    writeFileSync(join(dir, "c.json"), JSON.stringify({ schemaVersion: "1.0", kind: "standard", domain: "社会救助", entries }));
    const changes = entries.map((_, i) => ({ op: "update", target: { path: ["社会救助", "名单"] }, patches: [{ field: "content", old: `内容${n - 1 - i}`, new: `新内容${i}` }] }));
    writeFileSync(join(dir, "cs.json"), JSON.stringify({ kind: "standard", author: "宝坻区民政局", reason: "更新", effectiveDate: "2024-07-01", changes }));
    const stopped = await zwgk(["apply", "c.json", "cs.json", "--out", "o.json", "--limit", "maxApplyComparisons=100"], { cwd: dir });
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain("逐一比较超过 100 次");
    expect(stopped.stderr).toContain("--limit maxApplyComparisons=");
    expect(existsSync(join(dir, "o.json"))).toBe(false);
    const ok = await zwgk(["apply", "c.json", "cs.json", "--out", "o.json"], { cwd: dir });
    expect(ok.code).toBe(0);
  });

  it("a limit of another command's work is a usage error naming this command's limits, never silently ignored", async () => {
    const v = await zwgk(["validate", "x.json", "--limit", "maxNearDuplicates=1"]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain("本命令的上限 maxFindingsPerRule、maxDuplicateKeys");
    const c = await zwgk(["check", "x.json", "--limit", "maxApplyComparisons=1"]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("maxNearDuplicates、maxSimilarNamePairs、maxNameComparisons、maxRejectedNamePairs");
    const d = await zwgk(["diff", "a.json", "b.json", "--limit", "maxFindingsPerRule=1"]);
    expect(d.code).toBe(2);
  });
});
