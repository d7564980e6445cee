import { extname, resolve } from "node:path";
import type { Catalog, CatalogKind, Entry } from "@zwgk/catalog-schemas";
import { CATALOG_KINDS, validateCatalogShape, validateEntryShape } from "@zwgk/catalog-schemas";
import { createCatalogByteWriter, validateCatalog, type CatalogHeader } from "@zwgk/catalog-core";
import { createMergeFiller, streamCatalogs } from "@zwgk/catalog-xlsx";
import { oneOf, parse } from "../args.js";
import { loadConfig } from "../config.js";
import { EXIT, InputError, UsageError } from "../errors.js";
import { assertOutputsAreNotInputs, createProgress, OUTPUT_CHUNK, writeChunksAtomic, writeFileAtomic, type Io } from "../io.js";
import { textFormatFor, writerFor } from "../writers.js";
import { asInputError, loadInput, parseLimits, readInputBytes, workbookOptions } from "../load.js";
import { COMMON, defineCommand, shortUsage } from "../help.js";
import { expandInputs, single } from "../inputs.js";
import { convertJsonStreaming } from "../convert-json.js";

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


/** The catalog's text as UTF-8, in chunks of about {@link OUTPUT_CHUNK} bytes. */
function* catalogText(format: "json" | "yaml" | "xml", catalog: Catalog): Generator<Uint8Array> {
  const { entries, ...header } = catalog;
  const writer = createCatalogByteWriter(format, header);
  writer.begin();
  for (const entry of entries) {
    writer.entry(entry);
    if (writer.size >= OUTPUT_CHUNK) yield writer.drain();
  }
  writer.end();
  yield writer.drain();
}

export async function convert(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, help.options, shortUsage(help));
  if (positionals.length !== 1 || !values.out) throw new UsageError(`请给出一个输入文件和 --out 输出文件。\n${shortUsage(help)}`);
  const ext = extname(values.out).toLowerCase();
  const write = writerFor(values.out);
  if (!write) throw new UsageError(`不支持的输出类型「${ext || "无扩展名"}」：请用 .xlsx、.json、.yaml 或 .xml。`);
  const kind = values.kind === undefined ? undefined : oneOf<CatalogKind>("kind", values.kind, CATALOG_KINDS, "standard");
  const { config } = await loadConfig(io.cwd, values.config);
  const input = single(expandInputs(positionals, io), positionals[0]!, "输入文件");
  assertOutputsAreNotInputs(io, [{ option: "--out", path: values.out }], [input], values.force);
  const limits = parseLimits(values.limit);
  const textFormat = textFormatFor(values.out);
  if (textFormat && /\.xls[xm]$/i.test(input)) {
    const streamed = await convertWorkbookStreaming(input, values.out, textFormat, io, {
      ...(kind ? { kind } : {}),
      ...(limits ? { limits } : {}),
      columns: config.columns,
      ...(config.jurisdiction ? { jurisdiction: config.jurisdiction } : {}),
      ...(values.sheet ? { sheet: values.sheet } : {}),
    });
    if (streamed !== undefined) {
      io.stderr(`已写出 ${values.out}（${streamed} 项）\n`);
      return EXIT.ok;
    }
  }
  if (textFormat && /\.json$/i.test(input) && !values.sheet) {
    const streamed = await convertJsonStreaming(input, resolve(io.cwd, values.out), textFormat, io, {
      ...(limits ? { limits } : {}),
      ...(config.jurisdiction ? { jurisdiction: config.jurisdiction } : {}),
    });
    if (streamed !== undefined) {
      io.stderr(`已写出 ${values.out}（${streamed} 项）\n`);
      return EXIT.ok;
    }
  }
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
  const target = resolve(io.cwd, values.out);
  // Text formats are written entry by entry: the output never exists whole in memory.
  if (textFormat) await writeChunksAtomic(target, catalogText(textFormat, catalog as Catalog));
  else await writeFileAtomic(target, await write(catalog as Catalog));
  io.stderr(`已写出 ${values.out}（${(catalog as Catalog).entries.length} 项）\n`);
  return EXIT.ok;
}

