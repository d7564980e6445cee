// The page's worker: reads, validates, checks, compares and writes with the same library calls as
// `zwgk`, so the page stays responsive and its downloads are the CLI's documents. Files stay here, in
// memory, and never leave the browser.
import { expose } from "comlink";
import type { Catalog, CatalogKind } from "@zwgk/catalog-schemas";
import { validateCatalogShape } from "@zwgk/catalog-schemas";
import { builtinRules, type FileReport, formatJson, type Report, summarizeByFile, writeCatalogJson } from "@zwgk/catalog-core";
import { checkReport, diffCatalogs, formatDiffJson, summarizeDiff } from "@zwgk/catalog-diff";
import {
  annotateWorkbook,
  CatalogLoadError,
  catalogFormatOf,
  DEFAULT_LIMITS,
  loadCatalogBytes,
  type LoadedCatalog,
  openWorkbook,
  validateCatalogBytes,
  writeCatalogXlsx,
  writeDiffWorkbook,
  writeSummaryWorkbook,
  writeTemplate,
} from "@zwgk/catalog-xlsx";
import {
  DeriveError,
  draftCatalog,
  draftRowMarks,
  summarizeDraft,
  summarizeVillage,
  villageList,
  villageRowMarks,
  withVillageLayout,
  type DisclosureCatalog,
} from "@zwgk/catalog-derive";
import type { CatalogWorker, CheckResult, GridRow, GridWindow, NamedBytes, PageError, ValidateResult } from "./api.js";
import { TOOL_VERSION } from "./version.js";

interface Held {
  bytes: Uint8Array;
  result: ValidateResult;
}

/** Files in the order they were loaded (a file loaded again keeps its place). */
const files = new Map<string, Held>();

const MAX_GRID_ROWS = 400;
const MAX_GRID_COLUMNS = 60;
/** Title and header rows kept in view; a sheet whose header is lower shows it in the window instead. */
const MAX_PINNED_ROWS = 6;

function pageError(e: unknown): PageError {
  // Inputs of the wrong kind (a standard catalog given as a 权责清单 …): bad input, said in Chinese.
  if (e instanceof DeriveError) return { code: e.code, message: e.file ? `${e.file}：${e.message}` : e.message };
  if (e instanceof CatalogLoadError) {
    return {
      code: e.code,
      message: e.message,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.sheet ? { sheet: e.sheet } : {}),
      ...(e.cell ? { cell: e.cell } : {}),
      ...(e.line ? { line: e.line } : {}),
    };
  }
  // Not bad input: a bug in zwgk. Say so, so nobody edits a good file to work around it.
  return {
    code: "internal",
    internal: true,
    message: `程序内部错误：${e instanceof Error ? e.message : String(e)}`,
    hint: "这不是您文件的问题，而是 zwgk 的缺陷。请把文件和这条信息报告给维护人员。",
  };
}

/** The report as `zwgk` prints it with `--format json`: stamped with the tool's version, one final newline. */
function jsonOf(report: Report): string {
  const text = formatJson({ ...report, tool: { name: "zwgk", version: TOOL_VERSION } });
  return text.endsWith("\n") ? text : `${text}\n`;
}

function sectionsOf(names: readonly string[]): FileReport[] {
  const out: FileReport[] = [];
  for (const name of names) {
    const held = files.get(name);
    if (!held) continue;
    const { result } = held;
    if (result.error) {
      out.push({ file: name, findings: [], error: { code: result.error.code, message: result.error.message, ...(result.error.hint ? { hint: result.error.hint } : {}) } });
    } else out.push(...result.reports);
  }
  return out;
}

function heldBytes(name: string): Uint8Array {
  const held = files.get(name);
  if (!held) throw new Error(`没有载入文件「${name}」`);
  return held.bytes;
}

async function sheetNames(bytes: Uint8Array): Promise<string[]> {
  try {
    return (await openWorkbook(bytes, { limits: DEFAULT_LIMITS })).sheets.map((s) => s.name);
  } catch {
    return [];
  }
}

/** Catalogs of the loaded files that fit the schema, each knowing its file, as `zwgk check` takes them. */
async function checkable(names: readonly string[]) {
  const catalogs: Catalog[] = [];
  const lines: Array<Map<string, number> | undefined> = [];
  const skipped: CheckResult["skipped"] = [];
  for (const name of names) {
    const held = files.get(name);
    if (!held) continue;
    if (held.result.error) {
      skipped.push({ name, message: held.result.error.message });
      continue;
    }
    let loaded: LoadedCatalog[];
    try {
      loaded = await loadCatalogBytes(held.bytes, { file: name });
    } catch (e) {
      skipped.push({ name, message: pageError(e).message });
      continue;
    }
    for (const l of loaded) {
      const shape = validateCatalogShape(l.catalog);
      if (!shape.ok) {
        skipped.push({ name, message: `不符合目录标准（${shape.issues[0]?.pointer || "/"}），共 ${shape.issues.length} 处，请先按校验结果修正。` });
        continue;
      }
      const c = shape.value;
      lines.push(l.lines);
      catalogs.push({ ...c, source: { ...c.source, file: c.source?.file ?? name } } as Catalog);
    }
  }
  return { catalogs, lines, skipped };
}

