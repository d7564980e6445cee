// The page: a thin view over the worker. It reads the files the user chose, hands their bytes to the
// worker, and shows what comes back; every download is a document the CLI would write.
import { proxy, wrap } from "comlink";
import { DOMAINS, formatPlace, KIND_LABELS } from "@zwgk/catalog-core";
import { todayInChina } from "@zwgk/catalog-diff";
import { DEFAULT_LIMITS } from "@zwgk/catalog-xlsx";
import type { CatalogKind } from "@zwgk/catalog-schemas";
import type { FileReport, ReportedFinding, FileSummary } from "@zwgk/catalog-core";
import type { CatalogWorker, CheckResult, DiffResult, DraftPageResult, GridWindow, NamedBytes, PageError, ValidateResult, VillagePageResult } from "./api.js";
import { TOOL_VERSION } from "./version.js";
import { renderGrid } from "./grid.js";

const rawWorker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "zwgk" });
const worker = wrap<CatalogWorker>(rawWorker);
// A worker that cannot start (an old browser, a page opened from file://) would leave every button
// silent: say so instead.
rawWorker.addEventListener("error", () => {
  setStatus("status", "无法启动后台检查程序：请用较新的 Chrome、Edge 或 Firefox，并通过网址（而不是双击文件）打开本页面。");
});

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Creates an element; strings become text nodes (never HTML), so file contents cannot inject markup. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string | boolean | ((e: Event) => void)>> = {},
  ...children: Array<Node | string | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else if (k === "class") el.className = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const LEVEL: Record<string, string> = { error: "错误", warning: "警告", info: "提示" };
const KIND_ORDER: CatalogKind[] = ["standard", "supplementary", "power", "service"];
const MAX_FINDINGS_SHOWN = 500;
const GRID_ROWS = 60;

// ---------------------------------------------------------------------------------------------------
// State

type Loaded = ValidateResult;
const loaded = new Map<string, Loaded>();
let rules: Record<string, string> = {};
let grid: { file: string; sheet: string; row: number; focus?: string } | undefined;
let lastCheck: CheckResult | undefined;
let lastDiff: DiffResult | undefined;

$("version").textContent = TOOL_VERSION;
void worker.ruleDescriptions().then((r) => (rules = r));

// ---------------------------------------------------------------------------------------------------
// Tabs (arrow keys move between them, as in any tab list)

const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
function selectTab(tab: HTMLButtonElement, focus = true): void {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute("aria-selected", String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute("aria-controls")!).hidden = !on;
  }
  if (focus) tab.focus();
}
tabs.forEach((tab, i) => {
  tab.addEventListener("click", () => selectTab(tab));
  tab.addEventListener("keydown", (e) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (step) selectTab(tabs[(i + step + tabs.length) % tabs.length]!);
  });
});

// ---------------------------------------------------------------------------------------------------
// Downloads: a blob URL clicked by an <a download>; nothing goes over the network.

function download(bytes: Uint8Array | string, name: string, type: string): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const stem = (name: string) => name.replace(/\.[^.]+$/, "");

// ---------------------------------------------------------------------------------------------------
// Loading files

// The workbook reader's file-size limit, checked before the file is read into memory at all.
const MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;

async function loadFiles(list: FileList | File[]): Promise<void> {
  const chosen = [...list];
  if (!chosen.length) return;
  const box = $("progress-box");
  const bar = $<HTMLProgressElement>("progress");
  const label = $("progress-label");
  box.hidden = false;
  setStatus("status", "");
  let i = 0;
  for (const file of chosen) {
    i++;
    label.textContent = `正在检查 ${file.name}（第 ${i}/${chosen.length} 个）…`;
    bar.value = ((i - 1) / chosen.length) * 100;
    let result: ValidateResult;
    if (file.size > MAX_FILE_BYTES) {
      const error: PageError = {
        code: "limit",
        message: `文件过大（${(file.size / 1048576).toFixed(0)} MB，上限 ${(MAX_FILE_BYTES / 1048576).toFixed(0)} MB）。`,
        hint: "请拆分为多个文件后分别检查。",
      };
      result = { name: file.name, reports: [], error, workbook: false, sheets: [], headerEnds: {} };
    } else {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // The file's share of the bar grows with the rows read; the total is unknown until the end.
      const onProgress = proxy((rows: number) => {
        label.textContent = `正在检查 ${file.name}（第 ${i}/${chosen.length} 个）：已读 ${rows} 行…`;
        bar.value = ((i - 1 + rows / (rows + 2000)) / chosen.length) * 100;
      });
      result = await worker.validate(file.name, bytes, onProgress);
    }
    loaded.delete(file.name);
    loaded.set(file.name, result);
  }
  bar.value = 100;
  box.hidden = true;
  const failed = chosen.filter((f) => loaded.get(f.name)?.error).length;
  setStatus("status", `已检查 ${chosen.length} 个文件${failed ? `，其中 ${failed} 个无法读取（见下表）` : ""}。`);
  lastCheck = undefined;
  renderResults();
  if (!grid) $("grid-pane").hidden = true;
  const first = loaded.get(chosen[0]!.name);
  if (first?.workbook && !first.error && first.sheets.length) {
    const sheet = firstSheetOf(first);
    await showGrid(first.name, sheet, 1);
  }
}

