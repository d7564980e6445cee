import type { EntryReader } from "./entry-stream.js";
import { type ErrorLocation, asReadError, limitError } from "./errors.js";
import type { ReadLimits } from "./limits.js";
import { StrictDecoder } from "./utf8.js";
import { type XmlSink, XmlScanner } from "./xml-scanner.js";
import { decodeEntities, decodeOoxmlEscapes, detach, normalizeLineEnds } from "./xml-text.js";
import type { ZipEntry } from "./zip.js";

const SI = 0;
const T = 1;
const RPH = 2;
const NAMES = ["si", "t", "rPh"];
const PRESERVE_T = '<t xml:space="preserve">';

/** Collects <si> texts: plain <t>, and rich-text runs <r><t> joined; phonetic <rPh> runs are not text. */
class SharedStringsSink implements XmlSink {
  readonly strings: string[] = [];
  private inSi = false;
  private inT = false;
  private phonetic = 0;
  private acc = "";

  constructor(
    private readonly limits: ReadLimits,
    private readonly loc: ErrorLocation,
  ) {}

  open(id: number, selfClosing: boolean, sc: XmlScanner): number {
    if (id === SI) {
      if (selfClosing) this.push("");
      else return this.openSi(sc);
    } else if (id === T) {
      if (!selfClosing && this.inSi && this.phonetic === 0) this.inT = true;
    } else if (id === RPH && !selfClosing) {
      this.phonetic++;
    }
    return -1;
  }

  /**
   * Fast path for the plain `<si><t>…</t></si>` every writer uses for unformatted text, and for
   * the run of them that usually follows. Anything else is left to the scanner's events, as if it
   * had read the `<si>` itself.
   */
  private openSi(sc: XmlScanner): number {
    const buf = sc.buf;
    let p = sc.gt + 1;
    let next = -1;
    for (;;) {
      const start = buf.startsWith("<t>", p) ? p + 3 : buf.startsWith(PRESERVE_T, p) ? p + PRESERVE_T.length : -1;
      if (start < 0) break;
      const lt = buf.indexOf("<", start);
      if (lt < 0 || !buf.startsWith("</t></si>", lt)) break;
      const text = decodeEntities(buf.slice(start, lt));
      if (text.length > this.limits.maxCellChars) this.tooLong();
      this.push(detach(decodeOoxmlEscapes(text)));
      p = lt + 9;
      if (!buf.startsWith("<si>", p)) return p;
      p += 4;
      next = p;
    }
    this.inSi = true;
    this.acc = "";
    return next;
  }

  close(id: number): void {
    if (id === T) this.inT = false;
    else if (id === RPH) this.phonetic = Math.max(0, this.phonetic - 1);
    else if (id === SI && this.inSi) {
      this.inSi = false;
      this.push(detach(decodeOoxmlEscapes(this.acc)));
      this.acc = "";
    }
  }

  text(buf: string, start: number, end: number): void {
    if (this.inT) this.append(decodeEntities(buf.slice(start, end)));
  }

  cdata(buf: string, start: number, end: number): void {
    if (this.inT) this.append(normalizeLineEnds(buf.slice(start, end)));
  }

  private append(s: string): void {
    if (this.acc.length + s.length > this.limits.maxCellChars) this.tooLong();
    this.acc = this.acc.length === 0 ? s : this.acc + s;
  }

  private tooLong(): never {
    throw limitError(`第 ${this.strings.length + 1} 个共享字符串的长度`, "maxCellChars", this.limits.maxCellChars, this.loc);
  }

  private chars = 0;

  private push(s: string): void {
    if (this.strings.length >= this.limits.maxSharedStrings) {
      throw limitError("共享字符串的数量", "maxSharedStrings", this.limits.maxSharedStrings, this.loc);
    }
    // The table stays in memory while the sheets are read: bound its text, not only its entries.
    this.chars += s.length;
    if (this.chars > this.limits.maxSharedStringChars) {
      throw limitError("共享字符串的总字符数", "maxSharedStringChars", this.limits.maxSharedStringChars, this.loc);
    }
    this.strings.push(s);
  }
}

export async function readSharedStrings(
  reader: EntryReader,
  entry: ZipEntry,
  limits: ReadLimits,
): Promise<string[]> {
  const loc = { part: entry.name };
  try {
    const sink = new SharedStringsSink(limits, loc);
    const scanner = new XmlScanner(NAMES, sink, limits.maxTagChars, loc);
    const decoder = new StrictDecoder(loc);
    for await (const chunk of reader.chunks(entry)) scanner.feed(decoder.decode(chunk));
    scanner.feed(decoder.decode());
    scanner.end();
    return sink.strings;
  } catch (e) {
    throw asReadError(e, loc);
  }
}
