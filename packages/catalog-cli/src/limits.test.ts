import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLES, scratch, zwgk } from "./test-io.js";

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