function firstSheetOf(r: ValidateResult): string {
  const withFinding = r.reports.flatMap((s) => s.findings).find((f) => f.location.sheet)?.location.sheet;
  return withFinding ?? r.sheets[0]!;
}

function setStatus(id: string, text: string): void {
  $(id).textContent = text;
}

const input = $<HTMLInputElement>("files");
input.addEventListener("change", () => {
  void loadFiles(input.files ?? []).finally(() => (input.value = ""));
});
const drop = $("drop");
for (const ev of ["dragenter", "dragover"]) {
  document.addEventListener(ev, (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
}
document.addEventListener("dragleave", (e) => {
  if (!(e as DragEvent).relatedTarget) drop.classList.remove("over");
});
document.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const files = (e as DragEvent).dataTransfer?.files;
  if (files?.length) {
    selectTab($<HTMLButtonElement>("tab-validate"), false);
    void loadFiles(files);
  }
});

$("clear").addEventListener("click", () => {
  for (const name of loaded.keys()) void worker.remove(name);
  loaded.clear();
  grid = undefined;
  $("grid-pane").hidden = true;
  lastCheck = undefined;
  renderResults();
  $("check-results").replaceChildren();
  setStatus("status", "已清空。");
  input.focus();
});

$("download-json").addEventListener("click", async () => {
  const names = [...loaded.keys()];
  const json = await worker.validateJson(names);
  download(json, names.length === 1 ? `${stem(names[0]!)}-校验报告.json` : "校验报告.json", "application/json");
});

// ---------------------------------------------------------------------------------------------------
// Results: the file table, the filters and the findings

function counts(reports: readonly FileReport[]) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const r of reports) for (const f of r.findings) c[f.severity]++;
  return c;
}

function renderResults(): void {
  $("results").hidden = loaded.size === 0;
  // Once files are in, the drop zone shrinks to one line so the findings and the grid fit the screen.
  $("drop").classList.toggle("compact", loaded.size > 0);
  const rows = $("file-rows");
  rows.replaceChildren();
  for (const r of loaded.values()) {
    const c = counts(r.reports);
    const kinds = [...new Set(r.reports.map((s) => s.kind).filter(Boolean))].map((k) => KIND_LABELS[k!]).join("、");
    const entries = r.reports.reduce((n, s) => n + (s.entries ?? 0), 0);
    const actions = h("td", { class: "row-actions" });
    if (r.workbook && !r.error) {
      actions.append(
        h("button", { type: "button", onclick: () => void annotate(r.name) }, "下载批注工作簿"),
        h("button", { type: "button", onclick: () => void showGrid(r.name, firstSheetOf(r), 1) }, "查看表格"),
      );
    }
    rows.append(
      h(
        "tr",
        { class: r.error ? "unreadable" : "" },
        h("th", { scope: "row" }, r.name),
        r.error
          ? h("td", { colspan: "5", class: "error-text" }, h("strong", {}, "无法读取："), r.error.message, r.error.hint ? h("br") : null, r.error.hint ? `建议：${r.error.hint}` : null)
          : h("td", {}, kinds || "—"),
        r.error ? null : h("td", { class: "num" }, String(entries)),
        r.error ? null : h("td", { class: `num ${c.error ? "sev-error" : ""}` }, String(c.error)),
        r.error ? null : h("td", { class: `num ${c.warning ? "sev-warning" : ""}` }, String(c.warning)),
        r.error ? null : h("td", { class: "num" }, String(c.info)),
        actions,
      ),
    );
  }
  renderFilters();
  renderFindings();
}

