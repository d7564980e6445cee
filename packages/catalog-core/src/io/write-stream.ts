import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import type { CatalogHeader } from "../model.js";
import type { TextFormat } from "./errors.js";
import { catalogShape, orderValue, type ArrayShape, type FieldShape, type ObjectShape } from "./shape.js";
import { JsonEntryText } from "./json-entry.js";
import { writeXmlEntry, writeXmlHeader } from "./xml-write.js";
import { yamlBlock } from "./yaml-emit.js";

/**
 * Writes a catalog piece by piece: the header, then each entry as it comes, then the end. Nothing
 * but the current entry is held, so a catalog streamed from a reader is written in flat memory, and
 * the text never has to fit in one JavaScript string. Joined, the pieces are exactly what
 * `writeCatalogJson` / `writeCatalogYaml` / `writeCatalogXml` return for the whole catalog.
 *
 * @example
 * ```ts
 * const writer = createCatalogWriter("json", header);
 * let text = writer.begin();
 * for (const entry of entries) text += writer.entry(entry);
 * text += writer.end();
 * ```
 */
export interface CatalogTextWriter {
  /** The text before the first entry. */
  begin(): string;
  /** The text of one entry (entries in catalog order). */
  entry(entry: Entry): string;
  /** The text after the last entry. */
  end(): string;
}

/**
 * A streaming writer for a catalog header of any kind, in JSON, YAML or XML.
 *
 * @throws TypeError (XML only) when a value has no place in the XML form: validate first.
 */
export function createCatalogWriter(format: TextFormat, header: CatalogHeader): CatalogTextWriter {
  const shape = catalogShape(header.kind);
  const entryShape = (shape.props.get("entries") as ArrayShape | undefined)?.item;
  if (format === "json") return jsonWriter(header, shape, entryShape);
  if (format === "yaml") return yamlWriter(header, shape, entryShape);
  return xmlWriter(header, shape);
}

/** The header's members in writer order: those before `entries` and those after (unknown keys). */
function splitHeader(header: CatalogHeader, shape: ObjectShape): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const { entries: _entries, ...rest } = header as CatalogHeader & { entries?: unknown };
  const ordered = orderValue(rest, shape) as Record<string, unknown>;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(ordered)) {
    const target = shape.props.has(key) ? before : after;
    Object.defineProperty(target, key, { value: ordered[key], enumerable: true, writable: true, configurable: true });
  }
  return { before, after };
}

/** `{"a": 1}` → `  "a": 1` lines without braces, at one level of indent. */
function jsonMembers(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj);
  if (!keys.length) return "";
  const text = JSON.stringify(obj, null, 2);
  return text.slice(2, -2);
}

function jsonWriter(header: CatalogHeader, shape: ObjectShape, entryShape: FieldShape | undefined): CatalogTextWriter {
  const { before, after } = splitHeader(header, shape);
  let count = 0;
  // One per writer: the texts it reuses are those of the values this catalog's entries share.
  const text = new JsonEntryText();
  return {
    begin() {
      const members = jsonMembers(before);
      return `{\n${members ? `${members},\n` : ""}  "entries": [`;
    },
    entry(entry) {
      return `${count++ ? "," : ""}\n    ${text.value(entry, entryShape, "    ")}`;
    },
    end() {
      const tail = jsonMembers(after);
      return `${count ? "\n  " : ""}]${tail ? `,\n${tail}` : ""}\n}\n`;
    },
  };
}

function yamlWriter(header: CatalogHeader, shape: ObjectShape, entryShape: FieldShape | undefined): CatalogTextWriter {
  const { before, after } = splitHeader(header, shape);
  let count = 0;
  return {
    begin() {
      return yamlBlock(before, 0);
    },
    entry(entry) {
      count++;
      // A sequence item: the entry's block at indent 4 with its first indent turned into "  - ".
      const value = orderValue(entry, entryShape);
      const block = yamlBlock({ x: [value] }, 0);
      return `${count === 1 ? "entries:\n" : ""}${block.slice(block.indexOf("\n") + 1)}`;
    },
    end() {
      return `${count ? "" : "entries: []\n"}${yamlBlock(after, 0)}`;
    },
  };
}

function xmlWriter(header: CatalogHeader, shape: ObjectShape): CatalogTextWriter {
  const entries = shape.props.get("entries") as ArrayShape;
  let count = 0;
  return {
    begin() {
      return writeXmlHeader(header as unknown as Record<string, unknown>, shape);
    },
    entry(entry) {
      const out = count === 0 ? "  <entries>\n" : "";
      return out + writeXmlEntry(entry, entries, count++);
    },
    end() {
      return `${count ? "  </entries>\n" : "  <entries/>\n"}</catalog>\n`;
    },
  };
}

/** The whole catalog through the streaming writer (what the one-shot writers return). */
export function writeWhole(format: TextFormat, catalog: Catalog): string {
  const writer = createCatalogWriter(format, catalog);
  const parts = [writer.begin()];
  for (const entry of catalog.entries) parts.push(writer.entry(entry));
  parts.push(writer.end());
  return parts.join("");
}
