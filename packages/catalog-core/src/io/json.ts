import type { Catalog } from "@zwgk/catalog-schemas";
import { depthError, forbiddenKeyError, notObjectError, positionAt, readError, type ReadResult, type TextLimits } from "./errors.js";
import { scanJson } from "./json-scan.js";
import { catalogShape, orderValue } from "./shape.js";

/** Reads decoded JSON text: grammar, depth and keys are checked by one scan before `JSON.parse` builds values. */
export function readJson(text: string, limits: TextLimits, file?: string): ReadResult {
  const place = file === undefined ? {} : { file };
  const scan = scanJson(text, limits.maxDepth);
  if (!scan.ok) {
    const f = scan.failure;
    const at = { ...place, ...positionAt(text, f.offset), ...(f.pointer !== undefined ? { pointer: f.pointer } : {}) };
    if (f.code === "forbidden-key") return { ok: false, error: forbiddenKeyError(f.key ?? "", at) };
    if (f.code === "limit") return { ok: false, error: depthError(limits.maxDepth, at) };
    return { ok: false, error: readError("syntax", `JSON 语法错误：${f.reason}`, f.advice, at) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // The scan accepts only what JSON.parse accepts; reaching here is a bug, reported as unreadable input.
    return { ok: false, error: readError("internal", `JSON 解析失败：${(e as Error).message}`, "这可能是 zwgk 的缺陷，请附上文件报告问题。", place) };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, error: notObjectError(Array.isArray(value) ? "数组" : value === null ? " null" : typeof value === "string" ? "字符串" : "单个值", { ...place, line: 1 }) };
  }
  return { ok: true, catalog: value, lines: scan.lines };
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
  return `${JSON.stringify(orderValue(catalog, catalogShape(catalog.kind)), null, 2)}\n`;
}
