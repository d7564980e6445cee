/** The text formats a catalog can be read from and written to. */
export type TextFormat = "json" | "yaml" | "xml";

/**
 * Resource limits of the text readers. A hostile or broken file ends in a `limit` error instead of
 * exhausting memory or the stack; the defaults are generous for real catalogs (see SECURITY.md).
 */
export interface TextLimits {
  /** Size of the input: bytes of a `Uint8Array`, UTF-8 bytes of a string. */
  maxBytes: number;
  /**
   * Nesting depth of objects and arrays (XML: of elements, the root counting as 1). Capped at
   * {@link MAX_DEPTH_CAP}: the YAML composer and the XML decoder recurse, and the stack is finite.
   */
  maxDepth: number;
  /** YAML only: alias nodes (`*name`) that may be resolved, billion-laughs protection. */
  maxAliases: number;
  /**
   * YAML and XML: nodes the reader builds at once (YAML scalars, collections and sequence items; XML
   * elements). Entries are read one at a time, so the limit bounds one entry, the rest of the document
   * and the number of entries (a YAML document the reader cannot take entry by entry — anchors,
   * aliases, tags, an `entries` that is not a block sequence, any error — is parsed whole, and the
   * limit is then the file's). Their parsers' trees cost about 1 KB (YAML) and 0.4 KB (XML) per node,
   * so bytes alone do not bound memory: 24 MB of `- 0` lines is 6 million nodes. JSON is bounded by
   * its bytes.
   */
  maxNodes: number;
}

/**
 * Default {@link TextLimits}, chosen from measured memory (bench/RESULTS.md): 256 MiB (a 100,000-row
 * standard catalog converted from Excel is 150 MiB of JSON, read in about 5 bytes of memory per byte),
 * depth 32 (a catalog nests 8 deep), 100 YAML aliases, 1,000,000 YAML/XML nodes in one entry, the rest
 * of the document, or entries (about 1 GB of YAML parse tree at most; entries are read one at a time,
 * so memory follows the bytes as JSON's does; a YAML document parsed whole holds about 28,000 entries
 * within it).
 */
export const DEFAULT_TEXT_LIMITS: Readonly<TextLimits> = Object.freeze({
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 32,
  maxAliases: 100,
  maxNodes: 1_000_000,
});

/**
 * The error for a YAML or XML text with more nodes than `limits.maxNodes`: in the file (YAML), or
 * in what XML builds at once (`what`: the part outside the entries, one entry, or the entries).
 */
export function nodesError(maxNodes: number, place: ErrorPlace, what = "文件的节点数（YAML 的值与列表项、XML 的元素）"): CatalogReadError {
  return readError(
    "limit",
    `${what}超过上限 ${maxNodes}（limits.maxNodes）。`,
    "读取这么多节点会占用过多内存：大型目录请改用 JSON 或 .xlsx；如确属正常，请调大 maxNodes。",
    { ...place, limit: "maxNodes" },
  );
}

/** The highest `maxDepth` honoured; larger values are lowered to it. */
export const MAX_DEPTH_CAP = 512;

/** Fills missing limits from the defaults; only known keys are read, so a parsed options file cannot add any. */
export function resolveTextLimits(overrides: Partial<TextLimits> | undefined): TextLimits {
  const out: TextLimits = { ...DEFAULT_TEXT_LIMITS };
  if (!overrides) return out;
  for (const key of Object.keys(DEFAULT_TEXT_LIMITS) as (keyof TextLimits)[]) {
    const v = overrides[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || Number.isNaN(v) || v < 0) {
      throw new TypeError(`limits.${key} must be a non-negative number, got ${String(v)}`);
    }
    out[key] = key === "maxDepth" ? Math.min(v, MAX_DEPTH_CAP) : v;
  }
  return out;
}

/** Why a text could not be read as a catalog. */
/**
 * Why a text could not be read. All but `internal` are the input's fault and come with the place;
 * `internal` is a reader bug (an exception it did not expect), kept apart so callers can report it
 * as one rather than blame the file.
 */
export type CatalogReadErrorCode = "syntax" | "limit" | "forbidden-key" | "encoding" | "entity" | "not-a-catalog" | "internal";

/**
 * A text that could not be read: a stable `code` for programs and a Simplified Chinese `message` that
 * says what is wrong, where (file, line, column) and what to do. Data, not an exception.
 */