async function single({ name, bytes }: NamedBytes): Promise<Catalog> {
  const loaded = await loadCatalogBytes(bytes, { file: name });
  if (loaded.length !== 1) {
    const sheets = loaded.map((l) => (l.catalog as Catalog).source?.sheet).join("、");
    throw new CatalogLoadError("several-catalogs", `含有 ${loaded.length} 个目录（工作表：${sheets}），一次只能比较一个。`, {
      file: name,
      hint: "请把要比较的工作表另存为单独的工作簿后再比较。",
    });
  }
  const shape = validateCatalogShape(loaded[0]!.catalog);
  if (!shape.ok) {
    throw new CatalogLoadError("not-a-catalog", `不符合目录标准（${shape.issues[0]?.pointer || "/"}），共 ${shape.issues.length} 处。`, {
      file: name,
      hint: "请先在「校验」中查看并修正。",
    });
  }
  return shape.value;
}

/** Every catalog of a file, schema-valid and knowing its file, as `zwgk draft` and `zwgk village` take them. */
async function catalogsOf({ name, bytes }: NamedBytes): Promise<Catalog[]> {
  const out: Catalog[] = [];
  for (const l of await loadCatalogBytes(bytes, { file: name })) {
    const shape = validateCatalogShape(l.catalog);
    if (!shape.ok) {
      throw new CatalogLoadError("not-a-catalog", `不符合目录标准（${shape.issues[0]?.pointer || "/"}），共 ${shape.issues.length} 处。`, {
        file: name,
        hint: "请先在「校验」中查看并修正。",
      });
    }
    out.push({ ...shape.value, source: { ...shape.value.source, file: shape.value.source?.file ?? name } } as Catalog);
  }
  return out;
}

