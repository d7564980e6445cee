import type { Catalog, Entry } from "@zwgk/catalog-schemas";
import type { CatalogHeader } from "../model.js";
import type { TextFormat } from "./errors.js";
import { catalogShape, orderValue, type ArrayShape, type FieldShape, type ObjectShape } from "./shape.js";
import { JsonEntryBytes } from "./json-entry.js";
import { Utf8Sink } from "./utf8-sink.js";
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
 * The streaming writer as UTF-8 bytes, for output that goes to a file or a stream: each call writes
 * into one reused buffer instead of returning a string, and {@link CatalogByteWriter.drain} gives what
 * has gathered (drain when {@link CatalogByteWriter.size} is large enough, and once at the end). The
 * bytes drained, joined, are the UTF-8 of the text {@link CatalogTextWriter} gives.
 *
 * @example
 * ```ts
 * const writer = createCatalogByteWriter("json", header);
 * writer.begin();
 * for (const entry of entries) {
 *   writer.entry(entry);
 *   if (writer.size >= 1 << 20) await out.write(writer.drain());
 * }
 * writer.end();
 * await out.write(writer.drain());
 * ```
 */
export interface CatalogByteWriter {
  /** Writes the text before the first entry. */
  begin(): void;
  /** Writes one entry (entries in catalog order). */
  entry(entry: Entry): void;
  /** Writes the text after the last entry. */
  end(): void;
  /** Bytes written and not yet drained. */
  readonly size: number;
  /**
   * The bytes written since the last drain. They are a view of the writer's buffer, valid until the
   * next call on the writer: write them out (or copy them) before writing on.
   */
  drain(): Uint8Array;
}

/**
 * A streaming writer for a catalog header of any kind, in JSON, YAML or XML.
 *
 * @throws TypeError (XML only) when a value has no place in the XML form: validate first.
 */
export function createCatalogWriter(format: TextFormat, header: CatalogHeader): CatalogTextWriter {
  if (format === "json") {
    // The JSON writer's text is well-formed UTF-16 (JSON.stringify escapes lone surrogates), so its
    // bytes decode back to exactly that text.
    const sink = new Utf8Sink();
    const bytes = jsonWriter(header, sink);
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const piece = (write: () => void) => {
      write();
      return decoder.decode(sink.drain());
    };
    return {
      begin: () => piece(() => bytes.begin()),
      entry: (entry) => piece(() => bytes.entry(entry)),
      end: () => piece(() => bytes.end()),
    };
  }
  const shape = catalogShape(header.kind);
  if (format === "yaml") return yamlWriter(header, shape, entryShapeOf(shape));
  return xmlWriter(header, shape);
}

/**
 * {@link createCatalogWriter} writing UTF-8 bytes.
 *
 * @throws TypeError (XML only) when a value has no place in the XML form: validate first.
 */
export function createCatalogByteWriter(format: TextFormat, header: CatalogHeader): CatalogByteWriter {
  if (format === "json") return jsonWriter(header, new Utf8Sink());
  return asBytes(createCatalogWriter(format, header));
}

function entryShapeOf(shape: ObjectShape): FieldShape | undefined {
  return (shape.props.get("entries") as ArrayShape | undefined)?.item;
}

/** A text writer as a byte writer: each piece encoded into one buffer. */
function asBytes(text: CatalogTextWriter): CatalogByteWriter {
  const sink = new Utf8Sink();
  return {
    begin: () => sink.text(text.begin()),
    entry: (entry) => sink.text(text.entry(entry)),
    end: () => sink.text(text.end()),
    get size() {
      return sink.pos;
    },
    drain: () => sink.drain(),
  };
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

function jsonWriter(header: CatalogHeader, sink: Utf8Sink): CatalogByteWriter {
  const shape = catalogShape(header.kind);
  const entryShape = entryShapeOf(shape);
  const { before, after } = splitHeader(header, shape);
  let count = 0;
  // One per writer: the bytes it reuses are those of the values this catalog's entries share.
  const json = new JsonEntryBytes(sink);
  return {
    begin() {
      const members = jsonMembers(before);
      sink.text(`{\n${members ? `${members},\n` : ""}  "entries": [`);
    },
    entry(entry) {
      // An entry that cannot be written (a BigInt) leaves nothing of itself behind.
      const mark = sink.pos;
      try {
        if (count++) sink.byte(44); // ,
        sink.newline(4);
        json.value(entry, entryShape, 4);
      } catch (e) {
        sink.pos = mark;
        throw e;
      }
    },
    end() {
      const tail = jsonMembers(after);
      sink.text(`${count ? "\n  " : ""}]${tail ? `,\n${tail}` : ""}\n}\n`);
    },
    get size() {
      return sink.pos;
    },
    drain: () => sink.drain(),
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
