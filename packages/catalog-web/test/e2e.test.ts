// End-to-end: the built page (dist/) served from 127.0.0.1, driven in Debian's chromium by
// playwright-core. What a clerk and the county office do, checked against what `zwgk` gives for the
// same files: the JSON downloads must be byte-identical to the CLI's output.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Download, Page } from "playwright-core";
import { openWorkbook, readCatalogs } from "@zwgk/catalog-xlsx";
import { buildXlsx } from "../../catalog-xlsx/src/reader/test-zip.js";
import { samplePath } from "../../../test/support/samples.js";
import { serve } from "../scripts/serve.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const CLI = join(ROOT, "packages/catalog-cli/dist/cli.js");
const CHROMIUM = process.env["ZWGK_CHROMIUM"] ?? "/usr/bin/chromium";
const hasBrowser = existsSync(CHROMIUM);

if (!hasBrowser) {
  const message = `e2e: ${CHROMIUM} not found, browser tests skipped (as root: apt-get install -y chromium fonts-noto-cjk; .ci/run does this)`;
  // CI sets ZWGK_REQUIRE_BROWSER: there a missing browser is a failure, not a skip.
  if (process.env["ZWGK_REQUIRE_BROWSER"]) throw new Error(message);
  console.warn(message);
}

const SERVICE = "政务服务事项-广安区.xlsx";
const SAMPLES = ["社会救助-标准目录.xlsx", "户籍管理-标准目录.xlsx", "主动公开目录-发展改革局.xlsx", "权责清单-交通运输.xlsx", SERVICE];

let server: Server;
let origin: string;
let context: BrowserContext;
let page: Page;
let work: string;
/** Every request the page made that did not go to its own origin (blob:/data: never hit the network). */
const offOrigin: string[] = [];

/** Runs the built CLI in `work` (files named as the page names them: by their base name). */
function zwgk(...args: string[]): { stdout: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { stdout: r.stdout, status: r.status };
}

/** Copies files into the work folder and returns their paths there (what the file input receives). */
function staged(...paths: string[]): string[] {
  return paths.map((p) => {
    const to = join(work, basename(p));
    if (p !== to) copyFileSync(p, to);
    return to;
  });
}