const api: CatalogWorker = {
  async validate(name, bytes, onProgress) {
    const workbook = catalogFormatOf(name) === "xlsx";
    let result: ValidateResult;
    const headerEnds: Record<string, number> = {};
    try {
      const reports = await validateCatalogBytes(bytes, {
        file: name,
        onHeader: (header) => {
          const { sheet, headerRows } = header.source ?? {};
          if (sheet && headerRows?.length) headerEnds[sheet] = Math.max(...headerRows);
        },
        // Report progress a few times a second at most: every callback crosses the worker boundary.
        ...(onProgress ? { onProgress: throttle(onProgress) } : {}),
      });
      result = { name, reports, workbook, sheets: workbook ? await sheetNames(bytes) : [], headerEnds };
    } catch (e) {
      result = { name, reports: [], error: pageError(e), workbook, sheets: [], headerEnds };
    }
    files.set(name, { bytes, result });
    return result;
  },

  async remove(name) {
    files.delete(name);
  },

  async validateJson(names) {
    return jsonOf({ tool: { name: "zwgk", version: "" }, command: "validate", files: sectionsOf(names) });
  },

  async annotate(name) {
    const held = files.get(name);
    if (!held) throw new Error(`没有载入文件「${name}」`);
    const bytes = await annotateWorkbook(held.bytes, held.result.reports.flatMap((r) => r.findings));
    return bytes;
  },

  async sheetWindow(name, sheet, row, size, pinnedRows) {
    const wb = await openWorkbook(heldBytes(name), { limits: DEFAULT_LIMITS });
    const info = wb.sheets.find((s) => s.name === sheet);
    if (!info) throw new Error(`工作表「${sheet}」不存在`);
    const count = Math.max(1, Math.min(size, MAX_GRID_ROWS));
    const pinnedEnd = Math.max(0, Math.min(pinnedRows, MAX_PINNED_ROWS));
    const from = Math.max(pinnedEnd + 1, row - Math.floor(count / 3));
    const to = from + count - 1;
    const pinned: GridRow[] = [];
    const rows: GridRow[] = [];
    let lastRow = 0;
    let columns = 0;
    let truncatedColumns = false;
    const reader = wb.readSheet(info);
    // Stream the whole sheet (merges come after the rows) but keep only the window's cells.
    for await (const r of reader) {
      lastRow = r.index;
      if (r.index > pinnedEnd && (r.index < from || r.index > to)) continue;
      const cells: GridRow["cells"] = [];
      for (const c of r.cells) {
        if (c.col >= MAX_GRID_COLUMNS) {
          truncatedColumns = true;
          continue;
        }
        columns = Math.max(columns, c.col + 1);
        cells.push({ col: c.col, text: c.text.length > 500 ? `${c.text.slice(0, 500)}…` : c.text });
      }
      (r.index <= pinnedEnd ? pinned : rows).push({ index: r.index, cells });
    }
    const merges = reader.merges
      .filter((m) => m.left < MAX_GRID_COLUMNS && ((m.bottom >= from && m.top <= to) || m.top <= pinnedEnd))
      .map((m) => {
        columns = Math.max(columns, Math.min(m.right + 1, MAX_GRID_COLUMNS));
        return { top: m.top, left: m.left, bottom: m.bottom, right: Math.min(m.right, MAX_GRID_COLUMNS - 1) };
      });
    const window: GridWindow = { sheet, pinned, rows, lastRow, columns, truncatedColumns, merges };
    return window;
  },

  async check(names) {
    const { catalogs, lines, skipped } = await checkable(names);
    const report = checkReport(catalogs, { lines });
    const summary = summarizeByFile({ ...report, files: sectionsOf(names) });
    return { report: { ...report, tool: { name: "zwgk", version: TOOL_VERSION } }, json: jsonOf(report), summary, skipped };
  },

  async summaryWorkbook(names) {
    const { catalogs, lines } = await checkable(names);
    const report = checkReport(catalogs, { lines });
    const bytes = await writeSummaryWorkbook({ ...report, files: sectionsOf(names) });
    return bytes;
  },

  async diff(oldFile, newFile, meta) {
    const oldName = oldFile.name;
    const newName = newFile.name;
    try {
      const oldCatalog = await single(oldFile);
      const newCatalog = await single(newFile);
      if (oldCatalog.kind !== newCatalog.kind) {
        return { error: { code: "kind-mismatch", message: `两个目录的类型不同（${oldCatalog.kind} 与 ${newCatalog.kind}），无法比较。`, hint: "请选择同一目录的旧版和新版。" } };
      }
      const diff = diffCatalogs(oldCatalog, newCatalog);
      diff.files = { old: oldName, new: newName };
      const json = formatDiffJson(diff, { author: meta.author, reason: meta.reason, effectiveDate: meta.effectiveDate, ...(meta.approval ? { approval: meta.approval } : {}) });
      const workbook = await writeDiffWorkbook(diff, newCatalog);
      return { diff, json, workbook, summary: summarizeDiff(diff) };
    } catch (e) {
      return { error: pageError(e) };
    }
  },

  async draft(lists, into) {
    try {
      const inputs: Catalog[] = [];
      for (const file of lists) inputs.push(...(await catalogsOf(file)));
      const target = into ? await single(into) : undefined;
      if (target && into) target.source = { ...target.source, file: target.source?.file ?? into.name };
      const result = draftCatalog(inputs, target ? { into: target as DisclosureCatalog } : {});
      const told = summarizeDraft(result, into?.name);
      const added = result.added.map((a) => {
        const entry = result.catalog.entries[a.index] as { items: string[]; source?: { derivedFrom?: { name?: string; code?: string } } };
        const d = entry.source?.derivedFrom;
        return { name: entry.items.join(" / "), rule: a.rule.id, from: [d?.code, d?.name].filter(Boolean).join(" ") };
      });
      return {
        ...told,
        added,
        json: writeCatalogJson(result.catalog),
        workbook: await writeCatalogXlsx(result.catalog, { rowMarks: draftRowMarks(result) }),
      };
    } catch (e) {
      return { error: pageError(e) };
    }
  },

  async village(files, township) {
    try {
      const catalogs: Catalog[] = [];
      for (const file of files) catalogs.push(...(await catalogsOf(file)));
      const result = villageList(catalogs, township.trim() ? { township } : {});
      return {
        summary: summarizeVillage(result),
        rows: result.rows.map((r) => ({ name: result.catalog.entries[r.index]!.items.join(" / "), note: r.note })),
        json: writeCatalogJson(result.catalog),
        workbook: await writeCatalogXlsx(withVillageLayout(result), { rowMarks: villageRowMarks(result) }),
      };
    } catch (e) {
      return { error: pageError(e) };
    }
  },

  async template(kind: CatalogKind, domain?: string) {
    return writeTemplate(kind, domain ? { domain } : {});
  },

  async ruleDescriptions() {
    return Object.fromEntries(builtinRules.map((r) => [r.meta.id, r.meta.description]));
  },
};

function throttle(fn: (rows: number) => void): (rows: number) => void {
  let last = 0;
  return (rows) => {
    const now = Date.now();
    if (now - last < 150) return;
    last = now;
    fn(rows);
  };
}

expose(api);