/** The streaming conversion met a sheet it cannot write in one pass; the whole-catalog path takes over. */
class NotStreamable extends Error {}

/**
 * Converts a workbook to JSON/YAML/XML while it is read: merged ranges are read ahead, each entry is
 * filled, checked against its schema and written as it comes, so memory stays flat in the row
 * count. Returns the number of entries written, or undefined when the sheet must be converted whole:
 * columns found among the data (the header, already written, would lack them) or merges read ahead
 * that differ from those read with the rows. The output is renamed into place only when complete.
 */
async function convertWorkbookStreaming(
  input: string,
  out: string,
  format: "json" | "yaml" | "xml",
  io: Io,
  options: { kind?: CatalogKind; limits?: Record<string, number>; columns?: Record<string, string>; jurisdiction?: Catalog["jurisdiction"]; sheet?: string },
): Promise<number | undefined> {
  const bytes = readInputBytes(input, io, options.limits?.["maxFileBytes"]);
  const progress = createProgress(io, input);
  let written = 0;
  async function* text(): AsyncGenerator<Uint8Array> {
    const found: string[] = [];
    for await (const sheet of streamCatalogs(bytes, workbookOptions(input, options, progress))) {
      const name = sheet.header.source?.sheet ?? "";
      if (options.sheet !== undefined && name !== options.sheet) continue;
      found.push(name);
      if (found.length > 1) continue;
      const header: CatalogHeader = sheet.header;
      const columns = header.source?.columns ?? [];
      const columnCount = columns.length;
      // Schema problems, worded as the whole-catalog path words them: the first few, and a count.
      const problems: string[] = [];
      let problemCount = 0;
      const describe = (entries: unknown[], index: number) => {
        for (const f of validateCatalog({ ...header, entries }, { rules: [] })) {
          problemCount++;
          if (problems.length < 5) problems.push(`  ${(f.location.path ?? "").replace(/^\/entries\/0(?=\/|$)/, `/entries/${index}`)}：${f.message}`);
        }
      };
      if (!validateCatalogShape({ ...header, entries: [] }).ok) describe([], 0);
      const ahead = await sheet.mergesAhead();
      const fill = createMergeFiller(ahead, columns);
      const writer = createCatalogByteWriter(format, header);
      writer.begin();
      let index = 0;
      for await (const entry of sheet.entries) {
        fill(entry);
        if (!validateEntryShape(header.kind, entry).ok) {
          if (problems.length < 5) describe([entry], index);
          else problemCount++;
        }
        writer.entry(entry as Entry);
        if (writer.size >= OUTPUT_CHUNK) yield writer.drain();
        index++;
      }
      const merges = sheet.merges();
      if (columns.length !== columnCount || merges.length !== ahead.length || merges.some((m, i) => m.ref !== ahead[i]?.ref)) throw new NotStreamable();
      if (problemCount) {
        throw new InputError(`输入不符合目录标准，无法转换（共 ${problemCount} 处）：\n${problems.join("\n")}`, {
          file: input,
          hint: "请先用 zwgk validate 查看并修正这些问题。",
        });
      }
      written = index;
      writer.end();
      yield writer.drain();
    }
    if (found.length > 1) throw new UsageError(`「${input}」含有 ${found.length} 个目录（工作表：${found.join("、")}）：请用 --sheet 选择一个。`);
    if (!found.length && options.sheet !== undefined) throw new InputError(`没有名为「${options.sheet}」且含目录表格的工作表。`, { file: input });
  }
  try {
    await writeChunksAtomic(resolve(io.cwd, out), text());
    return written;
  } catch (e) {
    if (e instanceof NotStreamable) return undefined;
    throw asInputError(e, input);
  } finally {
    progress.done();
  }
}

export const command = { help, run: convert };