async function saved(download: Promise<Download>): Promise<{ name: string; bytes: Buffer }> {
  const d = await download;
  const path = join(work, "downloads", d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

async function loadFiles(paths: string[]): Promise<void> {
  await page.setInputFiles("#files", paths);
  await page.waitForFunction((n) => document.querySelector("#status")?.textContent?.includes(`已检查 ${n} 个文件`), paths.length, { timeout: 120_000 });
}

async function clear(): Promise<void> {
  if (await page.isVisible("#clear")) await page.click("#clear");
}

describe.skipIf(!hasBrowser)("the browser page", () => {
  beforeAll(async () => {
    if (!existsSync(join(DIST, "index.html"))) throw new Error("packages/catalog-web/dist is missing: run npm run build first (npm test does)");
    if (!existsSync(CLI)) throw new Error("packages/catalog-cli/dist is missing: run npm run build first (npm test does)");
    work = mkdtempSync(join(tmpdir(), "zwgk-web-"));
    mkdirSync(join(work, "downloads"));
    ({ server, url: origin } = await serve(DIST));
    const { chromium } = await import("playwright-core");
    context = await chromium.launchPersistentContext(join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
      locale: "zh-CN",
    });
    // Every request of the page and its worker passes here; anything not for our origin is refused.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      offOrigin.push(url);
      return route.abort();
    });
    // The page's Content-Security-Policy blocks off-origin loads before they reach the network; an
    // attempt still counts as a failure here.
    await context.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.cspViolations.push(e.blockedURI));
    });
    page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(origin);
    await page.waitForSelector("#template-kind option", { state: "attached" });
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  });

  afterAll(async () => {
    await context?.close();
    server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("validates a workbook chosen through the file input and shows the 实施编码 findings at their cells", async () => {
    await loadFiles(staged(samplePath(SERVICE)));
    const row = page.locator("#file-rows tr", { hasText: SERVICE });
    await expect.poll(() => row.textContent()).toContain("公共服务事项清单");
    expect(await row.locator("td.num").first().textContent()).toBe("600");
    // The same findings as the CLI, at the same cells.
    const cli = JSON.parse(zwgk("validate", "--format", "json", SERVICE).stdout) as { files: Array<{ issues: Array<{ rule: string; location: { sheet?: string; cell?: string } }> }> };
    const expected = cli.files[0]!.issues.filter((i) => i.rule === "implementation-code").map((i) => `${i.location.sheet}!${i.location.cell}`);
    expect(expected).toContain("政务服务事项!C26");
    await page.selectOption("#filter-rule", "implementation-code");
    const shown = await page.locator("#findings .finding button.link").allTextContents();
    expect(shown).toEqual(expected);
    const c26 = page.locator("#findings .finding").filter({ has: page.getByRole("button", { name: "政务服务事项!C26", exact: true }) }).first();
    expect(await c26.locator(".message").textContent()).toMatch(/实施主体代码/);
    expect(await c26.locator(".hint").textContent()).toMatch(/^建议：/);
  });

  it("filters by severity", async () => {
    await page.selectOption("#filter-rule", "");
    await page.selectOption("#filter-severity", "warning");
    const levels = await page.locator("#findings .finding .level").allTextContents();
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(["警告"]));
    await page.selectOption("#filter-severity", "");
  });

  it("jumps from a finding to its cell in the grid, highlighted, with the message on the cell", async () => {
    await page.selectOption("#filter-rule", "implementation-code");
    await page.locator("#findings").getByRole("button", { name: "政务服务事项!C26", exact: true }).first().click();
    const cell = page.locator('#grid td[data-cell="C26"]');
    await expect.poll(() => cell.getAttribute("class")).toContain("sev-error");
    expect(await cell.getAttribute("title")).toMatch(/实施主体代码/);
    await expect.poll(() => page.textContent("#cell-note")).toMatch(/政务服务事项!C26 错误：.*实施主体代码/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-cell"))).toBe("C26");
  });

  it("downloads the JSON report, byte-identical to zwgk validate --format json", async () => {
    const { bytes } = await saved(Promise.all([page.waitForEvent("download"), page.click("text=下载 JSON 报告")]).then(([d]) => d));
    expect(bytes.toString("utf8")).toBe(zwgk("validate", "--format", "json", SERVICE).stdout);
  });

  it("downloads the annotated workbook (批注): the same findings marked, a 问题汇总 sheet first", async () => {
    const row = page.locator("#file-rows tr", { hasText: SERVICE });
    const { name, bytes } = await saved(Promise.all([page.waitForEvent("download"), row.locator("button", { hasText: "批注" }).click()]).then(([d]) => d));
    expect(name).toBe("政务服务事项-广安区-批注.xlsx");
    const wb = await openWorkbook(new Uint8Array(bytes));
    expect(wb.sheets.map((s) => s.name)).toEqual(["问题汇总", "政务服务事项"]);
    const places: string[] = [];
    for await (const r of wb.readSheet(wb.sheets[0]!)) places.push(r.cells[2]?.text ?? "");
    expect(places).toContain("政务服务事项!C26");
    const cli = JSON.parse(zwgk("validate", "--format", "json", SERVICE).stdout) as { summary: { errors: number; warnings: number } };
    expect(places.length - 1).toBe(cli.summary.errors + cli.summary.warnings);
  });

  it("says in Chinese why a hostile or broken file cannot be read, and keeps working for the next file", async () => {
    await clear();
    const good = readFileSync(samplePath("社会救助-标准目录.xlsx"));
    const bomb = buildXlsx({ sheets: [{ name: "S", xml: `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>${" ".repeat(4_000_000)}</sheetData></worksheet>` }] });
    writeFileSync(join(work, "压缩炸弹.xlsx"), bomb);
    writeFileSync(join(work, "半截.xlsx"), good.subarray(0, good.length >> 1));
    writeFileSync(join(work, "其实是网页.xlsx"), "<html><body>登录超时</body></html>");
    writeFileSync(join(work, "坏.json"), '{ "kind": "standard", "entries": [ ');
    const hostile = ["压缩炸弹.xlsx", "半截.xlsx", "其实是网页.xlsx", "坏.json"];
    await loadFiles(hostile.map((n) => join(work, n)));
    for (const name of hostile) {
      const text = await page.locator("#file-rows tr", { hasText: name }).textContent();
      expect(text, name).toMatch(/无法读取：/);
      expect(text, name).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(text, name).not.toMatch(/程序内部错误|at \w+ \(|TypeError|RangeError/);
    }
    expect(await page.locator("#file-rows tr", { hasText: "压缩炸弹.xlsx" }).textContent()).toMatch(/maxCompressionRatio|上限/);
    // The JSON report names the same errors as the CLI, byte for byte.
    const { bytes } = await saved(Promise.all([page.waitForEvent("download"), page.click("text=下载 JSON 报告")]).then(([d]) => d));
    expect(bytes.toString("utf8")).toBe(zwgk("validate", "--format", "json", ...hostile).stdout);
    // And the page still works.
    await loadFiles(staged(samplePath("社会救助-标准目录.xlsx")));
    const row = await page.locator("#file-rows tr", { hasText: "社会救助-标准目录.xlsx" }).textContent();
    expect(row).toContain("基层政务公开标准目录");
    expect(row).not.toMatch(/无法读取/);
    // Its grid draws the merged cells merged: the title across the sheet, 一级事项 down its rows.
    await page.locator("#file-rows tr", { hasText: "社会救助-标准目录.xlsx" }).getByRole("button", { name: "查看表格" }).click();
    await expect.poll(() => page.locator("#grid td.merged").count()).toBeGreaterThan(1);
    const spans = await page.$$eval("#grid td.merged", (tds) => tds.map((td) => [(td as HTMLTableCellElement).rowSpan, (td as HTMLTableCellElement).colSpan]));
    expect(spans.some(([r]) => r! > 1)).toBe(true);
    expect(spans.some(([, c]) => c! > 1)).toBe(true);
  });

  it("checks a set: cross-catalog findings with links to their entries, the office summary, and check JSON equal to the CLI's", async () => {
    await clear();
    await loadFiles(staged(...SAMPLES.map(samplePath)));
    await page.click("#tab-check");
    await page.click("#run-check");
    await page.waitForFunction(() => document.querySelector("#check-status")?.textContent?.includes("跨目录问题"));
    const summaryRows = page.locator("#check-results table tbody tr");
    expect(await summaryRows.count()).toBe(SAMPLES.length);
    expect((await summaryRows.locator("th").allTextContents()).sort()).toEqual([...SAMPLES].sort());
    const cli = zwgk("check", "--format", "json", ...SAMPLES).stdout;
    const { bytes } = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-check-json")]).then(([d]) => d));
    expect(bytes.toString("utf8")).toBe(cli);
    const issues = (JSON.parse(cli) as { issues?: unknown[]; files: unknown[] }).issues ?? [];
    // Listed up to 500 (the rest are in the summary workbook's 问题明细), and counted in the heading.
    expect(await page.locator("#check-results .finding").count()).toBe(Math.min(issues.length, 500));
    expect(await page.textContent("#check-results h2")).toBe(`跨目录问题（${issues.length} 个）`);
    // Each finding lists its entries; a link jumps to the row in the grid.
    const link = page.locator("#check-results .finding .entries button.link").first();
    if (issues.length) {
      const text = (await link.textContent())!;
      const m = /^(\S+) (\S+) 第(\d+)行$/.exec(text)!;
      expect(m, text).not.toBeNull();
      await link.click();
      expect(await page.getAttribute("#panel-validate", "hidden")).toBeNull();
      await expect.poll(() => page.locator(`#grid th[data-row="${m[3]}"]`).count()).toBe(1);
      expect(await page.textContent("#grid-title")).toContain(m[1]);
    }
    // The office summary workbook: one row per file with its error and warning counts.
    await page.click("#tab-check");
    const summary = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-summary")]).then(([d]) => d));
    const wb = await openWorkbook(new Uint8Array(summary.bytes));
    const rows: string[][] = [];
    for await (const r of wb.readSheet(wb.sheets[0]!)) {
      const values: string[] = [];
      for (const c of r.cells) values[c.col] = c.text;
      rows.push(values);
    }
    expect(rows[0]).toEqual(["文件", "目录类型", "事项数", "错误", "警告", "提示", "结论"]);
    for (let i = 0; i < SAMPLES.length; i++) {
      const onPage = await summaryRows.nth(i).locator("th, td").allTextContents();
      const inBook = rows.find((r) => r[0] === onPage[0])!;
      expect(inBook.slice(2, 5), onPage[0]).toEqual(onPage.slice(2, 5));
    }
  });

  it("compares two versions: added, removed, renamed and changed with old → new; the change set JSON equals zwgk diff --format json", async () => {
    const oldText = readFileSync(join(ROOT, "examples/社会救助-标准目录.json"), "utf8");
    const next = JSON.parse(oldText) as { entries: Array<Record<string, unknown>> };
    const removed = next.entries.splice(2, 1);
    next.entries[0]!["timeLimit"] = { raw: "信息形成或者变更之日起10个工作日内" };
    next.entries.push({ ...removed[0], items: ["临时救助", "新增的救助事项"] });
    mkdirSync(join(work, "v1"));
    mkdirSync(join(work, "v2"));
    writeFileSync(join(work, "v1", "社会救助.json"), oldText);
    writeFileSync(join(work, "v2", "社会救助-新.json"), JSON.stringify(next, null, 2));
    await page.click("#tab-diff");
    await page.setInputFiles("#diff-old", join(work, "v1", "社会救助.json"));
    await page.setInputFiles("#diff-new", join(work, "v2", "社会救助-新.json"));
    await page.fill("#diff-author", "县民政局");
    await page.fill("#diff-reason", "年度调整");
    await page.fill("#diff-date", "2026-01-01");
    await page.click("#run-diff");
    await page.waitForFunction(() => /新增 \d+ 项/.test(document.querySelector("#diff-status")?.textContent ?? ""));
    const results = (await page.textContent("#diff-results"))!;
    expect(results).toContain("信息形成或者变更之日起10个工作日内");
    expect(await page.locator("#diff-results del").count()).toBeGreaterThan(0);
    expect(results).toMatch(/新增（1 项）/);
    // Same names as the CLI sees them: copy both versions beside each other under the page's names.
    copyFileSync(join(work, "v1", "社会救助.json"), join(work, "社会救助.json"));
    copyFileSync(join(work, "v2", "社会救助-新.json"), join(work, "社会救助-新.json"));
    const cli = zwgk("diff", "--format", "json", "--author", "县民政局", "--reason", "年度调整", "--effective-date", "2026-01-01", "社会救助.json", "社会救助-新.json").stdout;
    const json = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-diff-json")]).then(([d]) => d));
    expect(json.bytes.toString("utf8")).toBe(cli);
    const book = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-diff-xlsx")]).then(([d]) => d));
    expect((await openWorkbook(new Uint8Array(book.bytes))).sheets.length).toBeGreaterThan(0);
  });

  it("proposes today in Beijing as the 生效日期, whatever the computer's time zone", async () => {
    // 20:00 UTC on 7 December is still the 7th in Los Angeles but already 04:00 on the 8th in Beijing.
    const other = await context.newPage();
    try {
      const cdp = await context.newCDPSession(other);
      await cdp.send("Emulation.setTimezoneOverride", { timezoneId: "America/Los_Angeles" });
      await other.clock.setFixedTime(new Date("2026-12-07T20:00:00Z"));
      await other.goto(origin);
      expect(await other.evaluate(() => new Date().getDate())).toBe(7);
      expect(await other.inputValue("#diff-date")).toBe("2026-12-08");
    } finally {
      await other.close();
    }
  });

  it("downloads a blank template for a kind and domain", async () => {
    await page.click("#tab-template");
    await page.selectOption("#template-kind", "standard");
    await page.selectOption("#template-domain", "社会救助");
    const t = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-template")]).then(([d]) => d));
    expect(t.name).toMatch(/社会救助.*模板\.xlsx$/);
    const wb = await openWorkbook(new Uint8Array(t.bytes));
    expect(wb.sheets.map((s) => s.name)).toContain("社会救助");
    await page.selectOption("#template-kind", "power");
    expect(await page.isDisabled("#template-domain")).toBe(true);
    const p = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-template")]).then(([d]) => d));
    expect(p.name).toContain("权责清单");
  });

  it("drafts from a 权责清单: rows to confirm, JSON equal to zwgk draft; with an existing catalog, deletion candidates as the CLI lists them", async () => {
    const [list] = staged(samplePath("权责清单-交通运输.xlsx"));
    await page.click("#tab-derive");
    await page.setInputFiles("#draft-lists", list!);
    await page.click("#run-draft");
    await page.waitForFunction(() => /已起草 \d+ 条/.test(document.querySelector("#draft-status")?.textContent ?? ""));
    expect(await page.textContent("#draft-status")).toBe("已起草 18 条公开条目（9 个事项），公开属性均为“待认定”，请逐条认定。");
    expect(await page.locator("#draft-results tbody tr").count()).toBe(18);
    expect(zwgk("draft", "权责清单-交通运输.xlsx", "--out", "cli-草稿.json").status).toBe(0);
    const json = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-draft-json")]).then(([d]) => d));
    expect(json.bytes.toString("utf8")).toBe(readFileSync(join(work, "cli-草稿.json"), "utf8"));
    const book = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-draft-xlsx")]).then(([d]) => d));
    const [drafted] = await readCatalogs(new Uint8Array(book.bytes), { file: book.name });
    expect(drafted!.entries).toHaveLength(18);
    expect(drafted!.entries.every((e) => e.extra?.some((x) => x.name === "公开属性" && x.value === "待认定"))).toBe(true);

    // 动态调整: the list loses 扣留车辆; the draft is the existing catalog.
    copyFileSync(join(work, "cli-草稿.json"), join(work, "草稿.json"));
    const catalog = JSON.parse(zwgk("convert", "权责清单-交通运输.xlsx", "--out", "清单.json").status === 0 ? readFileSync(join(work, "清单.json"), "utf8") : "{}") as { entries: Array<{ name: string }> };
    catalog.entries = catalog.entries.filter((p) => p.name !== "扣留车辆");
    writeFileSync(join(work, "清单-调整.json"), JSON.stringify(catalog));
    await page.setInputFiles("#draft-lists", join(work, "清单-调整.json"));
    await page.setInputFiles("#draft-into", join(work, "草稿.json"));
    await page.click("#run-draft");
    await page.waitForFunction(() => document.querySelectorAll("#draft-results .candidates li").length > 0);
    expect(await page.textContent("#draft-status")).toBe("已起草 0 条公开条目：现有目录已覆盖全部 8 个事项，已有条目未作任何改动。");
    const cli = zwgk("draft", "清单-调整.json", "--into", "草稿.json", "--out", "调整稿.json");
    const lines = cli.stdout.split("\n").filter((l) => l.startsWith("  ")).map((l) => l.trim());
    expect(lines).toHaveLength(2);
    expect(await page.locator("#draft-results .candidates li").allTextContents()).toEqual(lines);
    await page.setInputFiles("#draft-into", []);
  });

  it("forms a village list: the 村-level rows once, JSON equal to zwgk village", async () => {
    const inputs = staged(samplePath("社会救助-标准目录.xlsx"), samplePath("户籍管理-标准目录.xlsx"));
    await page.setInputFiles("#village-catalogs", inputs);
    await page.fill("#village-township", "大口屯镇人民政府");
    await page.click("#run-village");
    await page.waitForFunction(() => /村（居）清单 \d+ 项/.test(document.querySelector("#village-status")?.textContent ?? ""));
    expect(await page.locator("#village-results li").count()).toBe(12);
    expect(await page.locator("#village-results li").first().textContent()).toContain("来源：标准目录 社会救助-标准目录.xlsx 社会救助!第4行");
    expect(zwgk("village", "社会救助-标准目录.xlsx", "户籍管理-标准目录.xlsx", "--township", "大口屯镇人民政府", "--out", "cli-村居.json").status).toBe(0);
    const json = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-village-json")]).then(([d]) => d));
    expect(json.bytes.toString("utf8")).toBe(readFileSync(join(work, "cli-村居.json"), "utf8"));
    const book = await saved(Promise.all([page.waitForEvent("download"), page.click("#download-village-xlsx")]).then(([d]) => d));
    expect(book.name).toBe("大口屯镇人民政府村（居）政务公开事项清单.xlsx");
    const [list] = await readCatalogs(new Uint8Array(book.bytes), { file: book.name });
    expect(list!.source?.columns?.map((c) => c.header)).toContain("责任单位");
    expect(list!.entries).toHaveLength(12);
  });

  it("is usable from the keyboard: tabs move with the arrow keys and controls have labels", async () => {
    await page.focus("#tab-template");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-validate");
    expect(await page.getAttribute("#panel-validate", "hidden")).toBeNull();
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("input, select, button")]
        .filter((el) => {
          const input = el as HTMLInputElement;
          return !(input.labels?.length || el.getAttribute("aria-label") || (el.tagName === "BUTTON" && el.textContent?.trim()));
        })
        .map((el) => el.id || el.outerHTML.slice(0, 60)),
    );
    expect(unlabelled).toEqual([]);
  });

  it("accepts files dropped on the page", async () => {
    await page.click("#tab-check");
    await clear();
    const name = "户籍管理-标准目录.xlsx";
    const data = readFileSync(samplePath(name)).toString("base64");
    // A drop as the browser delivers it from the desktop: a DragEvent whose DataTransfer holds the file.
    await page.evaluate(
      ([fileName, base64]) => {
        const bytes = Uint8Array.from(atob(base64!), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], fileName!));
        document.querySelector("#drop")!.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      [name, data],
    );
    await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已检查 1 个文件"));
    expect(await page.getAttribute("#panel-validate", "hidden")).toBeNull();
    const row = await page.locator("#file-rows tr", { hasText: name }).textContent();
    expect(row).toContain("基层政务公开标准目录");
    expect(row).toContain("11");
  });

  it("made no request outside its origin, and tried none", async () => {
    expect(offOrigin).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  });
});
