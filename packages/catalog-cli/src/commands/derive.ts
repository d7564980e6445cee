import { extname, resolve } from "node:path";
import type { Catalog } from "@zwgk/catalog-schemas";
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
import { writeCatalogXlsx, type RowMark } from "@zwgk/catalog-xlsx";
import { oneOf, parse } from "../args.js";
import { loadConfig } from "../config.js";
import { EXIT, InputError, UsageError } from "../errors.js";
import { assertOutputsAreNotInputs, writeFileAtomic, type Io } from "../io.js";
import { loadInput, loadSingle, parseLimits, requireCatalog } from "../load.js";
import { asWriteError, writerFor } from "../writers.js";
import { COMMON, defineCommand, FILES_NOTE, shortUsage } from "../help.js";
import { expandInputs, single } from "../inputs.js";

export const draftHelp = defineCommand({
  name: "draft",
  usage: ["zwgk draft <权责清单|公共服务事项清单>... --out <草稿.xlsx|.json|.yaml> [选项]"],
  description:
    "依据权责清单和公共服务事项清单起草公开条目：每个事项按其类型（“9+X”权力类型或公共服务）生成\n" +
    "应公开的信息（见 docs/DERIVATION.md），写明公开依据（实施依据＋条例条款）、公开时限、公开主体、\n" +
    "公开对象、公开方式（主动）、公开层级；公开属性为“待认定”，由人工逐条认定。\n" +
    "Excel 输出中待认定的行标黄、建议删除的行标红，每行附批注说明来源（事项编码、名称、规则）；\n" +
    "JSON/YAML 在 source.derivedFrom 中记录同样的来源。\n" +
    FILES_NOTE,
  options: {
    out: { type: "string" },
    into: { type: "string" },
    kind: { type: "string" },
    title: { type: "string" },
    recursive: { type: "boolean" },
    config: { type: "string" },
    limit: { type: "string", multiple: true },
    force: { type: "boolean" },
  },
  describe: {
    out: "<文件> 草稿（.xlsx/.json/.yaml/.xml，原子写入；不能是输入文件）",
    into: "<现有目录> 动态调整：只补充现有目录尚未覆盖的事项（与 zwgk check 的遗漏判断一致），不改动已有条目；所依据事项已不在清单中的条目列为建议删除",
    kind: "<类型> standard（默认）| supplementary",
    title: "<标题> 草稿的标题",
    recursive: COMMON.recursive,
    config: COMMON.config,
    limit: COMMON.limit,
    force: COMMON.force,
  },
  examples: [
    ["zwgk draft 权责清单-交通运输.xlsx --out 交通运输-草稿.xlsx", "从权责清单起草公开条目"],
    ["zwgk draft 权责清单.xlsx 政务服务事项.xlsx --into 标准目录.xlsx --out 标准目录-调整稿.xlsx", "只补充现有目录尚未覆盖的事项"],
  ],
});

export const villageHelp = defineCommand({
  name: "village",
  usage: ["zwgk village <标准目录>... --out <村居清单.xlsx|.json|.yaml> [选项]"],
  description:
    "从标准目录形成村（居）政务公开事项清单：公开层级含村（居）、渠道含村公示栏的条目，以及脱贫攻坚/\n" +
    "乡村振兴、村级财务、惠农政策、养老服务、社会救助等重点领域中非仅县级公开的条目。同一事项只列一次；\n" +
    "每行注明来源目录和行号（Excel 批注；JSON/YAML 的 source.derivedFrom）。\n" +
    FILES_NOTE,
  options: { out: { type: "string" }, township: { type: "string" }, title: { type: "string" }, recursive: { type: "boolean" }, config: { type: "string" }, limit: { type: "string", multiple: true }, force: { type: "boolean" } },
  describe: {
    out: "<文件> 村居清单（.xlsx/.json/.yaml/.xml，原子写入；不能是输入文件）",
    township: "<乡镇名称> 责任单位（默认“乡（镇）人民政府（街道办事处）”）",
    title: "<标题> 清单的标题",
    recursive: COMMON.recursive,
    config: COMMON.config,
    limit: COMMON.limit,
    force: COMMON.force,
  },
  examples: [
    ["zwgk village 社会救助-标准目录.xlsx 养老服务-标准目录.xlsx --township 大口屯镇人民政府 --out 村居清单.xlsx", "两个领域的村居清单"],
    ["zwgk village 标准目录 --out 村居清单.xlsx", "文件夹中的全部标准目录"],
  ],
});

/** Usage texts for messages (kept as exports for callers that print them). */
export const DRAFT_USAGE = shortUsage(draftHelp);
export const VILLAGE_USAGE = shortUsage(villageHelp);

const OUT_TYPES = [".xlsx", ".json", ".yaml", ".yml", ".xml"];

