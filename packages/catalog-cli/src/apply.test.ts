// zwgk apply: what it writes fits the schema whatever the output format, and it takes --limit.
import { copyFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, scratch, zwgk } from "./test-io.js";

const META = { kind: "standard", author: "县民政局", reason: "测试", effectiveDate: "2025-01-01" };

describe("zwgk apply", () => {
  it.each(["out.json", "out.yaml", "out.xml", "out.xlsx"])("refuses an add with wrong field types before writing %s (exit 2, no file)", async (out) => {
    const dir = scratch();
    copyFileSync(join(EXAMPLES, "社会救助-标准目录.json"), join(dir, "c.json"));
    const entry = { items: ["最低生活保障", "新增事项"], content: 42, timeLimit: { raw: 20 }, channels: "网站" };
    writeFileSync(join(dir, "cs.json"), JSON.stringify({ ...META, changes: [{ op: "add", target: { path: entry.items }, entry }] }));
    const r = await zwgk(["apply", "c.json", "cs.json", "--out", out], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("不符合目录标准");
    expect(r.stderr).not.toMatch(/内部错误/);
    expect(existsSync(join(dir, out))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("accepts --limit, as its own hints tell the user to pass it", async () => {
    const dir = scratch();
    copyFileSync(join(EXAMPLES, "社会救助-标准目录.json"), join(dir, "c.json"));
    writeFileSync(join(dir, "cs.json"), JSON.stringify({ ...META, changes: [] }));
    const tight = await zwgk(["apply", "c.json", "cs.json", "--out", "o.json", "--limit", "maxBytes=100"], { cwd: dir });
    expect(tight.code).toBe(2);
    expect(tight.stderr).toContain("maxBytes");
    const ok = await zwgk(["apply", "c.json", "cs.json", "--out", "o.json", "--limit", "maxBytes=100000000"], { cwd: dir });
    expect(ok.code).toBe(0);
  });
});
