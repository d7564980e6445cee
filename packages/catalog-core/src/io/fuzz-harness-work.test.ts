// The fuzz harness must fail on a reader whose work grows faster than its input, without timing
// anything. Here the YAML reader is made to search the rest of the text once per line, as a scanner
// with an unbounded search would (the fast YAML reader once searched for a backslash that way).
import { describe, expect, it, vi } from "vitest";
import { check, WORK_PER_CHARACTER } from "./test-support/fuzz-check.js";

vi.mock("./yaml.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("./yaml.js")>();
  return {
    ...real,
    readYaml: (...args: Parameters<typeof real.readYaml>) => {
      const text = args[0];
      for (let line = text.indexOf("\n"); line !== -1; line = text.indexOf("\n", line + 1)) text.indexOf("\u0000", line);
      return real.readYaml(...args);
    },
  };
});

function catalogYaml(entries: number): string {
  const lines = ["kind: standard", 'schemaVersion: "1.0"', "title: 某县社会救助领域基层政务公开标准目录", "entries:"];
  for (let i = 1; i <= entries; i++) lines.push(`  - items: [社会救助, 最低生活保障第${i}项]`, `    content: 办理条件、申请材料、办理流程${i}`);
  return `${lines.join("\n")}\n`;
}

describe("fuzz harness: work in proportion to the input", () => {
  it("passes a small input and fails a larger one that the reader scans once per line", () => {
    expect(() => check(catalogYaml(2), "yaml")).not.toThrow();
    // Lines × characters outgrow WORK_PER_CHARACTER × characters once there are more lines than that.
    expect(() => check(catalogYaml(WORK_PER_CHARACTER), "yaml")).toThrow(/characters examined/);
  });
});
