import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogText } from "@zwgk/catalog-core";
import { loadDuckDB } from "@zwgk/catalog-parquet/duckdb";
import { EXAMPLES, SAMPLES, ended, scratch, spawnZwgk, zwgk } from "./test-io.js";
import { partsOf } from "./tables.js";
import { errorFromPart, partError } from "./export-part.js";
import { InputError } from "./errors.js";
import { reportFailure } from "./main.js";
import { writeGenerated } from "../../../scripts/catalog-generator.js";

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = await loadDuckDB();
  const c = await (await DuckDBInstance.create(":memory:")).connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
  }
}

describe("zwgk export --format parquet", () => {
  it("writes the three tables of every catalog in a folder, with the findings validate reports", async () => {
    const dir = scratch();
    const r = await zwgk(["export", SAMPLES, "--format", "parquet", "--out", "表/"], { cwd: dir });
    expect(r.stderr).toContain("entries 643 行");
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "表")).sort()).toEqual(["catalogs.parquet", "entries.parquet", "findings.parquet"]);
    const [counts] = await query(
      `SELECT (SELECT count(*) FROM '${join(dir, "表", "catalogs.parquet")}') AS catalogs, (SELECT count(*) FROM '${join(dir, "表", "entries.parquet")}') AS entries`,
    );
    expect([Number(counts!["catalogs"]), Number(counts!["entries"])]).toEqual([5, 643]);
    const workbooks = readdirSync(SAMPLES).filter((f) => f.endsWith(".xlsx")).map((f) => join(SAMPLES, f));
    const validate = JSON.parse((await zwgk(["validate", ...workbooks, "--format", "json"])).stdout);
    const issues = validate.files.reduce((n: number, f: { issues: unknown[] }) => n + f.issues.length, 0);
    const [findings] = await query(`SELECT count(*) AS n FROM '${join(dir, "表", "findings.parquet")}' WHERE origin = 'validate'`);
    expect(Number(findings!["n"])).toBe(issues);
  });

  it("expands patterns like every other command (Windows shells leave *.xlsx to the program)", async () => {
    const dir = scratch();
    mkdirSync(join(dir, "目录", "县"), { recursive: true });
    for (const name of ["社会救助-标准目录.xlsx", "户籍管理-标准目录.xlsx"]) writeFileSync(join(dir, "目录", "县", name), readFileSync(join(SAMPLES, name)));
    const r = await zwgk(["export", "目录/**/*.xlsx", "--out", "表"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const [counts] = await query(`SELECT count(*) AS n FROM '${join(dir, "表", "catalogs.parquet")}'`);
    expect(Number(counts!["n"])).toBe(2);
    const none = await zwgk(["export", "目录/*.json", "--out", "表2"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("没有与「目录/*.json」匹配的目录文件");
  });

  it("keeps JSON line numbers of text sources", async () => {
    const dir = scratch();
    const example = readFileSync(join(EXAMPLES, "社会救助-标准目录.json"), "utf8");
    writeFileSync(join(dir, "a.json"), example);
    expect((await zwgk(["export", "a.json", "--out", "out"], { cwd: dir })).code).toBe(0);
    const rows = await query(`SELECT position, source_line FROM '${join(dir, "out", "entries.parquet")}' ORDER BY position LIMIT 2`);
    expect(rows[0]!["source_line"]).toBeGreaterThan(1);
    expect(rows[1]!["source_line"]).toBeGreaterThan(rows[0]!["source_line"] as number);
  });

  it("gives each JSON entry the line the reader gives it, however the file is laid out", async () => {
    const dir = scratch();
    const example = JSON.parse(readFileSync(join(EXAMPLES, "社会救助-标准目录.json"), "utf8")) as { entries: unknown[] };
    // Entries after the other keys under an escaped key name, blank lines and a comma line between
    // them, strings holding brackets, quotes and backslashes.
    const { entries, ...rest } = example;
    const parts = entries.map((e, i) => JSON.stringify({ ...(e as object), content: `${(e as { content?: string }).content ?? ""} [${i}] "}{" \\` }, null, i % 2 ? 2 : undefined));
    const text = `${JSON.stringify(rest, null, 2).slice(0, -2)},\n  "\\u0065ntries": [\n\n${parts.join("\n,\n\n")}\n]}\n`;
    writeFileSync(join(dir, "a.json"), text);
    const read = readCatalogText(new TextEncoder().encode(text), { format: "json" });
    if (!read.ok) throw new Error(read.error.message);
    const expected = entries.map((_, i) => read.lines!.get(`/entries/${i}`));
    expect(new Set(expected).size).toBe(entries.length);
    const r = await zwgk(["export", "a.json", "--out", "out"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rows = await query(`SELECT source_line FROM '${join(dir, "out", "entries.parquet")}' ORDER BY position`);
    expect(rows.map((r) => r["source_line"])).toEqual(expected);
  });

  it("leaves no partial table when an input cannot be read, and never replaces the previous export", async () => {
    const dir = scratch();
    expect((await zwgk(["export", join(SAMPLES, "社会救助-标准目录.xlsx"), "--out", "out"], { cwd: dir })).code).toBe(0);
    const before = readFileSync(join(dir, "out", "entries.parquet"));
    writeFileSync(join(dir, "broken.json"), '{"schemaVersion": "1.0", "kind": "standard", "entries": [');
    const r = await zwgk(["export", join(SAMPLES, "户籍管理-标准目录.xlsx"), "broken.json", "--out", "out"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("broken.json");
    expect(r.stderr).not.toMatch(/\n {4}at /);
    expect(readFileSync(join(dir, "out", "entries.parquet"))).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("writes the same rows with two threads (--threads 2) as with one, each input read by one thread", async () => {
    const dir = scratch();
    // Catalogs of odd sizes, one without entries, and a workbook of several sheets' worth of rows.
    writeGenerated(join(dir, "省"), { entries: 3001, catalogs: 11, seed: 5 });
    const some = readdirSync(join(dir, "省")).find((f) => f.endsWith(".json") && f !== "planted.json")!;
    const catalog = JSON.parse(readFileSync(join(dir, "省", some), "utf8")) as { entries: unknown[] };
    writeFileSync(join(dir, "省", "m-空目录.json"), JSON.stringify({ ...catalog, title: "空目录", entries: [] }, null, 2));
    const xlsx = join(SAMPLES, "权责清单-交通运输.xlsx");
    // A child process through tsx: the second thread is started as the built CLI starts it.
    for (const extra of [[], ["--no-findings"]]) {
      const two = await ended(spawnZwgk(["export", "省", xlsx, ...extra, "--threads", "2", "--out", "two"], { cwd: dir }));
      const one = await ended(spawnZwgk(["export", "省", xlsx, ...extra, "--threads", "1", "--out", "one"], { cwd: dir }));
      expect([two.code, one.code], two.stderr + one.stderr).toEqual([0, 0]);
      expect(two.stderr).toContain("2 个线程");
      expect(one.stderr).not.toContain("线程");
      for (const t of ["catalogs", "entries", "findings"]) {
        // Every row, in the file's order (the entries' row groups end where each thread's part ends).
        const rows = (d: string) => query(`SELECT * FROM read_parquet('${join(dir, d, `${t}.parquet`)}', file_row_number = true) ORDER BY file_row_number`);
        const [a, b] = [await rows("one"), await rows("two")];
        if (!(t === "findings" && extra.length)) expect(a.length, t).toBeGreaterThan(0);
        expect(b, t).toEqual(a);
      }
      expect((await query(`SELECT entry_count FROM '${join(dir, "two", "catalogs.parquet")}' WHERE title = '空目录'`))[0]).toEqual({ entry_count: 0 });
    }
  }, 180_000);

  it("reports an input that cannot be read as the user's error (exit 2), whichever thread reads it, and writes nothing", async () => {
    const dir = scratch();
    writeGenerated(join(dir, "省"), { entries: 2000, catalogs: 6, seed: 5 });
    const broken = '{"schemaVersion": "1.0", "kind": "standard", "entries": [';
    // The first part goes to the second thread, the last to the main thread.
    for (const name of ["0-broken.json", "zz-broken.json"]) {
      writeFileSync(join(dir, "省", name), broken);
      const r = await ended(spawnZwgk(["export", "省", "--threads", "2", "--out", "out"], { cwd: dir }));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(name);
      expect(r.stderr).not.toMatch(/\n {4}at /);
      expect(existsSync(join(dir, "out"))).toBe(false);
      expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
      rmSync(join(dir, "省", name));
    }
  }, 180_000);

  it("says what is wrong with the command line", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "file"), "x");
    expect((await zwgk(["export", SAMPLES, "--format", "csv", "--out", "o"], { cwd: dir })).stderr).toContain("parquet");
    expect((await zwgk(["export", SAMPLES], { cwd: dir })).stderr).toContain("--out");
    expect((await zwgk(["export", SAMPLES, "--threads", "3", "--out", "o"], { cwd: dir })).stderr).toContain("--threads");
    const notDir = await zwgk(["export", SAMPLES, "--out", "file"], { cwd: dir });
    expect([notDir.code, notDir.stderr.includes("不是文件夹")]).toEqual([2, true]);
    mkdirSync(join(dir, "empty"));
    const empty = await zwgk(["export", "empty", "--out", "o"], { cwd: dir });
    expect([empty.code, empty.stderr.includes("没有目录文件")]).toEqual([2, true]);
    expect(existsSync(join(dir, "o"))).toBe(false);
  });
});

describe("zwgk check --engine duckdb", () => {
  const files = () => readdirSync(SAMPLES).filter((f) => f.endsWith(".xlsx")).sort().map((f) => join(SAMPLES, f));

  it.each(["text", "json", "sarif"])("prints what the in-process check prints (%s), from files or from an export folder", async (format) => {
    const inProcess = await zwgk(["check", ...files(), "--format", format]);
    const duck = await zwgk(["check", "--engine", "duckdb", ...files(), "--format", format]);
    expect([duck.code, duck.stdout]).toEqual([inProcess.code, inProcess.stdout]);
    const dir = scratch();
    expect((await zwgk(["export", ...files(), "--out", "t"], { cwd: dir })).code).toBe(0);
    const fromFolder = await zwgk(["check", "--engine", "duckdb", join(dir, "t"), "--format", format]);
    expect([fromFolder.code, fromFolder.stdout]).toEqual([inProcess.code, inProcess.stdout]);
  });

  it("applies --baseline as the in-process check does", async () => {
    const dir = scratch();
    const baseline = await zwgk(["check", ...files(), "--format", "json", "--out", join(dir, "base.json")]);
    expect(baseline.code).toBe(1);
    const inProcess = await zwgk(["check", ...files(), "--format", "json", "--baseline", join(dir, "base.json")]);
    const duck = await zwgk(["check", "--engine", "duckdb", ...files(), "--format", "json", "--baseline", join(dir, "base.json")]);
    expect(inProcess.code).toBe(0);
    expect([duck.code, duck.stdout]).toEqual([inProcess.code, inProcess.stdout]);
  });

  it("says clearly when DuckDB cannot be loaded (exit 2, no stack trace)", async () => {
    const saved = process.env["ZWGK_DUCKDB_MODULE"];
    process.env["ZWGK_DUCKDB_MODULE"] = "@duckdb/no-such-module";
    try {
      const r = await zwgk(["check", "--engine", "duckdb", ...files()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("无法加载 DuckDB");
      expect(r.stderr).toContain("npm install @duckdb/node-api");
      expect(r.stderr).not.toContain("内部错误");
      expect(r.stderr).not.toMatch(/\n {4}at /);
    } finally {
      if (saved === undefined) delete process.env["ZWGK_DUCKDB_MODULE"];
      else process.env["ZWGK_DUCKDB_MODULE"] = saved;
    }
  });

  it("names a folder that is not an export", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "catalogs.parquet"), "not parquet");
    writeFileSync(join(dir, "entries.parquet"), "not parquet");
    const r = await zwgk(["check", "--engine", "duckdb", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("内部错误");
  });

  it("rejects an unknown engine", async () => {
    const r = await zwgk(["check", "--engine", "spark", ...files()]);
    expect([r.code, r.stderr.includes("node、duckdb")]).toEqual([2, true]);
  });
});

describe("partsOf: the inputs of a two-thread export, cut into parts of whole files", () => {
  it("keeps input order, puts every file in one part, and gives each thread a part", () => {
    const flat = (parts: number[][]) => parts.flat();
    expect(partsOf([10, 10, 10, 10], 2, 1000)).toEqual([[0, 1], [2, 3]]);
    // Odd sizes: cut where the bytes cross an equal share, by each file's middle byte.
    expect(partsOf([100, 1], 2, 1000)).toEqual([[0], [1]]);
    expect(partsOf([1, 100], 2, 1000)).toEqual([[0], [1]]);
    expect(partsOf([5, 0, 0, 5], 2, 1000)).toEqual([[0], [1, 2, 3]]);
    // About partBytes a part when the inputs are larger.
    const sizes = Array.from({ length: 37 }, (_, i) => 1000 + ((i * 7919) % 500));
    const parts = partsOf(sizes, 2, 5000);
    expect(flat(parts)).toEqual(sizes.map((_, i) => i));
    expect(parts.length).toBe(Math.round(sizes.reduce((n, b) => n + b, 0) / 5000));
    // One file, or files of no known size (REV:path): one part.
    expect(partsOf([42], 2)).toEqual([[0]]);
    expect(partsOf([0, 0, 0], 2)).toEqual([[0, 1, 2]]);
    expect(partsOf([], 2)).toEqual([]);
  });
});

describe("errors of a part read in the other thread", () => {
  // What crosses threads is a structured clone: the main thread must still tell the kinds apart.
  const across = (e: unknown) => errorFromPart(structuredClone(partError(e)));
  const reported = (e: unknown) => {
    let stderr = "";
    const code = reportFailure(e, { stdout: () => {}, stderr: (t) => void (stderr += t), isTTY: false, stderrTTY: false, cwd: "/", env: {} });
    return { code, stderr };
  };

  it("keeps bad input bad input, and an operating-system error on an input one (exit 2, the path named)", () => {
    const bad = reported(across(new InputError("不是有效的 JSON。", { file: "a.json", line: 3 })));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("a.json");
    const denied = Object.assign(new Error("EACCES: permission denied, open '/data/县/a.json'"), { code: "EACCES", path: "/data/县/a.json" });
    const os = reported(across(denied));
    expect(os.code).toBe(2);
    expect(os.stderr).toContain("/data/县/a.json");
  });

  it("keeps zwgk's own bug an internal error (exit 70) whose stack shows only with ZWGK_DEBUG", () => {
    const bug = across(new TypeError("Cannot read properties of undefined (reading 'entries')"));
    const r = reported(bug);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain("Cannot read properties of undefined");
    expect(r.stderr).not.toContain("    at ");
    expect(bug.stack).toContain("    at ");
  });
});
