import { type ErrorLocation, doctypeError, limitError, malformedError } from "./errors.js";
import { MAX_ENTITY_CHARS, decodeEntities } from "./xml-text.js";

/**
 * Receives events from XmlScanner. Element ids index the name table the scanner was built with
 * (local names, namespace prefix ignored); -1 for any other element.
 */
export interface XmlSink {
  /**
   * Returns -1, or a position in `scanner.buf` after the tag up to which the sink has consumed the
   * content itself. Sinks use this for their most common shapes (e.g. `<v>12</v></c>`), which is
   * much faster than a round of events per tag; anything unusual is left to the scanner.
   */
  open(id: number, selfClosing: boolean, scanner: XmlScanner): number;
  close(id: number): void;
  /** Raw character data: entities are not decoded yet, but never cut in half. */
  text(buf: string, start: number, end: number): void;
  /** CDATA content: literal, must not be entity-decoded. */
  cdata(buf: string, start: number, end: number): void;
}

const MODE_MARKUP = 0;
const MODE_COMMENT = 1;
const MODE_CDATA = 2;
const MODE_PI = 3;
const TERMINATORS = ["", "-->", "]]>", "?>"] as const;

function isPrefixOfSpecial(s: string): boolean {
  return "<!--".startsWith(s) || "<![CDATA[".startsWith(s);
}

/**
 * A push tokenizer for the XML subset SpreadsheetML uses. It is fed decoded string chunks and keeps
 * only an unconsumed tail (an incomplete tag, at most maxTagChars; a partial entity; two chars of a
 * comment/CDATA terminator), so memory does not grow with the part. Attributes of the current start
 * tag are exposed as index ranges into `buf` to avoid allocating per tag.
 */
export class XmlScanner {
  buf = "";
  /** Position of the ">" ending the current start tag. */
  gt = 0;
  nameStart = 0;
  nameEnd = 0;
  attrCount = 0;
  readonly attrNameStart: number[] = [];
  readonly attrNameEnd: number[] = [];
  readonly attrValueStart: number[] = [];
  readonly attrValueEnd: number[] = [];

  private tail = "";
  private mode = MODE_MARKUP;
  private selfClosing = false;
  private readonly single = new Int16Array(128).fill(-1);
  private readonly namesByLen: string[][] = [];
  private readonly idsByLen: number[][] = [];

  constructor(
    names: readonly string[],
    private readonly sink: XmlSink,
    private readonly maxTagChars: number,
    readonly loc: ErrorLocation,
  ) {
    names.forEach((name, id) => {
      if (name.length === 1) this.single[name.charCodeAt(0)] = id;
      (this.namesByLen[name.length] ??= []).push(name);
      (this.idsByLen[name.length] ??= []).push(id);
    });
  }

  feed(chunk: string): void {
    if (this.tail.length === 0) return this.scan(chunk, 0);
    // Complete the pending token with just the start of the chunk, up to its first ">", instead of
    // concatenating (and so copying) the whole chunk behind the tail.
    const gt = chunk.indexOf(">");
    const k = gt < 0 ? chunk.length : gt + 1;
    this.scan(this.tail + chunk.slice(0, k), 0);
    if (k === chunk.length) return;
    if (this.tail.length === 0) this.scan(chunk, k);
    else this.scan(this.tail + chunk.slice(k), 0); // '>' was inside an attribute value
  }

