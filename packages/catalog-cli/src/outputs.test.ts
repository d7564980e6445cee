// Outputs and exits: an output never replaces an input, OS errors name the path, bugs have their
// own exit code, and writes are atomic even when interrupted.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "./errors.js";
import { reportFailure } from "./main.js";
import { EXAMPLES, SAMPLES, ended, scratch, spawnZwgk, zwgk } from "./test-io.js";

const CATALOG = join(EXAMPLES, "社会救助-标准目录.json");
const WORKBOOK = join(SAMPLES, "社会救助-标准目录.xlsx");

function setup() {
  const dir = scratch();
  copyFileSync(CATALOG, join(dir, "a.json"));
  copyFileSync(WORKBOOK, join(dir, "x.xlsx"));
  return dir;
}

const hiddenFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith("."));

describe("--out and --annotate never overwrite an input", () => {
  it.each([
    ["validate a.json --out a.json", ["validate", "a.json", "--out", "a.json"], "a.json"],
    ["validate with a path that resolves to the input", ["validate", "a.json", "--out", "sub/../a.json"], "a.json"],
    ["validate x.xlsx --annotate x.xlsx", ["validate", "x.xlsx", "--annotate", "x.xlsx"], "x.xlsx"],
    ["convert x.xlsx --out x.xlsx", ["convert", "x.xlsx", "--out", "x.xlsx"], "x.xlsx"],
    ["convert through a symlink", ["convert", "x.xlsx", "--out", "link.xlsx"], "x.xlsx"],
    ["diff --out the old version", ["diff", "a.json", "x.xlsx", "--format", "json", "--out", "a.json"], "a.json"],
    ["check --out an input", ["check", "a.json", "--out", "a.json"], "a.json"],
    ["apply --out the change set", ["apply", "a.json", "cs.json", "--out", "cs.json"], "cs.json"],
  ])("refuses %s with exit 2, leaving the file as it was", async (_name, argv, victim) => {
    const dir = setup();
    mkdirSync(join(dir, "sub"));
    symlinkSync(join(dir, "x.xlsx"), join(dir, "link.xlsx"));
    writeFileSync(join(dir, "cs.json"), JSON.stringify({ kind: "standard", effectiveDate: "2025-01-01", author: "张三", reason: "测试", changes: [] }));
    const before = readFileSync(join(dir, victim));
    const r = await zwgk(argv, { cwd: dir });
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain("--force");
    expect(r.stderr).toMatch(/同一个文件/);
    expect(readFileSync(join(dir, victim)).equals(before)).toBe(true);
  });

  it("allows it with --force, and never refuses distinct files", async () => {
    const dir = setup();
    const forced = await zwgk(["convert", "a.json", "--out", "a.json", "--force"], { cwd: dir });
    expect(forced.code).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(join(dir, "a.json"), "utf8")).entries.length).toBeGreaterThan(0);
    const other = await zwgk(["convert", "a.json", "--out", "b.json"], { cwd: dir });
    expect(other.code).toBe(EXIT.ok);
  });
});

describe("operating-system errors on output are the user's to fix, bugs have their own code", () => {
  it("reports a name too long and a folder that is a file as exit 2 naming the path", async () => {
    const dir = setup();
    const long = `${"目".repeat(120)}.json`;
    const r = await zwgk(["convert", "a.json", "--out", long], { cwd: dir });
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain(long);
    expect(r.stderr).toMatch(/文件名或路径太长/);
    expect(r.stderr).not.toMatch(/内部错误/);
    const r2 = await zwgk(["validate", "a.json", "--format", "json", "--out", "a.json/report.json"], { cwd: dir });
    expect(r2.code).toBe(EXIT.error);
    expect(r2.stderr).toContain("report.json");
    expect(r2.stderr).not.toMatch(/内部错误/);
    expect(hiddenFiles(dir)).toEqual([]);
  });

  it("reports an unreadable input (a folder given as --baseline) as exit 2 naming it, not as a bug", async () => {
    const dir = setup();
    mkdirSync(join(dir, "base.json"));
    const r = await zwgk(["validate", "a.json", "--baseline", "base.json"], { cwd: dir });
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain("base.json");
    expect(r.stderr).not.toMatch(/内部错误/);
  });

  it("caps findings per rule from the command line (--limit maxFindingsPerRule) and says how many more there are", async () => {
    const dir = setup();
    const catalog = JSON.parse(readFileSync(CATALOG, "utf8")) as { entries: unknown[] };
    catalog.entries = Array.from({ length: 30 }, () => catalog.entries[0]);
    writeFileSync(join(dir, "dup.json"), JSON.stringify(catalog));
    const r = await zwgk(["validate", "dup.json", "--limit", "maxFindingsPerRule=5"], { cwd: dir });
    expect(r.code).toBe(EXIT.findings);
    expect(r.stdout).toContain("另有 24 处同类问题（duplicate-entry）");
  });

  it("reports any operating-system error that names a path as exit 2, not as a bug", () => {
    let err = "";
    const io = { stdout() {}, stderr: (t: string) => void (err += t), isTTY: false, stderrTTY: false, cwd: "/", env: {} };
    const eacces = Object.assign(new Error("EACCES: permission denied, open '/data/目录.json'"), { code: "EACCES", path: "/data/目录.json" });
    expect(reportFailure(eacces, io)).toBe(EXIT.error);
    expect(err).toContain("/data/目录.json");
    expect(err).toContain("无法访问文件：没有访问权限");
    expect(err).not.toMatch(/内部错误/);
  });

  it("gives an internal error (a bug) exit code 70, distinct from 2", () => {
    let err = "";
    const code = reportFailure(new TypeError("Cannot read properties of undefined"), { stdout() {}, stderr: (t) => void (err += t), isTTY: false, stderrTTY: false, cwd: "/", env: {} });
    expect(code).toBe(70);
    expect(EXIT.internal).toBe(70);
    expect(err).toMatch(/内部错误/);
  });
});

