import type { EntryReader } from "./entry-stream.js";
import { type ErrorLocation, asReadError, limitError, malformedError } from "./errors.js";
import type { ReadLimits } from "./limits.js";
import { type XmlSink, XmlScanner } from "./xml-scanner.js";
import { StrictDecoder } from "./utf8.js";
import { decodeEntities, normalizeLineEnds } from "./xml-text.js";
import type { ZipEntry } from "./zip.js";

/** A minimal element tree for the small parts (workbook, relationships, document properties). */
export interface XNode {
  /** Local name, namespace prefix dropped. */
  readonly name: string;
  /** Qualified attribute names as written ("r:id") to decoded values. */
  readonly attrs: Map<string, string>;
  readonly children: XNode[];
  text: string;
}

const MAX_DEPTH = 256;

class TreeSink implements XmlSink {
  readonly root: XNode = { name: "", attrs: new Map(), children: [], text: "" };
  private readonly stack: XNode[] = [this.root];
  private nodes = 0;

  constructor(
    private readonly maxChars: number,
    private readonly maxNodes: number,
    private readonly loc: ErrorLocation,
  ) {}

  open(_id: number, selfClosing: boolean, sc: XmlScanner): number {
    // A tree costs ~200 bytes per element however small its tag: bound what is built, not only the bytes read.
    if (++this.nodes > this.maxNodes) throw limitError("XML 元素的数量", "maxTreeNodes", this.maxNodes, this.loc, HOSTILE_HINT);
    const attrs = new Map<string, string>();
    for (let i = 0; i < sc.attrCount; i++) {
      attrs.set(sc.buf.slice(sc.attrNameStart[i], sc.attrNameEnd[i]), sc.attrValue(i));
    }
    const node: XNode = { name: sc.tagName(), attrs, children: [], text: "" };
    this.stack[this.stack.length - 1]!.children.push(node);
    if (selfClosing) return -1;
    if (this.stack.length > MAX_DEPTH) throw malformedError("XML 嵌套层数过深", this.loc);
    this.stack.push(node);
    return -1;
  }

  close(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  text(buf: string, start: number, end: number): void {
    this.append(decodeEntities(buf.slice(start, end)));
  }

  cdata(buf: string, start: number, end: number): void {
    this.append(normalizeLineEnds(buf.slice(start, end)));
  }

  private append(s: string): void {
    const node = this.stack[this.stack.length - 1]!;
    if (node.text.length + s.length > this.maxChars) {
      throw limitError("单个 XML 元素的文本长度", "maxCellChars", this.maxChars, this.loc);
    }
    node.text += s;
  }
}

const HOSTILE_HINT = "正常的工作簿中这一部分很小，文件可能是恶意构造的。";

/**
 * Feeds a whole part to a sink, bounded by `maxTreeBytes` (decompressed) on top of the sink's own
 * bounds: for the parts whose content is kept (trees, styles), not for sheets or shared strings.
 */
export async function scanWholePart(reader: EntryReader, entry: ZipEntry, limits: ReadLimits, names: readonly string[], sink: XmlSink): Promise<void> {
  const loc = { part: entry.name };
  try {
    const scanner = new XmlScanner(names, sink, limits.maxTagChars, loc);
    const decoder = new StrictDecoder(loc);
    let bytes = 0;
    for await (const chunk of reader.chunks(entry)) {
      bytes += chunk.length;
      if (bytes > limits.maxTreeBytes) throw limitError("解压后的大小", "maxTreeBytes", limits.maxTreeBytes, loc, HOSTILE_HINT);
      scanner.feed(decoder.decode(chunk));
    }
    scanner.feed(decoder.decode());
    scanner.end();
  } catch (e) {
    throw asReadError(e, loc);
  }
}

/** Reads a small part (workbook, relationships, properties) into a tree, within maxTreeBytes and maxTreeNodes. */
export async function readTree(reader: EntryReader, entry: ZipEntry, limits: ReadLimits): Promise<XNode> {
  const sink = new TreeSink(limits.maxCellChars, limits.maxTreeNodes, { part: entry.name });
  await scanWholePart(reader, entry, limits, [], sink);
  return sink.root;
}

export function children(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Attribute by local name, whatever prefix the writer chose for its namespace. */
export function attrLocal(node: XNode, local: string): string | undefined {
  const direct = node.attrs.get(local);
  if (direct !== undefined) return direct;
  for (const [k, v] of node.attrs) {
    const colon = k.indexOf(":");
    if (colon >= 0 && k.slice(colon + 1) === local && k.slice(0, colon) !== "xmlns") return v;
  }
  return undefined;
}