  private scan(buf: string, start: number): void {
    this.tail = "";
    this.buf = buf;
    const len = buf.length;
    const sink = this.sink;
    let pos = start;
    if (this.mode !== MODE_MARKUP) {
      pos = this.skipSpecial(buf, pos);
      if (pos < 0) return;
    }
    while (pos < len) {
      if (buf.charCodeAt(pos) !== 60 /* < */) {
        const lt = buf.indexOf("<", pos);
        if (lt === -1) {
          this.trailingText(buf, pos);
          return;
        }
        sink.text(buf, pos, lt);
        pos = lt;
      }
      if (pos + 1 >= len) return this.keep(buf, pos);
      const c1 = buf.charCodeAt(pos + 1);
      if (c1 === 47 /* / */) {
        const c2 = buf.charCodeAt(pos + 2);
        if (buf.charCodeAt(pos + 3) === 62 && c2 < 128) {
          sink.close(this.single[c2]!); // </c>, </v>: one-letter names are most of a sheet
          pos += 4;
          continue;
        }
        const gt = buf.indexOf(">", pos + 2);
        if (gt === -1) return this.keep(buf, pos);
        let end = gt;
        while (end > pos + 2 && buf.charCodeAt(end - 1) <= 32) end--;
        sink.close(this.lookup(buf, pos + 2, end));
        pos = gt + 1;
      } else if (c1 === 33 /* ! */) {
        if (buf.startsWith("<!--", pos)) {
          this.mode = MODE_COMMENT;
          pos = this.skipSpecial(buf, pos + 4);
        } else if (buf.startsWith("<![CDATA[", pos)) {
          this.mode = MODE_CDATA;
          pos = this.skipSpecial(buf, pos + 9);
        } else if (len - pos < 9 && isPrefixOfSpecial(buf.slice(pos))) {
          return this.keep(buf, pos);
        } else {
          // DOCTYPE, ENTITY, ATTLIST...: DTDs are never needed in OOXML and are how entity bombs start.
          throw doctypeError(this.loc);
        }
        if (pos < 0) return;
      } else if (c1 === 63 /* ? */) {
        this.mode = MODE_PI;
        pos = this.skipSpecial(buf, pos + 2);
        if (pos < 0) return;
      } else if (buf.charCodeAt(pos + 2) === 62 && c1 < 128 && c1 > 32 && c1 !== 62) {
        this.nameStart = pos + 1; // <v>, <t>: no attributes to parse
        this.nameEnd = pos + 2;
        this.attrCount = 0;
        this.gt = pos + 2;
        const next = sink.open(this.single[c1]!, false, this);
        pos = next < 0 ? pos + 3 : next;
      } else {
        if (!this.scanStartTag(buf, pos)) return this.keep(buf, pos);
        const next = sink.open(this.lookup(buf, pos + 1, this.nameEnd), this.selfClosing, this);
        pos = next < 0 ? this.gt + 1 : next;
      }
    }
  }

  /** End of input: anything still pending means the XML stopped in the middle of markup. */
  end(): void {
    const tail = this.tail;
    this.tail = "";
    if (this.mode !== MODE_MARKUP || tail.startsWith("<")) {
      if (tail.startsWith("<!") && !tail.startsWith("<!-") && !tail.startsWith("<![")) throw doctypeError(this.loc);
      throw malformedError("XML 内容在标记中间结束", this.loc);
    }
    if (tail.length > 0) this.sink.text(tail, 0, tail.length);
  }

  /** Index of the attribute with exactly this (qualified) name, or -1. */
  attrIndex(name: string): number {
    const buf = this.buf;
    for (let i = 0; i < this.attrCount; i++) {
      const s = this.attrNameStart[i]!;
      if (this.attrNameEnd[i]! - s === name.length && buf.startsWith(name, s)) return i;
    }
    return -1;
  }

  attrValue(i: number): string {
    return decodeEntities(this.buf.slice(this.attrValueStart[i], this.attrValueEnd[i]));
  }

  attr(name: string): string | undefined {
    const i = this.attrIndex(name);
    return i < 0 ? undefined : this.attrValue(i);
  }

  /** Local tag name of the current start tag; allocates, so only for the small parts. */
  tagName(): string {
    const raw = this.buf.slice(this.nameStart, this.nameEnd);
    const colon = raw.indexOf(":");
    return colon < 0 ? raw : raw.slice(colon + 1);
  }

  private keep(buf: string, pos: number): void {
    if (buf.length - pos > this.maxTagChars) {
      throw limitError("单个 XML 标记的长度", "maxTagChars", this.maxTagChars, this.loc);
    }
    this.tail = buf.slice(pos);
  }

  /** Text running to the end of the chunk; an entity possibly cut by the chunk boundary waits. */
  private trailingText(buf: string, pos: number): void {
    const len = buf.length;
    let end = len;
    const from = Math.max(pos, len - MAX_ENTITY_CHARS);
    for (let i = len - 1; i >= from; i--) {
      const c = buf.charCodeAt(i);
      if (c === 59 /* ; */) break;
      if (c === 38 /* & */) {
        end = i;
        break;
      }
    }
    // A CR at the chunk's end waits too: with an LF at the start of the next chunk it is one line end.
    if (end > pos && buf.charCodeAt(end - 1) === 13) end--;
    if (end > pos) this.sink.text(buf, pos, end);
    this.tail = end < len ? buf.slice(end) : "";
  }