describe("writers refuse what their reader would refuse", () => {
  it("convert to .xlsx of a 40,000-character 公开内容 is exit 2 with what to do, and .json keeps it", async () => {
    const dir = setup();
    const catalog = JSON.parse(readFileSync(CATALOG, "utf8")) as { entries: Array<{ content?: string }> };
    catalog.entries[2]!.content = "公开".repeat(20_000);
    writeFileSync(join(dir, "long.json"), JSON.stringify(catalog));
    const r = await zwgk(["convert", "long.json", "--out", "long.xlsx"], { cwd: dir });
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain("第 3 项");
    expect(r.stderr).toContain("32767");
    // It names the file that could not be written.
    expect(r.stderr).toContain("文件 long.xlsx");
    expect(r.stderr).not.toMatch(/内部错误/);
    expect(existsSync(join(dir, "long.xlsx"))).toBe(false);
    expect((await zwgk(["convert", "long.json", "--out", "long.yaml"], { cwd: dir })).code).toBe(EXIT.ok);
  });
});

describe("atomic writes", () => {
  it("keeps the old output and leaves no temporary file when the disk refuses the write (a plain write would truncate it)", async () => {
    const dir = setup();
    const old = "上一次的报告\n";
    writeFileSync(join(dir, "out.xlsx"), old);
    // The file-size limit makes every write past 4 KB fail with EFBIG, like a full disk.
    const r = await ended(spawnZwgk(["convert", "a.json", "--out", "out.xlsx"], { cwd: dir, shellPrefix: "ulimit -f 4;" }));
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain("out.xlsx");
    expect(r.stderr).not.toMatch(/内部错误/);
    expect(readFileSync(join(dir, "out.xlsx"), "utf8")).toBe(old);
    expect(hiddenFiles(dir)).toEqual([]);
  });

  it("removes a temporary file a killed run (SIGKILL) left behind the next time it writes that output", async () => {
    const dir = setup();
    // A process that has ended: its pid names no running zwgk.
    const gone = spawnZwgk(["--version"], { cwd: dir });
    const pid = gone.pid!;
    await ended(gone);
    const stale = `.out.json.${pid}.0123456789ab.tmp`;
    const other = `.other.json.${pid}.0123456789ab.tmp`;
    writeFileSync(join(dir, stale), "half a file");
    writeFileSync(join(dir, other), "not ours to remove");
    expect((await zwgk(["convert", "a.json", "--out", "out.json"], { cwd: dir })).code).toBe(EXIT.ok);
    expect(hiddenFiles(dir)).toEqual([other]);
  });

  it("removes its temporary file when interrupted by SIGTERM or SIGINT in the middle of a write", async () => {
    const dir = setup();
    // A large output (a JSON catalog of ~36 MB) so the write takes a while.
    const catalog = JSON.parse(readFileSync(CATALOG, "utf8")) as { entries: Array<{ content?: string }> };
    const template = catalog.entries[0]!;
    catalog.entries = Array.from({ length: 140 }, () => ({ ...template, content: "公开内容".repeat(25_000) }));
    writeFileSync(join(dir, "big.json"), JSON.stringify(catalog));
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      // The signal is sent as soon as the temporary file appears; on a busy machine the write may
      // still finish first, so try a few times until one run is really stopped mid-write.
      let interrupted = false;
      for (let attempt = 0; attempt < 6 && !interrupted; attempt++) {
        rmSync(join(dir, "out.json"), { force: true });
        const child = spawnZwgk(["convert", "big.json", "--out", "out.json"], { cwd: dir });
        const result = ended(child);
        const watcher = watch(dir, (_event, name) => {
          if (name && String(name).endsWith(".tmp")) child.kill(signal);
        });
        const r = await result;
        watcher.close();
        expect(hiddenFiles(dir), `attempt ${attempt}: exit ${r.code} ${r.signal}: ${r.stderr}`).toEqual([]);
        if (r.signal === signal) {
          interrupted = true;
          expect(existsSync(join(dir, "out.json"))).toBe(false);
        } else {
          // Finished before the signal arrived: the output is whole.
          expect(statSync(join(dir, "out.json")).size).toBeGreaterThan(30_000_000);
        }
      }
      expect(interrupted).toBe(true);
    }
  });
});
