import { resolve } from "node:path";
import type { Entry } from "@zwgk/catalog-schemas";
import { entryName, type Finding, type Location } from "@zwgk/catalog-core";
import { type CatalogDiff, diffCatalogs, type EntryRef, formatDiffJson, formatDiffText, isCalendarDate, summarizeDiff, todayInChina } from "@zwgk/catalog-diff";
import { writeDiffWorkbook } from "@zwgk/catalog-xlsx";
import { oneOf, parse } from "../args.js";
import { loadConfig } from "../config.js";
import { EXIT, UsageError } from "../errors.js";
import { assertOutputsAreNotInputs, writeFileAtomic, type Io } from "../io.js";
import { loadSingle, parseLimits } from "../load.js";
import { emit, FORMATS } from "../report.js";
import { COMMON, defineCommand, shortUsage } from "../help.js";
import { expandInputs, single } from "../inputs.js";

export const help = defineCommand({
  name: "diff",
  usage: ["zwgk diff <旧版> <新版> [选项]"],
  description:
    "比较同一目录的两个版本：新增、删除、更名和修改了哪些事项、哪些内容（有差异时退出码为 1）。\n" +
    "旧版、新版可以是文件（.xlsx/.json/.yaml/.xml），也可以是 git 修订中的文件，如 HEAD~1:catalogs/社会救助.json。\n" +
    "--format json 输出可重放的变更集（动态调整记录），--format xlsx 输出给审核人看的对照工作簿。",
  options: {
    format: { type: "string" },
    out: { type: "string" },
    author: { type: "string" },
    reason: { type: "string" },
    approval: { type: "string" },
    "effective-date": { type: "string" },
    kind: { type: "string" },
    config: { type: "string" },
    limit: { type: "string", multiple: true },
    force: { type: "boolean" }
  },
  describe: {
    format: "<格式> text（默认）| json（含变更集）| xlsx（对照工作簿，需 --out）| github | junit | sarif",
    out: COMMON.out,
    author: "<调整人> 变更集的调整人（默认为当前用户）",
    reason: "<原因> 变更集的调整原因",
    approval: "<文号> 批准文号，如 民办函〔2019〕52号",
    "effective-date": "<YYYY-MM-DD> 生效日期（默认为北京时间的今天）",
    kind: COMMON.kind,
    config: COMMON.config,
    limit: COMMON.limit,
    force: COMMON.force,
  },
  examples: [
    ["zwgk diff 社会救助-2023.xlsx 社会救助-2024.xlsx", "列出两版之间的变化"],
    ["zwgk diff HEAD~1:catalogs/社会救助.json catalogs/社会救助.json", "与上一次提交比较"],
    [
      'zwgk diff 旧版.json 新版.json --format json --author 县民政局 --reason "调整公开时限" --effective-date 2024-07-01 --out 变更集.json',
      "生成变更集（可用 zwgk apply 应用或撤销）",
    ],
    ["zwgk diff 旧版.xlsx 新版.xlsx --format xlsx --out 对照.xlsx", "生成对照工作簿：新增绿、删除红、修改黄并附原值"],
  ],
});

const DIFF_FORMATS = ["text", "json", "xlsx", ...FORMATS.filter((f) => f !== "text" && f !== "json")] as const;

