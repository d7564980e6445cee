import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogText } from "@zwgk/catalog-core";
import { loadDuckDB } from "@zwgk/catalog-parquet/duckdb";
import { EXAMPLES, SAMPLES, ended, scratch, spawnZwgk, zwgk } from "./test-io.js";
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

  it("writes the same bytes with a second thread (--threads 2) as with one", async () => {
    const dir = scratch();
    writeGenerated(join(dir, "省"), { entries: 3000, catalogs: 10, seed: 5 });
    const xlsx = join(SAMPLES, "权责清单-交通运输.xlsx");
    // A child process through tsx: the second thread is started as the built CLI starts it. Without
    // validation it takes fewer columns.
    for (const extra of [[], ["--no-findings"]]) {
      const two = await ended(spawnZwgk(["export", "省", xlsx, ...extra, "--threads", "2", "--out", "two"], { cwd: dir }));
      const one = await ended(spawnZwgk(["export", "省", xlsx, ...extra, "--threads", "1", "--out", "one"], { cwd: dir }));
      expect([two.code, one.code], two.stderr + one.stderr).toEqual([0, 0]);
      expect(two.stderr).toContain("2 个线程");
      expect(one.stderr).not.toContain("线程");
      for (const t of ["catalogs", "entries", "findings"]) expect(readFileSync(join(dir, "two", `${t}.parquet`)).equals(readFileSync(join(dir, "one", `${t}.parquet`)))).toBe(true);
    }
    // An input that cannot be read is still the user's error (exit 2), whichever thread meets it first.
    writeFileSync(join(dir, "省", "broken.json"), '{"schemaVersion": "1.0", "kind": "standard", "entries": [');
    const broken = await ended(spawnZwgk(["export", "省", "--threads", "2", "--out", "three"], { cwd: dir }));
    expect(broken.code, broken.stderr).toBe(2);
    expect(broken.stderr).toContain("broken.json");
  }, 120_000);

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