function allFindings(): Array<{ file: string; finding: ReportedFinding }> {
  const out: Array<{ file: string; finding: ReportedFinding }> = [];
  for (const r of loaded.values()) for (const s of r.reports) for (const finding of s.findings) out.push({ file: r.name, finding });
  return out;
}

function fillSelect(select: HTMLSelectElement, options: Array<[string, string]>): void {
  const keep = select.value;
  select.replaceChildren(...options.map(([value, text]) => h("option", { value }, text)));
  if (options.some(([v]) => v === keep)) select.value = keep;
}

function renderFilters(): void {
  const all = allFindings();
  fillSelect($<HTMLSelectElement>("filter-file"), [["", "全部文件"], ...[...loaded.keys()].map((n): [string, string] => [n, n])]);
  const byRule = new Map<string, number>();
  for (const { finding } of all) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
  fillSelect($<HTMLSelectElement>("filter-rule"), [
    ["", "全部规则"],
    ...[...byRule].map(([rule, n]): [string, string] => [rule, `${rules[rule] ?? rule}（${rule}，${n} 个）`]),
  ]);
}

for (const id of ["filter-file", "filter-severity", "filter-rule"]) $(id).addEventListener("change", renderFindings);

/** Where a finding is, as the CLI's reports say it: `工作表!单元格`, `工作表 第N行`, `第N行` or 整个目录. */
function placeText(f: ReportedFinding): string {
  const place = formatPlace(f.location);
  return place && place !== "/" ? place : "整个目录";
}

function renderFindings(): void {
  const file = $<HTMLSelectElement>("filter-file").value;
  const severity = $<HTMLSelectElement>("filter-severity").value;
  const rule = $<HTMLSelectElement>("filter-rule").value;
  const shown = allFindings().filter((x) => (!file || x.file === file) && (!severity || x.finding.severity === severity) && (!rule || x.finding.rule === rule));
  const box = $("findings");
  box.replaceChildren();
  if (!shown.length) {
    const none = allFindings().length === 0;
    box.append(h("p", { class: "muted" }, !loaded.size ? "" : none ? "能读取的文件中没有发现问题。" : "没有符合筛选条件的问题。"));
    return;
  }
  // Grouped by rule, as the CLI's text report: 规则 · 说明（N 个）, then place, level, message, hint.
  const groups = new Map<string, typeof shown>();
  for (const x of shown) groups.set(x.finding.rule, [...(groups.get(x.finding.rule) ?? []), x]);
  let budget = MAX_FINDINGS_SHOWN;
  for (const [id, items] of groups) {
    const list = h("ol", { class: "finding-list" });
    for (const { file: f, finding } of items.slice(0, Math.max(0, budget))) {
      const l = finding.location;
      const target = l.sheet && (l.cell || l.row) ? h("button", { type: "button", class: "link", title: "在表格中查看", onclick: () => void jumpTo(f, l.sheet!, l.row ?? 1, l.cell) }, placeText(finding)) : h("span", { class: "place" }, placeText(finding));
      list.append(
        h(
          "li",
          { class: `finding sev-${finding.severity}` },
          h("span", { class: "level" }, LEVEL[finding.severity] ?? finding.severity),
          loaded.size > 1 ? h("span", { class: "file" }, f) : null,
          target,
          h("span", { class: "message" }, finding.message),
          finding.hint ? h("span", { class: "hint" }, `建议：${finding.hint}`) : null,
        ),
      );
    }
    budget -= items.length;
    box.append(h("section", { class: "group" }, h("h3", {}, `${rules[id] ?? id}（${items.length} 个）`, h("span", { class: "rule-id" }, id)), list));
    if (budget <= 0) break;
  }
  if (shown.length > MAX_FINDINGS_SHOWN) {
    box.append(h("p", { class: "muted" }, `只列出前 ${MAX_FINDINGS_SHOWN} 个（共 ${shown.length} 个）。用上方筛选缩小范围，或下载批注工作簿查看全部。`));
  }
}

async function annotate(name: string): Promise<void> {
  setStatus("status", `正在生成 ${name} 的批注工作簿…`);
  const bytes = await worker.annotate(name);
  download(bytes, `${stem(name)}-批注.xlsx`, XLSX_TYPE);
  setStatus("status", `已下载 ${stem(name)}-批注.xlsx：出问题的单元格已标色并加批注，首页「问题汇总」列出全部问题。`);
}