function checkOut(out: string | undefined, inputs: readonly string[], io: Io, usage: string, force: boolean | undefined): string {
  if (!out) throw new UsageError(`请用 --out 指定输出文件。\n${usage}`);
  const ext = extname(out).toLowerCase();
  if (!OUT_TYPES.includes(ext)) throw new UsageError(`不支持的输出类型「${ext || "无扩展名"}」：请用 .xlsx、.json、.yaml 或 .xml。`);
  // The check every command shares: `..`, symlinks and case resolved (device and inode compared).
  assertOutputsAreNotInputs(io, [{ option: "--out", path: out }], inputs, force);
  return out;
}

async function writeOut(out: string, catalog: Catalog, rowMarks: readonly (RowMark | undefined)[], io: Io): Promise<void> {
  const path = resolve(io.cwd, out);
  if (extname(out).toLowerCase() === ".xlsx") {
    const bytes = await writeCatalogXlsx(catalog, { rowMarks }).catch((e: unknown) => Promise.reject(asWriteError(e, out)));
    await writeFileAtomic(path, bytes);
  }
  else await writeFileAtomic(path, await writerFor(out)!(catalog));
}

async function loadAll(files: readonly string[], io: Io, values: { config?: string | undefined; limit?: string[] | undefined }): Promise<Catalog[]> {
  const { config } = await loadConfig(io.cwd, values.config);
  const limits = parseLimits(values.limit);
  const out: Catalog[] = [];
  for (const file of files) {
    for (const loaded of await loadInput(file, io, { columns: config.columns, ...(limits ? { limits } : {}), ...(config.jurisdiction ? { jurisdiction: config.jurisdiction } : {}) })) {
      const c = requireCatalog(loaded.catalog, file);
      out.push({ ...c, source: { ...c.source, file: c.source?.file ?? file } } as Catalog);
    }
  }
  return out;
}

/** DeriveError names the input by position or file: it is bad input, not a bug. */
function asInput(e: unknown): unknown {
  return e instanceof DeriveError ? new InputError(e.message, { ...(e.file ? { file: e.file } : {}) }) : e;
}

export async function draft(argv: string[], io: Io): Promise<number> {
  const { values, positionals: given } = parse(argv, draftHelp.options, DRAFT_USAGE);
  const positionals = given.length ? expandInputs(given, io, { recursive: values.recursive ?? false }) : given;
  if (!positionals.length) throw new UsageError(`请给出至少一个权责清单或公共服务事项清单。\n${DRAFT_USAGE}`);
  const out = checkOut(values.out, [...positionals, ...(values.into ? [values.into] : [])], io, DRAFT_USAGE, values.force);
  const kind = oneOf("kind", values.kind, ["standard", "supplementary"] as const, "standard");
  const inputs = await loadAll(positionals, io, values);
  let into: Catalog | undefined;
  if (values.into) {
    const limits = parseLimits(values.limit);
    into = await loadSingle(single(expandInputs([values.into], io), values.into, "--into"), io, limits ? { limits } : {});
    into = { ...into, source: { ...into.source, file: into.source?.file ?? values.into } } as Catalog;
  }
  let result;
  try {
    result = draftCatalog(inputs, { ...(into ? { into: into as DisclosureCatalog } : {}), kind, ...(values.title ? { title: values.title } : {}) });
  } catch (e) {
    throw asInput(e);
  }
  await writeOut(out, result.catalog, draftRowMarks(result), io);
  const told = summarizeDraft(result, values.into);
  io.stderr(`${told.summary}\n`);
  if (told.candidates.length) {
    io.stdout(`建议删除 ${told.candidates.length} 条（所依据的事项已不在清单中）：\n${told.candidates.map((c) => `  ${c}\n`).join("")}`);
  }
  if (told.inconsistency) io.stderr(`zwgk：${told.inconsistency}\n`);
  io.stderr(`已写出 ${out}（共 ${result.catalog.entries.length} 项）\n`);
  return EXIT.ok;
}

export async function village(argv: string[], io: Io): Promise<number> {
  const { values, positionals: given } = parse(argv, villageHelp.options, VILLAGE_USAGE);
  const positionals = given.length ? expandInputs(given, io, { recursive: values.recursive ?? false }) : given;
  if (!positionals.length) throw new UsageError(`请给出至少一个标准目录。\n${VILLAGE_USAGE}`);
  const out = checkOut(values.out, positionals, io, VILLAGE_USAGE, values.force);
  const catalogs = await loadAll(positionals, io, values);
  let result;
  try {
    result = villageList(catalogs, { ...(values.township ? { township: values.township } : {}), ...(values.title ? { title: values.title } : {}) });
  } catch (e) {
    throw asInput(e);
  }
  const xlsx = extname(out).toLowerCase() === ".xlsx";
  await writeOut(out, xlsx ? withVillageLayout(result) : result.catalog, villageRowMarks(result), io);
  io.stderr(`${summarizeVillage(result)}\n已写出 ${out}\n`);
  return EXIT.ok;
}

export const draftCommand = { help: draftHelp, run: draft };
export const villageCommand = { help: villageHelp, run: village };
