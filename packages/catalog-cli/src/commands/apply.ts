import { resolve } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import { readCatalogText } from "@zwgk/catalog-core";
import { applyChangeSet, type ChangeSet, ChangeSetError, DEFAULT_MAX_APPLY_COMPARISONS, isCalendarDate, parseChangeSet, replayHistory, revertChangeSet } from "@zwgk/catalog-diff";
import { parse } from "../args.js";
import { EXIT, InputError, UsageError } from "../errors.js";
import { assertOutputsAreNotInputs, writeFileAtomic, type Io } from "../io.js";
import { writerFor } from "../writers.js";
import { loadSingle, parseLimits, pickLimits, readInputBytes } from "../load.js";
import { COMMON, defineCommand, shortUsage } from "../help.js";
import { expandInputs, single } from "../inputs.js";

/** The limit of apply's own work (`--limit`), with its default. */
const APPLY_LIMIT_DEFAULTS = { maxApplyComparisons: DEFAULT_MAX_APPLY_COMPARISONS } as const;

export const help = defineCommand({
  name: "apply",
  usage: ["zwgk apply <目录> <变更集.json...> --out <输出> [选项]"],
  description:
    "把变更集（动态调整记录）应用到目录。一个变更集：应用它（或 --revert 撤销）；多个变更集：按生效日期依次重放，\n" +
    "--until 为截止日期。变更集由 zwgk diff --format json 生成，也可以手工编写。变更集参数可以是文件夹或通配符。",
  options: { out: { type: "string" }, revert: { type: "boolean" }, until: { type: "string" }, recursive: { type: "boolean" }, limit: { type: "string", multiple: true }, force: { type: "boolean" } },
  describe: {
    out: "<文件> 输出的目录（.json/.yaml/.xml/.xlsx，原子写入）",
    revert: "撤销这个变更集（只能一个）",
    until: "<YYYY-MM-DD> 只重放生效日期不晚于此日的变更集",
    recursive: COMMON.recursive,
    limit: COMMON.limit,
    force: COMMON.force,
  },
  examples: [
    ["zwgk apply 社会救助.json 变更集.json --out 社会救助-新.json", "应用一个变更集"],
    ["zwgk apply 社会救助-新.json 变更集.json --revert --out 社会救助.json", "撤销它"],
    ['zwgk apply 社会救助-2023.json "调整记录/*.json" --until 2024-06-30 --out 社会救助-2024上半年.json', "按日期重放多次调整"],
  ],
});


export async function apply(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, help.options, shortUsage(help));
  if (positionals.length < 2 || !values.out) throw new UsageError(`请给出目录、至少一个变更集和 --out。\n${shortUsage(help)}`);
  const write = writerFor(values.out);
  if (!write) throw new UsageError("--out 应为 .json、.yaml、.xml 或 .xlsx 文件。");
  const catalogFile = single(expandInputs([positionals[0]!], io), positionals[0]!, "目录");
  const changeFiles = expandInputs(positionals.slice(1), io, { recursive: values.recursive ?? false });
  if (values.revert && changeFiles.length !== 1) throw new UsageError("--revert 一次只能撤销一个变更集。");
  if (values.until && !isCalendarDate(values.until)) throw new UsageError(`--until「${values.until}」不是有效日期：应为 YYYY-MM-DD，如 2024-07-01。`);
  assertOutputsAreNotInputs(io, [{ option: "--out", path: values.out }], [catalogFile, ...changeFiles], values.force);
  const limits = parseLimits(values.limit, APPLY_LIMIT_DEFAULTS);
  const catalog = await loadSingle(catalogFile, io, limits ? { limits } : {});
  const changeSets = changeFiles.map((f) => readChangeSet(f, io));
  const { maxApplyComparisons } = pickLimits(limits, APPLY_LIMIT_DEFAULTS);
  const options = maxApplyComparisons !== undefined ? { maxComparisons: maxApplyComparisons } : {};
  let result: Catalog;
  try {
    if (values.revert) result = revertChangeSet(catalog, changeSets[0]!, options);
    else if (changeSets.length === 1 && !values.until) result = applyChangeSet(catalog, changeSets[0]!, options);
    else result = replayHistory(catalog, changeSets, values.until ?? "9999-12-31", options);
  } catch (e) {
    if (!(e instanceof ChangeSetError)) throw e;
    const file = changeFiles.join("、");
    if (e.limit) {
      throw new InputError(e.message, { file, code: "limit", hint: "确认目录和变更集无误、愿意等待更久时，可用 --limit maxApplyComparisons=更大的值 放宽上限。" });
    }
    throw new InputError(e.message, { file, hint: "变更集与目录当前内容不一致：请确认它基于这一版目录生成，或先应用更早的变更集。" });
  }
  await writeFileAtomic(resolve(io.cwd, values.out), await write(result));
  io.stderr(`已写出 ${values.out}（${result.entries.length} 项）\n`);
  return EXIT.ok;
}

function readChangeSet(file: string, io: Io): ChangeSet {
  const read = readCatalogText(readInputBytes(file, io), { file, format: "json" });
  if (!read.ok) throw new InputError(read.error.message, { file, ...(read.error.line ? { line: read.error.line } : {}) });
  const value = read.catalog as { changeSet?: unknown } | null;
  // `zwgk diff --format json` wraps the change set with its summary and diff.
  const candidate = value && typeof value === "object" && "changeSet" in value ? value.changeSet : value;
  const parsed = parseChangeSet(candidate);
  if ("error" in parsed) throw new InputError(`不是有效的变更集：${parsed.error}`, { file, hint: "变更集可由 zwgk diff 旧版 新版 --format json 生成。" });
  return parsed;
}

export const command = { help, run: apply };