// ---------------------------------------------------------------------------------------------------
// The grid: a window of rows around the cell of interest, with failing cells highlighted

async function jumpTo(file: string, sheet: string, row: number, cell?: string): Promise<void> {
  selectTab($<HTMLButtonElement>("tab-validate"), false);
  await showGrid(file, sheet, row, cell);
  const target = cell ? document.querySelector<HTMLElement>(`#grid [data-cell="${CSS.escape(cell)}"]`) : document.querySelector<HTMLElement>(`#grid [data-row="${row}"]`);
  target?.scrollIntoView({ block: "center", inline: "center" });
  target?.focus();
}

async function showGrid(file: string, sheet: string, row: number, focus?: string): Promise<void> {
  const r = loaded.get(file);
  $("grid-pane").hidden = false;
  if (!r?.workbook || r.error) {
    $("grid").replaceChildren(h("p", { class: "muted" }, "这个文件不是工作簿，没有表格可看；问题按行号列出。"));
    return;
  }
  grid = { file, sheet, row, ...(focus ? { focus } : {}) };
  fillSelect($<HTMLSelectElement>("grid-sheet"), r.sheets.map((s): [string, string] => [s, s]));
  $<HTMLSelectElement>("grid-sheet").value = sheet;
  $("grid-title").textContent = `表格：${file}`;
  let window: GridWindow;
  try {
    window = await worker.sheetWindow(file, sheet, row, GRID_ROWS, r.headerEnds[sheet] ?? 0);
  } catch (e) {
    $("grid").replaceChildren(h("p", { class: "error-text" }, `无法显示表格：${e instanceof Error ? e.message : String(e)}`));
    return;
  }
  const findings = r.reports.flatMap((s) => s.findings).filter((f) => f.location.sheet === sheet);
  const first = window.rows[0]?.index ?? row;
  const last = window.rows.at(-1)?.index ?? row;
  $("grid-range").textContent = window.rows.length ? `第 ${first}–${last} 行，共 ${window.lastRow} 行${window.truncatedColumns ? "（列太多，只显示前 60 列）" : ""}` : "";
  renderGrid($("grid"), window, findings, (f) => showNote(f), focus);
  if (focus) {
    const here = findings.filter((f) => f.location.cell === focus);
    if (here.length) showNote(here);
  }
}

function showNote(findings: readonly ReportedFinding[]): void {
  const note = $("cell-note");
  note.replaceChildren();
  for (const f of findings) {
    note.append(h("div", { class: `sev-${f.severity}` }, h("strong", {}, `${placeText(f)} ${LEVEL[f.severity]}：`), f.message, f.hint ? h("span", { class: "hint" }, ` 建议：${f.hint}`) : null));
  }
}

$("grid-sheet").addEventListener("change", () => {
  if (grid) void showGrid(grid.file, $<HTMLSelectElement>("grid-sheet").value, 1);
});
$("grid-prev").addEventListener("click", () => {
  if (grid) void showGrid(grid.file, grid.sheet, Math.max(1, grid.row - GRID_ROWS));
});
$("grid-next").addEventListener("click", () => {
  if (grid) void showGrid(grid.file, grid.sheet, grid.row + GRID_ROWS);
});

// ---------------------------------------------------------------------------------------------------
// Check a set

$("run-check").addEventListener("click", async () => {
  const names = [...loaded.keys()];
  if (names.filter((n) => !loaded.get(n)?.error).length < 2) {
    setStatus("check-status", "请先在「① 校验目录」中载入至少两个能读取的目录文件。");
    return;
  }
  setStatus("check-status", "正在检查…");
  lastCheck = await worker.check(names);
  renderCheck(lastCheck);
  ($<HTMLButtonElement>("download-summary")).disabled = false;
  ($<HTMLButtonElement>("download-check-json")).disabled = false;
});
$("download-summary").addEventListener("click", async () => {
  download(await worker.summaryWorkbook([...loaded.keys()]), "目录汇总表.xlsx", XLSX_TYPE);
});
$("download-check-json").addEventListener("click", () => {
  if (lastCheck) download(lastCheck.json, "汇总检查报告.json", "application/json");
});

function verdict(s: FileSummary): string {
  if (s.error) return "无法读取";
  if (s.errors) return "需退回修改";
  if (s.warnings) return "通过（有警告）";
  return "通过";
}

