import type { Catalog } from "@zwgk/catalog-schemas";
import { type CatalogReadError, depthError, type ErrorPlace, forbiddenKeyError, notObjectError, positionAt, readError, type ReadResult, type TextLimits } from "./errors.js";
import { parsedJsonIsClean } from "./json-check.js";
import { type ScanFailure, scanJson, scanParsedJson } from "./json-scan.js";
import { catalogShape, orderValue } from "./shape.js";
import { writeWhole } from "./write-stream.js";

/**
 * Reads decoded JSON text: `JSON.parse` builds the values, then depth and keys are checked and the
 * lines of the root keys, entries and entry keys recorded. With `lines` false (a caller that reports
 * no line, such as diff), the same checks are made on the parsed value without the line scan, which
 * runs only when they find a problem, to say where.
 */
export function readJson(text: string, limits: TextLimits, file?: string, lines = true): ReadResult {
  const place = file === undefined ? {} : { file };
  // JSON.parse is exact RFC 8259 and native: when it accepts the text, a light scan adds what it
  // does not check (depth, forbidden and repeated keys) and the lines. Only a text it refuses is
  // scanned character by character, to say exactly where and why.
  let value: unknown;
  let parsed = true;
  try {
    value = JSON.parse(text);
  } catch {
    parsed = false;
  }
  if (parsed && !lines && parsedJsonIsClean(text, value, limits.maxDepth)) return resultOf(value, place);
  const scan = parsed ? scanParsedJson(text, limits.maxDepth) : scanJson(text, limits.maxDepth);
  if (!scan.ok) return { ok: false, error: scanFailureError(scan.failure, { ...place, ...positionAt(text, scan.failure.offset) }, limits) };
  if (!parsed) {
    // The scan accepts only what JSON.parse accepts; reaching here is a bug, reported as unreadable input.
    return { ok: false, error: readError("internal", "JSON 解析失败：全文检查通过但 JSON.parse 拒绝了它。", "这可能是 zwgk 的缺陷，请附上文件报告问题。", place) };
  }
  return resultOf(value, place, lines ? scan.lines : undefined);
}

function resultOf(value: unknown, place: { file?: string }, lines?: Map<string, number>): ReadResult {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, error: notObjectError(Array.isArray(value) ? "数组" : value === null ? " null" : typeof value === "string" ? "字符串" : "单个值", { ...place, line: 1 }) };
  }
  return lines ? { ok: true, catalog: value, lines } : { ok: true, catalog: value };
}

/** The read error for what a JSON scan found wrong, at `where` (file, line, column). */
export function scanFailureError(f: ScanFailure, where: ErrorPlace, limits: TextLimits): CatalogReadError {
  const at = { ...where, ...(f.pointer !== undefined ? { pointer: f.pointer } : {}) };
  if (f.code === "forbidden-key") return forbiddenKeyError(f.key ?? "", at);
  if (f.code === "limit") return depthError(limits.maxDepth, at);
  if (f.code === "duplicate-key") {
    return readError("syntax", `JSON 语法错误：同一层级里有重复的键名“${f.key ?? ""}”。`, "每个键只能写一次（重复时后一个会悄悄覆盖前一个），请删除或合并重复的一项。", at);
  }
  return readError("syntax", `JSON 语法错误：${f.reason}`, f.advice, at);
}

/**
 * Writes a catalog as JSON: 2-space indent, keys in the schema's order (unknown keys after), a
 * trailing newline. `readCatalogText` gives the same catalog back.
 *
 * @example
 * ```ts
 * await writeFile("社会救助.json", writeCatalogJson(catalog));
 * ```
 */
export function writeCatalogJson(catalog: Catalog): string {
  if (Array.isArray(catalog.entries)) return writeWhole("json", catalog);
  return `${JSON.stringify(orderValue(catalog, catalogShape(catalog.kind)), null, 2)}\n`;
}
