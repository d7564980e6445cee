import { resolve } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
import { readCatalogText } from "@zwgk/catalog-core";
import { applyChangeSet, type ChangeSet, ChangeSetError, isCalendarDate, parseChangeSet, replayHistory, revertChangeSet } from "@zwgk/catalog-diff";
import { parse } from "../args.js";
import { EXIT, InputError, UsageError } from "../errors.js";
import { assertOutputsAreNotInputs, writeFileAtomic, type Io } from "../io.js";
import { writerFor } from "../writers.js";
import { loadSingle, parseLimits, readInputBytes } from "../load.js";

const USAGE = `用法：zwgk apply <目录> <变更集.json...> --out <输出> [--revert] [--until YYYY-MM-DD] [--limit 名称=上限 ...] [--force]
  一个变更集：应用（或 --revert 撤销）它；多个变更集：按生效日期依次重放（动态调整记录），--until 截止日期。
  变更集由 zwgk diff --format json 生成（取其中的 changeSet），也可以手工编写。`;


export async function apply(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { out: { type: "string" }, revert: { type: "boolean" }, until: { type: "string" }, force: { type: "boolean" }, limit: { type: "string", multiple: true } },
    USAGE,
  );
  if (positionals.length < 2 || !values.out) throw new UsageError(`请给出目录、至少一个变更集和 --out。\n${USAGE}`);
  const write = writerFor(values.out);
  if (!write) throw new UsageError("--out 应为 .json、.yaml、.xml 或 .xlsx 文件。");
  if (values.revert && positionals.length !== 2) throw new UsageError("--revert 一次只能撤销一个变更集。");
  if (values.until && !isCalendarDate(values.until)) throw new UsageError(`--until「${values.until}」不是有效日期：应为 YYYY-MM-DD，如 2024-07-01。`);
  const [catalogFile, ...changeFiles] = positionals as [string, ...string[]];
  assertOutputsAreNotInputs(io, [{ option: "--out", path: values.out }], positionals, values.force);
  const limits = parseLimits(values.limit);
  const catalog = await loadSingle(catalogFile, io, limits ? { limits } : {});
  const changeSets = changeFiles.map((f) => readChangeSet(f, io));
  let result: Catalog;
  try {
    if (values.revert) result = revertChangeSet(catalog, changeSets[0]!);
    else if (changeSets.length === 1 && !values.until) result = applyChangeSet(catalog, changeSets[0]!);
    else result = replayHistory(catalog, changeSets, values.until ?? "9999-12-31");
  } catch (e) {
    if (e instanceof ChangeSetError) throw new InputError(e.message, { file: changeFiles.join("、"), hint: "变更集与目录当前内容不一致：请确认它基于这一版目录生成，或先应用更早的变更集。" });
    throw e;
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