  /** Inside a comment, CDATA section or PI: returns the position after it, or -1 if it continues. */
  private skipSpecial(buf: string, pos: number): number {
    const mode = this.mode;
    const term = TERMINATORS[mode]!;
    const idx = buf.indexOf(term, pos);
    if (idx === -1) {
      // Keep just enough to recognise a terminator split across chunks; CDATA text streams through.
      let keepFrom = Math.max(pos, buf.length - (term.length - 1));
      if (mode === MODE_CDATA && keepFrom > pos && buf.charCodeAt(keepFrom - 1) === 13) keepFrom--; // CR LF split across chunks
      if (mode === MODE_CDATA && keepFrom > pos) this.sink.cdata(buf, pos, keepFrom);
      this.tail = buf.slice(keepFrom);
      return -1;
    }
    if (mode === MODE_CDATA && idx > pos) this.sink.cdata(buf, pos, idx);
    this.mode = MODE_MARKUP;
    return idx + term.length;
  }

  private lookup(buf: string, start: number, end: number): number {
    for (let k = start; k < end; k++) {
      if (buf.charCodeAt(k) === 58 /* : */) {
        start = k + 1;
        break;
      }
    }
    const n = end - start;
    if (n === 1) {
      const c = buf.charCodeAt(start);
      return c < 128 ? this.single[c]! : -1;
    }
    const names = this.namesByLen[n];
    if (names === undefined) return -1;
    for (let j = 0; j < names.length; j++) {
      if (buf.startsWith(names[j]!, start)) return this.idsByLen[n]![j]!;
    }
    return -1;
  }

  /**
   * Parses "<name attr='v' ...>" starting at pos; false if the tag is not complete in buf.
   * Every loop below stops at the ">" found first, so none needs its own bounds check; a ">"
   * inside a quoted value is noticed when the closing quote lies beyond it. (indexOf beats a
   * char loop here even for the two-letter values of a sheet.)
   */
  private scanStartTag(buf: string, pos: number): boolean {
    let gt = buf.indexOf(">", pos + 1);
    if (gt < 0) return false;
    let i = pos + 1;
    let c = buf.charCodeAt(i);
    while (c > 32 && c !== 47 && c !== 62) c = buf.charCodeAt(++i);
    if (i === pos + 1) throw malformedError("XML 中出现了未转义的“<”", this.loc);
    this.nameStart = pos + 1;
    this.nameEnd = i;
    let n = 0;
    for (;;) {
      while (c <= 32) c = buf.charCodeAt(++i);
      if (c === 62 /* > */) {
        this.selfClosing = false;
        break;
      }
      if (c === 47 /* / */) {
        if (i + 1 !== gt) throw malformedError("XML 标记格式错误", this.loc);
        this.selfClosing = true;
        i = gt;
        break;
      }
      const ns = i;
      while (c > 32 && c !== 61 && c !== 62 && c !== 47) c = buf.charCodeAt(++i);
      const ne = i;
      while (c <= 32) c = buf.charCodeAt(++i);
      if (c !== 61 /* = */ || ne === ns) throw malformedError("XML 属性格式错误", this.loc);
      do c = buf.charCodeAt(++i);
      while (c <= 32);
      if (c !== 34 && c !== 39) throw malformedError("XML 属性值缺少引号", this.loc);
      const ve = buf.indexOf(c === 34 ? '"' : "'", i + 1);
      if (ve < 0) return false;
      if (ve > gt) {
        gt = buf.indexOf(">", ve + 1);
        if (gt < 0) return false;
      }
      this.attrNameStart[n] = ns;
      this.attrNameEnd[n] = ne;
      this.attrValueStart[n] = i + 1;
      this.attrValueEnd[n] = ve;
      n++;
      i = ve + 1;
      c = buf.charCodeAt(i);
    }
    this.attrCount = n;
    this.gt = i;
    return true;
  }
}
