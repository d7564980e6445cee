import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openWorkbook, readCatalogs } from "@zwgk/catalog-xlsx";
import { EXAMPLES, ROOT, SAMPLES, scratch, zwgk } from "./test-io.js";

type Json = Record<string, any>;
const read = (p: string) => JSON.parse(readFileSync(p, "utf8")) as Json;
const base = read(join(EXAMPLES, "社会救助-标准目录.json"));

/** A realistic 动态调整: one 公开时限 shortened, one item renamed, one added, one removed, rows reordered. */
function adjusted(): Json {
  const next = structuredClone(base);
  next.entries[2].timeLimit = { raw: "信息形成或者变更之日起7个工作日内" };
  next.entries[4].items = ["最低生活保障", "审核确认"];
  next.entries.splice(9, 1);
  next.entries.push({ ...structuredClone(next.entries[10]), items: ["临时救助", "救助结果"], content: "临时救助对象名单及救助金额" });
  [next.entries[0], next.entries[1]] = [next.entries[1], next.entries[0]];
  return next;
}

describe("zwgk diff / apply", () => {
  it("row order alone is no change (exit 0)", async () => {
    const dir = scratch();
    const shuffled = structuredClone(base);
    shuffled.entries.reverse();
    writeFileSync(join(dir, "old.json"), JSON.stringify(base));
    writeFileSync(join(dir, "new.json"), JSON.stringify(shuffled));
    const r = await zwgk(["diff", "old.json", "new.json"], { cwd: dir });
    expect(r.code).toBe(0);
  });

  it("lists changes field by field, and the change set applies and reverts", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "old.json"), JSON.stringify(base, null, 2));
    writeFileSync(join(dir, "new.json"), JSON.stringify(adjusted(), null, 2));
    const text = await zwgk(["diff", "old.json", "new.json"], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("7个工作日");
    const json = await zwgk(
      ["diff", "old.json", "new.json", "--format", "json", "--author", "县民政局", "--reason", "缩短公开时限", "--approval", "民办函〔2019〕52号", "--effective-date", "2024-07-01", "--out", "cs.json"],
      { cwd: dir },
    );
    expect(json.code).toBe(1);
    const out = read(join(dir, "cs.json"));
    expect(out.summary).toMatchObject({ added: 1, removed: 1, renamed: 1, changed: 1 });
    expect(out.changeSet).toMatchObject({ author: "县民政局", approval: "民办函〔2019〕52号", effectiveDate: "2024-07-01" });

    expect((await zwgk(["apply", "old.json", "cs.json", "--out", "applied.json"], { cwd: dir })).code).toBe(0);
    expect((await zwgk(["diff", "applied.json", "new.json"], { cwd: dir })).code).toBe(0);
    expect((await zwgk(["apply", "applied.json", "cs.json", "--revert", "--out", "reverted.json"], { cwd: dir })).code).toBe(0);
    expect((await zwgk(["diff", "reverted.json", "old.json"], { cwd: dir })).code).toBe(0);
    // Applying twice is stale: the old values no longer match, and no output is written.
    const stale = await zwgk(["apply", "applied.json", "cs.json", "--out", "twice.json"], { cwd: dir });
    expect(stale.code).toBe(2);
    expect(existsSync(join(dir, "twice.json"))).toBe(false);
  });

  it("--format xlsx: the reviewer workbook has a summary sheet and the catalog", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "old.json"), JSON.stringify(base));
    writeFileSync(join(dir, "new.json"), JSON.stringify(adjusted()));
    const r = await zwgk(["diff", "old.json", "new.json", "--format", "xlsx", "--out", "对比.xlsx"], { cwd: dir });
    expect(r.code).toBe(1);
    const wb = await openWorkbook(readFileSync(join(dir, "对比.xlsx")));
    expect(wb.sheets.map((s) => s.name)).toEqual(["变更摘要", "社会救助"]);
    const rows: string[] = [];
    for await (const row of wb.readSheet("变更摘要")) rows.push(row.cells.map((c) => c.text).join("|"));
    expect(rows.some((r) => r.startsWith("修改|") && r.includes("7个工作日"))).toBe(true);
    expect(rows.some((r) => r.startsWith("删除|"))).toBe(true);
  });

  it("reads git revisions: HEAD~1:path against the working tree", async () => {
    const dir = scratch();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    git("config", "user.email", "clerk@example.com");
    git("config", "user.name", "clerk");
    mkdirSync(join(dir, "catalogs"));
    writeFileSync(join(dir, "catalogs", "社会救助.json"), JSON.stringify(base, null, 2));
    git("add", ".");
    git("commit", "-qm", "v1");
    writeFileSync(join(dir, "catalogs", "社会救助.json"), JSON.stringify(adjusted(), null, 2));
    git("commit", "-qam", "v2");
    const r = await zwgk(["diff", "HEAD~1:catalogs/社会救助.json", "catalogs/社会救助.json", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.changed).toBe(1);
    const missing = await zwgk(["diff", "HEAD~5:catalogs/社会救助.json", "catalogs/社会救助.json"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("HEAD~5");
  });
});

describe("zwgk validate --baseline", () => {
  it("reports new / open / fixed across two versions; inserting rows above keeps findings open", async () => {
    const dir = scratch();
    const v1 = structuredClone(base);
    delete v1.entries[3].timeLimit; // finding A (will be fixed)
    delete v1.entries[6].subject; // finding B (stays open)
    writeFileSync(join(dir, "c.json"), JSON.stringify(v1, null, 2));
    const first = await zwgk(["validate", "c.json", "--format", "json", "--out", "r1.json"], { cwd: dir });
    expect(first.code).toBe(1);
    const v2 = structuredClone(base);
    delete v2.entries[6].subject; // B still there
    v2.entries[8].channels = undefined; // C is new
    delete v2.entries[8].channels;
    v2.entries.unshift({ ...structuredClone(base.entries[0]), items: ["综合业务", "统计数据"], content: "救助统计" });
    writeFileSync(join(dir, "c.json"), JSON.stringify(v2, null, 2));
    const second = await zwgk(["validate", "c.json", "--format", "json", "--baseline", "r1.json"], { cwd: dir });
    const report = JSON.parse(second.stdout) as Json;
    expect(report.baseline).toMatchObject({ new: 1, open: 1, fixed: 1 });
    expect(second.code).toBe(1); // a new error
    // The same run with only the old finding left: exit 0, CI fails only on new errors.
    writeFileSync(join(dir, "c.json"), JSON.stringify({ ...v1, entries: v1.entries.map((e: Json, i: number) => (i === 3 ? base.entries[3] : e)) }, null, 2));
    const third = await zwgk(["validate", "c.json", "--baseline", "r1.json"], { cwd: dir });
    expect(third.code).toBe(0);
  });
});

describe("zwgk check", () => {
  it("finds a duplicate across the 标准目录 and 补充目录, and conflicts in standards", async () => {
    const dir = scratch();
    cpSync(join(ROOT, "examples", "county"), dir, { recursive: true });
    const sup = read(join(dir, "catalogs", "发展改革局-主动公开补充目录.json"));
    // The 补充目录 lists 社会救助's 最低生活保障/审批 again, to a different time limit.
    const twin = read(join(EXAMPLES, "社会救助-标准目录.json")).entries.find((e: Json) => e.items.join() === "最低生活保障,审批");
    sup.entries.push({ ...twin, timeLimit: { raw: "信息形成之日起15个工作日内" } });
    writeFileSync(join(dir, "catalogs", "发展改革局-主动公开补充目录.json"), JSON.stringify(sup, null, 2));
    // Both catalogs belong to the same body (jurisdiction and department): duplicates are only
    // duplicates within one body.
    const standard = { ...read(join(EXAMPLES, "社会救助-标准目录.json")), jurisdiction: sup.jurisdiction, department: sup.department };
    writeFileSync(join(dir, "catalogs", "社会救助.json"), JSON.stringify(standard, null, 2));
    const r = await zwgk(["check", "catalogs/社会救助.json", "catalogs/发展改革局-主动公开补充目录.json", "--format", "json"], { cwd: dir });
    // check --format json is the common report model (the same document validate prints).
    const out = JSON.parse(r.stdout) as { files: Json[]; issues: Json[]; summary: Json };
    expect(out.files.map((f) => f.file)).toEqual(["catalogs/社会救助.json", "catalogs/发展改革局-主动公开补充目录.json"]);
    const dup = out.issues.find((f) => String(f.rule).startsWith("duplicate"));
    expect(dup, JSON.stringify(out.summary)).toBeDefined();
    expect([dup!.file, ...dup!.related.map((e: Json) => e.file)].sort()).toEqual(["catalogs/发展改革局-主动公开补充目录.json", "catalogs/社会救助.json"]);
    expect(out.issues.some((f) => String(f.rule).startsWith("conflict"))).toBe(true);
    const text = await zwgk(["check", "catalogs/社会救助.json", "catalogs/发展改革局-主动公开补充目录.json"], { cwd: dir });
    expect(text.stdout).toContain("最低生活保障");
  });
});

describe("zwgk diff / apply: dates", () => {
  it("defaults the effective date to today in Beijing time and rejects impossible dates", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "old.json"), JSON.stringify(base, null, 2));
    writeFileSync(join(dir, "new.json"), JSON.stringify(adjusted(), null, 2));
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // 07:30 on 1 July in 北京 is still 30 June in UTC.
      vi.setSystemTime(new Date("2024-06-30T23:30:00Z"));
      const r = await zwgk(["diff", "old.json", "new.json", "--format", "json"], { cwd: dir });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).changeSet.effectiveDate).toBe("2024-07-01");
    } finally {
      vi.useRealTimers();
    }
    const bad = await zwgk(["diff", "old.json", "new.json", "--format", "json", "--effective-date", "2024-02-30"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--effective-date「2024-02-30」不是有效日期");
    const until = await zwgk(["apply", "old.json", "old.json", "--out", "x.json", "--until", "2023-02-29"], { cwd: dir });
    expect(until.code).toBe(2);
    expect(until.stderr).toContain("--until「2023-02-29」不是有效日期");
  });
});

describe("zwgk diff --format xlsx", () => {
  const headersOf = async (file: string) => {
    const catalogs = await readCatalogs(new Uint8Array(readFileSync(file)));
    return catalogs.map((c) => (c.source?.columns ?? []).map((m) => m.header));
  };

  it("writes the reviewer workbook in the layout of the inputs, not the default one", async () => {
    const dir = scratch();
    const workbook = join(SAMPLES, "社会救助-标准目录.xlsx");
    const [own] = await headersOf(workbook);
    expect(own).toContain("公开层级/乡、村级");
    // The workbook is the new version, then the old one: either way its own columns are used.
    for (const [oldFile, newFile] of [[join(EXAMPLES, "社会救助-标准目录.json"), workbook], [workbook, join(EXAMPLES, "社会救助-标准目录.json")]]) {
      const r = await zwgk(["diff", oldFile!, newFile!, "--format", "xlsx", "--out", "对照.xlsx"], { cwd: dir });
      expect(r.code).toBe(1); // the envelope differs (版本, 生效日期)
      expect(await headersOf(join(dir, "对照.xlsx"))).toEqual([own]);
    }
  });
});
