import { extname, resolve } from "node:path";
import type { Catalog, CatalogKind } from "@zwgk/catalog-schemas";
import { CATALOG_KINDS } from "@zwgk/catalog-schemas";
import { validateCatalog } from "@zwgk/catalog-core";
import { oneOf, parse } from "../args.js";
import { loadConfig } from "../config.js";
import { EXIT, InputError, UsageError } from "../errors.js";
import { assertOutputsAreNotInputs, writeFileAtomic, type Io } from "../io.js";
import { writerFor } from "../writers.js";
import { loadInput, parseLimits } from "../load.js";
import { COMMON, defineCommand, shortUsage } from "../help.js";
import { expandInputs, single } from "../inputs.js";

export const help = defineCommand({
  name: "convert",
  usage: ["zwgk convert <输入.xlsx|.json|.yaml|.xml> --out <输出.xlsx|.json|.yaml|.xml> [选项]"],
  description:
    "在 .xlsx、.json、.yaml、.xml 之间转换目录。输出 .xlsx 时沿用输入表格的列（部门自己的版式），\n" +
    "输入不是表格时用官方版式。一个工作簿含多个目录工作表时，用 --sheet 选择一个。",
  options: { out: { type: "string" }, kind: { type: "string" }, sheet: { type: "string" }, config: { type: "string" }, limit: { type: "string", multiple: true }, force: { type: "boolean" }  },
  describe: {
    out: "<文件> 输出文件，类型由扩展名决定（原子写入）",
    kind: COMMON.kind,
    sheet: "<工作表> 只转换这个工作表",
    config: COMMON.config,
    limit: COMMON.limit,
    force: COMMON.force,
  },
  examples: [
    ["zwgk convert 社会救助.xlsx --out 社会救助.json", "把部门的 Excel 目录转成 JSON"],
    ["zwgk convert 社会救助.json --out 社会救助.xlsx", "把 JSON 目录写成 Excel（官方版式）"],
    ["zwgk convert 目录汇总.xlsx --sheet 户籍管理 --out 户籍管理.yaml", "从多个工作表中取出一个"],
  ],
});


export async function convert(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, help.options, shortUsage(help));
  if (positionals.length !== 1 || !values.out) throw new UsageError(`请给出一个输入文件和 --out 输出文件。\n${shortUsage(help)}`);
  const ext = extname(values.out).toLowerCase();
  const write = writerFor(values.out);
  if (!write) throw new UsageError(`不支持的输出类型「${ext || "无扩展名"}」：请用 .xlsx、.json、.yaml 或 .xml。`);
  const kind = values.kind === undefined ? undefined : oneOf<CatalogKind>("kind", values.kind, CATALOG_KINDS, "standard");
  const { config } = loadConfig(io.cwd, values.config);
  const input = single(expandInputs(positionals, io), positionals[0]!, "输入文件");
  assertOutputsAreNotInputs(io, [{ option: "--out", path: values.out }], [input], values.force);
  const limits = parseLimits(values.limit);
  let loaded = await loadInput(input, io, { ...(kind ? { kind } : {}), ...(limits ? { limits } : {}), columns: config.columns, ...(config.jurisdiction ? { jurisdiction: config.jurisdiction } : {}) });
  if (values.sheet) {
    loaded = loaded.filter((l) => (l.catalog as Catalog).source?.sheet === values.sheet);
    if (!loaded.length) throw new InputError(`没有名为「${values.sheet}」且含目录表格的工作表。`, { file: input });
  }
  if (loaded.length > 1) {
    const sheets = loaded.map((l) => (l.catalog as Catalog).source?.sheet).join("、");
    throw new UsageError(`「${input}」含有 ${loaded.length} 个目录（工作表：${sheets}）：请用 --sheet 选择一个。`);
  }
  const catalog = loaded[0]!.catalog;
  // A catalog that does not fit the schema cannot be written faithfully: say where it breaks.
  const shape = validateCatalog(catalog, { rules: [] });
  if (shape.length) {
    const first = shape.slice(0, 5).map((f) => `  ${f.location.path ?? ""}：${f.message}`).join("\n");
    throw new InputError(`输入不符合目录标准，无法转换（共 ${shape.length} 处）：\n${first}`, {
      file: input,
      hint: "请先用 zwgk validate 查看并修正这些问题。",
    });
  }
  await writeFileAtomic(resolve(io.cwd, values.out), await write(catalog as Catalog));
  io.stderr(`已写出 ${values.out}（${(catalog as Catalog).entries.length} 项）\n`);
  return EXIT.ok;
}

export const command = { help, run: convert };