function renderCheck(result: CheckResult): void {
  const box = $("check-results");
  const findings = result.report.findings ?? [];
  const errors = findings.filter((f) => f.severity === "error").length;
  setStatus("check-status", `共 ${result.summary.length} 个文件；跨目录问题 ${findings.length} 个（错误 ${errors} 个）。`);
  const table = h(
    "table",
    { class: "files" },
    h("caption", {}, "汇总表：每个文件一行（校验问题与跨目录问题合计）"),
    h("thead", {}, h("tr", {}, ...["文件", "目录类型", "事项数", "错误", "警告", "结论"].map((t) => h("th", { scope: "col" }, t)))),
    h(
      "tbody",
      {},
      ...result.summary.map((s) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, s.file),
          h("td", {}, s.kinds.map((k) => KIND_LABELS[k]).join("、") || "—"),
          h("td", { class: "num" }, String(s.entries)),
          h("td", { class: `num ${s.errors ? "sev-error" : ""}` }, String(s.errors)),
          h("td", { class: `num ${s.warnings ? "sev-warning" : ""}` }, String(s.warnings)),
          h("td", { class: s.errors || s.error ? "sev-error" : "" }, verdict(s)),
        ),
      ),
    ),
  );
  const skipped = result.skipped.length
    ? h("div", { class: "error-text" }, h("p", {}, "以下文件未参加汇总检查："), h("ul", {}, ...result.skipped.map((s) => h("li", {}, `${s.name}：${s.message}`))))
    : null;
  const list = h("ol", { class: "finding-list" });
  for (const f of findings.slice(0, MAX_FINDINGS_SHOWN)) {
    const places = [f.location, ...(f.related ?? [])];
    list.append(
      h(
        "li",
        { class: `finding sev-${f.severity}` },
        h("span", { class: "level" }, LEVEL[f.severity] ?? f.severity),
        h("span", { class: "message" }, f.message),
        f.hint ? h("span", { class: "hint" }, `建议：${f.hint}`) : null,
        h(
          "span",
          { class: "entries" },
          "涉及：",
          ...places.map((l) => {
            const text = `${l.file ?? ""} ${formatPlace(l)}`.trim();
            const canJump = l.file && l.sheet && l.row && loaded.get(l.file)?.workbook;
            return canJump
              ? h("button", { type: "button", class: "link", onclick: () => void jumpTo(l.file!, l.sheet!, l.row!) }, text)
              : h("span", { class: "place" }, text || "整个目录");
          }),
        ),
      ),
    );
  }
  const more = findings.length > MAX_FINDINGS_SHOWN ? h("p", { class: "muted" }, `只列出前 ${MAX_FINDINGS_SHOWN} 个（共 ${findings.length} 个）；全部问题见「下载汇总表」的「问题明细」工作表。`) : "";
  box.replaceChildren(table, skipped ?? "", h("h2", {}, `跨目录问题（${findings.length} 个）`), findings.length ? list : h("p", { class: "muted" }, "没有发现跨目录问题。"), more);
}

// ---------------------------------------------------------------------------------------------------
// Compare two versions

// Today in Beijing, as `zwgk diff` defaults it: the browser's own time zone may be another one.
$<HTMLInputElement>("diff-date").value = todayInChina();

$("run-diff").addEventListener("click", async () => {
  const oldFile = $<HTMLInputElement>("diff-old").files?.[0];
  const newFile = $<HTMLInputElement>("diff-new").files?.[0];
  if (!oldFile || !newFile) {
    setStatus("diff-status", "请选择旧版和新版两个文件。");
    return;
  }
  setStatus("diff-status", "正在对比…");
  $<HTMLButtonElement>("download-diff-xlsx").disabled = true;
  $<HTMLButtonElement>("download-diff-json").disabled = true;
  const value = (id: string) => $<HTMLInputElement>(id).value.trim();
  const result = await worker.diff(
    { name: oldFile.name, bytes: new Uint8Array(await oldFile.arrayBuffer()) },
    { name: newFile.name, bytes: new Uint8Array(await newFile.arrayBuffer()) },
    { author: value("diff-author") || "未署名", reason: value("diff-reason") || "未说明", effectiveDate: value("diff-date") || todayInChina(), ...(value("diff-approval") ? { approval: value("diff-approval") } : {}) },
  );
  if ("error" in result) {
    lastDiff = undefined;
    setStatus("diff-status", `无法对比：${result.error.message}${result.error.hint ? ` 建议：${result.error.hint}` : ""}`);
    $("diff-results").replaceChildren();
    return;
  }
  lastDiff = result;
  setStatus("diff-status", result.summary);
  $<HTMLButtonElement>("download-diff-xlsx").disabled = false;
  $<HTMLButtonElement>("download-diff-json").disabled = false;
  renderDiff(result);
});
$("download-diff-xlsx").addEventListener("click", () => {
  if (lastDiff) download(lastDiff.workbook, `${stem(lastDiff.diff.files.new ?? "新版")}-变更对照.xlsx`, XLSX_TYPE);
});
$("download-diff-json").addEventListener("click", () => {
  if (lastDiff) download(lastDiff.json, `${stem(lastDiff.diff.files.new ?? "新版")}-变更集.json`, "application/json");
});

