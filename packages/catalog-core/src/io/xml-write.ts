import type { Catalog } from "@zwgk/catalog-schemas";
import { catalogShape, XML_NAMES, type ArrayShape, type FieldShape, type ObjectShape } from "./shape.js";
import { writeWhole } from "./write-stream.js";
import { backslashEscape, CATALOG_XML_NAMESPACE, escapeText, needsBackslashEscape } from "./xml-text.js";

const INDENT = Array.from({ length: 16 }, (_, i) => "  ".repeat(i));

function indent(depth: number): string {
  return INDENT[depth] ?? "  ".repeat(depth);
}

function mismatch(pointer: string, expected: string): TypeError {
  return new TypeError(`无法写成 XML：${pointer || "/"} 的值不符合目录标准（应为${expected}）。请先用 validateCatalog 检查目录。`);
}

function writeLeaf(out: string[], name: string, value: unknown, shape: FieldShape, pointer: string, pad: string): void {
  let text: string;
  if (shape.t === "string") {
    if (typeof value !== "string") throw mismatch(pointer, "字符串");
    if (needsBackslashEscape(value)) {
      out.push(`${pad}<${name} escaped="true">${escapeText(backslashEscape(value))}</${name}>\n`);
      return;
    }
    text = escapeText(value);
  } else if (shape.t === "boolean") {
    if (typeof value !== "boolean") throw mismatch(pointer, "true 或 false");
    text = value ? "true" : "false";
  } else {
    if (typeof value !== "number" || !Number.isFinite(value)) throw mismatch(pointer, "有限的数字");
    text = String(value);
  }
  out.push(text === "" ? `${pad}<${name}/>\n` : `${pad}<${name}>${text}</${name}>\n`);
}

function writeValue(out: string[], name: string, value: unknown, shape: FieldShape, pointer: string, depth: number): void {
  const pad = indent(depth);
  if (shape.t === "object") {
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw mismatch(pointer, "对象");
    const start = out.length;
    out.push(`${pad}<${name}>\n`);
    writeMembers(out, value as Record<string, unknown>, shape, pointer, depth + 1);
    if (out.length === start + 1) out[start] = `${pad}<${name}/>\n`;
    else out.push(`${pad}</${name}>\n`);
    return;
  }
  if (shape.t === "array") {
    if (!Array.isArray(value)) throw mismatch(pointer, "数组");
    if (value.length === 0) {
      out.push(`${pad}<${name}/>\n`);
      return;
    }
    out.push(`${pad}<${name}>\n`);
    for (let i = 0; i < value.length; i++) writeValue(out, shape.itemName, value[i], shape.item, `${pointer}/${i}`, depth + 1);
    out.push(`${pad}</${name}>\n`);
    return;
  }
  writeLeaf(out, name, value, shape, pointer, pad);
}

function writeMembers(out: string[], obj: Record<string, unknown>, shape: ObjectShape, pointer: string, depth: number): void {
  for (const key of Object.keys(obj)) {
    if (!shape.props.has(key) && obj[key] !== undefined) throw new TypeError(`无法写成 XML：${pointer}/${key} 不是目录标准中的字段，XML 形式无法表示它。请先用 validateCatalog 检查目录。`);
  }
  for (const key of shape.order) {
    const v = obj[key];
    if (v === undefined || !Object.hasOwn(obj, key)) continue;
    writeValue(out, XML_NAMES.get(key) ?? key, v, shape.props.get(key) as FieldShape, `${pointer}/${key}`, depth);
  }
}

/**
 * Writes a catalog in its XML form (docs/XML.md, schemas/catalog.xsd): UTF-8 with a declaration, the
 * catalog namespace, one element per field named as in the JSON Schema, array items in container
 * elements. Lossless: `readCatalogText` gives the same catalog back. Text XML 1.0 cannot carry
 * (control characters) is written `escaped="true"` with `\uXXXX` escapes.
 *
 * @throws TypeError when a value does not fit the schema (validate first): the XML form has no place for it.
 * @example
 * ```ts
 * await writeFile("权责清单.xml", writeCatalogXml(catalog));
 * ```
 */
export function writeCatalogXml(catalog: Catalog): string {
  if (Array.isArray(catalog.entries)) return writeWhole("xml", catalog);
  const shape = catalogShape(catalog.kind);
  const out: string[] = [XML_HEAD];
  writeMembers(out, catalog as unknown as Record<string, unknown>, shape, "", 1);
  out.push("</catalog>\n");
  return out.join("");
}

const XML_HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<catalog xmlns="${CATALOG_XML_NAMESPACE}">\n`;

/** The declaration, the root's start tag and every header member (all but `entries`). */
export function writeXmlHeader(header: Record<string, unknown>, shape: ObjectShape): string {
  const { entries: _entries, ...rest } = header;
  const out: string[] = [XML_HEAD];
  writeMembers(out, rest, shape, "", 1);
  return out.join("");
}

/** One entry as an item of `<entries>`. */
export function writeXmlEntry(entry: unknown, entries: ArrayShape, index: number): string {
  const out: string[] = [];
  writeValue(out, entries.itemName, entry, entries.item, `/entries/${index}`, 2);
  return out.join("");
}