export async function diff(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, help.options, shortUsage(help));
  if (positionals.length !== 2) throw new UsageError(`请给出旧版和新版两个目录。\n${shortUsage(help)}`);
  const format = oneOf("format", values.format, DIFF_FORMATS, "text");
  if (format === "xlsx" && !values.out) throw new UsageError("--format xlsx 需要 --out 指定输出的 .xlsx 文件。");
  // Default: today in Beijing time (a run at 07:00 in 北京 is still "yesterday" in UTC).
  const effectiveDate = values["effective-date"] ?? todayInChina();
  if (!isCalendarDate(effectiveDate)) throw new UsageError(`--effective-date「${effectiveDate}」不是有效日期：应为 YYYY-MM-DD，如 2024-07-01。`);
  const { config } = await loadConfig(io.cwd, values.config);
  const oldFile = single(expandInputs([positionals[0]!], io), positionals[0]!, "旧版");
  const newFile = single(expandInputs([positionals[1]!], io), positionals[1]!, "新版");
  assertOutputsAreNotInputs(io, [{ option: "--out", path: values.out }], [oldFile, newFile], values.force);
  const limits = parseLimits(values.limit);
  const loadOptions = { columns: config.columns, ...(config.jurisdiction ? { jurisdiction: config.jurisdiction } : {}), ...(limits ? { limits } : {}) };
  const oldCatalog = await loadSingle(oldFile, io, loadOptions);
  const newCatalog = await loadSingle(newFile, io, loadOptions);
  if (oldCatalog.kind !== newCatalog.kind) {
    throw new UsageError(`两个目录的类型不同（${oldCatalog.kind} 与 ${newCatalog.kind}），无法比较。`);
  }
  const result = diffCatalogs(oldCatalog, newCatalog);
  result.files = { old: oldFile, new: newFile };
  const differs = result.added.length + result.removed.length + result.renamed.length + result.changed.length + result.header.length > 0;

  if (format === "xlsx") {
    await writeFileAtomic(resolve(io.cwd, values.out!), await writeDiffWorkbook(result, newCatalog, oldCatalog));
    io.stderr(`已写出对比工作簿 ${values.out}：${summarizeDiff(result)}\n`);
  } else if (format === "json") {
    const text = formatDiffJson(result, {
      author: values.author ?? io.env["USER"] ?? "未署名",
      reason: values.reason ?? "未说明",
      effectiveDate,
      ...(values.approval ? { approval: values.approval } : {}),
    });
    if (values.out) await writeFileAtomic(resolve(io.cwd, values.out), text);
    else io.stdout(text);
  } else if (format === "text") {
    const text = `${formatDiffText(result)}\n`;
    if (values.out) await writeFileAtomic(resolve(io.cwd, values.out), text);
    else io.stdout(text);
  } else {
    await emit({ tool: { name: "zwgk", version: "" }, command: "diff", files: [{ file: newFile, kind: newCatalog.kind, entries: newCatalog.entries.length, findings: diffFindings(result, newFile) }] }, format, io, values.out);
  }
  return differs ? EXIT.findings : EXIT.ok;
}

const where = (ref: EntryRef, file: string): Location => ({
  file: ref.source?.file ?? file,
  ...(ref.source?.sheet ? { sheet: ref.source.sheet } : {}),
  ...(ref.source?.row ? { row: ref.source.row } : {}),
  ...(ref.source?.line ? { line: ref.source.line } : {}),
  path: `/entries/${ref.index}`,
  entry: ref.index,
});

/** Changes as notices, so CI formats (github, junit, sarif) can show a catalog edit in review. */
function diffFindings(d: CatalogDiff, file: string): Finding[] {
  const name = (e: Entry) => entryName(e);
  const out: Finding[] = [];
  for (const a of d.added) out.push({ rule: "diff-added", severity: "info", message: `新增事项「${name(a.entry)}」。`, location: where(a, file) });
  for (const r of d.removed) out.push({ rule: "diff-removed", severity: "info", message: `删除事项「${name(r.entry)}」。`, location: { ...where(r, file), file: d.files.old ?? file } });
  for (const r of d.renamed) out.push({ rule: "diff-renamed", severity: "info", message: `事项「${name(r.old.entry)}」更名为「${name(r.new.entry)}」。`, location: where(r.new, file) });
  for (const c of d.changed) {
    for (const ch of c.changes) {
      out.push({ rule: "diff-changed", severity: "info", message: `「${name(c.new.entry)}」的${ch.label}：${ch.oldText || "（空）"} → ${ch.newText || "（空）"}。`, location: { ...where(c.new, file), field: ch.field } });
    }
  }
  return out;
}

export const command = { help, run: diff };
