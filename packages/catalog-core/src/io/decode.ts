import { formatBytes, readError, type CatalogReadError, type TextFormat, type TextLimits } from "./errors.js";

/** Decoded text, or why the bytes are not a text we read. */
export type Decoded = { ok: true; text: string } | { ok: false; error: CatalogReadError };

/** UTF-8 byte count of a string without encoding it (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

// Chinese legacy encodings an XML declaration may name; WHATWG maps all GB labels to one decoder.
const LEGACY_XML_ENCODINGS = new Map<string, string>([
  ["gbk", "gbk"],
  ["gb2312", "gbk"],
  ["gb_2312-80", "gbk"],
  ["x-gbk", "gbk"],
  ["cp936", "gbk"],
  ["gb18030", "gb18030"],
  ["big5", "big5"],
  ["big5-hkscs", "big5"],
]);
const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);
const XML_ENCODING = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.-]*)["']/;

/** The `encoding` of an XML declaration, lower-cased, read from the ASCII head of the bytes. */
function xmlDeclaredEncoding(bytes: Uint8Array, start: number): string | undefined {
  let head = "";
  const end = Math.min(bytes.length, start + 256);
  for (let i = start; i < end; i++) head += String.fromCharCode(bytes[i] as number);
  return XML_ENCODING.exec(head)?.[1]?.toLowerCase();
}

/** Offset of the first byte that breaks UTF-8 (the fatal decoder only says that one does). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlongs, surrogates and code points past U+10FFFF.
    const c1 = bytes[i + 1] as number;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** 1-based line of a byte offset (lines end at LF). */
export function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

const FORMAT_NAMES: Record<TextFormat, string> = { json: "JSON", yaml: "YAML", xml: "XML" };
const RESAVE_UTF8 = "请用记事本、WPS 或 VS Code 以“UTF-8”编码另存后重试。";

/**
 * Turns the input into text: checks the size limit, strips a UTF-8 BOM, refuses UTF-16/32 and binary
 * files, decodes UTF-8 strictly, and for XML honours a declared GBK/GB18030/Big5 encoding.
 */
export function decodeInput(input: string | Uint8Array, format: TextFormat, limits: TextLimits, file?: string): Decoded {
  const place = file === undefined ? {} : { file };
  const size = typeof input === "string" ? (input.length * 3 <= limits.maxBytes ? 0 : utf8Length(input)) : input.byteLength;
  if (size > limits.maxBytes) return { ok: false, error: sizeError(size, limits, place) };
  if (typeof input === "string") return { ok: true, text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input };

  const head = headError(input, format, place);
  if (head) return { ok: false, error: head };
  const nul = input.indexOf(0);
  if (nul !== -1) return { ok: false, error: nulError(lineOfByte(input, nul), place) };

  const start = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const declared = format === "xml" ? xmlDeclaredEncoding(input, start) : undefined;
  try {
    // Valid UTF-8 wins over a declared legacy encoding: editors re-save as UTF-8 and keep a stale
    // declaration far more often than real GBK text happens to be valid UTF-8.
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(input) };
  } catch {
    // fall through: not UTF-8
  }
  const legacy = declared === undefined ? undefined : LEGACY_XML_ENCODINGS.get(declared);
  if (legacy !== undefined) return decodeLegacy(input, legacy, declared as string, place);
  const at = firstInvalidUtf8(input.subarray(start)) + start;
  return { ok: false, error: utf8Error(lineOfByte(input, at), input[at] ?? 0, format, place, declared) };
}

/** The error for an input of `size` bytes over `limits.maxBytes`. */
export function sizeError(size: number, limits: TextLimits, place: { file?: string }): CatalogReadError {
  return readError(
    "limit",
    `文件大小 ${formatBytes(size)} 超过上限 ${formatBytes(limits.maxBytes)}（limits.maxBytes）。`,
    "请确认选对了文件；如确需读取，请调大 maxBytes，或把目录拆成几个文件。",
    { ...place, limit: "maxBytes" },
  );
}

