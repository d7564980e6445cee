import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { matchesWildcard } from "./inputs.js";
import { EXAMPLES, scratch, zwgk } from "./test-io.js";

/** A county's folder as clerks keep it: catalogs, a config, Excel's lock file, and a subfolder. */
function county(): string {
  const dir = scratch();
  mkdirSync(join(dir, "目录", "乡镇"), { recursive: true });
  copyFileSync(join(EXAMPLES, "社会救助-标准目录.json"), join(dir, "目录", "社会救助.json"));
  copyFileSync(join(EXAMPLES, "交通运输-权责清单.json"), join(dir, "目录", "交通运输.json"));
  copyFileSync(join(EXAMPLES, "county", "catalogs", "社会救助.yaml"), join(dir, "目录", "乡镇", "社会救助-乡.yaml"));
  writeFileSync(join(dir, "目录", "zwgk.config.json"), "{}");
  writeFileSync(join(dir, "目录", "~$社会救助.xlsx"), "lock");
  writeFileSync(join(dir, "目录", "说明.txt"), "不是目录");
  return dir;
}

const checked = (stdout: string) => (JSON.parse(stdout) as { files: Array<{ file: string }> }).files.map((f) => f.file);

describe("file arguments: patterns and folders, expanded by zwgk (Windows shells do not)", () => {
  it("expands a quoted pattern", async () => {
    const dir = county();
    const r = await zwgk(["validate", "目录/*.json", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(checked(r.stdout)).toEqual(["目录/交通运输.json", "目录/社会救助.json"]);
    const deep = await zwgk(["validate", "目录/**/社会救助*", "--format", "json"], { cwd: dir });
    expect(checked(deep.stdout)).toEqual(["目录/乡镇/社会救助-乡.yaml", "目录/社会救助.json"]);
  });

  it("reads every catalog file of a folder, subfolders with --recursive", async () => {
    const dir = county();
    const r = await zwgk(["validate", "目录", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(checked(r.stdout)).toEqual(["目录/交通运输.json", "目录/社会救助.json"]);
    const all = await zwgk(["validate", "目录", "--recursive", "--format", "json"], { cwd: dir });
    expect(checked(all.stdout)).toEqual(["目录/乡镇/社会救助-乡.yaml", "目录/交通运输.json", "目录/社会救助.json"]);
    const check = await zwgk(["check", "目录", "--recursive", "--format", "json"], { cwd: dir });
    expect(check.code).toBeLessThan(2);
  });

  it("says when a pattern matches nothing, and when a folder holds catalogs only in subfolders", async () => {
    const dir = county();
    const none = await zwgk(["validate", "目录/*.xlsx"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("没有与「目录/*.xlsx」匹配的目录文件。");
    const nested = await zwgk(["validate", join("目录", "乡镇", "..", "..", "目录", "乡镇", "..")], { cwd: dir });
    expect(nested.code).toBe(0);
    mkdirSync(join(dir, "空", "子"), { recursive: true });
    copyFileSync(join(EXAMPLES, "社会救助-标准目录.json"), join(dir, "空", "子", "a.json"));
    const sub = await zwgk(["validate", "空"], { cwd: dir });
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain("文件夹「空」中没有目录文件");
    expect(sub.stderr).toContain("请加 --recursive");
  });

  it("a command that takes one file takes a pattern matching one, and says so when it matches several", async () => {
    const dir = county();
    const one = await zwgk(["convert", "目录/社*.json", "--out", "a.yaml"], { cwd: dir });
    expect(one.code).toBe(0);
    const two = await zwgk(["diff", "目录/*.json", "目录/社会救助.json"], { cwd: dir });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain("旧版「目录/*.json」对应 2 个文件（目录/交通运输.json、目录/社会救助.json），这里只能给一个。");
  });

  it("matches names like a shell: * ? [a-z] [!x], dot files only when asked", () => {
    expect(matchesWildcard("*.xlsx", "社会救助.xlsx")).toBe(true);
    expect(matchesWildcard("*.xlsx", "社会救助.xlsx.bak")).toBe(false);
    expect(matchesWildcard("社会?助*", "社会救助-标准目录.json")).toBe(true);
    expect(matchesWildcard("[a-c]*.json", "b1.json")).toBe(true);
    expect(matchesWildcard("[!a-c]*.json", "b1.json")).toBe(false);
    expect(matchesWildcard("*", ".hidden")).toBe(false);
    expect(matchesWildcard(".*", ".hidden")).toBe(true);
    expect(matchesWildcard("a*b*c*d*e*f", `${"ab".repeat(2000)}x`)).toBe(false);
  });
});