export interface CatalogReadError {
  code: CatalogReadErrorCode;
  message: string;
  file?: string;
  /** 1-based line of the problem, when known. */
  line?: number;
  /** 1-based column (UTF-16 code units) of the problem, when known. */
  column?: number;
  /** For `limit` errors: which limit was exceeded. */
  limit?: keyof TextLimits;
  /** JSON pointer of the offending key or value, when known (e.g. for `forbidden-key`). */
  pointer?: string;
}

/**
 * The outcome of reading a text: a catalog not yet shape-checked (`validateCatalog` reports schema
 * findings), with the line of each entry and entry field, or an error.
 */
export type ReadResult =
  | {
      ok: true;
      /** The parsed catalog, not yet checked against the schema. */
      catalog: unknown;
      /** JSON pointer → 1-based line, for `/key`, `/entries/N` and `/entries/N/key`. */
      lines?: Map<string, number>;
    }
  | { ok: false; error: CatalogReadError };

/** Where a problem is: any of file, line, column, pointer, limit. */
export type ErrorPlace = Omit<CatalogReadError, "code" | "message">;

/** `文件 catalog.json 第 3 行第 7 列` — the place part of a message. */
export function describePlace(place: ErrorPlace): string {
  const parts: string[] = [];
  if (place.file) parts.push(`文件“${place.file}”`);
  if (place.line !== undefined) parts.push(place.column !== undefined ? `第 ${place.line} 行第 ${place.column} 列` : `第 ${place.line} 行`);
  if (place.pointer !== undefined && place.line === undefined) parts.push(`位置 ${place.pointer || "/"}`);
  return parts.join(" ");
}

/** Builds an error whose message is `place：what advice`, keeping the place in fields for programs. */
export function readError(code: CatalogReadErrorCode, what: string, advice: string, place: ErrorPlace = {}): CatalogReadError {
  const where = describePlace(place);
  const error: CatalogReadError = { code, message: `${where ? `${where}：` : ""}${what}${advice ? ` ${advice}` : ""}` };
  if (place.file !== undefined) error.file = place.file;
  if (place.line !== undefined) error.line = place.line;
  if (place.column !== undefined) error.column = place.column;
  if (place.limit !== undefined) error.limit = place.limit;
  if (place.pointer !== undefined) error.pointer = place.pointer;
  return error;
}

/** Only `\n` ends a line (CRLF files count the same; XML input is normalised before). */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** Line lookup for many offsets of one text: the line starts once, then a binary search per offset. */
export function createLineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** JSON pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function pointerSegment(key: string | number): string {
  const s = String(key);
  return s.includes("~") || s.includes("/") ? s.replace(/~/g, "~0").replace(/\//g, "~1") : s;
}

/** Keys that can reach `Object.prototype` when code downstream merges or assigns objects. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** The error for a forbidden key, the same in every format. */
export function forbiddenKeyError(key: string, place: ErrorPlace): CatalogReadError {
  return readError(
    "forbidden-key",
    `键名“${key}”（位置 ${place.pointer ?? ""}）不允许使用：它可被用来篡改 JavaScript 对象原型（原型污染）。`,
    "目录中没有这个字段，请删除该键或改名后重试。",
    place,
  );
}

const MiB = 1024 * 1024;

/** `64 MiB`, `1.5 MiB` or a plain byte count, for messages. */
export function formatBytes(n: number): string {
  if (n >= MiB) return `${Math.round((n / MiB) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} 字节`;
}

/** The error for a nesting deeper than `limits.maxDepth`. */
export function depthError(maxDepth: number, place: ErrorPlace): CatalogReadError {
  return readError(
    "limit",
    `嵌套层数超过上限 ${maxDepth}（limits.maxDepth）。`,
    "目录的正常嵌套不超过 8 层，这个文件可能不是目录，或是被刻意构造的；如确属正常，请调大 maxDepth。",
    { ...place, limit: "maxDepth" },
  );
}

/** The error for a text whose top level is not an object. */
export function notObjectError(found: string, place: ErrorPlace): CatalogReadError {
  return readError(
    "not-a-catalog",
    `文件顶层是${found}，不是目录对象。`,
    "目录文件的顶层应是一个对象，包含 kind、schemaVersion、entries 等字段；请确认选对了文件。",
    place,
  );
}
