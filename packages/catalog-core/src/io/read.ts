import { decodeInput, detectFormat } from "./decode.js";
import { readError, resolveTextLimits, type ReadResult, type TextFormat, type TextLimits } from "./errors.js";
import { readJson } from "./json.js";
import { readXml } from "./xml-read.js";
import { readYaml } from "./yaml.js";

/** Options of {@link readCatalogText}. */
export interface ReadCatalogOptions {
  /** File name, for messages and for telling the format by extension. */
  file?: string;
  /** The format; by default told from the file name, else from the first characters. */
  format?: TextFormat;
  /** Overrides of {@link DEFAULT_TEXT_LIMITS}. */
  limits?: Partial<TextLimits>;
  /**
   * Whether to return the line of each entry and entry key (default true). A caller that points no
   * finding at a line (diff, apply) passes false: the result then has no `lines`, and JSON is read
   * faster (its depth and keys are still checked; the line scan runs only to locate a problem).
   */
  lines?: boolean;
}

const READERS: Record<TextFormat, (text: string, limits: TextLimits, file?: string, lines?: boolean) => ReadResult> = {
  json: readJson,
  yaml: readYaml,
  xml: readXml,
};

/**
 * Reads a catalog from JSON, YAML or XML text or bytes. Pure and browser-safe; never throws for any
 * input: the result is the parsed catalog (not yet shape-checked — `validateCatalog` does that and
 * reports schema findings) with the line of each entry, or a {@link CatalogReadError} whose Chinese
 * message says what is wrong, where and what to do.
 *
 * @throws TypeError only for invalid `options.limits` (a programming error, not bad input).
 * @example
 * ```ts
 * const result = readCatalogText(bytes, { file: "社会救助.yaml" });
 * if (!result.ok) console.error(result.error.message);
 * else console.log(validateCatalog(result.catalog, { rules: builtinRules }));
 * ```
 */
export function readCatalogText(text: string | Uint8Array, options: ReadCatalogOptions = {}): ReadResult {
  const limits = resolveTextLimits(options.limits);
  const { file } = options;
  const format = options.format ?? detectFormat(file, text);
  if (format === undefined || !Object.hasOwn(READERS, format)) {
    return {
      ok: false,
      error: readError(
        "not-a-catalog",
        "无法判断文件格式（既不是 JSON、YAML，也不是 XML）。",
        "请使用 .json、.yaml/.yml 或 .xml 扩展名，或明确指定格式（--format）。",
        file === undefined ? {} : { file },
      ),
    };
  }
  const decoded = decodeInput(text, format, limits, file);
  if (!decoded.ok) return decoded;
  try {
    const lines = options.lines ?? true;
    const result = READERS[format](decoded.text, limits, file, lines);
    if (result.ok && !lines && result.lines) return { ok: true, catalog: result.catalog };
    return result;
  } catch (e) {
    // Every reader turns bad input into a result; a throw here is a bug or an engine limit.
    const overflow = e instanceof RangeError;
    return {
      ok: false,
      error: readError(
        overflow ? "limit" : "internal",
        overflow ? "文件结构过深或过大，读取时超出了运行环境的限制。" : `读取时发生意外错误：${e instanceof Error ? e.message : String(e)}。`,
        overflow ? "请检查文件是否为正常的目录。" : "这可能是 zwgk 的缺陷，请附上文件报告问题。",
        file === undefined ? {} : { file },
      ),
    };
  }
}