function entryLabel(e: { entry: unknown; source?: { sheet?: string; row?: number } }): string {
  const entry = e.entry as { items?: string[]; name?: string; item?: string };
  const name = entry.items?.filter(Boolean).join(" / ") ?? entry.name ?? entry.item ?? "（无名称）";
  return `${name}${e.source?.row ? `（${e.source.sheet ? `${e.source.sheet} ` : ""}第${e.source.row}行）` : ""}`;
}

function renderDiff({ diff }: DiffResult): void {
  const changeList = (changes: ReadonlyArray<{ label: string; oldText: string; newText: string }>) =>
    h("ul", { class: "changes" }, ...changes.map((c) => h("li", {}, h("span", { class: "field" }, `${c.label}：`), h("del", {}, c.oldText || "（空）"), " → ", h("ins", {}, c.newText || "（空）"))));
  const block = (title: string, n: number, items: Node[]) => h("section", { class: "group" }, h("h3", {}, `${title}（${n} 项）`), n ? h("ul", { class: "diff-list" }, ...items) : h("p", { class: "muted" }, "无"));
  $("diff-results").replaceChildren(
    diff.header.length ? block("目录信息修改", diff.header.length, [changeList(diff.header)]) : "",
    block("新增", diff.added.length, diff.added.map((a) => h("li", { class: "added" }, `+ ${entryLabel(a)}`))),
    block("删除", diff.removed.length, diff.removed.map((r) => h("li", { class: "removed" }, `− ${entryLabel(r)}`))),
    block("更名", diff.renamed.length, diff.renamed.map((r) => h("li", {}, `${entryLabel(r.old)} → ${entryLabel(r.new)}`, changeList(r.changes)))),
    block("修改", diff.changed.length, diff.changed.map((c) => h("li", {}, entryLabel(c.new), changeList(c.changes)))),
  );
}

// ---------------------------------------------------------------------------------------------------
// Derive: draft from 权责清单 / 公共服务事项清单, and village lists (`zwgk draft`, `zwgk village`)

let lastDraft: DraftPageResult | undefined;
let lastVillage: VillagePageResult | undefined;
const MAX_ROWS_SHOWN = 200;

