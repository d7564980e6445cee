import type { EntryReader } from "./entry-stream.js";
import { type ErrorLocation, asReadError, limitError, malformedError } from "./errors.js";
import type { ReadLimits } from "./limits.js";
import { type XmlSink, XmlScanner } from "./xml-scanner.js";
import { decodeEntities } from "./xml-text.js";
import type { ZipEntry } from "./zip.js";

/** A minimal element tree for the small parts (workbook, rels, styles, properties). */
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

  constructor(
    private readonly maxChars: number,
    private readonly loc: ErrorLocation,
  ) {}

  open(_id: number, selfClosing: boolean, sc: XmlScanner): number {
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
    this.append(buf.slice(start, end));
  }

  private append(s: string): void {
    const node = this.stack[this.stack.length - 1]!;
    if (node.text.length + s.length > this.maxChars) {
      throw limitError("单个 XML 元素的文本长度", "maxCellChars", this.maxChars, this.loc);
    }
    node.text += s;
  }
}

export async function readTree(reader: EntryReader, entry: ZipEntry, limits: ReadLimits): Promise<XNode> {
  const loc = { part: entry.name };
  try {
    const sink = new TreeSink(limits.maxCellChars, loc);
    const scanner = new XmlScanner([], sink, limits.maxTagChars, loc);
    const decoder = new TextDecoder("utf-8", { fatal: false });
    for await (const chunk of reader.chunks(entry)) scanner.feed(decoder.decode(chunk, { stream: true }));
    scanner.feed(decoder.decode());
    scanner.end();
    return sink.root;
  } catch (e) {
    throw asReadError(e, loc);
  }
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