/** What the first four bytes say is wrong (a UTF-16/32 byte order mark, a zip archive), if anything. */
export function headError(input: Uint8Array, format: TextFormat, place: { file?: string }): CatalogReadError | undefined {
  const b0 = input[0];
  const b1 = input[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || (b0 === 0 && b1 === 0 && input[2] === 0xfe && input[3] === 0xff)) {
    const name = b0 === 0 || (b0 === 0xff && input[2] === 0 && input[3] === 0) ? "UTF-32" : "UTF-16";
    return readError("encoding", `文件是 ${name} 编码（开头有 ${name} 字节顺序标记），只支持 UTF-8。`, RESAVE_UTF8, place);
  }
  if (b0 === 0x50 && b1 === 0x4b && input[2] === 0x03 && input[3] === 0x04) {
    return readError("not-a-catalog", `文件是 zip 压缩包（很可能是 .xlsx 工作簿），不是 ${FORMAT_NAMES[format]} 文本。`, "Excel 目录请按 .xlsx 读取（zwgk 会按扩展名自动选择）。", place);
  }
  return undefined;
}

/** The error for a NUL byte on `line`. */
export function nulError(line: number, place: { file?: string }): CatalogReadError {
  return readError(
    "encoding",
    `文件含有 NUL 字节（第 ${line} 行附近），不是 UTF-8 文本：可能是没有字节顺序标记的 UTF-16 文件，或二进制文件。`,
    RESAVE_UTF8,
    place,
  );
}

/** The error for the first byte `byte` that breaks UTF-8, on `line`. */
export function utf8Error(line: number, byte: number, format: TextFormat, place: { file?: string }, declared?: string): CatalogReadError {
  const hex = byte.toString(16).toUpperCase().padStart(2, "0");
  const what = `文件不是有效的 UTF-8 编码（第 ${line} 行附近，字节 0x${hex}）。`;
  if (declared !== undefined && !UTF8_LABELS.has(declared)) {
    return readError("encoding", `${what}XML 声明的编码“${declared}”不受支持。`, `只支持 UTF-8 与 GBK/GB2312/GB18030/Big5；${RESAVE_UTF8}`, { ...place, line });
  }
  const tip = format === "xml" ? `若文件是 GBK 编码，可在 XML 声明中写明 encoding="GBK"，或${RESAVE_UTF8}` : `它可能是 GBK/GB2312（Windows“ANSI”）编码：${RESAVE_UTF8}`;
  return readError("encoding", what, tip, { ...place, line });
}

function decodeLegacy(input: Uint8Array, encoding: string, declared: string, place: { file?: string }): Decoded {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    return {
      ok: false,
      error: readError(
        "encoding",
        `XML 声明的编码是“${declared}”，但当前运行环境不支持该编码的解码（Node.js 需带完整 ICU）。`,
        `请换用带完整 ICU 的 Node.js 或现代浏览器，或${RESAVE_UTF8}`,
        place,
      ),
    };
  }
  try {
    return { ok: true, text: decoder.decode(input) };
  } catch {
    return {
      ok: false,
      error: readError("encoding", `XML 声明的编码是“${declared}”，但文件含有该编码下无效的字节。`, `请确认文件的实际编码，${RESAVE_UTF8}`, place),
    };
  }
}

const EXTENSIONS: Record<string, TextFormat> = { json: "json", yaml: "yaml", yml: "yaml", xml: "xml" };
// A YAML catalog starts with a directive, a document marker, a comment or a `key:` line.
const YAML_START = /^(?:%YAML|---|#|[A-Za-z_$"'][^\n:]*:(?:[ \t]|$))/m;

/**
 * The text format of a file: by extension (`.json`, `.yaml`/`.yml`, `.xml`), else by its first
 * characters (`{`/`[` JSON, `<` XML, a `key:` line YAML). `undefined` when neither tells.
 */
export function detectFormat(fileName?: string, input?: string | Uint8Array): TextFormat | undefined {
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  const byName = ext === undefined ? undefined : EXTENSIONS[ext];
  if (byName) return byName;
  if (input === undefined) return undefined;
  let head: string;
  if (typeof input === "string") head = input.slice(0, 512);
  else {
    head = "";
    for (let i = 0; i < Math.min(input.length, 512); i++) head += String.fromCharCode(input[i] as number);
    if (head.startsWith("\xef\xbb\xbf")) head = head.slice(3);
  }
  head = head.replace(/^\ufeff/, "").trimStart();
  const c = head[0];
  if (c === "{" || c === "[") return "json";
  if (c === "<") return "xml";
  return YAML_START.test(head) ? "yaml" : undefined;
}