async function namedBytes(files: FileList | null | undefined): Promise<NamedBytes[]> {
  return Promise.all([...(files ?? [])].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

function failed(id: string, error: PageError): void {
  setStatus(id, `无法完成：${error.message}${error.hint ? ` 建议：${error.hint}` : ""}`);
}

$("run-draft").addEventListener("click", async () => {
  const lists = await namedBytes($<HTMLInputElement>("draft-lists").files);
  if (!lists.length) {
    setStatus("draft-status", "请选择至少一个权责清单或公共服务事项清单。");
    return;
  }
  const [into] = await namedBytes($<HTMLInputElement>("draft-into").files);
  setStatus("draft-status", "正在起草…");
  $<HTMLButtonElement>("download-draft-xlsx").disabled = true;
  $<HTMLButtonElement>("download-draft-json").disabled = true;
  const result = await worker.draft(lists, into);
  if ("error" in result) {
    lastDraft = undefined;
    failed("draft-status", result.error);
    $("draft-results").replaceChildren();
    return;
  }
  lastDraft = result;
  setStatus("draft-status", result.inconsistency ? `${result.summary} ${result.inconsistency}` : result.summary);
  $<HTMLButtonElement>("download-draft-xlsx").disabled = false;
  $<HTMLButtonElement>("download-draft-json").disabled = false;
  const candidates = result.candidates.length
    ? h("section", { class: "group" }, h("h3", {}, `建议删除（${result.candidates.length} 条）`), h("ul", { class: "candidates" }, ...result.candidates.map((c) => h("li", { class: "removed" }, c))))
    : "";
  const shown = result.added.slice(0, MAX_ROWS_SHOWN);
  const table = result.added.length
    ? h(
        "table",
        { class: "files" },
        h("caption", {}, `起草的条目（${result.added.length} 条，公开属性待认定）`),
        h("thead", {}, h("tr", {}, ...["公开事项", "规则", "来源事项"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...shown.map((a) => h("tr", {}, h("td", {}, a.name), h("td", {}, a.rule), h("td", {}, a.from)))),
      )
    : "";
  const more = result.added.length > MAX_ROWS_SHOWN ? h("p", { class: "muted" }, `只列出前 ${MAX_ROWS_SHOWN} 条；全部条目见下载的草稿。`) : "";
  $("draft-results").replaceChildren(candidates, table, more);
});
const draftName = () => `${stem($<HTMLInputElement>("draft-into").files?.[0]?.name ?? $<HTMLInputElement>("draft-lists").files?.[0]?.name ?? "目录")}-草稿`;
$("download-draft-xlsx").addEventListener("click", () => {
  if (lastDraft) download(lastDraft.workbook, `${draftName()}.xlsx`, XLSX_TYPE);
});
$("download-draft-json").addEventListener("click", () => {
  if (lastDraft) download(lastDraft.json, `${draftName()}.json`, "application/json");
});

$("run-village").addEventListener("click", async () => {
  const catalogs = await namedBytes($<HTMLInputElement>("village-catalogs").files);
  if (!catalogs.length) {
    setStatus("village-status", "请选择至少一个标准目录。");
    return;
  }
  setStatus("village-status", "正在形成清单…");
  $<HTMLButtonElement>("download-village-xlsx").disabled = true;
  $<HTMLButtonElement>("download-village-json").disabled = true;
  const result = await worker.village(catalogs, $<HTMLInputElement>("village-township").value);
  if ("error" in result) {
    lastVillage = undefined;
    failed("village-status", result.error);
    $("village-results").replaceChildren();
    return;
  }
  lastVillage = result;
  setStatus("village-status", result.summary);
  $<HTMLButtonElement>("download-village-xlsx").disabled = false;
  $<HTMLButtonElement>("download-village-json").disabled = false;
  $("village-results").replaceChildren(
    result.rows.length
      ? h("ol", { class: "village-rows" }, ...result.rows.slice(0, MAX_ROWS_SHOWN).map((r) => h("li", {}, h("strong", {}, r.name), h("span", { class: "muted" }, ` ${r.note.replace(/\n/g, "；")}`))))
      : h("p", { class: "muted" }, "所选目录中没有适合村（居）公开的条目。"),
  );
});
const villageName = () => `${$<HTMLInputElement>("village-township").value.trim()}村（居）政务公开事项清单`;
$("download-village-xlsx").addEventListener("click", () => {
  if (lastVillage) download(lastVillage.workbook, `${villageName()}.xlsx`, XLSX_TYPE);
});
$("download-village-json").addEventListener("click", () => {
  if (lastVillage) download(lastVillage.json, `${villageName()}.json`, "application/json");
});

// ---------------------------------------------------------------------------------------------------
// Templates

fillSelect($<HTMLSelectElement>("template-kind"), KIND_ORDER.map((k): [string, string] => [k, KIND_LABELS[k]]));
fillSelect($<HTMLSelectElement>("template-domain"), [["", "（不指定领域）"], ...DOMAINS.map((d): [string, string] => [d.name, d.name])]);
const syncDomain = () => ($<HTMLSelectElement>("template-domain").disabled = $<HTMLSelectElement>("template-kind").value !== "standard");
$("template-kind").addEventListener("change", syncDomain);
syncDomain();
$("download-template").addEventListener("click", async () => {
  const kind = $<HTMLSelectElement>("template-kind").value as CatalogKind;
  const domain = kind === "standard" ? $<HTMLSelectElement>("template-domain").value : "";
  const bytes = await worker.template(kind, domain || undefined);
  download(bytes, `${domain ? `${domain}-` : ""}${KIND_LABELS[kind]}-模板.xlsx`, XLSX_TYPE);
});
