import { STYLE_NAMES, StylesSink } from "./dates.js";
import { EntryReader } from "./entry-stream.js";
import { asReadError, limitError, malformedError, noSheetsError, unsupportedError } from "./errors.js";
import { type InflateFn, webInflate } from "./inflate.js";
import { type ReadLimits, resolveLimits } from "./limits.js";
import { readSharedStrings } from "./shared-strings.js";
import { type SheetContext, SheetReaderImpl } from "./sheet.js";
import type { OpenOptions, SheetInfo, SheetReader, Workbook } from "./types.js";
import { type XNode, attrLocal, child, children, readTree, scanWholePart } from "./xml-tree.js";
import { type ZipArchive, type ZipEntry, normalizeZipPath, parseZip } from "./zip.js";

interface Relationship {
  type: string;
  target: string;
}

/** Relationship types are compared by their last segment so Strict OOXML namespaces work too. */
function relKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

/** Resolves a relationship target against the directory of the part that owns the .rels file. */
export function resolveTarget(sourcePart: string, target: string): string {
  const t = target.replace(/\\/g, "/");
  const base = t.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return normalizeZipPath(base.join("/"));
}

function relsPathFor(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

class WorkbookImpl implements Workbook {
  readonly properties = new Map<string, string>();
  sheets: SheetInfo[] = [];
  date1904 = false;
  private readonly sheetEntries = new Map<SheetInfo, ZipEntry>();
  private sstEntry: ZipEntry | undefined;
  private stylesEntry: ZipEntry | undefined;
  private sstPromise: Promise<string[]> | undefined;
  private stylesPromise: Promise<Uint8Array> | undefined;

  constructor(
    private readonly zip: ZipArchive,
    private readonly entries: EntryReader,
    private readonly limits: ReadLimits,
  ) {}

  async load(): Promise<void> {
    const rootRels = await this.rels("");
    const officeDoc = [...rootRels.values()].find((r) => relKind(r.type) === "officeDocument");
    const wbPath = officeDoc ? resolveTarget("", officeDoc.target) : "xl/workbook.xml";
    const wbEntry = this.zip.find(wbPath) ?? this.zip.find("xl/workbook.xml");
    if (!wbEntry) {
      if (this.zip.find("xl/workbook.bin")) throw unsupportedError("这是 .xlsb 二进制工作簿");
      throw malformedError("压缩包中找不到工作簿（xl/workbook.xml），文件可能不是 Excel 工作簿");
    }
    const wb = child(await readTree(this.entries, wbEntry, this.limits), "workbook");
    const wbRels = await this.rels(wbEntry.name);

    const pr = child(wb, "workbookPr");
    const d1904 = pr ? attrLocal(pr, "date1904") : undefined;
    this.date1904 = d1904 === "1" || d1904 === "true";

    for (const rel of wbRels.values()) {
      const kind = relKind(rel.type);
      if (kind === "sharedStrings") this.sstEntry ??= this.zip.find(resolveTarget(wbEntry.name, rel.target));
      else if (kind === "styles") this.stylesEntry ??= this.zip.find(resolveTarget(wbEntry.name, rel.target));
    }
    // Some generators omit the relationships but still write the parts at their usual place.
    this.sstEntry ??= this.zip.find("xl/sharedStrings.xml");
    this.stylesEntry ??= this.zip.find("xl/styles.xml");

    const usedParts = new Set<ZipEntry>();
    for (const node of children(child(wb, "sheets"), "sheet")) {
      const rel = wbRels.get(attrLocal(node, "id") ?? "");
      if (!rel || relKind(rel.type) !== "worksheet") continue; // chartsheets, dialog and macro sheets
      const path = resolveTarget(wbEntry.name, rel.target);
      const entry = this.zip.find(path);
      if (!entry) throw malformedError(`找不到工作表文件“${path}”`, { part: wbEntry.name });
      // Excel never lets two sheets share a part; a file doing so would be read once per sheet.
      if (usedParts.has(entry)) throw malformedError(`多个工作表指向同一个工作表文件“${entry.name}”`, { part: wbEntry.name });
      usedParts.add(entry);
      const state = node.attrs.get("state");
      const info: SheetInfo = {
        name: node.attrs.get("name") ?? `Sheet${this.sheets.length + 1}`,
        index: this.sheets.length,
        path: entry.name,
        hidden: state === "hidden" || state === "veryHidden",
      };
      this.sheets.push(info);
      this.sheetEntries.set(info, entry);
    }
    if (this.sheets.length === 0) throw noSheetsError();
    await this.loadProperties(rootRels);
  }

  readSheet(sheet: SheetInfo | string): SheetReader {
    const info =
      typeof sheet === "string"
        ? this.sheets.find((s) => s.name === sheet)
        : this.sheets.find((s) => s === sheet || (s.path === sheet.path && s.name === sheet.name));
    if (!info) {
      const name = typeof sheet === "string" ? sheet : sheet.name;
      const known = this.sheets.map((s) => `“${s.name}”`).join("、");
      throw noSheetsError(`工作簿中没有名为“${name}”的工作表（现有：${known}）`);
    }
    const ctx: SheetContext = {
      entries: this.entries,
      entry: this.sheetEntries.get(info)!,
      limits: this.limits,
      date1904: this.date1904,
      sharedStrings: () => this.sharedStrings(),
      dateStyles: () => this.dateStyles(),
    };
    return new SheetReaderImpl(info, ctx);
  }

  private sharedStrings(): Promise<string[]> {
    const entry = this.sstEntry;
    this.sstPromise ??= entry ? readSharedStrings(this.entries, entry, this.limits) : Promise.resolve([]);
    return this.sstPromise;
  }

  private dateStyles(): Promise<Uint8Array> {
    const entry = this.stylesEntry;
    this.stylesPromise ??= entry ? this.readStyles(entry) : Promise.resolve(new Uint8Array(0));
    return this.stylesPromise;
  }

  private async readStyles(entry: ZipEntry): Promise<Uint8Array> {
    const sink = new StylesSink(this.limits.maxTreeNodes, { part: entry.name });
    await scanWholePart(this.entries, entry, this.limits, STYLE_NAMES, sink);
    return sink.flags();
  }

  /** Id -> relationship of one part; a missing .rels file is simply empty. */
  private async rels(part: string): Promise<Map<string, Relationship>> {
    const out = new Map<string, Relationship>();
    const entry = this.zip.find(part === "" ? "_rels/.rels" : relsPathFor(part));
    if (!entry) return out;
    const root = await readTree(this.entries, entry, this.limits);
    for (const r of children(child(root, "Relationships"), "Relationship")) {
      const id = r.attrs.get("Id");
      const target = r.attrs.get("Target");
      if (id === undefined || target === undefined || r.attrs.get("TargetMode") === "External") continue;
      if (!out.has(id)) out.set(id, { type: r.attrs.get("Type") ?? "", target });
    }
    return out;
  }

  private async loadProperties(rootRels: Map<string, Relationship>): Promise<void> {
    let corePath = "docProps/core.xml";
    let customPath = "docProps/custom.xml";
    for (const rel of rootRels.values()) {
      const kind = relKind(rel.type);
      if (kind === "core-properties") corePath = resolveTarget("", rel.target);
      else if (kind === "custom-properties") customPath = resolveTarget("", rel.target);
    }
    const core = this.zip.find(corePath);
    if (core) {
      for (const node of child(await readTree(this.entries, core, this.limits), "coreProperties")?.children ?? []) {
        if (node.text !== "" && node.children.length === 0) this.properties.set(`core:${node.name}`, node.text);
      }
    }
    const custom = this.zip.find(customPath);
    if (custom) {
      for (const prop of children(child(await readTree(this.entries, custom, this.limits), "Properties"), "property")) {
        const name = prop.attrs.get("name");
        const value = prop.children[0];
        if (name !== undefined && value !== undefined) this.properties.set(name, textOf(value));
      }
    }
  }
}

function textOf(node: XNode): string {
  return node.children.length === 0 ? node.text : node.children.map(textOf).join("");
}

/**
 * Inflates every part of an .xlsx once, within the limits (sizes, ratio, CRC-32), and returns the
 * decompressed total: for callers about to hand the file to a library that holds all of it in
 * memory (exceljs, for annotating a department's workbook).
 */
export async function measureArchive(data: Uint8Array, options: OpenOptions = {}): Promise<number> {
  const limits = resolveLimits(options.limits);
  try {
    if (data.byteLength > limits.maxFileBytes) throw limitError("文件大小", "maxFileBytes", limits.maxFileBytes);
    const zip = parseZip(data);
    const reader = new EntryReader(zip, limits, options.inflate ?? webInflate, undefined);
    let total = 0;
    for (const entry of zip.entries) {
      if (entry.name.endsWith("/")) continue;
      for await (const chunk of reader.chunks(entry)) total += chunk.length;
    }
    return total;
  } catch (e) {
    throw asReadError(e, {});
  }
}

/**
 * Opens an .xlsx held in memory. Only the zip directory, workbook, relationships and document
 * properties are read here; shared strings and styles are read when the first sheet is iterated.
 */
export async function openWorkbook(data: Uint8Array, options: OpenOptions = {}): Promise<Workbook> {
  if (!(data instanceof Uint8Array)) throw new TypeError("openWorkbook expects the file contents as a Uint8Array");
  const limits = resolveLimits(options.limits);
  const inflate: InflateFn = options.inflate ?? webInflate;
  const chunkSize = options.chunkSize;
  if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize > 0)) {
    throw new TypeError(`chunkSize must be a positive integer, got ${String(chunkSize)}`);
  }
  try {
    if (data.byteLength > limits.maxFileBytes) {
      throw limitError("文件大小", "maxFileBytes", limits.maxFileBytes);
    }
    const zip = parseZip(data);
    const wb = new WorkbookImpl(zip, new EntryReader(zip, limits, inflate, chunkSize), limits);
    await wb.load();
    return wb;
  } catch (e) {
    throw asReadError(e, {});
  }
}
